"""Question detector: finds interrogative sentences and tells what they do.

Labels (layer ``question``): ``hypophora`` (the asker answers at once),
``rhetorical`` (asked to make a point, no answer expected) and ``information_seeking``.

* Written text: a sentence is a question when it ends with ``?`` (closing quotes and
  brackets aside), and so is every sentence of a quotation that ends with ``?`` (marked
  ``quoted``). Headlines without ``?`` and indirect questions are not questions. Each
  question is read in its asker's voice: the author's, a tagged speaker's in a transcript
  (``HOST: ...``, from the segmentation's turns) or a quotation's speaker. The function comes
  from what follows (an answer by the asker, a reply by someone else, answer options, a
  paragraph under a question heading) and from weighted rhetorical evidence (cues in
  ``lexicons/questions.tsv``, weights and thresholds in ``models/questions_rules.yaml``, word
  lists in ``lexicons/questions_rules.yaml``).
* Dialogue tables (``meta["turns"]``): a turn flagged ``question`` is one question even
  without ``?``; the function comes from a logistic-regression model over the question
  and its neighbouring utterances (``models/questions_dialogue.json``, rebuilt by
  ``scripts/train_questions.py``).

Questions asked back to back share ``extras.series``; ``extras.answered_by`` holds the
answer's offsets (``answer_speaker`` when someone else gives it); ``extras.speaker`` names
who asks (a transcript's speaker or a quotation's; absent for the author) and ``extras.turn``
the speaker's turn (counted from 1); ``extras.attributed_to`` names whose deliberation a run of
questions voices, or who asked a quoted question.
"""

from __future__ import annotations

from typing import Iterable

from workbench.corpus import Document
from workbench.detectors.base import make_finding
from workbench.detectors.questions.dialogue import _dialogue_verdict, dialogue_context
from workbench.detectors.questions.finding import _quoted_question, find_questions
from workbench.detectors.questions.records import Question, Verdict
from workbench.detectors.questions.written import Reading, runs, written_verdicts
from workbench.detectors.registry import Layer, detector
from workbench.findings import Finding

NAME = "question"
LAYER = "question"
LABELS = ("information_seeking", "hypophora", "rhetorical")

__all__ = ["LABELS", "LAYER", "NAME", "Question", "QuestionDetector", "Verdict", "analyse", "dialogue_context", "find_questions", "_quoted_question"]


# ---------------------------------------------------------------- the detector


def analyse(doc: Document) -> list[tuple[Question, Verdict]]:
    """Every question of the document with its function, in text order."""
    dialogue = bool(doc.meta.get("turns"))
    reading = None if dialogue else Reading(doc)
    questions = find_questions(doc) if reading is None else reading.questions
    out: list[tuple[Question, Verdict]] = []
    series = 0
    for run in runs(doc, questions):
        if len(run) > 1:
            series += 1
        if reading is None:
            verdicts = [_dialogue_verdict(doc, q) for q in run]
        else:
            verdicts = written_verdicts(reading, run)
        for q, verdict in zip(run, verdicts):
            if len(run) > 1:
                verdict.extras["series"] = series
            if q.quoted:
                verdict.extras["quoted"] = True
                if q.speaker:
                    verdict.extras.setdefault("attributed_to", q.speaker)
            if q.speaker is not None:
                verdict.extras["speaker"] = q.speaker
            if q.turn is not None:
                verdict.extras["turn"] = q.turn
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

