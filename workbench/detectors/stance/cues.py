"""Every stance cue of a document: the cue scan with its context rules, the attribution scan,
overlaps resolved, and the voice of cues inside attributed quotations."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import accumulate

from workbench.corpus import Document
from workbench.detectors.stance.attribution import scan_attributions
from workbench.detectors.stance.context import Context
from workbench.detectors.stance.lexicon import BELIEF_VERBS, Cue, Entry, lexicon
from workbench.detectors.stance.rules import RULES, rule_always


def find_cues(doc: Document, *, convention: str = "conll") -> list[Cue]:
    """Every stance cue of a document after context rules, without overlaps, in text order.

    ``convention="conll"`` (CoNLL-2010: weasels, peacocks and vague quantities are hedges) or
    ``"semantic"`` (Szarvas et al. 2012: only epistemic, doxastic, investigation and conditional
    hedges; a vague source is an attribution with ``source_type == "vague"``, and a belief
    reported of a named source is also a doxastic hedge on its verb).
    """
    ctx = Context(doc, convention)
    lex = ctx.lex
    semantic = convention == "semantic"
    scanned = scan_attributions(ctx)
    if semantic:
        scanned = [_vague_attribution(c) if c.label == "hedge" else c for c in scanned]
    # A weasel scan covers its vague source; an attribution only its verb, so cues inside a
    # named source ("the most famous writer, X, wrote") are still found.
    # An attribution's verb that is itself a hedge ("the study suggests") stays free for the cue
    # scan, so the finding reports both whose claim it is and that it is put tentatively.
    hedging_verbs = _hedging_verbs(convention)
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
            extras = {"semantic": _semantic_class(entry, label)} if label == "hedge" else {}
            if semantic and label == "hedge" and extras["semantic"] == "-":
                break  # a discourse-level cue (weasel, peacock, vague quantity): not semantic uncertainty
            out.append(Cue(cs, ce, label, typ, entry.cue.lower(), entry.rule, reason, extras))
            break
    if semantic:
        out.extend(_belief_hedges(ctx, attributions))
    out.sort(key=lambda c: (c.start, c.end))
    kept = sorted(_drop_overlaps(out) + attributions, key=lambda c: (c.start, c.end))
    return _mark_voice(ctx, kept)


@lru_cache(maxsize=2)
def _hedging_verbs(convention: str = "conll") -> frozenset[str]:
    """Cue phrases listed as epistemic-verb hedges ("suggests", "indicate that")."""
    return frozenset(
        key[len("cue:"):]
        for key, entries in lexicon(convention).entries.items()
        if key.startswith("cue:") and any(e.label == "hedge" and e.type == "epistemic_verb" for e in entries)
    )


def _semantic_class(entry: Entry, label: str) -> str:
    """The semantic-uncertainty class of a hedge: the lexicon row's, or for a negated or weakened
    certainty word ("not certain", "less sure") epistemic; "-" for a discourse-level cue."""
    if entry.label == "hedge":
        return entry.semantic
    return "epistemic" if entry.rule == "predicative" else "-"


def _vague_attribution(cue: Cue) -> Cue:
    """Under the semantic convention a report from a vague source is not a hedge but an attribution
    whose source is vague ("critics say")."""
    extras = {**cue.extras, "attributed_to": cue.extras.get("source", ""), "source_type": "vague"}
    extras.setdefault("verb_span", (cue.start, cue.end))
    return Cue(cue.start, cue.end, "attribution", "attribution", cue.cue, cue.rule,
               cue.reason.replace("reporting verb with a vague source", "report from a vague source"), extras)


def _belief_hedges(ctx: Context, attributions: list[Cue]) -> list[Cue]:
    """A belief, expectation or claim reported of a source ("analysts expect", "she believes") is
    doxastic uncertainty of the reported proposition: a hedge on the verb beside the attribution."""
    out = []
    for cue in attributions:
        s, e = cue.extras.get("verb_span", (cue.start, cue.end))
        verb = ctx.text[s:e].lower()
        if verb in BELIEF_VERBS:
            out.append(Cue(s, e, "hedge", "doxastic", verb, "belief_report",
                           "a belief or claim reported of a source: the proposition is not asserted as knowledge",
                           {"semantic": "doxastic"}))
    return out


def _drop_overlaps(cues: list[Cue]) -> list[Cue]:
    kept: list[Cue] = []
    for cue in cues:
        if kept and cue.start < kept[-1].end:
            if (cue.end - cue.start) > (kept[-1].end - kept[-1].start):
                kept[-1] = cue
            continue
        kept.append(cue)
    return kept


def _mark_voice(ctx: Context, cues: list[Cue]) -> list[Cue]:
    """Whose commitment a hedge or booster expresses: ``extras["voice"]`` is ``"quoted"`` inside quoted
    words that the text attributes to someone (theirs, not the author's), else ``"author"``."""
    # An attribution inside a quotation ('"They said no"') is part of the quoted words: it says
    # nothing about whose the sentence's other quotations are.
    attributed_sentences = {ctx.seg.sentence_index(c.start) for c in cues
                            if c.label == "attribution" and ctx.in_quote(c.start, c.end) is None}
    continues: dict[int, bool] = {}  # per sentence, filled a whole run of quoted sentences at a time
    for cue in cues:
        if cue.label == "attribution":
            continue
        quoted = False
        if ctx.in_quote(cue.start, cue.end) is not None:
            sentence = ctx.seg.sentence_index(cue.start)
            quoted = (sentence in attributed_sentences or ctx.reporting_outside_quotes(sentence)
                      or _continues_attributed_quote(ctx, sentence, attributed_sentences, continues))
        cue.extras["voice"] = "quoted" if quoted else "author"
    return cues


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

