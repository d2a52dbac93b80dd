"""The evaluator: gold readers, matching and scoring on tiny hand-checkable cases, and real key files."""

from __future__ import annotations

import datetime as dt

from transforms.evaluate.gold import GoldIncident
from transforms.evaluate.muc_keys import parse_date_fill, read_keys
from transforms.evaluate.names import perpetrator_matches, split_gold
from transforms.evaluate.score import score
from transforms.evaluate.wikipedia_gold import read_rows


def gold(doc, key, optional=False, **fields):
    return GoldIncident(doc_id=doc, key=key, optional=optional, fields=fields)


def test_scoring_by_hand():
    golds = [
        gold("d1", "d1#1", attack={"BOMBING"}, country={61}, nkill=2, perpetrator=["FMLN"]),
        gold("d1", "d1#2", attack={"KIDNAPPING"}, country={61}),
        gold("d2", "d2#1", optional=True, attack={"ATTACK"}),  # optional, not matched → not counted
    ]
    preds = [
        # matches d1#1 on attack class: attack ✓, country ✓, nkill ✗ (3 ≠ 2), perpetrator ✓
        {"doc_id": "d1", "attacktype1": 3, "country": 61, "nkill": 3,
         "gname": "Farabundo Marti National Liberation Front (FMLN)"},
        # spurious: agrees with d1#2 only on country (one field, not the attack class) → unmatched
        {"doc_id": "d1", "attacktype1": 7, "country": 61},
    ]
    s = score(preds, golds, ["attack", "country", "nkill", "perpetrator"]).as_dict()
    inc = s["incidents"]
    assert (inc["correct"], inc["predicted"], inc["gold"]) == (1, 2, 2)
    assert inc["precision"] == 0.5 and inc["recall"] == 0.5
    f = s["fields"]
    assert (f["attack"]["correct"], f["attack"]["predicted"], f["attack"]["gold"]) == (1, 2, 2)
    assert (f["country"]["correct"], f["country"]["predicted"], f["country"]["gold"]) == (1, 2, 2)
    assert (f["nkill"]["correct"], f["nkill"]["predicted"], f["nkill"]["gold"]) == (0, 1, 1)
    assert (f["perpetrator"]["correct"], f["perpetrator"]["predicted"], f["perpetrator"]["gold"]) == (1, 1, 1)
    assert s["micro"]["correct"] == 3 and s["micro"]["predicted"] == 6 and s["micro"]["gold"] == 6
    assert s["attack_class_accuracy_matched"] == 1.0


def test_optional_gold_counts_when_matched():
    golds = [gold("d", "d#1", optional=True, attack={"ATTACK"}, country={61})]
    s = score([{"doc_id": "d", "attacktype1": 1, "country": 61}], golds, ["attack", "country"]).as_dict()
    assert s["incidents"]["gold"] == 1 and s["incidents"]["correct"] == 1


def test_pair_needs_attack_class_or_two_other_fields():
    golds = [gold("d", "d#1", attack={"ARSON"}, country={61}, nkill=0)]
    one_field = score([{"doc_id": "d", "attacktype1": 3, "country": 61}], golds, ["attack", "country", "nkill"])
    two_fields = score([{"doc_id": "d", "attacktype1": 3, "country": 61, "nkill": 0}], golds,
                       ["attack", "country", "nkill"])
    assert one_field.matched == 0 and two_fields.matched == 1


def test_date_ranges_and_open_starts():
    assert parse_date_fill("30 DEC 89") == (dt.date(1989, 12, 30), dt.date(1989, 12, 30))
    assert parse_date_fill("26 DEC 89 - 30 DEC 89") == (dt.date(1989, 12, 26), dt.date(1989, 12, 30))
    assert parse_date_fill("- 08 JAN 90") == (None, dt.date(1990, 1, 8))
    assert parse_date_fill("-") is None


def test_perpetrator_names_allow_abbreviations():
    assert perpetrator_matches("Shining Path (SL)", ["SENDERO LUMINOSO"])
    assert perpetrator_matches("National Liberation Army of Colombia (ELN)", ["ARMY OF NATIONAL LIBERATION", "ELN"])
    assert perpetrator_matches("Tupac Amaru Revolutionary Movement (MRTA)", ["MRTA"])
    assert not perpetrator_matches("Shining Path (SL)", ["FMLN"])
    assert split_gold("Pakistani Taliban or al-Qaeda linked groups") == ["Pakistani Taliban", "al-Qaeda linked groups"]
    assert split_gold("Boko Haram (suspected)") == ["Boko Haram"]
    assert split_gold("Unknown") == []
    # a Wikipedia cell "X (Y)": the name and the group it belongs to are both names of the perpetrator
    assert split_gold("Ansar Bait al-Maqdis (Islamic State)") == ["Ansar Bait al-Maqdis", "Islamic State"]


def test_a_branch_matches_the_group_it_belongs_to():
    # GTD codes the regional branch; a list cell names the group ("ISIL claimed that its Tripoli branch ...")
    assert perpetrator_matches("Tripoli Province of the Islamic State", ["ISIL"])
    assert perpetrator_matches("Sinai Province of the Islamic State", split_gold("Ansar Bait al-Maqdis (ISIL)"))
    # not the other way round: the group is not each of its branches
    assert not perpetrator_matches("Islamic State of Iraq and the Levant (ISIL)", ["Tripoli Province"])


def test_muc_keys_fixture(fixtures):
    doc_ids, golds = read_keys([fixtures / "muc4" / "key-tst1-0001-0040.v7"])
    assert len(doc_ids) == 40
    first = [g for g in golds if g.doc_id == "TST1-MUC3-0001"]
    # templates 1, 3, 5, 6 are gold; 2 and 4 (ROBBERY, not an incident type we score) are not
    assert [g.key.split("#")[1] for g in first] == ["1", "3", "5", "6"]
    assert [sorted(g.fields["attack"]) for g in first] == [["ATTACK"], ["ARSON"], ["ATTACK"], ["ARSON"]]
    assert first[0].fields["country"] == {83}  # Guatemala's GTD code
    assert first[0].fields["place"] == {"SANTO TOMAS"}
    assert first[2].fields["date"] == (None, dt.date(1990, 2, 4))  # "- 04 FEB 90": on or before
    assert first[0].fields["nkill"] == 1  # the civilian whose effect is DEATH
    # no target with effect DEATH ("-" or "NO INJURY OR DEATH"): the sum of DEATH counts is 0, GTD's nkill = 0
    assert first[1].fields["nkill"] == 0
    # a DEATH effect whose count the key does not give: no usable figure, so no gold nkill (GTD: blank)
    assert next(g for g in golds if g.doc_id == "TST1-MUC3-0026").fields.get("nkill") is None
    assert first[0].fields["perpetrator"] == ["GUATEMALAN NATIONAL REVOLUTIONARY UNITY", "URNG"]
    assert first[0].fields["target"] == {2, 14}


def test_wikipedia_rows_fixture(fixtures):
    rows = list(read_rows(fixtures / "wikipedia_list_rows_2015-2017_sample.csv"))
    assert len(rows) == 296
    doc, g = rows[0]
    assert doc.published_at == dt.date(2015, 1, 1)
    assert g.fields["nkill"] == 15  # "15–25+" → the lowest figure
    assert g.fields["perpetrator"] == ["Boko Haram"]
    assert g.fields["attack"] == {"ATTACK"} and g.fields["weapon"] == {5}
