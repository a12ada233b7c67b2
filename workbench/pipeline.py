"""Run detectors over documents and collect one findings table.

Engines (:data:`ENGINES`, defined in :mod:`workbench.engines`) map the detectors over
documents and return results in corpus order, so every engine gives the same table.
:func:`run_analysis` keeps everything in memory (for notebooks and reports);
:func:`analyze_to_file` reads the corpus lazily and writes findings as it goes, so its
memory does not grow with the corpus.
"""

from __future__ import annotations

import collections
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pandas as pd

from workbench.corpus import Corpus, CorpusError, Document, Rejected, iter_corpus, load_corpus, txt_file_names
from workbench.detectors import Detector, resolve_detectors
from workbench.engines import ENGINES, DocumentResult, detect_document
from workbench.findings import Finding, FindingsWriter, findings_frame

log = logging.getLogger(__name__)

__all__ = [
    "ENGINES",
    "Analysis",
    "DocumentResult",
    "StreamResult",
    "analyze",
    "analyze_to_file",
    "detect_document",
    "run_analysis",
]

# Documents per block written to disk: each block is sorted on its own, which gives the
# global order because blocks follow corpus order.
_WRITE_BLOCK = 256


@dataclass
class Analysis:
    """Findings of a run plus every document that was rejected (at loading or by a detector)."""

    findings: pd.DataFrame
    documents: list[Document]
    rejected: list[Rejected] = field(default_factory=list)
    detectors: list[str] = field(default_factory=list)


@dataclass
class StreamResult:
    """What :func:`analyze_to_file` wrote: counts, not the findings themselves."""

    out: Path
    documents: int
    findings: int
    rejected: list[Rejected] = field(default_factory=list)
    detectors: list[str] = field(default_factory=list)


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; available: {', '.join(sorted(ENGINES))}")


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    get = getattr(shell, "get_ipython", None)
    return bool(get and get() is not None and "IPKernelApp" in getattr(get(), "config", {}))


def _progress_bar(total: int | None, enabled: bool | None):
    """A tqdm bar (a widget in notebooks) when asked, or by default in a terminal or a notebook."""
    if enabled is False or (enabled is None and not (sys.stderr.isatty() or _in_notebook())):
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="doc", desc="analysing", leave=False, dynamic_ncols=True)


def _rejected_by_detector(doc: Document, result: DocumentResult) -> Rejected:
    return Rejected(source=str(doc.meta.get("source_file", doc.doc_id)), reason=str(result.error), doc_id=doc.doc_id)


def _run(
    docs: Iterable[Document],
    chosen: list[Detector],
    *,
    engine: str,
    bar: Any,
    options: dict[str, Any],
) -> Iterator[tuple[Document, DocumentResult]]:
    """Each document with its result, in input order, whatever the engine."""
    # Documents handed to the engine but not yet answered; engines answer in order, so a queue pairs them.
    waiting: collections.deque[Document] = collections.deque()

    def feed() -> Iterator[Document]:
        for doc in docs:
            waiting.append(doc)
            yield doc

    results = ENGINES[engine](feed(), chosen, None, **options)
    try:
        for result in results:
            doc = waiting.popleft()
            if result.doc_id != doc.doc_id:  # an engine that reorders would silently mislabel findings
                raise RuntimeError(f"engine {engine!r} returned {result.doc_id!r} where {doc.doc_id!r} was expected")
            if bar is not None:
                bar.update(1)
            yield doc, result
    finally:
        close = getattr(results, "close", None)
        if close:
            close()


def _engine_options(chunk_size: int | None, workers: int | None, scheduler: Any) -> dict[str, Any]:
    return {key: value for key, value in (("chunk_size", chunk_size), ("workers", workers), ("scheduler", scheduler)) if value is not None}


def run_analysis(
    source: str | Path | Corpus | Iterable[Document],
    *,
    detectors: str | Iterable[str] | None = None,
    engine: str = "serial",
    progress: bool | None = None,
    chunk_size: int | None = None,
    workers: int | None = None,
    scheduler: Any = None,
) -> Analysis:
    """Load (if given a path), run the detectors and return findings with rejected documents.

    ``engine`` is ``serial``, ``processes`` or ``dask``; ``chunk_size`` (documents a task),
    ``workers`` and ``scheduler`` (a Dask scheduler address or Client) tune the parallel ones.
    """
    _check_engine(engine)
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
    try:
        for doc, result in _run(docs, chosen, engine=engine, bar=bar, options=_engine_options(chunk_size, workers, scheduler)):
            if result.error:
                log.warning("%s: %s", result.doc_id, result.error)
                rejected.append(_rejected_by_detector(doc, result))
                continue
            kept.append(doc)
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
    chunk_size: int | None = None,
    workers: int | None = None,
    scheduler: Any = None,
) -> pd.DataFrame:
    """Findings of the chosen detectors (all registered ones by default) as one DataFrame."""
    return run_analysis(
        source, detectors=detectors, engine=engine, progress=progress, chunk_size=chunk_size, workers=workers, scheduler=scheduler
    ).findings


