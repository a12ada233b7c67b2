"""Report view of the frames detector: per document, the frames present, the items that made
them and the sentences that answer each item, with the cue words marked.

An analyst who disagrees with one item sees its question, the sentence and cues behind the
"yes", how much the item weighs for its frame, and whether the frame would still be present
without it (:func:`without_item`).
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from workbench.corpus import Document
from workbench.detectors.frames import FRAMES, item_by_id
from workbench.detectors.frames.model import paragraph_of_sentences, score_frames
from workbench.findings import layer_rows
from workbench.views.context import ReportContext

INTRO = (
    "Generic news frames (Semetko & Valkenburg 2000) from the questions of their instrument: per document, "
    "the frames present, the questions (items) answered yes, and the sentences that answer them."
)
NO_EVIDENCE = "no sentence answers any question of the frame instrument, so the document has no frame ranking"


def _doc_rows(findings: pd.DataFrame, layer: str) -> pd.DataFrame:
    return findings[findings["layer"] == layer] if len(findings) else findings


def doc_frame_ranking(doc: Document, findings: pd.DataFrame) -> list[dict[str, Any]]:
    """Summary metric: the document's frames in rank order, with presence, probability and items."""
    ranking = [
        {
            "frame": str(label),
            "rank": int(extras.get("rank", 0)),
            "present": bool(extras.get("present", False)),
            "probability": float(extras.get("probability", score)),
            "items": {item: list(s) for item, s in dict(extras.get("items", {})).items()},
        }
        for label, score, extras in layer_rows(findings, "doc_frame", "label", "score", "extras")
    ]
    return sorted(ranking, key=lambda r: (r["rank"], r["frame"]))


def frame_evidence(doc: Document, findings: pd.DataFrame) -> dict[str, Any]:
    """Summary metric: the frames present, or a note that the document has no frame evidence at all."""
    ranking = doc_frame_ranking(doc, findings)
    if not ranking:
        return {"evidence": False, "present": [], "dominant": None, "items_answered": 0, "note": NO_EVIDENCE}
    present = [r["frame"] for r in ranking if r["present"]]
    answered = sum(len(r["items"]) for r in ranking)
    note = f"{len(present)} frame(s) present" if present else "items are answered, but no frame has enough evidence to be present"
    return {"evidence": True, "present": present, "dominant": ranking[0]["frame"], "items_answered": answered, "note": note}


def frames_table(documents: list[Document], findings: pd.DataFrame) -> pd.DataFrame:
    """One row per document: frames present (rank order), the dominant frame and the items answered yes."""
    rows = []
    for doc in documents:
        mine = findings[findings["doc_id"] == doc.doc_id] if len(findings) else findings
        ranking = doc_frame_ranking(doc, mine)
        if not ranking:
            rows.append({"doc_id": doc.doc_id, "frames present": "", "rank 1": "", "items answered yes": "", "note": NO_EVIDENCE})
            continue
        items = [f"{item_by_id()[i].code} ({len(s)})" for r in ranking for i, s in r["items"].items()]
        present = [f"{r['frame']} ({r['probability']:.2f})" for r in ranking if r["present"]]
        rows.append({"doc_id": doc.doc_id, "frames present": ", ".join(present), "rank 1": ranking[0]["frame"], "items answered yes": " ".join(items), "note": frame_evidence(doc, mine)["note"]})
    return pd.DataFrame(rows, columns=["doc_id", "frames present", "rank 1", "items answered yes", "note"])


def without_item(doc: Document, findings: pd.DataFrame, item: str) -> dict[str, Any]:
    """What the item's frame would be if the analyst answered ``item`` no: probability, presence and rank."""
    ranking = doc_frame_ranking(doc, findings)
    evidence = {i: tuple(s) for r in ranking for i, s in r["items"].items() if i != item}
    frame = item.split(".", 1)[0]
    if not evidence:
        return {"frame": frame, "probability": None, "present": False, "rank": None}
    rescored = {r.frame: r for r in score_frames(evidence, paragraphs=paragraph_of_sentences(doc))}[frame]
    return {"frame": frame, "probability": rescored.probability, "present": rescored.present, "rank": rescored.rank}


