"""Finding questions: interrogative sentences, quoted questions and who asks them.

In written text a question is a sentence that ends with ``?`` outside quotation marks (the
author's, or in a transcript the speaker's whose turn holds it), or a sentence of a quotation
that ends with ``?`` (each one, also when the quotation goes on: '"Why now? Because we can,"
she said.'). Speakers come from the segmentation's turns (``HOST: ...``) and from the
attribution of each quotation (see :mod:`workbench.detectors.questions.voices`).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from workbench.corpus import Document
from workbench.detectors.questions.features import alternation, word_lists
from workbench.detectors.questions.records import Question
from workbench.segment import Quote, sentence_tokenizer

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
        "speech_verb": alternation(lists["speech_verbs"]),
    }


# ---------------------------------------------------------------- sentences and names


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
    found = attribution(doc, doc.text[sent_start : sent_start + quote[0]], doc.text[sent_start + quote[1] : sent_end], sent_start)
    return found[0] if found else None


def attribution(doc: Document, before: str, after: str, sent_start: int) -> tuple[str | None, str] | None:
    """(speaker, reporting verb) of a quotation from the text right ``after`` it ("..., she asked") or
    right ``before`` it in its own sentence ("Paolo asked Ines: ..."); a pronoun is resolved to the
    name that opens one of the two statements before ``sent_start``."""
    pieces = _patterns()
    pronoun, noun_phrase, verbs = pieces["pronoun"], pieces["noun_phrase"], pieces["speech_verb"]
    patterns = [
        # '"...?" she asked' / '"...," Ruiz said': not a verb that opens the next quotation
        # ('"...?" The official said: "..."' starts a new sentence).
        (after, rf"^\s*,?\s*(?P<who>{pronoun}|{noun_phrase})\s+(?P<verb>{verbs})\b(?!\s*:)"),
        (after, rf"^\s*,?\s*(?P<verb>{verbs})\s+(?P<who>{noun_phrase})"),
        # Only within the quotation's own sentence ("he asked. 'Next ...'" attributes the quote
        # before), and the verb nearest to the quotation (greedy ".*").
        (before, rf"^.*\b(?P<who>{pronoun}|{noun_phrase}),?\s+(?P<verb>{verbs})\b[^\"\u201c\u00ab.!?]*$"),
        # "Parent governor Leah Morris then asked: '...'": a name, an adverb or two, the verb, the quote.
        (before, rf"(?P<who>{pieces['name']})\s+(?:[a-z]+\s+){{0,2}}?(?P<verb>{verbs})\s*[:,]?\s*$"),
    ]
    skip = word_lists()["speaker_determiners"]
    for n, (chunk, pattern) in enumerate(patterns):
        match = re.search(pattern, chunk, re.DOTALL)
        if match and n == 0 and match.group("who").split()[0] in {w.capitalize() for w in skip}:
            match = None  # a capitalised "The ..." after the quotation opens a new sentence
        if match:
            who = match.group("who").strip()
            if who.lower() in word_lists()["subject_pronouns"]:
                return _antecedent(doc, sent_start), match.group("verb").lower()
            return who, match.group("verb").lower()
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
    return index < 0 or not doc.text[end : doc.segments.paragraphs[index][1]].strip(_CLOSERS + " \t\n")


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


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


def quote_pieces(text: str, quote: Quote) -> list[tuple[int, int]]:
    """The sentences inside a quotation, as spans of ``text`` (Punkt, so "Dr." does not end one)."""
    lo, hi = quote.start + 1, quote.end - 1
    inner = text[lo:hi]
    pieces = []
    for s, e in sentence_tokenizer().span_tokenize(inner):
        span = _strip(text, lo + s, lo + e)
        if span:
            pieces.append(span)
    return pieces


# ---------------------------------------------------------------- finding questions


def find_questions(doc: Document, voices: dict | None = None) -> list[Question]:
    """Interrogative sentences of a document in text order (for dialogue tables, flagged turns count as questions).

    ``voices`` are the quotations' voices when the caller has them (``quote_voices(doc)``).
    """
    if doc.meta.get("turns"):
        return _table_questions(doc)
    return _written_questions(doc, voices)


def _table_questions(doc: Document) -> list[Question]:
    seg = doc.segments
    turns = doc.meta["turns"]
    found: list[Question] = []
    for t, turn in enumerate(turns, start=1):
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
                q = _table_sentence_question(doc, i, s, e)
                if q:
                    q.turn = t
                    q.speaker = q.speaker if q.quoted else turn.get("speaker")
                    found.append(q)
    return found


def _table_sentence_question(doc: Document, index: int, start: int, end: int) -> Question | None:
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


def _written_questions(doc: Document, voices: dict | None) -> list[Question]:
    """Questions of written text: the author's or a tagged speaker's ``?`` sentences, and every
    question sentence inside a quotation, with who asks it."""
    from workbench.detectors.questions.voices import quote_voices

    seg, text = doc.segments, doc.text
    asking_verbs = word_lists()["asking_verbs"]
    found: list[Question] = []
    for quote in seg.quotes:
        if "?" not in text[quote.start : quote.end]:
            continue
        if voices is None:
            voices = quote_voices(doc)
        pieces = quote_pieces(text, quote)
        voice = voices[quote]
        for n, (s, e) in enumerate(pieces):
            if not _ends_with_question_mark(text[s:e]):
                continue
            turn = seg.turn_at(s)
            found.append(
                Question(
                    s, e, seg.sentence_index((s + e - 1) // 2), _after_lead_in(text[s:e]), quoted=True, speaker=voice.speaker,
                    turn=turn.index if turn else None, quote=quote, asking=(voice.verb in asking_verbs) if voice.verb else None,
                    last_in_quote=n == len(pieces) - 1,
                )
            )
    for i, (s, e) in enumerate(seg.sentences):
        sentence = text[s:e]
        if not _ends_with_question_mark(sentence):
            continue
        mark = s + len(sentence.rstrip().rstrip(_CLOSERS).rstrip()) - 1
        if seg.quote_around(mark, mark + 1) is not None:
            continue  # the question mark is a quotation's: found above
        turn = seg.turn_at(s)
        if turn is not None and turn.tag_start <= s < turn.start:
            s = turn.start  # "HOST: Was it safe?" -- the question starts after the tag
        found.append(Question(s, e, i, _after_lead_in(text[s:e]), speaker=turn.speaker if turn else None, turn=turn.index if turn else None, paragraph_final=_paragraph_final(doc, e)))
    found.sort(key=lambda q: q.start)
    _choose_spans(doc, found)
    return found


def _choose_spans(doc: Document, found: list[Question]) -> None:
    """A quoted question spans its whole sentence when it is the only question there and the last
    sentence of its quotation ('"Who pays?" the mayor asked.'); otherwise the question itself."""
    seg = doc.segments
    per_sentence: dict[int, int] = {}
    for q in found:
        per_sentence[q.sentence] = per_sentence.get(q.sentence, 0) + 1
    for q in found:
        if not q.quoted:
            continue
        s, e = seg.sentences[q.sentence]
        turn = seg.turn_at(s)
        if turn is not None and turn.tag_start <= s < turn.start:
            s = turn.start
        if q.last_in_quote and per_sentence[q.sentence] == 1 and s <= q.ask_start and q.ask_end <= e:
            q.start, q.end = s, e
        q.paragraph_final = _paragraph_final(doc, q.end)
