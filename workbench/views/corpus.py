"""Report sections about the whole corpus, read from the figures a run computed while it streamed
(``context.aggregates``), so their length does not grow with the corpus: figures, findings per
label as distributions across documents, comparisons between groups, the top documents and
cues per label, the way to every document's own page, evaluation and rejected documents.

Each table says what its columns mean. A corpus of one document also shows its text
highlighted here; larger corpora link to a page per document (``documents/``).
"""

from __future__ import annotations

import html

import pandas as pd

from workbench.highlight import highlight
from workbench.summary import document_table
from workbench.views.context import ReportContext

# Above this many documents per-document detail moves to the document pages.
PER_DOCUMENT_ROWS = 8
TOP_LABEL_DOCUMENTS, TOP_LABEL_CUES = 5, 8


def _display_frame(frame: pd.DataFrame, *, empty: str, columns: str | None = None) -> None:
    from IPython.display import Markdown, display

    if frame.empty:
        display(Markdown(f"*{empty}*"))
        return
    display(frame)
    if columns:
        display(Markdown(f"<small>{columns}</small>"))


def _link(context: ReportContext, doc_id: str) -> str:
    """The document id as a link to its page (HTML), or as text when it has none."""
    page = context.aggregates.get("pages", {}).get(doc_id)
    name = html.escape(str(doc_id))
    return f'<a href="{html.escape(page, quote=True)}">{name}</a>' if page else name


def overview(context: ReportContext) -> None:
    """Corpus figures; the documents themselves when there are few, else where to find them."""
    from IPython.display import HTML, display

    figures = context.aggregates
    totals = figures.get("totals", {})
    rows = {
        "documents analysed": f"{totals.get('documents', 0):,}",
        "documents rejected": f"{totals.get('rejected', 0):,}",
        "words": f"{totals.get('words', 0):,}",
        "findings": f"{totals.get('findings', 0):,}",
        "findings per 1,000 words": f"{totals.get('per_1000_words', 0.0):.1f}",
        "detectors": ", ".join(figures.get("detectors", [])),
    }
    display(pd.DataFrame({"": list(rows.values())}, index=list(rows)))
    if totals.get("documents", 0) <= PER_DOCUMENT_ROWS and context.documents:
        table = document_table(context.documents, context.findings).set_index("doc_id").fillna("").round({"per_1000_words": 1})
        _display_frame(table, empty="No documents were analysed.",
                       columns="words: word tokens; sentences: as split by the workbench; findings: all layers; per_1000_words: findings per 1,000 words.")
    pages = len(figures.get("pages", {}))
    display(HTML(
        f'<p>Every document is listed in <a href="documents/index.html">documents/index.html</a> (sortable; '
        f"{pages:,} of them {'has' if pages == 1 else 'have'} a page of their own with the text highlighted and every finding listed). "
        "The whole findings table is <code>findings.parquet</code>; <code>summary.json</code> has every document's figures.</p>"
    ))


def findings_by_label(context: ReportContext) -> None:
    """Per layer and label: how much, in how many documents, and how it spreads across documents."""
    figures = context.aggregates
    labels = figures.get("labels", {})
    documents = max(int(figures.get("documents", 0)), 1)
    rows = []
    for key, entry in labels.items():
        layer, label = key.split("/", 1)
        rows.append({
            "layer": layer, "label": label, "findings": entry["findings"],
            "documents": f"{entry['documents']:,} ({100.0 * entry['documents'] / documents:.0f} %)",
            "per 1,000 words": round(entry["per_1000_words"], 2), "median": round(entry["median_per_1000"], 2),
            "90th percentile": round(entry["p90_per_1000"], 2), "highest": round(entry["max_per_1000"], 2),
        })
    table = pd.DataFrame(rows).set_index(["layer", "label"]) if rows else pd.DataFrame()
    _display_frame(
        table, empty="No findings.",
        columns="findings: in the corpus; documents: documents with at least one (share of all); per 1,000 words: over the "
                "whole corpus; median, 90th percentile, highest: of the per-document rates (findings per 1,000 words of "
                f"each document; over {figures.get('sampled_documents', 0):,} documents, a uniform sample beyond 5,000). "
                "Labels marked (all) belong to layers named after actors: their names are in the next table. "
                "Document rankings (frames) are not counted here: see their own section.",
    )
    if rows:
        _rate_chart(table)


def _rate_chart(table: pd.DataFrame) -> None:
    from workbench.plotting import horizontal_bars
    from workbench.plotting import show as show_figure

    chart = table[["per 1,000 words"]].copy()
    chart.index = [f"{layer}/{label}" for layer, label in chart.index]
    show_figure(horizontal_bars(chart, title="Findings per 1,000 words, by label", xlabel="findings per 1,000 words"))


def comparison(context: ReportContext) -> None:
    """Rates by group of the ``compare_by`` column, with intervals, and the labels that differ most."""
    from IPython.display import Markdown, display

    from workbench.report.aggregates import differing_labels, group_rates

    figures = context.aggregates
    key = figures.get("compare_by")
    if not key:
        display(Markdown("*No comparison asked for: set `compare_by: source` (or `month`, or any metadata column) in the parameters.*"))
        return
    groups = figures.get("groups", {})
    if len(groups) < 2:
        display(Markdown(f"*Only one value of `{html.escape(str(key))}`: nothing to compare.*"))
        return
    differ = differing_labels(figures, top=8)
    _display_frame(differ.set_index("label") if len(differ) else differ, empty="No labels to compare.",
                   columns="log_likelihood: how sure it is that the label's rate differs between groups (G2; above 3.84 means p < 0.05, "
                           "above 15.13 p < 0.0001); highest, lowest: the groups with the highest and lowest rate per 1,000 words; "
                           "ratio: highest rate over lowest.")
    labels = list(differ["label"]) if len(differ) else []
    rates = group_rates(figures, labels)
    if len(rates):
        rates["rate"] = [f"{r:.2f} [{lo:.2f}–{hi:.2f}]" + (" *" if few else "") for r, lo, hi, few in zip(rates["per_1000_words"], rates["low"], rates["high"], rates["few"])]
        table = rates.pivot(index="label", columns="group", values="rate").reindex(labels)
        sizes = pd.DataFrame({name: [f"{g['documents']:,} docs, {g['words']:,} words"] for name, g in groups.items()}, index=["(size)"])
        _display_frame(pd.concat([sizes, table]), empty="",
                       columns=f"Findings per 1,000 words in each value of {html.escape(str(key))}, with a 95 % interval "
                               "(Poisson; * marks fewer than ten findings, where the interval is rough).")


