"""Parquet datasets in, findings datasets out: one part per part, the same findings on every engine."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from workbench.corpus import load_corpus
from workbench.datasets import analyze_dataset, dataset_parts, is_dataset_out
from workbench.engines import dask_available
from workbench.findings import read_findings
from workbench.pipeline import analyze

TEXTS = [
    "It may rain tomorrow, the forecaster said. Clearly it will.",
    "Why would anyone pay? Because they must.",
    "The so-called reform was supposed to cut costs.",
    "",  # rejected: empty
    "Perhaps the minister knows. Critics say she does not.",
    "Nothing here.",
]


@pytest.fixture()
def dataset(tmp_path) -> Path:
    """Three parts, one in a partition folder, as pandas or Spark would write them."""
    root = tmp_path / "news"
    (root / "year=2022").mkdir(parents=True)
    pd.DataFrame({"doc_id": ["a1", "a2"], "text": TEXTS[:2]}).to_parquet(root / "year=2022" / "part-0.parquet")
    pd.DataFrame({"doc_id": ["b1", "b2"], "text": TEXTS[2:4]}).to_parquet(root / "part-1.parquet")
    pd.DataFrame({"text": TEXTS[4:]}).to_parquet(root / "part-2.parquet")  # ids from the part name and row
    (root / "_SUCCESS").write_text("", encoding="utf-8")  # a marker file Spark leaves: not a part
    return root


def _parts_frame(out: Path) -> pd.DataFrame:
    frames = [read_findings(p) for p in sorted(out.rglob("*.parquet"))]
    return pd.concat(frames, ignore_index=True).sort_values(["doc_id", "start", "end", "layer", "label"]).reset_index(drop=True)


def test_a_folder_of_parts_is_a_corpus(dataset):
    assert [Path(p).relative_to(dataset).as_posix() for p in dataset_parts(dataset)] == ["part-1.parquet", "part-2.parquet", "year=2022/part-0.parquet"]
    corpus = load_corpus(dataset)
    assert sorted(d.doc_id for d in corpus) == ["a1", "a2", "b1", "part-2-1", "part-2-2"]
    assert [r.doc_id for r in corpus.rejected] == ["b2"]


@pytest.mark.parametrize("engine", ["serial", "processes", pytest.param("dask", marks=pytest.mark.skipif(not dask_available(), reason="dask is optional"))])
def test_one_findings_part_per_input_part_with_the_findings_of_a_whole_run(dataset, tmp_path, engine):
    expected = analyze(dataset, progress=False).sort_values(["doc_id", "start", "end", "layer", "label"]).reset_index(drop=True)
    options = {"workers": 2} if engine != "serial" else {}
    summary = analyze_dataset(dataset, tmp_path / "out", engine=engine, **options)
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.parquet"))
    assert written == ["part-1.parquet", "part-2.parquet", "year=2022/part-0.parquet"]
    pd.testing.assert_frame_equal(_parts_frame(tmp_path / "out"), expected)
    assert (summary.documents, summary.findings) == (5, len(expected))
    manifest = json.loads((tmp_path / "out" / "_parts.json").read_text(encoding="utf-8"))
    by_part = {Path(p["part"]).name: p for p in manifest["parts"]}
    assert [r["doc_id"] for r in by_part["part-1.parquet"]["rejected"]] == ["b2"]
    assert manifest["documents"] == 5 and manifest["findings"] == len(expected)


def test_analyze_and_the_command_line_write_a_dataset_for_out_dir_slash(dataset, tmp_path, capsys):
    from workbench.cli import main

    assert is_dataset_out(f"{tmp_path}/x/") and not is_dataset_out(tmp_path / "x.parquet")
    result = analyze(dataset, out=f"{tmp_path / 'py'}/", detectors=["stance"], progress=False)
    assert result.documents == 5 and [r.doc_id for r in result.rejected] == ["b2"]
    code = main(["analyze", str(dataset), "--out", f"{tmp_path / 'cli'}/", "--detectors", "stance", "--quiet"])
    assert code == 0 and "5 document(s)" in capsys.readouterr().out
    pd.testing.assert_frame_equal(_parts_frame(tmp_path / "cli"), _parts_frame(tmp_path / "py"))


def test_a_glob_and_a_url_name_a_dataset_too(dataset, tmp_path):
    parts = dataset_parts(str(dataset / "*.parquet"))
    assert [Path(p).name for p in parts] == ["part-1.parquet", "part-2.parquet"]
    url = dataset.resolve().as_uri()  # file:// goes through fsspec, as s3:// would
    assert len(dataset_parts(url)) == 3
    summary = analyze_dataset(url, f"{(tmp_path / 'out').resolve().as_uri()}/", detectors=["stance"])
    assert summary.documents == 5 and len(list((tmp_path / "out").rglob("*.parquet"))) == 3


def test_a_dataset_folder_out_needs_a_dataset_in(write, tmp_path):
    from workbench.errors import InputError

    write("c/a.txt", "It may rain.")
    with pytest.raises(InputError, match="needs a Parquet dataset"):
        analyze(tmp_path / "c", out=f"{tmp_path / 'out'}/", progress=False)
