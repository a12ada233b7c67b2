"""The tables the lessons show, with sentences numbered from 1, as a reader counts."""

from __future__ import annotations

import warnings
from typing import Mapping, Sequence

import pandas as pd

from workbench.teaching.items import NONE, _layer_rows

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
