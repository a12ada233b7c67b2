"""Helpers for the teaching notebooks in ``notebooks/lessons/``.

A lesson asks the student to label items (sentences, cues, questions) *before* running a
detector, then compares the two codings with Cohen's kappa (computed by
``nltk.metrics.agreement.AnnotationTask``). The helpers keep the notebooks short:

* :func:`exercise_document` builds a :class:`~workbench.corpus.Document` from a list of
  sentences and returns each sentence's character span;
* :func:`locate` finds given snippets (questions, marked cues) in a text, in order;
* :func:`labels_for_spans` turns a findings table into one detector label per item, and
  :func:`evidence` lists the findings behind each label (cue, rule, explanation);
* :func:`uncertainty_labels`, :func:`uncertainty_evidence` and :func:`uncertainty_table` give
  the stance detector's sentence decisions (certain or uncertain) with the model score;
* :func:`reader_table`, :func:`question_table`, :func:`frame_ranking` and
  :func:`dominant_frame` are the tables the lessons show, with sentences numbered from 1;
  :mod:`workbench.teaching_frames` has the frame instrument's questions and the detector's
  yes/no answer to each (lesson 3, exercise C);
* :func:`agreement` computes kappa, observed agreement and a confusion table;
* :func:`compare`, :func:`check_prediction` and :func:`check_predictions` are the
  student-facing self-checks: they *print* friendly feedback, with the detector's evidence
  for each disagreement, and never raise;
* :func:`assert_agreement` is the strict check at the end of a solutions notebook: it raises
  an ``AssertionError`` with a helpful message when something is really wrong.

Sentence numbers: findings count sentences from 0 (``sentence`` 0 is the first); every table
these helpers make for display counts from 1, as a reader does.
"""

from __future__ import annotations

import difflib
import math
import warnings
from typing import Any, Callable, Iterable, Mapping, Sequence

import pandas as pd

from workbench.corpus import Document

__all__ = [
    "NONE",
    "after_answer",
    "agreement",
    "assert_agreement",
    "check_labels",
    "check_prediction",
    "check_predictions",
    "compare",
    "disagreement_table",
    "dominant_frame",
    "evidence",
    "exercise_document",
    "frame_ranking",
    "interpret_kappa",
    "labels_for_spans",
    "locate",
    "normalise_label",
    "question_table",
    "reader_table",
    "setup_display",
    "stance_sentences",
    "uncertainty_evidence",
    "uncertainty_labels",
    "uncertainty_table",
    "uncertainty_threshold",
]

# The label for "the detector (or the student) marks nothing here".
NONE = "none"
STUDENT = "you"
DETECTOR = "detector"
# One row per finding behind an item's label; ``item`` counts from 1 like the exercise's printout.
EVIDENCE_COLUMNS = ["item", "finding", "cue", "rule", "explanation", "score"]

# Landis & Koch (1977) verbal bands: a convention for talking about kappa, not a test.
_KAPPA_BANDS = (
    (0.20, "slight"),
    (0.40, "fair"),
    (0.60, "moderate"),
    (0.80, "substantial"),
    (1.0, "almost perfect"),
)


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


# --------------------------------------------------------------------------- tables for display


def setup_display() -> None:
    """Display settings for the lessons: text columns (explanations) shown in full, and no tqdm
    warning where ipywidgets is missing (it would fall back to a text progress bar)."""
    warnings.filterwarnings("ignore", message="IProgress not found")
    pd.set_option("display.max_colwidth", None)


def reader_table(table: pd.DataFrame, columns: Sequence[str] | None = None, *, layer: str | None = None) -> pd.DataFrame:
    """``table`` (findings, a KWIC table: anything with a 0-based ``sentence`` column) indexed by sentence counted from 1.

    ``layer`` keeps only the findings of that layer; ``columns`` chooses the columns shown.
    """
    if layer is not None:
        table = table[table["layer"] == layer]
    shown = table.assign(sentence=table["sentence"].astype(int) + 1).set_index("sentence")
    return shown[list(columns)] if columns is not None else shown


def _extras(findings: pd.DataFrame) -> pd.Series:
    return findings["extras"].map(lambda e: dict(e) if isinstance(e, Mapping) else {})


