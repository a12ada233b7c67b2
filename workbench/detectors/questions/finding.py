"""Finding questions: interrogative sentences, quoted questions and who asked them."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from workbench.corpus import Document
from workbench.detectors.questions.features import alternation, word_lists
from workbench.detectors.questions.records import Question

_CLOSERS = "\"'\u201d\u2019)]\u00bb"
_CLOSING_QUOTES = "\"\u201d\u00bb\u201c"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, str]:
    """Regex pieces built from the word lists: a proper name, a noun phrase naming a speaker, the
    third-person pronouns, the connectives before a sentence's subject."""
    lists = word_lists()
    name = r"(?:[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|" + alternation(lists["name_particles"]) + r"))*)"
    determiners = alternation(lists["noun_phrase_determiners"], initial="either")
    return {
        "name": name,
        "noun_phrase": r"(?:" + determiners + r"\s+(?:[\w-]+\s+){0,2}[\w-]+|" + name + ")",
        "pronoun": alternation(lists["third_person_pronouns"], initial="either"),
        "pronoun_opening": alternation(lists["third_person_pronouns"], initial="upper"),
        "connective": alternation(lists["sentence_connectives"], initial="upper"),
        "antecedent_determiner": alternation(lists["antecedent_determiners"], initial="upper"),
        "imperative_opener": alternation(lists["imperative_openers"]),
    }


# ---------------------------------------------------------------- finding questions


def _ends_with_question_mark(text: str) -> bool:
    return text.rstrip().rstrip(_CLOSERS).rstrip().endswith("?")


