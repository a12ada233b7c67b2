"""Cue matching and context rules of the stance detector (hedges, boosters, attributions).

The cue inventory is data (``workbench/lexicons/stance.tsv``): every row names a cue, its
label, its type and the context ``rule`` that decides whether a match is used in its stance
sense; the function words the rules read around a cue are lists in
``workbench/lexicons/stance_rules.yaml``. This module turns matches into :class:`Cue` records; it
reads no other files and keeps no state between documents.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Callable


from workbench.corpus import Document
from workbench.lexicons import load_lexicon, load_wordlists
from workbench.matching import MatcherSet, PhraseMatcher

LEXICON = "stance"
RULES_LEXICON = "stance_rules"
# Rules whose rows are word lists used by other rules, not cues matched on their own.
LIST_RULES = frozenset({"source_head", "according_head", "research_head", "disabled"})
SCAN_RULES = frozenset({"source_scan", "according_to"})
_BE = ("is", "are", "was", "were", "be", "been", "being")

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
LINKING = frozenset({*_BE, *_LISTS["linking"]})
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
QUOTES = "\"\u201c\u201d\u00ab\u00bb\u201e"
_QUOTE_MARK = re.compile(f"[{QUOTES}]")
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


@dataclass(frozen=True)
class Entry:
    cue: str
    label: str
    type: str
    rule: str
    note: str


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
    return [cue.replace("{be}", form) for form in _BE]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The stance lexicon compiled into two matchers (cues, reporting verbs) and word lists."""
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
        for phrase in _expand(row.cue):
            key = ("scan:" if rule in SCAN_RULES else "cue:") + phrase.lower()
            entries.setdefault(key, []).append(Entry(phrase, row.label, row.type, rule, row.note))
            (scan_phrases if rule in SCAN_RULES else cue_phrases).append(phrase)
    return Lexicon(
        entries={k: tuple(v) for k, v in entries.items()},
        lists={k: frozenset(v) for k, v in lists.items()},
        matchers=MatcherSet({"cue": PhraseMatcher(cue_phrases), "scan": PhraseMatcher(scan_phrases)}),
    )


# --------------------------------------------------------------------------- context


