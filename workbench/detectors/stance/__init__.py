"""Stance detector: hedges, boosters and attributions, sentence uncertainty and a document profile.

Layer ``stance``, labels ``hedge`` (weasel cues included, ``extras.type == "weasel"``),
``booster`` and ``attribution``. Cues and their context rules live in
``workbench/lexicons/stance.tsv``, the rules' word lists in ``stance_rules.yaml``; the package
splits the work by job: ``lexicon`` (data), ``context`` (token view), ``rules`` (context rules
per cue), ``attribution`` (reporting verbs and their sources), ``cues`` (all cues of a document)
and ``model`` (the sentence classifier, which re-weights the cues found with a logistic model
shipped in ``workbench/models/uncertainty.json``).
Method card: ``docs/stance.md``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Literal

import pandas as pd

from workbench.corpus import Document
from workbench.detectors.base import make_finding
from workbench.detectors.registry import Layer, detector
from workbench.detectors.stance.cues import find_cues
from workbench.detectors.stance.lexicon import CONVENTIONS, TYPE_NAMES, Cue
from workbench.detectors.stance.model import cue_features, load_model, score
from workbench.findings import Finding

NAME = "stance"
LAYER = "stance"
LABELS = ("hedge", "booster", "attribution")
# Rule confidence of cues the uncertainty model does not weigh.
RULE_SCORES = {"booster": 0.9, "attribution": 0.85}
UNCERTAINTY_COLUMNS = ["doc_id", "sentence", "start", "end", "uncertain", "score", "cues"]


def _cue_dict(cue: Cue) -> dict[str, str]:
    return {"label": cue.label, "type": cue.type, "cue": cue.cue}


def _sentence_scores(doc: Document, cues: list[Cue]) -> dict[int, tuple[bool, float, list[Cue]]]:
    """Per sentence index: (uncertain, score, cues). Only sentences with cues are listed.

    A sentence is uncertain exactly when it holds a hedge (of the convention the cues were found
    with, in the author's or a quoted voice): the findings shown to the analyst are the reason.
    The model's probability only orders sentences by how strongly their cues signal uncertainty.
    """
    model = load_model()
    by_sentence: dict[int, list[Cue]] = defaultdict(list)
    for cue in cues:
        by_sentence[doc.segments.sentence_index(cue.start)].append(cue)
    out = {}
    for index, items in by_sentence.items():
        p = score(cue_features(_cue_dict(c) for c in items), model)
        out[index] = (any(c.label == "hedge" for c in items), p, items)
    return out


def _cue_score(cue: Cue) -> float:
    if cue.label != "hedge":
        return RULE_SCORES[cue.label]
    return round(score(cue_features([_cue_dict(cue)])), 4)


def _explanation(cue: Cue, text: str) -> str:
    kind = "" if cue.type == cue.label else f" ({TYPE_NAMES.get(cue.type, cue.type)})"
    return f"{cue.label.capitalize()}{kind}: cue '{cue.cue}' in \u201c{text}\u201d, rule {cue.rule}: {cue.reason}."


@detector(
    NAME,
    layers=[Layer(LAYER, "span", LABELS, "hedges, boosters and attributions: how firmly the author commits to a claim, and whose knowledge it is")],
    title="Hedging and boosting",
    view="workbench.views.stance",
)
class StanceDetector:
    """Hedges, boosters and attributions with context rules; see docs/stance.md.

    ``convention`` chooses what counts as a hedge: ``"conll"`` (default; CoNLL-2010, where
    weasel words, peacock terms and vague quantities are hedges) or ``"semantic"`` (the
    semantic-uncertainty scheme of Szarvas et al. 2012: epistemic, doxastic, investigation and
    conditional cues only).
    """

    def __init__(self, *, convention: Literal["conll", "semantic"] = "conll") -> None:
        if convention not in CONVENTIONS:
            raise ValueError(f"stance.convention must be one of {', '.join(CONVENTIONS)}, not {convention!r}")
        self.convention = convention

    def cues(self, doc: Document) -> list[Cue]:
        """The document's stance cues after the context rules, in text order."""
        return find_cues(doc, convention=self.convention)

    def detect(self, doc: Document) -> Iterable[Finding]:
        cues = self.cues(doc)
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
                "convention": self.convention,
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


def sentence_uncertainty(docs: Document | Iterable[Document], *, detector: "StanceDetector | None" = None) -> pd.DataFrame:
    """One row per sentence: doc_id, sentence, start, end, uncertain, score, cues.

    A sentence is uncertain exactly when it holds at least one ``hedge`` finding of the
    detector's convention (weasels included under ``conll``); ``score`` is the cue model's
    probability, which orders sentences but never overrides the findings; ``cues`` lists the
    stance findings ("label:text") that explain the decision. ``detector`` is a stance
    detector built with options, e.g. ``get_detector("stance", convention="semantic")``
    (the default detector when not given).
    """
    if isinstance(docs, Document):
        docs = [docs]
    find = (detector or StanceDetector()).cues
    model = load_model()
    base = score({}, model)
    rows = []
    for doc in docs:
        scored = _sentence_scores(doc, find(doc))
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
