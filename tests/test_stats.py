"""Corpus statistics checked against figures computed by hand."""

import math

import matplotlib
import pandas as pd
import pytest

from workbench import stats
from workbench.corpus import Document
from workbench.findings import Finding, findings_frame

matplotlib.use("Agg")

NEW_YORK = Document("ny", "New York is big. New York is old. Old York")


def test_words_are_lower_cased_word_tokens_without_punctuation():
    assert stats.words(NEW_YORK) == ["new", "york", "is", "big", "new", "york", "is", "old", "old", "york"]
    assert stats.words(Document("s", "The war, and the peace."), exclude_stopwords=True) == ["war", "peace"]
    assert "the" in stats.stopwords() and "war" not in stats.stopwords()


def test_frequency_list_counts_rates_and_document_frequency():
    docs = [NEW_YORK, Document("b", "York, again: York.")]
    freq = stats.frequency(docs)
    york = freq.set_index("word").loc["york"]
    # 3 + 2 occurrences in 10 + 3 words; both documents contain it.
    assert (york["count"], york["documents"]) == (5, 2)
    assert york["per_1000"] == pytest.approx(1000 * 5 / 13, abs=1e-4)
    assert freq["word"].iloc[0] == "york", "most frequent first"
    assert list(freq["word"]) == list(freq.sort_values(["count", "word"], ascending=[False, True])["word"])
    without = stats.frequency(docs, exclude_stopwords=True, min_count=2)
    assert "is" not in set(without["word"]) and "big" not in set(without["word"])


def test_collocation_scores_match_a_hand_computed_table():
    pairs = stats.collocates(NEW_YORK, min_count=1).set_index(["w1", "w2"])
    row = pairs.loc[("new", "york")]
    # N = 10 words; f(new york) = 2, f(new) = 2, f(york) = 3.
    assert row["count"] == 2
    assert row["pmi"] == pytest.approx(math.log2(2 * 10 / (2 * 3)))
    # 2x2 table: o11 = 2, o12 (new, not york) = 0, o21 (york after another word) = 1, o22 = 7;
    # expected 0.6, 1.4, 2.4, 5.6; G2 = 2 * sum(o * ln(o / e)).
    expected_g2 = 2 * (2 * math.log(2 / 0.6) + 1 * math.log(1 / 2.4) + 7 * math.log(7 / 5.6))
    assert row["log_likelihood"] == pytest.approx(expected_g2, rel=1e-9)
    assert pairs.loc[("old", "york")]["pmi"] == pytest.approx(math.log2(1 * 10 / (2 * 3)))


def test_pairs_never_cross_a_document_boundary_and_span_widens_the_window():
    docs = [Document("a", "new york"), Document("b", "york new")]
    pairs = set(stats.collocates(docs, min_count=1)[["w1", "w2"]].itertuples(index=False, name=None))
    assert pairs == {("new", "york"), ("york", "new")}
    wide = stats.collocates(Document("c", "a b c d"), min_count=1, span=2)
    assert set(wide[["w1", "w2"]].itertuples(index=False, name=None)) == {("a", "b"), ("a", "c"), ("b", "c"), ("b", "d"), ("c", "d")}


def test_node_collocates_name_the_side_and_keep_only_pairs_with_the_node():
    near = stats.collocates(NEW_YORK, "York", min_count=1)
    assert set(zip(near["collocate"], near["position"])) == {("new", "left"), ("old", "left"), ("is", "right")}
    assert list(near["log_likelihood"]) == sorted(near["log_likelihood"], reverse=True)
    with pytest.raises(ValueError):
        stats.collocates(NEW_YORK, measure="dice")


def test_keyness_log_likelihood_and_log_ratio_by_hand():
    # "x": 10 of 1,000 target words, 5 of 2,000 reference words.
    # E1 = 1000 * 15 / 3000 = 5, E2 = 2000 * 15 / 3000 = 10;
    # G2 = 2 * (10 ln(10/5) + 5 ln(5/10)) = 10 ln 2; log ratio = log2(0.01 / 0.0025) = 2.
    table = stats.keyness({"x": 10, "filler": 990}, {"x": 5, "filler": 1995}, max_p=None, min_log_ratio=None).set_index("word")
    x = table.loc["x"]
    assert x["log_likelihood"] == pytest.approx(10 * math.log(2), rel=1e-12)
    assert x["log_ratio"] == pytest.approx(2.0)
    assert x["key"] == "target"
    assert x["target_per_1000"] == pytest.approx(10.0) and x["reference_per_1000"] == pytest.approx(2.5)
    # chi-square(1) critical values: 6.63 (p = .01) < 6.93 < 7.88 (p = .005).
    assert 0.005 < x["p_value"] < 0.01
    assert list(table["log_likelihood"]) == sorted(table["log_likelihood"], reverse=True)


