"""Match a whole gazetteer (tens of thousands of phrases) in one left-to-right pass, not one pattern per name.

``PhraseMatcher`` (an Aho–Corasick automaton) is what the extractor runs. ``trie_regex`` states the same
matching rules as one regular expression shaped like a trie: it shares prefixes (``car(?: bomb(?:s|ing)?)?``),
tries longer continuations first (so the longest phrase wins) and requires word boundaries on both sides. It is
the reference the matcher is tested against (``tests/extract/test_trie.py``) and no longer runs in extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""


def _insert(trie: dict, phrase: str) -> None:
    node = trie
    for ch in phrase:
        node = node.setdefault(ch, {})
    node[_END] = True


def _pattern(node: dict) -> str:
    ends = _END in node
    branches = [re.escape(ch) + _pattern(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


def trie_regex(phrases: Iterable[str]) -> str:
    """A regex source matching any of ``phrases`` (already lower-cased), longest first, at word boundaries."""
    trie: dict = {}
    for p in phrases:
        if p:
            _insert(trie, p)
    return r"(?<![\w])(?:" + _pattern(trie) + r")(?![\w])"


class PhraseMatcher:
    """The matches of ``trie_regex(phrases)``, found with an Aho–Corasick automaton (``pyahocorasick``, C).

    Same rules as the trie-shaped regex, which it replaces in the one-pass scan because it is about 1.6× faster
    there (the regex tries its alternation at every word start in Python's backtracking engine): a match may
    not touch a word character (``\\w``, as ``re`` reads it: ``str.isalnum()`` or ``_``) on either side; at
    each start the longest phrase with such boundaries wins; matches do not overlap, leftmost first.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        import ahocorasick  # C extension; imported here so that trie_regex needs nothing

        self._automaton = ahocorasick.Automaton()
        for p in phrases:
            if p:
                self._automaton.add_word(p, len(p))
        self._automaton.make_automaton()

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every match, in order."""
        n = len(text)
        longest: dict[int, int] = {}
        for last, size in self._automaton.iter(text):
            start = last - size + 1
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue
            after = last + 1
            if after < n and (text[after].isalnum() or text[after] == "_"):
                continue
            if longest.get(start, 0) < size:
                longest[start] = size
        out: list[tuple[int, int]] = []
        pos = 0
        for start in sorted(longest):
            if start >= pos:
                pos = start + longest[start]
                out.append((start, pos))
        return out
