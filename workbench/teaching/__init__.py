"""Helpers for the teaching notebooks in ``notebooks/lessons/``.

A lesson asks the student to label items (sentences, cues, questions) *before* running a
detector, then compares the two codings with Cohen's kappa (computed by
``nltk.metrics.agreement.AnnotationTask``). The helpers keep the notebooks short:

* :func:`exercise_document` builds a :class:`~workbench.corpus.Document` from a list of
  sentences and returns each sentence's character span;
* :func:`locate` finds given snippets (questions, marked cues) in a text, in order;
* :func:`labels_for_spans` turns a findings table into one detector label per item, and
  :func:`evidence` lists the findings behind each label (cue, rule, explanation);
* :func:`uncertainty_labels`, :func:`uncertainty_evidence` and :func:`uncertainty_table` give
  the stance detector's sentence decisions (certain or uncertain) with the model score;
* :func:`reader_table`, :func:`question_table`, :func:`frame_ranking` and
  :func:`dominant_frame` are the tables the lessons show, with sentences numbered from 1;
  :mod:`workbench.teaching_frames` has the frame instrument's questions and the detector's
  yes/no answer to each (lesson 3, exercise C);
* :func:`agreement` computes kappa, observed agreement and a confusion table;
* :func:`compare`, :func:`check_prediction` and :func:`check_predictions` are the
  student-facing self-checks: they *print* friendly feedback, with the detector's evidence
  for each disagreement, and never raise;
* :func:`assert_agreement` is the strict check at the end of a solutions notebook: it raises
  an ``AssertionError`` with a helpful message when something is really wrong.

Sentence numbers: findings count sentences from 0 (``sentence`` 0 is the first); every table
these helpers make for display counts from 1, as a reader does.
"""

from workbench.teaching.agreement import (
    after_answer,
    agreement,
    assert_agreement,
    check_labels,
    check_prediction,
    check_predictions,
    compare,
    disagreement_table,
    interpret_kappa,
    normalise_label,
)
from workbench.teaching.items import (
    DETECTOR,
    EVIDENCE_COLUMNS,
    NONE,
    STUDENT,
    evidence,
    exercise_document,
    labels_for_spans,
    locate,
    stance_sentences,
    uncertainty_evidence,
    uncertainty_labels,
    uncertainty_table,
    uncertainty_threshold,
)
from workbench.teaching.tables import (
    dominant_frame,
    frame_ranking,
    question_table,
    reader_table,
    setup_display,
)

__all__ = [
    "DETECTOR",
    "EVIDENCE_COLUMNS",
    "NONE",
    "STUDENT",
    "after_answer",
    "agreement",
    "assert_agreement",
    "check_labels",
    "check_prediction",
    "check_predictions",
    "compare",
    "disagreement_table",
    "dominant_frame",
    "evidence",
    "exercise_document",
    "frame_ranking",
    "interpret_kappa",
    "labels_for_spans",
    "locate",
    "normalise_label",
    "question_table",
    "reader_table",
    "setup_display",
    "stance_sentences",
    "uncertainty_evidence",
    "uncertainty_labels",
    "uncertainty_table",
    "uncertainty_threshold",
]
