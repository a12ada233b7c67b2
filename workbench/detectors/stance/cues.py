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
from workbench.detectors.stance.lexicon import Cue, lexicon
from workbench.detectors.stance.rules import RULES, rule_always

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

