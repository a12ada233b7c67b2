"""Run detectors over documents: the one entry point, :func:`analyze`.

Engines (:data:`ENGINES`, defined in :mod:`workbench.engines`) map the detectors over
documents and return results in corpus order, so every engine gives the same table. The
corpus is read lazily; with ``out`` the findings are written block by block as they come, so
memory does not grow with the corpus.
"""

from __future__ import annotations

import collections
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import pandas as pd

from workbench.corpus import Corpus, CorpusError, Document, Rejected, estimate_documents, iter_corpus
from workbench.detectors import Detector, resolve_detectors
from workbench.datasets import is_dataset_out
from workbench.engines import ENGINES, DocumentResult, detect_document, engine_named
from workbench.errors import InputError
from workbench.findings import Finding, FindingsWriter, findings_frame

log = logging.getLogger(__name__)

__all__ = ["ENGINES", "DocumentResult", "RunSummary", "analyze", "detect_document", "estimate_documents"]

# Documents per block written to disk: each block is sorted on its own, which gives the
# global order because blocks follow corpus order.
_WRITE_BLOCK = 256

Source = "str | Path | Corpus | Iterable[Document]"


@dataclass
class RunSummary:
    """What a run that wrote its findings to a file produced: counts, not the findings themselves."""

    out: Path
    documents: int
    findings: int
    rejected: list[Rejected] = field(default_factory=list)
    detectors: list[str] = field(default_factory=list)


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


def _finish(bar: Any) -> None:
    """Close the bar; in a notebook also print its final state as text, because a saved notebook
    keeps the progress widget as it was first drawn (at 0 %), not as it ended."""
    bar.close()
    if _in_notebook():
        elapsed = bar.format_dict.get("elapsed", 0.0)
        print(f"analysed {bar.n:,} document(s) in {elapsed:.1f} s")


def _rejected_by_detector(doc: Document, result: DocumentResult) -> Rejected:
    return Rejected(source=str(doc.meta.get("source_file", doc.doc_id)), reason=str(result.error), doc_id=doc.doc_id)


def _run(docs: Iterable[Document], chosen: list[Detector], *, engine: str, bar: Any, options: dict[str, Any]) -> Iterator[tuple[Document, DocumentResult]]:
    """Each document with its result, in input order, whatever the engine."""
    # Documents handed to the engine but not yet answered; engines answer in order, so a queue pairs them.
    waiting: collections.deque[Document] = collections.deque()

    def feed() -> Iterator[Document]:
        for doc in docs:
            waiting.append(doc)
            yield doc

    results = ENGINES[engine].run(feed(), chosen, **options)
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


