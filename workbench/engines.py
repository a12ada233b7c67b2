"""Engines that map the detectors over documents: serially, in a process pool, or on Dask.

Every engine takes an iterable of documents and yields one :class:`DocumentResult` per
document, in input order, so the findings table does not depend on the engine. Engines
read their input lazily and keep only a bounded window of chunks in flight, so memory
does not grow with the corpus.

A detector that raises turns into an error result for that document (it is then
rejected by the pipeline). A worker process that dies takes its in-flight chunks with
it: their documents are retried once, each on its own, and a document that kills a
worker again is reported as rejected instead of stopping the run.
"""

from __future__ import annotations

import collections
import gc
import itertools
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from workbench.corpus import Document
from workbench.detectors import Detector
from workbench.errors import InputError
from workbench.findings import Finding, disk_frame

log = logging.getLogger(__name__)

DEFAULT_CHUNK_SIZE = 16
# Chunks in flight per worker: enough to keep workers busy, few enough to bound memory.
_WINDOW_PER_WORKER = 3
WORKER_DIED = "worker process died while analysing this document (it was retried once on its own)"


@dataclass(frozen=True)
class DocumentResult:
    doc_id: str
    findings: list[Finding]
    error: str | None = None
    # With packing (process engine, streaming to a file), the first result of each chunk
    # carries the chunk's findings in disk form (findings.disk_frame) and ``findings`` is empty.
    packed: Any = None
    # (words, sentences) of the document, so that the parent need not segment it again.
    counts: tuple[int, int] | None = None


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
    seg = doc._segmentation
    return DocumentResult(doc.doc_id, found, counts=None if seg is None else (seg.word_count, len(seg.sentences)))


def detect_chunk(docs: Sequence[Document], detectors: Sequence[Detector]) -> list[DocumentResult]:
    """Results of a chunk of documents, in order (the unit of work sent to workers)."""
    return [detect_document(doc, detectors) for doc in docs]


