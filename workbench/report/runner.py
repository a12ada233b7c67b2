"""``workbench report``: plan the runs, analyse and render each, and write the report folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from workbench.report.folder import failed_folder, report_lock, staged_folder
from workbench.report.manifest import write_index
from workbench.report.notebook import DEFAULT_NOTEBOOK, NotebookFailedError, _run_one
from workbench.report.parameters import DEFAULTS, ParameterError, PlannedRun, load_parameters, plan_runs, validate_parameters

def run_report(
    corpus: str | Path | None,
    out_dir: str | Path,
    *,
    params: str | Path | dict[str, Any] | None = None,
    title: str | None = None,
    detectors: list[str] | None = None,
    options: dict[str, dict[str, Any]] | None = None,
    reading: dict[str, Any] | None = None,
    engine: str | dict[str, Any] | None = None,
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
    for key, value in (("corpus", corpus), ("title", title), ("detectors", detectors), ("gold", gold), ("engine", engine)):
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
    validate_parameters(parameters)
    _check_detectors(parameters.get("detectors"), parameters.get("options"))
    final = Path(out_dir).resolve()
    _check_out_dir(final, Path(parameters["corpus"]), parameters.get("gold"))
    settings = dict(
        notebook=Path(notebook) if notebook else DEFAULT_NOTEBOOK,
        kernel_name=kernel_name or parameters.get("kernel_name") or "python3",
        execution_timeout=int(execution_timeout or parameters.get("execution_timeout") or 1800),
        start_timeout=int(start_timeout or parameters.get("start_timeout") or 120),
    )
    with report_lock(final):
        try:
            with staged_folder(final) as staging:
                runs = plan_runs(parameters, staging)
                for run in runs:
                    _run_one(run, **settings)
                if len(runs) > 1 or runs[0].out_dir != staging:
                    write_index(staging, runs, title=str(parameters.get("title") or DEFAULTS["title"]))
        except NotebookFailedError as exc:
            raise NotebookFailedError(f"{exc}; the partial output is in {failed_folder(final)}, and {final} is unchanged") from None
    for run in runs:
        run.out_dir = final / run.out_dir.relative_to(staging)
    return runs


def _check_out_dir(final: Path, corpus: Path, gold: str | None) -> None:
    """The report folder is replaced whole: it must not hold the corpus or the gold file, nor be a file."""
    corpus = corpus.resolve()
    for name, path in (("corpus", corpus), ("gold file", Path(gold).resolve() if gold else None)):
        if path is not None and (path == final or final in path.parents):
            raise ParameterError(f"--out {final}: the report folder is replaced as a whole, and it holds the {name} {path}; choose another folder")
    if final.exists() and not final.is_dir():
        raise ParameterError(f"--out {final}: exists and is not a folder")
    parent = final.parent
    while not parent.exists():
        parent = parent.parent
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ParameterError(f"--out {final}: cannot write in {parent}")



def _check_detectors(names: Any, options: Any) -> None:
    """Unknown detectors and options are refused before anything runs."""
    from workbench.detectors import resolve_detectors

    if options is not None and (not isinstance(options, dict) or not all(isinstance(v, dict) for v in options.values())):
        raise ParameterError("options: expected a mapping of detector names to {option: value} mappings")
    resolve_detectors(names, options=options)

