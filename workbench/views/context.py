"""What a report section is given: the analysed documents, their findings and the run's facts."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import pandas as pd

from workbench.corpus import Document, Rejected


@dataclass
class ReportContext:
    """The input of every report section."""

    documents: list[Document]
    findings: pd.DataFrame
    rejected: list[Rejected] = field(default_factory=list)
    max_highlighted: int = 20
    scores: dict[str, pd.DataFrame] = field(default_factory=dict)
    # The detectors that ran: sections and metrics are shown only for them.
    detectors: list[str] = field(default_factory=list)
    # A highlighted document shows at most this many characters (the findings tables hold everything).
    max_highlight_chars: int = 200_000
    # The corpus figures of a report run (aggregates.json): what sections show about the whole corpus.
    aggregates: dict = field(default_factory=dict)
    # Sections show document-by-document detail for at most this many documents (the rest is on the document pages).
    detail_documents: int = 2


# Every character Markdown may read as syntax ([x](url), ![img](url), *, _, #, `, |, $ for math ...).
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def escape_markdown(value: object) -> str:
    """``value`` as literal text inside Markdown: HTML-escaped and every Markdown character backslashed.

    Titles, document ids and metadata come from users and their data; in Markdown an unescaped
    ``[x](javascript:...)`` becomes a live link and ``![t](http://host/p.png)`` fetches an image.
    """
    return _MARKDOWN_SYNTAX.sub(r"\\\1", html.escape(str(value), quote=False))
