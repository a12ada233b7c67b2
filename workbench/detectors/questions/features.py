"""Features of a question in its context, shared by the rules, the dialogue model and its trainer.

A question is seen as its own text plus up to two previous utterances and the next one
(for written text: the neighbouring sentences, all by the author). Features are named
strings with numeric values, so the dialogue model's weights (a JSON file) read as a
table of evidence. Cues come from ``workbench/lexicons/questions.tsv``, the rules' word
lists from ``workbench/lexicons/questions_rules.yaml`` and weights and thresholds from
``workbench/models/questions_rules.yaml``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import yaml

from workbench.lexicons import WordLists, load_lexicon, load_wordlists
from workbench.matching import MatcherSet, PhraseMatcher

_WORD = re.compile(r"t_\w+|[a-z0-9]+(?:[-'][a-z]+)*|\?")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
RULES_FILE = "questions_rules.yaml"
RULES_LEXICON = "questions_rules"
MODEL_FILE = "questions_dialogue.json"


@dataclass(frozen=True)
class Utterance:
    """A neighbouring utterance (or sentence): its text and whether the asker produced it."""

    text: str
    same_speaker: bool


@dataclass(frozen=True)
class QuestionContext:
    """A question with the utterances around it; ``None`` marks a missing neighbour."""

    text: str
    next: Utterance | None = None
    prev: Utterance | None = None
    prev2: Utterance | None = None


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The rule weights and thresholds (loaded once)."""
    raw = resources.files("workbench").joinpath("models", RULES_FILE).read_text(encoding="utf-8")
    return yaml.safe_load(raw)


def word_lists() -> WordLists:
    """The rules' word lists, lower case (``lexicons/questions_rules.yaml``, validated and cached by the loader)."""
    return load_wordlists(RULES_LEXICON)


@lru_cache(maxsize=1)
def _rule_patterns() -> tuple[tuple[str, float, re.Pattern], ...]:
    return tuple((p["id"], float(p.get("weight", 1.0)), re.compile(p["regex"], re.IGNORECASE)) for p in word_lists().patterns)


def pattern_cues(text: str) -> list[tuple[str, float]]:
    """(id, weight) of the rhetorical patterns of ``lexicons/questions_rules.yaml`` that match a
    question (written-text rules only: the dialogue model's features do not read them)."""
    return [(pid, weight) for pid, weight, regex in _rule_patterns() if regex.search(text)]


def alternation(words: Iterable[str], *, initial: str = "lower") -> str:
    """A regex alternation of ``words``, longest first: ``initial`` ``"lower"`` keeps them as they
    are, ``"upper"`` capitalises them (a sentence opening), ``"either"`` accepts both cases of the
    first letter."""
    parts = []
    for word in sorted(words, key=lambda w: (-len(w), w)):
        rest = re.escape(word[1:])
        if initial == "upper":
            parts.append(re.escape(word[:1].upper()) + rest)
        elif initial == "either" and word[:1].isalpha():
            parts.append(f"[{word[:1].upper()}{word[:1].lower()}]" + rest)
        else:
            parts.append(re.escape(word))
    return "(?:" + "|".join(parts) + ")"


@lru_cache(maxsize=1)
def cue_table() -> dict[tuple[str, str], tuple[PhraseMatcher, dict[str, tuple[str, float]]]]:
    """One matcher per (position, category) with each cue's label and weight."""
    frame = load_lexicon("questions")
    groups: dict[tuple[str, str], dict[str, tuple[str, float]]] = {}
    for row in frame.itertuples(index=False):
        groups.setdefault((row.position, row.category), {})[row.cue.lower()] = (row.label, float(row.weight))
    return {key: (PhraseMatcher(list(entries)), entries) for key, entries in sorted(groups.items())}


@lru_cache(maxsize=1)
def dialogue_model() -> dict[str, Any]:
    """The logistic-regression weights for dialogue questions (built by scripts/train_questions.py)."""
    raw = resources.files("workbench").joinpath("models", MODEL_FILE).read_text(encoding="utf-8")
    return json.loads(raw)


@lru_cache(maxsize=None)
def _position_matchers(position: str) -> MatcherSet:
    """The categories' matchers of one cue position, run in one scan."""
    return MatcherSet({key: matcher for key, (matcher, _) in cue_table().items() if key[0] == position})


# The rules read the same sentences from several sides (answer, echo, ellipsis, appeal), so the
# token and wh-word scans are cached by text; the results are tuples, never mutated.
@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Lower-case word tokens; transcription tokens like ``t_con`` and ``?`` are kept."""
    return tuple(_WORD.findall(text.lower().translate(_APOSTROPHES)))


def core_offset(text: str) -> int:
    """Offset of the question's first word after leading discourse markers ("And", "But", "t_con")."""
    markers = word_lists()["leading_markers"]
    pos = 0
    for match in re.finditer(r"[^\s,;:]+", text):
        token = match.group().lower().translate(_APOSTROPHES).strip("\"'()\u201c\u201d")
        if token in markers or not token:
            pos = match.end()
            continue
        return match.start()
    return pos


@dataclass(frozen=True)
class Cue:
    """One lexicon cue that fired: where, which category, which label it supports."""

    cue: str
    category: str
    position: str
    label: str
    weight: float


def _cues_at(text: str, position: str, *, anchor: int | set[int] | None = None, end_only: bool = False) -> list[Cue]:
    anchors = {anchor} if isinstance(anchor, int) else anchor
    found: list[Cue] = []
    stripped = text.rstrip(" ?.!,\"'\u201d)#-")
    table = cue_table()
    for (_, category), matches in _position_matchers(position).finditer_all(text).items():
        entries = table[(position, category)][1]
        for start, end, phrase in matches:
            if anchors is not None and start not in anchors:
                continue
            if end_only and end != len(stripped):
                continue
            label, weight = entries[phrase]
            found.append(Cue(phrase, category, position, label, weight))
    return found


