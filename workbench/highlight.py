"""Render a document with its findings as highlighted, escaped HTML.

Overlapping spans are drawn correctly: the text is cut at every span boundary and each
piece shows every finding that covers it (background for the innermost span, a coloured
underline per further layer), with all explanations in the hover title.
"""

from __future__ import annotations

import html
import zlib
from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from workbench.corpus import Document

# Colour per layer; labels within a layer share the hue so the legend reads by layer.
LAYER_COLOURS = {
    "stance": "#f6c85f",
    "question": "#9dd9f3",
    "distancing": "#c5a3ff",
    "loaded": "#ff9a8b",
    "frame": "#b8e0b8",
    "doc_frame": "#b8e0b8",
    "nomination": "#8fd3c8",
    "predication": "#ffc48c",
}
LABEL_COLOURS = {
    ("stance", "hedge"): "#ffe08a",
    ("stance", "booster"): "#ffb347",
    ("stance", "attribution"): "#d9c7a0",
    ("question", "rhetorical"): "#7cc7f0",
    ("question", "hypophora"): "#b7e3fa",
    ("question", "information_seeking"): "#dcefff",
}
_FALLBACK = ["#e5c1ff", "#c1e1c1", "#ffd1dc", "#c9e4f7", "#fdfd96", "#ffdab9", "#d0f0c0", "#e6e6fa"]

STYLE = """
<style>
.wb-doc{font-family:Georgia,serif;line-height:1.8;white-space:pre-wrap;max-width:60em;padding:.5em 1em;border:1px solid #ddd;border-radius:4px}
.wb-doc mark{border-radius:2px;padding:0 1px;color:inherit}
.wb-legend{font-family:sans-serif;font-size:.85em;margin:.3em 0 .6em 0}
.wb-legend span.wb-key{display:inline-block;margin:0 .8em .2em 0;padding:0 .4em;border-radius:2px}
.wb-title{font-family:sans-serif;font-weight:bold;margin-top:1em}
</style>
"""


def colour_for(layer: str, label: str) -> str:
    if (layer, label) in LABEL_COLOURS:
        return LABEL_COLOURS[(layer, label)]
    if layer in LAYER_COLOURS and layer not in ("nomination", "predication"):
        return LAYER_COLOURS[layer]
    return _FALLBACK[zlib.crc32(f"{layer}/{label}".encode()) % len(_FALLBACK)]


