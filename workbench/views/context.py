"""What a report section is given: the analysed documents, their findings and the run's facts."""

from __future__ import annotations

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