def top_documents_and_cues(context: ReportContext) -> None:
    """Per label: the documents with the highest rates (linked to their pages) and the most frequent cues."""
    from IPython.display import HTML, display

    labels = context.aggregates.get("labels", {})
    if not labels:
        return
    rows = []
    for key, entry in labels.items():
        documents = entry.get("top_documents", [])[:TOP_LABEL_DOCUMENTS]
        docs = ", ".join(f"{_link(context, d['doc_id'])} ({d['per_1000_words']:.1f})" for d in documents) or "—"
        cues = entry.get("top_cues", [])
        shown = ", ".join(f"{html.escape(c['text'])} ({c['findings']:,})" for c in cues[:TOP_LABEL_CUES])
        more = entry.get("distinct_cues", 0) - min(len(cues), TOP_LABEL_CUES)
        if more > 0:
            shown += f" … and {more:,} more"
        rows.append(f"<tr><td>{html.escape(key)}</td><td>{docs}</td><td>{shown}</td></tr>")
    display(HTML(
        "<table><thead><tr><th>layer/label</th><th>documents with the highest rate (per 1,000 words)</th>"
        f"<th>most frequent cues or actors (findings)</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<p><small>Documents need {100} words or more to be ranked (a short text's rate is noise). "
        "Every finding is in <code>findings.parquet</code>.</small></p>"
    ))


def highlighted_documents(context: ReportContext) -> None:
    """One document: its text highlighted here. More: links to the first documents' pages."""
    from IPython.display import HTML, Markdown, display

    if not context.documents:
        display(Markdown("*No documents were analysed.*"))
        return
    if context.aggregates.get("totals", {}).get("documents", len(context.documents)) == 1:
        doc = context.documents[0]
        caption = doc.doc_id + (f" — {doc.meta['title']}" if doc.meta.get("title") else "") + (f" ({doc.meta['date']})" if doc.meta.get("date") else "")
        display(HTML(highlight(doc, context.findings, title=caption, max_chars=context.max_highlight_chars).html))
        return
    items = "".join(f"<li>{_link(context, d.doc_id)}{(' — ' + html.escape(d.meta['title'])) if d.meta.get('title') else ''}</li>" for d in context.documents)
    display(HTML(f"<p>The first {len(context.documents)} documents, each on its own page with its findings highlighted; "
                 f'<a href="documents/index.html">all documents</a>.</p><ul>{items}</ul>'))


SEED_DOCUMENT = "000_16d36fc435d4e2de"


def evaluation(context: ReportContext) -> None:
    """Scores against gold annotations: one summary row per layer, then every label."""
    from IPython.display import HTML, Markdown, display

    if not context.scores:
        display(Markdown("*No gold annotations given.*"))
        return
    gold_docs = set(context.aggregates.get("gold_documents", []))
    note = ("**These are scores on the seed article, on which the detectors' rules were developed: they show that the rules "
            "do what they were written to do, not how well they do on new text.** ") if SEED_DOCUMENT in gold_docs else ""
    display(Markdown(note + "Scores against the gold annotations given. If the detectors were developed on these texts, the "
                     "scores overstate accuracy on new text: held-out figures are in the method cards (docs/)."))
    summary = []
    for mode, scores in context.scores.items():
        for row in scores[scores["label"].isin(["micro", "macro", "top1"])].itertuples(index=False):
            value = row.accuracy if row.label == "top1" else row.f1
            summary.append({"layer": row.layer, "average": row.label, "match": mode, "score": round(float(value), 3)})
    table = pd.DataFrame(summary).pivot_table(index=["layer", "average"], columns="match", values="score", sort=False)
    _display_frame(table, empty="", columns="F1 per layer (micro: pooled over labels; macro: mean over labels; top1: accuracy of the "
                                         "dominant frame); overlap: spans that share a character (sentence layers: the same sentence); exact: the same offsets.")
    for mode, scores in context.scores.items():
        shown = scores.drop(columns=["accuracy"]) if scores["accuracy"].isna().all() else scores
        body = shown.round(3).set_index(["layer", "label"]).to_html()  # to_html escapes the labels
        display(HTML(f"<details><summary>Every label, {html.escape(mode)} match</summary>{body}</details>"))


def rejected(context: ReportContext) -> None:
    """Documents that could not be analysed, and why (the first ones; the manifest lists all)."""
    from IPython.display import Markdown, display

    total = context.aggregates.get("totals", {}).get("rejected", len(context.rejected))
    frame = pd.DataFrame([r.as_dict() for r in context.rejected], columns=["source", "location", "doc_id", "reason"])
    _display_frame(frame, empty="No document was rejected.")
    if total > len(context.rejected):
        display(Markdown(f"*{total - len(context.rejected):,} more; `manifest.json` and `summary.json` list every rejected document.*"))
