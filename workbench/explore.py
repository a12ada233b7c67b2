"""Notebook helpers for exploring a corpus and its findings.

Everything returns a pandas object, a matplotlib Figure or an object that shows itself as
HTML in Jupyter:

* :func:`highlight` - a document with its findings marked (legend, explanation on hover);
* :func:`kwic` - keyword in context for a word, phrase, regex or the spans of a findings table;
* :func:`profile` / :func:`profile_plot` - findings per 1,000 words per document or group;
* corpus statistics from :mod:`workbench.stats`: :func:`frequency`, :func:`collocates`,
  :func:`keyness`, :func:`dispersion` and :func:`dispersion_plot`.
"""

from __future__ import annotations

import bisect
import html as _html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import pandas as pd

from workbench.corpus import Corpus, Document, meta_value
from workbench.highlight import check_names, highlight
from workbench.stats import collocates, dispersion, dispersion_plot, documents, find_spans, frequency, keyness, word_spans

if TYPE_CHECKING:
    from matplotlib.figure import Figure

KWIC_COLUMNS = ["doc_id", "left", "match", "right", "start", "end", "sentence"]
_SORT_DEPTH = 3
_NONE_GROUP = "(none)"

__all__ = [
    "KWIC_COLUMNS",
    "findings_table",
    "collocates",
    "dispersion",
    "dispersion_plot",
    "document",
    "frequency",
    "highlight",
    "keyness",
    "kwic",
    "kwic_html",
    "profile",
    "profile_plot",
    "save_html",
    "sentence_words",
]


# --------------------------------------------------------------------------- documents


def document(source: Document | Iterable[Document], key: int | str) -> Document:
    """One document of a corpus by position (``0`` is the first) or by doc_id."""
    if isinstance(source, Document):
        return source
    if isinstance(source, Corpus):
        return source[key]
    docs = documents(source)
    if isinstance(key, int):
        return docs[key]
    for doc in docs:
        if doc.doc_id == key:
            return doc
    raise KeyError(f"no document {key!r}")


