"""Score findings against gold annotations: precision, recall and F1 per layer and label.

Matching is one-to-one (a maximum matching) within the same doc_id, layer and label:

* ``exact`` — the same start and end;
* ``overlap`` — the spans share at least one character; for layers whose unit is the
  sentence (``frame``, ``question``: the unit each detector declares in the registry) both
  spans must fall in the same sentence, using the corpus segmentation when a corpus is
  given (otherwise overlap of the spans).

Layers whose unit is the whole document (``doc_frame``: the unit each detector declares)
are scored twice:

* as a ranking, by top-1 accuracy (label ``top1``): is the finding ranked 1 the gold's
  rank-1 label?
* as labels present or absent per document (one row per label, with ``macro`` and
  ``micro``): a row counts as present when its ``extras.present`` is true or missing (a
  hand-made gold lists only the labels present); a detector may rank every label and mark
  the absent ones ``present: false``.

Only documents and layers that the gold annotates are scored, so a gold file that covers
one layer does not count other layers' findings as false positives. A gold file is taken
to annotate each of its layers in each of its documents: score gold files that cover
different layers on different documents one at a time. A document the gold annotates as
having no label at all (no row) is named with ``documents=``: it is then scored too, and
every label predicted present there is a false positive.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Literal

import pandas as pd

from workbench.corpus import Corpus
from workbench.detectors.registry import layers_by_unit
from workbench.errors import InputError
from workbench.findings import normalise_frame, read_findings

MatchMode = Literal["exact", "overlap"]
MATCH_MODES = ("exact", "overlap")
SCORE_COLUMNS = ["layer", "label", "support", "predicted", "tp", "fp", "fn", "precision", "recall", "f1", "accuracy"]


def _as_frame(value: pd.DataFrame | str | Path) -> pd.DataFrame:
    if isinstance(value, (str, Path)):
        return read_findings(value)
    return normalise_frame(value)


def _sentence_of(corpus: Corpus | None, doc_id: str, start: int, end: int) -> tuple:
    """The sentence that holds most of the span; spans stand for themselves without a corpus."""
    if corpus is None:
        return (start, end)
    try:
        seg = corpus[doc_id].segments
    except KeyError:
        return (start, end)
    middle = (start + max(end - 1, start)) // 2
    return ("sentence", seg.sentence_index(middle))


def _matches(mode: MatchMode, by_sentence: bool, gold: tuple, pred: tuple) -> bool:
    if mode == "exact":
        return gold[0] == pred[0] and gold[1] == pred[1]
    if by_sentence and gold[2][0] == "sentence" and pred[2][0] == "sentence":
        return gold[2] == pred[2]
    return gold[0] < pred[1] and pred[0] < gold[1]


def _count(mode: MatchMode, by_sentence: bool, gold: list[tuple], pred: list[tuple]) -> int:
    """Size of a maximum one-to-one matching, so the score does not depend on row order."""
    candidates = [[j for j, p in enumerate(pred) if _matches(mode, by_sentence, g, p)] for g in gold]
    owner: dict[int, int] = {}  # prediction -> gold span it is matched to

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(1 for i in range(len(gold)) if augment(i, set()))


def matched_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]], *, match: MatchMode = "overlap") -> int:
    """How many gold spans a maximum one-to-one matching pairs with predicted spans (``(start, end)`` pairs)."""
    return _count(match, False, list(gold), list(pred))


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(
    findings: pd.DataFrame | str | Path,
    gold: pd.DataFrame | str | Path,
    *,
    match: MatchMode = "overlap",
    corpus: Corpus | None = None,
    layers: Iterable[str] | None = None,
    documents: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Scores per (layer, label), with ``macro`` and ``micro`` rows per layer and an ``ALL`` macro row.

    ``support`` is the number of gold spans and ``predicted`` the number of findings (for a
    document layer: documents with the label present in the gold, and predicted present).
    ``documents`` names the documents the gold annotates (default: those with a gold row).
    """
    if match not in MATCH_MODES:
        raise InputError(f"unknown match mode {match!r}; use one of {', '.join(MATCH_MODES)}")
    if corpus is not None and not isinstance(corpus, Corpus):
        corpus = Corpus(list(corpus))  # a plain list of documents works too
    pred_frame, gold_frame = _as_frame(findings), _as_frame(gold)
    chosen = set(layers) if layers is not None else set(gold_frame["layer"])
    docs = set(gold_frame["doc_id"]) | {str(d) for d in (documents or ())}
    pred_frame = pred_frame[pred_frame["layer"].isin(chosen) & pred_frame["doc_id"].isin(docs)]
    gold_frame = gold_frame[gold_frame["layer"].isin(chosen)]

    sentence_layers, document_layers = layers_by_unit("sentence"), layers_by_unit("document")
    rows: list[dict] = []
    for layer in sorted(chosen - document_layers):
        g_layer = gold_frame[gold_frame["layer"] == layer]
        p_layer = pred_frame[pred_frame["layer"] == layer]
        labels = sorted(set(g_layer["label"]) | set(p_layer["label"]))
        layer_rows = []
        for label in labels:
            tp = support = predicted = 0
            g_label = g_layer[g_layer["label"] == label]
            p_label = p_layer[p_layer["label"] == label]
            for doc_id in sorted(set(g_label["doc_id"]) | set(p_label["doc_id"])):
                g = [(s, e, _sentence_of(corpus, doc_id, s, e)) for s, e in g_label.loc[g_label["doc_id"] == doc_id, ["start", "end"]].itertuples(index=False)]
                p = [(s, e, _sentence_of(corpus, doc_id, s, e)) for s, e in p_label.loc[p_label["doc_id"] == doc_id, ["start", "end"]].itertuples(index=False)]
                tp += _count(match, layer in sentence_layers, g, p)
                support += len(g)
                predicted += len(p)
            fp, fn = predicted - tp, support - tp
            precision, recall, f1 = _prf(tp, fp, fn)
            layer_rows.append(dict(layer=layer, label=label, support=support, predicted=predicted, tp=tp, fp=fp, fn=fn, precision=precision, recall=recall, f1=f1))
        rows.extend(layer_rows)
        if layer_rows:
            rows.append(_macro(layer, layer_rows))
            rows.append(_micro(layer, layer_rows))
    for layer in sorted(chosen & document_layers):
        layer_rows = _presence(layer, pred_frame, gold_frame, docs)
        rows.extend(layer_rows)
        if layer_rows:
            rows.append(_macro(layer, layer_rows))
            rows.append(_micro(layer, layer_rows))
        rows.append(_top1(layer, pred_frame, gold_frame))
    label_rows = [r for r in rows if r["label"] not in ("macro", "micro") and r["layer"] not in document_layers]
    if label_rows:
        rows.append(_macro("ALL", label_rows))
    frame = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    for column in ("support", "predicted", "tp", "fp", "fn"):
        frame[column] = frame[column].fillna(0).astype("int64")
    return frame


