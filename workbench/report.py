"""Write a reproducible report folder: analyse the corpus, then run the report notebook with papermill.

One run writes to its folder: ``findings.parquet``, ``findings.csv`` and ``summary.json``
(by :func:`prepare_run`, in this process, through the chosen engine), then ``report.ipynb``
(the executed notebook, which reads them back with :func:`report_run`), ``report.html``
(no code) and ``manifest.json``. Every file is identical between two runs on the same inputs
except the ``created`` field of the manifest (set ``SOURCE_DATE_EPOCH`` to fix that too). A
parameters file may ask for several runs (``runs:`` or ``group_by:``); each goes to its own
subfolder and ``index.html`` links them.
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
from workbench.corpus import Corpus, CorpusError, Document, Rejected, group_values, load_corpus, select
from workbench.errors import InputError, ReportError

REPORT_FILES = ("report.ipynb", "report.html", "findings.parquet", "findings.csv", "summary.json", "manifest.json")
KNOWN_PARAMETERS = {
    "corpus", "detectors", "options", "reading", "title", "gold", "filter", "max_highlighted", "group_by", "runs",
    "execution_timeout", "start_timeout", "kernel_name", "name",
}
RUN_PARAMETERS = ("corpus", "detectors", "options", "reading", "title", "gold", "filter", "max_highlighted")
DEFAULTS: dict[str, Any] = {"title": "Discourse report", "detectors": None, "options": None, "reading": None, "gold": None, "filter": None, "max_highlighted": 20}
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_NOTEBOOK = PROJECT_ROOT / "notebooks" / "report.ipynb"
LOCK_FILE = PROJECT_ROOT / "requirements.lock"


class ParameterError(InputError):
    """A report parameter (file, key or value) that cannot be used; the message names it."""


class NotebookFailedError(ReportError):
    """The report notebook raised or could not run; the partly executed notebook is kept."""


@dataclass
class PlannedRun:
    """One report to write: its name, folder and parameters (filled in by :func:`plan_runs`)."""

    name: str
    out_dir: Path
    parameters: dict[str, Any]
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReportRun:
    """What the report notebook shows: the run's title, the detectors that ran, the summary and
    the context every section is given."""

    title: str
    detectors: list[str]
    summary: dict[str, Any]
    context: Any  # workbench.views.ReportContext (imported lazily: views need IPython)

    def heading(self) -> str:
        """The report's title and one line of corpus figures, as Markdown (title escaped)."""
        totals = self.summary["totals"]
        return (
            f"# {html.escape(self.title)}\n\n"
            f"{totals['documents']} document(s), {totals['words']:,} words, {totals['findings']:,} findings "
            f"({totals['per_1000_words']:.1f} per 1,000 words); {totals['rejected']} rejected. "
            f"Detectors: {', '.join(self.detectors) or 'none'}."
        )


def load_parameters(path: str | Path | None) -> dict[str, Any]:
    """Read a YAML parameters file and check its keys; lists stay lists (unlike papermill ``-p``)."""
    if path is None:
        return {}
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ParameterError(f"{path}: parameters file not found") from None
    except yaml.YAMLError as exc:
        raise ParameterError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ParameterError(f"{path}: expected a mapping of parameter names to values, got {type(data).__name__}")
    unknown = sorted(set(data) - KNOWN_PARAMETERS)
    if unknown:
        raise ParameterError(f"{path}: unknown parameter(s) {', '.join(unknown)}; known: {', '.join(sorted(KNOWN_PARAMETERS))}")
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


