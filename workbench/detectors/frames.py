"""Generic news frames (Semetko & Valkenburg 2000), per sentence and per document.

Each sentence gets every frame whose cues (``lexicons/frames.tsv`` plus the regular
expressions in ``models/frames.yaml``) add up to the threshold: a cue that names the frame
outright weighs 1.0, a cue that is common outside the frame 0.5, so one weak cue alone never
fires. Cues with weight 0 mask shorter cues inside an idiom ("pay the price", "heart attack").
The document frame ranking is the weighted density of the frame-bearing sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Iterable, Iterator, Mapping, Sequence

import yaml

from workbench.corpus import Document
from workbench.detectors.base import make_finding
from workbench.detectors.registry import Layer, detector
from workbench.findings import Finding
from workbench.lexicons import load_lexicon
from workbench.matching import MatcherSet, PhraseMatcher

FRAMES: tuple[str, ...] = ("conflict", "responsibility", "morality", "economic", "human_interest")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class Cue:
    """One matched cue: the lexicon entry (or pattern id), its family and weight."""

    cue: str
    family: str
    weight: float
    start: int
    end: int


@dataclass(frozen=True)
class SentenceFrame:
    """A frame carried by one sentence, with the cues that add up to its weight."""

    sentence: int
    start: int
    end: int
    frame: str
    weight: float
    cues: tuple[Cue, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DocFrame:
    """A frame's place in the document ranking, with the evidence behind it."""

    frame: str
    rank: int
    score: float
    sentences: tuple[int, ...]
    cues: tuple[str, ...]


@lru_cache(maxsize=None)
def frame_model() -> dict[str, Any]:
    """Thresholds, frame weights and regex cues from ``workbench/models/frames.yaml``."""
    text = resources.files("workbench").joinpath("models/frames.yaml").read_text(encoding="utf-8")
    model = yaml.safe_load(text)
    unknown = set(model["frame_weights"]) - set(FRAMES)
    if unknown:
        raise ValueError(f"frames.yaml: unknown frame(s) {sorted(unknown)}; valid: {', '.join(FRAMES)}")
    return model


@lru_cache(maxsize=None)
def _matchers() -> dict[str, tuple[PhraseMatcher, dict[str, tuple[str, float]]]]:
    """Per frame: one matcher over its cues and cue -> (family, weight)."""
    lexicon = load_lexicon("frames")
    bad = sorted(set(lexicon["label"]) - set(FRAMES))
    if bad:
        raise ValueError(f"frames.tsv: unknown frame label(s) {bad}; valid: {', '.join(FRAMES)}")
    out = {}
    for frame in FRAMES:
        rows = lexicon[lexicon["label"] == frame]
        table = {cue: (family, float(weight)) for cue, family, weight in zip(rows["cue"], rows["family"], rows["weight"])}
        out[frame] = (PhraseMatcher(table), table)
    return out


def sentence_matches(doc: Document, frames: Iterable[str] = FRAMES) -> list[Mapping[str, Sequence[tuple[int, int, str]]]]:
    """Per sentence, per frame: the cue matches inside it.

    The frames' matchers run once over the whole document, in one scan (running five
    matchers over every sentence was most of the detector's time); matches are then filed
    under the sentence that holds them, and a match that would cross a sentence end is dropped.
    Every sentence maps each requested frame to a sequence; a sentence without any cue gets a
    shared read-only mapping of empty ones.
    """
    sentences = doc.segments.sentences
    frames = tuple(frames)
    # Shared by every sentence without a cue (most of them), so it cannot be written to.
    no_matches: Mapping[str, Sequence[tuple[int, int, str]]] = MappingProxyType({frame: () for frame in frames})
    out: list[Mapping[str, Sequence[tuple[int, int, str]]]] = [no_matches] * len(sentences)
    if not sentences:
        return out
    found = _matcher_set(frames).finditer_all(doc.text)
    for frame in frames:
        for start, end, phrase in found[frame]:
            index = doc.segments.sentence_index(start)
            s_start, s_end = sentences[index]
            if s_start <= start and end <= s_end:
                if out[index] is no_matches:
                    out[index] = {f: [] for f in frames}
                out[index][frame].append((start, end, phrase))
    return out



