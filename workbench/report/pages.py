"""The report's second level: a page per document (its text highlighted, its findings listed) and
a paged, sortable index of every document, written while the findings stream past.

Pages are plain, self-contained HTML (no script or style from the network; every text from the
data escaped). The index lists every document; pages exist for the first ``max_pages``
documents (an archive of 100,000 documents would otherwise write 100,000 pages), and the index
says which have one.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd

from workbench.atomic import write_text
from workbench.corpus import Document
from workbench.highlight import highlight

INDEX_ROWS = 500
DOCUMENTS = "documents"
_PAGE_STYLE = (
    "<style>body{font-family:sans-serif;margin:1.5em;max-width:70em}table{border-collapse:collapse;font-size:.9em}"
    "td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top;text-align:left}th{background:#f4f4f4}"
    "th[data-sort]{cursor:pointer}nav a{margin-right:1em}.wb-num{text-align:right}</style>"
)
# Click a column heading to sort this page of the index; without script the table reads in corpus order.
_SORT_SCRIPT = """<script>
document.querySelectorAll('th[data-sort]').forEach(function(th,i){th.addEventListener('click',function(){
 var body=th.closest('table').tBodies[0],rows=Array.from(body.rows),num=th.dataset.sort==='num',dir=th.dataset.dir==='asc'?-1:1;th.dataset.dir=dir>0?'asc':'desc';
 rows.sort(function(a,b){var x=a.cells[i].dataset.v||a.cells[i].textContent,y=b.cells[i].dataset.v||b.cells[i].textContent;
 return dir*(num?(parseFloat(x)||0)-(parseFloat(y)||0):x.localeCompare(y));});rows.forEach(function(r){body.appendChild(r)});});});
</script>"""


def page_name(doc_id: str, taken: set[str]) -> str:
    """A safe, unique file name for a document's page."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", doc_id).strip("-.")[:80] or "document"
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name.lower())
    return f"{name}.html"


def _html_table(frame: pd.DataFrame) -> str:
    """A plain HTML table of ``frame`` (every cell escaped), written directly: pandas' ``to_html``
    took a third of a document page's time."""
    head = "".join(f"<th>{html.escape(str(name))}</th>" for name in frame.columns)
    columns = [frame[name].tolist() for name in frame.columns]
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(value))}</td>" for value in row) + "</tr>" for row in zip(*columns))
    return f'<table class="dataframe"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


class DocumentPages:
    """Write document pages and the index rows as documents arrive; :meth:`finish` writes the index."""

    def __init__(self, out_dir: str | Path, *, title: str, max_pages: int = 500):
        self.folder = Path(out_dir) / DOCUMENTS
        self.title = title
        self.max_pages = max_pages
        self.rows: Path = self.folder / ".index-rows.jsonl"
        self.folder.mkdir(parents=True, exist_ok=True)
        self._rows = open(self.rows, "w", encoding="utf-8")
        self._taken: set[str] = set()
        self.pages = 0
        self.documents = 0
        self.links: dict[str, str] = {}

    def add(self, doc: Document, findings: pd.DataFrame) -> None:
        link = None
        if self.pages < self.max_pages:
            link = page_name(doc.doc_id, self._taken)
            write_text(self.folder / link, self._page(doc, findings))
            self.pages += 1
            self.links[doc.doc_id] = f"{DOCUMENTS}/{link}"
        row = {"doc_id": doc.doc_id, "title": doc.meta.get("title"), "date": doc.meta.get("date"), "source": doc.meta.get("source"),
               "words": doc.word_count, "findings": int(len(findings)), "page": link}
        self._rows.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.documents += 1

    def _page(self, doc: Document, findings: pd.DataFrame) -> str:
        from workbench.explore import findings_table

        view = highlight(doc, findings, title=None, frames=True).html
        shown = findings_table(findings, max_text=120, columns=["sentence", "layer", "label", "text", "cue", "explanation"]) if len(findings) else None
        table = _html_table(shown) if shown is not None else "<p>No findings.</p>"
        meta = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>"
                       for k, v in doc.meta.items() if k in ("title", "date", "source", "source_file"))
        return (
            f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(doc.doc_id)} — {html.escape(self.title)}</title>'
            f"{_PAGE_STYLE}</head><body><nav><a href=\"../report.html\">report</a><a href=\"index.html\">all documents</a></nav>"
            f"<h1>{html.escape(doc.doc_id)}</h1><table>{meta}<tr><th>words</th><td>{doc.segments.word_count:,}</td></tr>"
            f"<tr><th>findings</th><td>{len(findings):,}</td></tr></table><h2>Text with its findings</h2>{view}"
            f"<h2>Findings</h2><p>Sentences are counted from 1.</p>{table}</body></html>\n"
        )

    def finish(self) -> int:
        """Write ``documents/index.html`` (and ``index-2.html`` ...): every document, a page of rows each; the number of index pages."""
        self._rows.close()
        # Read back one index page of rows at a time: an archive's index does not fit in memory whole.
        total = self.documents
        names = ["index.html"] + [f"index-{n}.html" for n in range(2, max(1, -(-total // INDEX_ROWS)) + 1)]
        with open(self.rows, encoding="utf-8") as lines:
            for number, name in enumerate(names, start=1):
                chunk = [json.loads(line) for line in itertools.islice(lines, INDEX_ROWS)]
                write_text(self.folder / name, self._index(chunk, number, names, total))
        self.rows.unlink(missing_ok=True)
        return len(names)

    def _index(self, rows: list[dict[str, Any]], number: int, names: list[str], total: int) -> str:
        cells = []
        for row in rows:
            doc = html.escape(row["doc_id"])
            name = f'<a href="{html.escape(row["page"], quote=True)}">{doc}</a>' if row["page"] else doc
            cells.append(
                f"<tr><td>{name}</td><td>{html.escape(str(row['title'] or ''))}</td><td>{html.escape(str(row['date'] or ''))}</td>"
                f"<td>{html.escape(str(row['source'] or ''))}</td><td class=wb-num data-v={row['words']}>{row['words']:,}</td>"
                f"<td class=wb-num data-v={row['findings']}>{row['findings']:,}</td></tr>"
            )
        pager = " ".join(f'<a href="{n}">{i}</a>' if i != number else f"<strong>{i}</strong>" for i, n in enumerate(names, start=1))
        return (
            f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Documents — {html.escape(self.title)}</title>{_PAGE_STYLE}</head>'
            f'<body><nav><a href="../report.html">report</a></nav><h1>Documents ({total:,})</h1>'
            f"<p>Page {number} of {len(names)}: {pager}. A document with a link has its own page (the first {self.max_pages:,} documents); "
            "click a column heading to sort this page.</p><table><thead><tr><th data-sort=text>doc_id</th><th data-sort=text>title</th>"
            "<th data-sort=text>date</th><th data-sort=text>source</th><th data-sort=num>words</th><th data-sort=num>findings</th></tr></thead>"
            f"<tbody>{''.join(cells)}</tbody></table>{_SORT_SCRIPT}</body></html>\n"
        )
