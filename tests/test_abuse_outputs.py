"""Hostile and careless use of the outputs: the corpus is never overwritten, report folders are
replaced whole by one run at a time, parameters are checked before anything runs, text from the
data is text in every output, nothing is fetched when a report is opened, and no process or
temporary file outlives a run."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.findings import read_findings
from workbench.report import ParameterError, run_report


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- the command line's output files


def test_writing_findings_over_the_corpus_is_refused_before_reading(capsys, write, tmp_path):
    corpus = write("corpus.csv", "text\nIt may rain.\n")
    before = corpus.read_bytes()
    code, _, err = run(capsys, "analyze", corpus, "--out", corpus)
    assert code == 2 and "is the corpus itself" in err
    assert corpus.read_bytes() == before


@pytest.mark.parametrize("command", ["analyze", "sentences"])
def test_an_output_that_cannot_be_written_is_refused_first(capsys, write, tmp_path, command):
    write("c/a.txt", "It may rain.")
    (tmp_path / "taken.csv").mkdir()
    code, _, err = run(capsys, command, tmp_path / "c", "--out", tmp_path / "taken.csv")
    assert code == 2 and "is a folder" in err
    code, _, err = run(capsys, command, tmp_path / "c", "--out", tmp_path / "missing" / "f.csv")
    assert code == 2 and "does not exist" in err


def test_a_closed_pipe_ends_quietly(tmp_path):
    command = f"{sys.executable} -m workbench.cli lexicon show stance | head -n 1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "" and done.stdout.count("\n") == 1


def test_cells_a_spreadsheet_would_run_are_neutralised_in_csv_and_read_back(write, tmp_path, capsys):
    corpus = write("c.jsonl", json.dumps({"doc_id": "=HYPERLINK(\"http://x\")", "text": "+It may rain. -Perhaps. @Clearly so."}) + "\n")
    code, _, err = run(capsys, "analyze", corpus, "--out", tmp_path / "f.csv", "--detectors", "stance", "--quiet")
    assert code == 0, err
    raw = (tmp_path / "f.csv").read_text(encoding="utf-8")
    assert not re.search(r"(^|,)\s*[=+\-@]", raw.split("\n", 1)[1], re.M), "a cell starts with a formula character"
    assert "'=HYPERLINK" in raw
    back = read_findings(tmp_path / "f.csv")
    assert set(back["doc_id"]) == {'=HYPERLINK("http://x")'}
    run(capsys, "analyze", corpus, "--out", tmp_path / "f.jsonl", "--detectors", "stance", "--quiet")
    assert back["text"].tolist() == read_findings(tmp_path / "f.jsonl")["text"].tolist()


def test_temporary_files_of_a_killed_run_are_cleaned_at_the_next_run(write, tmp_path, capsys):
    write("c/a.txt", "It may rain.")
    dead = tmp_path / ".f.999999999.abcd.part.csv"  # no process has that id
    dead.write_text("half a file", encoding="utf-8")
    sleeper = subprocess.Popen(["sleep", "60"])
    try:
        live = tmp_path / f".f.{sleeper.pid}.abcd.part.csv"  # a run still writing
        live.write_text("in progress", encoding="utf-8")
        code, _, _ = run(capsys, "analyze", tmp_path / "c", "--out", tmp_path / "f.csv", "--quiet")
        assert code == 0 and not dead.exists() and live.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_pool_workers_exit_when_their_parent_is_killed(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(400):
        (corpus / f"d{i:03}.txt").write_text("It may rain, perhaps. Clearly it will. " * 400, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "workbench.cli", "analyze", str(corpus), "--out", str(tmp_path / "f.parquet"),
                                "--engine", "processes", "--workers", "2", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        workers = _children(process.pid)
    assert len(workers) >= 2, "the pool did not start"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() and "Z" not in Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1][:3] for w in workers):
        time.sleep(0.2)
    alive = [w for w in workers if Path(f"/proc/{w}").exists() and "Z" not in Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1][:3]]
    for w in alive:
        os.kill(w, signal.SIGKILL)
    assert not alive, f"workers outlived their parent: {alive}"


# --------------------------------------------------------------------------- report parameters


@pytest.mark.parametrize(
    "content, key",
    [
        ("max_highlighted: many\n", "max_highlighted"),
        ("gold: 5\n", "gold"),
        ("filter: [1, 2]\n", "filter"),
        ("group_by: [a, b]\n", "group_by"),
        ("reading: {recursive: maybe}\n", "reading.recursive"),
        ("runs:\n  - {name: a, max_highlighted: -1}\n", "max_highlighted"),
        ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nfilter: {source: [*b, *b, *b, *b, *b, *b, *b, *b, *b]}\n", "aliases"),
    ],
)
def test_bad_parameters_are_refused_before_anything_runs(capsys, write, seed_dir, tmp_path, content, key):
    params = write("p.yaml", content)
    started = time.monotonic()
    code, _, err = run(capsys, "report", seed_dir, "--out", tmp_path / "out", "--params", params)
    assert code == 2 and key in err, err
    assert time.monotonic() - started < 5 and not (tmp_path / "out").exists()


def test_an_oversized_parameters_file_is_refused_unread(write, tmp_path):
    params = write("p.yaml", "title: x\n" + "# padding\n" * 150_000)
    with pytest.raises(ParameterError, match="too large for a parameters file"):
        run_report(None, tmp_path / "out", params=params)


def test_a_report_folder_that_holds_the_corpus_is_refused(write, tmp_path):
    write("work/corpus/a.txt", "It may rain.")
    with pytest.raises(ParameterError, match="holds the corpus"):
        run_report(tmp_path / "work" / "corpus", tmp_path / "work")
    assert (tmp_path / "work" / "corpus" / "a.txt").exists()


# --------------------------------------------------------------------------- report folders and their HTML


def _html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def test_titles_and_metadata_are_text_and_the_report_fetches_nothing(write, tmp_path):
    corpus = write("c.csv", 'source,text\n"![t](http://host/p.png)","It costs $5 and $10, the minister may say."\nbbc,"Clearly it will."\n')
    params = write("p.yaml", 'group_by: source\ntitle: "T [x](javascript:alert(1))"\n')
    run_report(corpus, tmp_path / "out", params=params)
    pages = _html_files(tmp_path / "out")
    # index.html, and per group a report, its document index and one document page
    assert len(pages) == 7 and sum(p.name == "report.html" for p in pages) == 2
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""href=["']?\s*javascript:""", html, re.I), page
        assert not re.search(r"<img[^>]+src=[\"']?https?://", html, re.I), page
        assert not re.search(r"<(script|link|iframe)[^>]+(src|href)=[\"']?(https?:)?//", html, re.I), page
    group = next(p.parent for p in pages if p.name == "report.html" and "bbc" not in p.parent.name)
    document_page = next((group / "documents").glob("c-*.html")).read_text(encoding="utf-8")
    assert "$5 and $10" in document_page
    assert all(re.fullmatch(r"[A-Za-z0-9._=-]+", p.name) for p in (tmp_path / "out").iterdir())


