"""Parquet datasets in, a findings dataset out: one findings part per input part.

A dataset is a folder of Parquet files (as pandas, Dask or Spark write it, sub-folders such as
``year=2022/`` included), a glob (``archive/*.parquet``), or a URL that ``fsspec`` understands
(``s3://bucket/news/``) when the user has installed the filesystem package. Each part is one
unit of work: it is read, analysed and written by whoever runs it — this process, a worker of
the process pool, or a Dask worker on another machine — so the client never holds texts or
findings, only each part's counts and rejected documents. The parts written are exactly what
:func:`workbench.pipeline.analyze` writes for the same documents, part by part.
"""

from __future__ import annotations

import glob as _glob
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterator, Mapping, Sequence

from workbench.corpus import CorpusError, Rejected
from workbench.errors import InputError

MANIFEST = "_parts.json"


@dataclass
class PartResult:
    """What one part gave: where it was read and written, how many documents and findings, and what was rejected."""

    part: str
    out: str
    documents: int = 0
    findings: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DatasetSummary:
    """What a dataset run wrote: one findings part per input part, and a manifest of the parts."""

    out: str
    parts: list[PartResult]
    detectors: list[str]

    @property
    def documents(self) -> int:
        return sum(p.documents for p in self.parts)

    @property
    def findings(self) -> int:
        return sum(p.findings for p in self.parts)

    @property
    def rejected(self) -> list[Rejected]:
        return [Rejected(**item) for p in self.parts for item in p.rejected]


def is_url(source: str) -> bool:
    return "://" in source


def _filesystem(url: str):
    try:
        import fsspec
    except ImportError:
        raise InputError(f"{url}: reading a dataset from a URL needs fsspec and the filesystem's package (e.g. pip install fsspec s3fs)") from None
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise InputError(f"{url}: {exc}") from None


def dataset_parts(source: str | Path) -> list[str]:
    """The Parquet parts of a dataset source (folder, glob or URL), sorted; empty when ``source`` is none."""
    from workbench.corpus.readers import dataset_parts as folder_parts

    text = str(source)
    if is_url(text):
        fs, root = _filesystem(text)
        pattern = root if _glob.has_magic(root) else root.rstrip("/") + "/**/*.parquet"
        protocol = text.split("://", 1)[0]
        return sorted(f"{protocol}://{p}" for p in fs.glob(pattern) if not PurePosixPath(p).name.startswith((".", "_")))
    if _glob.has_magic(text):
        return sorted(p for p in _glob.glob(text, recursive=True) if p.endswith(".parquet") and Path(p).is_file())
    path = Path(text)
    return [str(p) for p in folder_parts(path)] if path.is_dir() else []


def is_dataset_out(out: str | Path) -> bool:
    """``--out DIR/`` (with its trailing slash) asks for a findings dataset."""
    return str(out).endswith(("/", "\\"))


def _relative(part: str, parts: Sequence[str]) -> str:
    """The part's path below the dataset's common root, so partition folders are kept."""
    if len(parts) == 1:
        return PurePosixPath(part.replace("\\", "/")).name
    common = PurePosixPath(_common_root([p.replace("\\", "/") for p in parts]))
    return str(PurePosixPath(part.replace("\\", "/")).relative_to(common))


def _common_root(paths: Sequence[str]) -> str:
    split = [p.split("/")[:-1] for p in paths]
    common = []
    for pieces in zip(*split):
        if len(set(pieces)) != 1:
            break
        common.append(pieces[0])
    return "/".join(common) or "/"


def plan(parts: Sequence[str], out: str | Path) -> list[tuple[str, str]]:
    """(input part, output part) pairs: the output mirrors each part's place below the dataset root."""
    base = str(out).rstrip("/\\")
    return [(part, f"{base}/{_relative(part, parts)}") for part in parts]


def _rows(part: str) -> Iterator:
    from workbench.corpus.tables import read_parquet_rows

    if not is_url(part):
        yield from read_parquet_rows(Path(part))
        return
    fs, path = _filesystem(part)
    with fs.open(path, "rb") as handle:
        yield from read_parquet_rows(handle, name=part)


