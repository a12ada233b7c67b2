"""Items of an exercise and the detector's evidence for each: documents made of sentences,
snippets located in a text, one detector label per item with the findings behind it, and the
stance detector's sentence decisions."""

from __future__ import annotations

import math
from typing import Any, Callable, Iterable, Mapping, Sequence

import pandas as pd

from workbench.corpus import Document

# The label for "the detector (or the student) marks nothing here".
NONE = "none"
STUDENT = "you"
DETECTOR = "detector"
# One row per finding behind an item's label; ``item`` counts from 1 like the exercise's printout.
EVIDENCE_COLUMNS = ["item", "finding", "cue", "rule", "explanation", "score"]


# --------------------------------------------------------------------------- items


def exercise_document(doc_id: str, sentences: Sequence[str], *, separator: str = " ") -> tuple[Document, list[tuple[int, int]]]:
    """A document made of ``sentences`` joined by ``separator``, and each sentence's (start, end) span.

    The spans come from the join itself, not from the sentence splitter, so an item is always
    the sentence the lesson shows, whatever the segmenter decides.
    """
    spans: list[tuple[int, int]] = []
    pieces: list[str] = []
    offset = 0
    for i, sentence in enumerate(sentences):
        if i:
            pieces.append(separator)
            offset += len(separator)
        pieces.append(sentence)
        spans.append((offset, offset + len(sentence)))
        offset += len(sentence)
    return Document(doc_id, "".join(pieces)), spans


def locate(text: str, snippets: Iterable[str]) -> list[tuple[int, int]]:
    """The (start, end) span of each snippet in ``text``, searching left to right.

    Each snippet is looked for after the previous one, so repeated words resolve to the
    intended occurrence. Raises ``ValueError`` naming the snippet when one is missing.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    for snippet in snippets:
        start = text.find(snippet, position)
        if start < 0:
            raise ValueError(f"could not find {snippet!r} in the text after offset {position}; check the spelling in the exercise")
        spans.append((start, start + len(snippet)))
        position = start + len(snippet)
    return spans


def _layer_rows(findings: pd.DataFrame, layer: str, doc_id: str | None = None) -> pd.DataFrame:
    rows = findings[findings["layer"] == layer] if len(findings) else findings
    if doc_id is not None and len(rows):
        rows = rows[rows["doc_id"] == doc_id]
    return rows


def _ranked_overlaps(rows: pd.DataFrame, start: int, end: int) -> list[Any]:
    """The findings overlapping [start, end), best first: highest score, longest overlap, earliest start.

    Ties keep the findings' order, so the ranking is deterministic.
    """
    hits = []
    for row in rows.itertuples(index=False):
        overlap = min(end, int(row.end)) - max(start, int(row.start))
        if overlap > 0:
            hits.append(((float(row.score), overlap, -int(row.start)), row))
    hits.sort(key=lambda hit: hit[0], reverse=True)  # stable: equal keys stay in order
    return [row for _, row in hits]


def labels_for_spans(
    findings: pd.DataFrame,
    spans: Sequence[tuple[int, int]],
    *,
    layer: str,
    doc_id: str | None = None,
    default: str = NONE,
) -> list[str]:
    """One detector label per item span: the label of the best finding of ``layer`` that overlaps it.

    "Best" is the highest score, then the longest overlap, then the earliest start, so the
    choice is deterministic. An item no finding touches gets ``default``.
    """
    rows = _layer_rows(findings, layer, doc_id)
    labels = []
    for start, end in spans:
        ranked = _ranked_overlaps(rows, start, end)
        labels.append(str(ranked[0].label) if ranked else default)
    return labels


def _rule(extras: Any) -> str:
    """The rule that fired, from a finding's extras (``rule``, else ``type``); "" when it records none."""
    if not isinstance(extras, Mapping):
        return ""
    return str(extras.get("rule") or extras.get("type") or "")


