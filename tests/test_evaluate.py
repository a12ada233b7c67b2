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


def test_document_layers_are_also_scored_present_or_absent_per_label():
    # Gold lists the frames present (no "present" key, or present: true); the detector ranks
    # every frame and marks the absent ones present: false.
    gold = pd.DataFrame([
        row("economic", 0, 9, layer="doc_frame", doc="a"), row("conflict", 0, 9, layer="doc_frame", doc="a", present=True),
        row("conflict", 0, 9, layer="doc_frame", doc="b"),
    ])
    pred = pd.DataFrame([
        row("economic", 0, 9, layer="doc_frame", doc="a", rank=1, present=True),
        row("conflict", 0, 9, layer="doc_frame", doc="a", rank=2, present=False),
        row("conflict", 0, 9, layer="doc_frame", doc="b", rank=1, present=True),
        row("morality", 0, 9, layer="doc_frame", doc="b", rank=2, present=True),
        row("economic", 0, 9, layer="doc_frame", doc="c", rank=1, present=True),  # c is not in the gold
    ])
    scores = evaluate(pred, gold)
    economic, conflict, morality = (score(scores, "doc_frame", label) for label in ("economic", "conflict", "morality"))
    assert (economic.tp, economic.fp, economic.fn) == (1, 0, 0)
    assert (conflict.tp, conflict.fp, conflict.fn) == (1, 0, 1) and conflict.recall == pytest.approx(0.5)
    assert (morality.tp, morality.fp, morality.fn, morality.support) == (0, 1, 0, 0)
    micro = score(scores, "doc_frame", "micro")
    assert (micro.tp, micro.fp, micro.fn) == (2, 1, 1)
    assert score(scores, "doc_frame", "macro").f1 == pytest.approx((1.0 + 2 / 3 + 0.0) / 3)
    assert score(scores, "doc_frame", "top1").accuracy == pytest.approx(1.0)
    # "ALL" averages span and sentence layers only.
    assert "ALL" not in set(scores["layer"])


def test_a_document_without_gold_rows_is_scored_when_named():
    gold = pd.DataFrame([row("economic", 0, 9, layer="doc_frame", doc="a")])
    pred = pd.DataFrame([
        row("economic", 0, 9, layer="doc_frame", doc="a", rank=1, present=True),
        row("economic", 0, 9, layer="doc_frame", doc="empty", rank=1, present=True),
    ])
    assert score(evaluate(pred, gold), "doc_frame", "economic").fp == 0
    named = evaluate(pred, gold, documents=["a", "empty"])
    assert score(named, "doc_frame", "economic").fp == 1
    assert score(named, "doc_frame", "top1").support == 1  # rank-1 is scored where the gold has a frame


def test_document_scoring_is_keyed_on_the_registered_unit_not_the_layer_name():
    from workbench.detectors import Layer, register, unregister

    class Topic:
        name, layers = "toy-topic", ("doc_topic",)

        def detect(self, doc):
            return []

    register(Topic(), layers=[Layer("doc_topic", "document", ("sport", "politics"))])
    try:
        gold = pd.DataFrame([row("sport", 0, 9, layer="doc_topic", doc="a")])
        pred = pd.DataFrame([row("sport", 0, 9, layer="doc_topic", doc="a", rank=1), row("politics", 0, 9, layer="doc_topic", doc="a", rank=2, present=False)])
        scores = evaluate(pred, gold)
        assert score(scores, "doc_topic", "sport").f1 == 1.0
        assert "politics" not in set(scores["label"])  # ranked but marked absent: not a prediction
        assert score(scores, "doc_topic", "top1").accuracy == 1.0
    finally:
        unregister("toy-topic")
