"""Real browser check: the report and a highlighted document rendered by headless Chromium.

Chromium comes from Debian's package (``.ci/run`` installs it on CI machines; the tests never
install anything). Without it the tests are skipped with a message, except under CI (env
``CI`` set), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from workbench import analyze, explore, load_corpus
from workbench.corpus import Document
from workbench.findings import Finding, findings_frame
from workbench.report import run_report

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
TIMEOUT = 90


def _find_chromium() -> str | None:
    return next((path for path in CANDIDATES if os.access(path, os.X_OK)), None)


@pytest.fixture(scope="session")
def chromium() -> str:
    path = _find_chromium()
    if path is None:
        message = f"headless Chromium not found at {' or '.join(CANDIDATES)}; install the Debian package 'chromium' to run the browser checks"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def _run(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    command = [chromium, *FLAGS, f"--user-data-dir={profile}", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, f"chromium exited {done.returncode}: {done.stderr[-1000:]}"
    return done


def dump_dom(chromium: str, page: Path, profile: Path) -> str:
    """The DOM after the browser has loaded and rendered the page, serialised as HTML."""
    return _run(chromium, profile, "--dump-dom", page.resolve().as_uri()).stdout


class DomIndex(HTMLParser):
    """Elements by tag and class, and the text inside each ``div.wb-doc``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.doc_texts: list[str] = []
        self._depth = 0  # open elements inside the current div.wb-doc (0 = outside)
        self._inside_doc_tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attributes))
        if self._depth:
            self._depth += 1
            self._inside_doc_tags.append(tag)
        elif tag == "div" and "wb-doc" in attributes.get("class", "").split():
            self._depth = 1
            self.doc_texts.append("")

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.doc_texts[-1] += data

    def find(self, tag: str, cls: str | None = None) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and (cls is None or cls in a.get("class", "").split())]


def parse(dom: str) -> DomIndex:
    index = DomIndex()
    index.feed(dom)
    index.close()
    return index


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory, seed_dir) -> Path:
    out = tmp_path_factory.mktemp("browser") / "report"
    run_report(seed_dir, out, title="Seed")
    return out / "report.html"


def test_report_renders_highlights_legend_and_charts(chromium, seed_report, tmp_path):
    dom = parse(dump_dom(chromium, seed_report, tmp_path / "profile"))
    marks = dom.find("mark", "wb-span")
    assert len(marks) >= 5, "highlighted spans missing from the rendered report"
    assert all(m.get("title") for m in marks), "every highlighted span carries its explanation as a hover title"
    assert dom.find("div", "wb-legend"), "legend missing"
    charts = [img for img in dom.find("img") if img.get("src", "").startswith("data:image/png;base64,")]
    assert charts, "no embedded PNG chart in the rendered report"


def test_highlighted_document_renders_exact_escaped_text(chromium, tmp_path):
    text = 'A <b>tag</b> & "quotes" may be shown as text.\nIt is clearly so-called "safe".'
    doc = Document("escape-check", text)
    spans = [("stance", "hedge", "may"), ("stance", "booster", "clearly"), ("distancing", "so_called", 'so-called "safe"'), ("loaded", "loaded_language", "<b>tag</b> & \"quotes\"")]
    rows = []
    for layer, label, cue in spans:
        start = text.index(cue)
        rows.append(Finding("escape-check", "test", layer, label, start, start + len(cue), cue, 0, cue, f"<i>{cue}</i> is a cue"))
    findings = findings_frame(rows)
    page = explore.save_html(explore.highlight(doc, findings, title="escaping"), tmp_path / "doc.html")
    dom = parse(dump_dom(chromium, page, tmp_path / "profile"))
    (shown,) = dom.doc_texts
    assert shown == text, "the browser must show the document text exactly, markup included as text"
    assert "b" not in dom._inside_doc_tags, "document text was interpreted as HTML"
    marks = dom.find("mark", "wb-span")
    assert len(marks) == 4 and dom.find("div", "wb-legend")
    assert "<i>may</i> is a cue" in {m["title"].split(": ", 1)[1] for m in marks}, "explanations are kept as hover text"


def test_screenshot_of_a_highlighted_seed_document(chromium, seed_dir, tmp_path):
    corpus = load_corpus(seed_dir)
    findings = analyze(corpus, progress=False)
    doc = corpus[0]
    page = explore.save_html(explore.highlight(doc, findings, layers=["stance", "question", "distancing", "loaded"]), tmp_path / "seed.html")
    shot = tmp_path / "x.png"
    _run(chromium, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1200,1600", page.resolve().as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    # Width and height are the first two big-endian ints of the IHDR chunk.
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1200, 1600)
    assert len(data) > 20_000, "the screenshot looks blank"


@pytest.fixture(scope="module")
def archive_report(tmp_path_factory, repo_script) -> Path:
    """A report on 400 news-length documents from two sources over six months, compared by source."""
    import json

    folder = tmp_path_factory.mktemp("archive")
    corpus = folder / "archive.jsonl"
    with open(corpus, "w", encoding="utf-8") as handle:
        for number, (doc_id, text) in enumerate(repo_script("benchmarks/corpus_gen.py").articles(400, seed=11)):
            row = {"doc_id": doc_id, "text": text, "source": ("north", "south")[number % 2], "date": f"2022-{1 + number % 6:02d}-15"}
            handle.write(json.dumps(row) + "\n")
    run_report(corpus, folder / "report", params={"title": "Archive", "compare_by": "source"})
    return folder / "report"


def _pdf_pages(pdf: Path) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def test_a_400_document_report_prints_to_under_30_pages_and_links_every_document(chromium, archive_report, tmp_path):
    pdf = tmp_path / "report.pdf"
    _run(chromium, tmp_path / "profile", f"--print-to-pdf={pdf}", "--no-pdf-header-footer", (archive_report / "report.html").resolve().as_uri())
    pages = _pdf_pages(pdf)
    assert 0 < pages < 30, f"the overview of 400 documents prints to {pages} pages"
    dom = parse(dump_dom(chromium, archive_report / "documents" / "index.html", tmp_path / "profile"))
    assert len(dom.find("tr")) == 401  # a header and every document
    page = next((archive_report / "documents").glob("gen-11-000000.html"))
    assert "wb-span" in page.read_text(encoding="utf-8")


def test_screenshots_of_the_seed_report_and_a_document_page(chromium, seed_dir, tmp_path):
    """The pictures in docs/img come from here; the test checks they render, and refreshes them when asked."""
    out = tmp_path / "seed"
    run_report(seed_dir, out, title="Seed article")
    shots = {"report": (out / "report.html", tmp_path / "report.png"), "document": (out / "documents" / "000_16d36fc435d4e2de.html", tmp_path / "document.png")}
    for page, shot in shots.values():
        _run(chromium, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1200,1500", page.resolve().as_uri())
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    if os.environ.get("WORKBENCH_REFRESH_SCREENSHOTS"):
        target = Path(__file__).resolve().parents[1] / "docs" / "img"
        for name, (_, shot) in shots.items():
            shutil.copyfile(shot, target / f"{name}.png")
