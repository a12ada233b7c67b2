"""The teaching helpers (workbench.teaching) and the shape of the lesson notebooks.

The notebooks themselves are executed by nbval through pytest's testpaths; here we check
the helpers with hand-computed figures and the notebooks' structure without running them.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import nbformat
import pytest

import workbench
from workbench import teaching, teaching_frames
from workbench.corpus import Document
from workbench.findings import Finding, findings_frame

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LESSONS = NOTEBOOKS / "lessons"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

# Two coders, 10 items. Coder A: 6 yes, 4 no; coder B: 6 yes, 4 no; they differ on items 6 and 10.
# Observed agreement 8/10; chance agreement 0.6*0.6 + 0.4*0.4 = 0.52; kappa = 0.28/0.48 = 7/12.
CODER_A = ["yes"] * 6 + ["no"] * 4
CODER_B = ["yes"] * 5 + ["no"] * 4 + ["yes"]


# --------------------------------------------------------------------------- agreement


def test_kappa_matches_hand_computation_for_two_labels():
    result = teaching.agreement(CODER_A, CODER_B)
    assert result["n"] == 10
    assert result["observed"] == pytest.approx(0.8)
    assert result["expected"] == pytest.approx(0.52)
    assert result["kappa"] == pytest.approx(7 / 12)
    assert result["disagreements"] == [5, 9]
    assert result["note"] == ""
    table = result["table"]
    assert table.loc["yes", "yes"] == 5 and table.loc["no", "no"] == 3
    assert table.loc["yes", "no"] == 1 and table.loc["no", "yes"] == 1
    assert list(table.index.names) == ["you"] and list(table.columns.names) == ["detector"]


def test_kappa_matches_hand_computation_for_three_labels():
    # Observed 7/10; both coders use a 3, b 3, c 4 times: chance 0.09 + 0.09 + 0.16 = 0.34;
    # kappa = (0.7 - 0.34) / 0.66 = 6/11.
    a = list("aaabbbcccc")
    b = list("aabbbcccca")
    result = teaching.agreement(a, b)
    assert result["observed"] == pytest.approx(0.7)
    assert result["expected"] == pytest.approx(0.34)
    assert result["kappa"] == pytest.approx(6 / 11)


def test_complete_disagreement_gives_kappa_minus_one():
    a = ["x"] * 5 + ["y"] * 5
    b = ["y"] * 5 + ["x"] * 5
    assert teaching.agreement(a, b)["kappa"] == pytest.approx(-1.0)


def test_labels_are_normalised_before_comparison():
    result = teaching.agreement(["Information seeking", " Hypophora "], ["information_seeking", "hypophora"])
    assert result["observed"] == 1.0
    assert teaching.normalise_label("Information-Seeking") == "information_seeking"


def test_table_keeps_every_label_of_the_label_set_in_order():
    result = teaching.agreement(["a", "a", "b"], ["a", "b", "b"], labels=["b", "a", "c"])
    assert list(result["table"].index) == ["b", "a", "c"]
    assert list(result["table"].columns) == ["b", "a", "c"]
    assert result["table"].loc["c"].sum() == 0


def test_single_shared_label_gives_undefined_kappa_with_a_note_not_a_crash():
    result = teaching.agreement(["certain"] * 10, ["certain"] * 10)
    assert math.isnan(result["kappa"])
    assert "undefined" in result["note"]
    assert result["observed"] == 1.0


def test_one_coder_with_a_single_label_still_has_a_kappa():
    # Chance agreement 0.9 < 1, so kappa is defined (and 0: no better than chance).
    result = teaching.agreement(["certain"] * 10, ["certain"] * 9 + ["uncertain"])
    assert result["kappa"] == pytest.approx(0.0)
    assert result["note"] == ""


@pytest.mark.parametrize("a, b", [(["x", "y"], ["x"]), ([], [])])
def test_agreement_rejects_mismatched_or_empty_codings(a, b):
    with pytest.raises(ValueError):
        teaching.agreement(a, b)


@pytest.mark.parametrize(
    "kappa, words",
    [(-0.2, "poor"), (0.0, "slight"), (0.1, "slight"), (0.3, "fair"), (0.5, "moderate"), (0.7, "substantial"), (0.95, "almost perfect"), (float("nan"), "undefined")],
)
def test_interpret_kappa_uses_landis_and_koch_bands(kappa, words):
    assert words in teaching.interpret_kappa(kappa)


# --------------------------------------------------------------------------- student self-checks


def test_compare_with_missing_answer_prints_a_hint_and_returns_none(capsys):
    assert teaching.compare(None, CODER_B, name="my_labels_a", show=False) is None
    assert "You have not filled in my_labels_a yet" in capsys.readouterr().out


@pytest.mark.parametrize(
    "answer, message",
    [
        (CODER_A[:7], "has 7 label(s) but there are 10 items"),
        ("yes", "should be a list of 10 labels"),
        (42, "should be a list of 10 labels"),
        (["yes"] * 9 + [None], "empty places at item(s) 10"),
        (["yes"] * 9 + ["yse"], "did you mean 'yes'?"),
    ],
)
def test_compare_never_raises_on_a_wrong_answer(capsys, answer, message):
    assert teaching.compare(answer, CODER_B, allowed=["yes", "no"], show=False) is None
    assert message in capsys.readouterr().out


def test_compare_reports_kappa_and_disagreements(capsys):
    result = teaching.compare(CODER_A, CODER_B, items=[f"s{i}" for i in range(10)], allowed=["yes", "no"], show=False)
    out = capsys.readouterr().out
    assert result["kappa"] == pytest.approx(7 / 12)
    assert "Cohen's kappa = 0.58 (moderate agreement)" in out
    assert "You disagree on 2 item(s)" in out


def test_compare_reports_undefined_kappa_without_raising(capsys):
    result = teaching.compare(["none"] * 4, ["none"] * 4, show=False)
    assert math.isnan(result["kappa"])
    assert "Kappa is undefined" in capsys.readouterr().out


def test_check_labels(capsys):
    assert teaching.check_labels(None, n=3) is False
    assert teaching.check_labels(["a", "b", "a"], n=3, allowed=["a", "b"]) is True
    assert teaching.check_labels(["a", "b", "z"], n=3, allowed=["a", "b"]) is False
    assert "outside the label set" in capsys.readouterr().out


def test_check_prediction(capsys):
    assert teaching.check_prediction(None, "economic") is None
    assert "You have not filled in my_prediction yet" in capsys.readouterr().out
    assert teaching.check_prediction("Economic", "economic", allowed=["economic", "conflict"]) is True
    assert teaching.check_prediction("conflict", "economic", allowed=["economic", "conflict"]) is False
    assert teaching.check_prediction("economy", "economic", allowed=["economic", "conflict"]) is None
    assert "Did you mean 'economic'?" in capsys.readouterr().out


def test_after_answer_hides_the_detector_until_an_answer_is_accepted(capsys):
    assert teaching.after_answer(None, "evidence", name="my_frames") is None
    assert "Fill in my_frames first" in capsys.readouterr().out
    assert teaching.after_answer({"kappa": 0.5}, "evidence") == "evidence"


# --------------------------------------------------------------------------- strict checks for solutions


def test_assert_agreement_passes_on_a_valid_answer():
    assert teaching.assert_agreement(CODER_A, CODER_B, allowed=["yes", "no"])["kappa"] == pytest.approx(7 / 12)
    # "none" from labels_for_spans is always acceptable from the detector
    teaching.assert_agreement(["yes", "no"], ["none", "no"], allowed=["yes", "no"])
    # undefined kappa is not an error in itself
    teaching.assert_agreement(["yes"] * 3, ["yes"] * 3, allowed=["yes", "no"])


@pytest.mark.parametrize(
    "answer, detector, message",
    [
        (None, CODER_B, "You have not filled in my_labels yet"),
        (CODER_A[:9], CODER_B, "has 9 label(s) but there are 10 items"),
        (CODER_A, CODER_B[:9] + ["maybe"], "outside the lesson's label set"),
    ],
)
def test_assert_agreement_raises_with_a_helpful_message(answer, detector, message):
    with pytest.raises(AssertionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        teaching.assert_agreement(answer, detector, allowed=["yes", "no"])


# --------------------------------------------------------------------------- items and detector labels


def test_exercise_document_spans_are_the_sentences():
    sentences = ["First one.", "Second, longer sentence?", "Third!"]
    doc, spans = teaching.exercise_document("d", sentences)
    assert [doc.text[s:e] for s, e in spans] == sentences
    assert doc.text == "First one. Second, longer sentence? Third!"


def test_locate_finds_snippets_in_order_and_names_a_missing_one():
    text = "May we go in May? Yes, in May."
    spans = teaching.locate(text, ["May", "May", "May"])
    assert [s for s, _ in spans] == [0, 13, 26]
    with pytest.raises(ValueError, match="could not find 'June'"):
        teaching.locate(text, ["June"])


def _finding(
    doc: Document, layer: str, label: str, start: int, end: int, score: float = 1.0, *, extras: dict | None = None, explanation: str = "test finding"
) -> Finding:
    sentence = doc.segments.sentence_index(start)
    return Finding(doc.doc_id, "test", layer, label, start, end, doc.text[start:end], sentence, doc.text[start:end], explanation, score, extras)


def test_labels_for_spans_picks_the_best_overlapping_finding():
    doc, spans = teaching.exercise_document("d", ["It may rain.", "It will surely rain.", "Sun."])
    findings = findings_frame(
        [
            _finding(doc, "stance", "hedge", 3, 6, score=0.6),
            _finding(doc, "stance", "booster", 3, 6, score=0.4),  # lower score loses
            _finding(doc, "stance", "booster", 21, 27, score=0.9),
            _finding(doc, "frame", "economic", 0, 12),  # another layer: ignored
        ]
    )
    assert teaching.labels_for_spans(findings, spans, layer="stance") == ["hedge", "booster", "none"]
    assert teaching.labels_for_spans(findings, spans, layer="stance", doc_id="other") == ["none"] * 3
    assert teaching.labels_for_spans(findings.iloc[0:0], spans, layer="stance", default="-") == ["-"] * 3


def test_uncertainty_labels_agree_with_the_stance_detector():
    # Compared with the detector's own sentence view, computed live: no expected counts here.
    from workbench.detectors import stance

    doc, spans = teaching.exercise_document("d", ["It may rain tomorrow.", "The match starts at noon."])
    labels = teaching.uncertainty_labels(doc, spans)
    assert set(labels) <= {"certain", "uncertain"} and len(labels) == 2
    if hasattr(stance, "sentence_uncertainty"):
        table = stance.sentence_uncertainty(doc)
        for (start, end), label in zip(spans, labels):
            inside = table[(table["start"] < end) & (table["end"] > start)]
            assert (label == "uncertain") == bool(inside["uncertain"].any())


def test_uncertainty_labels_fall_back_to_hedge_findings(monkeypatch):
    from workbench.detectors import stance

    monkeypatch.delattr(stance, "sentence_uncertainty", raising=False)
    doc, spans = teaching.exercise_document("d", ["It may rain.", "It rains."])
    findings = findings_frame([_finding(doc, "stance", "hedge", 3, 6)])
    assert teaching.uncertainty_labels(doc, spans, findings) == ["uncertain", "certain"]
    with pytest.raises(ValueError, match="pass the stance findings"):
        teaching.uncertainty_labels(doc, spans)


# --------------------------------------------------------------------------- the detector's evidence


def _two_findings_per_item():
    doc, spans = teaching.exercise_document("d", ["It may rain.", "It will surely rain.", "Sun."])
    findings = findings_frame(
        [
            _finding(doc, "stance", "booster", 3, 6, score=0.4, extras={"type": "booster"}, explanation="weaker"),
            _finding(doc, "stance", "hedge", 3, 6, score=0.6, extras={"type": "epistemic_modal", "rule": "modal"}, explanation="stronger"),
            _finding(doc, "stance", "booster", 21, 27, score=0.9, extras={"rule": "always"}, explanation="surely boosts"),
            _finding(doc, "frame", "economic", 0, 12, extras={"rule": "frame rule"}),
        ]
    )
    return doc, spans, findings


def test_evidence_lists_the_findings_behind_each_label_best_first():
    _, spans, findings = _two_findings_per_item()
    table = teaching.evidence(findings, spans, layer="stance")
    assert list(table.columns) == teaching.EVIDENCE_COLUMNS
    assert table["item"].tolist() == [1, 1, 2, 3]  # counted from 1, like the exercise printout
    assert table["finding"].tolist() == ["hedge", "booster", "booster", "none"]
    # rule comes from extras.rule, else extras.type; the explanation is the finding's own
    assert table["rule"].tolist() == ["modal", "booster", "always", ""]
    assert table["explanation"].tolist()[:3] == ["stronger", "weaker", "surely boosts"]
    assert "No stance finding touches this item" in table["explanation"].iloc[3]
    # the first row of each item is the label labels_for_spans gives
    firsts = table.groupby("item")["finding"].first().tolist()
    assert firsts == teaching.labels_for_spans(findings, spans, layer="stance")


def test_compare_with_evidence_explains_each_disagreement(capsys):
    _, spans, findings = _two_findings_per_item()
    detector = teaching.labels_for_spans(findings, spans, layer="stance")  # hedge, booster, none
    items = ["may", "surely", "Sun"]
    result = teaching.compare(
        ["hedge", "hedge", "booster"], detector, items=items, allowed=["hedge", "booster", "none"],
        evidence=teaching.evidence(findings, spans, layer="stance"), show=False,
    )
    assert "the cue it found, the rule that fired and its explanation" in capsys.readouterr().out
    feedback = result["feedback"]
    assert feedback.index.names == ["item", "text", "you", "detector"]
    assert sorted(set(feedback.index.get_level_values("item"))) == [2, 3]  # agreed item 1 is not listed
    assert feedback.loc[2, "explanation"].tolist() == ["surely boosts"]
    assert feedback.loc[2, "rule"].tolist() == ["always"]
    assert feedback.loc[2, "cue"].tolist() == ["surely"]
    assert "No stance finding" in feedback.loc[3, "explanation"].iloc[0]
    # a detector that records no rule (questions, frames) gets no empty rule column
    no_rules = findings.assign(extras=[{}] * len(findings))
    result = teaching.compare(["hedge", "hedge", "booster"], detector, evidence=teaching.evidence(no_rules, spans, layer="stance"), show=False)
    assert "rule" not in result["feedback"].columns and "explanation" in result["feedback"].columns


def test_compare_without_evidence_lists_the_disagreements(capsys):
    result = teaching.compare(CODER_A, CODER_B, items=[f"s{i}" for i in range(1, 11)], show=False)
    assert result["feedback"].index.tolist() == [6, 10]
    assert result["feedback"]["text"].tolist() == ["s6", "s10"]
    assert "the rule that fired" not in capsys.readouterr().out


def test_assert_agreement_checks_that_the_evidence_explains_the_labels():
    _, spans, findings = _two_findings_per_item()
    detector = teaching.labels_for_spans(findings, spans, layer="stance")
    evidence = teaching.evidence(findings, spans, layer="stance")
    allowed = ["hedge", "booster", "none"]
    teaching.assert_agreement(["hedge", "booster", "none"], detector, allowed=allowed, evidence=evidence)
    with pytest.raises(AssertionError, match="item 3 has no evidence"):
        teaching.assert_agreement(["hedge", "booster", "none"], detector, allowed=allowed, evidence=evidence[evidence["item"] < 3])
    with pytest.raises(AssertionError, match="first row says 'booster' but the detector's label is 'hedge'"):
        teaching.assert_agreement(["hedge", "booster", "none"], detector, allowed=allowed, evidence=evidence.iloc[1:])


def test_uncertainty_evidence_starts_with_the_sentence_decision_and_agrees_with_the_labels():
    # Computed live: whatever the detector decides, the evidence must explain that decision.
    doc, spans = teaching.exercise_document(
        "d", ["It may rain tomorrow.", "The match starts at noon.", "Perhaps the roof appears to leak.", "Clearly it works."]
    )
    findings = workbench.analyze([doc], detectors=["stance"], progress=False)
    labels = teaching.uncertainty_labels(doc, spans, findings)
    evidence = teaching.uncertainty_evidence(doc, spans, findings)
    teaching.assert_agreement(labels, labels, allowed=["certain", "uncertain"], evidence=evidence)
    firsts = evidence.groupby("item").first()
    assert (firsts["rule"] == "sentence model").all()
    assert firsts["score"].between(0, 1).all()
    for item, (start, end) in enumerate(spans, start=1):
        cue_rows = evidence[(evidence["item"] == item) & (evidence["rule"] != "sentence model")]
        inside = findings[(findings["start"] < end) & (findings["end"] > start)]
        assert sorted(cue_rows["cue"]) == sorted(inside["cue"])


@pytest.mark.parametrize(
    "uncertain, score, cues, words",
    [
        (False, 0.14, ["booster:clearly"], "No hedge"),
        (True, 0.62, ["hedge:perhaps"], "so it is uncertain; the model's score 0.62"),
        (False, 0.14, ["hedge:appears"], "below the threshold 0.40, so the detector calls it certain. This contradicts the hedge"),
        (True, math.nan, ["hedge:may"], "no sentence model"),
    ],
)
def test_uncertainty_reasons_name_the_score_threshold_and_contradictions(uncertain, score, cues, words):
    assert words in teaching.items._uncertainty_reason(uncertain, score, cues, 0.4)


def test_uncertainty_table_numbers_sentences_from_1_and_flags_every_contradiction():
    corpus = workbench.load_corpus(ROOT / "seeds")
    seed = corpus[0]
    findings = workbench.analyze(corpus, detectors=["stance"], progress=False)
    table = teaching.uncertainty_table(seed, findings)
    sentences = teaching.stance_sentences(seed)
    cued = sentences[sentences["cues"].map(len) > 0]
    assert table.index.tolist() == (cued["sentence"] + 1).tolist()
    assert table["text"].iloc[0] == seed.text[slice(*seed.segments.sentences[int(cued["sentence"].iloc[0])])]
    for row in table.itertuples():
        has_hedge = "hedge:" in row.cues
        assert ("contradicts" in row.why) == (has_hedge and row.detector == "certain")
        assert ("No hedge" in row.why) == (not has_hedge)


def test_uncertainty_threshold_is_the_models():
    from workbench.detectors.stance.model import load_model

    assert teaching.uncertainty_threshold() == pytest.approx(float(load_model()["threshold"]))


# --------------------------------------------------------------------------- tables for display


def test_reader_table_counts_sentences_from_1():
    doc, _ = teaching.exercise_document("d", ["It may rain.", "It will surely rain."])
    findings = findings_frame([_finding(doc, "stance", "hedge", 3, 6), _finding(doc, "stance", "booster", 21, 27), _finding(doc, "frame", "x", 0, 5)])
    before = findings["sentence"].tolist()
    assert findings.loc[findings["layer"] == "stance", "sentence"].tolist() == [0, 1]
    table = teaching.reader_table(findings, ["label"], layer="stance")
    assert table.index.name == "sentence"
    assert table.index.tolist() == [1, 2]
    assert table["label"].tolist() == ["hedge", "booster"]
    assert findings["sentence"].tolist() == before  # the findings themselves are not changed


def test_question_table_numbers_by_sentence_or_by_exercise_question():
    doc = Document("q", "Why? Because. Who knows? Rain.")
    findings = findings_frame(
        [
            _finding(doc, "question", "hypophora", 0, 4, extras={"answered_by": {"text": "Because."}, "series": 1}),
            _finding(doc, "question", "rhetorical", 14, 24, extras={}),
        ]
    )
    by_sentence = teaching.question_table(findings)
    assert by_sentence.index.tolist() == [1, 3]
    assert by_sentence["answered_by"].tolist() == ["Because.", ""]
    assert by_sentence["series"].tolist() == [1, ""]
    by_question = teaching.question_table(findings, teaching.locate(doc.text, ["Who knows?"]))
    assert by_question.index.name == "question"
    assert by_question.index.tolist() == ["", 1]


def test_frame_ranking_and_dominant_frame():
    doc = Document("t", "Prices rose. They fought.")
    findings = findings_frame(
        [
            _finding(doc, "doc_frame", "conflict", 0, 25, extras={"rank": 2}),
            _finding(doc, "doc_frame", "economic", 0, 25, extras={"rank": 1}),
        ]
    )
    ranking = teaching.frame_ranking(findings, "t")
    assert ranking.index.tolist() == [1, 2] and ranking["frame"].tolist() == ["economic", "conflict"]
    assert teaching.dominant_frame(findings, "t") == "economic"
    assert teaching.dominant_frame(findings, "other") == teaching.NONE


def test_check_predictions_never_raises_and_shows_evidence_on_a_mismatch(capsys):
    actual = {"a": "economic", "b": "conflict"}
    allowed = ["economic", "conflict"]
    assert teaching.check_predictions(None, actual, allowed=allowed) == {"a": None, "b": None}
    assert "should be a dict" in capsys.readouterr().out
    assert teaching.check_predictions({"a": "economic"}, actual, allowed=allowed) == {"a": True, "b": None}
    assert "You have not filled in my_predictions['b'] yet" in capsys.readouterr().out
    result = teaching.check_predictions({"a": "conflict", "b": "conflict"}, actual, allowed=allowed, evidence={"a": "RANKING-A", "b": "RANKING-B"})
    out = capsys.readouterr().out
    assert result == {"a": False, "b": True}
    assert "RANKING-A" in out and "RANKING-B" not in out  # evidence only where the two differ


# --------------------------------------------------------------------------- the lesson notebooks


def _student_notebooks() -> list[Path]:
    return sorted(p for p in LESSONS.glob("*.ipynb") if not p.stem.endswith("_solutions"))


def _all_notebooks() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_three_lessons():
    assert [p.stem for p in _student_notebooks()] == [
        "01_hedging_and_boosting",
        "02_rhetorical_questions",
        "03_framing_and_naming",
    ]


def test_no_python_files_under_notebooks():
    # Lessons are edited as notebooks; code that builds them lives in scripts/.
    assert sorted(str(p.relative_to(NOTEBOOKS)) for p in NOTEBOOKS.rglob("*.py")) == []


@pytest.mark.parametrize("path", _student_notebooks(), ids=lambda p: p.stem)
def test_every_lesson_has_a_solutions_twin(path):
    assert (path.parent / f"{path.stem}_solutions.ipynb").is_file(), f"{path.name} has no solutions notebook"


@pytest.mark.parametrize("path", _all_notebooks(), ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_notebooks_have_no_outputs_and_the_project_kernelspec(path):
    nb = _load(path)
    assert nb["metadata"].get("kernelspec") == KERNELSPEC, f"{path.name}: kernelspec should be {KERNELSPEC}"
    stored = [
        cell.get("id")
        for cell in nb["cells"]
        if cell.get("outputs") or cell.get("execution_count") is not None or "execution" in cell["metadata"]
    ]
    assert not stored and "widgets" not in nb["metadata"], (
        f"{path.name} was saved with outputs (cells {stored}): clear them; "
        "python scripts/make_student_lessons.py does it for the lessons"
    )


@pytest.mark.parametrize("path", sorted(LESSONS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_lesson_header(path):
    first = _load(path)["cells"][0]
    header = "".join(first["source"])
    assert first["cell_type"] == "markdown"
    for heading in ("Learning objectives", "Prerequisites", "Time"):
        assert heading in header, f"{path.name}: the first cell lacks {heading!r}"


@pytest.mark.parametrize("path", _student_notebooks(), ids=lambda p: p.stem)
def test_student_version_has_placeholders_and_solutions_have_strict_checks(path):
    student = "\n".join("".join(c["source"]) for c in _load(path)["cells"])
    solutions_nb = _load(path.parent / f"{path.stem}_solutions.ipynb")
    solutions = "\n".join("".join(c["source"]) for c in solutions_nb["cells"])
    assert "None  # TODO" in student
    assert "assert_agreement" not in student  # student self-checks print, they never raise
    assert "# TODO" not in solutions
    last_code = [c for c in solutions_nb["cells"] if c["cell_type"] == "code"][-1]
    assert "teaching.assert_agreement" in "".join(last_code["source"])
    assert "final-check" in last_code["metadata"].get("tags", [])
    assert "cohen" in student.lower() and "kappa" in student.lower()


@pytest.mark.parametrize("path", _student_notebooks(), ids=lambda p: p.stem)
def test_student_notebooks_show_no_defensive_code(path):
    # Guards (a missing function, a missing extras key, an import that may fail) belong in
    # workbench.teaching helpers with clear names, not in the code students read.
    code = "\n".join("".join(c["source"]) for c in _load(path)["cells"] if c["cell_type"] == "code")
    for guard in ("hasattr(", "getattr(", "try:", "except", ".get("):
        assert guard not in code, f"{path.name} shows defensive code ({guard!r}): move it into a workbench.teaching helper"


@pytest.mark.parametrize("path", _student_notebooks(), ids=lambda p: p.stem)
def test_student_notebook_is_what_the_stripper_makes_of_its_solutions(path, repo_script):
    stripper = repo_script("scripts/make_student_lessons.py")
    solutions = nbformat.read(path.parent / f"{path.stem}_solutions.ipynb", as_version=4)
    expected = stripper.student_notebook(solutions)
    actual = nbformat.read(path, as_version=4)
    assert [c.source for c in actual.cells] == [c.source for c in expected.cells], (
        f"{path.name} differs from its solutions notebook: edit {path.stem}_solutions.ipynb, then run "
        "python scripts/make_student_lessons.py"
    )
    assert actual == expected, f"{path.name}: cell ids or metadata differ; run python scripts/make_student_lessons.py"


def _tagged_notebook() -> nbformat.NotebookNode:
    new_code, new_md = nbformat.v4.new_code_cell, nbformat.v4.new_markdown_cell
    return nbformat.v4.new_notebook(
        cells=[
            new_md("# Lesson 9: Test (solutions)\n\nLearning objectives."),
            new_code("x = 1", metadata={"tags": ["nbval-skip"]}),
            new_code("answer = 42", metadata={"tags": ["solution"], "student_source": "answer = None  # TODO"}),
            new_md("Only for the teacher.", metadata={"tags": ["teacher"]}),
            new_code("assert answer == 42", metadata={"tags": ["final-check"]}, outputs=[], execution_count=3),
        ],
        metadata={"kernelspec": KERNELSPEC},
    )


def test_stripper_swaps_in_the_blank_drops_teacher_cells_and_keeps_other_tags(repo_script):
    solutions = _tagged_notebook()
    solutions.cells[1].execution_count = 7
    student = repo_script("scripts/make_student_lessons.py").student_notebook(solutions)
    assert [c.source for c in student.cells] == ["# Lesson 9: Test\n\nLearning objectives.", "x = 1", "answer = None  # TODO"]
    assert student.cells[1].metadata == {"tags": ["nbval-skip"]}  # nbval's own tags stay
    assert student.cells[2].metadata == {}
    assert student.cells[1].execution_count is None
    assert [c.id for c in student.cells] == [c.id for c in solutions.cells[:3]]
    assert solutions.cells[2].source == "answer = 42" and solutions.cells[1].execution_count == 7  # input untouched


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda nb: nb.cells[2].metadata.pop("student_source"), "needs metadata student_source"),
        (lambda nb: nb.cells[1].metadata.update(student_source="x = None"), "needs metadata student_source"),
        (lambda nb: nb.cells[3].metadata.update(tags=["final-check"]), "belongs on a code cell"),
        (lambda nb: nb.cells[1].metadata.update(tags=["teacher"]), "belongs on a markdown cell"),
        (lambda nb: setattr(nb.cells[0], "source", "# Lesson 9: Test"), "should end with ' (solutions)'"),
    ],
)
def test_stripper_rejects_a_badly_tagged_notebook(change, message, repo_script):
    solutions = _tagged_notebook()
    change(solutions)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        repo_script("scripts/make_student_lessons.py").student_notebook(solutions)


def test_frame_questions_answers_and_evidence_follow_the_instrument():
    questions = teaching_frames.frame_questions()
    assert list(questions["code"][:6]) == ["re1", "re2", "re3", "re4", "re5", "hi1"] and len(questions) == 19
    assert questions.index.tolist() == list(range(1, 20))
    doc = Document("t", "Fans accused the owner of ruining the club. The repairs will cost £2m.")
    findings = workbench.analyze([doc], detectors=["frames"], progress=False)
    answers = teaching_frames.frame_item_answers(findings)
    yes = {code for code, answer in zip(questions["code"], answers) if answer == "yes"}
    assert {"co2", "ec2"} <= yes and "mo2" not in yes
    evidence = teaching_frames.frame_item_evidence(findings)
    assert set(evidence["item"]) == set(range(1, 20))
    first = evidence.groupby("item").first()
    assert [first.loc[n, "finding"] for n in range(1, 20)] == answers
    reproach = evidence[(evidence["rule"] == "conflict.reproach") & (evidence["finding"] == "yes")].iloc[0]
    assert "accus*" in reproach["cue"] and reproach["explanation"].startswith("Sentence 1 answers co2 yes")
    assert teaching_frames.question_answers({"re1": "yes", "ec3": "no"})[:2] == ["yes", None]
    assert teaching_frames.question_answers("yes") == "yes"  # compare() then says what to fix
    result = teaching.assert_agreement(teaching_frames.question_answers(dict(zip(questions["code"], answers))), answers, allowed=["yes", "no"], name="my_answers", evidence=evidence)
    assert result["observed"] == 1.0
