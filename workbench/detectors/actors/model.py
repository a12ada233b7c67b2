"""Records and small text helpers shared by the actors detector's jobs."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from workbench.corpus import Document
from workbench.detectors.actors.lexicon import CLAUSE_END, POSSESSIVE, WORD
from workbench.matching import find_phrases

NAME = "actors"


class Form:
    """How a nomination names its actor (``Mention.form``, ``extras["form"]``)."""

    ALIAS = "alias"
    FULL_NAME = "full_name"
    ORG_NAME = "org_name"
    SURNAME = "surname"
    FIRST_NAME = "first_name"
    ROLE = "role"
    GROUP = "group"
    NATION_GROUP = "nation_group"


@dataclass
class Mention:
    """One nomination: ``actors`` holds one label, or several for a joint mention."""

    start: int
    end: int
    actors: tuple[str, ...]
    form: str
    cue: str
    resolved_by: str = ""
    possessive: bool = False
    score: float = 0.9


@dataclass
class Actor:
    label: str
    kind: str  # person | org | group
    first: int
    full_names: set[str] = field(default_factory=set)
    short_names: set[str] = field(default_factory=set)
    org_class: str = ""
    nations: set[str] = field(default_factory=set)


@dataclass
class Binding:
    """A role attached to a person by apposition or title: later uses of the role refer to it."""

    role_class: str
    modifiers: frozenset[str]
    nations: frozenset[str]
    actor: str
    at: int


class Spans:
    """Non-overlapping spans kept sorted, so an overlap test looks at two neighbours only."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def name_matches(text: str, names: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    """Case-sensitive whole-name matches of ``names`` in one pass, longest name first at a position.

    A name does not start or end at a hyphen (pro-Putin is not a mention) and does not run
    over a line break.
    """
    if not names:
        return []
    out = []
    for start, end, name in find_phrases(text, names):
        if (start > 0 and text[start - 1] == "-") or text[end : end + 1] == "-" or "\n" in text[start:end]:
            continue
        out.append((start, end, name))
    return out


def strip_possessive(text: str) -> tuple[str, bool]:
    if POSSESSIVE.search(text):
        return text[:-2], True
    return text, False


def clause_end(text: str, pos: int, quotes: list[tuple[int, int]]) -> int:
    """End of the clause that starts at ``pos``: the next comma, stop or dash outside quotation marks."""
    i = pos
    while True:
        m = CLAUSE_END.search(text, i)
        if m is None:
            return len(text)
        # Punctuation inside a quotation opened within the clause does not end it.
        inside = next((q for q in quotes if pos <= q[0] < m.start() < q[1] - 1), None)
        if inside is None:
            end = m.start()
            while end > pos and text[end - 1].isspace():
                end -= 1
            return end
        i = inside[1]


def words_before(text: str, pos: int, n: int, floor: int) -> list[re.Match]:
    return list(WORD.finditer(text, max(floor, pos - 80), pos))[-n:]


def is_sentence_start(doc: Document, offset: int) -> bool:
    s_start = doc.segments.sentences[doc.segments.sentence_index(offset)][0]
    return not re.search(r"\w", doc.text[s_start:offset])


def first_positions(mentions: list[Mention]) -> dict[str, int]:
    """Actor -> offset of its first single-actor mention (orders the members of joint labels)."""
    first: dict[str, int] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if len(m.actors) == 1:
            first.setdefault(m.actors[0], m.start)
    return first
