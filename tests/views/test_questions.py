"""The questions view: each document's questions with series and answers, and the counts metric."""

from __future__ import annotations

import pytest

from workbench.corpus import load_corpus
from workbench.detectors import get_detector
from workbench.findings import findings_frame
from workbench.views.questions import document_questions_html, question_counts


@pytest.fixture(scope="module")
def detector():
    return get_detector("question")


def test_report_section_groups_series_and_links_answers(detector, seed_dir):
    (doc,) = list(load_corpus(seed_dir))
    frame = findings_frame(list(detector.detect(doc)))
    html = document_questions_html(doc, frame)
    assert "Series 1" in html and "Series 2" in html and "Lukashenko" in html
    assert "&rarr; answered: <q>Share the responsibility" in html
    assert "<strong class=\"wb-q-label wb-q-rhetorical\">[rhetorical]</strong>&nbsp; <q>" in html  # the label never runs into the question
    assert html == document_questions_html(doc, frame.iloc[::-1])
    assert question_counts(doc, frame) == {"information_seeking": 0, "hypophora": 2, "rhetorical": 3}
