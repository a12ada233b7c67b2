"""Document frames from item evidence: which frames are present, and their ranking.

For each frame, a logistic model over its own items (``models/frames_weights.json``, fitted
by ``scripts/train_frames.py``): ``z = intercept + sum(weight[item] * log(1 + sentences))``,
where ``sentences`` is the number of sentences that answer the item yes. The frame is
present when ``sigmoid(z)`` reaches the frame's threshold; frames are ranked by that
probability. An item counts as answered yes for the document when at least
``min_sentences`` of its sentences answer it (1 unless fitted otherwise).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Mapping, Sequence

from workbench.detectors.frames.instrument import FRAMES, ItemHit, items

WEIGHTS_FILE = "models/frames_weights.json"


@dataclass(frozen=True)
class FrameScore:
    """One frame of a document: its place in the ranking, presence and the evidence behind it."""

    frame: str
    rank: int
    probability: float
    logit: float
    present: bool
    items: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # items answered yes -> sentence indices
    contributions: Mapping[str, float] = field(default_factory=dict)  # item -> its share of the logit


@lru_cache(maxsize=None)
def weights() -> dict[str, Any]:
    """The fitted model: per frame an intercept, item weights and a threshold."""
    data = json.loads(resources.files("workbench").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))
    known = {item.id for item in items()}
    for frame in FRAMES:
        spec = data["frames"][frame]
        unknown = set(spec["weights"]) - known
        if unknown:
            raise ValueError(f"frames_weights.json: unknown item(s) {sorted(unknown)} for frame {frame!r}")
    return data


def evidence(hits: Iterable[ItemHit]) -> dict[str, tuple[int, ...]]:
    """Item id -> the sentence indices that answer it yes and count for its frame (sorted, distinct).

    A reported answer to an item that counts only in the text's own voice (``ItemHit.counts``
    False) is left out: it stays a ``frame`` finding but is no evidence for the document's frame.
    """
    out: dict[str, set[int]] = {}
    for hit in hits:
        if hit.counts:
            out.setdefault(hit.item, set()).add(hit.sentence)
    return {item: tuple(sorted(sentences)) for item, sentences in out.items()}


def feature(count: int) -> float:
    """The model's input for an item answered in ``count`` sentences."""
    return math.log1p(count)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def answered_yes(item_evidence: Mapping[str, Sequence[int]]) -> dict[str, tuple[int, ...]]:
    """The items answered yes for the document: at least ``min_sentences`` sentences each."""
    minimum = weights().get("min_sentences", {})
    return {item: tuple(s) for item, s in item_evidence.items() if len(s) >= int(minimum.get(item, 1))}


def paragraph_of_sentences(doc: Any) -> list[int]:
    """The paragraph index of each sentence of ``doc`` (by the sentence's start)."""
    import bisect

    seg = doc.segments
    starts = [start for start, _ in seg.paragraphs]
    return [max(bisect.bisect_right(starts, start) - 1, 0) for start, _ in seg.sentences]


def score_frames(
    item_evidence: Mapping[str, Sequence[int]],
    frames: Sequence[str] = FRAMES,
    *,
    paragraphs: Sequence[int] | None = None,
) -> list[FrameScore]:
    """Every requested frame with its probability, presence and rank (1 = most probable).

    ``paragraphs`` maps sentence index -> paragraph index (for the passing-mention rule).
    The ranking puts present frames first, then frames with an item answered yes, then the
    rest, each group by probability (ties: more evidence sentences, then canonical order).
    """
    model = weights()["frames"]
    min_paragraphs = int(weights().get("min_paragraphs", 1))
    n_paragraphs = (max(paragraphs) + 1) if paragraphs else 1
    needed = min(min_paragraphs, n_paragraphs)
    yes = answered_yes(item_evidence)
    scored = []
    for frame in frames:
        spec = model[frame]
        contributions = {item: round(float(w) * feature(len(item_evidence.get(item, ()))), 6) for item, w in spec["weights"].items()}
        logit = float(spec["intercept"]) + sum(contributions.values())
        probability = _sigmoid(logit)
        mine = {item: s for item, s in yes.items() if item.startswith(frame + ".")}
        sentences = {s for found in mine.values() for s in found}
        spread = len({paragraphs[s] for s in sentences}) if paragraphs else (1 if sentences else 0)
        present = probability >= float(spec["threshold"]) and spread >= needed
        # Present frames first, then frames with some item answered yes, then the rest; by
        # probability within each group, then by evidence sentences, then canonical order.
        key = (not present, not mine, -round(probability, 9), -len(sentences), FRAMES.index(frame))
        scored.append((key, frame, probability, logit, present, mine, {k: v for k, v in contributions.items() if v}))
    scored.sort(key=lambda t: t[0])
    return [
        FrameScore(frame, rank, round(probability, 4), round(logit, 4), present, mine, contributions)
        for rank, (_, frame, probability, logit, present, mine, contributions) in enumerate(scored, start=1)
    ]
