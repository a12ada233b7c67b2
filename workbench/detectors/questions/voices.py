"""Voices in written text: who speaks each quotation, and whether two descriptions name one speaker.

A quotation is attributed by a reporting verb next to it in its own sentence ('"Who pays?" the
mayor asked', 'Paolo asked Ines: "..."'); a quotation without one continues the speaker of the
quotation before it in the same paragraph (news style attributes a quote once and lets it run
on). The verb is kept: an asking verb (*asked*, *wondered*) reports a request, a verb of saying
reports the speaker's own point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.corpus import Document
from workbench.detectors.questions.features import word_lists
from workbench.detectors.questions.finding import _leading_name, _paragraph_of, attribution
from workbench.segment import Quote


@dataclass(frozen=True)
class QuoteVoice:
    """The speaker of a quotation (``None``: unknown), its reporting verb, and whether the
    attribution is the quotation's own (``False``: it continues the quotation before it)."""

    speaker: str | None
    verb: str | None
    own: bool


def quote_voices(doc: Document) -> dict[Quote, QuoteVoice]:
    """The voice of every outermost quotation of the document, in text order."""
    seg, text = doc.segments, doc.text
    quotes = seg.quotes
    voices: dict[Quote, QuoteVoice] = {}
    for i, quote in enumerate(quotes):
        s_start = seg.sentences[seg.sentence_index(quote.start)][0]
        s_end = seg.sentences[seg.sentence_index(max(quote.end - 1, quote.start))][1]
        lo = max(s_start, quotes[i - 1].end) if i else s_start
        hi = min(s_end, quotes[i + 1].start) if i + 1 < len(quotes) else s_end
        hi = max(hi, quote.end)
        found = attribution(doc, text[lo : quote.start], text[quote.end : hi], s_start)
        if found is not None:
            voices[quote] = QuoteVoice(found[0], found[1], True)
            continue
        previous = quotes[i - 1] if i else None
        if previous is not None and _paragraph_of(doc, previous.start) == _paragraph_of(doc, quote.start):
            before = voices[previous]
            voices[quote] = QuoteVoice(before.speaker, before.verb, False)
        else:
            voices[quote] = QuoteVoice(None, None, False)
    return voices


def _name_keys(description: str) -> set[str]:
    skip = word_lists()["speaker_determiners"]
    return {w for w in re.findall(r"[A-Z][\w'\u2019-]+", description) if w.lower() not in skip}


def same_speaker(a: str | None, b: str | None) -> bool | None:
    """Whether two speaker descriptions name one person ("Mayor Elena Ruiz", "Ruiz"); ``None``
    when either is unknown."""
    if a is None or b is None:
        return None
    if a == b:
        return True
    keys_a, keys_b = _name_keys(a), _name_keys(b)
    if keys_a and keys_b:
        return bool(keys_a & keys_b)
    return a.strip().lower() == b.strip().lower()


def reported_reply(doc: Document, start: int, end: int) -> tuple[str, str] | None:
    """(speaker, verb) when the narration ``text[start:end]`` reports someone's reply: a name or
    description opening the sentence followed by a reply verb ("Lund replied that ...",
    "Ruiz said the loan ...")."""
    text = doc.text[start:end]
    who = _leading_name(text, noun_phrase=True) or _leading_name(text)
    if not who:
        return None
    rest = text[text.find(who) + len(who) :]
    m = re.match(r"\s*,?\s*(?:[\w'\u2019]+\s+){0,1}?([\w'\u2019]+)\b", rest)
    if m and m.group(1).lower() in word_lists()["reply_verbs"]:
        return who, m.group(1).lower()
    return None
