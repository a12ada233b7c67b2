"""discourse-workbench: hedging and boosting, rhetorical questions and framing in news and opinion texts.

Every finding is a span of a document with exact character offsets, a label, the cue or
rule that fired and a one-sentence explanation.
"""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("discourse-workbench")
except _metadata.PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"

from workbench.corpus import Corpus, CorpusError, Document, Rejected, load_corpus
from workbench.errors import InputError, ReportError, WorkbenchError
from workbench.evaluate import evaluate
from workbench.findings import COLUMNS, Finding, findings_frame, read_findings, write_findings
from workbench.highlight import highlight
from workbench.pipeline import RunSummary, analyze

# Imported on first use: they pull in matplotlib and papermill, which a plain analysis does not need.
_LAZY = {"kwic": "workbench.explore", "run_report": "workbench.report"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # the real function, with its own signature and docstring
        return value
    raise AttributeError(f"module 'workbench' has no attribute {name!r}")


__all__ = [
    "COLUMNS",
    "Corpus",
    "CorpusError",
    "Document",
    "Finding",
    "InputError",
    "Rejected",
    "ReportError",
    "RunSummary",
    "WorkbenchError",
    "__version__",
    "analyze",
    "evaluate",
    "findings_frame",
    "highlight",
    "kwic",
    "load_corpus",
    "read_findings",
    "run_report",
    "write_findings",
]