class Context:
    """Token view of one document used by the rules: words around a span within its sentence."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        seg = doc.segments
        self.seg = seg
        self.tokens = list(seg.tokens)
        self.starts = [s for s, _ in self.tokens]
        # The insides of quotation pairs (without the marks), from the segmentation's one quote finder.
        self.quotes = [(q.start + 1, q.end - 1) for q in seg.quotes]
        # Regions are paired within a paragraph, so they are sorted and disjoint: bisect finds one.
        self.quote_starts = [qs for qs, _ in self.quotes]
        self.paragraph_starts = [ps for ps, _ in seg.paragraphs]
        self._reporting_outside: dict[int, bool] = {}
        self.matches = lexicon().matchers.finditer_all(doc.text)

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        return self.seg.sentences[self.seg.sentence_index(offset)] if self.seg.sentences else (0, len(self.text))

    def before(self, start: int, n: int = 3) -> list[tuple[int, int]]:
        """Up to ``n`` token spans before ``start`` in the same sentence, nearest last."""
        lo, _ = self.sentence_bounds(start)
        i = bisect.bisect_left(self.starts, start)
        out = []
        j = i - 1
        while j >= 0 and len(out) < n and self.tokens[j][0] >= lo:
            out.append(self.tokens[j])
            j -= 1
        return out[::-1]

    def after(self, end: int, n: int = 3) -> list[tuple[int, int]]:
        """Up to ``n`` token spans from ``end`` on in the same sentence."""
        _, hi = self.sentence_bounds(max(end - 1, 0))
        i = bisect.bisect_left(self.starts, end)
        out = []
        while i < len(self.tokens) and len(out) < n and self.tokens[i][1] <= hi:
            out.append(self.tokens[i])
            i += 1
        return out

    def word(self, span: tuple[int, int]) -> str:
        return self.text[span[0]:span[1]].lower().replace("\u2019", "'")

    def words_before(self, start: int, n: int = 3) -> list[str]:
        return [self.word(t) for t in self.before(start, n)]

    def words_after(self, end: int, n: int = 3) -> list[str]:
        return [self.word(t) for t in self.after(end, n)]

    def clause_before(self, start: int, limit: int = 12) -> list[str]:
        """Words between the nearest clause punctuation (or sentence start) and ``start``."""
        words = self.words_before(start, limit)
        for i in range(len(words) - 1, -1, -1):
            if words[i] in CLAUSE_PUNCT:
                return words[i + 1:]
        return words

    def sentence_start(self, start: int) -> bool:
        """No word token precedes ``start`` in its sentence (quotes and brackets do not count)."""
        return not any(re.match(r"\w", w) for w in self.words_before(start, 3))

    def in_quote(self, start: int, end: int) -> tuple[int, int] | None:
        """The quote region that contains ``start``-``end``, if any."""
        i = bisect.bisect_right(self.quote_starts, start) - 1
        if i >= 0 and end <= self.quotes[i][1]:
            return self.quotes[i]
        return None

    def reporting_outside_quotes(self, sentence: int) -> bool:
        """Whether the words of sentence ``sentence`` outside its quotation marks hold a reporting verb.

        Computed once per sentence: scanning the sentence again for every quoted cue made a long
        sentence full of quotes quadratic.
        """
        cached = self._reporting_outside.get(sentence)
        if cached is not None:
            return cached
        lo, hi = self.seg.sentences[sentence] if self.seg.sentences else (0, len(self.text))
        pieces = []
        pos = lo
        i = max(bisect.bisect_right(self.quote_starts, lo) - 1, 0)
        while i < len(self.quotes) and self.quotes[i][0] < hi:
            qs, qe = self.quotes[i]
            if qe > lo:
                pieces.append(self.text[pos:max(qs, pos)])
                pos = max(pos, qe)
            i += 1
        pieces.append(self.text[pos:hi] if pos < hi else "")
        outside = " ".join(pieces)
        says = next(lexicon().matchers.matchers["scan"].finditer(outside), None) is not None or re.search(r"\basked\b", outside, re.I) is not None
        self._reporting_outside[sentence] = says
        return says


def _is_number(word: str) -> bool:
    return bool(word) and (word[0].isdigit() or word in NUMBER_WORDS or word in CURRENCY)


# --------------------------------------------------------------------------- rules
# Each rule returns None (the cue does not fire here) or (label, type, span, reason).

RuleResult = "tuple[str, str, int, int, str] | None"


def rule_always(ctx: Context, entry: Entry, s: int, e: int):
    return entry.label, entry.type, s, e, "listed cue"


def rule_modal(ctx: Context, entry: Entry, s: int, e: int):
    word = entry.cue.split()[0].lower()
    surface = ctx.text[s:e]
    nxt = ctx.words_after(e, 2)
    prev = ctx.words_before(s, 2)
    if word == "may":
        if surface[0] == "M":
            # Inside a sentence a capitalised May is the month or a name; at the start of a
            # declarative sentence epistemic may never comes first ("May I", "May storms").
            return None
        if nxt and _is_number(nxt[0]):
            return None  # lower-case "may 2020" in informal text
    if word == "might":
        if prev and prev[-1] in MIGHT_NOUN_BEFORE or (nxt and nxt[0] in ("of", "and", "is", "was", ".", ",")):
            return None
    if word == "could" and nxt and (nxt[0] in ("not", "never", "hardly", "scarcely", "barely") or nxt[:2] == ["no", "longer"]):
        return None
    clause = ctx.clause_before(s)
    if any(w in CONDITIONAL for w in clause):
        return None
    joined = " ".join(clause[-5:])
    if any(w in NEGATIVE_SUBJECTS for w in clause[-5:]) or "no one" in joined:
        return None
    if entry.label == "booster":
        return entry.label, entry.type, s, e, "epistemic must"
    return entry.label, entry.type, s, e, "modal of possibility, not negated, not conditional"


def rule_appear(ctx: Context, entry: Entry, s: int, e: int):
    nxt = ctx.words_after(e, 3)
    prev = ctx.words_before(s, 2)
    if nxt and nxt[0] == "to" and len(nxt) > 1 and nxt[1] not in DETERMINERS and re.match(r"[a-z]", nxt[1]) and not ctx.text[ctx.after(e, 2)[1][0]].isupper():
        return entry.label, entry.type, s, e, "appear + to-infinitive (epistemic sense)"
    if nxt and (nxt[0] in APPEAR_NEXT or nxt[:2] in (["as", "if"], ["as", "though"])):
        return entry.label, entry.type, s, e, "appear + that-clause or epistemic adjective"
    if (len(nxt) > 1 and nxt[0] in DEGREE_WORDS and re.match(r"[a-z]+$", nxt[1]) and nxt[1] not in DETERMINERS
            and nxt[1] not in NOT_ADJECTIVES and (not nxt[1].endswith("ly") or nxt[1] in ("likely", "unlikely"))):
        return entry.label, entry.type, s, e, "appear + degree word + adjective (copular, epistemic sense)"
    if prev and prev[-1] in ("it", "would") and (not nxt or nxt[0] in (",", ".", "that")):
        return entry.label, entry.type, s, e, "impersonal 'it appears'"
    return None


def rule_quantity(ctx: Context, entry: Entry, s: int, e: int):
    nxt = ctx.words_after(e, 2)
    if nxt and _is_number(nxt[0]) or (nxt[:1] in (["a"], ["an"], ["one"]) and len(nxt) > 1 and _is_number(nxt[1])):
        return entry.label, "approximator", s, e, "approximator before a quantity"
    prev = ctx.words_before(s, 1)
    if nxt[:1] in (["a"], ["an"]) and len(nxt) > 1 and nxt[1] in UNIT_WORDS and not (prev and prev[-1] in TOPIC_BEFORE_ABOUT):
        # "adds about an hour"; after "is" or "talked" the phrase names a topic ("is about a year in her life")
        return entry.label, "approximator", s, e, "approximator before a unit"
    return None


def rule_vague_quantifier(ctx: Context, entry: Entry, s: int, e: int):
    prev = ctx.words_before(s, 1)
    nxt = ctx.words_after(e, 1)
    word = entry.cue.lower()
    if prev and (prev[-1] in ("how", "these", "those", "his", "her", "their", "its", "our", "my", "your") or (prev[-1] == "the" and word == "others")):
        return None  # "how many" asks; "the others" / "his several" point at known referents
    if prev and prev[-1] == "every":
        return None  # "every few months": a regular interval, not a vague quantity or source
    if word == "some" and nxt and nxt[0] in ("kind", "sort", "sorts", "kinds"):
        return None  # "some kind of": vagueness of type, not of quantity or source
    if word == "certain":
        if not nxt or not re.match(r"[a-z]", nxt[0]) or nxt[0] in ("that", "to", "of", "about", "whether"):
            return None
    if word == "some" and nxt and _is_number(nxt[0]):
        return entry.label, "approximator", s, e, "'some' before a number (approximator)"
    return entry.label, entry.type, s, e, "vague quantifier"


def rule_most(ctx: Context, entry: Entry, s: int, e: int):
    prev = ctx.words_before(s, 1)
    if prev and prev[-1] in ("the", "at", "a", "an", "what"):
        return None  # superlative or "at most": not a vague majority
    nxt = ctx.words_after(e, 1)
    if nxt and (nxt[0].endswith("ly") or nxt[0] == "often"):
        return None  # "most commonly", "most often": the adverb after it is the cue
    return entry.label, entry.type, s, e, "vague majority"


def rule_superlative_most(ctx: Context, entry: Entry, s: int, e: int):
    nxt = ctx.words_after(e, 1)
    if not nxt or not re.match(r"[a-z]", nxt[0]) or nxt[0] in ("of", "part", "and", "or"):
        return None
    return entry.label, entry.type, s, e, "superlative claimed without a source"


def rule_superlative(ctx: Context, entry: Entry, s: int, e: int):
    after = ctx.after(e, 1)
    if not after:
        return None
    word = ctx.word(after[0])
    if word in ("most", "best", "worst", "least", "finest", "greatest", "largest", "biggest", "leading", "foremost") or (
        len(word) >= 5 and word.endswith("est") and word not in NOT_SUPERLATIVE
    ):
        return entry.label, entry.type, s, after[0][1], "superlative claimed without a source"
    return None


def _negation_start(ctx: Context, s: int) -> int | None:
    """Start of a negation just before ``s`` (not, never, isn't ...), skipping one linking word."""
    before = ctx.before(s, 3)
    for span in reversed(before[-2:]):
        word = ctx.word(span)
        if word in NEGATORS or word.endswith("n't"):
            return span[0]
        if word not in LINKING and word not in ("yet", "always", "entirely", "completely", "fully", "quite"):
            return None
    return None


def rule_predicative(ctx: Context, entry: Entry, s: int, e: int):
    neg = _negation_start(ctx, s)
    if neg is not None:
        return "hedge", "shield", neg, e, "negated certainty (not + booster) withholds commitment"
    prev = ctx.words_before(s, 3)
    nxt = ctx.words_after(e, 1)
    weakened = bool(prev) and prev[-1] in WEAKENERS
    if weakened:
        prev = prev[:-1]
    cue = entry.cue.lower()
    claim = bool(nxt) and (nxt[0] in ("that", "whether") or (nxt[0] == ":" and cue not in PHYSICAL_TOO))
    # "The water was clear" describes the water; "it is clear", "we are certain" assess a claim.
    knower = bool(prev) and prev[-1] in LINKING and any(w in EPISTEMIC_SUBJECTS for w in prev[:-1])
    if weakened:
        # "less convinced" reports someone's state of mind; "less certain" qualifies the claim.
        if cue != "convinced" and (cue in EPISTEMIC_ONLY or claim or knower):
            return "hedge", "shield", ctx.before(s, 1)[0][0], e, "weakened certainty ('less' + booster) withholds commitment"
        return None
    if claim:
        return entry.label, entry.type, s, e, "certainty adjective with a that-clause"
    if knower:
        return entry.label, entry.type, s, e, "certainty adjective predicated of a claim or a knower"
    return None


def rule_intensifier(ctx: Context, entry: Entry, s: int, e: int):
    prev = ctx.before(s, 1)
    if prev and ctx.word(prev[-1]) in ("not",) or (prev and ctx.word(prev[-1]).endswith("n't")):
        return "hedge", "shield", prev[-1][0], e, "negated maximiser (not completely) limits the claim"
    if any(w in CLAUSE_NEGATORS or w.endswith("n't") for w in ctx.clause_before(s, 4)):
        return None  # "does not make it entirely harmless": the negation, not the maximiser, carries the claim
    return entry.label, entry.type, s, e, "maximiser strengthens the claim"


def rule_with_verb(ctx: Context, entry: Entry, s: int, e: int):
    after = ctx.after(e, 1)
    end = after[0][1] if after and re.match(r"[a-z]", ctx.word(after[0])) else e
    return entry.label, entry.type, s, end, "fixed expression of unavoidable inference"


def rule_that_clause(ctx: Context, entry: Entry, s: int, e: int):
    nxt = ctx.words_after(e, 1)
    if nxt and nxt[0] == "that":
        return entry.label, entry.type, s, e, "epistemic verb + that-clause"
    return None


def rule_agentless(ctx: Context, entry: Entry, s: int, e: int):
    nxt = ctx.words_after(e, 4)
    if "by" in nxt:
        follow = nxt[nxt.index("by") + 1:]
        if follow and follow[0] not in VAGUE_DETERMINERS and follow[0] not in ctx_weasel_heads():
            return None  # the by-phrase names who holds the view
    return entry.label, entry.type, s, e, "agentless passive: nobody is named as the holder of the view"


def ctx_weasel_heads() -> frozenset[str]:
    return lexicon().lists.get("source_head:hedge", frozenset())


RULES: dict[str, Callable] = {
    "always": rule_always,
    "modal": rule_modal,
    "appear": rule_appear,
    "quantity": rule_quantity,
    "vague_quantifier": rule_vague_quantifier,
    "most": rule_most,
    "superlative": rule_superlative,
    "superlative_most": rule_superlative_most,
    "predicative": rule_predicative,
    "intensifier": rule_intensifier,
    "that_clause": rule_that_clause,
    "with_verb": rule_with_verb,
    "agentless": rule_agentless,
}


# --------------------------------------------------------------------------- attribution scan


def _subject(ctx: Context, verb_start: int) -> tuple[int, list[tuple[int, int]]] | None:
    """The noun phrase left of a reporting verb: (start offset, its tokens), or None."""
    before = ctx.before(verb_start, 16)
    i = len(before) - 1
    # auxiliaries and adverbs between subject and verb ("has long argued")
    while i >= 0 and (ctx.word(before[i]) in AUXILIARIES or ctx.word(before[i]).endswith("ly")):
        i -= 1
    phrase: list[tuple[int, int]] = []
    while i >= 0 and len(phrase) < 10:
        word = ctx.word(before[i])
        if word == ",":
            # an appositive name between commas: ", Tomas Hale," belongs to the subject
            j = i - 1
            names = []
            while j >= 0 and ctx.text[before[j][0]].isupper() and ctx.word(before[j]) != ",":
                names.append(before[j])
                j -= 1
            if names and j >= 0 and ctx.word(before[j]) == "," and len(names) <= 4:
                phrase = [before[j]] + names[::-1] + [before[i]] + phrase
                i = j - 1
                continue
            break
        if word in NP_BOUNDARY or not re.match(r"[\w']", word) or word[0].isdigit() and not phrase:
            if word in RELATIVES and not phrase:
                # "scholars who believe": the subject is the relative's antecedent
                k = i - 1
                head = ctx.word(before[k]) if k >= 0 else ""
                if head and re.match(r"\w", head):
                    return before[k][0], [before[k]]
            break
        phrase.insert(0, before[i])
        i -= 1
    if not phrase:
        return None
    return phrase[0][0], phrase


def _inverted_source(ctx: Context, e: int, verb: str, source_heads: frozenset[str], *, before: list[str], s: int) -> Cue | None:
    """News-style inversion after the reported words: '"...," says Dr Amira Haddad, an allergist.'

    The verb of saying follows a comma or closing quote and the source comes after it: a name
    or a definite source noun phrase ("said the minister"), up to the next punctuation.
    """
    if verb not in INVERTED_VERBS or not _comma_ends(before):
        return None
    words = []
    for span in ctx.after(e, 8):
        word = ctx.word(span)
        if not re.match(r"[\w']", word):
            break
        words.append(span)
    if not words:
        return None
    first = ctx.word(words[0])
    head = ctx.word(words[-1])
    named = ctx.text[words[0][0]].isupper() and first not in NP_BOUNDARY and first not in CALENDAR
    definite = first in SOURCE_DETERMINERS and (head in source_heads or ctx.text[words[-1][0]].isupper())
    if not (named or definite):
        return None
    source = ctx.text[words[0][0]:words[-1][1]]
    return Cue(s, words[-1][1], "attribution", "attribution", verb, "source_scan",
               f"reporting verb with a specific source after it ('{source}')", {"attributed_to": source, "verb_span": (s, e)})


def _pro_complement(words: list[str]) -> bool:
    """A pro-form is the whole object ("argued the opposite.", "said so,"), or the subject of the
    reported clause ("think the opposite is true"), not part of a longer object ("the same bug",
    "so many things")."""
    for n in (1, 2):
        if " ".join(words[:n]) in PRO_COMPLEMENTS:
            # "said so.", "think so too", "believe the opposite is true"
            return len(words) == n or not re.match(r"[\w']", words[n]) or words[n] in PRO_FOLLOWERS
    return False


def _delayed_that(ctx: Context, end: int) -> bool:
    """A that-clause after an inserted adverbial: "found in a survey last year that ...",
    "found, by filming knuckles in a scanner, that ..." (the insertion opens with a comma or a
    preposition, so "found the car that was stolen" is not one, and ends with a comma or a time word)."""
    first = ctx.words_after(end, 1)
    if not first or (first[0] != "," and first[0] not in PREPOSITIONS and first[0] != "by"):
        return False
    after = ctx.words_after(end, 10)
    if "that" not in after[1:]:
        return False
    at = after.index("that", 1)
    # The complementiser closes the insertion: after its comma or a time word ("last year that");
    # after a noun, "that" opens a relative clause ("in a cave that had been sealed").
    closes = after[at - 1] == "," or after[at - 1] in TIME_WORDS or after[at - 1][:1].isdigit()
    return closes and all(w not in NP_BOUNDARY for w in after[1:at])


def _reported_words_before(ctx: Context, start: int) -> bool:
    """At least a short clause (four words) precedes ``start`` in its sentence, not an opening
    adverbial like "Last week," or "Yesterday,"."""
    return sum(1 for w in ctx.words_before(start, 6) if re.match(r"\w", w)) >= 4


def _after_comma(ctx: Context, start: int) -> bool:
    """The token before ``start`` in its sentence is a comma (or a closing quote after one)."""
    return _comma_ends(ctx.words_before(start, 2))


def _comma_ends(words: list[str]) -> bool:
    return bool(words) and (words[-1] == "," or (words[-1] in ('"', "\u201d") and words[-2:-1] == [","]))


def _head(ctx: Context, phrase: list[tuple[int, int]]) -> tuple[str, str, bool]:
    """(first word, head word, head is capitalised) of a subject phrase; the head precedes any preposition."""
    words = [ctx.word(t) for t in phrase]
    core = phrase
    for i, w in enumerate(words):
        if i > 0 and w in PREPOSITIONS:
            core = phrase[:i]
            break
    core = [t for t in core if ctx.word(t) != ","]
    head_span = core[-1]
    head = ctx.word(head_span)
    if head.endswith("'s"):
        head = head[:-2]
    return words[0], head, ctx.text[head_span[0]].isupper()


def scan_attributions(ctx: Context) -> list[Cue]:
    """Reporting verbs with their subject: sourced attribution, or a weasel when the source is vague."""
    lex = lexicon()
    weasel_heads = lex.lists.get("source_head:hedge", frozenset())
    source_heads = lex.lists.get("source_head:attribution", frozenset())
    vague_after = lex.lists.get("according_head:hedge", frozenset())
    research_heads = lex.lists.get("research_head:attribution", frozenset())
    found: list[Cue] = []
    for s, e, phrase in ctx.matches["scan"]:
        entry = lex.entries["scan:" + phrase.lower()][0]
        if entry.rule == "according_to":
            cue = _according_to(ctx, entry, s, e, vague_after)
            if cue:
                found.append(cue)
            continue
        before = ctx.words_before(s, 3)
        if before and (before[-1] in _BE or before[-1] in ("to", "a", "an", "the", "having")):
            continue  # passive, infinitive or a noun ("a report"): not a reporting clause
        verb = phrase.lower()
        nxt = ctx.after(e, 3)
        nxt_words = [ctx.word(t) for t in nxt]
        complement = bool(nxt_words) and (nxt_words[0] in COMPLEMENT_WORDS or nxt_words[0] in (":",) or ctx.text[nxt[0][0]] in QUOTES
                                           or nxt_words[:2] in ([",", '"'], [",", "\u201c"])
                                           or _pro_complement(nxt_words))
        if any(w in CLAUSE_NEGATORS or w.endswith("n't") for w in before):
            continue  # "did not say", "has never once said", "cannot tell": nothing is reported
        quote_before = any(ctx.text[t[0]] in QUOTES for t in ctx.before(s, 6))
        inverted = _inverted_source(ctx, e, verb, source_heads, before=before, s=s)
        if inverted is not None:
            found.append(inverted)
            continue
        # A verb of thinking reports only when it takes a clause ("understand what ..."), also one
        # after an inserted adverbial; when it closes the sentence after the reported words
        # (", the council announced on Tuesday."); or when research reports a finding
        # ("researchers found no link"). The word after the verb rules most out before the subject scan.
        needs_more = verb not in SAY_VERBS and not complement and not quote_before and not _delayed_that(ctx, e)
        may_close = not nxt_words or nxt_words[0] in POSTPOSED_NEXT
        may_find = verb in RESEARCH_VERBS and bool(nxt_words) and nxt_words[0] in FINDING_OPENERS
        if needs_more and not (may_close or may_find):
            continue
        subject = _subject(ctx, s)
        if subject is None:
            continue
        start, phrase_tokens = subject
        first, head, capital = _head(ctx, phrase_tokens)
        if first in NEGATIVE_SUBJECTS or first == "no":
            continue  # "No official said", "Nobody told us": nobody is the source
        if needs_more:
            postposed = may_close and _after_comma(ctx, start) and _reported_words_before(ctx, start)
            finding = may_find and head in research_heads
            if not (postposed or finding):
                continue
        end = e
        if verb in ("told", "tell", "tells") and nxt_words and nxt_words[0] in OBJECT_AFTER_TELL:
            end = nxt[0][1]
        if first in VAGUE_DETERMINERS or head in weasel_heads:
            found.append(Cue(start, end, "hedge", "weasel", phrase.lower(), "vague_source",
                             f"reporting verb with a vague source ('{head}')", {"source": ctx.text[start:s].strip()}))
        elif head in source_heads or (capital and re.match(r"[a-z]", head) and head not in NP_BOUNDARY) or (
            verb in SAY_VERBS and first in ("the", "a", "an", "one") and len(phrase_tokens) > 1 and head not in NOT_A_SPEAKER
        ):
            found.append(Cue(start, end, "attribution", "attribution", phrase.lower(), "source_scan",
                             f"reporting verb with a specific source ('{ctx.text[start:s].strip()}')",
                             {"attributed_to": ctx.text[start:s].strip().rstrip(","), "verb_span": (s, e)}))
    return found


def _according_to(ctx: Context, entry: Entry, s: int, e: int, vague: frozenset[str]) -> Cue | None:
    after = ctx.after(e, 10)
    phrase = []
    for span in after:
        word = ctx.word(span)
        if word in (",", ".", ";", ":", "?", "!", "(", ")", "\u2014") or (word in NP_BOUNDARY and phrase) or ctx.text[span[0]] in QUOTES:
            break
        phrase.append(span)
    if not phrase:
        return None
    words = [ctx.word(t) for t in phrase]
    content = [w for w in words if w not in ("the", "a", "an")]
    end = phrase[-1][1]
    if content and content[0] in NOT_A_SOURCE:
        return None  # "according to schedule": conformity, not a source
    if any(w in vague for w in content) or " ".join(content[:2]) in vague:
        return Cue(s, end, "hedge", "weasel", entry.cue.lower(), "according_vague", f"'{entry.cue}' with a vague source ('{content[0]}')")
    return Cue(s, end, "attribution", "attribution", entry.cue.lower(), "according_to", f"'{entry.cue}' names the source",
               {"attributed_to": ctx.text[phrase[0][0]:end], "verb_span": (s, e)})


# --------------------------------------------------------------------------- all cues


def find_cues(doc: Document) -> list[Cue]:
    """Every stance cue of a document after context rules, without overlaps, in text order."""
    lex = lexicon()
    ctx = Context(doc)
    scanned = scan_attributions(ctx)
    # A weasel scan covers its vague source; an attribution only its verb, so cues inside a
    # named source ("the most famous writer, X, wrote") are still found.
    # An attribution's verb that is itself a hedge ("the study suggests") stays free for the cue
    # scan, so the finding reports both whose claim it is and that it is put tentatively.
    hedging_verbs = _hedging_verbs()
    taken = sorted(
        (c.start, c.end) if c.label != "attribution" else c.extras["verb_span"]
        for c in scanned
        if c.label != "attribution" or ctx.text[slice(*c.extras["verb_span"])].lower() not in hedging_verbs
    )
    taken_starts = [a for a, _ in taken]
    # Taken spans may overlap each other, so keep the furthest end of every prefix: a cue
    # collides with some taken span exactly when a span starting before its end reaches past its start.
    reach = list(accumulate((b for _, b in taken), max))
    out = [c for c in scanned if c.label != "attribution"]
    attributions = [c for c in scanned if c.label == "attribution"]
    for s, e, phrase in ctx.matches["cue"]:
        i = bisect.bisect_left(taken_starts, e)
        if i and reach[i - 1] > s:
            continue
        for entry in lex.entries["cue:" + phrase.lower()]:
            result = RULES.get(entry.rule, rule_always)(ctx, entry, s, e)
            if result is None:
                continue
            label, typ, cs, ce, reason = result
            out.append(Cue(cs, ce, label, typ, entry.cue.lower(), entry.rule, reason))
            break
    out.sort(key=lambda c: (c.start, c.end))
    kept = sorted(_drop_overlaps(out) + attributions, key=lambda c: (c.start, c.end))
    return _suppress_quoted(ctx, kept)


@lru_cache(maxsize=1)
def _hedging_verbs() -> frozenset[str]:
    """Cue phrases listed as epistemic-verb hedges ("suggests", "indicate that")."""
    return frozenset(
        key[len("cue:"):]
        for key, entries in lexicon().entries.items()
        if key.startswith("cue:") and any(e.label == "hedge" and e.type == "epistemic_verb" for e in entries)
    )


def _drop_overlaps(cues: list[Cue]) -> list[Cue]:
    kept: list[Cue] = []
    for cue in cues:
        if kept and cue.start < kept[-1].end:
            if (cue.end - cue.start) > (kept[-1].end - kept[-1].start):
                kept[-1] = cue
            continue
        kept.append(cue)
    return kept


def _suppress_quoted(ctx: Context, cues: list[Cue]) -> list[Cue]:
    """A hedge or booster inside quoted words that the sentence attributes to someone is theirs, not the author's."""
    attributed_sentences = {ctx.seg.sentence_index(c.start) for c in cues if c.label == "attribution"}
    continues: dict[int, bool] = {}  # per sentence, filled a whole run of quoted sentences at a time
    out = []
    for cue in cues:
        if cue.label != "attribution" and ctx.in_quote(cue.start, cue.end) is not None:
            sentence = ctx.seg.sentence_index(cue.start)
            if sentence in attributed_sentences or ctx.reporting_outside_quotes(sentence):
                continue
            if _continues_attributed_quote(ctx, sentence, attributed_sentences, continues):
                continue
        out.append(cue)
    return out


def _continues_attributed_quote(ctx: Context, sentence: int, attributed: set[int], memo: dict[int, bool]) -> bool:
    """A sentence that is all quotation, in a run of such sentences next to an attributed quote of
    the same paragraph, goes on with the same speaker.

    News style attributes a quote once and lets it run on: '"We cannot keep it open," she said.
    "We may look again next year." "It may take time."' — each *may* is hers. The answer is the
    same for the whole run, so it is stored for every sentence of it at once (``memo``).
    """
    if sentence in memo:
        return memo[sentence]
    if not _all_quotation(ctx, sentence):
        memo[sentence] = False
        return False
    paragraph = bisect.bisect_right(ctx.paragraph_starts, ctx.seg.sentences[sentence][0])

    def same_paragraph(index: int) -> bool:
        return 0 <= index < len(ctx.seg.sentences) and bisect.bisect_right(ctx.paragraph_starts, ctx.seg.sentences[index][0]) == paragraph

    first = last = sentence
    while same_paragraph(first - 1) and _all_quotation(ctx, first - 1):
        first -= 1
    while same_paragraph(last + 1) and _all_quotation(ctx, last + 1):
        last += 1
    result = False
    for other in (first - 1, last + 1):
        if not same_paragraph(other):
            continue
        o_lo, o_hi = ctx.seg.sentences[other]
        i = bisect.bisect_left(ctx.quote_starts, o_lo)
        has_quote = i < len(ctx.quote_starts) and ctx.quote_starts[i] < o_hi
        if has_quote and (other in attributed or ctx.reporting_outside_quotes(other)):
            result = True
    for index in range(first, last + 1):
        memo[index] = result
    return result


def _all_quotation(ctx: Context, sentence: int) -> bool:
    """Every word of the sentence lies inside one pair of quotation marks."""
    lo, hi = ctx.seg.sentences[sentence]
    words = [t for t in ctx.tokens[bisect.bisect_left(ctx.starts, lo):bisect.bisect_left(ctx.starts, hi)] if re.match(r"\w", ctx.text[t[0]])]
    return bool(words) and ctx.in_quote(words[0][0], words[-1][1]) is not None
