"""Per-document figures: counts and counts per 1,000 words, per detector and label.

Detector families add their own per-document figures through their view's ``METRICS``
(for example a commitment balance); each appears under ``metrics`` in ``summary.json``,
for the detectors that ran only.
"""

from __future__ import annotations

from typing import Any, Iterable

import pandas as pd

from workbench.corpus import Document, Rejected
from workbench.segment import per_thousand

__all__ = ["density_table", "document_table", "findings_by_document", "per_thousand", "summarise"]


def findings_by_document(findings: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Each document's findings, split once (filtering per document is quadratic on big corpora)."""
    if not len(findings):
        return {}
    return {str(doc_id): rows for doc_id, rows in findings.groupby("doc_id", sort=False)}


def document_table(documents: Iterable[Document], findings: pd.DataFrame) -> pd.DataFrame:
    """One row per document: metadata, words, sentences, findings and findings per 1,000 words."""
    counts = findings.groupby("doc_id").size() if len(findings) else pd.Series(dtype="int64")
    rows = []
    for doc in documents:
        seg = doc.segments
        n = int(counts.get(doc.doc_id, 0))
        rows.append(
            {
                "doc_id": doc.doc_id,
                "date": doc.meta.get("date"),
                "title": doc.meta.get("title"),
                "source": doc.meta.get("source"),
                "words": seg.word_count,
                "sentences": len(seg.sentences),
                "findings": n,
                "per_1000_words": per_thousand(n, seg.word_count),
            }
        )
    return pd.DataFrame(rows, columns=["doc_id", "date", "title", "source", "words", "sentences", "findings", "per_1000_words"])


def density_table(documents: Iterable[Document], findings: pd.DataFrame, *, by: str = "layer") -> pd.DataFrame:
    """Findings per 1,000 words with one row per document and one column per ``by`` value."""
    documents = list(documents)
    words = {d.doc_id: d.segments.word_count for d in documents}
    if not len(findings):
        return pd.DataFrame(index=pd.Index([d.doc_id for d in documents], name="doc_id"))
    counts = findings.groupby(["doc_id", by]).size().unstack(fill_value=0)
    counts = counts.reindex([d.doc_id for d in documents], fill_value=0)
    # A document without words has no density; 0 rather than inf keeps charts and tables sane.
    denominators = pd.Series(words).reindex(counts.index)
    dens = counts.div(denominators.where(denominators > 0), axis=0).mul(1000).fillna(0.0).round(4)
    dens.index.name = "doc_id"
    return dens


def summarise(
    documents: Iterable[Document],
    findings: pd.DataFrame,
    *,
    rejected: Iterable[Rejected] = (),
    detectors: Iterable[str] = (),
) -> dict[str, Any]:
    """The content of ``summary.json``: per document and detector, counts and densities.

    ``detectors`` are the detectors that ran: each gets its counts (zero included) and its
    view's metrics; a detector that did not run gets neither, so no figure claims a
    measurement that was not made.
    """
    from workbench.views import metrics_for

    documents = list(documents)
    detectors = list(detectors)
    metrics = metrics_for(detectors)
    rejected = list(rejected)
    per_doc = []
    split = findings_by_document(findings)
    empty = findings.iloc[0:0]
    for doc in documents:
        words = doc.segments.word_count
        mine = split.get(doc.doc_id, empty)
        by_detector: dict[str, Any] = {}
        for detector in sorted(set(detectors) | set(mine["detector"])):
            rows = mine[mine["detector"] == detector]
            labels = {
                f"{layer}/{label}": {"count": int(n), "per_1000_words": per_thousand(int(n), words)}
                for (layer, label), n in sorted(rows.groupby(["layer", "label"]).size().items())
            } if len(rows) else {}
            by_detector[detector] = {"count": int(len(rows)), "per_1000_words": per_thousand(len(rows), words), "labels": labels}
        entry = {
            "doc_id": doc.doc_id,
            "title": doc.meta.get("title"),
            "date": doc.meta.get("date"),
            "source": doc.meta.get("source"),
            "words": words,
            "sentences": len(doc.segments.sentences),
            "findings": int(len(mine)),
            "detectors": by_detector,
        }
        if metrics:
            entry["metrics"] = {name: function(doc, mine) for name, function in metrics.items()}
        per_doc.append(entry)
    total_words = sum(d["words"] for d in per_doc)
    return {
        "documents": per_doc,
        "totals": {
            "documents": len(per_doc),
            "rejected": len(rejected),
            "words": total_words,
            "findings": int(len(findings)),
            "per_1000_words": per_thousand(int(len(findings)), total_words),
        },
        "rejected": [r.as_dict() for r in rejected],
    }
