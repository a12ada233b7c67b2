"""Stance detector: hedges, boosters and attributions, sentence uncertainty and a document profile.

Layer ``stance``, labels ``hedge`` (weasel cues included, ``extras.type == "weasel"``),
``booster`` and ``attribution``. Cues and their context rules live in
``workbench/lexicons/stance.tsv`` (see ``stance_rules``); the sentence classifier re-weights
the cues found with a logistic model shipped in ``workbench/models/uncertainty.json``.
Method card: ``docs/stance.md``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

import pandas as pd

from workbench.corpus import Document
from workbench.detectors.base import make_finding
from workbench.detectors.registry import register
from workbench.detectors.stance_model import cue_features, load_model, score
from workbench.detectors.stance_rules import TYPE_NAMES, Cue, find_cues
from workbench.findings import Finding
from workbench.sections import ReportContext, register_section
from workbench.summary import findings_by_document, per_thousand, register_metric

NAME = "stance"
LAYER = "stance"
LABELS = ("hedge", "booster", "attribution")
# Rule confidence of cues the uncertainty model does not weigh.
RULE_SCORES = {"booster": 0.9, "attribution": 0.85}
UNCERTAINTY_COLUMNS = ["doc_id", "sentence", "start", "end", "uncertain", "score", "cues"]


def _cue_dict(cue: Cue) -> dict[str, str]:
    return {"label": cue.label, "type": cue.type, "cue": cue.cue}


def _sentence_scores(doc: Document, cues: list[Cue]) -> dict[int, tuple[bool, float, list[Cue]]]:
    """Per sentence index: (uncertain, score, cues). Only sentences with cues are listed."""
    model = load_model()
    threshold = float(model.get("threshold", 0.5))
    by_sentence: dict[int, list[Cue]] = defaultdict(list)
    for cue in cues:
        by_sentence[doc.segments.sentence_index(cue.start)].append(cue)
    out = {}
    for index, items in by_sentence.items():
        p = score(cue_features(_cue_dict(c) for c in items), model)
        has_hedge = any(c.label == "hedge" for c in items)
        out[index] = (has_hedge and p >= threshold, p, items)
    return out


def _cue_score(cue: Cue) -> float:
    if cue.label != "hedge":
        return RULE_SCORES[cue.label]
    return round(score(cue_features([_cue_dict(cue)])), 4)


def _explanation(cue: Cue, text: str) -> str:
    kind = "" if cue.type == cue.label else f" ({TYPE_NAMES.get(cue.type, cue.type)})"
    return f"{cue.label.capitalize()}{kind}: cue '{cue.cue}' in \u201c{text}\u201d, rule {cue.rule}: {cue.reason}."


@register
class StanceDetector:
    """Hedges, boosters and attributions with context rules; see docs/stance.md."""

    name = NAME
    layers = (LAYER,)

    def detect(self, doc: Document) -> Iterable[Finding]:
        cues = find_cues(doc)
        sentences = _sentence_scores(doc, cues)
        findings = []
        for cue in cues:
            index = doc.segments.sentence_index(cue.start)
            uncertain, p, _ = sentences[index]
            extras: dict[str, Any] = {
                "type": cue.type,
                "rule": cue.rule,
                "sentence_uncertainty": round(p, 4),
                "sentence_uncertain": bool(uncertain),
                **cue.extras,
            }
            findings.append(
                make_finding(
                    doc,
                    detector=NAME,
                    layer=LAYER,
                    label=cue.label,
                    start=cue.start,
                    end=cue.end,
                    cue=cue.cue,
                    explanation=_explanation(cue, doc.text[cue.start:cue.end]),
                    score=_cue_score(cue),
                    extras=extras,
                )
            )
        return findings


def sentence_uncertainty(docs: Document | Iterable[Document]) -> pd.DataFrame:
    """One row per sentence: doc_id, sentence, start, end, uncertain, score, cues.

    A sentence is uncertain when it holds at least one ``hedge`` cue (weasels included) and
    the cue model's probability reaches the model threshold; ``cues`` lists the stance
    findings ("label:text") that explain the decision.
    """
    if isinstance(docs, Document):
        docs = [docs]
    model = load_model()
    base = score({}, model)
    rows = []
    for doc in docs:
        scored = _sentence_scores(doc, find_cues(doc))
        for index, (start, end) in enumerate(doc.segments.sentences):
            uncertain, p, items = scored.get(index, (False, base, []))
            rows.append(
                {
                    "doc_id": doc.doc_id,
                    "sentence": index,
                    "start": start,
                    "end": end,
                    "uncertain": bool(uncertain),
                    "score": round(p, 4),
                    "cues": [f"{c.label}:{doc.text[c.start:c.end]}" for c in items],
                }
            )
    return pd.DataFrame(rows, columns=UNCERTAINTY_COLUMNS)


# --------------------------------------------------------------------------- document profile


def stance_profile(doc: Document, findings: pd.DataFrame) -> dict[str, Any]:
    """Hedges, boosters, attributions per 1,000 words; commitment balance; share of uncertain sentences.

    ``commitment_balance`` is (boosters - hedges) / (boosters + hedges): +1 all boosters,
    -1 all hedges, ``None`` without either.
    """
    words = doc.segments.word_count
    rows = findings[(findings["layer"] == LAYER) & (findings["detector"] == NAME)] if len(findings) else findings
    counts = {label: int((rows["label"] == label).sum()) if len(rows) else 0 for label in LABELS}
    weasels = int(sum(1 for e in rows["extras"] if dict(e).get("type") == "weasel")) if len(rows) else 0
    uncertain = {int(s) for s, e in zip(rows["sentence"], rows["extras"]) if dict(e).get("sentence_uncertain")} if len(rows) else set()
    total = counts["hedge"] + counts["booster"]
    sentences = len(doc.segments.sentences)
    return {
        "hedges_per_1000_words": per_thousand(counts["hedge"], words),
        "weasels_per_1000_words": per_thousand(weasels, words),
        "boosters_per_1000_words": per_thousand(counts["booster"], words),
        "attributions_per_1000_words": per_thousand(counts["attribution"], words),
        "commitment_balance": round((counts["booster"] - counts["hedge"]) / total, 4) if total else None,
        "uncertain_sentences": len(uncertain),
        "uncertain_sentence_share": round(len(uncertain) / sentences, 4) if sentences else 0.0,
    }


def profile_table(documents: Iterable[Document], findings: pd.DataFrame) -> pd.DataFrame:
    """The stance profile of every document, one row each."""
    rows = []
    split = findings_by_document(findings)
    for doc in documents:
        mine = split.get(doc.doc_id, findings.iloc[0:0])
        rows.append({"doc_id": doc.doc_id, **stance_profile(doc, mine)})
    return pd.DataFrame(rows).set_index("doc_id") if rows else pd.DataFrame()


UNCERTAIN_ROWS_SHOWN = 50


def uncertain_sentence_table(documents: Iterable[Document], stance_findings: pd.DataFrame) -> pd.DataFrame:
    """Sentences classified uncertain, read from the findings' extras: text, score and cues."""
    columns = ["doc_id", "sentence", "score", "cues", "text"]
    if not len(stance_findings):
        return pd.DataFrame(columns=columns)
    texts = {d.doc_id: d for d in documents}
    grouped: dict[tuple[str, int], dict[str, Any]] = {}
    for row in stance_findings.itertuples(index=False):
        extras = dict(row.extras)
        if not extras.get("sentence_uncertain") or row.doc_id not in texts:
            continue
        entry = grouped.setdefault((row.doc_id, int(row.sentence)), {"score": extras.get("sentence_uncertainty"), "cues": []})
        entry["cues"].append(f"{row.label}:{row.text}")
    rows = []
    for (doc_id, index), entry in grouped.items():
        doc = texts[doc_id]
        start, end = doc.segments.sentences[index]
        rows.append({"doc_id": doc_id, "sentence": index, "score": entry["score"], "cues": "; ".join(entry["cues"]), "text": doc.text[start:end]})
    return pd.DataFrame(rows, columns=columns)


