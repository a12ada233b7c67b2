"""Per-document figures: counts and counts per 1,000 words, per detector and label.

Detector families add their own per-document figures through their view's ``METRICS``
(for example a commitment balance); each appears under ``metrics`` in ``summary.json``,
for the detectors that ran only.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
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
    """One row per document: metadata, words, sentences, findings and findings per 1,000 words
    (document-level rankings not counted)."""
    findings = _counted(findings)
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


def _counted(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings that are counted: a document-level ranking (frames) is no finding per 1,000 words,
    and is reported by its detector's metrics instead."""
    from workbench.detectors.registry import layers_by_unit

    ranked = layers_by_unit("document")
    return findings[~findings["layer"].isin(ranked)] if len(findings) and ranked else findings


def document_entry(doc: Document, findings: pd.DataFrame, *, detectors: Iterable[str], metrics: dict[str, Any]) -> dict[str, Any]:
    """One document's entry in ``summary.json``: metadata, size, and counts per detector and label
    (document-level rankings are not counted: the detector's metrics report them)."""
    from workbench.detectors.registry import layers_by_unit

    words = doc.word_count
    ranked = layers_by_unit("document")
    # One pass over two columns: a report calls this for every document, and grouping a
    # small table per detector cost more than analysing the document.
    counts: dict[str, Counter] = {}
    if len(findings):
        for detector, layer, label in zip(findings["detector"].tolist(), findings["layer"].tolist(), findings["label"].tolist()):
            if layer not in ranked:
                counts.setdefault(detector, Counter())[(layer, label)] += 1
    by_detector: dict[str, Any] = {}
    for detector in sorted(set(detectors) | set(counts)):
        labels = counts.get(detector, Counter())
        total = sum(labels.values())
        by_detector[detector] = {
            "count": total,
            "per_1000_words": per_thousand(total, words),
            "labels": {f"{layer}/{label}": {"count": n, "per_1000_words": per_thousand(n, words)} for (layer, label), n in sorted(labels.items())},
        }
    entry = {
        "doc_id": doc.doc_id,
        "title": doc.meta.get("title"),
        "date": doc.meta.get("date"),
        "source": doc.meta.get("source"),
        "words": words,
        "sentences": doc.sentence_count,
        "findings": sum(d["count"] for d in by_detector.values()),
        "detectors": by_detector,
    }
    if metrics:
        entry["metrics"] = {name: function(doc, findings) for name, function in metrics.items()}
    return entry


class SummaryWriter:
    """Write ``summary.json`` one document at a time, so a corpus of any size fits in memory.

    The file is the same JSON object :func:`summarise` returns: ``documents`` (written as they
    come), then ``totals``, ``rejected`` and any ``extra`` keys. It appears (atomically) when
    the block ends without an exception.
    """

    def __init__(self, path: str | Path, *, detectors: Iterable[str], extra: dict[str, Any] | None = None):
        from workbench.views import metrics_for

        self.path = Path(path)
        self.detectors = list(detectors)
        self.metrics = metrics_for(self.detectors)
        self.extra = dict(extra or {})
        self.documents = self.words = self.findings = 0
        self.rejected: list[Rejected] = []

    def __enter__(self) -> "SummaryWriter":
        import contextlib

        from workbench.atomic import atomic_path

        self._stack = contextlib.ExitStack()
        temp = self._stack.enter_context(atomic_path(self.path))
        self._handle = self._stack.enter_context(open(temp, "w", encoding="utf-8", newline="\n"))
        self._handle.write('{\n  "documents": [')
        return self

    def add(self, doc: Document, findings: pd.DataFrame) -> dict[str, Any]:
        entry = document_entry(doc, findings, detectors=self.detectors, metrics=self.metrics)
        self._handle.write(("," if self.documents else "") + "\n" + _indented(entry, 4))
        self.documents += 1
        self.words += entry["words"]
        self.findings += entry["findings"]
        return entry

    def reject(self, item: Rejected) -> None:
        self.rejected.append(item)

    def totals(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "rejected": len(self.rejected),
            "words": self.words,
            "findings": self.findings,
            "per_1000_words": per_thousand(self.findings, self.words),
        }

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            if exc_type is None:
                self._handle.write(("\n  " if self.documents else "") + "],\n")
                tail = {"totals": self.totals(), "rejected": [r.as_dict() for r in self.rejected], **self.extra}
                body = json.dumps(tail, indent=2, ensure_ascii=False)
                self._handle.write(body[2:])  # the mapping without its opening brace: it continues the object
                self._handle.write("\n")
        finally:
            self._stack.__exit__(exc_type, exc, tb)
        return False


def _indented(value: Any, spaces: int) -> str:
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return "\n".join(" " * spaces + line for line in text.splitlines())


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
    split = findings_by_document(findings)
    empty = findings.iloc[0:0]
    per_doc = [document_entry(doc, split.get(doc.doc_id, empty), detectors=detectors, metrics=metrics) for doc in documents]
    total_words = sum(d["words"] for d in per_doc)
    counted = sum(d["findings"] for d in per_doc)
    return {
        "documents": per_doc,
        "totals": {
            "documents": len(per_doc),
            "rejected": len(rejected),
            "words": total_words,
            "findings": counted,
            "per_1000_words": per_thousand(counted, total_words),
        },
        "rejected": [r.as_dict() for r in rejected],
    }