def findings_table(findings: pd.DataFrame, *, max_text: int = 80, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The findings fit to read in a notebook: long texts shortened, extras as ``key: value`` text.

    A finding on a whole document (a frame ranking) shows ``(whole document)`` instead of
    its text; sentence numbers count from 1, as a reader counts (``sentence`` in the findings
    table itself stays 0-based). The table is a copy: the findings are not changed.
    """
    from workbench.detectors.registry import layers_by_unit

    whole = layers_by_unit("document")
    shown = findings.copy()

    def shorten(text: str) -> str:
        flat = " ".join(str(text).split())
        return flat if len(flat) <= max_text else flat[: max_text - 1] + "\u2026"

    shown["text"] = [("(whole document)" if layer in whole else shorten(text)) for layer, text in zip(shown["layer"], shown["text"])]
    shown["explanation"] = shown["explanation"].map(lambda e: shorten(e) if max_text else e)
    shown["extras"] = shown["extras"].map(_extras_text)
    shown["sentence"] = shown["sentence"] + 1
    keep = list(columns) if columns is not None else ["doc_id", "layer", "label", "text", "sentence", "cue", "score", "explanation", "extras"]
    return shown[keep].reset_index(drop=True)


def _extras_text(extras: Any) -> str:
    if not extras:
        return ""
    parts = []
    for key, value in dict(extras).items():
        if isinstance(value, dict):
            value = value.get("text", value)
        if isinstance(value, (list, tuple)):
            value = ", ".join(map(str, value[:6])) + (f", \u2026 ({len(value)} in all)" if len(value) > 6 else "")
        elif isinstance(value, float):
            value = round(value, 3)
        parts.append(f"{key}: {value}")
    return "; ".join(parts)


def save_html(view: Any, path: str | Path, *, title: str = "discourse-workbench") -> Path:
    """Write anything with ``_repr_html_`` (a highlighted document, a KWIC view, a DataFrame) as a standalone page."""
    body = view._repr_html_() if hasattr(view, "_repr_html_") else _html.escape(str(view))
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_html.escape(title)}</title></head>\n<body>\n{body}\n</body></html>\n"
    )
    path = Path(path)
    path.write_text(page, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- KWIC


def _display(text: str) -> str:
    # Line breaks would break the concordance layout; same-length replacement keeps offsets meaningful.
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")


def _sort_keys(sort: str | Sequence[str]) -> list[tuple[str, int]]:
    """Parse ``left``/``right``/``match`` or AntConc positions like ``1R``, ``2L`` into (side, n)."""
    if isinstance(sort, str):
        if sort == "left":
            return [("L", n) for n in range(1, _SORT_DEPTH + 1)]
        if sort == "right":
            return [("R", n) for n in range(1, _SORT_DEPTH + 1)]
        if sort == "match":
            return [("M", 0)]
        sort = [sort]
    keys = []
    for item in sort:
        item = str(item).strip().upper()
        if item in ("M", "MATCH", "KWIC", "0"):
            keys.append(("M", 0))
        elif len(item) >= 2 and item[:-1].isdigit() and item[-1] in "LR" and int(item[:-1]) > 0:
            keys.append((item[-1], int(item[:-1])))
        else:
            raise ValueError(f"unknown sort key {item!r}: use 'left', 'right', 'match' or positions like '1R', '2L'")
    return keys


def kwic(
    corpus: Document | Iterable[Document],
    query: str | pd.DataFrame,
    *,
    width: int = 40,
    regex: bool = False,
    case_sensitive: bool = False,
    sort: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Keyword in context: one row per match with ``width`` characters of context each side.

    ``query`` is a word or phrase (whole words, any case; ``*`` ends a word with any
    ending), a regular expression (``regex=True``), or a findings DataFrame (one line per
    finding span). Columns: doc_id, left, match, right, start, end, sentence (the index of
    the sentence holding ``start``, as in findings). ``text[start:end] == match`` always
    holds; in ``left`` and ``right`` line breaks are shown as spaces.

    ``sort`` orders lines as AntConc does, by the words nearest the match: ``"left"``
    (1L, 2L, 3L), ``"right"`` (1R, 2R, 3R), ``"match"``, or a list of positions such as
    ``["1R", "1L"]``; ``None`` keeps corpus order.
    """
    if width < 0:
        raise ValueError("width must not be negative")
    docs = documents(corpus)
    hits: list[tuple[Document, int, int]] = []
    if isinstance(query, pd.DataFrame):
        by_id = {doc.doc_id: doc for doc in docs}
        missing = sorted(set(query["doc_id"].astype(str)) - set(by_id))
        if missing:
            raise ValueError(f"findings name documents that are not in the corpus: {', '.join(missing[:5])}")
        for doc_id, start, end in zip(query["doc_id"].astype(str), query["start"], query["end"]):
            hits.append((by_id[doc_id], int(start), int(end)))
    else:
        for doc in docs:
            hits.extend((doc, s, e) for s, e in find_spans(doc, str(query), regex=regex, case_sensitive=case_sensitive))
    rows = []
    sort_values = []
    keys = _sort_keys(sort) if sort else []
    word_cache: dict[str, tuple[list[tuple[int, int]], list[int], list[int]]] = {}
    for doc, start, end in hits:
        text = doc.text
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"{doc.doc_id}: span {start}-{end} is outside the text ({len(text)} characters)")
        rows.append(
            {
                "doc_id": doc.doc_id,
                "left": _display(text[max(0, start - width) : start]),
                "match": text[start:end],
                "right": _display(text[end : end + width]),
                "start": start,
                "end": end,
                "sentence": doc.segments.sentence_index(start),
            }
        )
        if keys:
            if doc.doc_id not in word_cache:
                spans = word_spans(doc)
                word_cache[doc.doc_id] = (spans, [s for s, _ in spans], [e for _, e in spans])
            spans, starts, ends = word_cache[doc.doc_id]
            sort_values.append(tuple(_context_word(text, spans, starts, ends, start, end, side, n) for side, n in keys))
    frame = pd.DataFrame(rows, columns=KWIC_COLUMNS).astype(
        {"doc_id": "string", "left": "string", "match": "string", "right": "string", "start": "int64", "end": "int64", "sentence": "int64"}
    )
    if keys and len(frame):
        # Stable sort on the context words; ties keep corpus order.
        order = sorted(range(len(frame)), key=lambda i: sort_values[i])
        frame = frame.iloc[order].reset_index(drop=True)
    return frame


def _context_word(
    text: str, spans: list[tuple[int, int]], starts: list[int], ends: list[int], start: int, end: int, side: str, n: int
) -> str:
    """The n-th word left or right of the match, lower-cased ('' past the document edge)."""
    if side == "M":
        return text[start:end].lower()
    if side == "L":
        # Words that end at or before the match start.
        index = bisect.bisect_right(ends, start) - n
        return text[spans[index][0] : spans[index][1]].lower() if index >= 0 else ""
    index = bisect.bisect_left(starts, end) + n - 1
    return text[spans[index][0] : spans[index][1]].lower() if index < len(spans) else ""