def estimate_documents(path: str | Path) -> int | None:
    """A cheap guess of the number of documents, for the progress bar's ETA (None when unknown)."""
    path = Path(path)
    try:
        if path.is_dir():
            return len(txt_file_names(path))
        suffix = path.suffix.lower()
        if suffix == ".txt":
            return 1
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        if suffix == ".jsonl":
            with open(path, "rb") as handle:
                return sum(1 for line in handle if line.strip())
    except Exception:  # the loader reports unreadable inputs properly; a guess may fail quietly
        return None
    return None  # CSV rows may span lines: counting them means parsing the file twice


def analyze_to_file(
    source: str | Path | Iterable[Document],
    out: str | Path,
    *,
    detectors: str | Iterable[str] | None = None,
    engine: str = "serial",
    progress: bool | None = None,
    chunk_size: int | None = None,
    workers: int | None = None,
    scheduler: Any = None,
    on_rejected: Callable[[Rejected], Any] | None = None,
) -> StreamResult:
    """Stream a corpus through the detectors into a findings file (.parquet, .csv or .jsonl).

    The corpus is read lazily and findings are written block by block in the same
    deterministic order as :func:`run_analysis`; the file appears only when the run
    succeeds. ``on_rejected`` is called for each rejected document as it happens.
    Raises :class:`CorpusError` like :func:`workbench.corpus.load_corpus` when the corpus
    has no usable document.
    """
    _check_engine(engine)
    chosen = resolve_detectors(detectors)
    rejected: list[Rejected] = []

    def reject(item: Rejected) -> None:
        rejected.append(item)
        if on_rejected:
            on_rejected(item)

    if isinstance(source, (str, Path)):
        path = Path(source)
        items: Iterable[Document | Rejected] = iter_corpus(path)
        total = estimate_documents(path)
    else:
        path = None
        items = source if not isinstance(source, Corpus) else [*source.rejected, *source.documents]
        total = len(source) if hasattr(source, "__len__") else None

    loaded = 0

    def documents() -> Iterator[Document]:
        nonlocal loaded
        for item in items:
            if isinstance(item, Rejected):
                reject(item)
            else:
                loaded += 1
                yield item

    bar = _progress_bar(total, progress)
    count = found = 0
    block_docs: list[str] = []
    block: list[Finding] = []
    try:
        with FindingsWriter(out) as writer:
            # Workers hand back their chunk's findings ready for disk (only the process engine packs).
            options = {**_engine_options(chunk_size, workers, scheduler), "pack": True}
            for doc, result in _run(documents(), chosen, engine=engine, bar=bar, options=options):
                block_docs.append(doc.doc_id)
                if result.error:
                    log.warning("%s: %s", result.doc_id, result.error)
                    reject(_rejected_by_detector(doc, result))
                else:
                    count += 1
                    block.extend(result.findings)
                if result.packed is not None:
                    # Packed chunks come from workers in document order; earlier findings go first.
                    writer.write(findings_frame(block, doc_order=block_docs))
                    writer.write(result.packed, on_disk_form=True)
                    found += len(block) + len(result.packed)
                    block_docs, block = [], []
                elif len(block_docs) >= _WRITE_BLOCK:
                    writer.write(findings_frame(block, doc_order=block_docs))
                    found += len(block)
                    block_docs, block = [], []
            writer.write(findings_frame(block, doc_order=block_docs))
            found += len(block)
            if loaded == 0 and path is not None:
                # The same message load_corpus gives, so the CLI reports an unusable corpus the same way.
                reasons = "; ".join(str(r) for r in rejected[:5]) or "no .txt files found"
                raise CorpusError(path, f"no usable documents ({reasons})")
    finally:
        if bar:
            bar.close()
    return StreamResult(out=Path(out), documents=count, findings=found, rejected=rejected, detectors=[d.name for d in chosen])
