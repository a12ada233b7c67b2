"""Actors (Discourse-Historical Approach): nomination and predication (issue 5).

``nomination`` — each mention that makes a naming choice for an actor, labelled with the actor:

* proper names found automatically: capitalised sequences of two or more words
  (``Vladimir Putin``) become persons (label: the last word) when there is evidence
  that they are people (a title or role before them, an apposition, a bare surname
  used again, a reporting verb after them); sequences ending with an organisation
  head (``Council``, ``United``, ``Hospital``) become organisations;
* later first names and organisation short forms; bare surnames (``Putin``) are
  found too (they tell discovery that ``Putin`` is a person) but are reported only
  with ``bare_names=True``: a nomination is a naming *choice* (full name, role noun,
  group label), and a surname repeated after the actor was introduced is coreference
  (the convention of the seed gold; see docs/framing.md);
* role nouns (``the Russian president``, ``his Russian counterpart``, ``the club``),
  resolved to an actor by apposition (``the chairman, Graham Pellow``), by a role
  title before a name (``Health Minister Rachel Dunmore``), by an earlier binding of
  the same role, by organisation head (``the club`` -> ``Northgate United``) or, for
  a nationality adjective, by the person most associated with that nation in the text
  (``Russian and Belarusian rulers`` -> ``Putin+Lukashenko``);
* group labels (``the civilized world`` -> ``West``, ``Ukrainian defenders`` -> ``Ukraine``,
  ``shopkeepers``);
* an optional user-supplied actor list (YAML: actor -> aliases) which wins over
  discovery.

Pronouns are never nominations; unresolved role nouns are not reported. A name that can
denote a place (a country name from the actor list, a bloc label such as ``the West``) is a
location, not an acting nomination, right after a spatial preposition (``in Belarus``,
``across the West``) or as a modifier after a determiner (``the Belarus border``); as a
subject or possessor (``Belarus decided``, ``Belarus's army``) it stays an actor.

``predication`` — a span that attributes a quality or act to an actor: copular
clauses (``Putin, too, is weak``, ``Both Lukashenko and Putin are weak``), clefts
(``it is not only Lukashenko who is weak``), acts on the actor's own attributes
(``he lost his subjectivity``), indefinite appositions (``Dunmore, a former hospital
manager``) and naming (``calling the chairman a "businessman"``). A ``he``/``she``
subject is resolved to the nearest named person.

Word lists live in ``workbench/lexicons/actors_*.tsv``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import pandas as pd

from workbench.corpus import Document
from workbench.errors import InputError
from workbench.detectors.base import make_finding
from workbench.detectors.registry import Layer, detector
from workbench.findings import Finding
from workbench.lexicons import load_lexicon
from workbench.matching import MatcherSet, PhraseMatcher, find_phrases

NAME = "actors"
_WORD = re.compile(r"[\w]+(?:[-'\u2019][\w]+)*")
_CAP_SEQ = re.compile(r"[A-Z][\w]*(?:[-'\u2019.][\w]+)*(?:[ \t]+(?:[A-Z][\w]*(?:[-'\u2019.][\w]+)*|(?:de|van|von|der|da|di|del|bin|al|le|la)(?=[ \t]+[A-Z])))*")
_POSSESSIVE = re.compile(r"['\u2019]s$")
DETERMINERS = frozenset({"the", "his", "her", "their", "its", "our", "my", "your"})
_POSSESSIVE_DETS = frozenset({"his", "her", "their", "its", "our", "my", "your"})
_INDEFINITE = frozenset({"a", "an"})
_LEFT_STOP = frozenset(
    """what that which who whom whose about of to in on at for with by from and or but as than is are was were be been
    has have had not this these those how why when where if also even only both all""".split()
)
_COMMA_AFTER = re.compile(r"\s*,\s*")
_PREPOSITIONS = frozenset(
    "between of with for against from to by about on in at over under into onto after before without than among towards".split()
)
_CLAUSE_END = re.compile(r"[,.;:!?\n\u2014\u2013]|\s-\s|\s(?:and|but|while|whereas)\s+(?:he|she|they|it|we|I|you)\b")


class ActorListError(InputError):
    """An actor list that cannot be read or has the wrong shape; the message names the file."""


def load_actor_list(path: str | Path) -> dict[str, list[str]]:
    """Read a YAML actor list (``actor: [alias, ...]``) into a dict.

    Raises :class:`ActorListError` naming the file when it is missing, not valid YAML,
    or not a mapping of actor names to a string or list of strings.
    """
    import yaml

    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ActorListError(f"{path}: cannot read actor list: {exc.strerror or exc}") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        raise ActorListError(f"{path}: actor list is not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
    return _normalise_actor_list(data, source=str(path))


def _normalise_actor_list(data: Any, *, source: str) -> dict[str, list[str]]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ActorListError(f"{source}: actor list must be a mapping of actor -> aliases, got {type(data).__name__}")
    out: dict[str, list[str]] = {}
    for actor, aliases in data.items():
        if aliases is None:
            aliases = []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, (list, tuple)) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise ActorListError(f"{source}: aliases of actor {actor!r} must be a string or a list of non-empty strings")
        out[str(actor)] = list(dict.fromkeys([str(actor), *aliases]))
    return out


# ---------------------------------------------------------------- lexicons


@lru_cache(maxsize=1)
def _names() -> dict[str, dict[str, str]]:
    frame = load_lexicon("actors_names")
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for cue, label, cls in zip(frame["cue"], frame["label"], frame["class"]):
        out[label][cue] = cls
    return dict(out)


@lru_cache(maxsize=1)
def _nations() -> dict[str, str]:
    """Country name, nationality adjective or demonym -> country."""
    frame = load_lexicon("actors_nations")
    return dict(zip(frame["cue"], frame["label"]))


_CAPITALISED = re.compile(r"(?<![\w-])[A-Z]\w+(?:[ \t]+[A-Z]\w+)?")


def _nation_words(text: str) -> Iterator[tuple[int, str]]:
    """(offset, entry) for each nation name, adjective or demonym, case-sensitive ("turkey" the bird is no nation)."""
    lookup = _nations()
    for m in _CAPITALISED.finditer(text):
        pair = m.group()
        if pair in lookup:
            yield m.start(), pair
            continue
        first = pair.split()[0]
        if first in lookup:
            yield m.start(), first
        if " " in pair:
            second = pair.split()[-1]
            if second in lookup:
                yield m.end() - len(second), second


@lru_cache(maxsize=1)
def _nation_adjectives() -> dict[str, str]:
    frame = load_lexicon("actors_nations")
    rows = frame[frame["type"] == "adjective"]
    return dict(zip(rows["cue"], rows["label"]))


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    frame = load_lexicon("actors_nations")
    rows = frame[frame["type"] == "country"]
    return dict(zip(rows["cue"], rows["label"]))


@lru_cache(maxsize=1)
def _roles() -> pd.DataFrame:
    return load_lexicon("actors_roles")


@lru_cache(maxsize=1)
def _role_matcher() -> PhraseMatcher:
    return PhraseMatcher(_roles()["cue"])


@lru_cache(maxsize=1)
def _role_info() -> dict[str, tuple[str, str]]:
    frame = _roles()
    return {cue.lower(): (label, kind) for cue, label, kind in zip(frame["cue"], frame["label"], frame["type"])}


@lru_cache(maxsize=1)
def _groups() -> pd.DataFrame:
    return load_lexicon("actors_groups")


@lru_cache(maxsize=1)
def _group_matchers() -> MatcherSet:
    """The three kinds of group label, matched in one scan of a document."""
    return MatcherSet({kind: _group_matcher(kind) for kind in ("bloc", "national", "social")})


@lru_cache(maxsize=None)
def _group_matcher(kind: str) -> PhraseMatcher:
    frame = _groups()
    return PhraseMatcher(frame.loc[frame["type"] == kind, "cue"])


@lru_cache(maxsize=None)
def _group_label(kind: str) -> dict[str, str]:
    frame = _groups()
    rows = frame[frame["type"] == kind]
    return {c.lower(): l for c, l in zip(rows["cue"], rows["label"])}


def _is_bloc(cue: str) -> bool:
    return cue.lower() in _group_label("bloc")


@lru_cache(maxsize=1)
def _predication_words() -> dict[str, list[str]]:
    frame = load_lexicon("actors_predication")
    return {label: list(rows["cue"]) for label, rows in frame.groupby("label")}


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    frame = load_lexicon("distancing")
    return frozenset(frame.loc[frame["type"] == "speech_verb", "cue"].str.lower())


def _alternation(words: Iterable[str]) -> str:
    parts = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(p).replace("'", "['\u2019]") for p in w.split()) for w in parts)


@lru_cache(maxsize=1)
def _predicate_regexes() -> dict[str, re.Pattern]:
    words = _predication_words()
    copula = _alternation(w for w in words["copula"] if not w.startswith(("'", "\u2019")))
    degree = _alternation(words["degree"])
    state = _alternation(words["state_preposition"])
    act = _alternation(words["act_verb"])
    naming = _alternation(words["naming_verb"])
    # The complement may not be a progressive verb, an infinitive or a clause: those are acts, not qualities.
    complement = rf"(?:(?:a|an|the|no)\b|[\"\u201c\u2018]|(?:{state})\b|(?!(?:to|that|supposed|being|going|there|about|at|for|from|by|with|of|if|because|who|which|what|how|why|{degree})\b)(?![a-z]+ing\b)[a-z])"
    # Degree words are taken greedily and never given back (an atomic group written as a
    # lookahead plus back-reference, which Python 3.10 also understands), so "is still
    # waiting" cannot be read as "is" + complement "still".
    degrees = rf"(?=(?P<deg>(?:(?:{degree})\s+)*))(?P=deg)"
    tail = r"(?P<tail>\s*,\s*(?:too|also|however|though|in turn|meanwhile|by contrast|for (?:his|her|their) part)\s*,)?"
    # A capitalised place after the subject: "Shopkeepers on Quay Street are ...".
    place = r"(?:\s+(?:on|in|at|from)\s+(?:the\s+)?[A-Z]\w+(?:\s+[A-Z]\w+)*)?"
    return {
        "copular": re.compile(rf"{place}{tail}\s+(?:{copula})\s+{degrees}(?={complement})", re.IGNORECASE),
        "copular_contracted": re.compile(rf"{tail}(?:\s+(?:{copula})|['\u2019]s)\s+{degrees}(?={complement})", re.IGNORECASE),
        "act": re.compile(rf"\s+(?:(?:has|have|had)\s+)?(?:{act})\s+(?:his|her|their|its)\b", re.IGNORECASE),
        "naming_before": re.compile(rf"\b(?:{naming})\s+$", re.IGNORECASE),
        "naming_after": re.compile(r"\s+(?:a|an|as)\s+", re.IGNORECASE),
        "cleft_before": re.compile(r"\bit\s+(?:is|was)\s+(?:not\s+only\s+|only\s+|not\s+|also\s+)?$", re.IGNORECASE),
        "cleft_after": re.compile(rf"\s+who\s+(?:{copula})\s+{degrees}(?={complement})", re.IGNORECASE),
        "apposition": re.compile(r",\s+(?=(?:a|an)\s+\w)", re.IGNORECASE),
        "pronoun": re.compile(rf"\b(?:{_alternation(words['pronoun'])})\b", re.IGNORECASE),
    }


# ---------------------------------------------------------------- data


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


# ---------------------------------------------------------------- helpers


class _Spans:
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


def _overlaps(spans: "_Spans", start: int, end: int) -> bool:
    return spans.overlaps(start, end)


def _name_matches(text: str, names: Mapping[str, Any]) -> list[tuple[int, int, str]]:
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


def _strip_possessive(text: str) -> tuple[str, bool]:
    if _POSSESSIVE.search(text):
        return text[:-2], True
    return text, False


def _clause_end(text: str, pos: int, quotes: list[tuple[int, int]]) -> int:
    """End of the clause that starts at ``pos``: the next comma, stop or dash outside quotation marks."""
    i = pos
    while True:
        m = _CLAUSE_END.search(text, i)
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


def _words_before(text: str, pos: int, n: int, floor: int) -> list[re.Match]:
    return list(_WORD.finditer(text, max(floor, pos - 80), pos))[-n:]


def _is_sentence_start(doc: Document, offset: int) -> bool:
    s_start = doc.segments.sentences[doc.segments.sentence_index(offset)][0]
    return not re.search(r"\w", doc.text[s_start:offset])


# ---------------------------------------------------------------- detector


@detector(
    NAME,
    layers=[
        Layer("nomination", "span", (), "a mention that names an actor (label: the actor)"),
        Layer("predication", "span", (), "a span that attributes a quality to an actor (label: the actor)"),
    ],
    groups=["framing"],
    title="Actors: how they are named and what is said of them",
    view="workbench.views.actors",
)
class ActorsDetector:
    """Nominations and predications of actors, with automatic discovery and an optional actor list."""

    def __init__(self, *, actor_list: str | Path | Mapping[str, Any] | None = None, bare_names: bool = False):
        """``actor_list``: a YAML path or a mapping actor -> aliases. By default a bare surname
        repeated after the actor was introduced is not a finding (it is coreference, not a naming
        choice; the seed gold's convention); ``bare_names=True`` reports every bare surname too.
        Bare surnames are found either way: they still tell discovery who is a person, and
        :func:`actor_table` counts them."""
        if actor_list is None:
            self.actor_list: dict[str, list[str]] = {}
        elif isinstance(actor_list, Mapping):
            self.actor_list = _normalise_actor_list(actor_list, source="actor list")
        else:
            self.actor_list = load_actor_list(actor_list)
        self.bare_names = bare_names
        pairs = [(alias, actor) for actor, aliases in self.actor_list.items() for alias in aliases]
        self._alias_actor = {alias.lower(): actor for alias, actor in pairs}
        self._alias_matcher = PhraseMatcher([a for a, _ in pairs]) if pairs else None

    # -------------------------------------------------------- public

    def detect(self, doc: Document) -> Iterator[Finding]:
        mentions = self.nominations(doc)
        # Carried on every finding of the actor, so the actor table can show the bare surnames
        # the default does not report without running the detector again.
        bare = Counter(m.actors[0] for m in mentions if m.form == "surname")
        for m in mentions:
            if not self.bare_names and m.form == "surname":
                continue
            label = "+".join(m.actors)
            yield make_finding(
                doc,
                detector=NAME,
                layer="nomination",
                label=label,
                start=m.start,
                end=m.end,
                cue=m.cue,
                explanation=_NOMINATION_WHY[m.form].format(actor=label, how=_HOW.get(m.resolved_by, m.resolved_by)),
                score=m.score,
                extras={"actor": label, "form": m.form, "resolved_by": m.resolved_by, "bare_name_mentions": bare.get(label, 0)},
            )
        for start, end, actors, pattern in self.predications(doc, mentions):
            label = "+".join(actors)
            yield make_finding(
                doc,
                detector=NAME,
                layer="predication",
                label=label,
                start=start,
                end=end,
                cue=pattern,
                explanation=_PREDICATION_WHY[pattern].format(actor=label),
                score=0.7,
                extras={"actor": label, "pattern": pattern, "bare_name_mentions": bare.get(label, 0)},
            )

    # -------------------------------------------------------- nomination

    def nominations(self, doc: Document) -> list[Mention]:
        """All nominations of the document, sorted by position."""
        text = doc.text
        claimed = _Spans()
        mentions: list[Mention] = []

        def add(m: Mention) -> None:
            if m.end > m.start and not claimed.overlaps(m.start, m.end):
                claimed.add(m.start, m.end)
                mentions.append(m)

        # 1. The user's actor list wins over everything discovered.
        if self._alias_matcher is not None:
            for start, end, alias in self._alias_matcher.finditer(text):
                add(Mention(start, end, (self._alias_actor[alias.lower()],), "alias", alias, "actor list", score=1.0))

        actors = self._discover(doc)
        bindings: list[Binding] = []

        # 2. Full names (with a role title before them) and organisation names, all in one pass
        # (a regex per name over the whole text made documents with many names quadratic).
        full_owner: dict[str, Actor] = {}
        for actor in actors.values():
            for full in sorted(actor.full_names, key=lambda n: (-len(n), n)):
                full_owner.setdefault(full, actor)  # a name two actors share goes to the first, as before
        for start, end, full in _name_matches(text, full_owner):
            actor = full_owner[full]
            title_start, role = self._title_before(doc, start)
            if role is not None and actor.kind == "person":
                cls, mods, nations = role
                bindings.append(Binding(cls, mods, nations, actor.label, start))
                start = title_start
            add(Mention(start, end, (actor.label,), "full_name" if actor.kind == "person" else "org_name", full, "capitalised name", score=0.95))

        # 3. Bare surnames, first names and organisation short forms (with or without 's), in one pass.
        short_owner: dict[str, tuple[Actor, str]] = {}
        for actor in actors.values():
            for short in sorted(actor.short_names, key=lambda n: (-len(n), n)):
                if short not in short_owner:
                    short_owner[short] = (actor, short)
                    short_owner.setdefault(short + "'s", (actor, short))
        for start, end, phrase in _name_matches(text, short_owner):
            actor, short = short_owner[phrase]
            name_end = start + len(short)
            form = "surname" if actor.kind == "person" and short == actor.label else ("first_name" if actor.kind == "person" else "org_name")
            add(Mention(start, name_end, (actor.label,), form, short, "repeated name", possessive=name_end < end, score=0.9))

        # 4. Appositions bind roles to persons: "the chairman, Graham Pellow" / "Luca Ferrante, the Italian striker".
        role_mentions = self._role_mentions(doc, claimed)
        person_mentions = [m for m in mentions if m.form in ("full_name", "surname", "alias") and len(m.actors) == 1]
        person_at = ({m.start: m.actors[0] for m in person_mentions}, {m.end: m.actors[0] for m in person_mentions})
        for rm in role_mentions:
            target = self._apposed(text, rm, person_at)
            if target is not None:
                rm["actor"] = target
                rm["how"] = "apposition"
                bindings.append(Binding(rm["class"], rm["mods"], rm["nations"], target, rm["start"]))

        # 5. Resolve the other role nouns.
        association = self._nation_association(doc, mentions, actors, role_mentions)
        org_by_class: dict[str, list[Actor]] = defaultdict(list)
        for actor in actors.values():
            if actor.kind == "org":
                org_by_class[actor.org_class].append(actor)
        for rm in role_mentions:
            if rm.get("actor") is None:
                self._resolve_role(rm, bindings, association, org_by_class)
            if rm.get("actor") is None:
                continue
            labels = rm["actor"] if isinstance(rm["actor"], tuple) else (rm["actor"],)
            add(Mention(rm["start"], rm["end"], labels, "role", rm["cue"], rm["how"], score=0.8))

        # 6. Group labels.
        for m in self._group_mentions(doc, claimed):
            add(m)

        mentions = [m for m in mentions if not self._used_as_place(doc, m)]
        first = self._first_positions(mentions)
        out = []
        for m in mentions:
            if len(m.actors) > 1:
                m.actors = tuple(sorted(m.actors, key=lambda a: (first.get(a, 1 << 30), a)))
            out.append(m)
        return sorted(out, key=lambda m: (m.start, m.end))

    @staticmethod
    def _used_as_place(doc: Document, m: Mention) -> bool:
        """True when a place-capable name (a country, a bloc label) is used as a location.

        A country or bloc acts as a subject or possessor (``Belarus decided``, ``Belarus's army``,
        ``the West sent aid``); right after a spatial preposition (``in Belarus``, ``across the
        West``) it is where something happens, and after a determiner (``the Belarus border``) it
        classifies another noun. Persons, organisations and role nouns are never filtered:
        ``at St Aldric's Hospital`` still names the hospital whose conduct is in question.
        """
        text = doc.text
        name = text[m.start : m.end]
        bare = name[4:] if name.lower().startswith("the ") else name
        country = m.form == "alias" and bare in _countries()
        if not (country or (m.form == "group" and m.resolved_by == "group lexicon" and _is_bloc(m.cue))):
            return False
        words = _names()
        before = _words_before(text, m.start, 1, doc.segments.sentences[doc.segments.sentence_index(m.start)][0])
        if not before or text[before[-1].end() : m.start].strip():
            return False
        word = before[-1].group()
        if word.lower() in words.get("locative", {}):
            return True
        # "the Belarus border": a bare country name does not take an article unless it is part of the name.
        if country and name == bare and word.lower() in ("the", "a", "an") and " " not in bare and bare not in words.get("article_country", {}):
            return re.match(r"\s+(?!(?:that|which|who|where|of|is|was|has|had|will|would)\b)[a-z]", text[m.end : m.end + 30]) is not None
        return False

    @staticmethod
    def _first_positions(mentions: list[Mention]) -> dict[str, int]:
        first: dict[str, int] = {}
        for m in sorted(mentions, key=lambda m: m.start):
            if len(m.actors) == 1:
                first.setdefault(m.actors[0], m.start)
        return first

    def _discover(self, doc: Document) -> dict[str, Actor]:
        """Persons and organisations named by capitalised sequences."""
        text = doc.text
        names = _names()
        stop = set(names.get("not_name", {}))
        not_name = stop | set(_nations())
        honorific = set(names.get("honorific", {}))
        org_head = names.get("org_head", {})
        place_head = set(names.get("place_head", {}))
        role_info = _role_info()
        speech = _speech_verbs()
        capitalised_words = Counter(m.group() for m in re.finditer(r"(?<![\w-])[A-Z]\w+(?![\w-])", text))
        actors: dict[str, Actor] = {}
        candidates: list[tuple[int, list[str], str]] = []
        for m in _CAP_SEQ.finditer(text):
            tokens = m.group().split()
            offset = m.start()
            # Leading sentence words are not part of a name.
            while tokens and tokens[0] in stop:
                offset = text.index(tokens[1], offset + len(tokens[0])) if len(tokens) > 1 else offset
                tokens = tokens[1:]
            if not tokens:
                continue
            last, possessive = _strip_possessive(tokens[-1])
            tokens = tokens[:-1] + [last]
            if any(t in place_head for t in tokens):
                continue
            if last in org_head and len(tokens) > 1:
                candidates.append((offset, tokens, "org"))
                continue
            # A title inside the sequence (Health Minister Rachel Dunmore, Dr Samuel Achebe) is not part of the name.
            cut = max((k for k, t in enumerate(tokens) if t in honorific or t.lower() in role_info), default=-1)
            if cut >= 0:
                offset = text.index(tokens[cut + 1], offset + len(" ".join(tokens[: cut + 1]))) if cut + 1 < len(tokens) else offset
                tokens = tokens[cut + 1 :]
            if 2 <= len(tokens) <= 4 and all(t not in not_name for t in tokens):
                candidates.append((offset, tokens, "person"))
        # How many candidates end in each word: a surname capitalised more often than that is used alone too.
        candidate_ends = Counter(t[-1] for _, t, _ in candidates)
        for offset, tokens, kind in candidates:
            full = " ".join(tokens)
            if kind == "org":
                label = full
                actor = actors.setdefault(label, Actor(label, "org", offset, org_class=org_head.get(tokens[-1], "")))
                actor.full_names.add(full)
                stem = tokens[:-1]
                if stem and stem[0] not in honorific:
                    actor.short_names.add(" ".join(stem))
                if stem and stem[-1].endswith(("'s", "\u2019s")) and len(stem) >= 2:
                    actor.short_names.add(" ".join(stem))
                if not _role_info().get(tokens[-1].lower()) and tokens[-1] not in {"Council", "Hospital", "Party", "Group", "Company"}:
                    actor.short_names.add(tokens[-1])
                continue
            surname = tokens[-1]
            end = offset + len(full)
            evidence = (
                capitalised_words[surname] > candidate_ends[surname]
                or self._title_before(doc, offset)[1] is not None
                or re.match(r"\s*,\s*(?:the|a|an|his|her)\s", text[end : end + 20]) is not None
                or any(w.lower() in speech for w in _WORD.findall(text[end : end + 25])[:2])
                or any(t in honorific for t in text[max(0, offset - 6) : offset].split())
            )
            if not evidence:
                continue
            label = surname
            listed = self._alias_actor.get(full.lower()) or self._alias_actor.get(surname.lower())
            if listed:
                label = listed
            actor = actors.setdefault(label, Actor(label, "person", offset))
            actor.full_names.add(full)
            actor.short_names.add(surname)
            if len(tokens) >= 2 and tokens[0] not in honorific:
                actor.short_names.add(tokens[0])
        # A first name shared by two people, or equal to another's surname, names nobody in particular.
        firsts = Counter(s for a in actors.values() if a.kind == "person" for s in a.short_names)
        for actor in actors.values():
            actor.short_names = {s for s in actor.short_names if firsts[s] == 1 or actor.kind != "person"}
        return actors

    def _title_before(self, doc: Document, start: int) -> tuple[int, tuple[str, frozenset[str], frozenset[str]] | None]:
        """A role title right before a name (``Council leader`` Margaret Oyelaran); its start and role."""
        text = doc.text
        # Titles are short: look back at most 60 characters on the same line.
        line_start = max(text.rfind("\n", max(0, start - 60), start) + 1, start - 60, 0)
        window = text[line_start:start]
        best = None
        for s, e, cue in _role_matcher().finditer(window):
            if e == len(window.rstrip()) and window[e:].strip() == "" and len(window) - e <= 1:
                best = (s, e, cue)
        if best is None:
            return start, None
        s, e, cue = best
        role_class, kind = _role_info()[cue.lower()]
        if kind != "person":
            return start, None
        # Up to two capitalised or noun modifiers before the title (Health Minister, Council leader).
        mods: list[str] = []
        nations: list[str] = []
        begin = line_start + s
        for w in reversed(_words_before(text, begin, 2, line_start)):
            if text[w.end() : begin].strip():
                break
            word = w.group()
            if word.lower() in DETERMINERS or word.lower() in _INDEFINITE or word in _names().get("not_name", {}):
                break
            if not word[0].isupper():
                break
            if word in _nation_adjectives():
                nations.append(_nation_adjectives()[word])
            else:
                mods.append(word.lower())
            begin = w.start()
        return begin, (role_class, frozenset(mods), frozenset(nations))

    def _role_mentions(self, doc: Document, claimed: _Spans) -> list[dict]:
        """Definite role-noun phrases (``the Russian president``, ``his agent``, ``the club``) not yet claimed."""
        text = doc.text
        out = []
        adjectives = _nation_adjectives()
        countries = _countries()
        for s, e, cue in _role_matcher().finditer(text):
            if _overlaps(claimed, s, e):
                continue
            role_class, kind = _role_info()[cue.lower()]
            matched = text[s:e]
            # "General", "President" etc. in a capitalised sequence before a name are titles (handled with the name).
            if re.match(r"[ \t]+[A-Z]\w+", text[e : e + 60]) and not re.match(r"[ \t]+(?:of|and)\b", text[e : e + 60]) and matched[0].isupper() and not _is_sentence_start(doc, s):
                nxt = re.match(r"[ \t]+([A-Z]\w+)", text[e : e + 60]).group(1)
                if nxt not in _names().get("not_name", {}):
                    continue
            begin, end = s, e
            mods: list[str] = []
            nations: list[str] = []
            det, det_start = None, s
            sent_start = doc.segments.sentences[doc.segments.sentence_index(s)][0]
            collected: list[re.Match] = []
            for w in reversed(_words_before(text, s, 4, sent_start)):
                if text[w.end() : (collected[-1].start() if collected else s)].strip():
                    break
                low = w.group().lower()
                if low in DETERMINERS or low in _INDEFINITE:
                    det, det_start = low, w.start()
                    break
                if _overlaps(claimed, w.start(), w.end()) or (low in _LEFT_STOP and low != "and"):
                    break
                collected.append(w)
            if det is not None:
                # Everything between the determiner and the role noun modifies it.
                begin = det_start
                accepted = collected
            else:
                # Without a determiner only nationality adjectives (Russian and Belarusian rulers)
                # and capitalised title words (Council leader) count.
                accepted = []
                for k, w in enumerate(collected):
                    word = w.group()
                    nxt = collected[k + 1].group() if k + 1 < len(collected) else ""
                    if word in adjectives or (word.lower() == "and" and nxt in adjectives and accepted) or (word[0].isupper() and word.lower() != "and"):
                        accepted.append(w)
                    else:
                        break
                begin = accepted[-1].start() if accepted else s
            for w in accepted:
                word = w.group()
                if word in adjectives:
                    nations.append(adjectives[word])
                elif word.lower() != "and":
                    mods.append(_strip_possessive(word.lower())[0])
            # "the President of Russia", "the leader of the opposition group"
            of = re.match(r"\s+of\s+(?:the\s+)?((?:[\w'\u2019-]+)(?:\s+[\w'\u2019-]+)?)", text[end : end + 80])
            if of:
                head = of.group(1)
                first_word = head.split()[0]
                if first_word in countries:
                    nations.append(countries[first_word])
                    end = end + of.start(1) + len(first_word)
                elif kind == "person" and not _overlaps(claimed, end + of.start(1), end + of.end(1)):
                    phrase_words = [w for w in head.split() if w.lower() not in {"a", "the", "and"}]
                    if phrase_words and all(w[0].islower() for w in phrase_words):
                        mods.extend(w.lower() for w in phrase_words)
                        end = end + of.end(1)
            if det in _INDEFINITE:
                continue  # an indefinite role phrase describes; it does not name (see predications)
            plural = cue.lower().endswith("s") and not cue.lower().endswith("ss")
            if det is None and not nations and not (kind == "person" and mods and text[begin].isupper()):
                continue
            if det is None and kind == "org":
                continue
            if plural and len(nations) < 2 and det is None:
                continue
            out.append(
                dict(start=begin, end=end, cue=cue, kind=kind, det=det, mods=frozenset(mods), nations=frozenset(nations), plural=plural, actor=None, how="", **{"class": role_class})
            )
        out.sort(key=lambda r: (r["start"], -(r["end"] - r["start"])))
        kept: list[dict] = []
        for r in out:
            # Sorted by start, longest first: only the last kept phrase can overlap this one.
            if not kept or r["start"] >= kept[-1]["end"]:
                kept.append(r)
        return kept

    @staticmethod
    def _apposed(text: str, rm: dict, person_at: tuple[dict[int, str], dict[int, str]]) -> str | None:
        """The person a role phrase stands in apposition to (``the chairman, Graham Pellow``), if any."""
        if rm["kind"] != "person" or rm["plural"]:
            return None
        starts, ends = person_at
        after = _COMMA_AFTER.match(text, rm["end"])
        if after and after.end() in starts:
            return starts[after.end()]
        before = re.search(r",\s*$", text[max(0, rm["start"] - 10) : rm["start"]])
        if before:
            return ends.get(max(0, rm["start"] - 10) + before.start())
        return None

    def _resolve_role(self, rm: dict, bindings: list[Binding], association: dict[str, str], org_by_class: dict[str, list[Actor]]) -> None:
        if rm["kind"] == "org":
            if rm["nations"]:
                return
            orgs = org_by_class.get(rm["class"], [])
            if orgs:
                before = [o for o in orgs if o.first < rm["start"]] or orgs
                rm["actor"] = max(before, key=lambda o: o.first).label
                rm["how"] = "organisation head"
            return
        if rm["plural"] and len(rm["nations"]) < 2:
            return  # a plural role noun names a group, not the one person bound to the role
        if len(rm["nations"]) >= 2:
            people = [association.get(n) for n in sorted(rm["nations"])]
            if all(people) and len(set(people)) == len(people):
                rm["actor"] = tuple(people)
                rm["how"] = "nationality"
            return
        compatible = [
            b
            for b in bindings
            if b.role_class == rm["class"] and rm["mods"] <= b.modifiers | {"own", "former", "new"} and (not rm["nations"] or rm["nations"] <= b.nations)
        ]
        if compatible:
            earlier = [b for b in compatible if b.at < rm["start"]]
            chosen = max(earlier, key=lambda b: b.at) if earlier else min(compatible, key=lambda b: b.at)
            rm["actor"] = chosen.actor
            rm["how"] = "role binding"
            return
        if len(rm["nations"]) == 1:
            person = association.get(next(iter(rm["nations"])))
            if person:
                rm["actor"] = person
                rm["how"] = "nationality"

    def _nation_association(self, doc: Document, mentions: list[Mention], actors: dict[str, Actor], role_mentions: list[dict]) -> dict[str, str]:
        """Nation -> the person its role nouns (the Russian president) refer to.

        Evidence for a person: sentences that name the person and the nation. Evidence
        against: a role noun of that nation in a sentence that names the person (a role
        noun rarely refers to someone named beside it: "Putin needs the Belarusian ruler").
        Nations are assigned one-to-one, strongest first; a nation left over goes to the one
        remaining person not excluded, when the others were excluded by that evidence.
        """
        text = doc.text
        seg = doc.segments
        wanted = {n for rm in role_mentions if rm["kind"] == "person" for n in rm["nations"]}
        person_sentences: dict[str, set[int]] = defaultdict(set)
        for m in mentions:
            if len(m.actors) == 1 and actors.get(m.actors[0]) is not None and actors[m.actors[0]].kind == "person":
                person_sentences[m.actors[0]].add(seg.sentence_index(m.start))
        if not wanted or not person_sentences:
            return {}
        lookup = _nations()
        nation_sentences: dict[str, set[int]] = defaultdict(set)
        for s, cue in _nation_words(text):
            country = lookup.get(cue)
            if country in wanted:
                nation_sentences[country].add(seg.sentence_index(s))
        against: dict[tuple[str, str], int] = Counter()
        for rm in role_mentions:
            if rm["kind"] != "person":
                continue
            i = seg.sentence_index(rm["start"])
            for person, sentences in person_sentences.items():
                if i in sentences:
                    for country in rm["nations"]:
                        against[(country, person)] += 1
        scores = []
        for country in sorted(wanted):
            for person in sorted(person_sentences):
                together = len(nation_sentences[country] & person_sentences[person])
                scores.append((together - 3 * against[(country, person)], country, person))
        out: dict[str, str] = {}
        taken: set[str] = set()
        for score, country, person in sorted(scores, key=lambda t: (-t[0], t[1], t[2])):
            if score > 0 and country not in out and person not in taken:
                out[country] = person
                taken.add(person)
        for country in sorted(wanted - set(out)):
            excluded = {p for p in person_sentences if against[(country, p)] > 0}
            left = [p for p in sorted(person_sentences) if p not in taken and p not in excluded]
            if excluded and len(left) == 1:
                out[country] = left[0]
                taken.add(left[0])
        return out

    def _group_mentions(self, doc: Document, claimed: _Spans) -> Iterator[Mention]:
        text = doc.text
        adjectives = _nation_adjectives()
        labels = _group_label("bloc")
        found = _group_matchers().finditer_all(text)
        for s, e, cue in found["bloc"]:
            # Capitalised cue words (the West) must be capitalised in the text: "the west of the city" is a place.
            if any(a[0].isupper() and not b[0].isupper() for a, b in zip(cue.split(), text[s:e].split())):
                continue
            yield Mention(s, e, (labels[cue.lower()],), "group", cue, "group lexicon", score=0.8)
        for s, e, cue in found["national"]:
            before = _words_before(text, s, 2, 0)
            if not before or text[before[-1].end() : s].strip() or before[-1].group() not in adjectives:
                continue
            start = before[-1].start()
            if len(before) == 2 and before[0].group().lower() in {"the"} and not text[before[0].end() : start].strip():
                start = before[0].start()
            yield Mention(start, e, (adjectives[before[-1].group()],), "nation_group", cue, "nationality adjective", score=0.75)
        labels = _group_label("social")
        for s, e, cue in found["social"]:
            before = _words_before(text, s, 1, 0)
            if before and not text[before[-1].end() : s].strip():
                word = before[-1].group()
                # "his own citizens", "our patients": relational, like a pronoun.
                if word.lower() in _POSSESSIVE_DETS or word.lower() == "own" or word in adjectives:
                    continue
            yield Mention(s, e, (labels[cue.lower()],), "group", cue, "group lexicon", score=0.7)

    # -------------------------------------------------------- predication

    def predications(self, doc: Document, mentions: list[Mention]) -> list[tuple[int, int, tuple[str, ...], str]]:
        """Spans attributing a quality or act to an actor: (start, end, actors, pattern)."""
        text = doc.text
        rx = _predicate_regexes()
        quotes = [(q.start, q.end) for q in doc.segments.quotes]
        first = self._first_positions(mentions)
        subjects: list[tuple[int, int, tuple[str, ...], bool]] = [(m.start, m.end, m.actors, m.possessive) for m in mentions]
        pronouns = self._pronoun_subjects(doc, mentions)
        pronoun_starts = {p[0] for p in pronouns}
        subjects.extend(pronouns)
        subjects.sort()
        out: list[tuple[int, int, tuple[str, ...], str]] = []
        used = _Spans()

        def emit(start: int, end: int, actors: tuple[str, ...], pattern: str) -> None:
            if end > start and not used.overlaps(start, end):
                used.add(start, end)
                out.append((start, end, tuple(sorted(set(actors), key=lambda a: (first.get(a, 1 << 30), a))), pattern))

        for i, (start, end, actors, possessive) in enumerate(subjects):
            if possessive:
                continue
            subj_start, subj_end, subj_actors = start, end, actors
            # Coordinated subject: "(Both) X and Y are ..."
            nxt = subjects[i + 1] if i + 1 < len(subjects) else None
            if nxt is not None and re.fullmatch(r"\s+and\s+", text[end : nxt[0]]) and not nxt[3]:
                subj_end, subj_actors = nxt[1], actors + nxt[2]
                both = re.search(r"\b(?:both|neither|either)\s+$", text[max(0, start - 10) : start], re.IGNORECASE)
                if both:
                    subj_start = start - (len(text[max(0, start - 10) : start]) - both.start())
            elif i > 0 and re.fullmatch(r"\s+and\s+", text[subjects[i - 1][1] : start]):
                continue  # second half of a coordinated subject
            after = text[subj_end : subj_end + 300]  # a predicate starts within a few words of its subject
            if re.match(r"['\u2019]s\b", after) and subj_start not in pronoun_starts:
                continue  # a possessive (Lukashenko's army) is not a subject
            prev = _words_before(text, subj_start, 1, 0)
            if prev and prev[-1].group().lower() in _PREPOSITIONS and not text[prev[-1].end() : subj_start].strip():
                continue  # talks between X and Y were held: X is not the subject
            m = rx["copular_contracted" if subj_start in pronoun_starts else "copular"].match(after)
            if m:
                emit(subj_start, _clause_end(text, subj_end + m.end(), quotes), subj_actors, "copular")
                continue
            m = rx["cleft_after"].match(after)
            if m:
                cleft = rx["cleft_before"].search(text[max(0, subj_start - 30) : subj_start])
                if cleft:
                    begin = max(0, subj_start - 30) + cleft.start()
                    emit(begin, _clause_end(text, subj_end + m.end(), quotes), subj_actors, "cleft")
                    continue
            m = rx["act"].match(after)
            if m:
                emit(subj_start, _clause_end(text, subj_end + m.end(), quotes), subj_actors, "act")
                continue
            before = rx["naming_before"].search(text[max(0, subj_start - 20) : subj_start])
            m = rx["naming_after"].match(after)
            if before and m:
                begin = max(0, subj_start - 20) + before.start()
                emit(begin, _clause_end(text, subj_end + m.end(), quotes), subj_actors, "naming")
                continue
            m = rx["apposition"].match(after)
            if m and len(subj_actors) == 1:
                begin = subj_end + m.end()
                emit(begin, _clause_end(text, begin, quotes), subj_actors, "apposition")
        return sorted(out)

    def _pronoun_subjects(self, doc: Document, mentions: list[Mention]) -> list[tuple[int, int, tuple[str, ...], bool]]:
        """he/she resolved to the last person named earlier in the sentence, else the first (subject)
        person named in one of the two sentences before."""
        text = doc.text
        seg = doc.segments
        singles = [m for m in mentions if len(m.actors) == 1 and m.form in ("full_name", "surname", "first_name", "role", "alias")]
        by_sentence: dict[int, list[Mention]] = defaultdict(list)
        for m in singles:
            by_sentence[seg.sentence_index(m.start)].append(m)
        out = []
        for p in _predicate_regexes()["pronoun"].finditer(text):
            i = seg.sentence_index(p.start())
            same = [m for m in by_sentence.get(i, []) if m.end <= p.start()]
            target = None
            if same:
                target = same[-1]
            else:
                for j in (i - 1, i - 2):
                    subjects = [m for m in by_sentence.get(j, []) if not m.possessive]
                    if subjects:
                        target = subjects[0]
                        break
            if target is not None:
                out.append((p.start(), p.end(), target.actors, False))
        return out


_NOMINATION_WHY = {
    "alias": "Alias of {actor} from the user's actor list.",
    "full_name": "Proper name of {actor} (capitalised name with evidence of a person).",
    "org_name": "Name of the organisation {actor}.",
    "surname": "Bare name of {actor}, named in full elsewhere in the text.",
    "first_name": "First name of {actor}, named in full elsewhere in the text.",
    "role": "Role noun naming {actor}, resolved by {how}.",
    "group": "Group label naming the collective actor {actor}.",
    "nation_group": "Nationality adjective and group noun naming {actor} as a collective actor.",
}
_HOW = {
    "apposition": "apposition to the name",
    "role binding": "an earlier apposition or title with the same role",
    "nationality": "the person most associated with that nation in the text",
    "organisation head": "the organisation named earlier with that kind of name",
}
_PREDICATION_WHY = {
    "copular": "Copular clause attributing a quality to {actor}.",
    "cleft": "Cleft sentence singling out {actor} for a quality.",
    "act": "Clause attributing an act or loss of its own attribute to {actor}.",
    "naming": "Naming verb attributing a label to {actor}.",
    "apposition": "Indefinite apposition describing {actor}.",
}
