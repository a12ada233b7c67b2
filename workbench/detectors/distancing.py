"""Distancing: *so-called*, scare quotes and distancing verbs (issue 5, layer ``distancing``).

* ``so_called`` — the qualifier and the term it qualifies (the quoted term, or the
  following noun phrase of at most four words).
* ``scare_quotes`` — quotation marks around a short term the author keeps at a
  distance. Quotation marks are *not* scare quotes when they carry reported speech
  (a reporting verb such as said/told/asked/promised/reading/called in the clause
  before the quote, or right after it), a whole quoted sentence, a long stretch of
  words, or the title of a work.
* ``distancing_verb`` — was supposed to, claims to, is said to (with the verb that
  follows), allegedly, purportedly, alleged, purported, supposed before its noun, self-styled
  (with its term), and *officially* next to quotation marks.

Cues live in ``workbench/lexicons/distancing.tsv``, the rules' word lists in
``workbench/lexicons/distancing_rules.yaml``. Straight (``"``, ``'``) and
typographic (“ ” ‘ ’ « » „) quotation marks are handled.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterator

import pandas as pd

from workbench.corpus import Document
from workbench.detectors.base import make_finding
from workbench.detectors.registry import Layer, detector
from workbench.findings import Finding
from workbench.lexicons import load_lexicon, load_wordlists
from workbench.matching import MatcherSet, PhraseMatcher
from workbench.segment import WORD, Quote

NAME = "distancing"
LABELS = ("so_called", "scare_quotes", "distancing_verb")
# Scare quotes mark a term, not a statement: longer quoted stretches are quotations.
MAX_SCARE_WORDS = 4
# How far back (in words, within the sentence) a reporting verb still governs a quote.
SPEECH_WINDOW = 12
# How far (in words) before "as" a naming verb still files the quoted term ("treat a builder who
# started work as a 'civil dispute'").
NAMING_WINDOW = 7
# Share of capitalised content words around a quote that makes its sentence a headline.
HEADLINE_SHARE = 0.75
# Content words looked at on each side of a quote to tell a headline.
HEADLINE_WORDS = 3
# What may stand between two coordinated quotes: a comma, "and", "or" ("'Haze', 'Thor' and 'Heat'").
# Roles that attribute a quote's words to a source, a work or the language itself.
ATTRIBUTED_ROLES = ("mention", "title", "speech")
# Characters looked at on either side of a quote for its role: far more than SPEECH_WINDOW words.
LOOK_BACK = 300
# A so-called / self-styled term without quotation marks is a short noun phrase.
MAX_TERM_WORDS = 4
RULES_LEXICON = "distancing_rules"
# Non-breaking hyphens (U+2010, U+2011) join words as "-" does: so\u2011called is one word.
_WORD = WORD


def _lists():
    """The rules' word lists (validated and cached by the loader)."""
    return load_wordlists(RULES_LEXICON)


@lru_cache(maxsize=1)
def _cues() -> dict[str, pd.DataFrame]:
    frame = load_lexicon("distancing")
    return {kind: rows for kind, rows in frame.groupby("type")}


@lru_cache(maxsize=None)
def _matcher(kind: str) -> PhraseMatcher:
    return PhraseMatcher(_cues()[kind]["cue"])


@lru_cache(maxsize=1)
def _matcher_set() -> MatcherSet:
    """The cue kinds that are phrases, matched in one scan of a document."""
    return MatcherSet({kind: _matcher(kind) for kind in ("modifier", "verb_to", "adverb", "adverb_quoted", "attributive")})


@lru_cache(maxsize=None)
def _words(kind: str) -> frozenset[str]:
    return frozenset(c.lower() for c in _cues()[kind]["cue"])


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    """Cue -> label, built once: filtering the lexicon table per match was most of the detector's time."""
    frame = load_lexicon("distancing")
    labels: dict[str, str] = {}
    for cue, label in zip(frame["cue"], frame["label"]):
        labels.setdefault(str(cue), str(label))  # the first row wins, as the table lookup did
    return labels


def _label(cue: str) -> str:
    return _labels()[cue]


def _sentence_bounds(doc: Document, offset: int) -> tuple[int, int]:
    return doc.segments.sentences[doc.segments.sentence_index(offset)]


def _quote_opens_clause(text: str, lo: int, quote: Quote) -> bool:
    """No word stands between the start of the sentence (or of a clause after a colon or dash) and the quote."""
    # A bounded look-back: any word in it means the quote does not open its clause.
    before = text[max(lo, quote.start - LOOK_BACK) : quote.start]
    return not _WORD.search(re.split(r"[:;\u2014]", before)[-1])


