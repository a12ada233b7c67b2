"""Run detectors over documents and collect one findings table.

Engines are registered in :data:`ENGINES`; each maps a function over documents and
returns results in corpus order, so every engine gives the same table.
"""

from __future__ import annotations

import logging
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import pandas as pd

from workbench.corpus import Corpus, Document, Rejected, load_corpus
from workbench.detectors import Detector, resolve_detectors
from workbench.findings import Finding, findings_frame

log = logging.getLogger(__name__)


@dataclass
class Analysis:
    """Findings of a run plus every document that was rejected (at loading or by a detector)."""

    findings: pd.DataFrame
    documents: list[Document]
    rejected: list[Rejected] = field(default_factory=list)
    detectors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DocumentResult:
    doc_id: str
    findings: list[Finding]
    error: str | None = None


def detect_document(doc: Document, detectors: Sequence[Detector]) -> DocumentResult:
    """All findings of one document; a detector that raises turns into an error, not a crash."""
    found: list[Finding] = []
    for detector in detectors:
        try:
            found.extend(detector.detect(doc))
        except Exception as exc:  # a bug in one detector must not stop a corpus run
            last = traceback.extract_tb(exc.__traceback__)[-1]
            return DocumentResult(
                doc.doc_id, [], f"detector {detector.name!r} failed: {type(exc).__name__}: {exc} ({Path(last.filename).name}:{last.lineno})"
            )
    return DocumentResult(doc.doc_id, found)


def _serial(docs: Iterable[Document], detectors: Sequence[Detector], progress: Callable | None) -> Iterator[DocumentResult]:
    for doc in docs:
        result = detect_document(doc, detectors)
        if progress:
            progress(1)
        yield result


ENGINES: dict[str, Callable[..., Iterator[DocumentResult]]] = {"serial": _serial}


def _progress_bar(total: int | None, enabled: bool | None):
    if enabled is False or (enabled is None and not sys.stderr.isatty()):
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="doc", desc="analysing", leave=False)


def run_analysis(
    source: str | Path | Corpus | Iterable[Document],
    *,
    detectors: str | Iterable[str] | None = None,
    engine: str = "serial",
    progress: bool | None = None,
) -> Analysis:
    """Load (if given a path), run the detectors and return findings with rejected documents."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; available: {', '.join(sorted(ENGINES))}")
    chosen = resolve_detectors(detectors)
    rejected: list[Rejected] = []
    if isinstance(source, (str, Path)):
        source = load_corpus(source)
    if isinstance(source, Corpus):
        rejected.extend(source.rejected)
        docs = list(source.documents)
    else:
        docs = list(source)
    bar = _progress_bar(len(docs), progress)
    findings: list[Finding] = []
    kept: list[Document] = []
    by_id = {d.doc_id: d for d in docs}
    try:
        for result in ENGINES[engine](docs, chosen, bar.update if bar else None):
            if result.error:
                log.warning("%s: %s", result.doc_id, result.error)
                rejected.append(Rejected(source=str(by_id[result.doc_id].meta.get("source_file", result.doc_id)), reason=result.error, doc_id=result.doc_id))
                continue
            kept.append(by_id[result.doc_id])
            findings.extend(result.findings)
    finally:
        if bar:
            bar.close()
    frame = findings_frame(findings, doc_order=[d.doc_id for d in docs])
    return Analysis(findings=frame, documents=kept, rejected=rejected, detectors=[d.name for d in chosen])


def analyze(
    source: str | Path | Corpus | Iterable[Document],
    *,
    detectors: str | Iterable[str] | None = None,
    engine: str = "serial",
    progress: bool | None = None,
) -> pd.DataFrame:
    """Findings of the chosen detectors (all registered ones by default) as one DataFrame."""
    return run_analysis(source, detectors=detectors, engine=engine, progress=progress).findings
