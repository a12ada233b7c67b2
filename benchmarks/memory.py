"""Peak memory (RSS) of ``workbench analyze`` at two corpus sizes: streaming should keep it flat.

Runs the command line in a child process for each size and engine and reports

* ``max RSS``: the largest resident set of any one process of the run (``ru_maxrss`` from
  ``wait4``, which covers the command and the worker processes it waited for), and
* ``tree RSS``: the peak of the summed RSS of the command and all its descendants, sampled
  from ``/proc`` every 50 ms (Linux only; blank elsewhere).

The growth column compares each size with the first one. The target is under 10% from 1k
to 10k documents.

Usage::

    python benchmarks/memory.py --sizes 1000 10000 --engines serial,processes --detectors question,distancing
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from speed import corpus_folder, machine  # noqa: E402  (a sibling script, not a package)


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kib(root: int) -> int:
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kib(pid)
        todo.extend(tree.get(pid, []))
    return total


def measure(command: list[str]) -> tuple[float, int, int | None]:
    """Seconds, max RSS of one process (KiB) and peak tree RSS (KiB, None without /proc)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    sampling = Path("/proc").is_dir()
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.05):
            peak[0] = max(peak[0], tree_rss_kib(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    if sampling:
        sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    stop.set()
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode(errors='replace')}")
    return seconds, usage.ru_maxrss, peak[0] if sampling else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--engines", default="serial,processes")
    parser.add_argument("--detectors", help="detectors (default: all registered)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--format", default="parquet", choices=["parquet", "jsonl", "csv"])
    parser.add_argument("--work-dir", type=Path, default=Path(tempfile.gettempdir()) / "workbench-bench")
    args = parser.parse_args()

    print(f"machine: {machine()}")
    print(f"detectors: {args.detectors or 'all registered'}; output: .{args.format}\n")
    print("| engine | documents | seconds | max RSS (MiB) | growth | tree RSS (MiB) | growth |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
        first: tuple[int, int | None] | None = None
        for size in args.sizes:
            folder = corpus_folder(size, args.work_dir)
            out = args.work_dir / f"memory-{size}-{engine}.{args.format}"
            command = [sys.executable, "-m", "workbench.cli", "analyze", str(folder), "--out", str(out), "--quiet", "--engine", engine]
            if engine != "serial":
                command += ["--workers", str(args.workers)]
            if args.detectors:
                command += ["--detectors", args.detectors]
            seconds, max_rss, tree = measure(command)
            first = first or (max_rss, tree)
            grow = f"{(max_rss / first[0] - 1) * 100:+.1f}%"
            tree_cell = f"{tree / 1024:.0f}" if tree else ""
            tree_grow = f"{(tree / first[1] - 1) * 100:+.1f}%" if tree and first[1] else ""
            print(f"| {engine} | {size} | {seconds:.1f} | {max_rss / 1024:.0f} | {grow} | {tree_cell} | {tree_grow} |", flush=True)


if __name__ == "__main__":
    main()