def _is_title_case(words: list[str], *, at_start: bool) -> bool:
    """Every word capitalised, small function words aside ("Keys in the Drawer"): a name or a title.

    At the start of a sentence one capital says nothing, so two capitalised words are needed there.
    """
    small = _lists()["title_small_words"]
    # Each part of a hyphenated word counts: "Co-Op" is a name, "LGBT-inclusive" is not.
    parts = [part for w in words for part in re.split(r"[-\u2010\u2011]", w) if part]
    capitalised = [w for w in parts if w[0].isupper() or w[0].isdigit()]
    if not parts or not parts[0][0].isupper() or any(not (w[0].isupper() or w[0].isdigit() or w.lower() in small) for w in parts):
        return False
    return len(capitalised) >= (2 if at_start else 1)


def _in_headline(text: str, lo: int, hi: int, quote: Quote) -> bool:
    """The sentence around the quote is itself in title case ("Trump Accuses California Of ..."), so a
    capital inside the quote says nothing about a name."""
    small = _lists()["title_small_words"]

    def content(chunk: str) -> list[str]:
        return [w for w in _WORD.findall(chunk) if w.lower() not in small and w[0].isalpha()]

    # The nearest content words on each side: a headline run into the first sentence of an
    # article is still a headline around the quote.
    near = content(text[max(lo, quote.start - LOOK_BACK) : quote.start])[-HEADLINE_WORDS:] + content(text[quote.end : min(hi, quote.end + LOOK_BACK)])[:HEADLINE_WORDS]
    return len(near) >= 2 and sum(w[0].isupper() for w in near) >= HEADLINE_SHARE * len(near)


def _coordinated(gap: str) -> bool:
    """Only a comma and a coordinating conjunction stand between two quotes."""
    m = re.fullmatch(r"\s*,?\s*(?:(\w+)\s+)?", gap)
    return m is not None and (m.group(1) is None or m.group(1).lower() in _lists()["coordinators"])


def quote_roles(doc: Document) -> dict[Quote, str]:
    """The role of every quotation pair of the document, outermost and nested (see :func:`quote_role`).

    Quotes joined by *and*, *or* or a comma share the role of the one before them: "the terms
    'climate change' and 'global warming'" are two mentions, "the films 'Alien' and 'Heat'" two titles.
    """
    text = doc.text
    roles: dict[Quote, str] = {}
    previous: tuple[Quote, str] | None = None
    for quote in sorted((*doc.segments.quotes, *doc.segments.nested_quotes), key=lambda q: q.start):
        role = quote_role(doc, quote)
        if previous is not None and role == "scare" and previous[1] in ATTRIBUTED_ROLES and previous[0].depth == quote.depth:
            if _coordinated(text[previous[0].end : quote.start]):
                role = previous[1]
        roles[quote] = role
        previous = (quote, role)
    return roles


