"""The analysis behind a report: run the detectors and write findings and summary (:func:`prepare_run`),
and read them back as what the report notebook shows (:func:`report_run`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from workbench.corpus import Corpus, CorpusError, Document, Rejected, input_hashes, load_corpus, select
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
    engine: str | Mapping[str, Any] | None = None,
    formats: Sequence[str] | None = None,
    **_ignored: Any,
) -> dict[str, Any]:
    """Analyse the (filtered) corpus and write ``findings.parquet`` (and ``findings.csv`` when
    ``formats`` asks for it) and ``summary.json``, streaming: documents are read one at a time,
    run through the chosen engine, and their findings and summary entries written as they come,
    so memory does not grow with the corpus.

    ``engine`` is an engine name or ``{"name": "processes", "workers": 2, ...}`` with the
    engine's options. Returns the summary's totals and what the manifest needs (detectors and
    options, the filter, the input files with their hashes, the rejected documents).
    """
    from workbench.corpus import iter_corpus, matches
    from workbench.findings import findings_frame
    from workbench.pipeline import analyze
    from workbench.summary import SummaryWriter

    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    reading = dict(reading or {})
    engine_spec = {"name": engine} if isinstance(engine, str) else dict(engine or {"name": "serial"})
    engine_name = engine_spec.pop("name", "serial")
    formats = list(formats or DEFAULTS["formats"])
    names = _detector_names(detectors, options)
    extra = {"detectors": names, "options": options or {}, "filter": filter, "inputs": input_hashes(corpus, **reading)}
    loaded = 0

    def chosen() -> Iterator[Document | Rejected]:
        nonlocal loaded
        for item in iter_corpus(corpus, **reading):
            if isinstance(item, Rejected):
                yield item
            else:
                loaded += 1
                if matches(item, filter):
                    yield item

    with SummaryWriter(out / "summary.json", detectors=names, extra=extra) as summary:
        analyze(chosen(), out=out / "findings.parquet", detectors=detectors, options=options, engine=engine_name, progress=False,
                on_rejected=summary.reject, on_document=lambda doc, found: summary.add(doc, findings_frame(found)), **engine_spec)
        if not loaded:
            reasons = "; ".join(str(r) for r in summary.rejected[:5]) or "no .txt files found"
            raise CorpusError(Path(corpus), f"no usable documents ({reasons})")
        totals, rejected = summary.totals(), [r.as_dict() for r in summary.rejected]
    if "csv" in formats:
        _parquet_to_csv(out / "findings.parquet", out / "findings.csv")
    return {"totals": totals, "rejected": rejected, **extra}


def _parquet_to_csv(parquet: Path, csv: Path) -> None:
    """The findings table as CSV too, converted batch by batch (the table is never whole in memory)."""
    import pyarrow.parquet as pq

    from workbench.findings import FindingsWriter

    with FindingsWriter(csv) as writer:
        for batch in pq.ParquetFile(parquet).iter_batches(batch_size=8192):
            writer.write(batch.to_pandas(), on_disk_form=True)


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

