"""Run the parameterised report notebook with papermill and write a reproducible report folder.

One run writes to its folder: ``report.ipynb`` (executed), ``report.html`` (no code),
``findings.parquet``, ``findings.csv``, ``summary.json`` and ``manifest.json``. Every file
is identical between two runs on the same inputs except the ``created`` field of the
manifest (set ``SOURCE_DATE_EPOCH`` to fix that too). A parameters file may ask for
several runs (``runs:`` or ``group_by:``); each goes to its own subfolder and
``index.html`` links them.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import json
import os
import platform
import re
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from workbench.atomic import atomic_path, write_text
from workbench.corpus import CorpusError, group_values, load_corpus

REPORT_FILES = ("report.ipynb", "report.html", "findings.parquet", "findings.csv", "summary.json", "manifest.json")
KNOWN_PARAMETERS = {"corpus", "detectors", "title", "gold", "filter", "max_highlighted", "group_by", "runs", "execution_timeout", "start_timeout", "kernel_name", "name"}
RUN_PARAMETERS = ("corpus", "detectors", "title", "gold", "filter", "max_highlighted")
DEFAULTS: dict[str, Any] = {"title": "Discourse report", "detectors": None, "gold": None, "filter": None, "max_highlighted": 20}
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_NOTEBOOK = PROJECT_ROOT / "notebooks" / "report.ipynb"
LOCK_FILE = PROJECT_ROOT / "requirements.lock"


class ReportError(RuntimeError):
    """The report could not be produced because of its inputs; the message says which and why."""


class NotebookFailedError(ReportError):
    """The report notebook raised or could not run; the partly executed notebook is kept."""


@dataclass
class ReportRun:
    name: str
    out_dir: Path
    parameters: dict[str, Any]
    summary: dict[str, Any] = field(default_factory=dict)


def load_parameters(path: str | Path | None) -> dict[str, Any]:
    """Read a YAML parameters file and check its keys; lists stay lists (unlike papermill ``-p``)."""
    if path is None:
        return {}
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ReportError(f"{path}: parameters file not found") from None
    except yaml.YAMLError as exc:
        raise ReportError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ReportError(f"{path}: expected a mapping of parameter names to values, got {type(data).__name__}")
    unknown = sorted(set(data) - KNOWN_PARAMETERS)
    if unknown:
        raise ReportError(f"{path}: unknown parameter(s) {', '.join(unknown)}; known: {', '.join(sorted(KNOWN_PARAMETERS))}")
    base = path.parent
    for key in ("corpus", "gold"):
        if isinstance(data.get(key), str):
            data[key] = str((base / data[key]).resolve()) if not Path(data[key]).is_absolute() else data[key]
    for run in data.get("runs") or []:
        for key in ("corpus", "gold"):
            if isinstance(run, dict) and isinstance(run.get(key), str) and not Path(run[key]).is_absolute():
                run[key] = str((base / run[key]).resolve())
    return data


def _slug(value: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", str(value)).strip("-.")
    return slug or "run"


def plan_runs(parameters: dict[str, Any], out_dir: Path) -> list[ReportRun]:
    """Expand ``runs`` or ``group_by`` into one run per subfolder; otherwise one run into ``out_dir``."""
    base = {k: parameters.get(k, DEFAULTS.get(k)) for k in RUN_PARAMETERS}
    if parameters.get("runs"):
        runs = []
        for i, spec in enumerate(parameters["runs"], start=1):
            if not isinstance(spec, dict) or not spec.get("name"):
                raise ReportError(f"runs[{i}]: each run needs a mapping with a 'name'")
            unknown = sorted(set(spec) - set(RUN_PARAMETERS) - {"name"})
            if unknown:
                raise ReportError(f"runs[{i}] ({spec['name']}): unknown parameter(s) {', '.join(unknown)}")
            merged = {**base, **{k: v for k, v in spec.items() if k != "name"}}
            merged["title"] = spec.get("title") or f"{base['title']}: {spec['name']}"
            runs.append(ReportRun(str(spec["name"]), out_dir / _slug(spec["name"]), merged))
        _check_unique(runs)
        return runs
    if parameters.get("group_by"):
        key = str(parameters["group_by"])
        try:
            corpus = load_corpus(base["corpus"])
        except CorpusError as exc:
            raise ReportError(str(exc)) from None
        runs = []
        for value in group_values(corpus, key):
            merged = {**base, "filter": {**(base.get("filter") or {}), key: value}, "title": f"{base['title']}: {key} = {value}"}
            runs.append(ReportRun(f"{key}={value}", out_dir / _slug(f"{key}-{value}"), merged))
        _check_unique(runs)
        return runs
    return [ReportRun("report", out_dir, base)]


def _check_unique(runs: list[ReportRun]) -> None:
    seen: dict[Path, str] = {}
    for run in runs:
        if run.out_dir in seen:
            raise ReportError(f"runs {seen[run.out_dir]!r} and {run.name!r} would write to the same folder {run.out_dir.name}")
        seen[run.out_dir] = run.name


def run_report(
    corpus: str | Path | None,
    out_dir: str | Path,
    *,
    params: str | Path | dict[str, Any] | None = None,
    title: str | None = None,
    detectors: list[str] | None = None,
    gold: str | Path | None = None,
    notebook: str | Path | None = None,
    kernel_name: str | None = None,
    execution_timeout: int | None = None,
    start_timeout: int | None = None,
) -> list[ReportRun]:
    """Execute the report notebook for each planned run and write the report folder(s)."""
    parameters = dict(params) if isinstance(params, dict) else load_parameters(params)
    for key, value in (("corpus", corpus), ("title", title), ("detectors", detectors), ("gold", gold)):
        if value is not None:
            parameters[key] = value
    if not parameters.get("corpus"):
        raise ReportError("no corpus given (argument CORPUS or 'corpus' in the parameters file)")
    parameters["corpus"] = str(Path(parameters["corpus"]).resolve())
    if parameters.get("gold"):
        parameters["gold"] = str(Path(parameters["gold"]).resolve())
        if not Path(parameters["gold"]).is_file():
            raise ReportError(f"{parameters['gold']}: gold file not found")
    if not Path(parameters["corpus"]).exists():
        raise ReportError(f"{parameters['corpus']}: no such file or folder")
    _check_detectors(parameters.get("detectors"))
    out_dir = Path(out_dir).resolve()
    runs = plan_runs(parameters, out_dir)
    options = dict(
        notebook=Path(notebook) if notebook else DEFAULT_NOTEBOOK,
        kernel_name=kernel_name or parameters.get("kernel_name") or "python3",
        execution_timeout=int(execution_timeout or parameters.get("execution_timeout") or 1800),
        start_timeout=int(start_timeout or parameters.get("start_timeout") or 120),
    )
    for run in runs:
        _run_one(run, **options)
    if len(runs) > 1 or runs[0].out_dir != out_dir:
        write_index(out_dir, runs, title=str(parameters.get("title") or DEFAULTS["title"]))
    return runs


def _check_detectors(names: Any) -> None:
    if names is None:
        return
    from workbench.detectors import UnknownDetectorError, resolve_detectors

    try:
        resolve_detectors(names)
    except UnknownDetectorError as exc:
        raise ReportError(str(exc)) from None


def _run_one(run: ReportRun, *, notebook: Path, kernel_name: str, execution_timeout: int, start_timeout: int) -> None:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    if not notebook.is_file():
        raise ReportError(f"{notebook}: report notebook not found (install from a source checkout, or pass --notebook)")
    run.out_dir.mkdir(parents=True, exist_ok=True)
    executed = run.out_dir / "report.ipynb"
    nb_parameters = {**run.parameters, "output_dir": "."}
    with atomic_path(executed) as temp:
        try:
            papermill.execute_notebook(
                str(notebook),
                str(temp),
                parameters=nb_parameters,
                kernel_name=kernel_name,
                cwd=str(run.out_dir),
                execution_timeout=execution_timeout,
                start_timeout=start_timeout,
                progress_bar=False,
                log_output=False,
            )
        except PapermillExecutionError as exc:
            _sanitize_notebook(temp, notebook)
            os.replace(temp, executed)
            raise NotebookFailedError(
                f"report notebook failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue} "
                f"(partly executed notebook: {executed})"
            ) from None
        except Exception as exc:  # kernel start failures, timeouts
            if temp.exists() and temp.stat().st_size:
                _sanitize_notebook(temp, notebook)
                os.replace(temp, executed)
            raise NotebookFailedError(f"report notebook could not run: {type(exc).__name__}: {exc}") from None
        _sanitize_notebook(temp, notebook)
    _write_html(executed, run.out_dir / "report.html", title=str(run.parameters.get("title") or DEFAULTS["title"]))
    summary_path = run.out_dir / "summary.json"
    if not summary_path.is_file():
        raise ReportError(f"{run.out_dir}: the notebook did not write summary.json")
    run.summary = json.loads(summary_path.read_text(encoding="utf-8"))
    write_manifest(run, notebook=notebook)


_TIMING_KEYS = ("start_time", "end_time", "duration", "input_path", "output_path")


def _sanitize_notebook(path: Path, source: Path) -> None:
    """Remove what differs between two runs of the same inputs: timings and temporary paths."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    pm = nb.metadata.get("papermill", {})
    for key in _TIMING_KEYS:
        pm.pop(key, None)
    pm["input_path"] = f"notebooks/{source.name}" if source == DEFAULT_NOTEBOOK else source.name
    pm["output_path"] = "report.ipynb"
    pm.pop("environment_variables", None)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
        cell.metadata.pop("execution", None)
        cell_pm = cell.metadata.get("papermill")
        if cell_pm is not None:
            for key in ("start_time", "end_time", "duration"):
                cell_pm.pop(key, None)
    nbformat.write(nb, str(path))


