"""The actors detector's data: the user's actor list, the ``actors_*.tsv`` lexicons and the
rule word lists of ``actors_rules.yaml``, each loaded once per process."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import pandas as pd

from workbench.errors import InputError
from workbench.lexicons import load_lexicon, load_wordlists
from workbench.matching import MatcherSet, PhraseMatcher
from workbench.segment import WORD as SEGMENT_WORD

RULES_LEXICON = "actors_rules"


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
    return normalise_actor_list(data, source=str(path))


def normalise_actor_list(data: Any, *, source: str) -> dict[str, list[str]]:
    """An actor list given as data: actor -> list of aliases (the actor's own name first)."""
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


# ---------------------------------------------------------------- rule word lists

_LISTS = load_wordlists(RULES_LEXICON)


def word_list(name: str) -> frozenset[str]:
    """One list of ``actors_rules.yaml`` (its reason is in the file)."""
    return _LISTS[name]


def literal_alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` matched as written (a space matches one space), longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first; a space matches any whitespace and an
    apostrophe either apostrophe."""
    parts = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(p).replace("'", "['\u2019]") for p in w.split()) for w in parts)


DETERMINERS = word_list("determiners")
INDEFINITE = word_list("indefinite_articles")
RELATIONAL_BEFORE_GROUP = word_list("relational_before_group")
LEFT_STOP = word_list("left_stop")
PREPOSITIONS = word_list("prepositions")
PLACE_ARTICLES = word_list("place_articles")
GENERIC_ORG_HEADS = word_list("generic_org_heads")
OF_PHRASE_SKIP = word_list("of_phrase_skip")
BINDING_FREE_MODIFIERS = word_list("binding_free_modifiers")
GROUP_ARTICLES = word_list("group_articles")

WORD = SEGMENT_WORD
# A capitalised sequence, running on over lower-case name particles (Ursula von der Leyen).
CAP_SEQ = re.compile(
    r"[A-Z][\w]*(?:[-'\u2019.][\w]+)*(?:[ \t]+(?:[A-Z][\w]*(?:[-'\u2019.][\w]+)*|(?:"
    + literal_alternation(word_list("name_particles"))
    + r")(?=[ \t]+[A-Z])))*"
)
POSSESSIVE = re.compile(r"['\u2019]s$")
COMMA_AFTER = re.compile(r"\s*,\s*")
CLAUSE_END = re.compile(
    r"[,.;:!?\n\u2014\u2013]|\s-\s|\s(?:"
    + literal_alternation(word_list("clause_conjunctions"))
    + r")\s+(?:"
    + literal_alternation(word_list("subject_pronouns"))
    + r")\b"
)
# Evidence that a capitalised sequence is a person: an apposition after it (", the chairman").
APPOSITION_AFTER_NAME = re.compile(r"\s*,\s*(?:" + literal_alternation(word_list("apposition_determiners")) + r")\s")
# "the Belarus border": a lower-case word after the name that it modifies.
MODIFIED_NOUN_AFTER = re.compile(r"\s+(?!(?:" + literal_alternation(word_list("head_markers_after_name")) + r")\b)[a-z]")
TITLE_CONNECTOR_AFTER = re.compile(r"[ \t]+(?:" + literal_alternation(word_list("title_connectors")) + r")\b")
COORDINATION_BEFORE = re.compile(r"\b(?:" + literal_alternation(word_list("coordination_quantifiers")) + r")\s+$", re.IGNORECASE)


# ---------------------------------------------------------------- lexicons


@lru_cache(maxsize=1)
def names() -> dict[str, dict[str, str]]:
    """Class of name word (not_name, honorific, org_head, place_head, locative, ...) -> word -> subclass."""
    frame = load_lexicon("actors_names")
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for cue, label, cls in zip(frame["cue"], frame["label"], frame["class"]):
        out[label][cue] = cls
    return dict(out)


@lru_cache(maxsize=1)
def nations() -> dict[str, str]:
    """Country name, nationality adjective or demonym -> country."""
    frame = load_lexicon("actors_nations")
    return dict(zip(frame["cue"], frame["label"]))


_CAPITALISED = re.compile(r"(?<![\w-])[A-Z]\w+(?:[ \t]+[A-Z]\w+)?")


def nation_words(text: str) -> Iterator[tuple[int, str]]:
    """(offset, entry) for each nation name, adjective or demonym, case-sensitive ("turkey" the bird is no nation)."""
    lookup = nations()
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
def nation_adjectives() -> dict[str, str]:
    frame = load_lexicon("actors_nations")
    rows = frame[frame["type"] == "adjective"]
    return dict(zip(rows["cue"], rows["label"]))


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    frame = load_lexicon("actors_nations")
    rows = frame[frame["type"] == "country"]
    return dict(zip(rows["cue"], rows["label"]))


@lru_cache(maxsize=1)
def _roles() -> pd.DataFrame:
    return load_lexicon("actors_roles")


@lru_cache(maxsize=1)
def role_matcher() -> PhraseMatcher:
    return PhraseMatcher(_roles()["cue"])


@lru_cache(maxsize=1)
def role_info() -> dict[str, tuple[str, str]]:
    """Role noun (lower case) -> (role class, kind person|org)."""
    frame = _roles()
    return {cue.lower(): (label, kind) for cue, label, kind in zip(frame["cue"], frame["label"], frame["type"])}


@lru_cache(maxsize=1)
def _groups() -> pd.DataFrame:
    return load_lexicon("actors_groups")


@lru_cache(maxsize=1)
def group_matchers() -> MatcherSet:
    """The three kinds of group label, matched in one scan of a document."""
    return MatcherSet({kind: _group_matcher(kind) for kind in ("bloc", "national", "social")})


@lru_cache(maxsize=None)
def _group_matcher(kind: str) -> PhraseMatcher:
    frame = _groups()
    return PhraseMatcher(frame.loc[frame["type"] == kind, "cue"])


@lru_cache(maxsize=None)
def group_label(kind: str) -> dict[str, str]:
    frame = _groups()
    rows = frame[frame["type"] == kind]
    return {c.lower(): l for c, l in zip(rows["cue"], rows["label"])}


def is_bloc(cue: str) -> bool:
    return cue.lower() in group_label("bloc")


@lru_cache(maxsize=1)
def predication_words() -> dict[str, list[str]]:
    frame = load_lexicon("actors_predication")
    return {label: list(rows["cue"]) for label, rows in frame.groupby("label")}


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    frame = load_lexicon("distancing")
    return frozenset(frame.loc[frame["type"] == "speech_verb", "cue"].str.lower())
