"""Helpers for the teaching notebooks in ``notebooks/lessons/``.

A lesson asks the student to label items (sentences, cues, questions) *before* running a
detector, then compares the two codings with Cohen's kappa (computed by
``nltk.metrics.agreement.AnnotationTask``). The helpers keep the notebooks short:

* :func:`exercise_document` builds a :class:`~workbench.corpus.Document` from a list of
  sentences and returns each sentence's character span;
* :func:`locate` finds given snippets (questions, marked cues) in a text, in order;
* :func:`labels_for_spans` turns a findings table into one detector label per item;
* :func:`agreement` computes kappa, observed agreement and a confusion table;
* :func:`compare` and :func:`check_prediction` are the student-facing self-checks: they
  *print* friendly feedback and never raise;
* :func:`assert_agreement` is the strict check at the end of a solutions notebook: it raises
  an ``AssertionError`` with a helpful message when something is really wrong.
"""

from __future__ import annotations

import difflib
import math
from typing import Any, Iterable, Sequence

import pandas as pd

from workbench.corpus import Document

__all__ = [
    "NONE",
    "after_answer",
    "agreement",
    "assert_agreement",
    "check_labels",
    "check_prediction",
    "compare",
    "exercise_document",
    "interpret_kappa",
    "labels_for_spans",
    "locate",
    "normalise_label",
    "uncertainty_labels",
]

# The label for "the detector (or the student) marks nothing here".
NONE = "none"
STUDENT = "you"
DETECTOR = "detector"

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
    rows = findings[findings["layer"] == layer] if len(findings) else findings
    if doc_id is not None and len(rows):
        rows = rows[rows["doc_id"] == doc_id]
    labels = []
    for start, end in spans:
        best: tuple[float, int, int] | None = None
        label = default
        for row in rows.itertuples(index=False):
            overlap = min(end, int(row.end)) - max(start, int(row.start))
            if overlap <= 0:
                continue
            key = (float(row.score), overlap, -int(row.start))
            if best is None or key > best:
                best, label = key, str(row.label)
        labels.append(label)
    return labels


def uncertainty_labels(doc: Document, spans: Sequence[tuple[int, int]], findings: pd.DataFrame | None = None) -> list[str]:
    """``uncertain`` or ``certain`` for each item span, as the stance detector sees it.

    Uses ``workbench.detectors.stance.sentence_uncertainty`` when it exists (a sentence of the
    item is uncertain); otherwise falls back to "the item holds a hedge finding".
    """
    try:
        from workbench.detectors import stance
    except ImportError:  # the stance family is optional for this helper
        stance = None
    if stance is not None and hasattr(stance, "sentence_uncertainty"):
        table = stance.sentence_uncertainty(doc)
        out = []
        for start, end in spans:
            inside = table[(table["start"] < end) & (table["end"] > start)]
            out.append("uncertain" if bool(inside["uncertain"].any()) else "certain")
        return out
    if findings is None:
        raise ValueError("the stance detector has no sentence_uncertainty here: pass the stance findings as `findings`")
    hedges = labels_for_spans(findings[findings["label"] == "hedge"], spans, layer="stance", doc_id=doc.doc_id)
    return ["uncertain" if label == "hedge" else "certain" for label in hedges]


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


def compare(
    student_labels: Any,
    detector_labels: Sequence[str],
    *,
    items: Sequence[str] | None = None,
    allowed: Iterable[str] | None = None,
    name: str = "my_labels",
    show: bool = True,
) -> dict[str, Any] | None:
    """The student-facing self-check: kappa, its reading, the confusion table and the items you disagree on.

    Never raises: a missing or malformed answer prints what to fix and returns None. The
    detector's labels are only shown once the student has committed to an answer.
    """
    allowed = list(allowed) if allowed is not None else None
    problem = _label_problems(student_labels, n=len(detector_labels), allowed=allowed, name=name)
    if problem:
        print(problem)
        return None
    result = agreement(list(student_labels), detector_labels, labels=allowed)
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
    if show:
        _show(result["table"])
        if result["disagreements"]:
            rows = [
                {
                    "item": i + 1,
                    **({"text": items[i]} if items is not None else {}),
                    STUDENT: normalise_label(list(student_labels)[i]),
                    DETECTOR: detector_labels[i],
                }
                for i in result["disagreements"]
            ]
            _show(pd.DataFrame(rows).set_index("item"))
    return result


def after_answer(result: dict[str, Any] | None, view: Any, *, name: str = "my_labels") -> Any:
    """``view`` (the detector's evidence) once :func:`compare` has accepted an answer; otherwise a reminder and None.

    Keeps the detector's output out of sight until the student has committed to labels.
    """
    if result is None:
        print(f"Fill in {name} first: the detector's evidence is shown after you have committed to your labels.")
        return None
    return view


def check_prediction(prediction: Any, actual: str, *, allowed: Iterable[str] | None = None, name: str = "my_prediction") -> bool | None:
    """Print whether a single predicted label matches the detector's; never raises. None when unanswered."""
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
    print(f"{name}: you predicted {guess!r}, the detector ranks {actual!r} first. Look at the cues it lists: which reading is better supported?")
    return False


def assert_agreement(
    student_labels: Any,
    detector_labels: Sequence[str],
    *,
    allowed: Iterable[str] | None = None,
    name: str = "my_labels",
) -> dict[str, Any]:
    """The strict check that ends a solutions notebook: raise AssertionError with a helpful message when something is really wrong.

    Checks that the answer is a complete list in the label set with one label per item,
    that the detector's labels are in the label set too, that kappa lies in [-1, 1] (or is
    undefined for a stated reason) and that observed agreement lies in [0, 1]. It never
    checks how *much* the two agree: that depends on the detector's current version.
    Returns the :func:`agreement` result.
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
    return result
