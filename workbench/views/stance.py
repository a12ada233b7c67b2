"""Report view of the stance detector: a per-document profile, uncertain sentences and highlighted cues."""

from __future__ import annotations

from typing import Any, Iterable

import pandas as pd

from workbench.corpus import Document
from workbench.detectors.stance import LABELS, LAYER, NAME
from workbench.findings import layer_rows
from workbench.summary import findings_by_document, per_thousand
from workbench.views.context import ReportContext

INTRO = "How firmly the author commits to each claim, and whose knowledge it is."

def stance_profile(doc: Document, findings: pd.DataFrame) -> dict[str, Any]:
    """Hedges, boosters, attributions per 1,000 words; commitment balance; share of uncertain sentences.

    Hedges, weasels, boosters and the balance count the author's own cues; cues inside quoted
    words attributed to someone (``extras.voice == "quoted"``) are counted apart, as
    ``quoted_cues_per_1000_words``. ``commitment_balance`` is (boosters - hedges) / (boosters +
    hedges): +1 all boosters, -1 all hedges, ``None`` without either. A sentence is uncertain
    when it holds a hedge of either voice.
    """
    words = doc.word_count
    rows = [(label, sentence, dict(extras)) for detector, label, sentence, extras in layer_rows(findings, LAYER, "detector", "label", "sentence", "extras") if detector == NAME]
    quoted = sum(1 for _, _, extras in rows if extras.get("voice") == "quoted")
    own = [(label, extras) for label, _, extras in rows if extras.get("voice") != "quoted"]
    counts = {label: sum(1 for mine, _ in own if mine == label) for label in LABELS}
    weasels = sum(1 for _, extras in own if extras.get("type") == "weasel")
    uncertain = {int(sentence) for _, sentence, extras in rows if extras.get("sentence_uncertain")}
    total = counts["hedge"] + counts["booster"]
    sentences = doc.sentence_count
    return {
        "hedges_per_1000_words": per_thousand(counts["hedge"], words),
        "weasels_per_1000_words": per_thousand(weasels, words),
        "boosters_per_1000_words": per_thousand(counts["booster"], words),
        "attributions_per_1000_words": per_thousand(counts["attribution"], words),
        "quoted_cues_per_1000_words": per_thousand(quoted, words),
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


UNCERTAIN_ROWS_SHOWN = 12


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


def section(context: ReportContext) -> None:
    """Report section: the corpus's stance figures, the profile of the first documents, and their uncertain sentences."""
    from IPython.display import Markdown, display

    figures = context.aggregates.get("labels", {})
    rows = [{"label": key.split("/", 1)[1], "findings": e["findings"], "documents": e["documents"], "per 1,000 words": round(e["per_1000_words"], 2),
             "median": round(e["median_per_1000"], 2), "90th percentile": round(e["p90_per_1000"], 2)}
            for key, e in figures.items() if key.startswith(f"{LAYER}/")]
    if rows:
        display(pd.DataFrame(rows).set_index("label"))
        display(Markdown("<small>Hedges (weasels included), boosters and attributions in the whole corpus; median and 90th "
                         "percentile of the per-document rates (per 1,000 words). Quoted speakers' hedges and boosters are "
                         "counted with the rest here and apart in the profile below.</small>"))
    documents = context.documents[: context.detail_documents]
    table = profile_table(documents, context.findings)
    if table.empty:
        display(Markdown("*No documents.*"))
        return
    shown = len(table)
    display(Markdown(f"**Profile of the first {shown} document(s)** (each document's own page lists all its findings): the "
                     "author's hedges and boosters, attributions, and the hedges and boosters of quoted speakers per 1,000 "
                     "words; commitment balance = (boosters \u2212 hedges) / (boosters + hedges), the author's own; uncertain "
                     "sentences: those holding a hedge."))
    display(table)
    stance = context.findings[context.findings["layer"] == LAYER] if len(context.findings) else context.findings
    uncertain = uncertain_sentence_table(documents, stance)
    display(Markdown(f"**Uncertain sentences of these documents** ({len(uncertain)}; the cues are the stance findings that make "
                     f"each sentence uncertain{'; the first ' + str(UNCERTAIN_ROWS_SHOWN) + ' are shown' if len(uncertain) > UNCERTAIN_ROWS_SHOWN else ''})"))
    if len(uncertain):
        display(uncertain.head(UNCERTAIN_ROWS_SHOWN).assign(sentence=lambda t: t["sentence"] + 1).set_index(["doc_id", "sentence"]))
        display(Markdown("<small>Sentences are counted from 1.</small>"))


METRICS = {"stance": stance_profile}
