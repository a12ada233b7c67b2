"""Throughput in words per second on a generated news corpus, side by side in one run.

For each corpus size this times, on the same texts:

* ``punkt+treebank``: bare NLTK Punkt sentence splitting (the package's shipped parameters)
  plus Treebank word tokenisation of every sentence, the floor any span-level tool pays;
* ``vader``: vaderSentiment ``polarity_scores`` on each document, a widely used lexicon
  tool (skipped with a message when the package is not installed; it is not a dependency);
* ``workbench/ENGINE``: ``analyze(..., out=FILE)`` with the chosen detectors (all registered ones
  by default) on each engine, reading the corpus folder and writing findings to Parquet.

Words are whitespace-separated tokens (``len(text.split())``), the same count for every row.
With ``--profile N`` it also profiles the serial detectors on N documents and prints the
functions with the most own time.

Usage::

    python benchmarks/speed.py --sizes 1000 10000 --engines serial,processes,dask --workers 2
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
    spec = importlib.util.spec_from_file_location("corpus_gen", HERE / "corpus_gen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus_folder(count: int, root: Path, *, seed: int = 0) -> Path:
    """The generated corpus of ``count`` documents, written once and reused."""
    folder = root / f"gen-{count}-seed{seed}"
    done = folder / ".complete"
    if not done.exists():
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
            buffer.write(f"  {Path(filename).stem:<12} {cumulative:8.2f}\n")
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
    args = parser.parse_args()

    from workbench.detectors import resolve_detectors

    names = [d.name for d in resolve_detectors(args.detectors)]
    print(f"machine: {machine()}")
    print(f"detectors: {', '.join(names)}")
    print(f"workers: {args.workers or os.cpu_count()}\n")
    print("| documents | words | tool | seconds | words/s | vs serial |")
    print("|---:|---:|---|---:|---:|---:|")
    for size in args.sizes:
        folder = corpus_folder(size, args.work_dir)
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
        words = sum(len(t.split()) for t in texts)
        rows: list[tuple[str, float | None]] = []
        runs: list[tuple[str, Callable[[], float | None]]] = [("punkt+treebank", lambda: time_baseline(texts)), ("vader", lambda: time_vader(texts))]
        if args.workbench_max is None or size <= args.workbench_max:
            for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
                out = args.work_dir / f"findings-{size}-{engine}.parquet"
                runs.append((f"workbench/{engine}", lambda e=engine, o=out: time_workbench(
                    folder, o, engine=e, detectors=args.detectors, workers=args.workers, chunk_size=args.chunk_size)))
        else:
            print(f"<!-- workbench rows skipped for {size} documents (--workbench-max {args.workbench_max}) -->")
        serial = None
        for label, run in runs:
            seconds = run()
            if seconds is None:
                continue
            if label == "workbench/serial":
                serial = seconds
            ratio = f"{serial / seconds:.2f}x" if serial and label.startswith("workbench/") else ""
            print(f"| {size} | {words} | {label} | {seconds:.1f} | {words / seconds:,.0f} | {ratio} |", flush=True)
            rows.append((label, seconds))
    if args.profile:
        print(f"\nprofile: serial detectors on {args.profile} documents (own time)\n")
        print(profile_serial(corpus_folder(args.sizes[0], args.work_dir), args.profile, args.detectors))


if __name__ == "__main__":
    main()
