"""The function of questions in written text, read in the voice of whoever asks them.

A question's asker is the author, the speaker of a tagged turn (``HOST: ...``) or the speaker of
a quotation. What follows it decides first:

1. a list of answer options makes it a poll (``information_seeking``, ``extras.poll``);
2. the asker going on with an answer (or, for the author's own question, someone quoted at
   once with the answer) makes it ``hypophora``;
3. another speaker's reply (the next turn, the next quotation by someone else, "X replied
   that ...") makes it ``information_seeking``, answered by that reply;
4. a question heading with a paragraph of statements below it is ``hypophora`` (explainers);
5. otherwise rhetorical evidence is summed against ``rhetorical_threshold``: cues, a
   contradicting next sentence, no answer before the paragraph ends, a run of unanswered
   questions, the author (or a speaker) asking and going on without waiting for a reply, a
   quoted question reported with a verb of saying instead of asking.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from workbench.corpus import Document
from workbench.detectors.questions.answers import answer_in, is_heading, poll_options, pronoun_opening, shares_content, tag_question
from workbench.detectors.questions.features import context_cues, next_cues, pattern_cues, question_cues, rules
from workbench.detectors.questions.finding import _antecedent, _ends_with_question_mark, _leading_name, _paragraph_of, _patterns, find_questions, quote_pieces
from workbench.detectors.questions.records import Answer, Question, Verdict
from workbench.detectors.questions.voices import QuoteVoice, quote_voices, reported_reply, same_speaker


@dataclass(frozen=True)
class Next:
    """What follows a question: its span, who says it (``None``: the author), whether it is the
    asker going on (``same``), and whether it follows closely (same paragraph, or the question
    is a heading)."""

    start: int
    end: int
    speaker: str | None
    same: bool
    close: bool


class Reading:
    """One document read for its questions: the questions, the voices of its quotations (computed
    once, when first needed) and how many question headings it has."""

    def __init__(self, doc: Document):
        self.doc = doc
        quoted_question = any("?" in doc.text[q.start : q.end] for q in doc.segments.quotes)
        self.questions = find_questions(doc, self.voices if quoted_question else None)
        self.headings = sum(1 for q in self.questions if not q.quoted and q.turn is None and is_heading(doc, q))

    @cached_property
    def voices(self) -> dict:
        return quote_voices(self.doc) if self.doc.segments.quotes else {}


# ---------------------------------------------------------------- runs


def runs(doc: Document, questions: list[Question]) -> list[list[Question]]:
    """Questions asked back to back in one voice: adjacent sentences of one paragraph (or turn),
    adjacent sentences of one quotation, or quotations of one speaker with only their attribution
    between them."""
    out: list[list[Question]] = []
    for q in questions:
        if out and _back_to_back(doc, out[-1][-1], q):
            out[-1].append(q)
        else:
            out.append([q])
    return out


def _back_to_back(doc: Document, last: Question, q: Question) -> bool:
    if q.flagged or last.flagged:
        return q.flagged and last.flagged and q.turn == (last.turn or 0) + 1 and q.speaker == last.speaker
    if q.quoted != last.quoted or q.turn != last.turn or _paragraph_of(doc, q.ask_start) != _paragraph_of(doc, last.ask_start):
        return False
    if not q.quoted:
        return q.sentence == last.sentence + 1 and q.speaker == last.speaker
    if same_speaker(q.speaker, last.speaker) is False:
        return False
    between = doc.text[last.ask_end : q.ask_start]
    if q.quote == last.quote:
        return not re.search(r"\w", between)
    # '"Why should ...?" he asked. "And why ...?"': only the attribution stands between.
    return len(re.findall(r"\w+", between)) <= 4 and q.sentence <= last.sentence + 1


# ---------------------------------------------------------------- what follows a question


def following(reading: Reading, q: Question) -> Next | None:
    """The sentence (or quoted sentence) right after a question, and who says it."""
    return _after_quoted(reading, q) if q.quoted else _after_narration(reading, q)


def _after_quoted(reading: Reading, q: Question) -> Next | None:
    doc, seg, text = reading.doc, reading.doc.segments, reading.doc.text
    assert q.quote is not None
    pieces = quote_pieces(text, q.quote)
    later = [p for p in pieces if p[0] >= q.ask_end]
    if later:
        return Next(later[0][0], later[0][1], q.speaker, True, True)
    # After the quotation: its own attribution is skipped; then the next quotation of the
    # paragraph (or one that opens the next paragraph), or a narrated reply.
    quotes = seg.quotes
    i = bisect.bisect_left(seg.quote_starts, q.quote.start)
    own_end = seg.sentences[seg.sentence_index(q.quote.end - 1)][1]
    paragraph = _paragraph_of(doc, q.quote.start)
    nxt_quote = quotes[i + 1] if i + 1 < len(quotes) else None
    nxt_sentence = seg.sentence_index(own_end) + 1 if own_end < len(text) else None
    if nxt_sentence is not None and nxt_sentence >= len(seg.sentences):
        nxt_sentence = None
    sentence_span = seg.sentences[nxt_sentence] if nxt_sentence is not None else None
    if nxt_quote is not None:
        q_paragraph = _paragraph_of(doc, nxt_quote.start)
        opens_next = q_paragraph == paragraph + 1 and not text[seg.paragraphs[q_paragraph][0] : nxt_quote.start].strip()
        # The next quotation goes on in the question's own sentence, or opens the next one
        # ('"...?" he asked. "It was ..."'); a quoted word inside a narrated sentence is no reply.
        within = nxt_quote.start < own_end or (sentence_span is not None and not text[sentence_span[0] : nxt_quote.start].strip())
        if (q_paragraph == paragraph and within) or opens_next:
            voice: QuoteVoice = reading.voices.get(nxt_quote, QuoteVoice(None, None, False))
            first = quote_pieces(text, nxt_quote)[:1]
            if first:
                same = same_speaker(q.speaker, voice.speaker)
                if same is None:
                    same = not voice.own
                return Next(first[0][0], first[0][1], voice.speaker, bool(same), q_paragraph == paragraph)
    if sentence_span is not None and _paragraph_of(doc, sentence_span[0]) in (paragraph, paragraph + 1):
        reply = reported_reply(doc, *sentence_span)
        if reply is not None and same_speaker(q.speaker, reply[0]) is not True:
            return Next(sentence_span[0], sentence_span[1], reply[0], False, _paragraph_of(doc, sentence_span[0]) == paragraph)
    return None


def _after_narration(reading: Reading, q: Question) -> Next | None:
    doc, seg, text = reading.doc, reading.doc.segments, reading.doc.text
    index = q.sentence + 1
    mine = seg.turn_at(q.ask_start)
    # A letter's signature ("— T.M., Ashby") closes its turn: the next turn is what follows.
    while mine is not None and index < len(seg.sentences) and seg.turn_at(seg.sentences[index][0]) is None and _paragraph_of(doc, seg.sentences[index][0]) == _paragraph_of(doc, q.ask_start):
        index += 1
    if index >= len(seg.sentences):
        return None
    s, e = seg.sentences[index]
    theirs = seg.turn_at(s)
    if theirs is not None and (mine is None or theirs.index != mine.index):
        start = max(s, theirs.start)
        return Next(start, e, theirs.speaker, False, True) if start < e else None
    if mine is not None and theirs is None:
        return None  # the transcript ends; the narration after it is no reply
    close = _paragraph_of(doc, s) == _paragraph_of(doc, q.ask_start) or is_heading(doc, q)
    i = bisect.bisect_left(seg.quote_starts, s)
    quote = seg.quotes[i] if i < len(seg.quotes) and seg.quotes[i].start < e else None
    if quote is not None and not text[s : quote.start].strip() and q.speaker is None:
        # 'Does he take the bus? "Not regularly," he admitted.': someone quoted at once.
        voice = reading.voices.get(quote)
        if voice is not None and voice.own and voice.speaker:
            first = quote_pieces(text, quote)[:1]
            if first:
                return Next(first[0][0], first[0][1], voice.speaker, False, close)
    return Next(s, e, q.speaker, True, close)


# ---------------------------------------------------------------- verdicts


def written_verdicts(reading: Reading, run: list[Question]) -> list[Verdict]:
    """The function of each question of a run in written text."""
    doc = reading.doc
    cfg = rules()
    last = run[-1]
    options = poll_options(doc, last)
    if options:
        why = f"Information-seeking: a poll question, followed by {options} answer options."
        return [Verdict("information_seeking", 0.9, "poll", why, {"poll": True}) for _ in run]
    nxt = following(reading, last)
    author = not last.quoted and last.turn is None
    call = _call_out(doc, nxt) if author and nxt is not None and nxt.same and nxt.close else None
    if call is not None:
        # A call-out ("Have you been affected? Write to us ...") wants replies: the instruction
        # that follows is no answer.
        why = f"Information-seeking: the text asks for a reply ('{call}') in the sentence after the question."
        return [Verdict("information_seeking", 0.8, f"appeal:{call}", why) for _ in run]
    if nxt is not None and (nxt.same or author):
        answer = answer_in(doc, run, nxt.start, nxt.end, close=nxt.close, speaker=None if nxt.same else nxt.speaker)
        if answer is not None and answer.weight >= cfg["hypophora_threshold"]:
            return [_hypophora(doc, answer) for _ in run]
    if nxt is not None and not nxt.same and not (author and nxt.speaker is not None and _is_quoted_sentence(reading, nxt)):
        who = nxt.speaker or "another speaker"
        answered = {"start": nxt.start, "end": nxt.end, "text": doc.text[nxt.start : nxt.end]}
        extras = {"answered_by": answered, "answer_speaker": nxt.speaker} if nxt.speaker else {"answered_by": answered}
        why = f"Information-seeking: {who} replies next."
        return [Verdict("information_seeking", 0.8, "reply", why, dict(extras)) for _ in run]
    if author and len(run) == 1 and is_heading(doc, last):
        heading = _heading_answer(reading, last)
        if heading is not None:
            return [heading]
    verdicts = [_weigh(reading, run, q, nxt) for q in run]
    return _share_in_series(run, verdicts)


def _is_quoted_sentence(reading: Reading, nxt: Next) -> bool:
    return any(q.start < nxt.start < q.end for q in reading.doc.segments.quotes)


def _hypophora(doc: Document, answer: Answer) -> Verdict:
    answered = {"start": answer.start, "end": answer.end, "text": doc.text[answer.start : answer.end]}
    extras: dict[str, Any] = {"answered_by": answered}
    reason = answer.reason
    if answer.speaker:
        extras["answer_speaker"] = answer.speaker
        reason += f" ({answer.speaker} answers at once)"
    return Verdict("hypophora", min(1.0, 0.5 + 0.25 * answer.weight), f"answer:{answer.cue}", f"Hypophora: {reason}.", extras)


def _heading_answer(reading: Reading, q: Question) -> Verdict | None:
    doc, seg = reading.doc, reading.doc.segments
    cfg = rules()
    paragraph = _paragraph_of(doc, q.ask_start)
    n_start = seg.paragraphs[paragraph + 1][0]
    s, e = seg.sentences[seg.sentence_index(n_start)]
    related = shares_content(q.ask_text, doc.text[s:e])
    if reading.headings >= int(cfg["heading_min"]):
        weight, why = cfg["weights"]["heading"], f"a question heading (one of {reading.headings} in the text) answered by the paragraph below it"
    elif related:
        weight, why = cfg["weights"]["heading_related"], "a question on its own line, answered by the paragraph below it, which takes up its words"
    else:
        return None
    if weight < cfg["hypophora_threshold"]:
        return None
    answered = {"start": s, "end": e, "text": doc.text[s:e]}
    return Verdict("hypophora", 0.75, "answer:heading", f"Hypophora: {why}.", {"answered_by": answered, "heading": True})


def _weigh(reading: Reading, run: list[Question], q: Question, nxt: Next | None) -> Verdict:
    """Rhetorical evidence for one question of a run with no answer and no reply."""
    doc = reading.doc
    cfg = rules()
    weights = cfg["weights"]
    author = not q.quoted and q.turn is None
    voiced = not author  # a quoted or tagged speaker's question
    evidence: list[tuple[float, str, str]] = []
    for cue in question_cues(q.ask_text):
        if cue.label == "rhetorical":
            evidence.append((cue.weight, cue.cue, f"{cue.category.replace('_', ' ')} cue '{cue.cue}'"))
    if not any(e[2].startswith("formula") for e in evidence):
        for pid, weight in pattern_cues(q.ask_text):
            evidence.append((weight, pid, f"formula pattern '{pid}'"))
    if nxt is not None and nxt.same:
        for cue in next_cues(doc.text[nxt.start : nxt.end]):
            if cue.category == "contradiction":
                evidence.append((cue.weight, cue.cue, f"the next sentence goes against the question ('{cue.cue}')"))
    deliberation = _deliberation(doc, run) if author else None
    appeal = _reader_appeal(doc, run) if author else None
    extras: dict[str, Any] = {}
    if author:
        if run[-1].paragraph_final:
            evidence.append((weights["paragraph_final_unanswered"], "unanswered", "no answer follows before the paragraph ends"))
        if len(run) > 1:
            evidence.append((weights["unanswered_series"], "unanswered series", f"one of {len(run)} unanswered questions in a row"))
        if appeal is None:
            evidence.append((weights["author_unanswered"], "author's own question", "the author asks it and leaves it unanswered, inviting no reply"))
        if deliberation:
            evidence.append((weights["deliberation_context"], deliberation[0], f"the text frames the run as deliberation ('{deliberation[0]}')"))
            if deliberation[1] and len(run) > 1:
                extras["attributed_to"] = deliberation[1]
    else:
        if nxt is not None and nxt.same:
            evidence.append((weights["speaker_goes_on"], "goes on", f"{q.speaker or 'the speaker'} goes on without waiting for a reply"))
        if q.quoted and q.asking is False:
            evidence.append((weights["said_not_asked"], "said", "it is reported as said, not asked: the speaker makes a point"))
        if tag_question(q.ask_text) and (nxt is None or nxt.same):
            evidence.append((weights["tag_unanswered"], "tag", "a tag question that nobody else answers"))
    total = sum(w for w, _, _ in evidence)
    positive = sorted((e for e in evidence if e[0] > 0), key=lambda e: -e[0])
    if total >= cfg["rhetorical_threshold"] and positive:
        reasons = "; ".join(r for _, _, r in positive[:3])
        return Verdict("rhetorical", min(1.0, 0.5 + 0.2 * total), positive[0][1], f"Rhetorical: {reasons}.", extras)
    if voiced:
        why = "a question put to someone" + (" (reported as asked)" if q.asking else "")
    elif appeal is not None:
        why = f"the text asks for a reply ('{appeal}')"
    else:
        why = "no answer from the author and too little rhetorical evidence"
    return Verdict("information_seeking", 0.6, "default", f"Information-seeking: {why}.", extras)


def _share_in_series(run: list[Question], verdicts: list[Verdict]) -> list[Verdict]:
    """A speaker's run of questions with no reply shares its function: a question without
    evidence of its own is rhetorical when another of the run is."""
    rhetorical = [v for v in verdicts if v.label == "rhetorical"]
    if not rhetorical or len(run) < 2 or not run[0].quoted:
        return verdicts
    shared = []
    for v in verdicts:
        if v.label == "information_seeking" and v.cue == "default":
            v = Verdict("rhetorical", rhetorical[0].score, "series", f"Rhetorical: asked in a row with a rhetorical question ({rhetorical[0].cue}), with no reply between.", v.extras)
        shared.append(v)
    return shared


def _sentence_text(doc: Document, index: int) -> str | None:
    seg = doc.segments
    if 0 <= index < len(seg.sentences):
        s, e = seg.sentences[index]
        return doc.text[s:e]
    return None


def _deliberation(doc: Document, run: list[Question]) -> tuple[str, str | None] | None:
    """A deliberation cue in the sentence after or before the run, and the actor it names."""
    paragraph = _paragraph_of(doc, run[0].start)
    found: list[tuple[str, str | None]] = []
    for index in (run[-1].sentence + 1, run[0].sentence - 1):
        text = _sentence_text(doc, index)
        if text is None or _ends_with_question_mark(text) or _paragraph_of(doc, doc.segments.sentences[index][0]) != paragraph:
            continue
        cues = [c for c in context_cues(text) if c.category == "deliberation"]
        if cues:
            start = doc.segments.sentences[index][0]
            actor = _leading_name(text) or (_antecedent(doc, start) if pronoun_opening(text) else None)
            found.append((cues[0].cue, actor))
    # Prefer the cue whose sentence names the actor.
    named = [f for f in found if f[1]]
    return (named or found or [None])[0]


def _reader_appeal(doc: Document, run: list[Question]) -> str | None:
    """An invitation to reply ("Tell us what you think: ...?") in the run's sentences or the one before or after."""
    for index in (*(q.sentence for q in run), run[0].sentence - 1, run[-1].sentence + 1):
        text = _sentence_text(doc, index)
        if text is None:
            continue
        for cue in context_cues(text):
            if cue.category == "addressee" or (cue.category == "appeal" and _opens_clause(text, cue.cue)):
                return cue.cue
    return None


def _call_out(doc: Document, nxt: Next) -> str | None:
    """An appeal cue that opens the sentence after the question ("Write to Nadia at ...")."""
    text = doc.text[nxt.start : nxt.end]
    for cue in context_cues(text):
        if cue.category == "appeal" and re.match(r"\W*(?:please\s+)?" + re.escape(cue.cue) + r"\b", text.replace("\u2019", "'"), re.IGNORECASE):
            return cue.cue
    return None


def _opens_clause(text: str, phrase: str) -> bool:
    """``phrase`` starts the sentence or a clause (after punctuation or "please", "so", "and"): an imperative."""
    pattern = rf"(?:^|[.:;!?\u2014\"\u201c(]\s*|\b{_patterns()['imperative_opener']}\s+){re.escape(phrase)}\b"
    return re.search(pattern, text.strip().replace("\u2019", "'"), re.IGNORECASE) is not None
