"""Exploration API: KWIC, highlighting, profiles, and the explore notebook on a CSV corpus."""

from __future__ import annotations

import csv
from pathlib import Path

import matplotlib
import nbformat
import pytest

from workbench import explore, load_corpus
from workbench.corpus import Document
from workbench.findings import Finding, findings_frame

matplotlib.use("Agg")

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"
SAW = Document("saw", "I saw a cat. You saw the dog.\nWe saw an apple.")


def finding(doc: Document, layer: str, label: str, phrase: str, *, nth: int = 0, explanation: str = "because") -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    return Finding(doc.doc_id, "test", layer, label, start, start + len(phrase), phrase, doc.segments.sentence_index(start), phrase, explanation)


@pytest.fixture(scope="module")
def seeds(seed_dir):
    return load_corpus(seed_dir)


# --------------------------------------------------------------------------- KWIC


@pytest.mark.parametrize(
    "query, options",
    [("the", {}), ("Putin", {}), ("cannot help but", {}), ("Lukashenko's", {}), ("sanction*", {}), (r"\b[A-Z]\w+ian\b", {"regex": True}), ("?", {"regex": False})],
)
def test_kwic_offsets_are_exact_on_the_seed(seeds, query, options):
    lines = explore.kwic(seeds, query, width=30, **options)
    assert list(lines.columns) == ["doc_id", "left", "match", "right", "start", "end", "sentence"]
    assert len(lines) > 0
    for row in lines.itertuples():
        text = seeds[row.doc_id].text
        assert text[row.start : row.end] == row.match
        assert row.left == text[max(0, row.start - 30) : row.start].replace("\n", " ")
        assert row.right == text[row.end : row.end + 30].replace("\n", " ")
        assert row.sentence == seeds[row.doc_id].segments.sentence_index(row.start)


def test_kwic_matches_whole_words_in_any_case():
    doc = Document("d", "The theme: the THE. Then, the end")
    assert explore.kwic(doc, "the")["match"].tolist() == ["The", "the", "THE", "the"]
    assert explore.kwic(doc, "the", case_sensitive=True)["start"].tolist() == [11, 26]
    assert explore.kwic(doc, "zebra").empty


def test_kwic_sorts_by_context_words_like_antconc():
    by_right = explore.kwic(SAW, "saw", sort="right")
    assert by_right["right"].str.split().str[0].tolist() == ["a", "an", "the"]
    by_left = explore.kwic(SAW, "saw", sort="left")
    assert by_left["left"].str.split().str[-1].tolist() == ["I", "We", "You"]
    # 2R first: cat, apple, dog -> apple, cat, dog.
    assert explore.kwic(SAW, "saw", sort=["2R"])["start"].tolist() == [33, 2, 17]
    assert explore.kwic(SAW, "saw")["start"].tolist() == [2, 17, 33], "no sort keeps corpus order"
    with pytest.raises(ValueError):
        explore.kwic(SAW, "saw", sort="sideways")


def test_kwic_context_shows_line_breaks_as_spaces_and_width_zero_is_empty():
    lines = explore.kwic(SAW, "We", width=5)
    assert lines.loc[0, "left"] == "dog. " and lines.loc[0, "right"] == " saw "
    bare = explore.kwic(SAW, "saw", width=0)
    assert set(bare["left"]) == {""} and set(bare["right"]) == {""}


def test_kwic_of_a_findings_table_gives_one_line_per_span():
    findings = findings_frame([finding(SAW, "stance", "hedge", "saw the dog"), finding(SAW, "loaded", "loaded_language", "cat")])
    lines = explore.kwic([SAW], findings, width=4)
    assert lines["match"].tolist() == ["cat", "saw the dog"]
    assert lines["sentence"].tolist() == [0, 1]
    other = findings_frame([Finding("missing", "t", "stance", "hedge", 0, 1, "I", 0, "I", "x")])
    with pytest.raises(ValueError, match="missing"):
        explore.kwic([SAW], other)