@dataclass
class KwicView:
    """Concordance lines aligned on the match, for display in Jupyter."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


def kwic_html(lines: pd.DataFrame, *, max_rows: int = 200) -> KwicView:
    """Show a :func:`kwic` table as aligned concordance lines (escaped HTML)."""
    cells = []
    for row in lines.head(max_rows).itertuples(index=False):
        cells.append(
            "<tr>"
            f'<td style="color:#888;font-family:sans-serif;font-size:.8em">{_html.escape(str(row.doc_id))}:{int(row.start)}</td>'
            f'<td style="text-align:right;white-space:pre">{_html.escape(str(row.left))}</td>'
            f'<td style="white-space:pre;font-weight:bold;background:#ffe08a">{_html.escape(str(row.match))}</td>'
            f'<td style="text-align:left;white-space:pre">{_html.escape(str(row.right))}</td>'
            "</tr>"
        )
    more = f"<p>{len(lines) - max_rows} more lines not shown.</p>" if len(lines) > max_rows else ""
    if not cells:
        return KwicView('<p class="wb-kwic">No matches.</p>')
    return KwicView(f'<table class="wb-kwic" style="font-family:monospace">{"".join(cells)}</table>{more}')


def sentence_words(
    corpus: Document | Iterable[Document],
    findings: pd.DataFrame,
    labels: Iterable[str],
) -> tuple[list[str], list[str]]:
    """Words of the sentences that hold a finding of ``labels`` and words of all other sentences.

    ``labels`` name findings as ``layer/label``, a bare label or a layer. The two word lists
    feed :func:`keyness` to ask which words mark the flagged sentences.
    """
    labels = list(labels)
    flagged: list[str] = []
    rest: list[str] = []
    keys = _column_keys(findings, "label")
    chosen = findings[keys.isin(labels) | findings["label"].isin(labels) | findings["layer"].isin(labels)]
    for doc in documents(corpus):
        in_doc = chosen[chosen["doc_id"] == doc.doc_id]
        marked = {doc.segments.sentence_index(int(s)) for s in in_doc["start"]}
        spans = word_spans(doc)
        starts = [s for s, _ in spans]
        for index, (s_start, s_end) in enumerate(doc.segments.sentences):
            lo, hi = bisect.bisect_left(starts, s_start), bisect.bisect_left(starts, s_end)
            target = flagged if index in marked else rest
            target.extend(doc.text[a:b].lower() for a, b in spans[lo:hi])
    return flagged, rest


# --------------------------------------------------------------------------- profiles


def _column_keys(findings: pd.DataFrame, level: str) -> pd.Series:
    if level == "label":
        return findings["layer"].astype(str) + "/" + findings["label"].astype(str)
    if level == "layer":
        return findings["layer"].astype(str)
    raise ValueError("level must be 'label' or 'layer'")


def profile(
    findings: pd.DataFrame,
    corpus: Document | Iterable[Document],
    *,
    by: str | None = None,
    level: str = "label",
    layers: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Findings per 1,000 words: one row per document (or per group), one column per layer/label.

    ``level="label"`` gives ``layer/label`` columns, ``"layer"`` one column per layer.
    ``layers=None`` takes every layer except whole-document ones (``doc_frame``).
    ``by`` groups documents by a metadata key (``source``, ``month``, ``year``, any ``meta``
    key; documents without it form ``(none)``); a group's density pools its findings and
    words, so long documents weigh more. Documents without findings are rows of zeros.
    Word counts per row are in ``frame.attrs["words"]``.
    """
    docs = documents(corpus)
    rows = findings
    check_names(findings, layers=None if layers is None else list(layers), labels=None if labels is None else list(labels))
    if layers is not None:
        rows = rows[rows["layer"].isin(list(layers))]
    else:
        # Layers whose unit is the whole document are rankings: a density per 1,000 words means nothing for them.
        from workbench.detectors.registry import layers_by_unit

        rows = rows[~rows["layer"].isin(layers_by_unit("document"))]
    if labels is not None:
        labels = list(labels)
        keys = _column_keys(rows, "label")
        rows = rows[keys.isin(labels) | rows["label"].isin(labels)]
    doc_ids = [d.doc_id for d in docs]
    rows = rows[rows["doc_id"].isin(doc_ids)]
    keys = _column_keys(rows, level)
    counts = pd.crosstab(rows["doc_id"].astype(str), keys) if len(rows) else pd.DataFrame()
    counts = counts.reindex(index=doc_ids, fill_value=0)
    counts = counts.reindex(columns=sorted(counts.columns), fill_value=0).fillna(0)
    words = pd.Series({d.doc_id: d.segments.word_count for d in docs}, dtype="int64").reindex(doc_ids)
    if by is not None:
        groups = pd.Series({d.doc_id: _group(d, by) for d in docs}).reindex(doc_ids)
        counts = counts.groupby(groups).sum().sort_index()
        words = words.groupby(groups).sum().sort_index()
        index_name = by
    else:
        index_name = "doc_id"
    safe_words = words.where(words > 0)
    dens = counts.div(safe_words, axis=0).mul(1000.0).fillna(0.0).astype("float64")
    dens.index.name = index_name
    dens.columns.name = level
    dens.attrs["words"] = words.astype("int64").to_dict()
    return dens


