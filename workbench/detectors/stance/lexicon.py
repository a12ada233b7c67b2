"""The stance detector's data: the cue lexicon compiled into matchers, and the rules' word lists.

The cue inventory is data (``workbench/lexicons/stance.tsv``): every row names a cue, its
label, its type and the context ``rule`` that decides whether a match is used in its stance
sense; the function words the rules read around a cue are lists in
``workbench/lexicons/stance_rules.yaml``. Nothing here reads other files or keeps state
between documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from workbench.lexicons import load_lexicon, load_wordlists
from workbench.matching import MatcherSet, PhraseMatcher

LEXICON = "stance"
RULES_LEXICON = "stance_rules"
# Rules whose rows are word lists used by other rules, not cues matched on their own.
LIST_RULES = frozenset({"source_head", "according_head", "research_head", "disabled"})
SCAN_RULES = frozenset({"source_scan", "according_to"})


def word_lists() -> dict[str, frozenset[str]]:
    """The rules' word lists from ``workbench/lexicons/stance_rules.yaml`` (each with its reason there)."""
    return load_wordlists(RULES_LEXICON)


_LISTS = word_lists()
NEGATORS = _LISTS["negators"]
WEAKENERS = _LISTS["weakeners"]
EPISTEMIC_ONLY = _LISTS["epistemic_only"]
DEGREE_WORDS = _LISTS["degree_words"]
NOT_ADJECTIVES = _LISTS["not_adjectives"]
NEGATIVE_SUBJECTS = _LISTS["negative_subjects"]
BE_FORMS = tuple(sorted(_LISTS["be_forms"]))
LINKING = frozenset({*BE_FORMS, *_LISTS["linking"]})
DETERMINERS = _LISTS["determiners"]
NUMBER_WORDS = _LISTS["number_words"]
CURRENCY = _LISTS["currency"]
MIGHT_NOUN_BEFORE = _LISTS["might_noun_before"]
CONDITIONAL = _LISTS["conditional"]
CLAUSE_PUNCT = _LISTS["clause_punct"]
NOT_SUPERLATIVE = _LISTS["not_superlative"]
APPEAR_NEXT = _LISTS["appear_next"]
COMPLEMENT_WORDS = _LISTS["complement_words"]
RESEARCH_VERBS = _LISTS["research_verbs"]
FINDING_OPENERS = _LISTS["finding_openers"]
POSTPOSED_NEXT = _LISTS["postposed_next"]
INVERTED_VERBS = _LISTS["inverted_verbs"]
CALENDAR = _LISTS["calendar"]
SAY_VERBS = _LISTS["say_verbs"]
OBJECT_AFTER_TELL = _LISTS["object_after_tell"]
AUXILIARIES = _LISTS["auxiliaries"]
NP_BOUNDARY = _LISTS["np_boundary"]
PREPOSITIONS = _LISTS["prepositions"]
NOT_A_SOURCE = _LISTS["not_a_source"]
NOT_A_SPEAKER = _LISTS["not_a_speaker"]
EPISTEMIC_SUBJECTS = _LISTS["epistemic_subjects"]
RELATIVES = _LISTS["relatives"]
VAGUE_DETERMINERS = _LISTS["vague_determiners"]
UNIT_WORDS = _LISTS["unit_words"]
SOURCE_DETERMINERS = _LISTS["source_determiners"]
PRO_COMPLEMENTS = _LISTS["pro_complements"]
PRO_FOLLOWERS = _LISTS["pro_followers"]
TIME_WORDS = _LISTS["time_words"]
TOPIC_BEFORE_ABOUT = _LISTS["topic_before_about"]
PHYSICAL_TOO = _LISTS["physical_too"]
CLAUSE_NEGATORS = _LISTS["clause_negators"]
MIGHT_NOUN_AFTER = _LISTS["might_noun_after"]
INABILITY_AFTER_COULD = _LISTS["inability_after_could"]
KNOWN_REFERENT_BEFORE = _LISTS["known_referent_before"]
KIND_NOUNS = _LISTS["kind_nouns"]
NOT_QUANTIFIER_CERTAIN_NEXT = _LISTS["not_quantifier_certain_next"]
NOT_MAJORITY_BEFORE = _LISTS["not_majority_before"]
SUPERLATIVE_MOST_STOP = _LISTS["superlative_most_stop"]
SUPERLATIVE_WORDS = _LISTS["superlative_words"]
NEGATION_GAP = _LISTS["negation_gap"]
NOT_REPORTING_BEFORE = _LISTS["not_reporting_before"]
TELL_VERBS = _LISTS["tell_verbs"]
SPEAKER_ARTICLES = _LISTS["speaker_articles"]
ARTICLES = _LISTS["articles"]
INDEFINITE_ARTICLES = _LISTS["indefinite_articles"]
COUNT_ARTICLES = _LISTS["count_articles"]
SOURCE_PHRASE_END = _LISTS["source_phrase_end"]
IMPERSONAL_APPEAR_BEFORE = _LISTS["impersonal_appear_before"]
LY_ADJECTIVES = _LISTS["ly_adjectives"]
CLAIM_OPENERS = _LISTS["claim_openers"]
SUBJECT_PRONOUNS = _LISTS["subject_pronouns"]
FIRST_PERSON = _LISTS["first_person"]
INABILITY_MODALS = _LISTS["inability_modals"]
INSERTION_OPENERS = _LISTS["insertion_openers"]
ABBREVIATIONS = _LISTS["abbreviations"]
NOT_REPORTS = _LISTS["not_reports"]
COORDINATORS = _LISTS["coordinators"]
PERSON_TITLES = _LISTS["person_titles"]
ORGANISATION_HEADS = _LISTS["organisation_heads"]
DOCUMENT_HEADS = _LISTS["document_heads"]
COLON_QUOTE_MARKS = _LISTS["colon_quote_marks"]
BELIEF_VERBS = _LISTS["belief_verbs"]
HYPOTHETICAL = _LISTS["hypothetical"]
NOT_NOUN_OPENERS = _LISTS["not_noun_openers"]
WHETHER_VERBS = _LISTS["whether_verbs"]
NOT_CONDITIONAL_AFTER = _LISTS["not_conditional_after"]
NOT_CONDITIONAL_BEFORE = _LISTS["not_conditional_before"]
QUOTES = "\"\u201c\u201d\u00ab\u00bb\u201e"
TYPE_NAMES = {
    "epistemic_modal": "epistemic modal",
    "epistemic_verb": "epistemic verb",
    "adverb": "hedging adverb",
    "adjective": "epistemic adjective",
    "approximator": "approximator",
    "shield": "shield",
    "peacock": "peacock term (unsourced praise or fame)",
    "weasel": "weasel (vague source or quantity)",
    "booster": "booster",
    "attribution": "attribution",
}