def test_kwic_html_escapes_and_aligns():
    doc = Document("d", "a <b>bold</b> claim & more")
    view = explore.kwic_html(explore.kwic(doc, "bold"))
    assert "<b>" not in view._repr_html_() and "&lt;b&gt;" in view.html
    assert "No matches" in explore.kwic_html(explore.kwic(doc, "zebra")).html


# --------------------------------------------------------------------------- highlight and documents


def test_highlight_filters_by_bare_or_qualified_labels_and_escapes():
    doc = Document("h", "Maybe <this> is clearly so.")
    findings = findings_frame(
        [
            finding(doc, "stance", "hedge", "Maybe", explanation='"maybe" hedges'),
            finding(doc, "stance", "booster", "clearly"),
            finding(doc, "loaded", "loaded_language", "<this> is clearly"),
        ]
    )
    html = explore.highlight(doc, findings)._repr_html_()
    assert "&lt;this&gt;" in html and "<this>" not in html
    assert html.count('class="wb-span"') == 3, "overlap cut into: Maybe | <this> is | clearly"
    only = explore.highlight(doc, findings, labels=["hedge", "loaded/loaded_language"]).html
    assert "stance/booster" not in only and "stance/hedge (1)" in only and "loaded/loaded_language (1)" in only
    assert 'title="stance/hedge: &quot;maybe&quot; hedges"' in only
    by_layer = explore.highlight(doc, findings, layers=["loaded"]).html
    assert "stance/" not in by_layer


def test_document_by_position_or_id(seeds):
    assert explore.document(seeds, 0) is seeds[0]
    assert explore.document(list(seeds), seeds[0].doc_id) is seeds[0]
    with pytest.raises(KeyError):
        explore.document(list(seeds), "nope")


def test_save_html_writes_a_standalone_page(tmp_path):
    page = explore.save_html(explore.kwic_html(explore.kwic(SAW, "saw")), tmp_path / "k.html", title="<kwic>")
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<title>&lt;kwic&gt;</title>" in text and 'class="wb-kwic"' in text


def test_sentence_words_split_flagged_sentences_from_the_rest():
    findings = findings_frame([finding(SAW, "question", "rhetorical", "You saw")])
    flagged, rest = explore.sentence_words([SAW], findings, ["question"])
    assert flagged == ["you", "saw", "the", "dog"]
    assert rest == ["i", "saw", "a", "cat", "we", "saw", "an", "apple"]


# --------------------------------------------------------------------------- profiles


@pytest.fixture()
def two_sources():
    a = Document("a", "One two three four five six seven eight nine ten.", {"source": "left", "date": "2022-01-05"})
    b = Document("b", "Eleven twelve thirteen fourteen fifteen.", {"source": "right", "date": "2022-02-09"})
    c = Document("c", "No findings here at all.", {"source": "left"})
    findings = findings_frame(
        [
            finding(a, "stance", "hedge", "two"),
            finding(a, "stance", "hedge", "six"),
            finding(a, "stance", "booster", "ten"),
            finding(b, "stance", "hedge", "twelve"),
            finding(a, "doc_frame", "conflict", "One"),
        ]
    )
    return [a, b, c], findings


def test_profile_densities_per_thousand_words_by_hand(two_sources):
    docs, findings = two_sources
    prof = explore.profile(findings, docs)
    assert list(prof.index) == ["a", "b", "c"] and list(prof.columns) == ["stance/booster", "stance/hedge"]
    # a: 10 words, 2 hedges, 1 booster; b: 5 words, 1 hedge; c: 5 words, none. doc_frame is left out.
    assert prof.loc["a", "stance/hedge"] == pytest.approx(200.0)
    assert prof.loc["a", "stance/booster"] == pytest.approx(100.0)
    assert prof.loc["b", "stance/hedge"] == pytest.approx(200.0)
    assert (prof.loc["c"] == 0).all()
    assert prof.attrs["words"] == {"a": 10, "b": 5, "c": 5}
    layers = explore.profile(findings, docs, level="layer", layers=["stance", "doc_frame"])
    assert layers.loc["a", "stance"] == pytest.approx(300.0) and layers.loc["a", "doc_frame"] == pytest.approx(100.0)