def quote_role(doc: Document, quote: Quote) -> str:
    """Why a pair of quotation marks is used.

    ``speech`` (reported words: a reporting verb or colon before, a verb of saying right after a
    quote that ends with its own punctuation), ``sentence`` (a quoted sentence: it ends with ? or
    !, or opens its sentence and ends with punctuation), ``long`` (more than four words),
    ``title`` (a work or a name: a title noun or verb before it, or words in title case),
    ``mention`` (a word mentioned as a word: *the word "X"*, *"X", a term ...*, *what does "X"
    mean*, *treated as "X"*, an option or button named: *tick "X"*), ``empty``, else ``scare``.
    A quote nested in a quotation is read inside that quotation: its clause starts there, and
    only a reporting verb right before it makes it speech ("We were told we would be 'consulted'"
    keeps a term at a distance; the outer quotation is the speaker's).
    """
    text = doc.text
    lists = _lists()
    inner = quote.inner(text).strip()
    words = _WORD.findall(inner)
    if not words:
        return "empty"
    if len(words) > MAX_SCARE_WORDS:
        return "long"
    s_start, s_end = _sentence_bounds(doc, quote.start)
    nested = quote.depth > 0
    if nested:
        outer = doc.segments.quote_around(quote.start, quote.end)
        if outer is not None:
            s_start, s_end = max(s_start, outer.start + 1), min(s_end, outer.end - 1) if outer.end - 1 > quote.end else s_end
    # Punctuation inside the closing mark may be the host sentence's ('progress,'): only ? and !, or
    # a quote that opens its own sentence or clause, make the quotation a sentence of its own.
    last = inner.rstrip("\"'\u201d\u2019")[-1:] or inner[-1]
    opens = _quote_opens_clause(text, s_start, quote)
    if last in "?!" or (last in ".,;:\u2026" and opens):
        return "sentence"
    # Only the last words before a quote matter (the clause, at most SPEECH_WINDOW words): a
    # bounded look-back keeps a long sentence full of quotes linear.
    before = text[max(s_start, quote.start - LOOK_BACK) : quote.start]
    before_words = [w.lower() for w in _WORD.findall(before)]
    previous = before_words[-1] if before_words else ""
    after_text = text[quote.end : min(s_end, quote.end + LOOK_BACK)]
    after_words = [w.lower() for w in _WORD.findall(after_text[:60])]
    if previous in _words("title_cue"):
        return "title"
    if len(words) > 1 and all(w[0].isupper() for w in words if len(w) > 3) and previous in lists["title_verbs"]:
        return "title"
    if _is_title_case(words, at_start=opens) and not _in_headline(text, s_start, s_end, quote):
        return "title"
    if previous in lists["mention_nouns"] or previous in lists["selection_verbs"]:
        return "mention"
    # An apposition that names the quote a word: '"persistent disruption", a term the act does not define'.
    if re.match(r"\s*[,\u2014\u2013-]", after_text) and after_words[:1]:
        head = after_words[1] if after_words[0] in lists["articles"] and len(after_words) > 1 else after_words[0]
        if head in lists["mention_nouns"]:
            return "mention"
    if after_words[:1] and after_words[0] in lists["meaning_verbs"] or after_words[1:2] and after_words[1] in lists["meaning_verbs"] and after_words[0] in lists["meaning_auxiliaries"]:
        return "mention"
    # Named as a category: "treat a builder as a 'civil dispute'", "reclassified as a 'feature'".
    clause = re.split(r"[;:]", before)[-1]
    clause_words = [w.lower() for w in _WORD.findall(clause)][-SPEECH_WINDOW:]
    as_at = max((i for i, w in enumerate(clause_words) if w == "as"), default=-1)
    if as_at >= len(clause_words) - 2 and as_at > 0 and any(w in lists["naming_verbs"] for w in clause_words[max(0, as_at - NAMING_WINDOW) : as_at]):
        return "mention"
    speech = _words("speech_verb")
    if nested:
        if previous in speech or before.rstrip().endswith(":"):
            return "speech"
        return "scare"
    # Only the current clause counts: a colon or semicolon starts a new one.
    if any(w in speech for w in clause_words):
        return "speech"
    if before.rstrip().endswith(":") and not before.rstrip()[:-1].rstrip().endswith(tuple("\"\u201d")):
        return "speech"
    # '"...," she said' / '"..." — he told': a reporting verb right after a quote that ends with its
    # own punctuation or is set off by a comma or dash; '"X" promises Y' is a subject, not speech.
    after = re.match(r"\s*([,\u2014-]?)\s*((?:[\w'\u2019]+\s+){0,2}[\w'\u2019]+)", after_text)
    set_off = last in ".,!?" or (after is not None and after.group(1) != "")
    if after and set_off and any(w.lower() in speech for w in _WORD.findall(after.group(2))):
        return "speech"
    return "scare"


def _term_end(text: str, start: int, limit: int, quote_at: dict[int, Quote]) -> int | None:
    """End of the term after a qualifier at ``start``: a quote that opens there, else a short noun phrase."""
    gap = re.match(r"\s*", text[start:limit])
    pos = start + gap.end()
    if pos in quote_at:
        return quote_at[pos].end
    end = None
    count = 0
    for m in _WORD.finditer(text, pos, limit):
        between = text[(end if end is not None else pos) : m.start()]
        if end is not None and not re.fullmatch(r"\s+", between):
            break
        if end is None and between.strip():
            break
        if m.group().lower() in _lists()["term_stop"]:
            break
        end = m.end()
        count += 1
        if count == MAX_TERM_WORDS:
            break
    return end


def _joins(gap: str) -> bool:
    """Whether two words with ``gap`` between them are in one run of text (no paragraph break)."""
    return not gap.strip() and "\n\n" not in gap


