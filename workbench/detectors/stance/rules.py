"""Context rules: whether a matched cue is used in its stance sense here, and with which span.

Each rule returns None (the cue does not fire here) or (label, type, start, end, reason).
The lexicon row of a cue names its rule (``workbench/lexicons/stance.tsv``, column ``rule``).
"""

from __future__ import annotations

import re
from typing import Callable

from workbench.detectors.stance.context import Context, _is_number
from workbench.detectors.stance.lexicon import (
    APPEAR_NEXT, CLAIM_OPENERS, CLAUSE_NEGATORS, CONDITIONAL, COUNT_ARTICLES, DEGREE_WORDS, DETERMINERS,
    EPISTEMIC_ONLY, EPISTEMIC_SUBJECTS, Entry, IMPERSONAL_APPEAR_BEFORE, INABILITY_AFTER_COULD,
    INDEFINITE_ARTICLES, KIND_NOUNS, KNOWN_REFERENT_BEFORE, LINKING, LY_ADJECTIVES, MIGHT_NOUN_AFTER,
    MIGHT_NOUN_BEFORE, NEGATION_GAP, NEGATIVE_SUBJECTS, NEGATORS, NOT_ADJECTIVES, NOT_MAJORITY_BEFORE,
    NOT_QUANTIFIER_CERTAIN_NEXT, NOT_SUPERLATIVE, PHYSICAL_TOO, SUPERLATIVE_MOST_STOP, SUPERLATIVE_WORDS,
    TOPIC_BEFORE_ABOUT, UNIT_WORDS, VAGUE_DETERMINERS, WEAKENERS, WHETHER_VERBS, NOT_CONDITIONAL_AFTER, NOT_CONDITIONAL_BEFORE, NOT_NOUN_OPENERS, PREPOSITIONS, COMPLEMENT_WORDS, lexicon,
)


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
        if prev and prev[-1] in MIGHT_NOUN_BEFORE or (nxt and nxt[0] in MIGHT_NOUN_AFTER):
            return None
    if word == "could" and nxt and (nxt[0] in INABILITY_AFTER_COULD or " ".join(nxt[:2]) in INABILITY_AFTER_COULD):
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
    if nxt and (nxt[0] in APPEAR_NEXT or " ".join(nxt[:2]) in APPEAR_NEXT):
        return entry.label, entry.type, s, e, "appear + that-clause or epistemic adjective"
    if (len(nxt) > 1 and nxt[0] in DEGREE_WORDS and re.match(r"[a-z]+$", nxt[1]) and nxt[1] not in DETERMINERS
            and nxt[1] not in NOT_ADJECTIVES and (not nxt[1].endswith("ly") or nxt[1] in LY_ADJECTIVES)):
        return entry.label, entry.type, s, e, "appear + degree word + adjective (copular, epistemic sense)"
    if prev and prev[-1] in IMPERSONAL_APPEAR_BEFORE and (not nxt or nxt[0] in (",", ".", "that")):
        return entry.label, entry.type, s, e, "impersonal 'it appears'"
    return None


def rule_quantity(ctx: Context, entry: Entry, s: int, e: int):
    nxt = ctx.words_after(e, 2)
    if nxt and _is_number(nxt[0]) or (nxt and nxt[0] in COUNT_ARTICLES and len(nxt) > 1 and _is_number(nxt[1])):
        return entry.label, "approximator", s, e, "approximator before a quantity"
    prev = ctx.words_before(s, 1)
    if nxt and nxt[0] in INDEFINITE_ARTICLES and len(nxt) > 1 and nxt[1] in UNIT_WORDS and not (prev and prev[-1] in TOPIC_BEFORE_ABOUT):
        # "adds about an hour"; after "is" or "talked" the phrase names a topic ("is about a year in her life")
        return entry.label, "approximator", s, e, "approximator before a unit"
    return None


