"""Wall time of ``workbench report`` on a generated corpus, and what the report holds.

The report notebook summarises the corpus (tables, charts, the actor table) and renders
highlighted text for at most ``max_highlighted`` documents, so its time grows with the
analysis, not with rendering. This runs the command line once per size in a child process
(as a user would) and prints the time, the size of ``report.html`` and the number of
documents whose text the HTML shows.

Usage::

    python benchmarks/report_time.py --sizes 1000 --max-highlighted 20
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from speed import corpus_folder, machine  # noqa: E402  (a sibling script, not a package)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--max-highlighted", type=int, default=20)
    parser.add_argument("--work-dir", type=Path, default=Path(tempfile.gettempdir()) / "workbench-bench")
    args = parser.parse_args()

    print(f"machine: {machine()}\n")
    print("| documents | max_highlighted | seconds | report.html (MiB) | documents shown | findings |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        folder = corpus_folder(size, args.work_dir)
        out = args.work_dir / f"report-{size}"
        shutil.rmtree(out, ignore_errors=True)
        params = args.work_dir / f"report-{size}.yaml"
        params.write_text(f"max_highlighted: {args.max_highlighted}\n", encoding="utf-8")
        command = [sys.executable, "-m", "workbench.cli", "report", str(folder), "--out", str(out), "--params", str(params)]
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        html = (out / "report.html").read_text(encoding="utf-8")
        # Each highlighted rendering of a document is an element carrying its doc_id.
        shown = len(set(re.findall(r'data-doc-id="([^"]*)"', html)))
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        findings = summary["totals"]["findings"]
        print(f"| {size} | {args.max_highlighted} | {seconds:.1f} | {len(html.encode()) / 2**20:.1f} | {shown} | {findings} |", flush=True)


if __name__ == "__main__":
    main()
