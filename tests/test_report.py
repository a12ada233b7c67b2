"""End-to-end report runs (each executes the notebook in a kernel, a few seconds)."""

import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from workbench.cli import main
from workbench.findings import read_findings
from workbench.report import REPORT_FILES, ParameterError, load_parameters, run_report


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory, seed_dir, seed_gold):
    base = tmp_path_factory.mktemp("reports")
    for name in ("one", "two"):
        run_report(seed_dir, base / name, params={"gold": str(seed_gold), "title": "Seed", "formats": ["parquet", "csv"]})
    return base / "one", base / "two"


def test_report_folder_has_every_file(two_runs):
    first, _ = two_runs
    assert sorted(p.name for p in first.iterdir()) == sorted([*REPORT_FILES, "documents"])
    assert sorted(p.name for p in (first / "documents").iterdir()) == ["000_16d36fc435d4e2de.html", "index.html"]
    pd.testing.assert_frame_equal(read_findings(first / "findings.csv"), read_findings(first / "findings.parquet"))
    html = (first / "report.html").read_text(encoding="utf-8")
    assert "Corpus overview" in html and "wb-doc" in html and "<h1" in html
    assert "import html" not in html and "sections.show" not in html, "code cells must not be in the HTML"
    nb = nbformat.read(first / "report.ipynb", as_version=4)
    assert any("injected-parameters" in c.metadata.get("tags", []) for c in nb.cells)


def test_two_runs_are_byte_identical_except_the_timestamp(two_runs):
    first, second = two_runs
    for name in REPORT_FILES:
        a, b = (first / name).read_bytes(), (second / name).read_bytes()
        if name == "manifest.json":
            ma, mb = json.loads(a), json.loads(b)
            ma.pop("created"), mb.pop("created")
            assert ma == mb
        else:
            assert a == b, f"{name} differs between two runs"


def test_manifest_records_inputs_parameters_versions_and_hashes(two_runs, seed_dir):
    manifest = json.loads((two_runs[0] / "manifest.json").read_text())
    assert manifest["created"]
    (seed_input,) = manifest["corpus"]["inputs"]
    assert seed_input["path"].endswith(".txt") and len(seed_input["sha256"]) == 64
    assert manifest["parameters"]["title"] == "Seed"
    assert manifest["environment"]["packages"]["pandas"]
    assert manifest["lock_file"]["path"] == "requirements.lock"
    assert "data/punkt_params.json" in manifest["data_files"]
    assert set(manifest["outputs"]) == set(REPORT_FILES) - {"manifest.json"}
    assert manifest["rejected"] == []


def test_failing_notebook_keeps_the_partial_notebook_apart_and_the_old_report_whole(tmp_path, seed_dir, capsys):
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("corpus = None\noutput_dir = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("print('first cell ran')"), nbformat.v4.new_code_cell("raise ValueError('deliberate failure')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    broken = tmp_path / "broken.ipynb"
    nbformat.write(nb, broken)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.html").write_text("the previous report", encoding="utf-8")
    code = main(["report", str(seed_dir), "--out", str(tmp_path / "out"), "--notebook", str(broken)])
    err = capsys.readouterr().err
    assert code == 1
    assert "ValueError: deliberate failure" in err and "out.failed" in err and "unchanged" in err
    partial = nbformat.read(tmp_path / "out.failed" / "report.ipynb", as_version=4)
    assert any("first cell ran" in str(c.get("outputs")) for c in partial.cells)
    assert not (tmp_path / "out.failed" / "report.html").exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.html"]
    assert (tmp_path / "out" / "report.html").read_text(encoding="utf-8") == "the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.ipynb", "out", "out.failed"]  # no staging or lock left


def test_group_by_writes_one_folder_per_group_and_an_index(tmp_path, write):
    corpus = write("corpus.csv", "doc_id,text,source\na,First text here.,north\nb,Second text.,south\nc,Third text.,north\nd,,north\n")
    params = write("params.yaml", "title: By source\ngroup_by: source\nmax_highlighted: 1\n")
    runs = run_report(corpus, tmp_path / "out", params=params)
    assert [r.name for r in runs] == ["source=north", "source=south"]
    assert [r.summary["totals"]["documents"] for r in runs] == [2, 1]
    index = (tmp_path / "out" / "index.html").read_text()
    assert 'href="source-north/report.html"' in index and 'href="source-south/report.html"' in index
    manifest = json.loads((tmp_path / "out" / "source-south" / "manifest.json").read_text())
    assert manifest["rejected"] == [{"source": str(corpus), "location": "row 4", "doc_id": "d", "reason": "empty document"}]


def test_parameter_file_errors(write, tmp_path):
    with pytest.raises(ParameterError, match="not valid YAML"):
        load_parameters(write("bad.yaml", "title: [unclosed\n"))
    with pytest.raises(ParameterError, match="unknown parameter\\(s\\) colour"):
        load_parameters(write("odd.yaml", "colour: red\n"))
    params = load_parameters(write("sub/p.yaml", "corpus: ../seeds\ndetectors: [a, b]\n"))
    assert params["detectors"] == ["a", "b"] and Path(params["corpus"]).is_absolute()
    with pytest.raises(ParameterError, match="no such file or folder"):
        run_report(tmp_path / "missing", tmp_path / "out")


def test_a_document_page_lists_every_finding_escaped(two_runs, seed_dir):
    import re

    first, _ = two_runs
    findings = read_findings(first / "findings.parquet")
    page = (first / "documents" / "000_16d36fc435d4e2de.html").read_text(encoding="utf-8")
    table = page[page.index("<h2>Findings</h2>"):]
    assert table.count("<tr>") == len(findings) + 1  # a header and one row per finding
    assert "<th>sentence</th><th>layer</th><th>label</th>" in table
    # Every cell is text: no tag in it but the table's own.
    assert set(re.findall(r"</?(\w+)", table)) <= {"h2", "p", "table", "thead", "tbody", "tr", "th", "td", "body", "html"}
    assert "&quot;" in table or "&#x27;" in table  # the seed's quotations, escaped


def test_the_document_index_is_paged_and_lists_every_document_once(tmp_path):
    import re

    from workbench.corpus import Document
    from workbench.findings import empty_frame
    from workbench.report.pages import INDEX_ROWS, DocumentPages

    count = 2 * INDEX_ROWS + 3
    pages = DocumentPages(tmp_path, title="T", max_pages=2)
    for i in range(count):
        pages.add(Document(f"d{i:05d}", "One sentence here."), empty_frame())
    assert pages.finish() == 3
    names = ["index.html", "index-2.html", "index-3.html"]
    listed = []
    for number, name in enumerate(names, start=1):
        page = (tmp_path / "documents" / name).read_text(encoding="utf-8")
        assert f"Page {number} of 3" in page and all(other in page or other == name for other in names)
        listed += re.findall(r"<tr><td>(?:<a [^>]+>)?(d\d{5})", page)
    assert listed == [f"d{i:05d}" for i in range(count)]
    assert sorted(p.name for p in (tmp_path / "documents").glob("d*.html")) == ["d00000.html", "d00001.html"]
    assert not (tmp_path / "documents" / ".index-rows.jsonl").exists()