def default_workers() -> int:
    """CPUs this process may use (affinity-aware where the platform tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# --------------------------------------------------------------------------- serial


# Analysing a document allocates many short-lived containers; with the default threshold
# (700) the collector ran thousands of times a document and re-scanned the lexicons and
# compiled patterns each time. Fewer, larger passes took about 5% off a serial run.
_RUN_GC_THRESHOLD = (50_000, 20, 100)


_gc_lock = threading.Lock()
_gc_runs = 0  # runs inside fewer_gc_passes now; the first saves the thresholds, the last restores them
_gc_saved: tuple[int, ...] = ()


@contextmanager
def fewer_gc_passes() -> Iterator[None]:
    """Raise the collector's thresholds while at least one run is going, then restore them.

    Runs may overlap (two generators, two threads), so only the first one in saves the
    previous thresholds and only the last one out puts them back.
    """
    global _gc_runs, _gc_saved
    with _gc_lock:
        if _gc_runs == 0:
            _gc_saved = gc.get_threshold()
            gc.set_threshold(*_RUN_GC_THRESHOLD)
        _gc_runs += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_runs -= 1
            if _gc_runs == 0:
                gc.set_threshold(*_gc_saved)


def serial_engine(docs: Iterable[Document], detectors: Sequence[Detector]) -> Iterator[DocumentResult]:
    """One document after another in this process (with fewer GC passes until it ends)."""
    with fewer_gc_passes():
        for doc in docs:
            yield detect_document(doc, detectors)


# --------------------------------------------------------------------------- process pool

# Set once in each pool worker by the initializer, so detectors are pickled once per worker, not per chunk.
_WORKER_DETECTORS: Sequence[Detector] = ()


def _init_worker(detectors: Sequence[Detector], parent: int) -> None:
    global _WORKER_DETECTORS
    _WORKER_DETECTORS = detectors
    _exit_with_parent(parent)
    # Ctrl-C is the parent's to handle: it stops the pool; workers must not print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the parent's handlers (the CLI turns SIGTERM into an exit that unwinds);
    # here SIGTERM must simply end the process, so the parent can stop the pool at once.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    gc.set_threshold(*_RUN_GC_THRESHOLD)  # the worker only ever analyses documents


def _exit_with_parent(parent: int) -> None:
    """End this worker when the process that started it is gone (``kill -9`` leaves no one to stop
    the pool). A watch thread looks once a second: portable, and cheap beside a chunk of work."""
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _worker_chunk(docs: Sequence[Document], pack: bool = False) -> list[DocumentResult]:
    results = detect_chunk(docs, _WORKER_DETECTORS)
    return _packed(results) if pack else results


def _packed(results: list[DocumentResult]) -> list[DocumentResult]:
    """The chunk's findings as one disk-form frame on its first result: sending a frame
    back costs the parent far less than unpickling, sorting and encoding every finding."""
    frame = disk_frame([f for r in results for f in r.findings], doc_order=[r.doc_id for r in results])
    return [DocumentResult(r.doc_id, [], r.error, frame if i == 0 else None) for i, r in enumerate(results)]


def _mp_context(method: str | None) -> multiprocessing.context.BaseContext:
    if method is None:
        # fork starts workers fastest and lets them see detectors registered at run time (tests, plugins);
        # elsewhere (macOS, Windows) fork is unsafe or missing, so spawn.
        method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


class _Pool:
    """A ProcessPoolExecutor that can be replaced after a worker dies."""

    def __init__(self, workers: int, detectors: Sequence[Detector], start_method: str | None, *, pack: bool = False):
        self.workers, self.detectors, self.start_method, self.pack = workers, list(detectors), start_method, pack
        self.executor = None
        self.renew()

    def renew(self) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self.close(kill=True)
        self.executor = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=_mp_context(self.start_method), initializer=_init_worker,
            initargs=(self.detectors, os.getpid()),
        )

    def submit(self, docs: Sequence[Document]):
        return self.executor.submit(_worker_chunk, docs, self.pack)

    def submit_or_fail(self, docs: Sequence[Document]):
        """Like submit, but a pool that broke meanwhile gives a failed future, handled where results are read."""
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.submit(docs)
        except BrokenProcessPool as exc:
            failed: Future = Future()
            failed.set_exception(exc)
            return failed

    def close(self, *, kill: bool = False) -> None:
        if self.executor is None:
            return
        # Do not wait for chunks nobody will read (interrupt, broken pool); the attribute is private, hence getattr.
        processes = list((getattr(self.executor, "_processes", None) or {}).values()) if kill else []
        for process in processes:
            if process.is_alive():
                process.terminate()
        self.executor.shutdown(wait=not kill, cancel_futures=True)
        for process in processes:
            process.join(timeout=5)  # reap them, so no zombie outlives the run
        self.executor = None


def process_engine(
    docs: Iterable[Document],
    detectors: Sequence[Detector],
    *,
    workers: int | None = None,
    chunk_size: int | None = None,
    start_method: str | None = None,
    pack: bool = False,
) -> Iterator[DocumentResult]:
    """Chunks of documents in a pool of worker processes; lexicons are loaded once per worker.

    ``pack=True`` returns each chunk's findings as one disk-form frame (see DocumentResult).
    """
    from concurrent.futures.process import BrokenProcessPool

    workers = workers or default_workers()
    chunk_size = chunk_size or DEFAULT_CHUNK_SIZE
    pool = _Pool(workers, detectors, start_method, pack=pack)
    pending: collections.deque = collections.deque()
    chunks = chunked(docs, chunk_size)
    window = workers * _WINDOW_PER_WORKER
    finished = False
    try:
        while True:
            finished = finished or _top_up(pending, chunks, window, pool.submit_or_fail)
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # Every chunk still in flight is lost with the pool; retry each of their documents on its own.
                inflight = [(chunk, future), *pending]
                pending.clear()
                lost = [c for c, f in inflight if not _succeeded(f)]
                log.warning(
                    "a worker process died while analysing documents from %r on; retrying %d document(s) once, one at a time",
                    lost[0][0].doc_id, sum(len(c) for c in lost),
                )
                for again, done in inflight:
                    yield from done.result() if _succeeded(done) else [_alone(pool, doc) for doc in again]
                continue
            yield from results
    finally:
        pool.close(kill=bool(pending) or not finished)


def _top_up(pending: collections.deque, chunks: Iterator[list[Document]], window: int, submit: Callable) -> bool:
    """Submit chunks until ``window`` are in flight (bounded memory); True once the documents run out."""
    while len(pending) < window:
        chunk = next(chunks, None)
        if chunk is None:
            return True
        pending.append((chunk, submit(chunk)))
    return False


def _succeeded(future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _alone(pool: _Pool, doc: Document) -> DocumentResult:
    """One document as its own task, so only a document that kills a worker again is lost."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        future = pool.submit([doc])
    except BrokenProcessPool:  # the pool that just died takes no more work
        pool.renew()
        future = pool.submit([doc])
    try:
        (result,) = future.result()
    except BrokenProcessPool:
        log.warning("%s: %s", doc.doc_id, WORKER_DIED)
        pool.renew()
        result = DocumentResult(doc.doc_id, [], WORKER_DIED)
    return result


# --------------------------------------------------------------------------- dask


# The client's connection keeps its recent messages (each holding a chunk of documents) for debugging.
_CLIENT_CONFIG = {"distributed.admin.low-level-log-length": 0}
_LOCAL_CLUSTER_CONFIG = {
    "distributed.scheduler.allowed-failures": 0,
    "distributed.admin.log-length": 0,
    "distributed.admin.low-level-log-length": 0,
    "distributed.diagnostics.computations.max-history": 0,
}


def _dask_chunk(docs: Sequence[Document], detectors: Sequence[Detector]) -> list[DocumentResult]:
    return detect_chunk(docs, detectors)


