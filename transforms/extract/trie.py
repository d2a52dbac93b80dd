"""Compile many phrases into ONE regular expression shaped like a trie, so a whole gazetteer (tens of
thousands of names) is matched in a single left-to-right pass instead of one pattern per name.

The pattern shares prefixes (``car(?: bomb(?:s|ing)?)?``), tries longer continuations first (so the longest
phrase wins) and requires word boundaries on both sides.
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
