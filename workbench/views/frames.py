"""Report view of the frames detector: the frame profile of each document and its frame ranking."""

from __future__ import annotations

from typing import Any

import pandas as pd

from workbench.corpus import Document
from workbench.detectors.frames import FRAMES
from workbench.views.context import ReportContext

INTRO = "Generic news frames (Semetko & Valkenburg 2000): the sentences that carry each frame, and each document's ranking."


def doc_frame_ranking(doc: Document, findings: pd.DataFrame) -> list[dict[str, Any]]:
    """Summary metric: the document's frames in rank order with their weighted densities."""
    rows = findings[findings["layer"] == "doc_frame"] if len(findings) else findings
    ranking = [
        {"frame": str(row.label), "rank": int(row.extras.get("rank", 0)), "score": float(row.extras.get("score", 0.0)), "sentences": len(row.extras.get("sentences", []))}
        for row in rows.itertuples(index=False)
    ]
    return sorted(ranking, key=lambda r: (r["rank"], r["frame"]))




def _frame_profile(context: ReportContext) -> pd.DataFrame:
    """Frame-bearing sentences per 1,000 words: one row per document, one column per frame."""
    findings = context.findings
    rows = findings[findings["layer"] == "frame"] if len(findings) else findings
    words = {d.doc_id: max(d.segments.word_count, 1) for d in context.documents}
    table = pd.DataFrame(0.0, index=pd.Index([d.doc_id for d in context.documents], name="doc_id"), columns=list(FRAMES))
    for (doc_id, label), n in rows.groupby(["doc_id", "label"]).size().items() if len(rows) else []:
        if doc_id in table.index:
            table.loc[doc_id, label] = round(1000.0 * n / words[doc_id], 2)
    return table


def section(context: ReportContext) -> None:
    """Report section: frame profile chart and the doc_frame ranking with its evidence."""
    from IPython.display import Markdown, display

    from workbench.plotting import horizontal_bars
    from workbench.plotting import show as show_figure

    findings = context.findings
    profile = _frame_profile(context)
    if not len(findings) or not (findings["layer"] == "frame").any():
        display(Markdown("*No frame findings (no sentence carries enough frame cues, or the `frames` detector was not run).*"))
    else:
        fig = horizontal_bars(profile, title="Frame profile per document", xlabel="frame-bearing sentences per 1,000 words", legend_title="frame", stacked=True)
        show_figure(fig)
        ranking = findings[findings["layer"] == "doc_frame"]
        rows = [
            {
                "doc_id": r.doc_id,
                "rank": int(r.extras.get("rank", 0)),
                "frame": r.label,
                "score (per 1,000 words)": float(r.extras.get("score", 0.0)),
                "sentences": ", ".join(str(i) for i in r.extras.get("sentences", [])),
                "cues": "; ".join(list(r.extras.get("cues", []))[:10]),
            }
            for r in ranking.itertuples(index=False)
        ]
        display(Markdown("**Document frame ranking** (rank 1 = dominant; sentences are 0-based indices)"))
        display(pd.DataFrame(rows).sort_values(["doc_id", "rank"]).set_index(["doc_id", "rank"]) if rows else Markdown("*No ranking.*"))


METRICS = {"doc_frame_ranking": doc_frame_ranking}
