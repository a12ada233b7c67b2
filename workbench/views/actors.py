"""Report view of the actors detector: per document, how each actor is named and what is said of it."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable, Mapping

import pandas as pd

from workbench.corpus import Document
from workbench.detectors.actors import DETERMINERS
from workbench.views.context import ReportContext, escape_markdown

INTRO = "Nominations and predications per actor, side by side, with the labels and loaded words the text attaches to each (who is called what)."


ACTOR_TABLE_COLUMNS = ["doc_id", "actor", "mentions", "bare_name_mentions", "names", "predications", "labels", "loaded_predicates", "loaded"]
LABEL_TYPES = ("pejorative_label", "glorifying_label")


def _counted(values: Iterable[str]) -> str:
    counts = Counter(values)
    return "; ".join(f"{v} ({n})" for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower(), kv[0])))


def _bare_name_counts(actor_rows: pd.DataFrame) -> dict[tuple[str, str], int]:
    """(doc_id, actor) -> bare-surname mentions, from the count each actors finding carries
    (or, for findings made with ``bare_names=True``, from the reported surnames)."""
    carried: dict[tuple[str, str], int] = {}
    reported: Counter[tuple[str, str]] = Counter()
    for row in actor_rows.itertuples(index=False):
        extras = row.extras if isinstance(row.extras, Mapping) else {}
        key = (str(row.doc_id), str(row.label))
        if extras.get("form") == "surname":
            reported[key] += 1
        carried[key] = max(carried.get(key, 0), int(extras.get("bare_name_mentions", 0)))
    return {key: max(carried.get(key, 0), reported.get(key, 0)) for key in carried.keys() | reported.keys()}


def _extras(value) -> Mapping:
    return value if isinstance(value, Mapping) else {}


def loaded_about_actors(findings: pd.DataFrame) -> dict[int, list[str]]:
    """Which actors each ``loaded`` finding is about: row index -> actor labels (members of a
    joint mention each), so an analyst sees who is called what.

    A loaded finding is attached to an actor when its ``extras`` target (offsets) overlaps a
    nomination of the actor; else when the finding overlaps a nomination itself (*the dictator*,
    a label that is also a role noun); else when it lies inside a predication of the actor
    (*Tarren, a former colonel, has clung to power*); else when the target's text is a name the
    actor was nominated by. A finding attached to nothing is about no actor the detector found.
    """
    if findings is None or findings.empty:
        return {}
    nominations = findings[findings["layer"] == "nomination"]
    predications = findings[findings["layer"] == "predication"]
    loaded = findings[findings["layer"] == "loaded"]
    by_doc_nom = {d: list(rows.itertuples()) for d, rows in nominations.groupby("doc_id")}
    by_doc_pred = {d: list(rows.itertuples()) for d, rows in predications.groupby("doc_id")}
    out: dict[int, list[str]] = {}
    for row in loaded.itertuples():
        noms = by_doc_nom.get(row.doc_id, [])
        extras = _extras(row.extras)
        found: list[str] = []
        t_start, t_end = extras.get("target_start"), extras.get("target_end")
        if t_start is not None and t_end is not None:
            found = [str(n.label) for n in noms if n.start < int(t_end) and int(t_start) < n.end]
        if not found:
            found = [str(n.label) for n in noms if n.start < row.end and row.start < n.end]
        if not found:
            found = [str(p.label) for p in by_doc_pred.get(row.doc_id, []) if p.start <= row.start and row.end <= p.end]
        if not found and extras.get("target"):
            wanted = " ".join(str(extras["target"]).split()).lower()
            found = [str(n.label) for n in noms if " ".join(str(n.text).split()).lower() == wanted or str(n.label).lower() == wanted]
        actors = [a for label in dict.fromkeys(found) for a in label.split("+")]
        if actors:
            out[row.Index] = list(dict.fromkeys(actors))
    return out


def actor_table(documents: Iterable[Document], findings: pd.DataFrame) -> pd.DataFrame:
    """One row per document and actor: how it is named (with counts), what is predicated of it,
    and the loaded words (layer ``loaded``) in the sentences that name it or predicate of it.

    ``labels`` and ``loaded_predicates`` show who is called what: the ``loaded`` findings about
    the actor (see :func:`loaded_about_actors`), labels (pejorative or glorifying) in one column
    and the other loaded words (emotive verbs, adjectives, metaphors ...) in the other, each with
    its count, ``[quoted]`` when it is someone else's word.

    ``mentions`` counts the nominations in ``findings``; ``bare_name_mentions`` counts the bare
    surnames of the actor in the text (``Putin`` after ``Vladimir Putin``), which the default
    detector does not report as findings but records on each of the actor's findings
    (``extras["bare_name_mentions"]``), so the table still shows how often an actor is
    referred to by name.
    A joint mention (``Russian and Belarusian rulers`` -> ``Putin+Lukashenko``) counts for each
    member. Rows are in document order, then by number of mentions (most first) and actor.
    """
    documents = list(documents)
    order = {d.doc_id: i for i, d in enumerate(documents)}
    if findings is None or findings.empty:
        return pd.DataFrame(columns=ACTOR_TABLE_COLUMNS)
    actor_rows = findings[findings["layer"].isin(["nomination", "predication"])]
    loaded = findings[findings["layer"] == "loaded"]
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    preds: dict[tuple[str, str], list[str]] = defaultdict(list)
    sentences: dict[tuple[str, str], set[int]] = defaultdict(set)
    for row in actor_rows.itertuples(index=False):
        members = str(row.label).split("+")
        for actor in members:
            key = (str(row.doc_id), actor)
            shown = " ".join(str(row.text).split())
            first, _, rest = shown.partition(" ")
            if first.lower() in DETERMINERS and rest:
                shown = f"{first.lower()} {rest}"  # "The Belarusian ruler" and "the Belarusian ruler" are one naming
            if row.layer == "nomination":
                names[key].append(shown + (" [joint]" if len(members) > 1 else ""))
            else:
                preds[key].append(shown)
            sentences[key].add(int(row.sentence))
    loaded_by_sentence: dict[tuple[str, int], list[str]] = defaultdict(list)
    for row in loaded.itertuples(index=False):
        loaded_by_sentence[(str(row.doc_id), int(row.sentence))].append(" ".join(str(row.text).lower().split()))
    labels: dict[tuple[str, str], list[str]] = defaultdict(list)
    charged: dict[tuple[str, str], list[str]] = defaultdict(list)
    for index, actors in loaded_about_actors(findings).items():
        row = findings.loc[index]
        extras = _extras(row["extras"])
        shown = " ".join(str(row["text"]).split()) + (" [quoted]" if extras.get("voice") == "quoted" else "")
        for actor in actors:
            key = (str(row["doc_id"]), actor)
            (labels if extras.get("type") in LABEL_TYPES else charged)[key].append(shown)
    keys = set(names) | set(preds)
    bare = _bare_name_counts(actor_rows)
    rows = []
    for key in keys:
        doc_id, actor = key
        words = [w for i in sorted(sentences[key]) for w in loaded_by_sentence.get((doc_id, i), [])]
        rows.append(
            {
                "doc_id": doc_id,
                "actor": actor,
                "mentions": len(names.get(key, [])),
                "bare_name_mentions": bare.get(key, 0),
                "names": _counted(names.get(key, [])),
                "predications": " | ".join(dict.fromkeys(preds.get(key, []))),
                "labels": _counted(labels.get(key, [])),
                "loaded_predicates": _counted(charged.get(key, [])),
                "loaded": _counted(words),
            }
        )
    if not rows:
        return pd.DataFrame(columns=ACTOR_TABLE_COLUMNS)
    table = pd.DataFrame(rows, columns=ACTOR_TABLE_COLUMNS)
    table["_order"] = table["doc_id"].map(lambda d: order.get(d, len(order)))
    table = table.sort_values(["_order", "doc_id", "mentions", "actor"], ascending=[True, True, False, True], kind="stable")
    return table.drop(columns="_order").reset_index(drop=True)


ACTORS_SHOWN = 8


def section(context: ReportContext) -> None:
    """Report section: the side-by-side actor table of each document."""
    from IPython.display import Markdown, display

    top = context.aggregates.get("labels", {}).get("nomination/(all)", {}).get("top_cues", [])
    if top:
        display(Markdown("**Actors named most often in the corpus** (nominations): "
                         + "; ".join(f"{escape_markdown(c['text'])} ({c['findings']:,})" for c in top[:15])))
    documents = context.documents[: context.detail_documents]
    table = actor_table(documents, context.findings[context.findings["doc_id"].isin({d.doc_id for d in documents})])
    if table.empty:
        display(Markdown("*No actors were found (run the `actors` detector to fill this table).*"))
        return
    if "loaded" not in set(context.findings["layer"]):
        display(Markdown("*The `loaded` layer was not run, so the loaded-words column is empty.*"))
    display(Markdown(f"**The first {len(documents)} document(s)**, the {ACTORS_SHOWN} actors each names most "
                     "(every document's page lists all its findings):"))
    display(Markdown("<small>mentions: the namings of the actor (full names, role nouns, group labels) that are findings; "
                     "bare_name_mentions: how often the bare surname alone refers back to it (coreference, not a naming choice, "
                     "so not a finding by default: `--set actors.bare_names=true` reports them too); names: each naming with its "
                     "count; predications: what is said of it; labels and loaded_predicates: loaded words naming it or said of it "
                     "([quoted] when someone else's); loaded: loaded words in the sentences that name it.</small>"))
    for doc_id, rows in table.groupby("doc_id", sort=False):
        rows = rows.head(ACTORS_SHOWN)
        # doc_id comes from file names or table cells: it is text, not Markdown or HTML.
        display(Markdown(f"**{escape_markdown(doc_id)}**"))
        # The names and predications are the point of the table: show them whole.
        with pd.option_context("display.max_colwidth", None):
            display(rows.drop(columns="doc_id").set_index("actor"))
