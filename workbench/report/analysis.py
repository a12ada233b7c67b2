"""The analysis behind a report: run the detectors and write findings and summary (:func:`prepare_run`),
and read them back as what the report notebook shows (:func:`report_run`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.atomic import write_text
from workbench.corpus import Corpus, Document, Rejected, load_corpus, select
from workbench.report.parameters import DEFAULTS

@dataclass
class ReportRun:
    """What the report notebook shows: the run's title, the detectors that ran, the summary and
    the context every section is given."""

    title: str
    detectors: list[str]
    summary: dict[str, Any]
    context: Any  # workbench.views.ReportContext (imported lazily: views need IPython)

    def heading(self) -> str:
        """The report's title and one line of corpus figures, as Markdown (the title is text, escaped)."""
        from workbench.views import escape_markdown

        totals = self.summary["totals"]
        return (
            f"# {escape_markdown(self.title)}\n\n"
            f"{totals['documents']} document(s), {totals['words']:,} words, {totals['findings']:,} findings "
            f"({totals['per_1000_words']:.1f} per 1,000 words); {totals['rejected']} rejected. "
            f"Detectors: {', '.join(self.detectors) or 'none'}."
        )



def prepare_run(
    *,
    corpus: str | Path,
    output_dir: str | Path,
    detectors: Any = None,
    options: dict[str, dict[str, Any]] | None = None,
    reading: dict[str, Any] | None = None,
    filter: dict[str, Any] | None = None,
    **_ignored: Any,
) -> dict[str, Any]:
    """Analyse the (filtered) corpus and write ``findings.parquet``, ``findings.csv`` and ``summary.json``.

    Returns the summary, which also records the detectors and their options, the filter and
    the input files with their hashes (what the manifest needs).
    """
    from workbench.findings import write_findings
    from workbench.pipeline import analyze
    from workbench.summary import summarise

    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    full = load_corpus(corpus, **(reading or {}))
    chosen = select(full, filter)
    rejected: list[Rejected] = list(full.rejected)
    analysed: list[Document] = []
    findings = analyze(chosen.documents, detectors=detectors, options=options, progress=False, on_rejected=rejected.append,
                       on_document=lambda doc, _: analysed.append(doc))
    names = _detector_names(detectors, options)
    write_findings(findings, out / "findings.parquet")
    write_findings(findings, out / "findings.csv")
    summary = summarise(analysed, findings, rejected=rejected, detectors=names)
    summary["detectors"] = names
    summary["options"] = options or {}
    summary["filter"] = filter
    summary["inputs"] = full.input_hashes()
    write_text(out / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    return summary



def _detector_names(detectors: Any, options: Any) -> list[str]:
    from workbench.detectors import resolve_detectors

    return [d.name for d in resolve_detectors(detectors, options=options)]



def report_run(
    *,
    corpus: str | Path,
    detectors: Any = None,
    options: dict[str, dict[str, Any]] | None = None,
    reading: dict[str, Any] | None = None,
    title: str = DEFAULTS["title"],
    gold: str | Path | None = None,
    filter: dict[str, Any] | None = None,
    max_highlighted: int = DEFAULTS["max_highlighted"],
    output_dir: str | Path | None = None,
    prepared: bool = False,
) -> ReportRun:
    """What the report notebook shows, for its parameters.

    ``workbench report`` analyses the corpus first (:func:`prepare_run`) and sets
    ``prepared``, so the notebook reads the findings and summary back from ``output_dir``;
    run by hand, the notebook analyses the corpus here (into a temporary folder when
    ``output_dir`` is not given).
    """
    import tempfile

    from workbench.evaluate import evaluate
    from workbench.findings import read_findings
    from workbench.views import ReportContext

    out = Path(output_dir) if output_dir else Path(tempfile.mkdtemp(prefix="workbench-report-"))
    if not prepared:
        prepare_run(corpus=corpus, output_dir=out, detectors=detectors, options=options, reading=reading, filter=filter)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    findings = read_findings(out / "findings.parquet")
    chosen = select(load_corpus(corpus, **(reading or {})), filter)
    analysed = {entry["doc_id"] for entry in summary["documents"]}
    documents = [doc for doc in chosen.documents if doc.doc_id in analysed]
    rejected = [Rejected(**{key: item.get(key) for key in ("source", "reason", "location", "doc_id")}) for item in summary["rejected"]]
    scores = {mode: evaluate(findings, gold, match=mode, corpus=Corpus(documents)) for mode in ("overlap", "exact")} if gold else {}
    context = ReportContext(documents=documents, findings=findings, rejected=rejected, max_highlighted=int(max_highlighted),
                            scores=scores, detectors=list(summary["detectors"]))
    return ReportRun(title=str(title), detectors=list(summary["detectors"]), summary=summary, context=context)

