"""Report view of the question detector: questions per document by function, and each question
with its series and answer.

The section shows, per document, how many questions each function has, then the questions
in text order with a run of questions (``series``) kept together, whose deliberation it
voices, and the answer each hypophora gets.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Any

import pandas as pd

from workbench.corpus import Document
from workbench.detectors.questions import LABELS, LAYER
from workbench.findings import layer_rows
from workbench.summary import findings_by_document
from workbench.views.context import ReportContext

INTRO = "Which questions expect an answer, which the author answers at once, and which are asked to make a point."


def question_counts(doc: Document, findings: pd.DataFrame) -> dict[str, int]:
    """Questions of one document by function (all three labels, zero included)."""
    counts = Counter(label for (label,) in layer_rows(findings, LAYER, "label"))
    return {label: counts[label] for label in LABELS}


def question_table(context: ReportContext) -> pd.DataFrame:
    """Documents x functions: how many questions of each kind, in document order."""
    findings = context.findings
    rows = []
    split = findings_by_document(findings)
    for doc in context.documents[: context.detail_documents]:
        mine = split.get(doc.doc_id, findings.iloc[0:0])
        counts = question_counts(doc, mine)
        rows.append({"doc_id": doc.doc_id, **counts, "total": sum(counts.values())})
    return pd.DataFrame(rows, columns=["doc_id", *LABELS, "total"]).set_index("doc_id")


def _groups(rows: pd.DataFrame) -> list[list[dict[str, Any]]]:
    """Questions in text order; those sharing a series number form one group."""
    groups: list[list[dict[str, Any]]] = []
    last_series = None
    for row in rows.sort_values(["start", "end"]).to_dict("records"):
        series = (row.get("extras") or {}).get("series")
        if series is not None and series == last_series and groups:
            groups[-1].append(row)
        else:
            groups.append([row])
        last_series = series
    return groups


def _question_html(row: dict[str, Any]) -> str:
    extras = row.get("extras") or {}
    label = html.escape(str(row["label"]))
    # The function in brackets and bold, apart from the question, so the two never read as one.
    parts = [f'<strong class="wb-q-label wb-q-{label}">[{label}]</strong>&nbsp; <q>{html.escape(str(row["text"]))}</q>']
    speaker = extras.get("speaker") or extras.get("attributed_to")
    if speaker and speaker != "author":
        turn = f", turn {int(extras['turn'])}" if extras.get("turn") is not None else ""
        parts.append(f" <em>(asked by {html.escape(str(speaker))}{turn}{', quoted' if extras.get('quoted') else ''})</em>")
    elif extras.get("quoted"):
        parts.append(" <em>(quoted)</em>")
    answer = extras.get("answered_by")
    if isinstance(answer, dict) and answer.get("text"):
        by = f" {html.escape(str(extras['answer_speaker']))}" if extras.get("answer_speaker") else ""
        parts.append(f'<br>&rarr; answered{" by" + by if by else ""}: <q>{html.escape(str(answer["text"]))}</q> <small>[{int(answer["start"])}&ndash;{int(answer["end"])}]</small>')
    parts.append(f'<br><small>{html.escape(str(row["explanation"]))}</small>')
    return "".join(parts)


def document_questions_html(doc: Document, rows: pd.DataFrame) -> str:
    """One document's questions as an HTML list, series grouped, answers linked."""
    items = []
    for group in _groups(rows):
        extras = group[0].get("extras") or {}
        if len(group) > 1 or extras.get("series") is not None:
            head = f"Series {int(extras['series'])}" if extras.get("series") is not None else "Series"
            if extras.get("attributed_to") and not extras.get("quoted"):
                head += f" &mdash; voices the deliberation of {html.escape(str(extras['attributed_to']))}"
            inner = "".join(f"<li>{_question_html(r)}</li>" for r in group)
            items.append(f"<li><strong>{head}</strong><ol>{inner}</ol></li>")
        else:
            items.append(f"<li>{_question_html(group[0])}</li>")
    title = html.escape(doc.doc_id + (f" — {doc.meta['title']}" if doc.meta.get("title") else ""))
    return f'<div class="wb-questions"><h4>{title}</h4><ul>{"".join(items)}</ul></div>'


QUESTIONS_SHOWN = 12


def section(context: ReportContext) -> None:
    """Questions per document by function, then each document's questions with series and answers."""
    from IPython.display import HTML, Markdown, display

    findings = context.findings
    questions = findings[findings["layer"] == LAYER] if len(findings) else findings
    if questions.empty:
        display(Markdown("*No questions were found.*"))
        return
    documents = context.documents[: context.detail_documents]
    display(Markdown(f"**The first {len(documents)} document(s)** (every document's page lists its questions): questions by function, "
                     "then each question with the series it belongs to and the answer it gets."))
    display(question_table(context))
    for doc in documents:
        rows = questions[questions["doc_id"] == doc.doc_id]
        if not rows.empty:
            display(HTML(document_questions_html(doc, rows.sort_values(["start", "end"]).head(QUESTIONS_SHOWN))))
            if len(rows) > QUESTIONS_SHOWN:
                display(Markdown(f"*{len(rows) - QUESTIONS_SHOWN} more question(s) of this document are on its page.*"))


METRICS = {"questions_by_function": question_counts}
