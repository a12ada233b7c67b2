"""Throughput in words per second on a generated news corpus, side by side in one run.

For each corpus size this times, on the same texts:

* ``punkt+treebank``: bare NLTK Punkt sentence splitting (the package's shipped parameters)
  plus Treebank word tokenisation of every sentence, the floor any span-level tool pays;
* ``vader``: vaderSentiment ``polarity_scores`` on each document, a widely used lexicon
  tool (skipped with a message when the package is not installed; it is not a dependency);
* ``workbench detectors (in memory)``: every detector on documents already in memory,
  segmentation included: the work VADER's row does, without files or a findings table;
* ``workbench/ENGINE``: ``analyze(..., out=FILE)`` with the chosen detectors (all registered ones
  by default) on each engine, reading the corpus folder and writing findings to Parquet.

Words are whitespace-separated tokens (``len(text.split())``), the same count for every row.
With ``--profile N`` it also profiles the serial detectors on N documents and prints the
functions with the most own time.

``--corpus real`` times real news instead (the Narrative Frames development articles, read
from the team's shared folder and repeated to the size asked for); ``--repeat 5`` reports the
median of five runs, with CPU seconds of the in-process rows (this machine's two cores are
shared and noisy: CPU time is steadier than wall time).

Usage::

    python benchmarks/speed.py --sizes 1000 10000 --engines serial,processes,dask --workers 2
    python benchmarks/speed.py --corpus real --sizes 500 --engines serial --repeat 5
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import os
import platform
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent


def _corpus_gen():
    # A sibling script: Python puts this folder on sys.path when a benchmark runs.
    import corpus_gen

    return corpus_gen


SHARED = HERE.parent.parent / "shared" / "benchmarks"


def corpus_folder(count: int, root: Path, *, seed: int = 0, kind: str = "generated") -> Path:
    """A corpus of ``count`` documents, written once and reused: generated articles, or real news
    (the 213 Narrative Frames development articles, climate news from many outlets, repeated in
    turn; they stay outside the package, in the team's shared folder)."""
    folder = root / f"{kind}-{count}-seed{seed}"
    done = folder / ".complete"
    if not done.exists():
        if kind == "real":
            import csv

            csv.field_size_limit(sys.maxsize)
            with open(SHARED / "narrative-frames" / "dev.tsv", encoding="utf-8", newline="") as handle:
                texts = [row["text"] for row in csv.DictReader(handle, delimiter="\t") if row["text"].strip()]
            folder.mkdir(parents=True, exist_ok=True)
            for index in range(count):
                (folder / f"real-{index:06d}.txt").write_text(texts[index % len(texts)], encoding="utf-8")
        else:
            _corpus_gen().write_corpus(count, folder, seed=seed)
        done.write_text("ok")
    return folder


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")).split()[1])
        memory = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs ({model}){memory}"


def cpu_and_wall(run: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds of this process, wall seconds) of one run."""
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - cpu, time.perf_counter() - wall


def time_baseline(texts: list[str]) -> float:
    from nltk.tokenize import TreebankWordTokenizer

    from workbench.segment import sentence_tokenizer

    # NLTK's stock Punkt classes with the package's parameters: the floor a plain NLTK user pays.
    punkt, treebank = sentence_tokenizer(guarded=True), TreebankWordTokenizer()
    start = time.perf_counter()
    for text in texts:
        for sentence in punkt.tokenize(text):
            treebank.tokenize(sentence)
    return time.perf_counter() - start


def time_vader(texts: list[str]) -> float | None:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        print("vader: skipped (pip install vaderSentiment to include it)", file=sys.stderr)
        return None
    analyzer = SentimentIntensityAnalyzer()
    start = time.perf_counter()
    for text in texts:
        analyzer.polarity_scores(text)
    return time.perf_counter() - start


def time_detectors(texts: list[str], detectors: str | None) -> float:
    """All detectors on documents already in memory (segmentation included): the same work
    VADER's row does, without reading files or writing a findings table."""
    from workbench.corpus import Document
    from workbench.detectors import resolve_detectors
    from workbench.engines import detect_document

    chosen = resolve_detectors(detectors)
    detect_document(Document("warm-up", texts[0]), chosen)  # lexicons load outside the timing
    docs = [Document(f"d{i}", text) for i, text in enumerate(texts)]
    start = time.perf_counter()
    for doc in docs:
        detect_document(doc, chosen)
    return time.perf_counter() - start


def time_workbench(folder: Path, out: Path, *, engine: str, detectors: str | None, workers: int | None, chunk_size: int | None) -> float:
    from workbench.pipeline import analyze

    options = {"workers": workers, "chunk_size": chunk_size} if engine != "serial" else {}
    start = time.perf_counter()
    analyze(folder, out=out, detectors=detectors, engine=engine, progress=False, **options)
    return time.perf_counter() - start


def profile_serial(folder: Path, documents: int, detectors: str | None, top: int = 15) -> str:
    """Own-time profile of segmentation plus every detector on the first ``documents`` documents."""
    from workbench.corpus import iter_corpus
    from workbench.detectors import resolve_detectors
    from workbench.engines import detect_document

    chosen = resolve_detectors(detectors)
    docs = [d for _, d in zip(range(documents), iter_corpus(folder))]
    detect_document(docs[0], chosen)  # load lexicons and compile patterns outside the profile
    profiler = cProfile.Profile()
    profiler.enable()
    for doc in docs[1:]:
        detect_document(doc, chosen)
    profiler.disable()
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(top)
    buffer.write("\nper detector (cumulative seconds):\n")
    stats = pstats.Stats(profiler).stats
    for (filename, _, name), (_, _, _, cumulative, _) in sorted(stats.items(), key=lambda kv: -kv[1][3]):
        if name == "detect" and "detectors" in filename:
            # Package detectors live in __init__.py or detector.py: name them by their folder.
            path = Path(filename)
            owner = path.parent.name if path.stem in ("__init__", "detector") else path.stem
            buffer.write(f"  {owner:<12} {cumulative:8.2f}\n")
        elif name == "segment" and filename.endswith("segment.py"):
            buffer.write(f"  {'segmentation':<12} {cumulative:8.2f}\n")
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes in documents")
    parser.add_argument("--engines", default="serial,processes,dask", help="workbench engines to time, comma-separated")
    parser.add_argument("--detectors", help="detectors (default: all registered)")
    parser.add_argument("--workers", type=int, help="workers for processes/dask (default: all CPUs)")
    parser.add_argument("--chunk-size", type=int)
    parser.add_argument("--workbench-max", type=int, default=None,
                        help="skip the workbench rows for corpora larger than this (they can take hours with slow detectors)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="also profile serial detectors on N documents")
    parser.add_argument("--work-dir", type=Path, default=Path(tempfile.gettempdir()) / "workbench-bench",
                        help="where generated corpora and outputs go")
    parser.add_argument("--corpus", choices=["generated", "real"], default="generated",
                        help="generated articles, or real news (the Narrative Frames development articles, repeated)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per row; the median is reported (the machine is shared and noisy)")
    args = parser.parse_args()

    import statistics

    from workbench.detectors import resolve_detectors

    names = [d.name for d in resolve_detectors(args.detectors)]
    print(f"machine: {machine()}")
    print(f"corpus: {args.corpus}; runs per row: {args.repeat} (median shown)")
    print(f"detectors: {', '.join(names)}")
    print(f"workers: {args.workers or os.cpu_count()}\n")
    print("| documents | words | tool | seconds | words/s | CPU seconds | words per CPU-second | vs VADER (CPU) | vs serial |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        folder = corpus_folder(size, args.work_dir, kind=args.corpus)
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
        words = sum(len(t.split()) for t in texts)
        runs: list[tuple[str, Callable[[], object]]] = [("punkt+treebank", lambda: time_baseline(texts))]
        if importlib.util.find_spec("vaderSentiment") is not None:
            runs.append(("vader", lambda: time_vader(texts)))
        else:
            print("<!-- vader skipped: pip install vaderSentiment to include it -->")
        if args.workbench_max is None or size <= args.workbench_max:
            if "serial" in args.engines.split(","):
                runs.append(("workbench detectors (in memory)", lambda: time_detectors(texts, args.detectors)))
            for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
                out = args.work_dir / f"findings-{size}-{engine}.parquet"
                runs.append((f"workbench/{engine}", lambda e=engine, o=out: time_workbench(
                    folder, o, engine=e, detectors=args.detectors, workers=args.workers, chunk_size=args.chunk_size)))
        else:
            print(f"<!-- workbench rows skipped for {size} documents (--workbench-max {args.workbench_max}) -->")
        serial = vader_cpu = None
        for label, run in runs:
            measured = [cpu_and_wall(run) for _ in range(max(args.repeat, 1))]
            cpu, wall = statistics.median(m[0] for m in measured), statistics.median(m[1] for m in measured)
            in_process = label in ("punkt+treebank", "vader", "workbench/serial") or label.startswith("workbench detectors")
            if label == "vader":
                vader_cpu = cpu
            if label == "workbench/serial":
                serial = wall
            versus_vader = f"{vader_cpu / cpu:.2f}x" if vader_cpu and in_process and label.startswith("workbench") else ""
            versus_serial = f"{serial / wall:.2f}x" if serial and label.startswith("workbench/") else ""
            cpu_cells = f"{cpu:.1f} | {words / cpu:,.0f}" if in_process and cpu else "— | —"
            print(f"| {size} | {words} | {label} | {wall:.1f} | {words / wall:,.0f} | {cpu_cells} | {versus_vader} | {versus_serial} |", flush=True)
    if args.profile:
        print(f"\nprofile: serial detectors on {args.profile} documents (own time)\n")
        print(profile_serial(corpus_folder(args.sizes[0], args.work_dir, kind=args.corpus), args.profile, args.detectors))


if __name__ == "__main__":
    main()