def stance_section(context: ReportContext) -> None:
    """Report section: profile table, density chart and highlighted stance cues."""
    from IPython.display import HTML, Markdown, display

    from workbench.highlight import highlight
    from workbench.plotting import horizontal_bars
    from workbench.plotting import show as show_figure

    findings = context.findings
    table = profile_table(context.documents, findings)
    if table.empty:
        display(Markdown("*No documents.*"))
        return
    display(Markdown("Hedges (weasels included), boosters and attributions per 1,000 words; "
                     "commitment balance = (boosters \u2212 hedges) / (boosters + hedges)."))
    display(table)
    columns = ["hedges_per_1000_words", "boosters_per_1000_words", "attributions_per_1000_words"]
    fig = horizontal_bars(table[columns].rename(columns=lambda c: c.split("_")[0]), title="Stance cues per document", xlabel="per 1,000 words")
    show_figure(fig)
    stance = findings[findings["layer"] == LAYER] if len(findings) else findings
    uncertain = uncertain_sentence_table(context.documents, stance)
    display(Markdown(f"**Uncertain sentences** ({len(uncertain)}; the cues are the stance findings that explain each decision)"))
    if len(uncertain):
        display(uncertain.head(UNCERTAIN_ROWS_SHOWN).set_index(["doc_id", "sentence"]))
    docs = context.documents[: context.max_highlighted]
    for doc in docs:
        display(HTML(highlight(doc, stance, layers=[LAYER], title=doc.doc_id).html))
    hidden = len(context.documents) - len(docs)
    if hidden > 0:
        display(Markdown(f"*{hidden} more document(s) not shown; raise `max_highlighted` to see them.*"))


register_metric(NAME, stance_profile)
register_section(NAME, stance_section)