def analyze_part(part: str, out: str, requests: list[tuple[str, dict[str, Any]]], reading: Mapping[str, Any] | None = None) -> PartResult:
    """Read one Parquet part, run the detectors on its documents and write their findings to ``out``.

    Runs wherever it is called (a pool or Dask worker): detectors are built here from their
    names and options, and only counts and rejected documents go back.
    """
    from workbench.corpus.options import ReadOptions
    from workbench.corpus.rows import documents_from_rows
    from workbench.detectors import resolve_detectors
    from workbench.engines import detect_document
    from workbench.findings import findings_frame, write_findings

    detectors = resolve_detectors(requests)
    result = PartResult(part=part, out=out)
    found, order = [], []
    try:
        items = list(documents_from_rows(PurePosixPath(part) if is_url(part) else Path(part), _rows(part), options=ReadOptions(**dict(reading or {}))))
    except CorpusError as exc:
        result.rejected.append(Rejected(source=part, reason=exc.reason).as_dict())
        items = []
    for item in items:
        if isinstance(item, Rejected):
            result.rejected.append(item.as_dict())
            continue
        outcome = detect_document(item, detectors)
        if outcome.error:
            result.rejected.append(Rejected(source=part, reason=outcome.error, doc_id=item.doc_id).as_dict())
            continue
        result.documents += 1
        order.append(item.doc_id)
        found.extend(outcome.findings)
    frame = findings_frame(found, doc_order=order)
    result.findings = len(frame)
    _write(frame, out, write_findings)
    return result


def _write(frame, out: str, write_findings) -> None:
    if is_url(out):
        import tempfile

        fs, path = _filesystem(out)
        fs.makedirs(str(PurePosixPath(path).parent), exist_ok=True)  # object stores have no folders: a no-op there
        with tempfile.TemporaryDirectory() as tmp:
            local = Path(tmp) / "part.parquet"
            write_findings(frame, local)
            fs.put(str(local), path)
        return
    write_findings(frame, out)


def analyze_dataset(
    source: str | Path,
    out: str | Path,
    *,
    detectors: Any = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    engine: str = "serial",
    reading: Mapping[str, Any] | None = None,
    workers: int | None = None,
    scheduler: Any = None,
) -> DatasetSummary:
    """Analyse a Parquet dataset part by part into a findings dataset ``out`` (one part per input part).

    ``engine`` runs the parts here (``serial``), in a process pool, or as Dask tasks that read
    and write their own parts. A manifest of the parts (counts and rejected documents) is
    written as ``out/_parts.json``.
    """
    from workbench.detectors import resolve_detectors

    parts = dataset_parts(source)
    if not parts:
        raise CorpusError(str(source), "no Parquet parts found")
    chosen = resolve_detectors(detectors, options=options)
    requests = [(d.name, dict((options or {}).get(d.name, {}))) for d in chosen]
    jobs = plan(parts, out)
    if not is_url(str(out)):
        for _, target in jobs:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
    reading = dict(reading or {})
    if engine == "serial":
        results = [analyze_part(part, target, requests, reading) for part, target in jobs]
    elif engine == "processes":
        results = _in_pool(jobs, requests, reading, workers)
    elif engine == "dask":
        results = _on_dask(jobs, requests, reading, workers, scheduler)
    else:
        from workbench.engines import engine_named

        engine_named(engine)  # names the engines
        raise InputError(f"engine {engine!r} cannot run a dataset")
    summary = DatasetSummary(out=str(out), parts=results, detectors=[d.name for d in chosen])
    manifest = {"detectors": summary.detectors, "options": {k: dict(v) for k, v in (options or {}).items()},
                "documents": summary.documents, "findings": summary.findings, "parts": [asdict(r) for r in results]}
    _write_manifest(str(out), json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return summary


def _write_manifest(out: str, text: str) -> None:
    if is_url(out):
        fs, path = _filesystem(out)
        fs.makedirs(path.rstrip("/"), exist_ok=True)
        with fs.open(path.rstrip("/") + "/" + MANIFEST, "w") as handle:
            handle.write(text)
        return
    from workbench.atomic import write_text

    write_text(Path(out) / MANIFEST, text)


def _in_pool(jobs, requests, reading, workers) -> list[PartResult]:
    from concurrent.futures import ProcessPoolExecutor

    from workbench.engines import _mp_context, default_workers

    with ProcessPoolExecutor(max_workers=workers or default_workers(), mp_context=_mp_context(None)) as pool:
        futures = [pool.submit(analyze_part, part, target, requests, reading) for part, target in jobs]
        return [f.result() for f in futures]


def _on_dask(jobs, requests, reading, workers, scheduler) -> list[PartResult]:
    from workbench.engines import dask_client

    with dask_client(scheduler, workers) as client:
        futures = [client.submit(analyze_part, part, target, requests, reading, pure=False) for part, target in jobs]
        return client.gather(futures)
