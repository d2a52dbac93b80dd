"""Run a big alternation of pieces only where its pieces can match: a required-literal prefilter.

Python's regular expression engine tries every alternative of a pattern at every word start. The structure
expression (casualty figures, dates, place phrases: sixteen pieces, some opening with look-behinds and number
words) cost a fifth of the extractor's time that way, much of it in sentences where few or no pieces can match.

Every piece has words that any match of it must contain ("killed", "dead", ... for a death toll; a month name
for a date). This module reads them off the parsed pattern itself, so they cannot drift from the pattern:
for a sequence, one item that every match consumes (a run of literal characters, or a group whose every
alternative has such a run); for an alternation, the union over its alternatives. Before a text region is
scanned, the pieces whose required words are all absent from it are switched off (in families, see
``FilteredAlternation``). They stay in the pattern as an always-failing ``(?!)`` followed by empty groups of
the same names and numbers, so group names and numbers, ``lastgroup`` and the order of alternatives are
unchanged, and the matches are exactly those of ``re.finditer`` over the whole alternation. A piece the
analysis cannot bound (only optional parts, a back-reference, inline flags) is always on.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from re import _constants as C  # noqa: N812  (the engine's opcodes, read-only)
from re import _parser

Required = frozenset[str] | None  # one of these strings occurs in every match; None: no bound known


def _minimal(strings: set[str]) -> frozenset[str]:
    """Drop strings that contain another one of the set: where the longer occurs, the shorter does too."""
    return frozenset(s for s in strings if not any(t != s and t in s for t in strings))


def _seq_required(seq) -> Required:  # noqa: ANN001  (the parser's untyped tuples)
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in seq:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append(frozenset(["".join(run)]))
            run = []
        found = _item_required(op, av)
        if found:
            candidates.append(found)
    if run:
        candidates.append(frozenset(["".join(run)]))
    if not candidates:
        return None
    # the most selective: the set whose shortest string is longest, then the one with fewer strings
    return max(candidates, key=lambda s: (min(map(len, s)), -len(s), sorted(s)))


def _item_required(op, av) -> Required:  # noqa: ANN001
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _seq_required(sub)
    if op is C.ATOMIC_GROUP:
        return _seq_required(av)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, sub = av
        return _seq_required(sub) if low >= 1 else None
    if op is C.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            found = _seq_required(alternative)
            if not found:
                return None
            out |= found
        return _minimal(out)
    return None  # look-arounds (not consumed), classes, any character, back-references


def required_strings(piece: str, flags: int = 0) -> Required:
    """Strings one of which every match of ``piece`` contains (None: the analysis finds no bound).

    With ``re.IGNORECASE`` the strings are lower case and hold for ``fold(text)``; a bound is given then only
    when every string is ASCII (the characters that match an ASCII letter regardless of case are the letter's
    two cases and four others, which ``fold`` maps)."""
    flags |= re.compile(piece).flags
    if flags & re.VERBOSE:
        return None
    found = _seq_required(_parser.parse(piece, flags))
    if not found:
        return None
    if flags & re.IGNORECASE:
        if not all(s.isascii() for s in found):
            return None
        found = frozenset(s.lower() for s in found)
    return _minimal(set(found))


#: The non-ASCII characters that ``re.IGNORECASE`` matches to ASCII letters (see the ``re`` documentation).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """``text`` as case-insensitive matching sees its ASCII letters: lower case, the four special letters mapped."""
    return text.translate(_FOLD).lower()


class Guard:
    """Whether ``pattern`` can match a text at all, from the strings every match of it contains.

    ``may_match(fold(text))`` is False only where ``pattern.search(text)`` finds nothing; a pattern the analysis
    cannot bound always may match. (Case-sensitive patterns are tested on the text itself.)"""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.folds = bool(pattern.flags & re.IGNORECASE)
        self.strings = required_strings(pattern.pattern, pattern.flags)

    def may_match(self, text: str, folded: str | None = None) -> bool:
        if self.strings is None:
            return True
        if self.folds:
            text = fold(text) if folded is None else folded
        return any(s in text for s in self.strings)

    def search(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        """``pattern.search(text)``, skipped where ``may_match`` rules a match out."""
        return self.pattern.search(text) if self.may_match(text, folded) else None


def _cover(strings: set[str], shortest: int = 4) -> tuple[str, ...]:
    """Fewer, shorter strings of which every one of ``strings`` contains one ("kill" for "killed", "killing").

    Testing for these is a weaker condition than testing for ``strings`` (a region may hold "kill" in "skill"),
    so it switches a family on at least wherever ``strings`` would: never fewer matches, only fewer tests.
    Greedy: the substring (of ``shortest`` characters or more) found in the most strings not yet covered.
    """
    left, out = set(strings), []
    while left:
        found: dict[str, set[str]] = {}
        for s in left:
            subs = {s} if len(s) <= shortest else {s[i:j] for i in range(len(s))
                                                   for j in range(i + shortest, len(s) + 1)}
            for sub in subs:
                found.setdefault(sub, set()).add(s)
        best = max(found, key=lambda sub: (len(found[sub]), len(sub), sub))
        out.append(best)
        left -= found[best]
    return tuple(sorted(out))


def _shell(piece: str) -> str:
    """A piece that never matches but has the piece's groups (the same names, in the same order)."""
    compiled = re.compile(piece)
    names = {number: name for name, number in compiled.groupindex.items()}
    return "(?!)" + "".join(f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, compiled.groups + 1))


