"""The loaded detector's data: the typed lexicon (``loaded.tsv``), the span and context rules
(``loaded_rules.yaml``), VADER valences (``vader.tsv``) and the people nouns shared with the
actors lexicons. Everything is loaded once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from workbench.lexicons import LexiconError, load_lexicon, load_wordlists
from workbench.matching import MatcherSet, PhraseMatcher

LABEL = "loaded_language"
LEXICON = "loaded"
RULES_LEXICON = "loaded_rules"
VADER_LEXICON = "vader"
TYPES = (
    "pejorative_label",
    "glorifying_label",
    "emotive_verb",
    "emotive_adjective",
    "emotive_noun",
    "intensifier",
    "metaphor",
    "superlative",
)
LABEL_TYPES = ("pejorative_label", "glorifying_label")
POS = ("adj", "adj_state", "noun", "label", "accusation", "verb", "verb_bare", "intensifier", "degree", "mwe", "noun_modified", "ironic", "superlative", "block")
POLARITIES = ("negative", "positive")
# What each part of speech is to the context rules: a nominal or modifier entry can classify a
# legal noun (a fraud inquiry) and so be neutral there; the others never are.
POS_FAMILY = {
    "adj": "modifier",
    "adj_state": "modifier",
    "noun": "nominal",
    "label": "nominal",
    "noun_modified": "nominal",
    "accusation": "nominal",
    "verb": "verb",
    "verb_bare": "verb",
    "intensifier": "degree",
    "degree": "degree",
    "ironic": "praise",
    "superlative": "praise",
    "mwe": "phrase",
    "pattern": "phrase",
    "block": "block",
}
# A VADER valence at least this strong (scale -4..4) makes a word charged where a rule asks for
# one (after a degree word, before a person noun, in a superlative): "moderately" valenced and up
# in VADER's rating instructions; chosen before measuring, not fitted.
STRONG_VALENCE = 2.0


@dataclass(frozen=True)
class Entry:
    """One lexicon entry (or a rule acting like one): the cue, its type, span rule and polarity."""

    cue: str
    type: str
    pos: str
    polarity: str
    rule: str = ""  # for pattern rules: the rule id


@dataclass(frozen=True)
class Pattern:
    """A pattern rule of loaded_rules.yaml: tried only in sentences that hold one of ``requires``
    (words; a trailing ``*`` matches any ending); with ``people_before`` a people noun must stand
    that many words or fewer before the match; with ``cue_is_span`` the finding is the ``cue``
    group alone (the label after a naming verb), not the whole match."""

    id: str
    category: str
    regex: re.Pattern
    requires: tuple[str, ...]
    people_before: int
    cue_is_span: bool = False


@lru_cache(maxsize=None)
def lexicon() -> tuple[PhraseMatcher, dict[str, Entry]]:
    """The lexicon's phrase matcher and its entries by cue; type, pos and polarity are checked."""
    frame = load_lexicon(LEXICON)
    entries: dict[str, Entry] = {}
    for number, row in enumerate(frame.itertuples(index=False), start=2):
        where = f"{LEXICON}.tsv, line {number} ({row.cue!r})"
        if row.pos not in POS:
            raise LexiconError(f"{where}: pos {row.pos!r}; valid: {', '.join(POS)}")
        if row.pos != "block" and row.type not in TYPES:
            raise LexiconError(f"{where}: type {row.type!r}; valid: {', '.join(TYPES)}")
        if row.polarity not in POLARITIES:
            raise LexiconError(f"{where}: polarity {row.polarity!r}; valid: {', '.join(POLARITIES)}")
        entries[row.cue] = Entry(row.cue, row.type, row.pos, row.polarity)
    return PhraseMatcher(entries), entries


@lru_cache(maxsize=None)
def matchers() -> MatcherSet:
    """The lexicon and the patterns' trigger words, matched in one scan of a document."""
    return MatcherSet({"lexicon": lexicon()[0], "triggers": rules()["triggers"][0]})


@lru_cache(maxsize=None)
def charged_words() -> dict[str, Entry]:
    """Single-word entries by lower-case word (blockers and degree words excluded): the words
    that count as charged where a rule asks for a charged word."""
    _, entries = lexicon()
    return {cue.lower(): e for cue, e in entries.items() if " " not in cue and e.pos not in ("block", "degree")}


@lru_cache(maxsize=None)
def vader() -> dict[str, float]:
    """VADER valence by word (``lexicons/vader.tsv``, MIT; see vader.LICENSE.txt)."""
    frame = load_lexicon(VADER_LEXICON)
    return {cue: float(value) for cue, value in zip(frame["cue"], frame["valence"])}


