"""Snapshot every detector's findings on all test and benchmark texts, or compare two snapshots.

A refactoring or a speed-up must leave the findings unchanged row for row. This script runs
all registered detectors (serial engine, default options) over

* every folder of texts under ``tests/data/`` that is under version control, and ``seeds/``,
* the shared benchmark sets beside the repository (CoNLL-2010 sentences, SWDA questions with
  their context, Narrative Frames articles, BABE sentences), each row a document,

writes one findings file and one sentence-uncertainty table per corpus into ``OUT`` and
prints a digest per corpus. ``--compare
A B`` then lists the corpora whose findings differ and the first differing rows.

    .venv/bin/python benchmarks/findings_snapshot.py --out /tmp/before
    ... change the code ...
    .venv/bin/python benchmarks/findings_snapshot.py --out /tmp/after
    .venv/bin/python benchmarks/findings_snapshot.py --compare /tmp/before /tmp/after
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path
from typing import Iterator

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"


def _table_documents(path: Path, *, column: str = "text", sep: str = ",", limit: int | None = None):
    from workbench.corpus import Document

    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter=sep)):
            if limit is not None and number >= limit:
                break
            text = row[column]
            if text.strip():
                yield Document(doc_id=f"{path.stem}-{number}", text=text)


def _swda_documents(path: Path, *, limit: int | None = None):
    """Each question with the utterances around it, as a small dialogue document."""
    from workbench.corpus import Document

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for number, row in enumerate(frame.itertuples(index=False)):
        if limit is not None and number >= limit:
            break
        lines = [u for u in (row.prev2_utterance, row.prev_utterance, row.text, row.next_utterance) if u and u != "t_empty"]
        yield Document(doc_id=f"{path.stem}-{number}", text="\n".join(lines))


def _tracked_folders(root: Path) -> list[Path]:
    """Folders of texts under version control: a set still being annotated is not run before it is committed."""
    import subprocess

    try:
        listed = subprocess.run(["git", "ls-files", "--", str(root)], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: every folder
        return sorted(p for p in root.iterdir() if p.is_dir())
    return sorted({(ROOT / name).parent for name in listed if name.endswith(".txt")})


def corpora(*, limit: int | None = None) -> Iterator[tuple[str, object]]:
    """(name, documents) for every text set this script covers."""
    from workbench.corpus import load_corpus

    folders = _tracked_folders(ROOT / "tests" / "data") + [ROOT / "seeds"]
    for folder in folders:
        yield f"{folder.parent.name}-{folder.name}" if folder.name != "seeds" else "seeds", list(load_corpus(folder).documents)
    if not SHARED.is_dir():
        print(f"note: {SHARED} not found; benchmark sets skipped", file=sys.stderr)
        return
    sets = [
        ("conll-dev", lambda: _table_documents(SHARED / "uncertainty-conll2010" / "dev.csv", limit=limit)),
        ("conll-test", lambda: _table_documents(SHARED / "uncertainty-conll2010" / "test.csv", limit=limit)),
        ("swda-train", lambda: _swda_documents(SHARED / "rhetorical-questions-swda" / "train.csv", limit=limit)),
        ("swda-test", lambda: _swda_documents(SHARED / "rhetorical-questions-swda" / "test.csv", limit=limit)),
        ("frames-dev", lambda: _table_documents(SHARED / "narrative-frames" / "dev.tsv", sep="\t", limit=limit)),
        ("babe-dev", lambda: _table_documents(SHARED / "babe" / "dev.csv", limit=limit)),
    ]
    for name, make in sets:
        yield name, list(make())


def snapshot(out: Path, *, limit: int | None = None) -> None:
    from workbench.detectors.stance import sentence_uncertainty
    from workbench.findings import write_findings
    from workbench.pipeline import analyze

    out.mkdir(parents=True, exist_ok=True)
    for name, docs in corpora(limit=limit):
        frame = analyze(docs, progress=False)
        path = write_findings(frame, out / f"{name}.csv")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        sentences = sentence_uncertainty(docs)
        sentences.to_csv(out / f"{name}.sentences.csv", index=False, lineterminator="\n")
        uncertain = int(sentences["uncertain"].sum())
        print(f"{name:28s} {len(docs):6d} docs {len(frame):8d} findings  {digest}  {uncertain:6d} uncertain sentences")


def _read(path: Path) -> pd.DataFrame:
    """A snapshot table as text columns (findings files through read_findings, which undoes CSV escaping)."""
    from workbench.findings import read_findings

    if path.name.endswith(".sentences.csv"):
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = read_findings(path)
    frame["extras"] = frame["extras"].map(lambda e: json.dumps(e, sort_keys=True))
    return frame.astype(str)


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.glob("*.csv")} | {p.name for p in after.glob("*.csv")})
    differing = 0
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {'after' if not a.exists() else 'before'}")
            differing += 1
            continue
        if a.read_bytes() == b.read_bytes():
            continue
        differing += 1
        left, right = _read(a), _read(b)
        if left.equals(right):
            differing -= 1  # the same table written differently (e.g. CSV cells escaped for spreadsheets)
            continue
        merged = left.merge(right, how="outer", indicator=True)
        only = merged[merged["_merge"] != "both"]
        print(f"{name}: {len(left)} rows before, {len(right)} after, {len(only)} rows differ")
        print(only.head(12).to_string(max_colwidth=60))
    print("identical" if not differing else f"{differing} corpus file(s) differ")
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", type=Path, help="folder to write one findings CSV per corpus into")
    group.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--limit", type=int, help="documents per benchmark set (a quick check)")
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    snapshot(args.out, limit=args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