def _evidence_row(item: int, row: Any) -> dict[str, Any]:
    return {
        "item": item,
        "finding": str(row.label),
        "cue": str(row.cue),
        "rule": _rule(row.extras),
        "explanation": str(row.explanation),
        "score": float(row.score),
    }


def evidence(
    findings: pd.DataFrame,
    spans: Sequence[tuple[int, int]],
    *,
    layer: str,
    doc_id: str | None = None,
    default: str = NONE,
) -> pd.DataFrame:
    """The detector's evidence for each item: the findings of ``layer`` that overlap it, best first.

    One row per finding (columns ``EVIDENCE_COLUMNS``: ``item`` counted from 1, the finding's
    label, ``cue``, ``rule`` from ``extras.rule`` or ``extras.type``, ``explanation``, ``score``).
    The first row of an item is the finding whose label :func:`labels_for_spans` gives it; an
    item no finding touches gets one row that says so, with the label ``default``.
    """
    rows = _layer_rows(findings, layer, doc_id)
    out = []
    for item, (start, end) in enumerate(spans, start=1):
        ranked = _ranked_overlaps(rows, start, end)
        out.extend(_evidence_row(item, row) for row in ranked)
        if not ranked:
            explanation = f"No {layer} finding touches this item, so the detector's label is {default!r}."
            out.append({"item": item, "finding": default, "cue": "", "rule": "", "explanation": explanation, "score": math.nan})
    return pd.DataFrame(out, columns=EVIDENCE_COLUMNS)


def _stance_sentence_model() -> tuple[Callable[[Document], pd.DataFrame] | None, float | None]:
    """The stance detector's ``sentence_uncertainty`` and its model threshold; (None, None) in a workbench without them."""
    try:
        from workbench.detectors import stance
        from workbench.detectors.stance.model import load_model
    except ImportError:  # the stance family is optional for these helpers
        return None, None
    function = getattr(stance, "sentence_uncertainty", None)
    if function is None:
        return None, None
    return function, float(load_model().get("threshold", 0.5))


def uncertainty_threshold() -> float | None:
    """The sentence model's threshold (its score ranks sentences; since issue 13 a sentence with a
    hedge is uncertain whatever its score); None without a sentence model."""
    return _stance_sentence_model()[1]


def stance_sentences(doc: Document, findings: pd.DataFrame | None = None) -> pd.DataFrame:
    """The stance detector's decision for every sentence of ``doc``.

    Columns ``doc_id, sentence`` (counted from 0, as in findings), ``start, end, uncertain,
    score, cues`` (``"label:text"`` of each stance cue). Comes from
    ``workbench.detectors.stance.sentence_uncertainty`` (a model over the cues); in a
    workbench without it a sentence is uncertain when it holds a ``hedge`` finding, the score
    is NaN, and the stance ``findings`` of ``doc`` must be passed.
    """
    sentence_uncertainty, _ = _stance_sentence_model()
    if sentence_uncertainty is not None:
        return sentence_uncertainty(doc)
    if findings is None:
        raise ValueError("the stance detector has no sentence_uncertainty here: pass the stance findings as `findings`")
    rows = _layer_rows(findings, "stance", doc.doc_id)
    out = []
    for index, (start, end) in enumerate(doc.segments.sentences):
        inside = rows[rows["sentence"] == index] if len(rows) else rows
        labels = [str(label) for label in inside["label"]] if len(inside) else []
        cues = [f"{label}:{text}" for label, text in zip(labels, inside["text"])] if labels else []
        out.append({"doc_id": doc.doc_id, "sentence": index, "start": start, "end": end, "uncertain": "hedge" in labels, "score": math.nan, "cues": cues})
    return pd.DataFrame(out, columns=["doc_id", "sentence", "start", "end", "uncertain", "score", "cues"])


def _quoted(words: Sequence[str]) -> str:
    return ", ".join(f"\u2018{w}\u2019" for w in words)


