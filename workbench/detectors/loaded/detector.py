"""The registered loaded-language detector: one finding per loaded span, with its type, voice,
target and score."""

from __future__ import annotations

from typing import Iterator

from workbench.corpus import Document
from workbench.detectors.base import make_finding
from workbench.detectors.loaded.context import read, scare_quoted
from workbench.detectors.loaded.lexicon import LABEL
from workbench.detectors.loaded.spans import loaded_spans
from workbench.detectors.registry import Layer, detector
from workbench.findings import Finding

_TYPE_WHY = {
    "pejorative_label": "a pejorative label for a person or group",
    "glorifying_label": "a glorifying label for a person or group",
    "emotive_verb": "an emotive verb",
    "emotive_adjective": "an emotive or strongly evaluative adjective",
    "emotive_noun": "an emotive or condemning noun",
    "intensifier": "an intensified charged word",
    "metaphor": "a metaphor that dramatises or dehumanises",
    "superlative": "a superlative or comparison of praise or blame",
}


@detector(
    "loaded",
    layers=[Layer("loaded", "span", (LABEL,), "emotive or strongly evaluative wording, labels for people and groups")],
    groups=["framing"],
    title="Loaded language and labelling",
    view="workbench.views.loaded",
)
class LoadedDetector:
    """Emotive and strongly evaluative wording and labels for people (layer ``loaded``)."""

    def detect(self, doc: Document) -> Iterator[Finding]:
        """One finding per loaded span; ``extras``: type, polarity, voice, target, rule, cue_text."""
        text = doc.text
        for span in loaded_spans(doc):
            if scare_quoted(doc, span):
                continue
            reading = read(doc, span)
            cues = "; ".join(dict.fromkeys(e.cue for e in span.entries))
            rules = ", ".join(dict.fromkeys(span.rules))
            cue_text = "; ".join(dict.fromkeys(" ".join(text[s:e].split()) for s, e in sorted(span.cues)))
            voice = "the author's own words" if reading.voice == "author" else f"quoted or attributed ({reading.voiced_by})"
            about = f", about {reading.target}" if reading.target else ""
            extras = {
                "type": reading.type,
                "polarity": reading.polarity,
                "voice": reading.voice,
                "rule": rules,
                "cue_text": cue_text,
            }
            if reading.target is not None:
                extras["target"] = reading.target
                extras["target_start"], extras["target_end"] = reading.target_span
            yield make_finding(
                doc,
                detector=self.name,
                layer="loaded",
                label=LABEL,
                start=span.start,
                end=span.end,
                cue=cues,
                explanation=f"'{cue_text}' is {_TYPE_WHY[reading.type]} ({reading.polarity}{about}); {voice}; rule: {rules}.",
                score=reading.score,
                extras=extras,
            )