@lru_cache(maxsize=None)
def _matcher_set(frames: tuple[str, ...]) -> MatcherSet:
    """The frames' matchers run in one scan of the text."""
    return MatcherSet({frame: _matchers()[frame][0] for frame in frames})


@lru_cache(maxsize=None)
def _patterns() -> dict[str, tuple[tuple[str, str, float, re.Pattern], ...]]:
    """Frame -> its regex cues as (id, family, weight, compiled pattern)."""
    by_frame: dict[str, list[tuple[str, str, float, re.Pattern]]] = {frame: [] for frame in FRAMES}
    for p in frame_model().get("patterns", []):
        by_frame[p["label"]].append((p["id"], p["family"], float(p["weight"]), re.compile(p["regex"])))
    return {frame: tuple(patterns) for frame, patterns in by_frame.items()}


def check_frames(frames: Iterable[str] | None) -> tuple[str, ...]:
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


def _is_title_case(text: str, share: float) -> bool:
    words = _WORD.findall(text)
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= share


def _sentence_cues(
    text: str,
    frame: str,
    *,
    title_case: bool,
    first_word: int | None,
    matches: Sequence[tuple[int, int, str]],
    pattern_hits: Sequence[tuple[str, str, float, re.Match]],
) -> list[Cue]:
    _, table = _matchers()[frame]
    cues: dict[str, Cue] = {}
    for s, e, phrase in matches:
        family, weight = table[phrase]
        # A capitalised match inside a sentence is a name ("Anna Price"), not the common word.
        if weight > 0 and text[s].isupper() and phrase.islower() and not title_case and first_word != s:
            continue
        if weight > 0 and phrase not in cues:
            cues[phrase] = Cue(phrase, family, weight, s, e)
    for pattern_id, family, weight, match in pattern_hits:
        cues.setdefault(pattern_id, Cue(pattern_id, family, weight, match.start(), match.end()))
    return sorted(cues.values(), key=lambda c: (c.start, c.cue))


def _weigh(cues: Iterable[Cue], strong: float, once: frozenset[str]) -> float:
    """The sum of cue weights, except that the weak cues of a family in ``once`` count once,
    so that two names for the same thing ("government", "minister") do not add up to a frame."""
    total = 0.0
    weak: dict[str, float] = {}
    for cue in cues:
        if cue.weight < strong and cue.family in once:
            weak[cue.family] = max(weak.get(cue.family, 0.0), cue.weight)
        else:
            total += cue.weight
    return total + sum(weak.values())


def frame_sentences(doc: Document, *, frames: Iterable[str] | None = None) -> list[SentenceFrame]:
    """Every (sentence, frame) pair whose distinct cue weights reach the threshold.

    ``frames`` restricts the search to some frames; an unknown name raises ``ValueError``.
    """
    chosen = check_frames(frames)
    model = frame_model()
    threshold = float(model["threshold"])
    strong = float(model["strong_weight"])
    once = frozenset(model.get("weak_once_families", ()))
    share = float(model.get("title_case_share", 0.6))
    text = doc.text
    out = []
    per_sentence = sentence_matches(doc, chosen)
    patterns = _patterns()
    for index, (start, end) in enumerate(doc.segments.sentences):
        matches = per_sentence[index]
        if not any(matches[frame] or patterns[frame] for frame in chosen):
            continue
        # Both only matter for a capitalised match, so they are found only then.
        capitalised = any(text[s].isupper() for frame in chosen for s, _, _ in matches[frame])
        title_case = capitalised and _is_title_case(text[start:end], share)
        first = _WORD.search(text, start, end) if capitalised else None
        first_word = first.start() if first else None
        for frame in chosen:
            hits = [
                (pattern_id, family, weight, match)
                for pattern_id, family, weight, regex in patterns[frame]
                if (match := regex.search(text, start, end)) and match.end() <= end
            ]
            if not matches[frame] and not hits:
                continue
            cues = _sentence_cues(text, frame, title_case=title_case, first_word=first_word, matches=matches[frame], pattern_hits=hits)
            weight = _weigh(cues, strong, once)
            if weight >= threshold:
                out.append(SentenceFrame(index, start, end, frame, weight, tuple(cues)))
    return out