def item_table(doc: Document, findings: pd.DataFrame) -> pd.DataFrame:
    """One row per (item answered yes, sentence): the question, the sentence, its cues, what the item adds to its frame, and the frame without it."""
    ranking = {r["frame"]: r for r in doc_frame_ranking(doc, findings)}
    doc_rows = {row.label: row.extras for row in _doc_rows(findings, "doc_frame").itertuples(index=False)}
    sentences = _doc_rows(findings, "frame")
    rows = []
    for frame, entry in ranking.items():
        for item, indices in sorted(entry["items"].items(), key=lambda kv: item_by_id()[kv[0]].code):
            spec = item_by_id()[item]
            contribution = float(doc_rows[frame].get("contributions", {}).get(item, 0.0))
            counter = without_item(doc, findings, item)
            for index in indices:
                match = sentences[(sentences["sentence"] == index) & (sentences["label"] == frame)]
                cues = [c for extras in match["extras"] for c in extras.get("cues", {}).get(item, [])]
                rows.append(
                    {
                        "frame": frame,
                        "present": entry["present"],
                        "item": spec.code,
                        "question": spec.question,
                        "sentence": index + 1,
                        "text": match["text"].iloc[0] if len(match) else "",
                        "cues": "; ".join(f"{c[2]} ({c[3]})" for c in cues),
                        "adds to frame score": round(contribution, 3),
                        "frame without this item": "absent" if not counter["present"] else f"present ({counter['probability']:.2f})",
                    }
                )
    return pd.DataFrame(rows, columns=["frame", "present", "item", "question", "sentence", "text", "cues", "adds to frame score", "frame without this item"])


def _marked(text: str, offset: int, cues: list[list[Any]]) -> str:
    """The sentence as HTML with the cue spans in <mark> (cue offsets are document offsets)."""
    spans = sorted({(int(c[0]) - offset, int(c[1]) - offset, f"{c[2]} ({c[3]})") for c in cues})
    out, position = [], 0
    for start, end, title in spans:
        if start < position or start < 0 or end > len(text):
            continue
        out.append(html.escape(text[position:start]))
        out.append(f'<mark title="{html.escape(title)}">{html.escape(text[start:end])}</mark>')
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)


