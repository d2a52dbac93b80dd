"""The gazetteer's one-pass matcher (Aho–Corasick) finds exactly what the trie-shaped regex finds."""

from __future__ import annotations

import csv
import re

from transforms.extract.readers import iter_muc
from transforms.extract.rules import _FLATTEN, _lower_same_length
from transforms.extract.trie import PhraseMatcher, trie_regex


def _regex_spans(phrases: list[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(trie_regex(phrases), text)]


def test_boundaries_longest_phrase_and_no_overlap():
    phrases = ["car bomb", "bomb", "bombs", "car", "ak-47", "bomb attack", "attack", "'s"]
    matcher = PhraseMatcher(phrases)
    cases = {
        "a car bomb exploded": [(2, 10)],  # the longest phrase at a start wins
        "scar bomb": [(5, 9)],  # "car bomb" touches a letter: only "bomb" is a match
        "bombsite, bombs, bomb_x, bombé": [(10, 15)],  # \w as re reads it: letters, digits, "_", accents
        "an ak-47 and a bomb attack": [(3, 8), (15, 26)],
        "car bombattack": [(0, 3)],  # the longer phrases end inside a word; "car" alone is left
        "the bomb's": [(4, 8)],  # "'s" follows a letter: no match
    }
    for text, spans in cases.items():
        assert matcher.spans(text) == spans == _regex_spans(phrases, text), text


def test_same_matches_as_the_regex_on_corpus_text(extractor, fixtures):
    phrases = sorted(extractor.lex.entries)
    regex = re.compile(trie_regex(phrases))
    texts = [d.text for d in iter_muc((fixtures / "muc4" / "tst1-muc3-0001-0040").read_text(encoding="latin-1"))]
    with (fixtures / "wikipedia_list_rows_2015-2017_sample.csv").open(encoding="utf-8") as f:
        texts += [row["details"] for row in csv.DictReader(f)]
    seen = 0
    for text in texts:
        low = _lower_same_length(text).translate(_FLATTEN)
        got = extractor.lex.matcher.spans(low)
        assert got == [m.span() for m in regex.finditer(low)], text[:80]
        seen += len(got)
    assert seen > 2000
