"""Report sections about the whole corpus: overview, findings per label, density, highlighted
documents, evaluation against gold and rejected documents. Each displays tables, charts or HTML."""

from __future__ import annotations

import html

import pandas as pd

from workbench.detectors.registry import all_layers
from workbench.highlight import highlight
from workbench.summary import density_table, document_table
from workbench.views.context import ReportContext

def drawn_elsewhere() -> list[str]:
    """Layers that would colour whole paragraphs over the text; their own sections show them."""
    return [name for name, layer in all_layers().items() if not layer.inline]


# Beyond this many documents the label table shows corpus totals only.
PER_DOCUMENT_COLUMNS = 8


def _display_frame(frame: pd.DataFrame, *, empty: str) -> None:
    from IPython.display import Markdown, display

    if frame.empty:
        display(Markdown(f"*{empty}*"))
    else:
        display(frame)


def overview(context: ReportContext) -> None:
    """Corpus overview: one row per analysed document."""
    table = document_table(context.documents, context.findings)
    _display_frame(table.set_index("doc_id").fillna(""), empty="No documents were analysed.")


def findings_by_label(context: ReportContext) -> None:
    """Per layer and label: findings in the corpus, documents with any, density; counts per document when few."""
    findings = context.findings
    if findings.empty:
        _display_frame(pd.DataFrame(), empty="No findings.")
        return
    words = sum(d.segments.word_count for d in context.documents)
    grouped = findings.groupby(["layer", "label"])
    table = pd.DataFrame({
        "findings": grouped.size(),
        "documents": grouped["doc_id"].nunique(),
        "per_1000_words": (grouped.size() * 1000 / max(words, 1)).round(2),
    })
    if len(context.documents) <= PER_DOCUMENT_COLUMNS:
        per_doc = findings.pivot_table(index=["layer", "label"], columns="doc_id", values="start", aggfunc="count", fill_value=0)
        per_doc = per_doc.reindex(columns=[d.doc_id for d in context.documents if d.doc_id in per_doc.columns])
        table = table.join(per_doc)
    _display_frame(table, empty="No findings.")


def density_chart(context: ReportContext) -> None:
    """Findings per 1,000 words per layer, one group of bars per document."""
    from IPython.display import Markdown, display

    from workbench.plotting import horizontal_bars
    from workbench.plotting import show as show_figure

    dens = density_table(context.documents, context.findings, by="layer")
    if dens.empty or dens.shape[1] == 0:
        display(Markdown("*No findings to chart.*"))
        return
    fig = horizontal_bars(dens, title="Density of findings by layer", xlabel="findings per 1,000 words", legend_title="layer")
    show_figure(fig)


def highlighted_documents(context: ReportContext) -> None:
    """Each document's text with its span findings highlighted (capped by ``max_highlighted``)."""
    from IPython.display import HTML, Markdown, display

    span_findings = context.findings[~context.findings["layer"].isin(drawn_elsewhere())]
    shown = context.documents[: context.max_highlighted]
    for doc in shown:
        caption = doc.doc_id + (f" — {doc.meta['title']}" if doc.meta.get("title") else "") + (f" ({doc.meta['date']})" if doc.meta.get("date") else "")
        display(HTML(highlight(doc, span_findings, title=caption, max_chars=context.max_highlight_chars).html))
    hidden = len(context.documents) - len(shown)
    if hidden > 0:
        display(Markdown(f"*{hidden} more document(s) not shown; raise `max_highlighted` to see them.*"))


def evaluation(context: ReportContext) -> None:
    """Scores against gold annotations: one summary row per layer, then every label."""
    from IPython.display import HTML, Markdown, display

    if not context.scores:
        display(Markdown("*No gold annotations given.*"))
        return
    summary = []
    for mode, scores in context.scores.items():
        for row in scores[scores["label"].isin(["micro", "macro", "top1"])].itertuples(index=False):
            value = row.accuracy if row.label == "top1" else row.f1
            summary.append({"layer": row.layer, "average": row.label, "match": mode, "score": round(float(value), 3)})
    table = pd.DataFrame(summary).pivot_table(index=["layer", "average"], columns="match", values="score", sort=False)
    display(Markdown("F1 per layer (micro: pooled over labels; macro: mean over labels; top1: accuracy of the dominant frame)."))
    display(table)
    for mode, scores in context.scores.items():
        shown = scores.drop(columns=["accuracy"]) if scores["accuracy"].isna().all() else scores
        body = shown.round(3).set_index(["layer", "label"]).to_html()  # to_html escapes the labels
        display(HTML(f"<details><summary>Every label, {html.escape(mode)} match</summary>{body}</details>"))


def rejected(context: ReportContext) -> None:
    """Documents that could not be analysed, with the reason."""
    frame = pd.DataFrame([r.as_dict() for r in context.rejected], columns=["source", "location", "doc_id", "reason"])
    _display_frame(frame, empty="No document was rejected.")