def test_keyness_with_a_zero_count_uses_half_a_hit_for_the_log_ratio():
    # 4 of 100 against 0 of 100: E1 = E2 = 2; G2 = 2 * 4 ln 2; log ratio = log2(4 / 0.5) = 3.
    table = stats.keyness({"y": 4, "z": 96}, {"z": 100}, max_p=None, min_log_ratio=None).set_index("word")
    assert table.loc["y", "log_likelihood"] == pytest.approx(8 * math.log(2))
    assert table.loc["y", "log_ratio"] == pytest.approx(3.0)
    assert table.loc["z", "key"] == "reference"


def test_keyness_on_documents_counts_their_words():
    target = [Document("t", "Peace talks. Peace now. Peace.")]
    reference = [Document("r", "War talks. War now. War again and again.")]
    table = stats.keyness(target, reference, max_p=None, min_log_ratio=None, exclude_stopwords=False).set_index("word")
    assert (table.loc["peace", "target_count"], table.loc["peace", "reference_count"]) == (3, 0)
    assert table.loc["war", "key"] == "reference" and table.loc["talks", "log_likelihood"] < table.loc["peace", "log_likelihood"]
    with pytest.raises(ValueError):
        stats.keyness(target, {})


def test_keyness_keeps_only_significant_large_content_words_by_default():
    target = {"the": 300, "peace": 30, "talks": 12, "of": 200, "rare": 3, "filler": 455}
    reference = {"the": 290, "peace": 5, "talks": 10, "of": 210, "rare": 1, "filler": 484}
    table = stats.keyness(target, reference)
    assert list(table["word"]) == ["peace"]  # 'the'/'of' are stopwords; 'talks' is no larger; 'rare' is not significant
    everything = stats.keyness(target, reference, max_p=None, min_log_ratio=None, exclude_stopwords=False)
    assert set(everything["word"]) == set(target)
    assert (everything.set_index("word").loc["rare", "p_value"] > 0.05) and abs(everything.set_index("word").loc["talks", "log_ratio"]) < 1


def test_find_spans_whole_words_phrases_wildcards_and_regex():
    doc = Document("d", "War, warfare and the WAR effort; post-war wars.")
    text = doc.text
    assert [text[s:e] for s, e in stats.find_spans(doc, "war")] == ["War", "WAR", "war"]
    assert [text[s:e] for s, e in stats.find_spans(doc, "war*")] == ["War", "warfare", "WAR", "war", "wars"]
    assert [text[s:e] for s, e in stats.find_spans(doc, "the  war effort")] == ["the WAR effort"]
    assert [text[s:e] for s, e in stats.find_spans(doc, r"wars?\b", regex=True, case_sensitive=True)] == ["war", "wars"]
    with pytest.raises(ValueError):
        stats.find_spans(doc, "  ")


def test_dispersion_positions_run_across_documents_in_corpus_order():
    docs = [Document("a", "one two peace three", {"date": "2022-01-01"}), Document("b", "peace five", {"date": "2022-02-01"})]
    findings = findings_frame([Finding("b", "t", "stance", "hedge", 6, 10, "five", 0, "five", "x")])
    hits = stats.dispersion(docs, cues=["peace"], labels=["stance/hedge"], findings=findings)
    assert list(zip(hits["target"], hits["doc_id"], hits["word_index"], hits["corpus_position"])) == [
        ("peace", "a", 2, 2),
        ("peace", "b", 0, 4),
        ("stance/hedge", "b", 1, 5),
    ]
    assert hits["doc_position"].tolist() == [0.5, 0.0, 0.5]
    assert hits.attrs["total_words"] == 6
    assert len(stats.dispersion(docs, labels=["hedge"], findings=findings)) == 1
    with pytest.raises(ValueError):
        stats.dispersion(docs, labels=["hedge"])


def test_dispersion_plot_uses_dates_when_every_document_has_one():
    from matplotlib.figure import Figure

    docs = [Document("a", "peace now", {"date": "2022-01-01"}), Document("b", "no peace", {"date": "2022-03-01"})]
    fig = stats.dispersion_plot(docs, cues=["peace", "war"])
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "document date"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["peace", "war"]
    fig2 = stats.dispersion_plot(docs + [Document("c", "peace")], cues=["peace"])
    assert fig2.axes[0].get_xlabel().startswith("word position")
    assert "peace (3)" in fig2.axes[0].get_title()
    import matplotlib.pyplot as plt

    plt.close("all")


def test_frequency_of_an_empty_selection_is_an_empty_typed_frame():
    freq = stats.frequency([Document("p", "...")])
    assert list(freq.columns) == ["word", "count", "per_1000", "documents"] and freq.empty
    assert isinstance(freq, pd.DataFrame)