def _write_html(notebook_path: Path, html_path: Path, *, title: str) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    nb = nbformat.read(notebook_path, as_version=4)
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb)
    write_text(html_path, body)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _created() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc) if epoch else _dt.datetime.now(_dt.timezone.utc)
    return moment.replace(microsecond=0).isoformat()


def environment_versions() -> dict[str, Any]:
    """Python, platform, and every installed distribution with its version (sorted)."""
    packages = {}
    for dist in metadata.distributions():
        name = dist.metadata.get("Name")
        if name:
            packages[name.lower()] = dist.version
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": f"{platform.system()}-{platform.machine()}",
        "packages": dict(sorted(packages.items())),
    }


def data_file_hashes() -> dict[str, str]:
    """sha256 of every data file shipped in the package (lexicons, models, tokenizer parameters)."""
    package = Path(__file__).resolve().parent
    hashes = {}
    for folder in ("lexicons", "data", "models"):
        root = package / folder
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix not in (".py", ".pyc"):
                    hashes[path.relative_to(package).as_posix()] = _sha256(path)
    return hashes


def write_manifest(run: ReportRun, *, notebook: Path) -> Path:
    from workbench import __version__

    parameters = run.parameters
    manifest = {
        "created": _created(),
        "workbench": __version__,
        "name": run.name,
        "parameters": parameters,
        "corpus": {"path": parameters["corpus"], "inputs": run.summary.get("inputs", [])},
        "gold": {"path": parameters["gold"], "sha256": _sha256(Path(parameters["gold"]))} if parameters.get("gold") else None,
        "notebook": {"path": notebook.name, "sha256": _sha256(notebook)},
        "rejected": run.summary.get("rejected", []),
        "outputs": {name: _sha256(run.out_dir / name) for name in REPORT_FILES if name != "manifest.json" and (run.out_dir / name).is_file()},
        "data_files": data_file_hashes(),
        "lock_file": {"path": LOCK_FILE.name, "sha256": _sha256(LOCK_FILE)} if LOCK_FILE.is_file() else None,
        "environment": environment_versions(),
    }
    return write_text(run.out_dir / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n")


def write_index(out_dir: Path, runs: list[ReportRun], *, title: str) -> Path:
    """An index.html that links every run's report with its document and finding counts."""
    rows = []
    for run in runs:
        totals = run.summary.get("totals", {})
        link = html.escape(f"{run.out_dir.relative_to(out_dir).as_posix()}/report.html", quote=True)
        rows.append(
            f"<tr><td><a href=\"{link}\">{html.escape(run.name)}</a></td><td>{totals.get('documents', '')}</td>"
            f"<td>{totals.get('words', '')}</td><td>{totals.get('findings', '')}</td><td>{totals.get('per_1000_words', '')}</td>"
            f"<td>{totals.get('rejected', '')}</td></tr>"
        )
    page = (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html.escape(title) + "</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .8em}</style>"
        "</head><body><h1>" + html.escape(title) + "</h1><table><tr><th>run</th><th>documents</th><th>words</th>"
        "<th>findings</th><th>per 1,000 words</th><th>rejected</th></tr>" + "".join(rows) + "</table></body></html>\n"
    )
    return write_text(out_dir / "index.html", page)


def main_runs_summary(runs: list[ReportRun]) -> str:
    lines = []
    for run in runs:
        totals = run.summary.get("totals", {})
        lines.append(f"{run.name}: {totals.get('documents', 0)} documents, {totals.get('findings', 0)} findings -> {run.out_dir}")
    return "\n".join(lines)