def _next_verb_end(text: str, pos: int, limit: int) -> int:
    """End of the verb after ``to`` (and of a participle after have/be: claims to have offered)."""
    words = list(_WORD.finditer(text, pos, min(limit, pos + 60)))[:2]
    if not words or not _joins(text[pos : words[0].start()]):
        return pos
    end = words[0].end()
    lists = _lists()
    if words[0].group().lower() in lists["perfect_auxiliaries"] and len(words) > 1 and _joins(text[end : words[1].start()]):
        if words[1].group().lower().endswith(tuple(lists["participle_endings"])):
            end = words[1].end()
    return end


def _attributive(text: str, start: int, end: int) -> bool:
    """The adjective stands between a determiner (or a possessive 's) and the word it qualifies."""
    lists = _lists()
    before = re.search(r"([\w'\u2019]+)\s+$", text[max(0, start - 40) : start])
    after = re.match(r"\s+(\w+)", text[end : end + 40])
    if not before or not after or after.group(1).lower() in lists["not_nouns_after_attributive"]:
        return False
    word = before.group(1).lower()
    return word in lists["attributive_openers"] or word.endswith(("'s", "\u2019s"))


def _near_quote(quotes: list[Quote], starts: list[int], start: int, end: int, text: str) -> bool:
    # Quotes are sorted and do not overlap (``starts`` are their starts): only the last one
    # starting at or before ``start`` and the first one starting at or after ``end`` can
    # contain or touch the span.
    i = bisect.bisect_right(starts, start) - 1
    j = bisect.bisect_left(starts, end)
    for q in {quotes[k] for k in (i, j) if 0 <= k < len(quotes)}:
        if q.start <= start and end <= q.end:
            return True
        if 0 <= q.start - end <= 2 and not text[end : q.start].strip():
            return True
        if 0 <= start - q.end <= 2 and not text[q.end : start].strip():
            return True
    return False


@detector(
    NAME,
    layers=[Layer("distancing", "span", LABELS, "so-called, scare quotes and distancing verbs: a term or claim kept at arm's length")],
    groups=["framing"],
    title="Distancing",
    view="workbench.views.distancing",
)
class DistancingDetector:
    """So-called, scare quotes and distancing verbs."""

    def detect(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        quotes = list(doc.segments.quotes)
        # So-called may qualify a quote nested in a quotation ("This so-called 'consensus' ...").
        quote_at = {q.start: q for q in (*quotes, *doc.segments.nested_quotes)}
        quote_starts = [q.start for q in quotes]
        seen: set[tuple[str, int, int]] = set()

        def emit(label: str, start: int, end: int, cue: str, explanation: str, score: float = 1.0, **extras) -> Iterator[Finding]:
            if (label, start, end) in seen or end <= start:
                return
            seen.add((label, start, end))
            yield make_finding(doc, detector=NAME, layer="distancing", label=label, start=start, end=end, cue=cue, explanation=explanation, score=score, extras=extras)

        found = _matcher_set().finditer_all(text)
        for start, end, cue in found["modifier"]:
            s_end = _sentence_bounds(doc, start)[1]
            term_end = _term_end(text, end, max(s_end, end), quote_at)
            label = _label(cue)
            span_end = term_end if term_end is not None else end
            yield from emit(label, start, span_end, cue, f"'{cue}' marks the term that follows as someone else's label.", 0.95)

        for start, end, cue in found["verb_to"]:
            s_end = _sentence_bounds(doc, start)[1]
            yield from emit("distancing_verb", start, _next_verb_end(text, end, max(s_end, end)), cue, f"'{cue}' reports a purpose or claim the author does not vouch for.", 0.8)

        for start, end, cue in found["adverb"]:
            yield from emit("distancing_verb", start, end, cue, f"'{cue}' attributes the claim to others without endorsing it.", 0.85)

        for start, end, cue in found["attributive"]:
            if _attributive(text, start, end):
                yield from emit("distancing_verb", start, end, cue, f"'{cue}' before its noun labels it as claimed by others, not vouched for.", 0.8)

        for start, end, cue in found["adverb_quoted"]:
            if _near_quote(quotes, quote_starts, start, end, text):
                yield from emit("distancing_verb", start, end, cue, f"'{cue}' next to quotation marks keeps the official wording at a distance.", 0.7)

        for quote, role in quote_roles(doc).items():
            if role == "scare":
                yield from emit(
                    "scare_quotes",
                    quote.start,
                    quote.end,
                    "quotation marks",
                    "Quotation marks around a short term with no reporting verb: the author keeps the word at a distance.",
                    0.75,
                )