def _items(source: Any, reading: Mapping[str, Any]) -> tuple[Iterable[Document | Rejected], int | None, Path | None]:
    """The corpus as a lazy stream of documents and rejections, its size when cheap to know, and its path."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        guess = {key: value for key, value in reading.items() if key in ("recursive", "follow_links")}
        return iter_corpus(path, **reading), estimate_documents(path, **guess), path
    if isinstance(source, Corpus):
        return [*source.rejected, *source.documents], len(source.documents) + len(source.rejected), None
    return source, (len(source) if hasattr(source, "__len__") else None), None


def analyze(
    source: str | Path | Corpus | Iterable[Document],
    *,
    detectors: str | Iterable[Any] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    engine: str = "serial",
    out: str | Path | None = None,
    progress: bool | None = None,
    on_rejected: Callable[[Rejected], Any] | None = None,
    on_document: Callable[[Document, list[Finding]], Any] | None = None,
    reading: Mapping[str, Any] | None = None,
    **engine_options: Any,
) -> pd.DataFrame | RunSummary:
    """Run detectors over a corpus; return the findings table, or write it to ``out``.

    ``source`` is a corpus path (folder of .txt, .csv/.jsonl/.parquet table), a loaded
    :class:`Corpus` or any iterable of documents. ``detectors`` names detectors or groups (a
    list or a comma-separated string), or gives :class:`Detector` objects or ``(name,
    {option: value})`` pairs; all registered detectors by default. ``options`` maps detector
    names to their options (``{"stance": {"convention": "semantic"}}``). ``engine`` is one of
    :data:`ENGINES` (``serial``, ``processes``, ``dask``) and ``engine_options`` are the
    options that engine declares (``workers``, ``chunk_size``, ``scheduler``); anything else
    is an :class:`~workbench.errors.InputError`. ``reading`` holds the options of
    :func:`workbench.corpus.iter_corpus` for a corpus path (``recursive``, ``follow_links``,
    ``max_chars``).

    With ``out`` ending in ``/`` (or an existing folder) and a Parquet dataset as ``source`` (a
    folder of .parquet parts, a glob, or an fsspec URL), every part is read, analysed and
    written as its own findings part by whoever runs it — on Dask, by the worker — so the
    client holds neither texts nor findings (see :mod:`workbench.datasets`).

    Without ``out`` the findings come back as one DataFrame, whose ``attrs`` record the run:
    ``detectors`` (names), ``documents`` (how many were analysed) and ``rejected`` (a list of
    :class:`~workbench.corpus.Rejected`). With ``out`` (.parquet, .csv or .jsonl) they are
    streamed to that file, which appears only when the run succeeds, and a
    :class:`RunSummary` comes back. ``on_rejected`` is called with each rejected document (at
    loading, or because a detector failed on it) and ``on_document`` with each analysed
    document and its findings, in corpus order, as the run goes.
    """
    engine_spec = engine_named(engine)
    engine_options = {key: value for key, value in engine_options.items() if value is not None}
    engine_spec.check(engine_options)
    if out is not None and is_dataset_out(out):
        return _dataset_run(source, out, detectors=detectors, options=options, engine=engine, reading=reading,
                            on_rejected=on_rejected, on_document=on_document, **engine_options)
    chosen = resolve_detectors(detectors, options=options)
    items, total, path = _items(source, dict(reading or {}))
    rejected: list[Rejected] = []

    def reject(item: Rejected) -> None:
        rejected.append(item)
        if on_rejected:
            on_rejected(item)

    loaded = 0

    def documents() -> Iterator[Document]:
        nonlocal loaded
        for item in items:
            if isinstance(item, Rejected):
                reject(item)
            else:
                loaded += 1
                yield item

    def results() -> Iterator[tuple[Document, DocumentResult]]:
        for doc, result in _run(documents(), chosen, engine=engine, bar=bar, options=run_options):
            if result.error:
                log.warning("%s: %s", result.doc_id, result.error)
                reject(_rejected_by_detector(doc, result))
            elif on_document:
                if result.counts is not None and doc._segmentation is None:
                    doc._counts = result.counts
                on_document(doc, result.findings)
            yield doc, result
        if loaded == 0 and path is not None:
            # The same message load_corpus gives, so every entry point reports an unusable corpus the same way.
            reasons = "; ".join(str(r) for r in rejected[:5]) or "no .txt files found"
            raise CorpusError(path, f"no usable documents ({reasons})")

    # Workers may hand back a chunk's findings ready for disk, unless each document's findings are wanted.
    run_options = {**engine_options, **({"pack": True} if out is not None and on_document is None and "pack" in engine_spec.internal else {})}
    bar = _progress_bar(total, progress)
    names = [d.name for d in chosen]
    try:
        if out is None:
            order: list[str] = []
            found: list[Finding] = []
            analysed = 0
            for doc, result in results():
                order.append(doc.doc_id)
                found.extend(result.findings)
                analysed += not result.error
            frame = findings_frame(found, doc_order=order)
            frame.attrs.update(detectors=names, documents=analysed, rejected=rejected)
            return frame
        count, written = _stream(results(), out)
        return RunSummary(out=Path(out), documents=count, findings=written, rejected=rejected, detectors=names)
    finally:
        if bar:
            _finish(bar)


def _dataset_run(source: Any, out: str | Path, *, on_rejected, on_document, **settings: Any) -> RunSummary:
    """A Parquet dataset analysed part by part into a findings dataset (see :mod:`workbench.datasets`)."""
    from workbench.datasets import analyze_dataset, dataset_parts

    if not isinstance(source, (str, Path)) or not dataset_parts(source):
        raise InputError(f"--out {out}: a folder of findings parts needs a Parquet dataset as the corpus (a folder of .parquet files, a glob or a URL)")
    if on_document is not None:
        raise InputError("on_document is not available when each worker writes its own findings part")
    settings.pop("chunk_size", None)  # a part is the unit of work
    summary = analyze_dataset(source, out, **settings)
    for item in summary.rejected:
        if on_rejected:
            on_rejected(item)
    return RunSummary(out=Path(str(out)), documents=summary.documents, findings=summary.findings, rejected=summary.rejected, detectors=summary.detectors)


def _stream(results: Iterator[tuple[Document, DocumentResult]], out: str | Path) -> tuple[int, int]:
    """Write findings block by block in corpus order; (documents analysed, findings written)."""
    count = written = 0
    block_docs: list[str] = []
    block: list[Finding] = []
    with FindingsWriter(out) as writer:
        for doc, result in results:
            block_docs.append(doc.doc_id)
            if not result.error:
                count += 1
                block.extend(result.findings)
            if result.packed is not None:
                # Packed chunks come from workers in document order; earlier findings go first.
                writer.write(findings_frame(block, doc_order=block_docs))
                writer.write(result.packed, on_disk_form=True)
                written += len(block) + len(result.packed)
                block_docs, block = [], []
            elif len(block_docs) >= _WRITE_BLOCK:
                writer.write(findings_frame(block, doc_order=block_docs))
                written += len(block)
                block_docs, block = [], []
        writer.write(findings_frame(block, doc_order=block_docs))
        written += len(block)
    return count, written