CONVENTIONS = ("conll", "semantic")
# Semantic-uncertainty classes of Szarvas et al. (2012); a hedge row without one ("-") is a
# discourse-level cue (weasel, peacock, vague quantity or frequency) that only the CoNLL-2010
# convention reports.
SEMANTIC_CLASSES = ("epistemic", "doxastic", "investigation", "conditional")


@dataclass(frozen=True)
class Entry:
    cue: str
    label: str
    type: str
    rule: str
    note: str
    semantic: str = "-"


@dataclass
class Cue:
    """A cue that passed its context rule: span, label, type and the rule that decided."""

    start: int
    end: int
    label: str
    type: str
    cue: str
    rule: str
    reason: str
    extras: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Lexicon:
    entries: dict[str, tuple[Entry, ...]]
    lists: dict[str, frozenset[str]]
    # "cue" (stance cues) and "scan" (reporting verbs), matched in one scan of a document.
    matchers: MatcherSet


def _expand(cue: str) -> list[str]:
    """``{be}`` stands for every form of *be*, so one row covers is/are/was/were/be/been/being."""
    if "{be}" not in cue:
        return [cue]
    return [cue.replace("{be}", form) for form in BE_FORMS]


@lru_cache(maxsize=len(CONVENTIONS))
def lexicon(convention: str = "conll") -> Lexicon:
    """The stance lexicon compiled into two matchers (cues, reporting verbs) and word lists.

    Only the rows whose ``conventions`` column names ``convention`` are matched, so a cue of
    one convention never wins an overlap in the other.
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown convention {convention!r}; one of {', '.join(CONVENTIONS)}")
    frame = load_lexicon(LEXICON)
    entries: dict[str, list[Entry]] = {}
    lists: dict[str, set[str]] = {}
    cue_phrases: list[str] = []
    scan_phrases: list[str] = []
    for row in frame.itertuples(index=False):
        rule = row.rule.strip()
        if rule in LIST_RULES - {"disabled"}:
            lists.setdefault(f"{rule}:{row.label}", set()).add(row.cue.lower())
            continue
        if rule == "disabled":
            lists.setdefault("disabled", set()).add(row.cue.lower())
            continue
        if convention not in row.conventions.split():
            continue
        for phrase in _expand(row.cue):
            key = ("scan:" if rule in SCAN_RULES else "cue:") + phrase.lower()
            entries.setdefault(key, []).append(Entry(phrase, row.label, row.type, rule, row.note, row.semantic))
            (scan_phrases if rule in SCAN_RULES else cue_phrases).append(phrase)
    return Lexicon(
        entries={k: tuple(v) for k, v in entries.items()},
        lists={k: frozenset(v) for k, v in lists.items()},
        matchers=MatcherSet({"cue": PhraseMatcher(cue_phrases), "scan": PhraseMatcher(scan_phrases)}),
    )

