"""Building blocks of the report notebook: each section displays tables, charts or HTML.

The notebook calls :func:`show` with a section name; detector families add their own
sections with :func:`register_section` (a stance section, a framing section ...), so the
notebook stays short and every section can be tested as ordinary code.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Callable

import pandas as pd

from workbench.corpus import Document, Rejected
from workbench.highlight import highlight
from workbench.summary import density_table, document_table

# Sentence- and document-level layers would colour whole paragraphs; they get their own sections.
INLINE_EXCLUDED_LAYERS = ("frame", "doc_frame")


@dataclass
class ReportContext:
    documents: list[Document]
    findings: pd.DataFrame
    rejected: list[Rejected] = field(default_factory=list)
    max_highlighted: int = 20
    scores: dict[str, pd.DataFrame] = field(default_factory=dict)


Section = Callable[[ReportContext], None]
_SECTIONS: dict[str, Section] = {}


def register_section(name: str, function: Section) -> None:
    _SECTIONS[name] = function


def available_sections() -> list[str]:
    _load_detector_sections()
    return sorted(_SECTIONS)


def show(name: str, context: ReportContext) -> None:
    """Display one section; a section whose detector family is not installed says so."""
    from IPython.display import Markdown, display

    _load_detector_sections()
    function = _SECTIONS.get(name)
    if function is None:
        display(Markdown(f"*No `{html.escape(name)}` section: its detectors are not installed.*"))
        return
    function(context)


def _load_detector_sections() -> None:
    # Detector modules register their sections when they are imported.
    from workbench.detectors import available_detectors

    available_detectors()


def _display_frame(frame: pd.DataFrame, *, empty: str) -> None:
    from IPython.display import Markdown, display

    if frame.empty:
        display(Markdown(f"*{empty}*"))
    else:
        display(frame)


def overview(context: ReportContext) -> None:
    """Corpus overview: one row per analysed document."""
    table = document_table(context.documents, context.findings)
    _display_frame(table.set_index("doc_id"), empty="No documents were analysed.")


def findings_by_label(context: ReportContext) -> None:
    """Counts of findings per document and layer/label."""
    findings = context.findings
    if findings.empty:
        _display_frame(pd.DataFrame(), empty="No findings.")
        return
    table = findings.assign(layer_label=findings["layer"] + "/" + findings["label"]).pivot_table(
        index="doc_id", columns="layer_label", values="start", aggfunc="count", fill_value=0
    )
    table = table.reindex([d.doc_id for d in context.documents if d.doc_id in table.index])
    _display_frame(table, empty="No findings.")


def density_chart(context: ReportContext) -> None:
    """Findings per 1,000 words per layer, one group of bars per document."""
    import matplotlib.pyplot as plt
    from IPython.display import Markdown, display

    dens = density_table(context.documents, context.findings, by="layer")
    if dens.empty or dens.shape[1] == 0:
        display(Markdown("*No findings to chart.*"))
        return
    shown = dens.head(40)
    fig, ax = plt.subplots(figsize=(9, 0.5 + 0.45 * len(shown) * max(1, dens.shape[1] / 4)))
    shown.iloc[::-1].plot.barh(ax=ax, width=0.8)
    ax.set_xlabel("findings per 1,000 words")
    ax.set_ylabel("")
    ax.set_title("Density of findings by layer" + (" (first 40 documents)" if len(dens) > 40 else ""))
    ax.legend(title="layer", loc="best", fontsize="small")
    fig.tight_layout()
    plt.show()
    plt.close(fig)


def highlighted_documents(context: ReportContext) -> None:
    """Each document's text with its span findings highlighted (capped by ``max_highlighted``)."""
    from IPython.display import HTML, Markdown, display

    span_findings = context.findings[~context.findings["layer"].isin(INLINE_EXCLUDED_LAYERS)]
    shown = context.documents[: context.max_highlighted]
    for doc in shown:
        caption = doc.doc_id + (f" — {doc.meta['title']}" if doc.meta.get("title") else "") + (f" ({doc.meta['date']})" if doc.meta.get("date") else "")
        display(HTML(highlight(doc, span_findings, title=caption).html))
    hidden = len(context.documents) - len(shown)
    if hidden > 0:
        display(Markdown(f"*{hidden} more document(s) not shown; raise `max_highlighted` to see them.*"))


def evaluation(context: ReportContext) -> None:
    """Scores against gold annotations (when a gold file was given)."""
    from IPython.display import Markdown, display

    if not context.scores:
        display(Markdown("*No gold annotations given.*"))
        return
    for mode, scores in context.scores.items():
        display(Markdown(f"**Match: {mode}**"))
        display(scores.round(3).set_index(["layer", "label"]))


def rejected(context: ReportContext) -> None:
    """Documents that could not be analysed, with the reason."""
    frame = pd.DataFrame([r.as_dict() for r in context.rejected], columns=["source", "location", "doc_id", "reason"])
    _display_frame(frame, empty="No document was rejected.")


for _name, _function in {
    "overview": overview,
    "findings_by_label": findings_by_label,
    "density_chart": density_chart,
    "highlighted_documents": highlighted_documents,
    "evaluation": evaluation,
    "rejected": rejected,
}.items():
    register_section(_name, _function)
