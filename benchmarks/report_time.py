"""Wall time and peak memory of ``workbench report`` on a generated corpus, and what the report holds.

The analysis streams (findings, summary and the corpus figures are written as documents pass)
and the notebook reads only the figures and the first ``max_highlighted`` documents, so the
peak memory of the largest process should not grow with the corpus. This runs the command
line once per size in a child process (as a user would) and prints the time, the peak
resident memory of the command's largest process, the size of ``report.html`` and the number
of document pages.

Usage::

    python benchmarks/report_time.py --sizes 1000 10000 --engine processes --workers 2
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from big_document import measured  # noqa: E402  (sibling scripts, not a package)
from speed import corpus_folder, machine  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--max-highlighted", type=int, default=20)
    parser.add_argument("--work-dir", type=Path, default=Path(tempfile.gettempdir()) / "workbench-bench")
    parser.add_argument("--engine", default="serial")
    parser.add_argument("--workers", type=int)
    args = parser.parse_args()

    print(f"machine: {machine()}\n")
    print("| documents | engine | seconds | peak MiB (largest process) | report.html (MiB) | document pages | findings |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        folder = corpus_folder(size, args.work_dir)
        out = args.work_dir / f"report-{size}"
        shutil.rmtree(out, ignore_errors=True)
        params = args.work_dir / f"report-{size}.yaml"
        params.write_text(f"max_highlighted: {args.max_highlighted}\n", encoding="utf-8")
        command = [sys.executable, "-m", "workbench.cli", "report", str(folder), "--out", str(out), "--params", str(params), "--engine", args.engine]
        if args.workers:
            command += ["--workers", str(args.workers)]
        seconds, peak, last = measured(command)
        if not (out / "report.html").exists():
            print(f"| {size} | {args.engine} | failed: {last} |")
            continue
        html = (out / "report.html").read_text(encoding="utf-8")
        pages = len(list((out / "documents").glob("*.html"))) - len(list((out / "documents").glob("index*.html")))
        findings = json.loads((out / "aggregates.json").read_text(encoding="utf-8"))["totals"]["findings"]
        print(f"| {size} | {args.engine} | {seconds:.1f} | {peak:.0f} | {len(html.encode()) / 2**20:.2f} | {pages} | {findings} |", flush=True)


if __name__ == "__main__":
    main()
