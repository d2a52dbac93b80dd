"""The required-literal prefilter gives exactly the matches of the whole alternation, on real corpus text."""

from __future__ import annotations

import csv
import re

import pytest

from transforms.extract.model import Document
from transforms.extract.parallel import extract_stream
from transforms.extract.prefilter import FilteredAlternation, Guard, _cover, fold, required_strings
from transforms.extract.readers import iter_muc
from transforms.extract.rules import _FLATTEN, _SENT_SPLIT, _lower_same_length, _upper_case_copy


@pytest.mark.parametrize(("piece", "expected"), [
    (r"killed", {"killed"}),
    (r"\b(?:was|were) (?:killed|shot dead)", {"killed", "shot dead"}),  # the longest sure run wins
    (r"(?P<n>\d+) (?:people )?(?:wounded|injured)", {"wounded", "injured"}),
    (r"(?:killed|killing|kills) (?:\d+|a)", {"kill"}),  # the parser's shared prefix "kill" is what is sure
    (r"(?:killed)?\d+", None),  # nothing is sure to be there
    (r"(?:a|b)?(?i:killed)", None),  # flags: no bound claimed
])
def test_required_strings(piece, expected):
    found = required_strings(piece)
    assert (None if found is None else set(found)) == expected


def test_required_strings_occur_in_every_match():
    piece = r"(?<!no )(?:dead|died|dies|murdered|slain)\b"
    found = required_strings(piece)
    assert found is not None
    for word in ("dead", "died", "dies", "murdered", "slain"):
        assert re.fullmatch(piece, word) and any(s in word for s in found)


def test_cover_is_a_weaker_condition():
    strings = {"killed", "killing", "shot dead", "dead", "beaten to death", "burned to death", "wounded"}
    cover = _cover(strings)
    assert len(cover) < len(strings)
    assert all(any(c in s for c in cover) for s in strings)


def _sentences(fixtures):
    texts = [d.text for d in iter_muc((fixtures / "muc4" / "tst1-muc3-0001-0040").read_text(encoding="latin-1"))]
    with (fixtures / "wikipedia_list_rows_2015-2017_sample.csv").open(encoding="utf-8") as f:
        texts += [row["details"] for row in csv.DictReader(f)]
    for text in texts:
        low = _lower_same_length(text).translate(_FLATTEN)
        starts = [0] + [m.end() for m in _SENT_SPLIT.finditer(text)] + [len(low)]
        yield from ((low, a, b) for a, b in zip(starts, starts[1:], strict=False))


def _key(m: re.Match[str]):
    return m.start(), m.end(), m.lastgroup, m.groups(), sorted(m.groupdict().items(), key=lambda kv: kv[0])


def test_structure_matches_are_those_of_the_whole_alternation(extractor, fixtures):
    seen = switched_off = 0
    for structure in (extractor.lex.structure, extractor.lex.dates):
        for low, a, b in _sentences(fixtures):
            got = [_key(m) for m in structure.finditer(low, a, b)]
            assert got == [_key(m) for m in structure.pattern.finditer(low, a, b)], low[a:b]
            seen += len(got)
            switched_off += not all(structure.enabled(low, a, b))
    assert seen > 500 and switched_off > 100  # the sample exercises both matching and skipping


def test_switched_off_pieces_keep_their_groups():
    pieces = [r"(?P<toll>(?P<n>\d+) killed)", r"(?P<date>(?P<month>june|july) (?P<day>\d+))"]
    alt = FilteredAlternation(pieces, [[0], [1]], prefix=r"(?<![\w])")
    text = "on june 3 the rebels left"
    assert alt.enabled(text) == (False, True)
    [m] = alt.finditer(text)
    assert (m.lastgroup, m.group("day"), m.group("n")) == ("date", "3", None)
    assert list(alt.finditer("nothing here")) == []
    with pytest.raises(ValueError, match="every piece"):
        FilteredAlternation(pieces, [[0]])


def test_upper_case_copy():
    assert _upper_case_copy("SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) -- [TEXT] THE FMLN ATTACKED")
    assert not _upper_case_copy("Gunmen attacked a bus in Peshawar on Monday, police said.")


def test_parallel_extraction_in_small_batches_equals_serial(extractor, fixtures):
    docs = list(iter_muc((fixtures / "muc4" / "tst1-muc3-0001-0040").read_text(encoding="latin-1")))[:12]
    docs.append(Document("blank", "", None))
    serial = [m for _, m in extract_stream(extractor, docs, workers=1)]
    parallel = [m for _, m in extract_stream(extractor, docs, workers=2, batch_size=4)]
    assert parallel == serial


def test_guard_never_hides_a_match(fixtures):
    from transforms.extract import relevance

    patterns = (relevance._NEGATED, relevance._SUMMARY, relevance._MASS_TOLL)
    guards = [Guard(p) for p in patterns]
    assert all(g.strings for g in guards)
    skipped = found = 0
    for low, a, b in _sentences(fixtures):
        sentence = low[a:b].upper()  # the guard folds case as the patterns do
        for pattern, guard in zip(patterns, guards, strict=True):
            hit = pattern.search(sentence) is not None
            found += hit
            if not guard.may_match(sentence):
                assert not hit, sentence
                skipped += 1
    assert found and skipped > 1000


def test_guard_folds_the_letters_ignorecase_matches():
    guard = Guard(re.compile(r"\bshot (?:dead|killed)", re.IGNORECASE))
    assert sorted(guard.strings) == ["shot "]
    # the long s and the dotted capital I match "s" and "i" when case is ignored
    for text in ("Gunmen SHOT DEAD two", "\u017fhot dead", "was shot kİlled"):
        assert guard.pattern.search(text) and guard.may_match(text), text
    assert not guard.may_match("a bomb exploded")
    killed = Guard(re.compile(r"\bkilled\b", re.IGNORECASE))
    assert killed.pattern.search("K\u0130LLED") and killed.may_match("K\u0130LLED")
    assert fold("K\u212aİı\u017f") == "kkiis"
