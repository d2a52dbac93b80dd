"""The incident relevance model (data/relevance_model.json, trained on MUC-4 DEV by train_relevance.py), on
held-out MUC-4 TST1/TST2 messages (NIST/FBIS) and on its storage format."""

from __future__ import annotations

import datetime as dt

from transforms.extract.model import Document
from transforms.extract.relevance import RelevanceModel, load_model, mention_features
from transforms.extract.rules import RuleExtractor

# TST1-MUC3-0094: a rebel radio appeal; the "air bombings" are the army's and no incident is reported
APPEAL = ("   CLANDESTINE, 18 NOV 89 (RADIO VENCEREMOS) -- [TEXT] WE URGE THE U.S.\nGOVERNMENT TO IMMEDIATELY "
          "WITHDRAW FROM THE ILOPANGO AIR BASE THE U.S.\nPILOTS WHO ARE HERE TO PARTICIPATE IN AIR BOMBINGS "
          "DURING THE NIGHT TO\nRELIEVE THE TIRED AND GENOCIDAL PILOTS OF GENERAL JUAN RAFAEL BUSTILLO.\n\n   WE "
          "URGE THE U.S. EMBASSY TO WITHDRAW THE U.S. PILOTS.  OTHERWISE,\nTHE NEXT PLANES AND HELICOPTERS WILL BE "
          "DOWNED WITH U.S. PILOTS --\nLIKE THOSE WHO HAVE COME FROM A U.S. BASE IN HONDURAS -- ON BOARD.\n")
# TST2-MUC4-0015: a report of bank bombings
REPORT = ("   MEDELLIN, 27 AUG 89 (AFP) -- [TEXT] TODAY, MEDELLIN, COLOMBIA'S\nSECOND LARGEST CITY, ONCE AGAIN "
          "EXPERIENCED A TERRORIST ESCALATION\nWHEN SEVEN BANK BRANCH OFFICES WERE SHAKEN BY EXPLOSIVES THAT "
          "CAUSED\nHEAVY DAMAGE BUT NO FATALITIES, ACCORDING TO RADIO REPORTS BROADCAST\nIN BOGOTA (500 KM TO THE "
          "SOUTH).\n\n   THE TARGETS OF THE ATTACKS WERE THE BANCO CAFETERO BRANCHES AND ITS\nOFFICES IN "
          "MEDELLIN'S MIDDLE, WESTERN, AND SOUTHEASTERN AREAS.\n\n   ACCORDING TO PRELIMINARY REPORTS, OVER 55 KG "
          "OF DYNAMITE WERE USED\nIN THE ATTACKS.\n")


def test_model_is_shipped_and_drops_a_radio_appeal(extractor):
    assert extractor.relevance is not None
    ms = extractor.extract(Document("t", APPEAL, dt.date(1989, 11, 18)))
    assert ms and not [m for m in ms if m.included]
    assert any("low_relevance" in m.flags for m in ms)
    # without the model the rules alone would have kept it
    bare = RuleExtractor(relevance_model=False).extract(Document("t", APPEAL, dt.date(1989, 11, 18)))
    assert [m for m in bare if m.included]


def test_model_keeps_a_bombing_report(extractor):
    ms = [m for m in extractor.extract(Document("t", REPORT, dt.date(1989, 8, 27))) if m.included]
    assert any(m.fields["attacktype1"] == 3 for m in ms)


def test_model_applies_only_to_wire_messages(extractor):
    # no "PLACE, D MON YY --" dateline: a list row or a plain article is not scored by the wire-news model
    text = APPEAL.split("[TEXT] ", 1)[1]
    bare = [m.included for m in RuleExtractor(relevance_model=False).extract(Document("t", text, None))]
    assert [m.included for m in extractor.extract(Document("t", text, None))] == bare


def test_model_round_trip(tmp_path):
    model = RelevanceModel({"w:bomb": 1.5, "tag:speech": -2.0}, -0.25, 0.3)
    path = tmp_path / "m.json"
    path.write_text(model.to_json({"trained_on": "test"}), encoding="utf-8")
    back = load_model(path)
    assert back is not None and back.threshold == 0.3
    feats = mention_features("X -- [SPEECH] A BOMB.", 0, 20, {})
    assert "w:bomb" in feats and "tag:speech" in feats
    assert abs(back.score(feats) - model.score(feats)) < 1e-9
    assert load_model(tmp_path / "missing.json") is None


def test_threshold_is_the_highest_of_the_equally_good():
    # feature "good" marks every matched incident: every threshold separates them perfectly (a flat F1 curve),
    # and the trainer takes the highest of the equally good thresholds (fewer machine-coded false incidents)
    from transforms.extract.train_relevance import THRESHOLDS, choose_threshold

    feats = [{"good", f"n{i % 7}"} if i % 3 else {"bad", f"n{i % 7}"} for i in range(300)]
    labels = [1 if i % 3 else 0 for i in range(300)]
    threshold, f1, keep_all = choose_threshold(feats, labels, n_gold=sum(labels))
    assert threshold == max(THRESHOLDS)
    assert f1 > 0.99 > keep_all


def test_threshold_criterion_is_micro_f1_of_the_kept_incidents():
    # the trainer scores each threshold's kept incidents again with the MUC scorer: a spurious incident costs
    # every value it brings, and the criterion passed to choose_threshold decides which threshold wins
    import numpy as np

    from transforms.evaluate.gold import GoldIncident
    from transforms.extract.train_relevance import THRESHOLDS, Examples, choose_threshold

    gold = [GoldIncident("d1", "k1", fields={"attack": {"BOMBING"}, "country": 61, "nkill": 2})]
    rows = [{"doc_id": "d1", "attacktype1": 3, "country": 61, "nkill": 2},
            {"doc_id": "d2", "attacktype1": 1, "country": 61, "nkill": 0}]
    ex = Examples(feats=[{"a"}, {"b"}], labels=[1, 0], n_gold=1, rows=rows, gold=gold, doc_ids=["d1", "d2"])
    assert ex.micro_f1(np.array([True, False])) == 1.0
    assert ex.micro_f1(np.array([True, True])) == 2 * 3 / (6 + 3)
    assert ex.micro_f1(np.array([False, False])) == 0.0
    # seven kinds of incident, matched 10% to 70% of the time: their scores spread over the thresholds
    feats = [{f"n{i % 7}"} for i in range(700)]
    labels = [int(i % 10 <= i % 7) for i in range(700)]
    keep_all, _, _ = choose_threshold(feats, labels, n_gold=400, objective=lambda kept: float(kept.mean()))
    keep_few, _, _ = choose_threshold(feats, labels, n_gold=400, objective=lambda kept: -float(kept.mean()))
    # keeping everything: the highest threshold below the lowest kind's score (0.13); keeping few: the highest
    assert keep_all == 0.125 and keep_few == max(THRESHOLDS)
