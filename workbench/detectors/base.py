"""Helpers shared by detectors: building findings with correct offsets and sentence numbers."""

from __future__ import annotations

from typing import Any, Mapping

from workbench.corpus import Document
from workbench.findings import Finding


def make_finding(
    doc: Document,
    *,
    detector: str,
    layer: str,
    label: str,
    start: int,
    end: int,
    cue: str,
    explanation: str,
    score: float = 1.0,
    extras: Mapping[str, Any] | None = None,
) -> Finding:
    """A finding whose ``text`` and ``sentence`` are taken from the document itself."""
    if not 0 <= start < end <= len(doc.text):
        raise ValueError(f"{doc.doc_id}: span [{start}, {end}) is outside the text (length {len(doc.text)})")
    return Finding(
        doc_id=doc.doc_id,
        detector=detector,
        layer=layer,
        label=label,
        start=start,
        end=end,
        text=doc.text[start:end],
        sentence=doc.segments.sentence_index(start),
        cue=cue,
        explanation=explanation,
        score=float(score),
        extras=dict(extras or {}),
    )
