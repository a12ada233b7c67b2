"""Report view of the loaded-language detector: density per document, the findings grouped by
type and by the person or group they are about, and the most frequent loaded terms."""

from __future__ import annotations

from collections import Counter
from typing import Mapping

import pandas as pd

from workbench.corpus import Document
from workbench.detectors.loaded.lexicon import TYPES
from workbench.findings import layer_rows
from workbench.summary import per_thousand
from workbench.views.actors import loaded_about_actors
from workbench.views.context import ReportContext

INTRO = (
    "Emotive and strongly evaluative wording and the labels given to people and groups: how much of it each "
    "document has, of which type, in whose voice, and whom it is about."
)
TYPE_ORDER = TYPES
BY_TYPE_COLUMNS = ["type", "findings", "author", "quoted", "negative", "positive", "documents", "examples"]
BY_TARGET_COLUMNS = ["doc_id", "about", "findings", "labels", "other loaded words", "quoted"]


def _extras(value) -> Mapping:
    return value if isinstance(value, Mapping) else {}


def _loaded(findings: pd.DataFrame) -> pd.DataFrame:
    return findings[findings["layer"] == "loaded"] if findings is not None and len(findings) else pd.DataFrame(columns=["doc_id", "text", "extras"])


def _term(text: str) -> str:
    return " ".join(str(text).lower().split())


def _top(terms: list[str], n: int = 3) -> str:
    counts = Counter(terms)
    return "; ".join(f"{t} ({c})" for t, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def loaded_density(doc: Document, findings: pd.DataFrame) -> float:
    """Summary metric: loaded-language findings per 1,000 words."""
    return per_thousand(len(layer_rows(findings, "loaded")), doc.word_count)


def author_loaded_density(doc: Document, findings: pd.DataFrame) -> float:
    """Summary metric: loaded-language findings in the author's own voice per 1,000 words."""
    count = sum(1 for (extras,) in layer_rows(findings, "loaded", "extras") if _extras(extras).get("voice", "author") == "author")
    return per_thousand(count, doc.word_count)


def loaded_by_type(findings: pd.DataFrame) -> pd.DataFrame:
    """One row per finding type (in a fixed order): how many, in whose voice, of which polarity,
    in how many documents, and the most frequent terms."""
    loaded = _loaded(findings)
    rows = []
    for kind in TYPE_ORDER:
        chosen = [(r.doc_id, r.text, _extras(r.extras)) for r in loaded.itertuples(index=False) if _extras(r.extras).get("type") == kind]
        if not chosen:
            continue
        rows.append(
            {
                "type": kind,
                "findings": len(chosen),
                "author": sum(1 for _, _, e in chosen if e.get("voice", "author") == "author"),
                "quoted": sum(1 for _, _, e in chosen if e.get("voice") == "quoted"),
                "negative": sum(1 for _, _, e in chosen if e.get("polarity") == "negative"),
                "positive": sum(1 for _, _, e in chosen if e.get("polarity") == "positive"),
                "documents": len({d for d, _, _ in chosen}),
                "examples": _top([_term(t) for _, t, _ in chosen]),
            }
        )
    return pd.DataFrame(rows, columns=BY_TYPE_COLUMNS)


def loaded_by_target(findings: pd.DataFrame) -> pd.DataFrame:
    """One row per document and person or group a loaded finding is about: the actor from the
    actors detector when it ran (see :func:`workbench.views.actors.loaded_about_actors`), else
    the finding's own ``target``; labels and other loaded words with counts, and how many are
    quoted. Rows by document, then most findings first."""
    loaded = _loaded(findings)
    if loaded.empty:
        return pd.DataFrame(columns=BY_TARGET_COLUMNS)
    actors = loaded_about_actors(findings)
    groups: dict[tuple[str, str], list[tuple[str, Mapping]]] = {}
    for row in loaded.itertuples():
        extras = _extras(row.extras)
        about = actors.get(row.Index) or ([" ".join(str(extras["target"]).split())] if extras.get("target") else [])
        for who in about:
            groups.setdefault((str(row.doc_id), who), []).append((_term(row.text), extras))
    rows = [
        {
            "doc_id": doc_id,
            "about": who,
            "findings": len(items),
            "labels": _top([t for t, e in items if str(e.get("type", "")).endswith("_label")], 10),
            "other loaded words": _top([t for t, e in items if not str(e.get("type", "")).endswith("_label")], 10),
            "quoted": sum(1 for _, e in items if e.get("voice") == "quoted"),
        }
        for (doc_id, who), items in groups.items()
    ]
    table = pd.DataFrame(rows, columns=BY_TARGET_COLUMNS)
    order = {d: i for i, d in enumerate(dict.fromkeys(str(d) for d in loaded["doc_id"]))}
    table["_order"] = table["doc_id"].map(order)
    table = table.sort_values(["_order", "findings", "about"], ascending=[True, False, True], kind="stable")
    return table.drop(columns="_order").reset_index(drop=True)


def section(context: ReportContext) -> None:
    """Report section: density per document, findings by type and by whom they are about, top terms."""
    from IPython.display import Markdown, display

    findings = context.findings
    loaded = _loaded(findings)
    if not len(loaded):
        display(Markdown("*No loaded-language findings (or the `loaded` detector was not run).*"))
        return
    counts = loaded.groupby("doc_id").size()
    author = Counter(str(r.doc_id) for r in loaded.itertuples(index=False) if _extras(r.extras).get("voice", "author") == "author")
    density = pd.DataFrame(
        [
            {
                "doc_id": d.doc_id,
                "words": d.segments.word_count,
                "loaded": int(counts.get(d.doc_id, 0)),
                "author's voice": author.get(str(d.doc_id), 0),
                "per 1,000 words": round(1000.0 * int(counts.get(d.doc_id, 0)) / max(d.segments.word_count, 1), 2),
            }
            for d in context.documents[: context.detail_documents]
        ]
    ).set_index("doc_id")
    display(Markdown("**The first documents** (their pages list every finding)"))
    display(density)
    display(Markdown("**By type** (labels name people or groups; *quoted* findings are someone else's words)"))
    display(loaded_by_type(findings).set_index("type"))
    about = loaded_by_target(findings)
    if len(about):
        display(Markdown("**By whom it is about** (the actor when the `actors` detector ran, else the finding's target)"))
        with pd.option_context("display.max_colwidth", None):
            display(about.head(15).set_index(["doc_id", "about"]))
    corpus_terms = context.aggregates.get("labels", {}).get("loaded/loaded_language", {}).get("top_cues", [])
    if corpus_terms:
        display(Markdown("**Most frequent loaded terms in the corpus**"))
        display(pd.DataFrame(corpus_terms).rename(columns={"text": "term"}).set_index("term"))
        return
    terms = loaded.assign(term=loaded["text"].map(_term))
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


METRICS = {"loaded_per_1000_words": loaded_density, "author_loaded_per_1000_words": author_loaded_density}