@contextmanager
def dask_client(scheduler: Any = None, workers: int | None = None) -> Iterator[Any]:
    """A ``distributed.Client``: the one given, one connected to ``scheduler`` (an address), or a
    LocalCluster of ``workers`` single-threaded processes started for the run and closed after it."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("the dask engine needs the optional dependency: pip install 'discourse-workbench[dask]'") from None

    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler:
        try:
            with dask.config.set(_CLIENT_CONFIG):
                client = Client(scheduler, set_as_default=False, timeout="10s")
        except OSError as exc:  # a wrong address is bad input, not a crash
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            yield client
        finally:
            client.close()
        return
    # A cluster started for one run should not chat on the console: its INFO records are noise here.
    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(logging.WARNING)
    cluster = None
    try:
        # allowed-failures 0: a chunk whose worker died comes straight back to us, and we retry its documents once.
        # The history settings stop the scheduler (in this process) from keeping every task's documents in its
        # logs, which made memory grow with the corpus.
        with dask.config.set(_LOCAL_CLUSTER_CONFIG):
            cluster = LocalCluster(
                n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                dashboard_address=":0", scheduler_kwargs={"dashboard": False}, silence_logs=logging.ERROR,
            )
            client = Client(cluster, set_as_default=False)
        try:
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()
        quiet.setLevel(level)


def dask_engine(
    docs: Iterable[Document],
    detectors: Sequence[Detector],
    *,
    scheduler: Any = None,
    workers: int | None = None,
    chunk_size: int | None = None,
) -> Iterator[DocumentResult]:
    """Chunks of documents as tasks on a ``dask.distributed`` cluster.

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``) or a
    ``distributed.Client``; without one a LocalCluster of ``workers`` single-threaded
    processes is started for the run. Chunks are submitted as futures through a bounded
    window instead of a dask.bag, because a bag needs the whole sequence in the client
    up front and the corpus is read lazily.
    """
    chunk_size = chunk_size or DEFAULT_CHUNK_SIZE
    pending: collections.deque = collections.deque()
    with dask_client(scheduler, workers) as client:
        try:
            # Detectors pickle to a few hundred bytes (class references; lexicons load in the worker), so they travel
            # with each task: scattered data would be lost with a dying worker and take the retry down with it.
            shared = list(detectors)
            window = max(1, sum(client.nthreads().values())) * _WINDOW_PER_WORKER
            chunks = chunked(docs, chunk_size)
            finished = False

            def submit(chunk: list[Document]):
                return client.submit(_dask_chunk, chunk, shared, pure=False)

            while True:
                finished = finished or _top_up(pending, chunks, window, submit)
                if not pending:
                    return
                chunk, future = pending.popleft()
                try:
                    results = future.result()
                except Exception as exc:
                    if type(exc).__name__ != "KilledWorker":
                        raise
                    log.warning("a Dask worker died while analysing documents from %r on; retrying them once, one at a time", chunk[0].doc_id)
                    results = [_dask_isolated(client, doc, shared) for doc in chunk]
                yield from results
        finally:
            for _, future in pending:
                future.cancel()


def _dask_isolated(client, doc: Document, shared) -> DocumentResult:
    try:
        (result,) = client.submit(_dask_chunk, [doc], shared, pure=False).result()
    except Exception as exc:
        if type(exc).__name__ != "KilledWorker":
            raise
        log.warning("%s: %s", doc.doc_id, WORKER_DIED)
        result = DocumentResult(doc.doc_id, [], WORKER_DIED)
    return result


def dask_available() -> bool:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class Engine:
    """An engine and the options it takes: ``options`` are the user's (command line, report
    parameters, Python), ``internal`` the pipeline's own (``pack``, ``start_method``)."""

    name: str
    run: Callable[..., Iterator[DocumentResult]]
    options: Mapping[str, type] = field(default_factory=dict)
    internal: frozenset[str] = frozenset()

    def check(self, options: Mapping[str, Any]) -> None:
        """Refuse options this engine does not take, or values of the wrong type, naming them."""
        for key, value in options.items():
            if key in self.internal or value is None:
                continue
            if key not in self.options:
                takes = ", ".join(sorted(self.options)) or "no options"
                raise InputError(f"engine {self.name!r} takes no option {key!r} (it takes {takes})")
            expected = self.options[key]
            if value is not None and expected is int and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
                raise InputError(f"engine {self.name!r}: {key} must be a whole number of at least 1, not {value!r}")


ENGINES: dict[str, Engine] = {
    engine.name: engine
    for engine in (
        Engine("serial", serial_engine),
        Engine("processes", process_engine, {"workers": int, "chunk_size": int}, frozenset({"pack", "start_method"})),
        Engine("dask", dask_engine, {"workers": int, "chunk_size": int, "scheduler": object}),
    )
}


def engine_named(name: str) -> Engine:
    try:
        return ENGINES[name]
    except KeyError:
        raise InputError(f"unknown engine {name!r}; available: {', '.join(ENGINES)}") from None