@dataclass
class HighlightedDocument:
    """HTML view of one document; displays itself in Jupyter."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def _select(findings: pd.DataFrame, doc_id: str, layers: Iterable[str] | None, labels: Iterable[str] | None) -> pd.DataFrame:
    """The document's findings in the chosen layers and labels; a name that is no layer or label is an error.

    ``labels`` may be bare labels (``hedge``) or ``layer/label`` (``stance/hedge``).
    """
    from workbench.detectors.registry import all_layers
    from workbench.errors import InputError

    registered = all_layers()
    rows = findings[findings["doc_id"] == doc_id]
    if layers is not None:
        layers = list(layers)
        valid = set(registered) | set(findings["layer"])
        unknown = [name for name in layers if name not in valid]
        if unknown:
            raise InputError(f"unknown layer {unknown[0]!r}; layers: {', '.join(sorted(valid))}")
        rows = rows[rows["layer"].isin(layers)]
    if labels is not None:
        labels = list(labels)
        known = {(layer.name, label) for layer in registered.values() for label in layer.labels}
        known |= set(zip(findings["layer"], findings["label"]))
        bare_known = {label for _, label in known}
        unknown = [name for name in labels if (tuple(name.split("/", 1)) not in known if "/" in name else name not in bare_known)]
        if unknown:
            raise InputError(f"unknown label {unknown[0]!r}; labels: {', '.join(sorted(f'{a}/{b}' for a, b in known))}")
        qualified = {name for name in labels if "/" in name}
        bare = {name for name in labels if "/" not in name}
        keys = rows["layer"].astype(str) + "/" + rows["label"].astype(str)
        rows = rows[keys.isin(qualified) | rows["label"].isin(bare)]
    return rows


def highlight(
    doc: Document,
    findings: pd.DataFrame,
    *,
    layers: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
    title: str | None = None,
    legend: bool = True,
    style: bool = True,
    max_chars: int | None = None,
) -> HighlightedDocument:
    """The document's text with the chosen findings marked; every piece of text is HTML-escaped.

    ``max_chars`` shows only the start of a long document (and the findings inside it), and
    says so: a report highlighting a five-million-character text would weigh a hundred MB.
    """
    rows = _select(findings, doc.doc_id, layers, labels)
    shown = len(doc.text) if max_chars is None else min(len(doc.text), max_chars)
    spans = [
        (int(r.start), int(r.end), str(r.layer), str(r.label), str(r.explanation or r.cue or r.label))
        for r in rows.itertuples(index=False)
        if 0 <= int(r.start) < int(r.end) <= shown
    ]
    cuts = sorted({0, shown} | {s for s, *_ in spans} | {e for _, e, *_ in spans})
    # Sweep the cut points once, keeping the spans open at each piece (not every span per piece).
    starts: dict[int, list[tuple]] = {}
    for span in spans:
        starts.setdefault(span[0], []).append(span)
    active: list[tuple] = []
    parts: list[str] = []
    for left, right in zip(cuts, cuts[1:]):
        active = [sp for sp in active if sp[1] > left] + starts.get(left, [])
        piece = html.escape(doc.text[left:right])
        if not active:
            parts.append(piece)
            continue
        # The shortest covering span is the most specific: it gets the background.
        covering = sorted(active, key=lambda sp: (sp[1] - sp[0], sp[2], sp[3], sp[0], sp[4]))
        inner = covering[0]
        lines = [f"inset 0 -{2 * (i + 1)}px 0 {colour_for(sp[2], sp[3])}" for i, sp in enumerate(covering[1:])]
        style_attr = f"background:{colour_for(inner[2], inner[3])};" + (f"box-shadow:{','.join(lines)};" if lines else "")
        tip = "\n".join(f"{sp[2]}/{sp[3]}: {sp[4]}" for sp in covering)
        labels_attr = " ".join(sorted({f"{sp[2]}/{sp[3]}" for sp in covering}))
        parts.append(
            f'<mark class="wb-span" data-labels="{html.escape(labels_attr, quote=True)}" '
            f'title="{html.escape(tip, quote=True)}" style="{style_attr}">{piece}</mark>'
        )
    out = [STYLE] if style else []
    if title:
        out.append(f'<div class="wb-title">{html.escape(title)}</div>')
    if legend:
        out.append(legend_html(spans))
    if shown < len(doc.text):
        hidden = sum(1 for r in rows.itertuples(index=False) if int(r.end) > shown)
        parts.append(
            f'<span class="wb-truncated">\n[\u2026 the first {shown:,} of {len(doc.text):,} characters are shown'
            f'{f"; {hidden:,} more finding(s) further on are in the findings table" if hidden else ""}.]</span>'
        )
    out.append(f'<div class="wb-doc" data-doc-id="{html.escape(doc.doc_id, quote=True)}">{"".join(parts)}</div>')
    return HighlightedDocument("".join(out))


def legend_html(spans: list[tuple]) -> str:
    counts: dict[tuple[str, str], int] = {}
    for _, _, layer, label, _ in spans:
        counts[(layer, label)] = counts.get((layer, label), 0) + 1
    if not counts:
        return '<div class="wb-legend">No findings in the chosen layers.</div>'
    keys = "".join(
        f'<span class="wb-key" style="background:{colour_for(layer, label)}">{html.escape(layer)}/{html.escape(label)} ({n})</span>'
        for (layer, label), n in sorted(counts.items())
    )
    return f'<div class="wb-legend">{keys}</div>'
