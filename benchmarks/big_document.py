"""One very large document through the command line: time and peak memory of each run.

* ``analyze`` on a folder holding one 50 MB text (the seed repeated) next to the seed: the big
  document is rejected by name above the size limit (``max_chars``, 5,000,000 characters by
  default), the seed is analysed;
* ``analyze`` on one 5,000,000-character document (the largest accepted by default);
* ``report`` on that document: the report highlights only its start and says so.

Each command runs in its own process; peak memory is that process's maximum resident set
(``ru_maxrss``, the largest process of the command), time is wall-clock. Usage::

    python benchmarks/big_document.py [--mb 50]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# Each command runs under a small wrapper process, so the peak it reports is that command's own
# (ru_maxrss of a process's children is their largest peak, counting grandchildren it waited for).
_WRAPPER = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
    "sys.stdout.write(done.stdout + done.stderr); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def measured(command: list[str]) -> tuple[float, float, str]:
    """(seconds, peak MiB of the command's largest process, last line of its output)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = done.stdout.strip().splitlines()
    peak_kib = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return seconds, peak_kib / 1024, lines[-2] if len(lines) > 1 else f"exit {done.returncode}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50, help="size of the oversized document in MB")
    args = parser.parse_args(argv)
    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    workbench = [sys.executable, "-m", "workbench.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        huge = tmp_path / "huge"
        huge.mkdir()
        size = args.mb * 1_000_000
        (huge / "big.txt").write_text(("\n\n".join([seed] * (size // len(seed) + 1)))[:size], encoding="utf-8")
        (huge / "seed.txt").write_text(seed, encoding="utf-8")
        limit = tmp_path / "limit"
        limit.mkdir()
        (limit / "five_million.txt").write_text(("\n\n".join([seed] * (5_000_000 // len(seed) + 1)))[:5_000_000], encoding="utf-8")
        runs = [
            (f"analyze, a {args.mb} MB document beside the seed", [*workbench, "analyze", str(huge), "--out", str(tmp_path / "a.parquet"), "--quiet"]),
            ("analyze, one 5,000,000-character document", [*workbench, "analyze", str(limit), "--out", str(tmp_path / "b.parquet"), "--quiet"]),
            ("report, one 5,000,000-character document", [*workbench, "report", str(limit), "--out", str(tmp_path / "report")]),
        ]
        print(f"{'run':<52} {'seconds':>8} {'peak MiB':>9}  output")
        for name, command in runs:
            seconds, peak, last = measured(command)
            print(f"{name:<52} {seconds:8.1f} {peak:9.0f}  {last[:110]}")
        html = tmp_path / "report" / "report.html"
        if html.exists():
            print(f"report.html: {html.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
