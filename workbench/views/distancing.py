"""Report view of the distancing detector: counts per document and label, and each finding in context."""

from __future__ import annotations

import pandas as pd

from workbench.views.context import ReportContext

INTRO = "*So-called*, scare quotes and distancing verbs: where the author keeps a term or a claim at arm's length."


KWIC_ROWS = 30


def section(context: ReportContext) -> None:
    """Report section: counts per document and label, then each finding with its context."""
    from IPython.display import Markdown, display

    findings = context.findings
    rows = findings[findings["layer"] == "distancing"] if not findings.empty else findings
    if rows.empty:
        display(Markdown("*No distancing findings.*"))
        return
    documents = context.documents[: context.detail_documents]
    order = {d.doc_id: i for i, d in enumerate(documents)}
    rows = rows[rows["doc_id"].isin(order)]
    if rows.empty:
        display(Markdown("*None in the first documents; the corpus figures above count them all.*"))
        return
    display(Markdown(f"**The first {len(documents)} document(s)**: counts per label, then each finding in its context "
                     f"(the first {KWIC_ROWS}; every document's page lists all)."))
    counts = rows.pivot_table(index="doc_id", columns="label", values="start", aggfunc="count", fill_value=0)
    counts = counts.loc[sorted(counts.index, key=lambda d: (order.get(d, len(order)), d))]
    display(counts)
    texts = {d.doc_id: d.text for d in context.documents}
    table = []
    for row in rows.itertuples(index=False):
        text = texts.get(row.doc_id, "")
        left = text[max(0, row.start - 40) : row.start].replace("\n", " ")
        right = text[row.end : row.end + 40].replace("\n", " ")
        table.append({"doc_id": row.doc_id, "label": row.label, "left": left, "finding": row.text, "right": right, "cue": row.cue})
    frame = pd.DataFrame(table)
    frame["order"] = frame["doc_id"].map(lambda d: order.get(d, len(order)))
    frame = frame.sort_values(["order", "doc_id"], kind="stable").drop(columns="order").reset_index(drop=True)
    with pd.option_context("display.max_colwidth", None):
        display(frame.head(KWIC_ROWS))
