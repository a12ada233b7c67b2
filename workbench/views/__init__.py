"""Presentation of findings: report sections and per-document metrics.

The views import the detectors, never the reverse. A detector family's spec names its view
module (``DetectorSpec.view``); the module provides

* ``INTRO`` — one sentence shown under the section heading (the heading is the spec's title),
* ``section(context)`` — displays the family's tables, charts or HTML for a :class:`ReportContext`,
* ``METRICS`` (optional) — ``{name: function(document, findings)}``, per-document figures
  written to ``summary.json``.

A detector without a view gets a generic section (findings per label, and the findings
themselves). Sections and metrics are produced only for the detectors that ran.
"""

from __future__ import annotations

import html
import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Callable, Iterable

import pandas as pd

from workbench.corpus import Document
from workbench.detectors.registry import DetectorSpec, get_spec
from workbench.views import corpus as corpus_views
from workbench.views.context import ReportContext, escape_markdown

MetricFunction = Callable[[Document, pd.DataFrame], Any]


@dataclass(frozen=True)
class Section:
    """One section of the report: a heading, a sentence saying what it shows, and the code that shows it."""

    key: str
    title: str
    intro: str
    show: Callable[[ReportContext], None]


BEFORE = (
    Section("overview", "Corpus overview", "What was analysed: documents, words, findings, detectors, and where every document's findings are.", corpus_views.overview),
    Section("findings_by_label", "Findings per label", "How much of each kind of finding there is, and how it spreads across documents.", corpus_views.findings_by_label),
    Section("comparison", "Comparison between groups", "The same figures per group of a metadata column (`compare_by`), and the labels that differ most.", corpus_views.comparison),
    Section("top_documents_and_cues", "Top documents and cues", "Where each label is densest, and the words that carry it most often.", corpus_views.top_documents_and_cues),
)
AFTER = (
    Section("highlighted_documents", "Documents with their findings", "Each finding is marked in the text with its label; hover over it, or reach it with Tab, for the explanation.", corpus_views.highlighted_documents),
    Section("evaluation", "Evaluation against gold annotations", "Precision, recall and F1 per layer and label (overlap and exact matching).", corpus_views.evaluation),
    Section("rejected", "Rejected documents", "Documents that could not be analysed, and why.", corpus_views.rejected),
)


def view_module(spec: DetectorSpec) -> ModuleType | None:
    """The spec's view module, imported on first use (None for a detector without one)."""
    return importlib.import_module(spec.view) if spec.view else None


def detector_section(name: str) -> Section:
    """The report section of detector ``name`` (a generic one when it has no view)."""
    spec = get_spec(name)
    module = view_module(spec)
    if module is None:
        return Section(name, spec.title or name, spec.description, lambda context: generic_section(context, spec))
    return Section(name, spec.title or name, getattr(module, "INTRO", spec.description), module.section)


# Detector sections in the order a reader meets the questions (others follow, alphabetically).
SECTION_ORDER = ("stance", "question", "frames", "loaded", "distancing", "actors")


def report_sections(detectors: Iterable[str]) -> list[Section]:
    """Every section of a report on a run of ``detectors``, in reading order."""
    ordered = sorted(detectors, key=lambda name: (SECTION_ORDER.index(name) if name in SECTION_ORDER else len(SECTION_ORDER), name))
    return [*BEFORE, *(detector_section(name) for name in ordered), *AFTER]


def metrics_for(detectors: Iterable[str]) -> dict[str, MetricFunction]:
    """Per-document figures of the detectors that ran, by metric name (sorted)."""
    metrics: dict[str, MetricFunction] = {}
    for name in detectors:
        module = view_module(get_spec(name))
        metrics.update(getattr(module, "METRICS", {}) if module else {})
    return dict(sorted(metrics.items()))


def show_section(section: Section, context: ReportContext, *, level: int = 2) -> None:
    """Display a section with its heading (an anchor the contents list links to) and introduction."""
    from IPython.display import HTML, Markdown, display

    display(HTML(f'<h{level} id="section-{html.escape(section.key, quote=True)}">{html.escape(section.title)}</h{level}>'))
    display(Markdown(section.intro))
    section.show(context)


def contents(sections: Iterable[Section]) -> str:
    """The report's contents list, as HTML linking each section's heading."""
    items = "".join(f'<li><a href="#section-{html.escape(s.key, quote=True)}">{html.escape(s.title)}</a></li>' for s in sections)
    return f'<nav class="wb-contents"><strong>Contents</strong><ol>{items}</ol></nav>'


def show_report(context: ReportContext) -> None:
    """The contents list, then every section of a report on the detectors that ran."""
    from IPython.display import HTML, display

    sections = report_sections(context.detectors)
    display(HTML(contents(sections)))
    for section in sections:
        show_section(section, context)


def generic_section(context: ReportContext, spec: DetectorSpec) -> None:
    """Findings per label and document, then the first findings, for a detector without a view."""
    from IPython.display import Markdown, display

    rows = context.findings[context.findings["detector"] == spec.name] if len(context.findings) else context.findings
    if rows.empty:
        display(Markdown(f"*No findings from {escape_markdown(spec.name)}.*"))
        return
    display(rows.groupby(["layer", "label"]).agg(findings=("doc_id", "size"), documents=("doc_id", "nunique")))
    columns = ["doc_id", "layer", "label", "text", "cue", "explanation"]
    with pd.option_context("display.max_colwidth", 80):
        display(rows[columns].head(50))


__all__ = ["AFTER", "BEFORE", "ReportContext", "contents", "escape_markdown", "show_report", "Section", "detector_section", "metrics_for", "report_sections", "show_section", "view_module"]
