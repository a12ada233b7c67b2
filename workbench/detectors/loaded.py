"""Loaded language: emotive and strongly evaluative wording, as spans.

The lexicon (``lexicons/loaded.tsv``) lists single words and multi-word expressions with a
category (emotion, moral_judgement, intensifying_metaphor) and a part of speech; the span
rules in ``lexicons/loaded_rules.yaml`` stretch an adjective over the word it qualifies,
a noun over an intensifying or national premodifier, a verb over its object and an
intensifying phrase over the next word, so that
"criminal decision", "Russian aggression" and "falsifying the results" are one finding each.
Entries with pos ``block`` mask technical uses ("criminal law", "lies in"); ``noun_modified``
nouns are loaded only with an intensifying premodifier ("a real knockout", not "the knockout
stage"); ``ironic`` praise words only right before another loaded word ("the funniest
propaganda"). Idioms with a variable slot ("burn all the bridges", "burnt his bridges") are
patterns in the rules file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

from workbench.corpus import Document
from workbench.detectors.base import make_finding
from workbench.detectors.registry import Layer, detector
from workbench.findings import Finding
from workbench.lexicons import load_lexicon, load_wordlists
from workbench.matching import PhraseMatcher

LABEL = "loaded_language"
RULES_LEXICON = "loaded_rules"
CATEGORIES = ("emotion", "moral_judgement", "intensifying_metaphor")
POS = ("adj", "intensifier", "noun", "noun_modified", "ironic", "verb", "mwe", "block")
_LETTER_WORD = re.compile(r"[^\W\d_][\w'’-]*\Z")


@dataclass(frozen=True)
class Entry:
    cue: str
    category: str
    pos: str


@dataclass
class Span:
    start: int
    end: int
    entries: list[Entry]
    rules: list[str]


@lru_cache(maxsize=None)
def span_rules() -> dict[str, Any]:
    """Function words, determiners, premodifiers and idiom patterns from ``lexicons/loaded_rules.yaml``."""
    lists = load_wordlists(RULES_LEXICON)
    suffixes = sorted(lists["national_suffixes"], key=lambda w: (-len(w), w))
    return {
        "idioms": tuple((item["id"], item["category"], re.compile(item["regex"], re.IGNORECASE)) for item in lists.patterns),
        "function_words": frozenset(w.lower() for w in lists["function_words"]),
        "determiners": frozenset(w.lower() for w in lists["determiners"]),
        "premodifiers": frozenset(w.lower() for w in lists["premodifiers"]),
        "national": re.compile(r"[A-Z][a-z]+(?:" + "|".join(suffixes) + r")\Z"),
    }


@lru_cache(maxsize=None)
def _lexicon() -> tuple[PhraseMatcher, dict[str, Entry]]:
    frame = load_lexicon("loaded")
    entries: dict[str, Entry] = {}
    for cue, category, pos in zip(frame["cue"], frame["category"], frame["pos"]):
        if pos not in POS:
            raise ValueError(f"loaded.tsv: entry {cue!r} has pos {pos!r}; valid: {', '.join(POS)}")
        if pos != "block" and category not in CATEGORIES:
            raise ValueError(f"loaded.tsv: entry {cue!r} has category {category!r}; valid: {', '.join(CATEGORIES)}")
        entries[cue] = Entry(cue, category, pos)
    return PhraseMatcher(entries), entries


def _is_content_word(word: str) -> bool:
    return bool(_LETTER_WORD.match(word)) and word.lower() not in span_rules()["function_words"]


class _Tokens:
    """Token lookup by offset for one document."""

    def __init__(self, doc: Document):
        self.text = doc.text
        self.spans = doc.segments.tokens
        self.starts = [s for s, _ in self.spans]

    def after(self, offset: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self.starts, offset)
        return self.spans[i] if i < len(self.spans) else None

    def before(self, offset: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self.starts, offset) - 1
        return self.spans[i] if i >= 0 else None

    def word(self, span: tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]

    def only_space_between(self, a: int, b: int) -> bool:
        # Spaces or one line break: punctuation or a paragraph break between words ends the phrase.
        gap = self.text[a:b]
        return a <= b and gap.isspace() and "\n\n" not in gap


def _extend(
    tokens: _Tokens, start: int, end: int, entry: Entry, starts: set[int], sentence_start: int, sentence_end: int
) -> tuple[int, int, str] | None:
    """Stretch one lexicon match according to its part of speech; returns (start, end, rule),
    or None when the entry is loaded only in a context that is missing here."""
    rules = span_rules()
    if entry.pos == "intensifier":
        # "nothing short of scandalous": the intensifier joins the next word even when it is loaded itself.
        nxt = tokens.after(end)
        if nxt and nxt[1] <= sentence_end and tokens.only_space_between(end, nxt[0]) and _is_content_word(tokens.word(nxt)):
            return start, nxt[1], "intensifier + word"
    elif entry.pos == "adj":
        nxt = tokens.after(end)
        if nxt and nxt[1] <= sentence_end and tokens.only_space_between(end, nxt[0]) and nxt[0] not in starts and _is_content_word(tokens.word(nxt)):
            return start, nxt[1], "adjective + head"
    elif entry.pos in ("noun", "noun_modified"):
        prev = tokens.before(start)
        # The premodifier must be in the same sentence: not the last word of a title line.
        if prev and prev[0] >= sentence_start and tokens.only_space_between(prev[1], start) and prev[0] not in starts:
            word = tokens.word(prev)
            if word.lower() in rules["premodifiers"]:
                return prev[0], end, "premodifier + noun"
            if entry.pos == "noun" and rules["national"].match(word):
                return prev[0], end, "premodifier + noun"
        if entry.pos == "noun_modified":
            return None  # "the knockout stage": neutral without an intensifier
    elif entry.pos == "ironic":
        # Praise right before a loaded word is irony ("the funniest propaganda"); alone it is praise.
        nxt = tokens.after(end)
        if nxt and nxt[1] <= sentence_end and tokens.only_space_between(end, nxt[0]) and nxt[0] in starts:
            return start, end, "ironic praise before loaded word"
        return None
    elif entry.pos == "verb":
        nxt = tokens.after(end)
        if nxt and nxt[1] <= sentence_end and tokens.only_space_between(end, nxt[0]):
            word = tokens.word(nxt)
            if word.lower() in rules["determiners"]:
                obj = tokens.after(nxt[1])
                if obj and obj[1] <= sentence_end and tokens.only_space_between(nxt[1], obj[0]) and _is_content_word(tokens.word(obj)):
                    return start, obj[1], "verb + object"
            elif _is_content_word(word) and nxt[0] not in starts:
                return start, nxt[1], "verb + object"
    if entry.pos == "idiom":
        return start, end, "idiom pattern"
    return start, end, "as listed"


def loaded_spans(doc: Document) -> list[Span]:
    """Loaded-language spans of a document, overlapping matches merged, in text order."""
    matcher, entries = _lexicon()
    text = doc.text
    matches = [(s, e, entries[p]) for s, e, p in matcher.finditer(text)]
    matches = [m for m in matches if m[2].pos != "block"]
    for idiom, category, regex in span_rules()["idioms"]:
        matches.extend((m.start(), m.end(), Entry(idiom, category, "idiom")) for m in regex.finditer(text))
    matches.sort(key=lambda m: (m[0], m[1]))
    starts = {s for s, _, _ in matches}
    tokens = _Tokens(doc)
    sentences = doc.segments.sentences
    spans: list[Span] = []
    for s, e, entry in matches:
        sentence_start, sentence_end = sentences[doc.segments.sentence_index(s)] if sentences else (0, len(text))
        extended = _extend(tokens, s, e, entry, starts, sentence_start, sentence_end)
        if extended is None:
            continue
        start, end, rule = extended
        if spans and start < spans[-1].end:
            # Overlapping evidence ("brutal aggression") is one finding with both cues.
            last = spans[-1]
            last.start, last.end = min(last.start, start), max(last.end, end)
            last.entries.append(entry)
            last.rules.append(rule)
        else:
            spans.append(Span(start, end, [entry], [rule]))
    return spans


@detector(
    "loaded",
    layers=[Layer("loaded", "span", (LABEL,), "emotive or strongly evaluative wording")],
    groups=["framing"],
    title="Loaded language",
    view="workbench.views.loaded",
)
class LoadedDetector:
    """Emotive and strongly evaluative wording (layer ``loaded``)."""

    def detect(self, doc: Document) -> Iterator[Finding]:
        for span in loaded_spans(doc):
            categories = sorted({e.category for e in span.entries})
            cues = "; ".join(e.cue for e in span.entries)
            rules = ", ".join(dict.fromkeys(span.rules))
            yield make_finding(
                doc,
                detector=self.name,
                layer="loaded",
                label=LABEL,
                start=span.start,
                end=span.end,
                cue=cues,
                explanation=f"'{cues}' is loaded wording ({', '.join(categories)}); span rule: {rules}.",
                score=1.0,
                extras={"category": "; ".join(categories), "rule": rules},
            )