@lru_cache(maxsize=None)
def rules() -> dict[str, Any]:
    """Word lists and compiled patterns of ``lexicons/loaded_rules.yaml``."""
    lists = load_wordlists(RULES_LEXICON)
    people = sorted(people_nouns(), key=lambda w: (-len(w), w))
    people_rx = "(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in people) + ")"
    suffixes = sorted(lists["national_suffixes"], key=lambda w: (-len(w), w))
    patterns = []
    for item in lists.patterns:
        source = item["regex"].replace("{people}", people_rx)
        requires = tuple(item.get("requires") or ())
        patterns.append(Pattern(item["id"], item["category"], re.compile(source, re.IGNORECASE), requires, int(item.get("people_before", 0)), item.get("span") == "cue"))
    out: dict[str, Any] = {name: frozenset(w.lower() for w in words) for name, words in lists.items()}
    out["patterns"] = tuple(patterns)
    triggers: dict[str, list[int]] = {}
    for index, pattern in enumerate(patterns):
        for word in pattern.requires:
            triggers.setdefault(word, []).append(index)
    out["triggers"] = (PhraseMatcher(triggers), {word: tuple(owners) for word, owners in triggers.items()})
    out["national"] = re.compile(r"[A-Z][a-z]+(?:" + "|".join(suffixes) + r")\Z")
    return out


@lru_cache(maxsize=None)
def people_nouns() -> frozenset[str]:
    """Nouns naming people: the person roles and group nouns of the actors lexicons and the
    rules' own list (lower case)."""
    lists = load_wordlists(RULES_LEXICON)
    roles = load_lexicon("actors_roles")
    groups = load_lexicon("actors_groups")
    words = set(w.lower() for w in lists["people_nouns"])
    words |= {c.lower() for c, kind in zip(roles["cue"], roles["type"]) if kind == "person"}
    words |= {c.lower() for c, kind in zip(groups["cue"], groups["type"]) if kind in ("social", "national")}
    # Singular and plural of one-word nouns (landlord, landlords): the lists hold either form.
    inflected = {w[:-1] for w in words if w.endswith("s") and not w.endswith("ss") and " " not in w}
    inflected |= {w + "s" for w in words if not w.endswith("s") and " " not in w}
    return frozenset(words | inflected)


@lru_cache(maxsize=None)
def name_heads() -> frozenset[str]:
    """Capitalised words that end a place or organisation name (Street, Square, Council, Hospital):
    a lexicon word right before one is part of the name (Coward Street)."""
    frame = load_lexicon("actors_names")
    return frozenset(frame.loc[frame["label"].isin(["place_head", "org_head"]), "cue"])


@lru_cache(maxsize=None)
def speech_verbs() -> frozenset[str]:
    """Reporting verbs (the distancing lexicon's ``speech_verb`` rows)."""
    frame = load_lexicon("distancing")
    return frozenset(frame.loc[frame["type"] == "speech_verb", "cue"].str.lower())


_BASE_RULES = ((re.compile(r"(\w)\1(?:er|est)\Z"), r"\1"), (re.compile(r"ier\Z|iest\Z"), "y"), (re.compile(r"(?:er|est)\Z"), ""), (re.compile(r"(?:r|st)\Z"), ""))


def base_forms(word: str) -> list[str]:
    """The word and the bases a comparative or superlative may come from (prouder -> proud,
    finest -> fine, hottest -> hot, angriest -> angry)."""
    low = word.lower()
    out = [low]
    if low.endswith(("er", "est")):
        for rx, repl in _BASE_RULES:
            base = rx.sub(repl, low)
            if base != low and len(base) >= 3:
                out.append(base)
    return out


def valence(word: str) -> float:
    """VADER valence of a word or of its comparative base (0.0 when unrated or a report word)."""
    skip = rules()["vader_skip"]
    table = vader()
    for form in base_forms(word):
        if form in skip:
            return 0.0
        if form in table:
            return table[form]
    return 0.0


def charged_entry(word: str) -> Entry | None:
    """The single-word lexicon entry of a word (lower case), if any."""
    return charged_words().get(word.lower())


def charged(word: str) -> Entry | None:
    """The entry a word is charged by: its own lexicon entry (or its comparative base's), or a
    strong VADER valence (an entry of type emotive_adjective made on the fly)."""
    words = charged_words()
    for form in base_forms(word):
        if form in words:
            return words[form]
    v = valence(word)
    if abs(v) >= STRONG_VALENCE:
        return Entry(word.lower(), "emotive_adjective", "adj", "positive" if v > 0 else "negative", rule="vader")
    return None
