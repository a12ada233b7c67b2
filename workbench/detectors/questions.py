"""Question detector: finds interrogative sentences and tells what they do.

Labels (layer ``question``): ``hypophora`` (the asker answers at once),
``rhetorical`` (asked to make a point, no answer expected) and ``information_seeking``.

* Written text: a sentence is a question when it ends with ``?`` (closing quotes and
  brackets aside) or holds a quoted question (``"Who pays?" the mayor asked.``, marked
  ``quoted``). Headlines without ``?`` and indirect questions are not questions. The
  function comes from weighted evidence (cues in ``lexicons/questions.tsv``, weights
  and thresholds in ``models/questions_rules.yaml``, word lists in
  ``lexicons/questions_rules.yaml``).
* Dialogues (``meta["turns"]``): a turn flagged ``question`` is one question even
  without ``?``; the function comes from a logistic-regression model over the question
  and its neighbouring utterances (``models/questions_dialogue.json``, rebuilt by
  ``scripts/train_questions.py``).

Questions asked back to back share ``extras.series``; ``extras.answered_by`` holds the
answer's offsets; ``extras.attributed_to`` names whose deliberation a run of questions
voices, or who asked a quoted question.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from workbench.corpus import Document
from workbench.detectors.base import make_finding
from workbench.detectors.questions_features import (
    QuestionContext,
    Utterance,
    alternation,
    context_cues,
    dialogue_model,
    dialogue_probability,
    next_cues,
    question_cues,
    rules,
    wh_word,
    word_lists,
    words,
)
from workbench.detectors.registry import Layer, detector
from workbench.findings import Finding

NAME = "question"
LAYER = "question"
LABELS = ("information_seeking", "hypophora", "rhetorical")
# Lexicon categories whose cue opening the next sentence answers the question ("Because ...", "I suspect not.").
ANSWER_CATEGORIES = frozenset({"answer", "hedged_answer"})
_CLOSERS = "\"'\u201d\u2019)]\u00bb"
_OPENING_QUOTES = "\"\u201c\u00ab\u201e"
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


@dataclass
class Question:
    """A question found in a document, before its function is decided."""

    start: int
    end: int
    sentence: int
    ask_text: str  # the interrogative part that features are computed on
    quoted: bool = False
    speaker: str | None = None  # dialogue speaker or quoted speaker
    turn: int | None = None
    flagged: bool = False  # dialogue annotation says this turn is a question
    paragraph_final: bool = False


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


# ---------------------------------------------------------------- series and context


def _runs(doc: Document, questions: list[Question]) -> list[list[Question]]:
    """Questions asked back to back: adjacent sentences of one paragraph (or turns), same voice."""
    runs: list[list[Question]] = []
    for q in questions:
        if runs:
            last = runs[-1][-1]
            same_block = _paragraph_of(doc, q.start) == _paragraph_of(doc, last.start)
            if q.sentence == last.sentence + 1 and same_block and q.quoted == last.quoted and q.speaker == last.speaker and not q.flagged and not last.flagged:
                runs[-1].append(q)
                continue
            if q.flagged and last.flagged and q.turn == (last.turn or 0) + 1 and q.speaker == last.speaker:
                runs[-1].append(q)
                continue
        runs.append([q])
    return runs


def _sentence_text(doc: Document, index: int) -> str | None:
    seg = doc.segments
    if 0 <= index < len(seg.sentences):
        s, e = seg.sentences[index]
        return doc.text[s:e]
    return None


def _turn_of(doc: Document, offset: int) -> int | None:
    for t, turn in enumerate(doc.meta.get("turns") or ()):
        if int(turn["start"]) <= offset <= int(turn["end"]):
            return t
    return None


def dialogue_context(doc: Document, q: Question) -> tuple[QuestionContext, tuple[int, int] | None]:
    """The question with its neighbouring utterances, and the span of the next one."""
    turns = doc.meta["turns"]
    t = q.turn if q.turn is not None else _turn_of(doc, q.start)
    assert t is not None
    turn = turns[t]
    speaker = turn.get("speaker")

    def utt(index: int) -> tuple[Utterance, tuple[int, int]] | None:
        if not 0 <= index < len(turns):
            return None
        other = turns[index]
        span = _strip(doc.text, int(other["start"]), int(other["end"]))
        if span is None:
            return None
        return Utterance(doc.text[span[0] : span[1]], other.get("speaker") == speaker), span

    rest = _strip(doc.text, q.end, int(turn["end"]))
    before = _strip(doc.text, int(turn["start"]), q.start)
    nxt = (Utterance(doc.text[rest[0] : rest[1]], True), rest) if rest else utt(t + 1)
    if before:
        prev, prev2 = (Utterance(doc.text[before[0] : before[1]], True), before), utt(t - 1)
    else:
        prev, prev2 = utt(t - 1), utt(t - 2)
    ctx = QuestionContext(
        text=q.ask_text,
        next=nxt[0] if nxt else None,
        prev=prev[0] if prev else None,
        prev2=prev2[0] if prev2 else None,
    )
    return ctx, (nxt[1] if nxt else None)


# ---------------------------------------------------------------- function: written text


@dataclass
class Verdict:
    label: str
    score: float
    cue: str
    explanation: str
    extras: dict[str, Any] = field(default_factory=dict)


def _answer_evidence(doc: Document, run: list[Question]) -> tuple[float, str, str, tuple[int, int]] | None:
    """Evidence that the sentence after a run of questions answers it: (weight, cue, reason, span)."""
    if run[-1].quoted:
        return None
    cfg, lists = rules(), word_lists()
    seg = doc.segments
    best: tuple[float, str, str, tuple[int, int]] | None = None
    for k in range(1, int(cfg["answer_window"]) + 1):
        index = run[-1].sentence + k
        text = _sentence_text(doc, index)
        if text is None or _ends_with_question_mark(text) or _quoted_question(doc, *seg.sentences[index]):
            break
        span = seg.sentences[index]
        candidates: list[tuple[float, str, str]] = []
        for cue in next_cues(text):
            if cue.category in ANSWER_CATEGORIES:
                if cue.cue in lists["person_answers"] and any(wh_word(q.ask_text) not in {None, *lists["person_wh_words"]} for q in run):
                    continue
                if cue.category == "hedged_answer" and not _is_whole_reply(text, cue.cue):
                    continue  # "I doubt that the council has looked" is a new claim, not "I doubt it"
                candidates.append((cue.weight, cue.cue, f"the next sentence opens with the answer-like '{cue.cue}'"))
        any_wh = any(wh_word(q.ask_text) for q in run)
        tokens = [w for w in words(text) if w != "?"]
        if any(c.category == "contradiction" for c in next_cues(text)):
            break  # "Yet ..." goes against the question instead of answering it
        fragment = _is_fragment(tokens)
        if not fragment:
            # "Six months, targets agreed in advance, and a review." / "Only one: that she started late."
            # The first clause alone can be the verbless reply; a linking opener ("However, ...") is not.
            first = words(re.split(r"[,;:\u2014]|\s[-\u2013]\s", text, maxsplit=1)[0])
            fragment = (_is_fragment(first) and first[0] not in lists["clause_links"] and len(first) < len(tokens)
                        and not any(w in lists["time_adverbials"] for w in first))
        if fragment and any_wh:
            candidates.append((cfg["weights"]["fragment_answer"], "fragment", "a verbless fragment fills the wh-gap"))
        elif fragment and any(w in lists["polar_answer_words"] for w in tokens):
            candidates.append((cfg["weights"]["fragment_answer"], "polar fragment", "a short verbless reply answers the yes/no question"))
        if any_wh and len(tokens) >= 2 and tokens[0] not in lists["not_verbs"] and tokens[1] in lists["object_openers"] and not tokens[0].endswith("ly") and re.match(r"\s*[A-Z][a-z]+\s", text) and not _is_name_like(doc, tokens[0]):
            candidates.append((cfg["weights"]["bare_verb_answer"], "bare verb", f"the next sentence opens with the bare verb '{text.split()[0]}', answering the wh-question"))
        for weight, cue, reason in candidates:
            if best is None or weight > best[0]:
                best = (weight, cue, reason, span)
        if best:
            break
    return best


def _is_fragment(tokens: list[str]) -> bool:
    """A short run of words without an auxiliary, a subject pronoun or a past form: a verbless reply."""
    return 0 < len(tokens) <= int(rules()["fragment_max_words"]) and not any(_looks_finite(w) for w in tokens)


def _is_whole_reply(text: str, cue: str) -> bool:
    """The sentence is the reply itself, perhaps with a tail after a comma ("I suspect not, though ...")."""
    return re.match(rf"\W*{re.escape(cue)}\s*(?:[.,;:!\u2014]|$)", text.replace("\u2019", "'"), re.IGNORECASE) is not None


def _looks_finite(word: str) -> bool:
    """A word that shows a finite clause: an auxiliary, a subject pronoun, a common past form or an -ed form."""
    lists = word_lists()
    return word in lists["finite_markers"] or word in lists["finite_verbs"] or (len(word) >= 5 and word.endswith("ed"))


def _is_name_like(doc: Document, word: str) -> bool:
    """A word that appears capitalised mid-sentence in the document is a name, not a verb."""
    # The look-behind comes after the word so that re can jump to the word's letters;
    # leading with it made every call scan the document position by position.
    name = re.escape(word.capitalize())
    return re.search(rf"{name}(?<=[a-z,;] {name})\b", doc.text) is not None


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
            actor = _leading_name(text) or (_antecedent(doc, start) if re.match(r"\s*" + _patterns()["pronoun_opening"] + r"\b", text) else None)
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


def _opens_clause(text: str, phrase: str) -> bool:
    """``phrase`` starts the sentence or a clause (after punctuation or "please", "so", "and"): an imperative."""
    pattern = rf"(?:^|[.:;!?\u2014\"\u201c(]\s*|\b{_patterns()['imperative_opener']}\s+){re.escape(phrase)}\b"
    return re.search(pattern, text.strip().replace("\u2019", "'"), re.IGNORECASE) is not None


def _written_verdicts(doc: Document, run: list[Question]) -> list[Verdict]:
    cfg = rules()
    weights = cfg["weights"]
    answer = _answer_evidence(doc, run)
    if answer and answer[0] >= cfg["hypophora_threshold"]:
        weight, cue, reason, span = answer
        answered = {"start": span[0], "end": span[1], "text": doc.text[span[0] : span[1]]}
        return [Verdict("hypophora", min(1.0, 0.5 + 0.25 * weight), f"answer:{cue}", f"Hypophora: {reason}.", {"answered_by": answered}) for _ in run]
    deliberation = _deliberation(doc, run) if not run[0].quoted else None
    appeal = _reader_appeal(doc, run) if not run[0].quoted else None
    verdicts = []
    for q in run:
        evidence: list[tuple[float, str, str]] = []
        for cue in question_cues(q.ask_text):
            if cue.label == "rhetorical":
                evidence.append((cue.weight, cue.cue, f"{cue.category.replace('_', ' ')} cue '{cue.cue}'"))
        nxt = _sentence_text(doc, run[-1].sentence + 1)
        if nxt is not None and not q.quoted:
            for cue in next_cues(nxt):
                if cue.category == "contradiction":
                    evidence.append((cue.weight, cue.cue, f"the next sentence goes against the question ('{cue.cue}')"))
        if not q.quoted and run[-1].paragraph_final:
            evidence.append((weights["paragraph_final_unanswered"], "unanswered", "no answer follows before the paragraph ends"))
        if not q.quoted and len(run) > 1:
            evidence.append((weights["unanswered_series"], "unanswered series", f"one of {len(run)} unanswered questions in a row"))
        if not q.quoted and appeal is None:
            evidence.append((weights["author_unanswered"], "author's own question", "the author asks it and leaves it unanswered, inviting no reply"))
        extras: dict[str, Any] = {}
        if deliberation:
            evidence.append((weights["deliberation_context"], deliberation[0], f"the text frames the run as deliberation ('{deliberation[0]}')"))
            if deliberation[1] and len(run) > 1:
                extras["attributed_to"] = deliberation[1]
        if q.quoted:
            evidence.append((weights["quoted"], "quoted", "it is quoted speech, asked of someone"))
        total = sum(w for w, _, _ in evidence)
        positive = sorted((e for e in evidence if e[0] > 0), key=lambda e: -e[0])
        if total >= cfg["rhetorical_threshold"] and positive:
            reasons = "; ".join(r for _, _, r in positive[:3])
            verdicts.append(Verdict("rhetorical", min(1.0, 0.5 + 0.2 * total), positive[0][1], f"Rhetorical: {reasons}.", extras))
        else:
            if q.quoted:
                why = "quoted question put to someone"
            elif appeal is not None:
                why = f"the text asks for a reply ('{appeal}')"
            else:
                why = "no answer from the author and too little rhetorical evidence"
            verdicts.append(Verdict("information_seeking", 0.6, "default", f"Information-seeking: {why}.", extras))
    return verdicts


# ---------------------------------------------------------------- function: dialogue


def _dialogue_verdict(doc: Document, q: Question) -> Verdict:
    ctx, next_span = dialogue_context(doc, q)
    p, contributions = dialogue_probability(ctx)
    threshold = float(dialogue_model()["threshold"])
    flagged = "flagged as a question" if q.flagged else "ends with '?'"
    if p < threshold:
        return Verdict("information_seeking", round(1.0 - p, 4), "model", f"Information-seeking: the utterance is {flagged} and the dialogue model gives P(rhetorical)={p:.2f} < {threshold:.2f}.")
    top = ", ".join(name for name, w in contributions[:3] if w > 0) or "bias"
    answered = ctx.next is not None and ctx.next.same_speaker and next_span is not None and (
        any(c.category == "answer" for c in next_cues(ctx.next.text)) or bool(wh_word(ctx.text))
    )
    if answered:
        assert next_span is not None
        extras = {"answered_by": {"start": next_span[0], "end": next_span[1], "text": doc.text[next_span[0] : next_span[1]]}}
        return Verdict("hypophora", round(p, 4), "model", f"Hypophora: the same speaker goes on with an answer; model P={p:.2f} (strongest evidence: {top}).", extras)
    return Verdict("rhetorical", round(p, 4), "model", f"Rhetorical: model P={p:.2f} >= {threshold:.2f} (strongest evidence: {top}).")


# ---------------------------------------------------------------- the detector


def analyse(doc: Document) -> list[tuple[Question, Verdict]]:
    """Every question of the document with its function, in text order."""
    questions = find_questions(doc)
    dialogue = bool(doc.meta.get("turns"))
    out: list[tuple[Question, Verdict]] = []
    series = 0
    for run in _runs(doc, questions):
        if len(run) > 1:
            series += 1
        if dialogue:
            verdicts = [_dialogue_verdict(doc, q) for q in run]
        else:
            verdicts = _written_verdicts(doc, run)
        for q, verdict in zip(run, verdicts):
            if len(run) > 1:
                verdict.extras["series"] = series
            if q.quoted:
                verdict.extras["quoted"] = True
                if q.speaker:
                    verdict.extras.setdefault("attributed_to", q.speaker)
            elif dialogue and q.speaker is not None:
                verdict.extras["speaker"] = q.speaker
            out.append((q, verdict))
    return out


@detector(
    NAME,
    layers=[Layer(LAYER, "sentence", LABELS, "interrogative sentences by function: information-seeking, hypophora (asked and answered), rhetorical")],
    title="Questions",
    view="workbench.views.questions",
)
class QuestionDetector:
    """Interrogative sentences labelled information_seeking, hypophora or rhetorical."""

    def detect(self, doc: Document) -> Iterable[Finding]:
        for q, verdict in analyse(doc):
            yield make_finding(
                doc,
                detector=NAME,
                layer=LAYER,
                label=verdict.label,
                start=q.start,
                end=q.end,
                cue=verdict.cue,
                explanation=verdict.explanation,
                score=verdict.score,
                extras=verdict.extras,
            )

