"""Distancing: *so-called*, scare quotes and distancing verbs (issue 5, layer ``distancing``).

* ``so_called`` — the qualifier and the term it qualifies (the quoted term, or the
  following noun phrase of at most four words).
* ``scare_quotes`` — quotation marks around a short term the author keeps at a
  distance. Quotation marks are *not* scare quotes when they carry reported speech
  (a reporting verb such as said/told/asked/promised/reading/called in the clause
  before the quote, or right after it), a whole quoted sentence, a long stretch of
  words, or the title of a work.
* ``distancing_verb`` — was supposed to, claims to, is said to (with the verb that
  follows), allegedly, purportedly, self-styled (with its term), and *officially*
  next to quotation marks.

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
from workbench.segment import Quote

NAME = "distancing"
LABELS = ("so_called", "scare_quotes", "distancing_verb")
# Scare quotes mark a term, not a statement: longer quoted stretches are quotations.
MAX_SCARE_WORDS = 4
# How far back (in words, within the sentence) a reporting verb still governs a quote.
SPEECH_WINDOW = 12
# Characters looked at on either side of a quote for its role: far more than SPEECH_WINDOW words.
LOOK_BACK = 300
# A so-called / self-styled term without quotation marks is a short noun phrase.
MAX_TERM_WORDS = 4
RULES_LEXICON = "distancing_rules"
# Non-breaking hyphens (U+2010, U+2011) join words as "-" does: so\u2011called is one word.
_WORD = re.compile(r"\w+(?:[-'\u2019\u2010\u2011]\w+)*")


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
    """The four cue kinds that are phrases, matched in one scan of a document."""
    return MatcherSet({kind: _matcher(kind) for kind in ("modifier", "verb_to", "adverb", "adverb_quoted")})


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


def quote_role(doc: Document, quote: Quote) -> str:
    """Why a pair of quotation marks is used: ``scare``, ``speech``, ``long``, ``sentence`` or ``title``."""
    text = doc.text
    inner = quote.inner(text).strip()
    words = _WORD.findall(inner)
    if not words:
        return "empty"
    if len(words) > MAX_SCARE_WORDS:
        return "long"
    # A quoted sentence ("We will win," she said) is speech whatever its length.
    if inner[-1] in ".,!?;:\u2026" or (inner[-1] in "\"'\u201d\u2019" and len(inner) > 1 and inner[-2] in ".,!?"):
        return "sentence"
    s_start, s_end = _sentence_bounds(doc, quote.start)
    # Only the last words before a quote matter (the clause, at most SPEECH_WINDOW words): a
    # bounded look-back keeps a long sentence full of quotes linear.
    before = text[max(s_start, quote.start - LOOK_BACK) : quote.start]
    before_words = [w.lower() for w in _WORD.findall(before)]
    if before_words and before_words[-1] in _words("title_cue"):
        return "title"
    if len(words) > 1 and all(w[0].isupper() for w in words if len(w) > 3) and before_words and before_words[-1] in _lists()["title_verbs"]:
        return "title"
    speech = _words("speech_verb")
    # Only the current clause counts: a colon or semicolon starts a new one.
    clause = re.split(r"[;:]", before)[-1]
    clause_words = [w.lower() for w in _WORD.findall(clause)][-SPEECH_WINDOW:]
    if any(w in speech for w in clause_words):
        return "speech"
    if before.rstrip().endswith(":") and not before.rstrip()[:-1].rstrip().endswith(tuple("\"\u201d")):
        return "speech"
    # "... ," she said / "..." he told: a reporting verb right after the quote.
    after = re.match(r"\s*[,\u2014-]?\s*((?:[\w'\u2019]+\s+){0,2}[\w'\u2019]+)", text[quote.end : min(s_end, quote.end + LOOK_BACK)])
    if after and any(w.lower() in speech for w in _WORD.findall(after.group(1))):
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
        quote_at = {q.start: q for q in quotes}
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

        for start, end, cue in found["adverb_quoted"]:
            if _near_quote(quotes, quote_starts, start, end, text):
                yield from emit("distancing_verb", start, end, cue, f"'{cue}' next to quotation marks keeps the official wording at a distance.", 0.7)

        for quote in quotes:
            role = quote_role(doc, quote)
            if role == "scare":
                yield from emit(
                    "scare_quotes",
                    quote.start,
                    quote.end,
                    "quotation marks",
                    "Quotation marks around a short term with no reporting verb: the author keeps the word at a distance.",
                    0.75,
                )
