"""Student labels checked, compared with the detector's (Cohen's kappa through NLTK), and the
feedback the self-checks print."""

from __future__ import annotations

import difflib
import math
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from workbench.teaching.items import DETECTOR, NONE, STUDENT

# Landis & Koch (1977) verbal bands: a convention for talking about kappa, not a test.
_KAPPA_BANDS = (
    (0.20, "slight"),
    (0.40, "fair"),
    (0.60, "moderate"),
    (0.80, "substantial"),
    (1.0, "almost perfect"),
)


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