# The rules look at the same sentence from several sides (answer, contradiction, appeal,
# deliberation), so the cue scans are cached by text; the results are tuples, never mutated.
@lru_cache(maxsize=4096)
def question_cues(text: str) -> tuple[Cue, ...]:
    """Cues inside the question: at its start (after discourse markers), anywhere, or as a tag at the end."""
    anchor = core_offset(text)
    return tuple(_cues_at(text, "start", anchor=anchor) + _cues_at(text, "any") + _cues_at(text, "end", end_only=True))


@lru_cache(maxsize=4096)
def next_cues(text: str) -> tuple[Cue, ...]:
    """Cues at the start of the utterance or sentence after the question."""
    return tuple(_cues_at(text, "next_start", anchor={_first_word(text), _skip(text, word_lists()["next_skip"])}))


@lru_cache(maxsize=4096)
def context_cues(text: str) -> tuple[Cue, ...]:
    """Deliberation and reader-appeal cues in a sentence around (or holding) a run of questions."""
    return tuple(_cues_at(text, "context"))


def _skip(text: str, skipped: frozenset[str]) -> int:
    for match in re.finditer(r"[^\s,;:]+", text):
        if match.group().lower() not in skipped:
            return match.start()
    return len(text)


def _first_word(text: str) -> int:
    match = re.search(r"[\w']", text)
    return match.start() if match else 0


@lru_cache(maxsize=8192)
def wh_word(text: str) -> str | None:
    """The wh-word that opens the question (after discourse markers), if any."""
    tokens = words(text[core_offset(text) :])
    wh = word_lists()["wh_words"]
    for token in tokens[:3]:
        base = token.split("'")[0]
        if base in wh:
            return base
    return None


def _length_bin(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15" if n <= 15 else "16+"


def _is_empty(utt: Utterance | None) -> bool:
    return utt is None or not words(utt.text.replace("t_empty", ""))


def dialogue_features(ctx: QuestionContext) -> dict[str, float]:
    """Binary features of a spoken question and its neighbours, for the dialogue model."""
    feats: dict[str, float] = {"bias": 1.0}
    q = words(ctx.text)
    content = [w for w in q if w != "?"]
    for w in content:
        feats[f"q:{w}"] = 1.0
    padded = ["<s>", *content, "</s>"]
    for a, b in zip(padded, padded[1:]):
        feats[f"q2:{a}_{b}"] = 1.0
    feats[f"qlen:{_length_bin(len(content))}"] = 1.0
    stripped = ctx.text.rstrip(" #-")
    feats[f"qend:{stripped[-1:] if stripped[-1:] in '?.,' else 'other'}"] = 1.0
    wh = wh_word(ctx.text)
    feats[f"wh:{wh or 'none'}"] = 1.0
    for cue in question_cues(ctx.text):
        feats[f"cue:{cue.category}"] = 1.0
    nxt_empty = _is_empty(ctx.next)
    if nxt_empty:
        feats["next:empty"] = 1.0
    else:
        assert ctx.next is not None
        who = "same" if ctx.next.same_speaker else "other"
        feats[f"next:{who}"] = 1.0
        nw = [w for w in words(ctx.next.text) if w != "?"]
        feats[f"next:{who}:len:{_length_bin(len(nw))}"] = 1.0
        for w in nw[:2]:
            feats[f"next:{who}:w:{w}"] = 1.0
        if "?" in ctx.next.text:
            feats[f"next:{who}:question"] = 1.0
        for cue in next_cues(ctx.next.text):
            feats[f"next:{who}:cue:{cue.category}"] = 1.0
        feats[f"next:{who}:wh:{'yes' if wh else 'no'}"] = 1.0
    for name, utt in (("prev", ctx.prev), ("prev2", ctx.prev2)):
        if _is_empty(utt):
            feats[f"{name}:empty"] = 1.0
            continue
        assert utt is not None
        who = "same" if utt.same_speaker else "other"
        feats[f"{name}:{who}"] = 1.0
        if name == "prev":
            pw = [w for w in words(utt.text) if w != "?"]
            feats[f"prev:{who}:len:{_length_bin(len(pw))}"] = 1.0
            if "?" in utt.text:
                feats[f"prev:{who}:question"] = 1.0
            for w in pw[:1]:
                feats[f"prev:{who}:w:{w}"] = 1.0
    return feats


def logistic(features: dict[str, float], weights: dict[str, float]) -> float:
    """Probability from a linear model over named features (unknown features weigh nothing)."""
    z = sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def dialogue_probability(ctx: QuestionContext) -> tuple[float, list[tuple[str, float]]]:
    """P(rhetorical or hypophora) from the shipped model, with the strongest positive contributions."""
    model = dialogue_model()
    feats = dialogue_features(ctx)
    weights = model["weights"]
    p = logistic(feats, weights)
    contributions = sorted(((name, weights[name]) for name in feats if name in weights and name != "bias"), key=lambda kv: (-kv[1], kv[0]))
    return p, contributions


def vocabulary(feature_dicts: Iterable[dict[str, float]], *, min_count: int) -> list[str]:
    """Feature names seen at least ``min_count`` times, sorted (used by the trainer)."""
    counts: dict[str, int] = {}
    for feats in feature_dicts:
        for name in feats:
            counts[name] = counts.get(name, 0) + 1
    return sorted(name for name, n in counts.items() if n >= min_count or name == "bias")