def question_table(findings: pd.DataFrame, spans: Sequence[tuple[int, int]] | None = None) -> pd.DataFrame:
    """One row per question finding with its label and the evidence the detector recorded in extras.

    Indexed by ``sentence`` (counted from 1); with the exercise's question ``spans``, by
    ``question``, the number of the exercise question it overlaps ("" when none).
    """
    rows = _layer_rows(findings, "question")
    extras = _extras(rows)
    table = pd.DataFrame(
        {
            "sentence": rows["sentence"].astype(int) + 1,
            "label": rows["label"],
            "question": rows["text"],
            # "" rather than None, so pandas keeps series numbers as integers.
            "series": extras.map(lambda e: e.get("series", "")),
            "answered_by": extras.map(lambda e: (e.get("answered_by") or {}).get("text", "")),
            "attributed_to": extras.map(lambda e: e.get("attributed_to", "")),
            "explanation": rows["explanation"],
        }
    )
    if spans is None:
        return table.set_index("sentence")
    numbers = []
    for start, end in zip(rows["start"], rows["end"]):
        hits = [i for i, (s, e) in enumerate(spans, start=1) if min(e, int(end)) - max(s, int(start)) > 0]
        numbers.append(hits[0] if hits else "")
    return table.drop(columns="sentence").assign(number=numbers).set_index("number").rename_axis("question")


def frame_ranking(findings: pd.DataFrame, doc_id: str | None = None) -> pd.DataFrame:
    """The ``doc_frame`` ranking of one document (or of the only one): frame, whether it is present,
    the items (questions) answered yes and the explanation, indexed by rank (1 = dominant)."""
    rows = _layer_rows(findings, "doc_frame", doc_id)
    extras = _extras(rows)
    ranks = extras.map(lambda e: e.get("rank"))
    present = extras.map(lambda e: e.get("present", True))
    table = pd.DataFrame({"rank": ranks, "frame": rows["label"], "present": present, "cues": rows["cue"], "explanation": rows["explanation"]})
    return table.dropna(subset=["rank"]).astype({"rank": int}).sort_values("rank").set_index("rank")


def dominant_frame(findings: pd.DataFrame, doc_id: str | None = None) -> str:
    """The frame the detector ranks first for a document, or ``NONE`` when it finds no frame at all."""
    ranking = frame_ranking(findings, doc_id)
    return str(ranking["frame"].iloc[0]) if len(ranking) else NONE


# --------------------------------------------------------------------------- labels


def normalise_label(label: Any) -> str:
    """Lower case, trimmed, with spaces and hyphens as underscores (``"Information seeking"`` -> ``information_seeking``)."""
    text = str(label).strip().lower()
    return "_".join(text.replace("-", " ").split())


