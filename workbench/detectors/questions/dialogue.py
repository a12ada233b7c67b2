"""The function of questions in dialogues (``meta["turns"]``): the logistic-regression model."""

from __future__ import annotations

from workbench.corpus import Document
from workbench.detectors.questions.features import QuestionContext, Utterance, dialogue_model, dialogue_probability, next_cues, wh_word
from workbench.detectors.questions.finding import _strip
from workbench.detectors.questions.records import Question, Verdict


def _turn_of(doc: Document, offset: int) -> int | None:
    for t, turn in enumerate(doc.meta.get("turns") or ()):
        if int(turn["start"]) <= offset <= int(turn["end"]):
            return t
    return None


def dialogue_context(doc: Document, q: Question) -> tuple[QuestionContext, tuple[int, int] | None]:
    """The question with its neighbouring utterances, and the span of the next one."""
    turns = doc.meta["turns"]
    # Question.turn counts from 1; the table's turns are a list.
    t = q.turn - 1 if q.turn is not None else _turn_of(doc, q.start)
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
