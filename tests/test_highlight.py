import pandas as pd

from workbench.corpus import Document
from workbench.highlight import highlight


def findings(rows):
    return pd.DataFrame(rows, columns=["doc_id", "layer", "label", "start", "end", "explanation", "cue"])


def test_text_and_explanations_are_escaped():
    doc = Document("d", "<script>alert(1)</script> & more")
    html = highlight(doc, findings([("d", "loaded", "loaded_language", 0, 8, 'uses "<b>"', "c")])).html
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html and "alert(1)&lt;/script&gt; &amp; more" in html
    assert 'title="loaded/loaded_language: uses &quot;&lt;b&gt;&quot;"' in html


def test_overlapping_spans_are_cut_at_every_boundary():
    doc = Document("d", "abcdefghij")
    html = highlight(doc, findings([("d", "stance", "hedge", 2, 6, "h", "c"), ("d", "distancing", "so_called", 4, 8, "s", "c")])).html
    body = html.split('class="wb-doc"')[1]
    # pieces: ab | cd (hedge) | ef (both) | gh (so_called) | ij
    assert body.count("<mark") == 3
    both = [part for part in body.split("<mark")[1:] if "stance/hedge" in part and "distancing/so_called" in part]
    assert len(both) == 1 and ">ef</mark>" in both[0]
    assert "stance/hedge (1)" in html and "distancing/so_called (1)" in html


def test_layer_filter_and_empty_legend():
    doc = Document("d", "abc")
    html = highlight(doc, findings([("d", "stance", "hedge", 0, 1, "h", "c")]), layers=["question"]).html
    assert "<mark" not in html and "No findings" in html


def test_one_highlight_with_layer_and_label_names_checked():
    import pytest

    from workbench import explore, highlight
    from workbench.errors import InputError
    from workbench.pipeline import analyze

    assert explore.highlight is highlight
    doc = Document("d", "It may rain. Clearly it will.")
    findings = analyze([doc], detectors=["stance"], progress=False)
    assert "stance/booster" not in highlight(doc, findings, labels=["stance/hedge"]).html
    assert "stance/hedge" in highlight(doc, findings, labels=["hedge"]).html
    with pytest.raises(InputError, match="unknown layer 'stnce'; layers: .*stance"):
        highlight(doc, findings, layers=["stnce"])
    with pytest.raises(InputError, match="unknown label 'hedges'; labels: .*stance/hedge"):
        highlight(doc, findings, labels=["hedges"])
