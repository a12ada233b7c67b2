"""Generic news frames (Semetko & Valkenburg 2000) from the questions of their instrument.

Two jobs, one module each:

* :mod:`.instrument` answers each yes/no question of the instrument per sentence (an *item
  detector*: cue classes from ``lexicons/frames.tsv`` and ``lexicons/frames_rules.yaml``,
  recipes in ``models/frames.yaml``);
* :mod:`.model` turns the items answered in a document into frames: which are present and
  how they rank (fitted weights in ``models/frames_weights.json``).

Layer ``frame``: one finding per (sentence, frame) whose sentence answers an item of the
frame, with ``extras.item`` (the item that weighs most for the frame) and ``extras.items``.
Layer ``doc_frame``: when any sentence answers any item, one finding per frame with
``extras.rank``, ``extras.present``, ``extras.items`` (items answered yes -> sentence indices)
and the probability as score; a document without evidence gets none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from workbench.corpus import Document
from workbench.detectors.base import make_finding
from workbench.detectors.frames.instrument import FRAMES, Cue, Item, ItemHit, _items_by_id, item_by_id, item_hits, items, sentence_cues
from workbench.detectors.frames.model import FrameScore, evidence, paragraph_of_sentences, score_frames, weights
from workbench.detectors.registry import Layer, detector
from workbench.findings import Finding

__all__ = [
    "FRAMES",
    "Cue",
    "FrameScore",
    "FramesDetector",
    "Item",
    "ItemHit",
    "SentenceFrame",
    "check_frames",
    "frame_sentences",
    "item_by_id",
    "item_hits",
    "items",
    "rank_frames",
    "reported_only",
    "sentence_cues",
]


@dataclass(frozen=True)
class SentenceFrame:
    """A frame carried by one sentence: the items of the frame that the sentence answers."""

    sentence: int
    start: int
    end: int
    frame: str
    hits: tuple[ItemHit, ...]

    @property
    def item(self) -> str:
        """The item that weighs most for the frame (ties: instrument order)."""
        return _strongest([hit.item for hit in self.hits], self.frame)


def check_frames(frames: Iterable[str] | str | None) -> tuple[str, ...]:
    """The requested frames in canonical order; ``ValueError`` naming any unknown one."""
    if frames is None:
        return FRAMES
    if isinstance(frames, str):
        frames = [f.strip() for f in frames.split(",") if f.strip()]
    chosen = list(frames)
    unknown = [f for f in chosen if f not in FRAMES]
    if unknown:
        raise ValueError(f"unknown frame(s) {', '.join(map(repr, unknown))}; valid frames: {', '.join(FRAMES)}")
    return tuple(f for f in FRAMES if f in chosen)


def _strongest(item_ids: list[str], frame: str) -> str:
    if len(item_ids) == 1:
        return item_ids[0]
    frame_weights = weights()["frames"][frame]["weights"]
    order = [item.id for item in items([frame])]
    return max(item_ids, key=lambda i: (float(frame_weights.get(i, 0.0)), -order.index(i)))


def frame_sentences(doc: Document, *, frames: Iterable[str] | None = None, hits: Iterable[ItemHit] | None = None) -> list[SentenceFrame]:
    """Every (sentence, frame) pair with at least one item answered yes in the sentence.

    ``frames`` restricts the search to some frames; an unknown name raises ``ValueError``.
    ``hits`` are the document's item hits when they are already known.
    """
    chosen = check_frames(frames)
    grouped: dict[tuple[int, str], list[ItemHit]] = {}
    found = item_hits(doc, frames=chosen) if hits is None else [hit for hit in hits if hit.frame in chosen]
    for hit in found:
        grouped.setdefault((hit.sentence, hit.frame), []).append(hit)
    out = []
    for (sentence, frame), hits in sorted(grouped.items(), key=lambda kv: (kv[0][0], FRAMES.index(kv[0][1]))):
        out.append(SentenceFrame(sentence, hits[0].start, hits[0].end, frame, tuple(hits)))
    return out


def rank_frames(doc: Document, hits: Iterable[ItemHit]) -> list[FrameScore]:
    """The document's full frame ranking from its item hits; empty when there are none.

    Hits that do not count (an item of voice "author" answered only in someone else's words)
    still make a ranking, in which they add nothing.
    """
    hits = list(hits)
    return score_frames(evidence(hits), paragraphs=paragraph_of_sentences(doc)) if hits else []


def reported_only(hits: Iterable[ItemHit]) -> dict[str, tuple[int, ...]]:
    """Item id -> sentences where the item is answered but does not count (someone else's words)."""
    out: dict[str, set[int]] = {}
    for hit in hits:
        if not hit.counts:
            out.setdefault(hit.item, set()).add(hit.sentence)
    return {item: tuple(sorted(s)) for item, s in out.items()}


def _sentence_explanation(sf: SentenceFrame) -> str:
    parts = []
    for hit in sf.hits:
        item = _items_by_id()[hit.item]
        note = "" if hit.counts else ", in someone else's words: not counted for the frame"
        parts.append(f"{item.code} {hit.item.split('.', 1)[1]} ({hit.explain()}{note})")
    return f"{sf.frame}: this sentence answers yes to " + "; ".join(parts) + "."


def _doc_explanation(score: FrameScore) -> str:
    state = "present" if score.present else "not present"
    threshold = float(weights()["frames"][score.frame]["threshold"])
    if score.items:
        listed = ", ".join(f"{_items_by_id()[i].code} {i.split('.', 1)[1]} (sentence{'s' if len(s) > 1 else ''} {', '.join(str(x) for x in s)})" for i, s in score.items.items())
        because = f"items answered yes: {listed}"
    else:
        because = "no item of this frame is answered yes"
    return f"Rank {score.rank}: {score.frame} {state} (probability {score.probability:.2f}, threshold {threshold:.2f}); {because}."


@detector(
    "frames",
    layers=[
        Layer("frame", "sentence", FRAMES, "a sentence that answers a question of the frame's instrument (extras.item)", inline=False),
        Layer("doc_frame", "document", FRAMES, "the document's frames: presence (extras.present) and rank (1 = dominant)", inline=False),
    ],
    groups=["framing"],
    title="Generic news frames",
    view="workbench.views.frames",
)
class FramesDetector:
    """Semetko & Valkenburg's frame questions per sentence (layer ``frame``) and the document's frames (layer ``doc_frame``)."""

    def detect(self, doc: Document) -> Iterator[Finding]:
        hits = item_hits(doc)
        sentence_frames = frame_sentences(doc, hits=hits)
        frame_weights = weights()["frames"]
        for sf in sentence_frames:
            item_ids = [hit.item for hit in sf.hits]
            strongest = sf.item
            counted = [hit.item for hit in sf.hits if hit.counts]
            # A sentence whose answers are all in someone else's words adds nothing to its frame.
            weight = float(frame_weights[sf.frame]["weights"].get(_strongest(counted, sf.frame), 0.0)) if counted else 0.0
            yield make_finding(
                doc,
                detector=self.name,
                layer="frame",
                label=sf.frame,
                start=sf.start,
                end=sf.end,
                cue="; ".join(dict.fromkeys(c.cue for hit in sf.hits for c in hit.cues)),
                explanation=_sentence_explanation(sf),
                # The fitted weight of the strongest item, squashed to [0, 1): comparable across
                # frames (0: the document model gives this question no weight).
                score=round(weight / (1.0 + weight), 3),
                extras={
                    "item": strongest,
                    "items": item_ids,
                    "codes": [_items_by_id()[i].code for i in item_ids],
                    # Each item's cues with their offsets, so a report can mark them in the sentence.
                    "cues": {hit.item: [[c.start, c.end, c.cue, c.cls] for c in hit.cues] for hit in sf.hits},
                    # Items answered here in someone else's words (quotation or attribution) that
                    # count only in the text's own voice: shown, but no evidence for the frame.
                    "not_counted": [hit.item for hit in sf.hits if not hit.counts],
                },
            )
        ranking = rank_frames(doc, hits)
        if not ranking:
            return
        reported = reported_only(hits)
        sentences = doc.segments.sentences
        start, end = sentences[0][0], sentences[-1][1]
        for score in ranking:
            yield make_finding(
                doc,
                detector=self.name,
                layer="doc_frame",
                label=score.frame,
                start=start,
                end=end,
                cue="; ".join(score.items),
                explanation=_doc_explanation(score),
                score=score.probability,
                extras={
                    "rank": score.rank,
                    "present": score.present,
                    "probability": score.probability,
                    "logit": score.logit,
                    "items": {item: list(s) for item, s in score.items.items()},
                    "reported": {item: list(s) for item, s in reported.items() if item.startswith(score.frame + ".")},
                    "sentences": sorted({s for sentences_ in score.items.values() for s in sentences_}),
                    "threshold": float(weights()["frames"][score.frame]["threshold"]),
                    "contributions": dict(score.contributions),
                },
            )
