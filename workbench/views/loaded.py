"""Report view of the loaded-language detector: density per document and the most frequent loaded terms."""

from __future__ import annotations

import pandas as pd

from workbench.corpus import Document
from workbench.summary import per_thousand
from workbench.views.context import ReportContext

INTRO = "Emotive and strongly evaluative wording: how much of it each document has, and which terms recur."


def loaded_density(doc: Document, findings: pd.DataFrame) -> float:
    """Summary metric: loaded-language findings per 1,000 words."""
    count = int((findings["layer"] == "loaded").sum()) if len(findings) else 0
    return per_thousand(count, doc.segments.word_count)


def section(context: ReportContext) -> None:
    """Report section: loaded-language density per document and the most frequent loaded terms."""
    from IPython.display import Markdown, display

    findings = context.findings
    loaded = findings[findings["layer"] == "loaded"] if len(findings) else findings
    if not len(loaded):
        display(Markdown("*No loaded-language findings (or the `loaded` detector was not run).*"))
        return
    counts = loaded.groupby("doc_id").size()
    density = pd.DataFrame(
        [
            {"doc_id": d.doc_id, "words": d.segments.word_count, "loaded": int(counts.get(d.doc_id, 0)), "per 1,000 words": round(1000.0 * int(counts.get(d.doc_id, 0)) / max(d.segments.word_count, 1), 2)}
            for d in context.documents
        ]
    ).set_index("doc_id")
    display(density)
    terms = loaded.assign(term=loaded["text"].str.lower().str.replace(r"\s+", " ", regex=True))
    top = (
        terms.groupby("term")
        .agg(count=("term", "size"), documents=("doc_id", "nunique"))
        .reset_index()
        .sort_values(["count", "term"], ascending=[False, True])
        .head(25)
        .set_index("term")
    )
    display(Markdown("**Most frequent loaded terms**"))
    display(top)



METRICS = {"loaded_per_1000_words": loaded_density}
