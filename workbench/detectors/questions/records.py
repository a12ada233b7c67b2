"""The records the question detector passes between its stages: a question found, and its verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Question:
    """A question found in a document, before its function is decided."""

    start: int
    end: int
    sentence: int
    ask_text: str  # the interrogative part that features are computed on
    quoted: bool = False
    speaker: str | None = None  # dialogue speaker or quoted speaker
    turn: int | None = None
    flagged: bool = False  # dialogue annotation says this turn is a question
    paragraph_final: bool = False


@dataclass
class Verdict:
    label: str
    score: float
    cue: str
    explanation: str
    extras: dict[str, Any] = field(default_factory=dict)
