"""Render a document with its findings as highlighted, escaped HTML.

What an analyst needs to see is the findings, so:

* every finding carries its label inline, as a small tag after its last character
  (displaCy-style, drawn with CSS generated content, so the document's text stays exactly
  the text when it is read, copied or parsed), and its explanation on hover and on keyboard
  focus (each highlighted piece can be reached with Tab);
* colours come from one fixed colour-blind-safe palette (Paul Tol's "light" and "pale"
  schemes) per layer and label; actors have their own, distinct scheme (an underline in
  Tol's "vibrant" colours), given in order of first mention in the document;
* layers whose unit is the sentence or the document (frames) are off by default; when asked
  for they are drawn as a band in the left margin of their sentences, never as a background;
* overlapping spans are cut at every boundary; the innermost finding colours the background
  and each further one adds an underline;
* the legend's chips switch layers on and off with a few lines of inline script; without
  script the page reads the same with every layer shown.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from workbench.corpus import Document

# Backgrounds: light colours from Paul Tol's "light" and "pale" schemes (colour-blind safe, dark text readable on each).
LABEL_COLOURS = {
    ("stance", "hedge"): "#EEDD88",
    ("stance", "booster"): "#EE8866",
    ("stance", "attribution"): "#DDDDDD",
    ("question", "rhetorical"): "#77AADD",
    ("question", "hypophora"): "#99DDFF",
    ("question", "information_seeking"): "#BBCCEE",
    ("distancing", "so_called"): "#FFAABB",
    ("distancing", "scare_quotes"): "#FFCCCC",
    ("distancing", "distancing_verb"): "#EEBBDD",
    ("loaded", "loaded_language"): "#AAE3C8",
}
# Sentence bands of frames (Tol "muted"), and layers registered by others (Tol "light", in order).
FRAME_COLOURS = {"conflict": "#CC6677", "responsibility": "#332288", "morality": "#AA4499", "economic": "#117733", "human_interest": "#DDCC77"}
OTHER_COLOURS = ("#44BB99", "#BBCC33", "#AAAA00", "#77AADD", "#EE8866", "#FFAABB")
# Actors: underlines in Tol's "vibrant" scheme, in order of first mention (it cycles after seven; the tag names the actor).
ACTOR_COLOURS = ("#0077BB", "#EE7733", "#009988", "#EE3377", "#33BBEE", "#CC3311", "#BBBBBB")
ACTOR_LAYERS = ("nomination", "predication")

STYLE = """
<style>
.wb-doc{font-family:Georgia,serif;line-height:2.1;white-space:pre-wrap;max-width:60em;padding:.5em 1em;border:1px solid #ddd;border-radius:4px}
.wb-doc mark{border-radius:2px;padding:0 1px;color:inherit}
.wb-doc mark:focus{outline:2px solid #222;outline-offset:1px}
.wb-doc mark[data-tag]::after{content:attr(data-tag);font:600 .62em/1 sans-serif;text-transform:uppercase;letter-spacing:.02em;
 vertical-align:.35em;margin-left:.25em;padding:.05em .3em;border-radius:3px;background:rgba(255,255,255,.85);color:#333}
.wb-doc mark[data-tip]:focus::before{content:attr(data-tip);position:absolute;margin-top:1.6em;max-width:30em;white-space:normal;
 font:.8em/1.3 sans-serif;background:#222;color:#fff;padding:.3em .5em;border-radius:3px;z-index:2}
.wb-band{display:inline-block;height:1.1em;vertical-align:-.15em;margin:0 .3em 0 -.1em}
.wb-band:focus::before{content:attr(data-tip);position:absolute;margin-top:1.6em;font:.8em/1.3 sans-serif;background:#222;color:#fff;padding:.3em .5em;border-radius:3px}
.wb-legend{font-family:sans-serif;font-size:.85em;margin:.3em 0 .6em 0}
.wb-legend .wb-key{display:inline-block;margin:0 .6em .3em 0;padding:.05em .5em;border-radius:3px;border:1px solid #999;font:inherit;cursor:pointer}
.wb-legend .wb-key[aria-pressed=false]{opacity:.35;text-decoration:line-through}
.wb-title{font-family:sans-serif;font-weight:bold;margin-top:1em}
.wb-truncated{font-family:sans-serif;font-size:.85em;color:#555}
@media print{.wb-doc mark[data-tip]:focus::before{display:none}}
</style>
"""
# Legend chips switch a layer's marks off and on; the page reads the same without script.
SCRIPT = """<script>
(function(view){view.querySelectorAll('.wb-key[data-layer]').forEach(function(key){key.addEventListener('click',function(){
 var off=view.classList.toggle('wb-hide-'+key.dataset.layer);key.setAttribute('aria-pressed',off?'false':'true');});});
})(document.currentScript.closest('.wb-view'));
</script>"""


@dataclass
class HighlightedDocument:
    """HTML view of one document; displays itself in Jupyter."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


class _Palette:
    """Colours of one rendering: fixed per layer and label, actors in order of first mention."""

    def __init__(self, rows: pd.DataFrame):
        actors = rows[rows["layer"].isin(ACTOR_LAYERS)].sort_values(["start", "end"])
        self.actors = {name: ACTOR_COLOURS[i % len(ACTOR_COLOURS)] for i, name in enumerate(dict.fromkeys(actors["label"].astype(str)))}
        others = sorted({str(name) for name in rows["layer"]} - {layer for layer, _ in LABEL_COLOURS} - set(ACTOR_LAYERS) - {"frame", "doc_frame"})
        self.others = {layer: OTHER_COLOURS[i % len(OTHER_COLOURS)] for i, layer in enumerate(others)}

    def background(self, layer: str, label: str) -> str | None:
        if layer in ACTOR_LAYERS:
            return None
        return LABEL_COLOURS.get((layer, label)) or self.others.get(layer, OTHER_COLOURS[0])

    def line(self, layer: str, label: str) -> str:
        """The colour of the underline that shows this finding when it is not the innermost one."""
        return self.actors.get(label, ACTOR_COLOURS[-1]) if layer in ACTOR_LAYERS else (self.background(layer, label) or "#999")


def check_names(findings: pd.DataFrame, *, layers: Iterable[str] | None = None, labels: Iterable[str] | None = None) -> None:
    """Raise an InputError naming the valid choices when a layer or label name is neither registered
    nor in ``findings`` (a misspelt name would otherwise just select nothing).

    ``labels`` may be bare labels (``hedge``) or ``layer/label`` (``stance/hedge``).
    """
    from workbench.detectors.registry import all_layers
    from workbench.errors import InputError

    registered = all_layers()
    if layers is not None:
        valid = set(registered) | set(findings["layer"])
        unknown = [name for name in layers if name not in valid]
        if unknown:
            raise InputError(f"unknown layer {unknown[0]!r}; layers: {', '.join(sorted(valid))}")
    if labels is not None:
        known = {(layer.name, label) for layer in registered.values() for label in layer.labels}
        known |= set(zip(findings["layer"], findings["label"]))
        bare_known = {label for _, label in known}
        unknown = [name for name in labels if (tuple(name.split("/", 1)) not in known if "/" in name else name not in bare_known)]
        if unknown:
            raise InputError(f"unknown label {unknown[0]!r}; labels: {', '.join(sorted(f'{a}/{b}' for a, b in known))}")


def _select(findings: pd.DataFrame, doc_id: str, layers: Iterable[str] | None, labels: Iterable[str] | None) -> pd.DataFrame:
    """The document's findings in the chosen layers and labels; a name that is no layer or label is an error.

    ``labels`` may be bare labels (``hedge``) or ``layer/label`` (``stance/hedge``).
    """
    layers = list(layers) if layers is not None else None
    labels = list(labels) if labels is not None else None
    check_names(findings, layers=layers, labels=labels)
    rows = findings[findings["doc_id"] == doc_id]
    if layers is not None:
        rows = rows[rows["layer"].isin(layers)]
    if labels is not None:
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
    frames: bool = False,
    max_chars: int | None = None,
) -> HighlightedDocument:
    """The document's text with the chosen findings marked; every piece of text is HTML-escaped.

    ``layers`` and ``labels`` (bare, or ``layer/label``) choose findings; names that are no
    layer or label are an error. Frames (sentence and document layers) are shown only with
    ``frames=True``, as a band beside their sentences. ``max_chars`` shows only the start of a
    long document (and the findings inside it), and says so.
    """
    from workbench.detectors.registry import all_layers

    rows = _select(findings, doc.doc_id, layers, labels)
    not_inline = {name for name, layer in all_layers().items() if not layer.inline}
    band_rows = rows[rows["layer"].isin(not_inline - {"doc_frame"})] if frames else rows.iloc[0:0]
    rows = rows[~rows["layer"].isin(not_inline)]
    palette = _Palette(rows)
    shown = len(doc.text) if max_chars is None else min(len(doc.text), max_chars)
    spans = [
        (int(r.start), int(r.end), str(r.layer), str(r.label), str(r.explanation or r.cue or r.label))
        for r in rows.itertuples(index=False)
        if 0 <= int(r.start) < int(r.end) <= shown
    ]
    bands = _bands(band_rows, shown)
    cuts = sorted({0, shown} | {s for s, *_ in spans} | {e for _, e, *_ in spans} | {s for s, _, _ in bands} | {e for _, e, _ in bands})
    starts: dict[int, list[tuple]] = {}
    for span in spans:
        starts.setdefault(span[0], []).append(span)
    active: list[tuple] = []
    parts: list[str] = []
    for left, right in zip(cuts, cuts[1:]):
        active = [sp for sp in active if sp[1] > left] + starts.get(left, [])
        piece = html.escape(doc.text[left:right])
        band = next((b for b in bands if b[0] <= left and right <= b[1]), None)
        if active:
            piece = _mark(piece, active, right, palette)
        if band is not None and left == band[0]:
            # One mark where a framed sentence starts, in the margin of the text (an empty element: the text stays the text).
            parts.append(f'<span class="wb-band" data-layers="frame" tabindex="0" title="frames: {html.escape(band[2], quote=True)}" '
                         f'data-tip="frames: {html.escape(band[2], quote=True)}" style="border-left:5px solid {_band_colour(band[2])}"></span>')
        parts.append(piece)
    out = [STYLE] if style else []
    present = sorted({sp[2] for sp in spans} | ({"frame"} if bands else set()))
    toggles = "".join(
        f'.wb-hide-{_css_name(layer)} [data-layers~="{_css_name(layer)}"]{{background:none!important;box-shadow:none!important;border:none!important}}'
        f'.wb-hide-{_css_name(layer)} [data-layers~="{_css_name(layer)}"]::after{{content:none!important}}'
        for layer in present
    )
    out.append(f'<div class="wb-view"><style>{toggles}</style>')
    if title:
        out.append(f'<div class="wb-title">{html.escape(title)}</div>')
    if legend:
        out.append(legend_html(spans, palette, bands=bool(bands)))
    if shown < len(doc.text):
        hidden = sum(1 for r in rows.itertuples(index=False) if int(r.end) > shown)
        parts.append(
            f'<span class="wb-truncated">\n[\u2026 the first {shown:,} of {len(doc.text):,} characters are shown'
            f'{f"; {hidden:,} more finding(s) further on are in the findings table" if hidden else ""}.]</span>'
        )
    out.append(f'<div class="wb-doc" data-doc-id="{html.escape(doc.doc_id, quote=True)}">{"".join(parts)}</div>')
    if legend:
        out.append(SCRIPT)
    out.append("</div>")
    return HighlightedDocument("".join(out))


def _css_name(layer: str) -> str:
    """A layer name safe inside a CSS class and attribute selector (plug-in layers may use any name)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", layer)


def _mark(piece: str, active: list[tuple], right: int, palette: _Palette) -> str:
    """One piece of text under one or more findings: innermost background, underlines, tags of findings that end here."""
    covering = sorted(active, key=lambda sp: (sp[1] - sp[0], sp[2], sp[3], sp[0], sp[4]))
    inner = covering[0]
    background = palette.background(inner[2], inner[3])
    rest = covering[1:] if background else covering
    lines = [f"inset 0 -{2 * (i + 1)}px 0 {palette.line(sp[2], sp[3])}" for i, sp in enumerate(rest)]
    style = (f"background:{background};" if background else "background:none;") + (f"box-shadow:{','.join(lines)};" if lines else "")
    tip = "\n".join(f"{sp[2]}/{sp[3]}: {sp[4]}" for sp in covering)
    layer_names = " ".join(sorted({_css_name(sp[2]) for sp in covering}))
    labels = " ".join(sorted({f"{sp[2]}/{sp[3]}" for sp in covering}))
    ending = [sp[3] for sp in covering if sp[1] == right]
    tag = f' data-tag="{html.escape(" · ".join(dict.fromkeys(ending)), quote=True)}"' if ending else ""
    return (
        f'<mark class="wb-span" tabindex="0" data-layers="{html.escape(layer_names, quote=True)}" data-labels="{html.escape(labels, quote=True)}" '
        f'title="{html.escape(tip, quote=True)}" data-tip="{html.escape(tip, quote=True)}"{tag} style="{style}">{piece}</mark>'
    )


def _bands(rows: pd.DataFrame, shown: int) -> list[tuple[int, int, str]]:
    """(start, end, frames) per framed sentence, the frames of one sentence together."""
    by_span: dict[tuple[int, int], list[str]] = {}
    for r in rows.itertuples(index=False):
        if int(r.end) <= shown:
            by_span.setdefault((int(r.start), int(r.end)), []).append(str(r.label))
    return [(s, e, ", ".join(sorted(set(labels)))) for (s, e), labels in sorted(by_span.items())]


def _band_colour(frames: str) -> str:
    return FRAME_COLOURS.get(frames.split(", ")[0], "#999")


def legend_html(spans: list[tuple], palette: _Palette, *, bands: bool = False) -> str:
    """Chips per layer/label with counts; a chip switches its layer off and on."""
    counts: dict[tuple[str, str], int] = {}
    for _, _, layer, label, _ in spans:
        counts[(layer, label)] = counts.get((layer, label), 0) + 1
    if not counts and not bands:
        return '<div class="wb-legend">No findings in the chosen layers.</div>'
    keys = []
    for (layer, label), n in sorted(counts.items()):
        background = palette.background(layer, label)
        style = f"background:{background}" if background else f"border-bottom:3px solid {palette.line(layer, label)}"
        keys.append(
            f'<button type="button" class="wb-key" data-layer="{_css_name(layer)}" aria-pressed="true" style="{style}">'
            f"{html.escape(layer)}/{html.escape(label)} ({n})</button>"
        )
    if bands:
        keys.append('<button type="button" class="wb-key" data-layer="frame" aria-pressed="true" style="border-left:4px solid #999">frame (margin band)</button>')
    return f'<div class="wb-legend">{"".join(keys)}</div>'
