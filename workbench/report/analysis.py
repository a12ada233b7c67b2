"""The analysis behind a report: run the detectors and write findings and summary (:func:`prepare_run`),
and read them back as what the report notebook shows (:func:`report_run`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from workbench.atomic import write_text
from workbench.corpus import Corpus, CorpusError, Document, Rejected, input_hashes
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
    title: str = DEFAULTS["title"],
    compare_by: str | None = None,
    max_highlighted: int = DEFAULTS["max_highlighted"],
    max_document_pages: int = DEFAULTS["max_document_pages"],
    **_ignored: Any,
) -> dict[str, Any]:
    """Analyse the (filtered) corpus and write ``findings.parquet`` (and ``findings.csv`` when
    ``formats`` asks for it), ``summary.json``, ``aggregates.json`` (the corpus figures the
    report shows, of bounded size) and ``documents/`` (a page per document, up to
    ``max_document_pages``, and an index of all), streaming: documents are read one at a time,
    run through the chosen engine, and everything is written as they come, so memory does not
    grow with the corpus.

    ``engine`` is an engine name or ``{"name": "processes", "workers": 2, ...}`` with the
    engine's options. Returns the summary's totals and what the manifest needs (detectors and
    options, the filter, the input files with their hashes, the rejected documents).
    """
    from workbench.corpus import iter_corpus, matches
    from workbench.detectors.registry import all_layers
    from workbench.findings import findings_frame
    from workbench.pipeline import analyze
    from workbench.report.aggregates import Aggregator
    from workbench.report.pages import DocumentPages
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

    layers = all_layers()
    aggregator = Aggregator(compare_by=compare_by, layer_units={name: layer.unit for name, layer in layers.items()},
                            open_layers=[name for name, layer in layers.items() if not layer.labels])
    pages = DocumentPages(out, title=str(title), max_pages=int(max_document_pages))
    sample: list[str] = []

    def analysed(doc: Document, found: list) -> None:
        frame = findings_frame(found)
        summary.add(doc, frame)
        aggregator.add(doc, frame)
        pages.add(doc, frame)
        if len(sample) < int(max_highlighted):
            sample.append(doc.doc_id)

    with SummaryWriter(out / "summary.json", detectors=names, extra=extra) as summary:
        analyze(chosen(), out=out / "findings.parquet", detectors=detectors, options=options, engine=engine_name, progress=False,
                on_rejected=summary.reject, on_document=analysed, **engine_spec)
        if not loaded:
            reasons = "; ".join(str(r) for r in summary.rejected[:5]) or "no .txt files found"
            raise CorpusError(Path(corpus), f"no usable documents ({reasons})")
        totals, rejected = summary.totals(), [r.as_dict() for r in summary.rejected]
    pages.finish()
    figures = {"totals": totals, "detectors": names, "options": options or {}, "filter": filter, "sample": sample,
               "pages": pages.links, "rejected": rejected[:MAX_REJECTED_SHOWN], **aggregator.result()}
    write_text(out / "aggregates.json", json.dumps(figures, indent=1, ensure_ascii=False) + "\n")
    if "csv" in formats:
        _parquet_to_csv(out / "findings.parquet", out / "findings.csv")
    return {"totals": totals, "rejected": rejected, **extra}


# The report lists this many rejected documents; summary.json and manifest.json list them all.
MAX_REJECTED_SHOWN = 200


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
    **more: Any,
) -> ReportRun:
    """What the report notebook shows, for its parameters: the corpus figures of
    ``aggregates.json`` and a bounded sample (the first ``max_highlighted`` documents, with
    their findings) — never the whole findings table, so the notebook's memory does not grow
    with the corpus.

    ``workbench report`` analyses the corpus first (:func:`prepare_run`) and sets
    ``prepared``, so the notebook reads what it wrote in ``output_dir``; run by hand, the
    notebook analyses the corpus here (into a temporary folder when ``output_dir`` is not
    given).
    """
    import tempfile

    from workbench.corpus import iter_corpus, matches
    from workbench.evaluate import evaluate
    from workbench.findings import empty_frame, read_findings
    from workbench.views import ReportContext

    out = Path(output_dir) if output_dir else Path(tempfile.mkdtemp(prefix="workbench-report-"))
    if not prepared:
        prepare_run(corpus=corpus, output_dir=out, detectors=detectors, options=options, reading=reading, filter=filter, title=title,
                    max_highlighted=max_highlighted, **more)
    figures = json.loads((out / "aggregates.json").read_text(encoding="utf-8"))
    gold_frame = read_findings(gold) if gold else None
    if gold_frame is not None:
        figures["gold_documents"] = sorted(set(gold_frame["doc_id"]))
    wanted = set(figures["sample"]) | (set(gold_frame["doc_id"]) if gold_frame is not None else set())
    documents: list[Document] = []
    for item in iter_corpus(corpus, **(reading or {})):
        if isinstance(item, Document) and item.doc_id in wanted and matches(item, filter):
            documents.append(item)
            if len(documents) == len(wanted):
                break
    findings = _findings_of(out / "findings.parquet", [d.doc_id for d in documents]) if documents else empty_frame()
    order = {doc_id: i for i, doc_id in enumerate(figures["sample"])}
    sample = sorted((d for d in documents if d.doc_id in order), key=lambda d: order[d.doc_id])
    scores = {mode: evaluate(findings, gold_frame, match=mode, corpus=Corpus(documents)) for mode in ("overlap", "exact")} if gold else {}
    shown = findings[findings["doc_id"].isin(order)].reset_index(drop=True)
    rejected = [Rejected(**{key: item.get(key) for key in ("source", "reason", "location", "doc_id")}) for item in figures["rejected"]]
    context = ReportContext(documents=sample, findings=shown, rejected=rejected, max_highlighted=int(max_highlighted),
                            scores=scores, detectors=list(figures["detectors"]), aggregates=figures)
    summary = {"totals": figures["totals"], "detectors": figures["detectors"]}
    return ReportRun(title=str(title), detectors=list(figures["detectors"]), summary=summary, context=context)


def _findings_of(path: Path, doc_ids: list[str]):
    """The findings of some documents only, read with a filter (the table may be far larger than memory)."""
    import pyarrow.parquet as pq

    from workbench.findings import normalise_frame

    table = pq.read_table(path, filters=[("doc_id", "in", doc_ids)])
    return normalise_frame(table.to_pandas())
