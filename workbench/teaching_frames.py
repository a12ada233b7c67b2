"""Teaching helpers for the frame instrument (lesson 3, exercise C): its questions, the frame
detector's yes/no answer to each with the sentences behind it, and a student's answers in the
same order, in the formats of :func:`workbench.teaching.compare` and
:func:`workbench.teaching.assert_agreement`.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

import pandas as pd

from workbench.teaching.items import EVIDENCE_COLUMNS, _layer_rows

__all__ = ["frame_item_answers", "frame_item_evidence", "frame_questions", "question_answers"]

# Semetko & Valkenburg's order of the frames in their instrument (by item code prefix).
_INSTRUMENT_ORDER = ("re", "hi", "co", "mo", "ec")


def _questions() -> list[Any]:
    """The frame detector's items in the instrument's order: re1-re5, hi1-hi4, co1-co4, mo1-mo3, ec1-ec3."""
    from workbench.detectors.frames import items

    return sorted(items(), key=lambda item: (_INSTRUMENT_ORDER.index(item.code[:2]), item.code))


def frame_questions() -> pd.DataFrame:
    """The questions of the frame instrument (Semetko & Valkenburg 2000), numbered from 1: code, frame, question."""
    rows = [{"number": n, "code": item.code, "frame": item.frame, "question": item.question} for n, item in enumerate(_questions(), start=1)]
    return pd.DataFrame(rows).set_index("number")


def question_answers(answers: Any) -> Any:
    """A student's answers keyed by question code ({"re1": "yes", ...}) as a list in the order of
    :func:`frame_questions` (a missing code gives None). Anything that is not a dict is returned
    unchanged, so that :func:`compare` says what to fix."""
    if not isinstance(answers, Mapping):
        return answers
    return [answers.get(item.code) for item in _questions()]


def _answered_items(findings: pd.DataFrame, doc_id: str | None) -> dict[str, list[Any]]:
    """Item id -> the ``frame`` findings (sentences) that answer it yes."""
    found: dict[str, list[Any]] = {}
    for row in _layer_rows(findings, "frame", doc_id).itertuples(index=False):
        extras = row.extras if isinstance(row.extras, Mapping) else {}
        for item in extras.get("items", []):
            found.setdefault(str(item), []).append(row)
    return found


def frame_item_answers(findings: pd.DataFrame, doc_id: str | None = None) -> list[str]:
    """The detector's answer, "yes" or "no", to each question of :func:`frame_questions`, in its order."""
    found = _answered_items(findings, doc_id)
    return ["yes" if item.id in found else "no" for item in _questions()]


def frame_item_evidence(findings: pd.DataFrame, doc_id: str | None = None) -> pd.DataFrame:
    """The detector's evidence for each question (``item`` = its number): the sentences that answer it
    yes, with the cues and the item's explanation, or one row saying that no sentence does."""
    found = _answered_items(findings, doc_id)
    out = []
    for number, item in enumerate(_questions(), start=1):
        rows = found.get(item.id, [])
        for row in rows:
            cues = row.extras.get("cues", {}).get(item.id, [])
            listed = " + ".join(f"{c[2]} ({c[3]})" for c in cues)
            out.append({"item": number, "finding": "yes", "cue": listed, "rule": item.id,
                        "explanation": f"Sentence {int(row.sentence) + 1} answers {item.code} yes: {row.text}", "score": float(row.score)})
        if not rows:
            out.append({"item": number, "finding": "no", "cue": "", "rule": item.id,
                        "explanation": f"No sentence matches a recipe of {item.code} ({item.reason})", "score": math.nan})
    return pd.DataFrame(out, columns=EVIDENCE_COLUMNS)