def _group(doc: Document, key: str) -> str:
    value = meta_value(doc, key)
    return _NONE_GROUP if value is None else str(value)


def profile_plot(
    findings: pd.DataFrame | None = None,
    corpus: Document | Iterable[Document] | None = None,
    *,
    frame: pd.DataFrame | None = None,
    by: str | None = None,
    level: str = "label",
    layers: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
    kind: str = "auto",
    title: str | None = None,
) -> "Figure":
    """Compare densities across documents or groups: grouped bars, a heatmap or lines over time.

    Pass ``findings`` and ``corpus`` (and optionally ``by``), or a ready :func:`profile`
    ``frame``. ``kind="auto"`` draws bars for up to 12 rows, a heatmap beyond, and lines when
    grouping by ``month`` or ``year``.
    """
    import matplotlib.pyplot as plt

    if frame is None:
        if findings is None or corpus is None:
            raise ValueError("give findings and corpus, or a profile frame")
        frame = profile(findings, corpus, by=by, level=level, layers=layers, labels=labels)
    if kind == "auto":
        if frame.index.name in ("month", "year", "date") and len(frame) > 1:
            kind = "line"
        else:
            kind = "bar" if len(frame) <= 12 else "heatmap"
    if kind not in ("bar", "heatmap", "line"):
        raise ValueError("kind must be 'auto', 'bar', 'heatmap' or 'line'")
    what = frame.index.name or "document"
    heading = title or (f"Findings per 1,000 words in {frame.index[0]}" if len(frame) == 1 and what == "doc_id" else f"Findings per 1,000 words by {what}")
    if frame.empty or not len(frame.columns):
        fig, ax = plt.subplots(figsize=(8, 2))
        ax.text(0.5, 0.5, "No findings to plot.", ha="center", va="center")
        ax.set_axis_off()
        ax.set_title(heading)
        return fig
    if kind == "heatmap":
        fig, ax = plt.subplots(figsize=(max(6, 0.6 * len(frame.columns) + 3), max(3, 0.3 * len(frame) + 1.5)))
        image = ax.imshow(frame.to_numpy(), aspect="auto", cmap="YlOrRd")
        ax.set_xticks(range(len(frame.columns)), [str(c) for c in frame.columns], rotation=45, ha="right")
        ax.set_yticks(range(len(frame)), [str(i) for i in frame.index])
        fig.colorbar(image, ax=ax, label="per 1,000 words")
    elif kind == "line":
        fig, ax = plt.subplots(figsize=(9, 4.5))
        xs = list(range(len(frame)))
        for column in frame.columns:
            ax.plot(xs, frame[column].to_numpy(), marker="o", label=str(column))
        # One tick per group: pandas would thin out string labels such as months.
        ax.set_xticks(xs, [str(i) for i in frame.index], rotation=45 if len(xs) > 6 else 0)
        ax.set_xlabel(what)
        ax.set_ylabel("per 1,000 words")
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    else:
        # Labels on the y axis and one colour per document or group: reads well for one row or many labels.
        fig, ax = plt.subplots(figsize=(9, 0.28 * len(frame.columns) * max(len(frame), 1) ** 0.5 + 1.6))
        frame.T.plot.barh(ax=ax, width=0.8, colormap="tab20" if len(frame) > 10 else None, legend=len(frame) > 1)
        ax.invert_yaxis()
        ax.set_xlabel("per 1,000 words")
        ax.set_ylabel("")
        if len(frame) > 1:
            ax.legend(title=what, fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(heading)
    fig.tight_layout()
    return fig
