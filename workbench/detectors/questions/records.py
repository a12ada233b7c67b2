"""The records the question detector passes between its stages: a question found, and its verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.segment import Quote


@dataclass
class Question:
    """A question found in a document, before its function is decided.

    ``start``-``end`` is the finding's span: the whole sentence, or the question itself when its
    sentence holds more than one question or the question is not the last sentence of its
    quotation. ``ask_start``-``ask_end`` is always the question itself.
    """

    start: int
    end: int
    sentence: int
    ask_text: str  # the interrogative part that features are computed on
    quoted: bool = False
    speaker: str | None = None  # who asks: a turn's speaker or a quotation's; None is the author
    turn: int | None = None  # the speaker's turn, counted from 1
    flagged: bool = False  # dialogue annotation says this turn is a question
    paragraph_final: bool = False
    ask_start: int = -1
    ask_end: int = -1
    quote: Quote | None = None  # the quotation that holds a quoted question
    asking: bool | None = None  # a quoted question reported with an asking verb (asked, wondered)
    last_in_quote: bool = False  # the last sentence of its quotation

    def __post_init__(self) -> None:
        if self.ask_start < 0:
            self.ask_start, self.ask_end = self.start, self.end


@dataclass
class Verdict:
    label: str
    score: float
    cue: str
    explanation: str
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Answer:
    """Evidence that a span answers a run of questions: its weight, the cue, a reason for the
    explanation, the span, and who gives it (``None``: the asker)."""

    weight: float
    cue: str
    reason: str
    start: int
    end: int
    speaker: str | None = None
