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
from workbench.evaluate import evaluate
from workbench.findings import COLUMNS, Finding, findings_frame, read_findings, write_findings
from workbench.highlight import highlight
from workbench.pipeline import Analysis, analyze, analyze_to_file, run_analysis


def kwic(*args, **kwargs):
    """Keyword in context (see :func:`workbench.explore.kwic`)."""
    from workbench.explore import kwic as _kwic

    return _kwic(*args, **kwargs)


def run_report(*args, **kwargs):
    """Run the report notebook (see :func:`workbench.report.run_report`)."""
    from workbench.report import run_report as _run_report

    return _run_report(*args, **kwargs)


__all__ = [
    "COLUMNS",
    "Analysis",
    "Corpus",
    "CorpusError",
    "Document",
    "Finding",
    "Rejected",
    "__version__",
    "analyze",
    "analyze_to_file",
    "evaluate",
    "findings_frame",
    "highlight",
    "kwic",
    "load_corpus",
    "read_findings",
    "run_analysis",
    "run_report",
    "write_findings",
]