def _uncertainty_reason(uncertain: bool, score: float, cues: Sequence[str], threshold: float | None) -> str:
    """Why the detector calls a sentence certain or uncertain, in one or two sentences."""
    hedges = [cue.split(":", 1)[1] for cue in cues if cue.startswith("hedge:")]
    if not hedges:
        return "No hedge, so certain whatever the score (boosters and attributions alone never make a sentence uncertain)."
    if threshold is None or math.isnan(score):
        return f"The sentence holds the hedge(s) {_quoted(hedges)}, so it is uncertain (this workbench has no sentence model)."
    if uncertain:
        return (f"The sentence holds the hedge(s) {_quoted(hedges)}, so it is uncertain; the model's score {score:.2f} "
                "says how strongly its cues signal uncertainty (it ranks sentences, it does not decide).")
    return (
        f"The sentence holds the hedge(s) {_quoted(hedges)}, but the model's score {score:.2f} is below the threshold "
        f"{threshold:.2f}, so the detector calls it certain. This contradicts the hedge it highlights: a known limitation."
    )


def _sentences_of(table: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    return table[(table["start"] < end) & (table["end"] > start)]


def uncertainty_labels(doc: Document, spans: Sequence[tuple[int, int]], findings: pd.DataFrame | None = None) -> list[str]:
    """``uncertain`` or ``certain`` for each item span, as the stance detector sees it.

    An item is uncertain when a sentence of it is (see :func:`stance_sentences`; ``findings``
    are only needed in a workbench without the sentence model).
    """
    table = stance_sentences(doc, findings)
    return ["uncertain" if bool(_sentences_of(table, start, end)["uncertain"].any()) else "certain" for start, end in spans]


def uncertainty_evidence(doc: Document, spans: Sequence[tuple[int, int]], findings: pd.DataFrame) -> pd.DataFrame:
    """The evidence for :func:`uncertainty_labels`: per item, first the sentence decision, then each stance cue.

    The decision row (``finding`` certain/uncertain, ``rule`` "sentence model", ``score`` the
    model's score) explains the label: a hedge makes a sentence uncertain, and the score says how
    strongly; it would also say if the label contradicted a hedge the detector shows. The cue
    rows are the stance findings in the item, as in :func:`evidence`.
    """
    table = stance_sentences(doc, findings)
    threshold = uncertainty_threshold()
    rows = _layer_rows(findings, "stance", doc.doc_id)
    out = []
    for item, (start, end) in enumerate(spans, start=1):
        for sentence in _sentences_of(table, start, end).itertuples(index=False):
            out.append(
                {
                    "item": item,
                    "finding": "uncertain" if sentence.uncertain else "certain",
                    "cue": "(whole sentence)",
                    "rule": "sentence model",
                    "explanation": _uncertainty_reason(bool(sentence.uncertain), float(sentence.score), list(sentence.cues), threshold),
                    "score": float(sentence.score),
                }
            )
        out.extend(_evidence_row(item, row) for row in _ranked_overlaps(rows, start, end))
    return pd.DataFrame(out, columns=EVIDENCE_COLUMNS)


def uncertainty_table(doc: Document, findings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every sentence of ``doc`` that holds a stance cue, numbered from 1: text, cues, score, the detector's label and why.

    ``why`` says when the detector calls a sentence certain although it highlights a hedge in it.
    """
    table = stance_sentences(doc, findings)
    table = table[table["cues"].map(len) > 0]
    threshold = uncertainty_threshold()
    return pd.DataFrame(
        {
            "sentence": table["sentence"] + 1,
            "text": [doc.text[start:end] for start, end in zip(table["start"], table["end"])],
            "cues": table["cues"].map("; ".join),
            "score": table["score"],
            DETECTOR: table["uncertain"].map({True: "uncertain", False: "certain"}),
            "why": [_uncertainty_reason(bool(u), float(p), list(c), threshold) for u, p, c in zip(table["uncertain"], table["score"], table["cues"])],
        }
    ).set_index("sentence")