def plan_runs(parameters: dict[str, Any], out_dir: Path) -> list[PlannedRun]:
    """Expand ``runs`` or ``group_by`` into one run per subfolder; otherwise one run into ``out_dir``."""
    base = {k: parameters.get(k, DEFAULTS.get(k)) for k in RUN_PARAMETERS}
    if parameters.get("runs"):
        runs = []
        for i, spec in enumerate(parameters["runs"], start=1):
            if not isinstance(spec, dict) or not spec.get("name"):
                raise ParameterError(f"runs[{i}]: each run needs a mapping with a 'name'")
            unknown = sorted(set(spec) - set(RUN_PARAMETERS) - {"name"})
            if unknown:
                raise ParameterError(f"runs[{i}] ({spec['name']}): unknown parameter(s) {', '.join(unknown)}")
            merged = {**base, **{k: v for k, v in spec.items() if k != "name"}}
            merged["title"] = spec.get("title") or f"{base['title']}: {spec['name']}"
            runs.append(PlannedRun(str(spec["name"]), out_dir / _slug(spec["name"]), merged))
        _check_unique(runs)
        return runs
    if parameters.get("group_by"):
        key = str(parameters["group_by"])
        try:
            corpus = load_corpus(base["corpus"], **(base.get("reading") or {}))
        except CorpusError as exc:
            raise ParameterError(str(exc)) from None
        runs = []
        for value in group_values(corpus, key):
            merged = {**base, "filter": {**(base.get("filter") or {}), key: value}, "title": f"{base['title']}: {key} = {value}"}
            runs.append(PlannedRun(f"{key}={value}", out_dir / _slug(f"{key}-{value}"), merged))
        _check_unique(runs)
        return runs
    return [PlannedRun("report", out_dir, base)]


def _check_unique(runs: list[PlannedRun]) -> None:
    seen: dict[Path, str] = {}
    for run in runs:
        if run.out_dir in seen:
            raise ParameterError(f"runs {seen[run.out_dir]!r} and {run.name!r} would write to the same folder {run.out_dir.name}")
        seen[run.out_dir] = run.name


def run_report(
    corpus: str | Path | None,
    out_dir: str | Path,
    *,
    params: str | Path | dict[str, Any] | None = None,
    title: str | None = None,
    detectors: list[str] | None = None,
    options: dict[str, dict[str, Any]] | None = None,
    reading: dict[str, Any] | None = None,
    gold: str | Path | None = None,
    notebook: str | Path | None = None,
    kernel_name: str | None = None,
    execution_timeout: int | None = None,
    start_timeout: int | None = None,
) -> list[PlannedRun]:
    """Analyse the corpus and execute the report notebook for each planned run; write the report folder(s).

    Arguments override the parameters file; ``options`` (detector options, as
    ``{"stance": {"convention": "semantic"}}``) and ``reading`` (how the corpus is read:
    ``recursive``, ``follow_links``, ``max_chars``) are merged into the file's ``options`` and
    ``reading``.
    """
    parameters = dict(params) if isinstance(params, dict) else load_parameters(params)
    for key, value in (("corpus", corpus), ("title", title), ("detectors", detectors), ("gold", gold)):
        if value is not None:
            parameters[key] = value
    if reading:
        parameters["reading"] = {**(parameters.get("reading") or {}), **reading}
    if options:
        merged = {name: dict(values) for name, values in (parameters.get("options") or {}).items()}
        for name, values in options.items():
            merged.setdefault(name, {}).update(values)
        parameters["options"] = merged
    if not parameters.get("corpus"):
        raise ParameterError("no corpus given (argument CORPUS or 'corpus' in the parameters file)")
    parameters["corpus"] = str(Path(parameters["corpus"]).resolve())
    if parameters.get("gold"):
        parameters["gold"] = str(Path(parameters["gold"]).resolve())
        if not Path(parameters["gold"]).is_file():
            raise ParameterError(f"{parameters['gold']}: gold file not found")
    if not Path(parameters["corpus"]).exists():
        raise ParameterError(f"{parameters['corpus']}: no such file or folder")
    _check_detectors(parameters.get("detectors"), parameters.get("options"))
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


def _check_detectors(names: Any, options: Any) -> None:
    """Unknown detectors and options are refused before anything runs."""
    from workbench.detectors import resolve_detectors

    if options is not None and (not isinstance(options, dict) or not all(isinstance(v, dict) for v in options.values())):
        raise ParameterError("options: expected a mapping of detector names to {option: value} mappings")
    resolve_detectors(names, options=options)