def _label_problems(answer: Any, *, n: int, allowed: Iterable[str] | None, name: str) -> str | None:
    """A friendly description of what is wrong with a student's label list, or None when it is usable."""
    if answer is None or answer is Ellipsis:
        return f"You have not filled in {name} yet: replace None with a list of {n} labels, one per item, then run this cell again."
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
        return f"{name} should be a list of {n} labels, like [\"a\", \"b\", ...]; it is a {type(answer).__name__}."
    answer = list(answer)
    if len(answer) != n:
        return f"{name} has {len(answer)} label(s) but there are {n} items: give exactly one label per item, in the order shown."
    missing = [i + 1 for i, label in enumerate(answer) if label is None or str(label).strip() in ("", "...", "?")]
    if missing:
        return f"{name} still has empty places at item(s) {', '.join(map(str, missing))}: choose a label for each."
    if allowed is not None:
        allowed = [normalise_label(a) for a in allowed]
        unknown = []
        for i, label in enumerate(answer):
            norm = normalise_label(label)
            if norm not in allowed:
                close = difflib.get_close_matches(norm, allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                unknown.append(f"item {i + 1}: {label!r}{hint}")
        if unknown:
            return f"{name} uses label(s) outside the label set {allowed}: " + "; ".join(unknown) + "."
    return None


def check_labels(answer: Any, *, n: int, allowed: Iterable[str] | None = None, name: str = "my_labels") -> bool:
    """Print a friendly message and return False when ``answer`` is missing or malformed; True when usable."""
    problem = _label_problems(answer, n=n, allowed=allowed, name=name)
    if problem:
        print(problem)
        return False
    print(f"{name}: {n} labels, all in the label set. Well done; now compare with the detector.")
    return True


# --------------------------------------------------------------------------- agreement


def interpret_kappa(kappa: float) -> str:
    """Landis & Koch's (1977) verbal band for a kappa value, or a note when it is undefined."""
    if kappa is None or (isinstance(kappa, float) and math.isnan(kappa)):
        return "undefined"
    if kappa < 0:
        return "poor (below chance)"
    for upper, words in _KAPPA_BANDS:
        if kappa <= upper:
            return words
    return _KAPPA_BANDS[-1][1]


def agreement(
    student_labels: Sequence[Any],
    detector_labels: Sequence[Any],
    *,
    labels: Sequence[str] | None = None,
    coders: tuple[str, str] = (STUDENT, DETECTOR),
) -> dict[str, Any]:
    """Cohen's kappa between two codings of the same items, with observed agreement and a confusion table.

    Returns ``kappa`` (``nan`` when undefined), ``observed`` and ``expected`` agreement,
    ``n``, ``table`` (rows: first coder, columns: second coder), ``disagreements`` (0-based
    item positions) and ``note`` (why kappa is undefined, else an empty string). Kappa is
    undefined when both codings use one and the same single label: chance agreement is
    then 1 and kappa's denominator is zero. Raises ``ValueError`` when the lists differ in
    length or are empty.
    """
    from nltk.metrics.agreement import AnnotationTask

    a = [normalise_label(x) for x in student_labels]
    b = [normalise_label(x) for x in detector_labels]
    if len(a) != len(b):
        raise ValueError(f"the two codings must label the same items: {len(a)} label(s) against {len(b)}")
    if not a:
        raise ValueError("there is nothing to compare: both codings are empty")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    categories = list(labels) if labels is not None else sorted(set(a) | set(b))
    categories = [normalise_label(c) for c in categories]
    categories += [c for c in sorted(set(a) | set(b)) if c not in categories]
    expected = sum((a.count(c) / n) * (b.count(c) / n) for c in categories)
    note = ""
    if math.isclose(expected, 1.0):
        kappa = float("nan")
        note = (
            f"Kappa is undefined here: both codings use only the label {a[0]!r}, so chance alone would "
            "give full agreement. Look at observed agreement instead, or use items with more variety."
        )
    else:
        task = AnnotationTask(data=[(coder, i, label) for coder, coding in zip(coders, (a, b)) for i, label in enumerate(coding)])
        try:
            kappa = float(task.kappa())
        except (ZeroDivisionError, ValueError) as error:  # older/newer NLTK differ on degenerate input
            kappa, note = float("nan"), f"NLTK could not compute kappa ({error})."
    table = pd.crosstab(
        pd.Categorical(a, categories=categories),
        pd.Categorical(b, categories=categories),
        rownames=[coders[0]],
        colnames=[coders[1]],
        dropna=False,
    )
    return {
        "kappa": kappa,
        "observed": observed,
        "expected": expected,
        "n": n,
        "table": table,
        "disagreements": [i for i, (x, y) in enumerate(zip(a, b)) if x != y],
        "note": note,
    }


def _show(obj: Any) -> None:
    try:
        from IPython.display import display
    except ImportError:  # plain Python: print is enough
        print(obj)
    else:
        display(obj)


def disagreement_table(
    student_labels: Sequence[Any],
    detector_labels: Sequence[str],
    *,
    items: Sequence[str] | None = None,
    evidence: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The items the two codings label differently, numbered from 1, with the detector's evidence for each.

    Without ``evidence``: one row per item (``text``, ``you``, ``detector``). With it (from
    :func:`evidence` or :func:`uncertainty_evidence`): one row per finding behind the
    detector's label, indexed by item, text and both labels, with the finding's label, cue,
    rule and explanation (no ``rule`` column when none of the findings records one).
    """
    student = [normalise_label(x) for x in student_labels]
    keys = ["item", *(["text"] if items is not None else []), STUDENT, DETECTOR]
    rows = []
    for i, (mine, theirs) in enumerate(zip(student, detector_labels)):
        if mine == normalise_label(theirs):
            continue
        head = {"item": i + 1, **({"text": items[i]} if items is not None else {}), STUDENT: mine, DETECTOR: theirs}
        if evidence is None:
            rows.append(head)
            continue
        found = evidence[evidence["item"] == i + 1]
        for row in found.itertuples(index=False):
            rows.append({**head, "finding": row.finding, "cue": row.cue, "rule": row.rule, "explanation": row.explanation})
        if not len(found):
            rows.append({**head, "finding": "", "cue": "", "rule": "", "explanation": "The detector recorded no evidence for this item."})
    columns = keys + ([] if evidence is None else ["finding", "cue", "rule", "explanation"])
    table = pd.DataFrame(rows, columns=columns)
    if evidence is None:
        return table.set_index("item")
    if len(table) and not table["rule"].astype(bool).any():  # detectors that record no rule (questions, frames)
        table = table.drop(columns="rule")
    return table.set_index(keys)


def compare(
    student_labels: Any,
    detector_labels: Sequence[str],
    *,
    items: Sequence[str] | None = None,
    allowed: Iterable[str] | None = None,
    name: str = "my_labels",
    evidence: pd.DataFrame | None = None,
    show: bool = True,
) -> dict[str, Any] | None:
    """The student-facing self-check: kappa, its reading, the confusion table and the items you disagree on.

    With ``evidence`` (from :func:`evidence` or :func:`uncertainty_evidence`), each
    disagreement comes with the detector's cue, rule and explanation, so the student sees
    *why* the detector labels the item as it does. Never raises: a missing or malformed
    answer prints what to fix and returns None. The detector's labels are only shown once
    the student has committed to an answer. The result of :func:`agreement` is returned with
    ``feedback``, the :func:`disagreement_table`.
    """
    allowed = list(allowed) if allowed is not None else None
    problem = _label_problems(student_labels, n=len(detector_labels), allowed=allowed, name=name)
    if problem:
        print(problem)
        return None
    result = agreement(list(student_labels), detector_labels, labels=allowed)
    result["feedback"] = disagreement_table(list(student_labels), detector_labels, items=items, evidence=evidence)
    if result["note"]:
        print(f"Observed agreement: {result['observed']:.0%} of {result['n']} items. {result['note']}")
    else:
        print(
            f"Cohen's kappa = {result['kappa']:.2f} ({interpret_kappa(result['kappa'])} agreement); "
            f"observed agreement {result['observed']:.0%}, chance agreement {result['expected']:.0%}, {result['n']} items."
        )
    if not result["disagreements"]:
        print("You and the detector agree on every item. Now ask: would a second human reader agree with both of you?")
    else:
        print(
            f"You disagree on {len(result['disagreements'])} item(s). Disagreement is not failure: "
            "read each one and decide who is right, and why."
        )
        if evidence is not None:
            print(
                "Below the confusion table, each of those items with the detector's evidence: the cue it found, "
                "the rule that fired and its explanation. The first row of an item decided the detector's label."
            )
    if show:
        _show(result["table"])
        if result["disagreements"]:
            _show(result["feedback"])
    return result


def after_answer(result: dict[str, Any] | None, view: Any, *, name: str = "my_labels") -> Any:
    """``view`` (the detector's evidence) once :func:`compare` has accepted an answer; otherwise a reminder and None.

    Keeps the detector's output out of sight until the student has committed to labels.
    """
    if result is None:
        print(f"Fill in {name} first: the detector's evidence is shown after you have committed to your labels.")
        return None
    return view


def check_prediction(
    prediction: Any,
    actual: str,
    *,
    allowed: Iterable[str] | None = None,
    name: str = "my_prediction",
    evidence: Any = None,
) -> bool | None:
    """Print whether a single predicted label matches the detector's; never raises. None when unanswered.

    ``evidence`` (e.g. the :func:`frame_ranking`) is shown when the two differ, so the student
    sees which cues led the detector elsewhere.
    """
    if prediction is None or prediction is Ellipsis or str(prediction).strip() == "":
        print(f"You have not filled in {name} yet: write one label as a string, e.g. \"conflict\", then run this cell again.")
        return None
    guess = normalise_label(prediction)
    if allowed is not None:
        allowed = [normalise_label(a) for a in allowed]
        if guess not in allowed:
            close = difflib.get_close_matches(guess, allowed, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            print(f"{name} = {prediction!r} is not one of {allowed}.{hint}")
            return None
    if guess == normalise_label(actual):
        print(f"{name}: you predicted {guess!r} and the detector ranks {actual!r} first. Same reading.")
        return True
    if evidence is None:
        print(f"{name}: you predicted {guess!r}, the detector ranks {actual!r} first. Look at the cues it lists: which reading is better supported?")
    else:
        print(f"{name}: you predicted {guess!r}, the detector ranks {actual!r} first. Its evidence below: which reading is better supported?")
        _show(evidence)
    return False


def check_predictions(
    predictions: Any,
    actual: Mapping[str, str],
    *,
    allowed: Iterable[str] | None = None,
    name: str = "my_predictions",
    evidence: Mapping[str, Any] | None = None,
) -> dict[str, bool | None]:
    """:func:`check_prediction` for each key of ``actual`` (e.g. one dominant frame per text); never raises.

    A prediction that is not a dict, or lacks a key, is reported like a blank answer.
    """
    if not isinstance(predictions, Mapping):
        print(f"{name} should be a dict with one label per text, {{{', '.join(repr(k) for k in actual)}}}; it is a {type(predictions).__name__}.")
        return {key: None for key in actual}
    return {
        key: check_prediction(
            predictions.get(key),
            label,
            allowed=allowed,
            name=f"{name}[{key!r}]",
            evidence=evidence.get(key) if evidence is not None else None,
        )
        for key, label in actual.items()
    }


def assert_agreement(
    student_labels: Any,
    detector_labels: Sequence[str],
    *,
    allowed: Iterable[str] | None = None,
    name: str = "my_labels",
    evidence: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """The strict check that ends a solutions notebook: raise AssertionError with a helpful message when something is really wrong.

    Checks that the answer is a complete list in the label set with one label per item,
    that the detector's labels are in the label set too, that kappa lies in [-1, 1] (or is
    undefined for a stated reason) and that observed agreement lies in [0, 1]. With
    ``evidence``, also that every item has evidence with an explanation and that its first
    row carries the detector's label (the feedback explains the label the student sees).
    It never checks how *much* the two agree: that depends on the detector's current
    version. Returns the :func:`agreement` result.
    """
    allowed = list(allowed) if allowed is not None else None
    problem = _label_problems(student_labels, n=len(detector_labels), allowed=allowed, name=name)
    assert problem is None, problem
    if allowed is not None:
        # NONE is how labels_for_spans marks "the detector found nothing here": always a valid answer.
        outside = sorted({normalise_label(x) for x in detector_labels} - {normalise_label(a) for a in allowed} - {NONE})
        assert not outside, f"the detector produced label(s) {outside} outside the lesson's label set {allowed}: update the lesson's label set"
    result = agreement(list(student_labels), detector_labels, labels=allowed)
    kappa = result["kappa"]
    if math.isnan(kappa):
        assert result["note"], "kappa is NaN without an explanation: this is a bug in workbench.teaching.agreement"
    else:
        assert -1.0 - 1e-9 <= kappa <= 1.0 + 1e-9, f"kappa = {kappa} is outside [-1, 1]: the agreement computation is broken"
    assert 0.0 <= result["observed"] <= 1.0, f"observed agreement {result['observed']} is outside [0, 1]"
    if evidence is not None:
        for item, label in enumerate(detector_labels, start=1):
            rows = evidence[evidence["item"] == item]
            assert len(rows), f"item {item} has no evidence: the feedback could not explain the detector's label {label!r}"
            assert all(str(e).strip() for e in rows["explanation"]), f"item {item} has evidence without an explanation"
            first = str(rows["finding"].iloc[0])
            assert first == label, f"item {item}: the evidence's first row says {first!r} but the detector's label is {label!r}"
    return result