def _macro(layer: str, rows: list[dict]) -> dict:
    n = len(rows)
    return dict(
        layer=layer,
        label="macro",
        support=sum(r["support"] for r in rows),
        predicted=sum(r["predicted"] for r in rows),
        tp=sum(r["tp"] for r in rows),
        fp=sum(r["fp"] for r in rows),
        fn=sum(r["fn"] for r in rows),
        precision=sum(r["precision"] for r in rows) / n,
        recall=sum(r["recall"] for r in rows) / n,
        f1=sum(r["f1"] for r in rows) / n,
    )


def _micro(layer: str, rows: list[dict]) -> dict:
    tp, fp, fn = (sum(r[k] for r in rows) for k in ("tp", "fp", "fn"))
    precision, recall, f1 = _prf(tp, fp, fn)
    return dict(layer=layer, label="micro", support=sum(r["support"] for r in rows), predicted=sum(r["predicted"] for r in rows), tp=tp, fp=fp, fn=fn, precision=precision, recall=recall, f1=f1)


def _present(frame: pd.DataFrame, layer: str, docs: set[str]) -> set[tuple[str, str]]:
    """(doc_id, label) pairs marked present: ``extras.present`` true or missing."""
    rows = frame[(frame["layer"] == layer) & frame["doc_id"].isin(docs)]
    out = set()
    for row in rows.itertuples(index=False):
        present = row.extras.get("present", True) if isinstance(row.extras, dict) else True
        if str(present).strip().lower() == "true":  # True, "true" or "True" (JSON, CSV, Parquet round trips)
            out.add((row.doc_id, row.label))
    return out


def _presence(layer: str, pred: pd.DataFrame, gold: pd.DataFrame, docs: set[str]) -> list[dict]:
    """Per label: P/R/F1 of the label being present in a document, over the scored documents."""
    gold_present = _present(gold, layer, docs)
    pred_present = _present(pred, layer, docs)
    labels = sorted({label for _, label in gold_present | pred_present} | set(gold.loc[gold["layer"] == layer, "label"]))
    rows = []
    for label in labels:
        g = {d for d, l in gold_present if l == label}
        p = {d for d, l in pred_present if l == label}
        tp, fp, fn = len(g & p), len(p - g), len(g - p)
        precision, recall, f1 = _prf(tp, fp, fn)
        rows.append(dict(layer=layer, label=label, support=len(g), predicted=len(p), tp=tp, fp=fp, fn=fn, precision=precision, recall=recall, f1=f1))
    return rows


def _rank_one(frame: pd.DataFrame) -> dict[str, str]:
    """doc_id -> label ranked 1 (a row without a rank counts as rank 1, as in hand-made gold)."""
    top = {}
    for row in frame.itertuples(index=False):
        rank = row.extras.get("rank", 1) if isinstance(row.extras, dict) else 1
        if int(rank) == 1 and row.doc_id not in top:
            top[row.doc_id] = row.label
    return top


def _top1(layer: str, pred: pd.DataFrame, gold: pd.DataFrame) -> dict:
    gold_top = _rank_one(gold[gold["layer"] == layer])
    pred_top = _rank_one(pred[pred["layer"] == layer])
    hits = sum(1 for doc_id, label in gold_top.items() if pred_top.get(doc_id) == label)
    n = len(gold_top)
    return dict(layer=layer, label="top1", support=n, predicted=len(pred_top), tp=hits, fp=len(pred_top) - hits, fn=n - hits, accuracy=hits / n if n else 0.0)


def format_scores(scores: pd.DataFrame) -> str:
    """A fixed-width table for the terminal."""
    shown = scores.copy()
    for column in ("precision", "recall", "f1", "accuracy"):
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:.3f}")
    return shown.to_string(index=False)
