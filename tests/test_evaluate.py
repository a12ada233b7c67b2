import pandas as pd
import pytest

from workbench.corpus import Corpus, Document
from workbench.evaluate import evaluate, format_scores


def row(label, start, end, layer="stance", doc="d", **extras):
    return {"doc_id": doc, "layer": layer, "label": label, "start": start, "end": end, "text": "", "extras": extras}


def score(scores, layer, label):
    return scores[(scores["layer"] == layer) & (scores["label"] == label)].iloc[0]


def test_exact_and_overlap_matching_hand_computed():
    gold = pd.DataFrame([row("hedge", 0, 5), row("hedge", 10, 15), row("booster", 20, 25)])
    pred = pd.DataFrame([row("hedge", 0, 5), row("hedge", 12, 18), row("hedge", 30, 31), row("booster", 40, 45)])
    exact = evaluate(pred, gold, match="exact")
    hedge = score(exact, "stance", "hedge")
    assert (hedge.tp, hedge.fp, hedge.fn) == (1, 2, 1)
    assert hedge.precision == pytest.approx(1 / 3) and hedge.recall == pytest.approx(0.5) and hedge.f1 == pytest.approx(0.4)
    overlap = evaluate(pred, gold, match="overlap")
    hedge = score(overlap, "stance", "hedge")
    assert (hedge.tp, hedge.fp, hedge.fn) == (2, 1, 0)
    booster = score(overlap, "stance", "booster")
    assert booster.f1 == 0
    macro = score(overlap, "stance", "macro")
    assert macro.f1 == pytest.approx((0.8 + 0.0) / 2)
    micro = score(overlap, "stance", "micro")
    assert (micro.tp, micro.fp, micro.fn) == (2, 2, 1)


def test_one_prediction_matches_one_gold_only():
    gold = pd.DataFrame([row("hedge", 0, 5), row("hedge", 3, 8)])
    pred = pd.DataFrame([row("hedge", 0, 10)])
    result = score(evaluate(pred, gold), "stance", "hedge")
    assert (result.tp, result.fp, result.fn) == (1, 0, 1)


def test_layers_and_documents_outside_the_gold_are_not_scored():
    gold = pd.DataFrame([row("hedge", 0, 5)])
    pred = pd.DataFrame([row("hedge", 0, 5), row("x", 0, 5, layer="loaded"), row("hedge", 0, 5, doc="other")])
    scores = evaluate(pred, gold)
    assert set(scores["layer"]) == {"stance", "ALL"}
    assert score(scores, "stance", "hedge").fp == 0


def test_sentence_layers_match_by_sentence_with_a_corpus():
    text = "First sentence here. Second sentence here."
    corpus = Corpus([Document("d", text)])
    gold = pd.DataFrame([row("conflict", 0, 20, layer="frame")])
    pred = pd.DataFrame([row("conflict", 6, 14, layer="frame"), row("conflict", 21, 42, layer="frame")])
    result = score(evaluate(pred, gold, corpus=corpus), "frame", "conflict")
    assert (result.tp, result.fp, result.fn) == (1, 1, 0)


def test_doc_frame_is_scored_by_top1_accuracy():
    gold = pd.DataFrame([row("economic", 0, 9, layer="doc_frame", doc="a"), row("conflict", 0, 9, layer="doc_frame", doc="b")])
    pred = pd.DataFrame([
        row("economic", 0, 9, layer="doc_frame", doc="a", rank=1), row("conflict", 0, 9, layer="doc_frame", doc="a", rank=2),
        row("morality", 0, 9, layer="doc_frame", doc="b", rank=1),
    ])
    top1 = score(evaluate(pred, gold), "doc_frame", "top1")
    assert top1.accuracy == pytest.approx(0.5) and top1.support == 2


def test_unknown_match_mode_and_printing():
    gold = pd.DataFrame([row("hedge", 0, 5)])
    with pytest.raises(ValueError, match="unknown match mode"):
        evaluate(gold, gold, match="fuzzy")
    text = format_scores(evaluate(gold, gold))
    assert "hedge" in text and "1.000" in text


def test_matching_does_not_depend_on_row_order():
    gold = pd.DataFrame([row("hedge", 0, 10), row("hedge", 8, 12)])
    for order in ([(9, 11), (0, 5)], [(0, 5), (9, 11)]):
        pred = pd.DataFrame([row("hedge", s, e) for s, e in order])
        assert score(evaluate(pred, gold), "stance", "hedge").tp == 2