def test_a_rerun_replaces_the_report_folder_whole(write, tmp_path):
    corpus = write("c.csv", "source,text\nbbc,It may rain.\ncnn,Clearly it will.\n")
    run_report(corpus, tmp_path / "out", params=write("p.yaml", "group_by: source\n"))
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"index.html", "source-bbc", "source-cnn"}
    (tmp_path / "out" / "notes.txt").write_text("mine", encoding="utf-8")
    run_report(corpus, tmp_path / "out", params=write("q.yaml", "filter: {source: bbc}\n"))
    assert "report.html" in {p.name for p in (tmp_path / "out").iterdir()}
    assert not (tmp_path / "out" / "source-cnn").exists() and not (tmp_path / "out" / "notes.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv", "out", "p.yaml", "q.yaml"]


def test_a_second_run_into_the_same_folder_is_refused_while_the_first_lives(write, seed_dir, tmp_path):
    sleeper = subprocess.Popen(["sleep", "60"])
    try:
        (tmp_path / ".out.lock").write_text(str(sleeper.pid), encoding="ascii")
        with pytest.raises(ParameterError, match=f"another report run \\(process {sleeper.pid}\\)"):
            run_report(seed_dir, tmp_path / "out")
    finally:
        sleeper.kill()
        sleeper.wait()
    run_report(seed_dir, tmp_path / "out")  # a dead holder's lock is taken over
    assert (tmp_path / "out" / "report.html").exists() and not (tmp_path / ".out.lock").exists()


def test_a_long_document_is_highlighted_in_part_and_says_so():
    from workbench.corpus import Document
    from workbench.highlight import highlight
    from workbench.pipeline import analyze

    doc = Document("long", "It may rain. " * 1000)
    findings = analyze([doc], detectors=["stance"], progress=False)
    html = highlight(doc, findings, max_chars=130).html
    assert "the first 130 of 13,000 characters are shown" in html and "990 more finding(s)" in html
    assert html.count("wb-span") == 10


def test_a_clean_report_run_prints_nothing_but_its_result(seed_dir, tmp_path):
    done = subprocess.run([sys.executable, "-m", "workbench.cli", "report", str(seed_dir), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and done.stderr == "", done.stderr
