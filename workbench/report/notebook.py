"""Execute the report notebook with papermill and render it as offline HTML without code."""

from __future__ import annotations

import os
from pathlib import Path

from workbench.atomic import atomic_path, write_text
from workbench.corpus import CorpusError
from workbench.errors import ReportError
from workbench.report.analysis import prepare_run
from workbench.report.manifest import write_manifest
from workbench.report.parameters import DEFAULTS, ParameterError, PlannedRun

NOTEBOOK_PARAMETERS = ("corpus", "detectors", "options", "reading", "title", "gold", "filter", "max_highlighted")
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_NOTEBOOK = PROJECT_ROOT / "notebooks" / "report.ipynb"

class NotebookFailedError(ReportError):
    """The report notebook raised or could not run; the partly executed notebook is kept."""



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
    # The notebook reads what prepare_run wrote; how it was computed (engine, formats) is not its business.
    nb_parameters = {**{k: v for k, v in run.parameters.items() if k in NOTEBOOK_PARAMETERS}, "output_dir": ".", "prepared": True}
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
                # The kernel runs on this machine for this run only: its warning about unencrypted TCP is noise.
                extra_arguments=["--IPKernelApp.log_level=ERROR"],
            )
        except PapermillExecutionError as exc:
            _sanitize_notebook(temp, notebook)
            os.replace(temp, executed)
            raise NotebookFailedError(
                f"report notebook failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}"
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

    templates = Path(__file__).resolve().parents[1] / "templates"
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(templates)], exclude_input=True,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    nb = nbformat.read(notebook_path, as_version=4)
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb)
    write_text(html_path, body)