def test_profile_groups_pool_findings_and_words(two_sources):
    docs, findings = two_sources
    by_source = explore.profile(findings, docs, by="source")
    # left = a + c: 2 hedges in 15 words; right = b: 1 hedge in 5 words.
    assert by_source.index.name == "source" and list(by_source.index) == ["left", "right"]
    assert by_source.loc["left", "stance/hedge"] == pytest.approx(2000 / 15)
    assert by_source.loc["right", "stance/hedge"] == pytest.approx(200.0)
    by_month = explore.profile(findings, docs, by="month", labels=["hedge"])
    assert list(by_month.index) == ["(none)", "2022-01", "2022-02"] and list(by_month.columns) == ["stance/hedge"]


def test_profile_plot_kinds_return_figures(two_sources):
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    docs, findings = two_sources
    bars = explore.profile_plot(findings, docs)
    assert isinstance(bars, Figure) and bars.axes[0].get_xlabel() == "per 1,000 words"
    assert isinstance(explore.profile_plot(findings, docs, by="month"), Figure)
    assert isinstance(explore.profile_plot(findings, docs, kind="heatmap"), Figure)
    empty = explore.profile_plot(findings.iloc[0:0], docs)
    assert "No findings" in empty.axes[0].texts[0].get_text()
    with pytest.raises(ValueError):
        explore.profile_plot(findings, docs, kind="pie")
    plt.close("all")


# --------------------------------------------------------------------------- the notebook on a CSV corpus

CSV_ROWS = [
    {
        "doc_id": "harbour",
        "date": "2023-04-02",
        "source": "Coast Weekly",
        "text": "The harbour council may delay the new pier. Critics say the plan is clearly too expensive. "
        "Why should fishermen pay for a so-called improvement? Nobody has asked them.",
    },
    {
        "doc_id": "library",
        "date": "2023-05-11",
        "source": "Town Gazette",
        "text": "The library will open on Sundays from June. According to the mayor, visitors literally queued "
        "at the door last winter. Perhaps the reading room will stay open late as well.",
    },
    {
        "doc_id": "orchard",
        "date": "2023-05-20",
        "source": "Coast Weekly",
        "text": "Apple growers fear a poor harvest after the late frost. It is unknown how many trees were damaged. "
        "Will the council help them? Growers certainly hope so.",
    },
]


def test_explore_notebook_runs_on_a_csv_corpus_with_parameters_only(tmp_path):
    papermill = pytest.importorskip("papermill")
    corpus = tmp_path / "corpus.csv"
    with corpus.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["doc_id", "date", "source", "text"])
        writer.writeheader()
        writer.writerows(CSV_ROWS)
    out = tmp_path / "explore-out.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={"corpus": str(corpus), "group_by": "source", "doc_to_show": "library", "cue": "council"},
        kernel_name="python3",
        cwd=str(NOTEBOOK.parent),
        progress_bar=False,
    )
    nb = nbformat.read(out, as_version=4)
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert 'data-doc-id="library"' in html and "wb-legend" in html
    assert html.count('class="wb-kwic"') == 1 and ">council<" in html
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "3 document(s) loaded" in text and "2 occurrence(s) of 'council'" in text
    assert "Keywords of source = Coast Weekly against the other groups" in "".join(
        str(o.get("data", {}).get("text/markdown", "")) for o in outputs
    )
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 2


def test_explore_notebook_is_stripped_and_parameterised():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and 'corpus = "../seeds"' in tagged[0].source
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, "commit the notebook with outputs stripped"


def test_profile_names_an_unknown_layer_or_label_instead_of_showing_nothing(seed_dir):
    from workbench.errors import InputError
    from workbench.pipeline import analyze

    corpus = load_corpus(seed_dir)
    findings = analyze(corpus, detectors=["stance"], progress=False)
    with pytest.raises(InputError, match="unknown layer 'stnce'; layers: .*stance"):
        explore.profile(findings, corpus, layers=["stnce"])
    with pytest.raises(InputError, match="unknown label 'hedges'"):
        explore.profile(findings, corpus, labels=["hedges"])
    assert len(explore.profile(findings, corpus, labels=["stance/hedge"]))