def evidence_html(doc: Document, findings: pd.DataFrame) -> str:
    """One document's frames as HTML: each frame present, its items (question, weight) and their sentences, cues marked."""
    ranking = doc_frame_ranking(doc, findings)
    title = html.escape(doc.doc_id + (f" — {doc.meta['title']}" if doc.meta.get("title") else ""))
    if not ranking:
        return f"<h4>{title}</h4><p><em>{html.escape(NO_EVIDENCE)}.</em></p>"
    sentences = _doc_rows(findings, "frame")
    doc_rows = {row.label: row.extras for row in _doc_rows(findings, "doc_frame").itertuples(index=False)}
    parts = [f"<h4>{title}</h4><ol>"]
    for entry in ranking:
        reported = dict(doc_rows[entry["frame"]].get("reported", {}) or {})
        if not entry["items"] and not reported:
            continue
        state = "present" if entry["present"] else "not present"
        parts.append(f"<li><strong>{html.escape(entry['frame'])}</strong> — {state}, probability {entry['probability']:.2f} (threshold {float(doc_rows[entry['frame']].get('threshold', 0.5)):.2f})<ul>")
        for item, indices in sorted(entry["items"].items(), key=lambda kv: item_by_id()[kv[0]].code):
            spec = item_by_id()[item]
            weight = float(doc_rows[entry["frame"]].get("contributions", {}).get(item, 0.0))
            counter = without_item(doc, findings, item)
            if_no = "absent" if not counter["present"] else f"still present ({counter['probability']:.2f})"
            parts.append(f"<li><strong>{html.escape(spec.code)}</strong> {html.escape(spec.question)} <small>adds {weight:.2f} to the frame's score; if it were answered no, the frame would be {if_no}</small><ul>")
            for index in indices:
                match = sentences[(sentences["sentence"] == index) & (sentences["label"] == entry["frame"])]
                if not len(match):
                    continue
                row = match.iloc[0]
                cues = list(row["extras"].get("cues", {}).get(item, []))
                parts.append(f"<li>[{index + 1}] {_marked(str(row['text']), int(row['start']), cues)}</li>")
            parts.append("</ul></li>")
        for item, indices in sorted(reported.items(), key=lambda kv: item_by_id()[kv[0]].code):
            spec = item_by_id()[item]
            parts.append(f"<li><strong>{html.escape(spec.code)}</strong> {html.escape(spec.question)} <small>answered only in someone else's words "
                         "(inside a quotation or attributed): this question counts for the frame only in the text's own voice, so these sentences add nothing</small><ul>")
            for index in indices:
                match = sentences[(sentences["sentence"] == index) & (sentences["label"] == entry["frame"])]
                if len(match):
                    row = match.iloc[0]
                    parts.append(f"<li>[{index + 1}] {_marked(str(row['text']), int(row['start']), list(row['extras'].get('cues', {}).get(item, [])))}</li>")
            parts.append("</ul></li>")
        parts.append("</ul></li>")
    parts.append("</ol>")
    return "".join(parts)


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
    """Report section: frames per document, a profile chart, and each document's items and sentences."""
    from IPython.display import HTML, Markdown, display

    from workbench.plotting import horizontal_bars
    from workbench.plotting import show as show_figure

    findings = context.findings
    rankings = context.aggregates.get("rankings", {})
    if rankings.get("present") or rankings.get("rank1"):
        documents = max(int(context.aggregates.get("documents", 0)), 1)
        corpus = pd.DataFrame(
            {
                "documents where present": [f"{rankings.get('present', {}).get(f, 0):,} ({100.0 * rankings.get('present', {}).get(f, 0) / documents:.0f} %)" for f in FRAMES],
                "documents where it ranks first": [f"{rankings.get('rank1', {}).get(f, 0):,}" for f in FRAMES],
            },
            index=pd.Index(list(FRAMES), name="frame"),
        )
        display(Markdown("**Frames in the corpus** (a document frame is a ranking, not a count: how often each frame is present, and how often it leads)"))
        display(corpus)
    if not len(findings) or not (findings["layer"] == "frame").any():
        display(Markdown("*No frame findings in the first documents (no sentence answers a question of the frame instrument, or the `frames` detector was not run).*"))
        return
    documents = context.documents[: context.detail_documents]
    findings = findings[findings["doc_id"].isin({d.doc_id for d in documents})]
    display(Markdown(f"**Frames of the first {len(documents)} document(s)** (present frames in rank order with their probability; items as code (sentences); every document's page has the rest)"))
    display(frames_table(documents, findings).set_index("doc_id"))
    profile = _frame_profile(context).reindex([d.doc_id for d in documents])
    fig = horizontal_bars(profile, title="Frame profile of the first documents", xlabel="sentences answering a frame question, per 1,000 words", legend_title="frame", stacked=True)
    show_figure(fig)
    shown = [doc for doc in documents if doc.doc_id in set(findings["doc_id"])]
    display(Markdown(f"**Items and their sentences** ({len(shown)} document(s); sentences numbered from 1; hover a marked cue for its class)"))
    for doc in shown:
        display(HTML(evidence_html(doc, findings[findings["doc_id"] == doc.doc_id])))


METRICS = {"doc_frame_ranking": doc_frame_ranking, "frame_evidence": frame_evidence}
