import json

import pandas as pd
import pytest

from workbench.atomic import atomic_path
from workbench.findings import COLUMNS, Finding, findings_frame, read_findings, write_findings


def sample():
    return [
        Finding("b", "toy", "stance", "hedge", 5, 8, "may", 0, "may", "modal", 0.5, {"k": [1, 2]}),
        Finding("a", "toy", "stance", "booster", 0, 4, "very", 0, "very", "booster"),
        Finding("a", "toy", "loaded", "loaded_language", 0, 4, "very", 0, "very", "x"),
    ]


def test_frame_has_fixed_columns_dtypes_and_order():
    frame = findings_frame(sample(), doc_order=["b", "a"])
    assert list(frame.columns) == list(COLUMNS)
    assert {c: str(t) for c, t in frame.dtypes.items()} == {c: ("object" if t == "object" else t) for c, t in COLUMNS.items()}
    assert list(frame["doc_id"]) == ["b", "a", "a"]
    assert list(frame["layer"]) == ["stance", "loaded", "stance"]  # same span: ordered by layer


def test_empty_frame_keeps_columns():
    frame = findings_frame([])
    assert list(frame.columns) == list(COLUMNS) and frame.empty


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_round_trip(tmp_path, suffix):
    frame = findings_frame(sample())
    path = write_findings(frame, tmp_path / f"f{suffix}")
    back = read_findings(path)
    pd.testing.assert_frame_equal(back, frame)
    assert back.loc[back["doc_id"] == "b", "extras"].iloc[0] == {"k": [1, 2]}


def test_unsupported_suffix(tmp_path):
    from workbench.errors import InputError

    with pytest.raises(InputError, match="f.xlsx: unsupported table format '.xlsx'"):
        write_findings(findings_frame(sample()), tmp_path / "f.xlsx")


def test_gold_jsonl_extras_at_top_level_are_gathered(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"doc_id": "d", "layer": "question", "label": "hypophora", "start": 0, "end": 3, "text": "Why", "series": 1}) + "\n")
    gold = read_findings(path)
    assert gold.loc[0, "extras"] == {"series": 1}


def test_malformed_gold_line_names_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"doc_id": "d"}\n{oops\n')
    with pytest.raises(ValueError, match=r"gold\.jsonl, line 2: malformed JSON"):
        read_findings(path)


def test_atomic_write_leaves_old_file_on_failure(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as temp:
            temp.write_text("half a fi")
            raise RuntimeError("crash while writing")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_finding_rows_are_ordered_and_typed_as_the_general_path_orders_them(seed_dir):
    import random

    from workbench.corpus import load_corpus
    from workbench.detectors import resolve_detectors
    from workbench.engines import detect_document

    docs = load_corpus(seed_dir).documents
    found = [f for doc in docs for f in detect_document(doc, resolve_detectors(None)).findings]
    # Two documents' worth, shuffled, with ties on start/end/layer that only label, detector or cue break.
    rows = found + [f._replace(doc_id="other") for f in found]
    random.Random(3).shuffle(rows)
    for order in (None, ["other", docs[0].doc_id], ["other"], []):
        general = findings_frame([f.as_dict() for f in rows], doc_order=order)  # sorted by pandas
        pd.testing.assert_frame_equal(findings_frame(rows, doc_order=order), general)