def rule_vague_quantifier(ctx: Context, entry: Entry, s: int, e: int):
    prev = ctx.words_before(s, 1)
    nxt = ctx.words_after(e, 1)
    word = entry.cue.lower()
    if prev and (prev[-1] in KNOWN_REFERENT_BEFORE or (prev[-1] == "the" and word == "others")):
        return None  # "how many" asks; "the others" / "his several" point at known referents
    if prev and prev[-1] == "every":
        return None  # "every few months": a regular interval, not a vague quantity or source
    if word == "some" and nxt and nxt[0] in KIND_NOUNS:
        return None  # "some kind of": vagueness of type, not of quantity or source
    if word == "certain":
        if not nxt or not re.match(r"[a-z]", nxt[0]) or nxt[0] in NOT_QUANTIFIER_CERTAIN_NEXT:
            return None
    if word == "some" and nxt and _is_number(nxt[0]):
        return entry.label, "approximator", s, e, "'some' before a number (approximator)"
    return entry.label, entry.type, s, e, "vague quantifier"


def rule_most(ctx: Context, entry: Entry, s: int, e: int):
    prev = ctx.words_before(s, 1)
    if prev and prev[-1] in NOT_MAJORITY_BEFORE:
        return None  # superlative or "at most": not a vague majority
    nxt = ctx.words_after(e, 1)
    if nxt and (nxt[0].endswith("ly") or nxt[0] == "often"):
        return None  # "most commonly", "most often": the adverb after it is the cue
    return entry.label, entry.type, s, e, "vague majority"


def rule_superlative_most(ctx: Context, entry: Entry, s: int, e: int):
    nxt = ctx.words_after(e, 1)
    if not nxt or not re.match(r"[a-z]", nxt[0]) or nxt[0] in SUPERLATIVE_MOST_STOP:
        return None
    return entry.label, entry.type, s, e, "superlative claimed without a source"


def rule_superlative(ctx: Context, entry: Entry, s: int, e: int):
    after = ctx.after(e, 1)
    if not after:
        return None
    word = ctx.word(after[0])
    if word in SUPERLATIVE_WORDS or (
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
        if word not in LINKING and word not in NEGATION_GAP:
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
    claim = bool(nxt) and (nxt[0] in CLAIM_OPENERS or (nxt[0] == ":" and cue not in PHYSICAL_TOO))
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


def rule_conditional(ctx: Context, entry: Entry, s: int, e: int):
    prev = ctx.words_before(s, 1)
    nxt = ctx.words_after(e, 1)
    if prev and (prev[-1] in WHETHER_VERBS or prev[-1] in NOT_CONDITIONAL_BEFORE):
        return None  # "asked if", "as if": an indirect question or a comparison, not a condition
    if not nxt or nxt[0] in NOT_CONDITIONAL_AFTER or not re.match(r"[\w']", nxt[0]):
        return None  # "if any", "if anything": idioms
    return entry.label, entry.type, s, e, "conditional: the claim holds only under the condition"


def rule_attributive(ctx: Context, entry: Entry, s: int, e: int):
    """A praise adjective before the noun it praises ("a respected journal") or after a linking verb;
    after its noun it has another sense ("shares outstanding": unpaid or issued)."""
    nxt = ctx.words_after(e, 1)
    prev = ctx.words_before(s, 1)
    if nxt and re.match(r"[a-z]", nxt[0]) and nxt[0] not in PREPOSITIONS and nxt[0] not in NOT_NOUN_OPENERS:
        return entry.label, entry.type, s, e, "praise adjective before its noun"
    if prev and prev[-1] in LINKING:
        return entry.label, entry.type, s, e, "praise adjective after a linking verb"
    return None


def rule_not_before_noun(ctx: Context, entry: Entry, s: int, e: int):
    """A certainty phrase that is not the quantifier of a following noun ("for certain assets")."""
    nxt = ctx.words_after(e, 1)
    if nxt and re.match(r"[a-z]", nxt[0]) and nxt[0] not in NOT_NOUN_OPENERS and nxt[0] not in COMPLEMENT_WORDS:
        return None
    return entry.label, entry.type, s, e, "certainty phrase"


RULES: dict[str, Callable] = {
    "attributive": rule_attributive,
    "not_before_noun": rule_not_before_noun,
    "conditional": rule_conditional,
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