def _quoted_question(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    """Span (relative to ``start``) of the first quotation in ``doc.text[start:end]`` that ends with ``?``.

    Quotation marks come from the segmentation's one quote finder.
    """
    seg = doc.segments
    i = bisect.bisect_left(seg.quote_starts, start)
    while i < len(seg.quotes) and seg.quotes[i].start < end:
        quote = seg.quotes[i]
        if quote.end <= end and doc.text[quote.start + 1 : quote.end - 1].rstrip().endswith("?"):
            return quote.start - start, quote.end - start
        i += 1
    return None


def _speaker_of_quote(doc: Document, sent_start: int, sent_end: int, quote: tuple[int, int]) -> str | None:
    """Who a quotation is attributed to: "X asked, '...?'" or "'...?' X asked / asked X"."""
    verbs = alternation(word_lists()["speech_verbs"])
    before = doc.text[sent_start : sent_start + quote[0]]
    after = doc.text[sent_start + quote[1] : sent_end]
    pieces = _patterns()
    pronoun, noun_phrase = pieces["pronoun"], pieces["noun_phrase"]
    patterns = [
        (after, rf"^\s*,?\s*(?P<who>{pronoun}|{noun_phrase})\s+(?:{verbs})\b"),
        (after, rf"^\s*,?\s*(?:{verbs})\s+(?P<who>{noun_phrase})"),
        (before, rf"\b(?P<who>{pronoun}|{noun_phrase}),?\s+(?:{verbs})\b[^\"\u201c\u00ab]*$"),
    ]
    for chunk, pattern in patterns:
        match = re.search(pattern, chunk)
        if match:
            who = match.group("who").strip()
            if who.lower() in word_lists()["subject_pronouns"]:
                return _antecedent(doc, sent_start)
            return who
    return None


def _leading_name(text: str, *, noun_phrase: bool = False) -> str | None:
    """The proper name that opens a sentence (its likely subject), skipping connectives.

    With ``noun_phrase``, a possessive or definite phrase ("Her daughter") also counts,
    as the antecedent of a pronoun.
    """
    pieces = _patterns()
    lead = r"\s*(?:" + pieces["connective"] + r"\s*,?\s+)?"
    if noun_phrase:
        match = re.match(lead + r"(?P<who>" + pieces["antecedent_determiner"] + r"\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)(?=,|\s+[a-z]+(?:ed|s)\b)", text)
        if match:
            return match.group("who")
    match = re.match(lead + "(?P<who>" + pieces["name"] + r")", text)
    if not match:
        return None
    who = match.group("who")
    first = who.split()[0].lower()
    lists = word_lists()
    if first in lists["subject_pronouns"] or first in lists["not_verbs"] or first in lists["wh_words"] or first in lists["finite_markers"]:
        return None
    return who


def _antecedent(doc: Document, offset: int) -> str | None:
    """The name that opens one of the two statements before ``offset`` (for "he", "she"); questions are skipped."""
    seg = doc.segments
    looked = 0
    for i in range(seg.sentence_index(offset), -1, -1):
        start, end = seg.sentences[i]
        if start >= offset or _ends_with_question_mark(doc.text[start:end]):
            continue
        name = _leading_name(doc.text[start:end], noun_phrase=True)
        if name:
            return name
        looked += 1
        if looked == 2:
            break
    return None


def _paragraph_of(doc: Document, offset: int) -> int:
    paragraphs = doc.segments.paragraphs
    i = bisect.bisect_right(paragraphs, (offset, len(doc.text) + 1)) - 1
    return i if i >= 0 and paragraphs[i][0] <= offset < paragraphs[i][1] else -1


def _paragraph_final(doc: Document, end: int) -> bool:
    index = _paragraph_of(doc, end - 1)
    return index < 0 or not doc.text[end : doc.segments.paragraphs[index][1]].strip()


def find_questions(doc: Document) -> list[Question]:
    """Interrogative sentences of a document (for dialogues, flagged turns count as questions)."""
    seg = doc.segments
    turns = doc.meta.get("turns")
    found: list[Question] = []
    if turns:
        for t, turn in enumerate(turns):
            start, end = int(turn["start"]), int(turn["end"])
            span = _strip(doc.text, start, end)
            if span is None:
                continue
            flag = turn.get("question")
            if flag is True:
                found.append(Question(span[0], span[1], seg.sentence_index(span[0]), doc.text[span[0] : span[1]], speaker=turn.get("speaker"), turn=t, flagged=True))
                continue
            if flag is False:
                continue
            # Sentences never cross a turn boundary, so the turn's sentences are one contiguous slice.
            first = bisect.bisect_left(seg.sentence_starts, span[0])
            last = bisect.bisect_left(seg.sentence_starts, span[1])
            for i in range(first, last):
                s, e = seg.sentences[i]
                if e <= span[1]:
                    q = _sentence_question(doc, i, s, e)
                    if q:
                        q.turn = t
                        q.speaker = q.speaker if q.quoted else turn.get("speaker")
                        found.append(q)
        return found
    for i, (s, e) in enumerate(seg.sentences):
        q = _sentence_question(doc, i, s, e)
        if q:
            found.append(q)
    return found


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _sentence_question(doc: Document, index: int, start: int, end: int) -> Question | None:
    text = doc.text[start:end]
    quote = _quoted_question(doc, start, end)
    if _ends_with_question_mark(text):
        # "She asked: 'Is it legal?'" ends with ?" -- the question is the quotation's.
        tail = text.rstrip().rstrip(_CLOSERS)
        quoted = quote is not None and quote[1] >= len(tail) and text.rstrip()[len(tail) :][:1] in _CLOSING_QUOTES
        if quoted:
            assert quote is not None
            ask = _quoted_ask(text[quote[0] + 1 : quote[1] - 1])
            return Question(start, end, index, ask, quoted=True, speaker=_speaker_of_quote(doc, start, end, quote), paragraph_final=_paragraph_final(doc, end))
        return Question(start, end, index, _after_lead_in(text), paragraph_final=_paragraph_final(doc, end))
    if quote is not None:
        ask = _quoted_ask(text[quote[0] + 1 : quote[1] - 1])
        return Question(start, end, index, ask, quoted=True, speaker=_speaker_of_quote(doc, start, end, quote), paragraph_final=_paragraph_final(doc, end))
    return None


def _quoted_ask(quotation: str) -> str:
    """The question of a quotation: its last sentence ('I have sat here for years. How am I to pay?'),
    read from a lead-in colon if it has one."""
    return _after_lead_in(re.split(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])", quotation.strip())[-1])


def _after_lead_in(text: str) -> str:
    """The direct question after a lead-in colon ("The councillors had one question: how many visit?").

    The span stays the whole sentence; its wording cues and wh-word come from the question itself.
    """
    lead_in, colon, rest = text.partition(": ")
    return rest if colon and "?" not in lead_in and len(rest.split()) >= 3 else text