def prepare_run(
    *,
    corpus: str | Path,
    output_dir: str | Path,
    detectors: Any = None,
    options: dict[str, dict[str, Any]] | None = None,
    reading: dict[str, Any] | None = None,
    filter: dict[str, Any] | None = None,
    **_ignored: Any,
) -> dict[str, Any]:
    """Analyse the (filtered) corpus and write ``findings.parquet``, ``findings.csv`` and ``summary.json``.

    Returns the summary, which also records the detectors and their options, the filter and
    the input files with their hashes (what the manifest needs).
    """
    from workbench.findings import write_findings
    from workbench.pipeline import analyze
    from workbench.summary import summarise

    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    full = load_corpus(corpus, **(reading or {}))
    chosen = select(full, filter)
    rejected: list[Rejected] = list(full.rejected)
    analysed: list[Document] = []
    findings = analyze(chosen.documents, detectors=detectors, options=options, progress=False, on_rejected=rejected.append,
                       on_document=lambda doc, _: analysed.append(doc))
    names = _detector_names(detectors, options)
    write_findings(findings, out / "findings.parquet")
    write_findings(findings, out / "findings.csv")
    summary = summarise(analysed, findings, rejected=rejected, detectors=names)
    summary["detectors"] = names
    summary["options"] = options or {}
    summary["filter"] = filter
    summary["inputs"] = full.input_hashes()
    write_text(out / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    return summary


def _detector_names(detectors: Any, options: Any) -> list[str]:
    from workbench.detectors import resolve_detectors

    return [d.name for d in resolve_detectors(detectors, options=options)]


def report_run(
    *,
    corpus: str | Path,
    detectors: Any = None,
    options: dict[str, dict[str, Any]] | None = None,
    reading: dict[str, Any] | None = None,
    title: str = DEFAULTS["title"],
    gold: str | Path | None = None,
    filter: dict[str, Any] | None = None,
    max_highlighted: int = DEFAULTS["max_highlighted"],
    output_dir: str | Path | None = None,
    prepared: bool = False,
) -> ReportRun:
    """What the report notebook shows, for its parameters.

    ``workbench report`` analyses the corpus first (:func:`prepare_run`) and sets
    ``prepared``, so the notebook reads the findings and summary back from ``output_dir``;
    run by hand, the notebook analyses the corpus here (into a temporary folder when
    ``output_dir`` is not given).
    """
    import tempfile

    from workbench.evaluate import evaluate
    from workbench.findings import read_findings
    from workbench.views import ReportContext

    out = Path(output_dir) if output_dir else Path(tempfile.mkdtemp(prefix="workbench-report-"))
    if not prepared:
        prepare_run(corpus=corpus, output_dir=out, detectors=detectors, options=options, reading=reading, filter=filter)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    findings = read_findings(out / "findings.parquet")
    chosen = select(load_corpus(corpus, **(reading or {})), filter)
    analysed = {entry["doc_id"] for entry in summary["documents"]}
    documents = [doc for doc in chosen.documents if doc.doc_id in analysed]
    rejected = [Rejected(**{key: item.get(key) for key in ("source", "reason", "location", "doc_id")}) for item in summary["rejected"]]
    scores = {mode: evaluate(findings, gold, match=mode, corpus=Corpus(documents)) for mode in ("overlap", "exact")} if gold else {}
    context = ReportContext(documents=documents, findings=findings, rejected=rejected, max_highlighted=int(max_highlighted),
                            scores=scores, detectors=list(summary["detectors"]))
    return ReportRun(title=str(title), detectors=list(summary["detectors"]), summary=summary, context=context)


def _run_one(run: PlannedRun, *, notebook: Path, kernel_name: str, execution_timeout: int, start_timeout: int) -> None:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    if not notebook.is_file():
        raise ParameterError(f"{notebook}: report notebook not found (install from a source checkout, or pass --notebook)")
    run.out_dir.mkdir(parents=True, exist_ok=True)
    try:
        run.summary = prepare_run(output_dir=run.out_dir, **run.parameters)
    except CorpusError as exc:
        raise ParameterError(str(exc)) from None
    executed = run.out_dir / "report.ipynb"
    nb_parameters = {**run.parameters, "output_dir": ".", "prepared": True}
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


def write_manifest(run: PlannedRun, *, notebook: Path) -> Path:
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


def write_index(out_dir: Path, runs: list[PlannedRun], *, title: str) -> Path:
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


def main_runs_summary(runs: list[PlannedRun]) -> str:
    lines = []
    for run in runs:
        totals = run.summary.get("totals", {})
        lines.append(f"{run.name}: {totals.get('documents', 0)} documents, {totals.get('findings', 0)} findings -> {run.out_dir}")
    return "\n".join(lines)