def rank_frames(doc: Document, sentence_frames: Iterable[SentenceFrame]) -> list[DocFrame]:
    """Frames ranked by weighted density (capped sentence weights per 1,000 words), 1 = dominant."""
    model = frame_model()
    cap = float(model["sentence_cap"])
    words = max(doc.segments.word_count, 1)
    totals: dict[str, float] = {}
    sentences: dict[str, list[int]] = {}
    cues: dict[str, list[str]] = {}
    for sf in sentence_frames:
        totals[sf.frame] = totals.get(sf.frame, 0.0) + min(sf.weight, cap)
        sentences.setdefault(sf.frame, []).append(sf.sentence)
        for cue in sf.cues:
            if cue.cue not in cues.setdefault(sf.frame, []):
                cues[sf.frame].append(cue.cue)
    scored = [
        (round(float(model["frame_weights"].get(frame, 1.0)) * totals[frame] * 1000.0 / words, 4), frame)
        for frame in totals
    ]
    # Ties go to the frame with more sentences, then to the canonical frame order (deterministic).
    scored.sort(key=lambda item: (-item[0], -len(sentences[item[1]]), FRAMES.index(item[1])))
    return [
        DocFrame(frame, rank, score, tuple(sentences[frame]), tuple(cues[frame]))
        for rank, (score, frame) in enumerate(scored, start=1)
    ]



@detector(
    "frames",
    layers=[
        Layer("frame", "sentence", FRAMES, "a generic news frame carried by a sentence", inline=False),
        Layer("doc_frame", "document", FRAMES, "the document's frames in rank order (rank 1 = dominant)", inline=False),
    ],
    groups=["framing"],
    title="Generic news frames",
    view="workbench.views.frames",
)
class FramesDetector:
    """Sentence frames (layer ``frame``) and the document ranking (layer ``doc_frame``)."""

    def detect(self, doc: Document) -> Iterator[Finding]:
        sentence_frames = frame_sentences(doc)
        threshold = float(frame_model()["threshold"])
        scale = float(frame_model()["score_scale"])
        for sf in sentence_frames:
            listed = ", ".join(f"{c.cue} ({c.family}, {c.weight:g})" for c in sf.cues)
            yield make_finding(
                doc,
                detector=self.name,
                layer="frame",
                label=sf.frame,
                start=sf.start,
                end=sf.end,
                cue="; ".join(c.cue for c in sf.cues),
                explanation=f"{sf.frame} cues {listed} weigh {sf.weight:g}, at least the threshold {threshold:g}.",
                score=min(1.0, sf.weight / scale),
                extras={"weight": sf.weight, "families": sorted({c.family for c in sf.cues})},
            )
        if not sentence_frames:
            return
        sentences = doc.segments.sentences
        start, end = sentences[0][0], sentences[-1][1]
        for df in rank_frames(doc, sentence_frames):
            yield make_finding(
                doc,
                detector=self.name,
                layer="doc_frame",
                label=df.frame,
                start=start,
                end=end,
                cue="; ".join(df.cues),
                explanation=(
                    f"Rank {df.rank}: {df.frame} is carried by {len(df.sentences)} sentence(s), "
                    f"weighted density {df.score:g} per 1,000 words."
                ),
                score=1.0 if df.rank == 1 else 0.5,
                extras={"rank": df.rank, "score": df.score, "sentences": list(df.sentences), "cues": list(df.cues)},
            )