class FilteredAlternation:
    """``re.compile(prefix + "(?:" + "|".join(pieces) + ")")`` whose ``finditer`` skips pieces that cannot match.

    Pieces are switched in ``families`` (lists of piece indexes; every piece in one): a family is on in a region
    where a required string of one of its pieces occurs. All ``2 ** len(families)`` variants are compiled here,
    once (before worker processes fork), because compiling the large pieces costs more than scanning with them.
    ``prefix`` must be zero width (a look-behind): the required strings are read off the pieces alone.
    """

    def __init__(self, pieces: list[str], families: list[list[int]], prefix: str = "") -> None:
        if sorted(i for f in families for i in f) != list(range(len(pieces))):
            raise ValueError("families must hold every piece exactly once")
        self.pattern = re.compile(prefix + "(?:" + "|".join(pieces) + ")")
        self.required = [required_strings(p) for p in pieces]
        # per family, the strings of which one must occur (None: the family is always on); plain substring
        # tests are about twice as fast here as one search for an alternation of them
        self._triggers: list[tuple[str, ...] | None] = []
        for family in families:
            found = [self.required[i] for i in family]
            union = set().union(*(r for r in found if r))
            self._triggers.append(None if any(r is None for r in found) else _cover(union))
        shells = [_shell(p) for p in pieces]
        self._variants: dict[tuple[bool, ...], re.Pattern[str] | None] = {}
        for on in itertools.product((False, True), repeat=len(families)):
            keep = {i for f, o in zip(families, on, strict=True) if o for i in f}
            if not keep:
                self._variants[on] = None
            elif len(keep) == len(pieces):
                self._variants[on] = self.pattern
            else:
                alternatives = [p if i in keep else shells[i] for i, p in enumerate(pieces)]
                self._variants[on] = re.compile(prefix + "(?:" + "|".join(alternatives) + ")")

    def enabled(self, text: str, pos: int = 0, endpos: int | None = None) -> tuple[bool, ...]:
        """Which families can match inside ``text[pos:endpos]``."""
        region = text[pos:endpos]
        return tuple(t is None or any(s in region for s in t) for t in self._triggers)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        rx = self._variants[self.enabled(text, pos, end)]
        return iter(()) if rx is None else rx.finditer(text, pos, end)
