"""Write a reproducible report folder: analyse the corpus, then run the report notebook with papermill.

One run writes to its folder: ``findings.parquet``, ``findings.csv`` and ``summary.json``
(by :func:`prepare_run`, in this process, through the chosen engine), then ``report.ipynb``
(the executed notebook, which reads them back with :func:`report_run`), ``report.html``
(no code) and ``manifest.json``. Every file is identical between two runs on the same inputs
except the ``created`` field of the manifest (set ``SOURCE_DATE_EPOCH`` to fix that too). A
parameters file may ask for several runs (``runs:`` or ``group_by:``); each goes to its own
subfolder and ``index.html`` links them.
"""

from workbench.report.analysis import ReportRun, prepare_run, report_run
from workbench.report.manifest import data_file_hashes, environment_versions, main_runs_summary, write_index, write_manifest
from workbench.report.notebook import DEFAULT_NOTEBOOK, NotebookFailedError
from workbench.report.parameters import (
    DEFAULTS,
    KNOWN_PARAMETERS,
    REPORT_FILES,
    RUN_PARAMETERS,
    ParameterError,
    PlannedRun,
    load_parameters,
    plan_runs,
)
from workbench.report.runner import run_report

__all__ = [
    "DEFAULTS",
    "DEFAULT_NOTEBOOK",
    "KNOWN_PARAMETERS",
    "REPORT_FILES",
    "RUN_PARAMETERS",
    "NotebookFailedError",
    "ParameterError",
    "PlannedRun",
    "ReportRun",
    "data_file_hashes",
    "environment_versions",
    "load_parameters",
    "main_runs_summary",
    "plan_runs",
    "prepare_run",
    "report_run",
    "run_report",
    "write_index",
    "write_manifest",
]
