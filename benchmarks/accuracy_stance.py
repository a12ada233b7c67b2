"""Accuracy of the stance detector: sentence uncertainty on CoNLL-2010 and span F1 on gold texts.

Prints, for the CoNLL-2010 Wikipedia sample, accuracy and precision/recall/F1 of the
uncertain class on test.csv and dev.csv (the model is trained on dev.csv only, so dev is a
training-set figure), then P/R/F1 of the ``stance`` layer (overlap and exact match) on the
seed article, the project's own annotated texts in tests/data/stance/ and the texts in
tests/data/stance_blind/ (written and annotated by people who had not seen the detector).

    .venv/bin/python benchmarks/accuracy_stance.py [--conll DIR] [--seeds DIR] [--own DIR] [--blind DIR] [--texts-only]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from workbench.corpus import Document, load_corpus
from workbench.detectors import get_detector
from workbench.detectors.stance import sentence_uncertainty
from workbench.evaluate import evaluate
from workbench.findings import findings_frame, read_findings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONLL = ROOT.parent / "shared" / "benchmarks" / "uncertainty-conll2010"
DEFAULT_SEEDS = ROOT / "seeds"
DEFAULT_OWN = ROOT / "tests" / "data" / "stance"
# Texts written and annotated by annotators who had not seen the detector (docs/stance.md).
DEFAULT_BLIND = ROOT / "tests" / "data" / "stance_blind"


def conll_scores(path: Path) -> dict[str, float]:
    """Accuracy and uncertain-class P/R/F1; each CSV row is one Document (doc_id = row number)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    docs = [Document(doc_id=str(i), text=text) for i, text in enumerate(frame["text"])]
    table = sentence_uncertainty(docs)
    predicted = table.groupby("doc_id")["uncertain"].any()
    pred = [bool(predicted.get(str(i), False)) for i in range(len(frame))]
    gold = [label == "uncertain" for label in frame["label"]]
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum(p and not g for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    return {"n": len(gold), "accuracy": accuracy, "precision": precision, "recall": recall, "f1": f1}


def span_scores(corpus_dir: Path, gold_path: Path) -> dict[str, pd.DataFrame]:
    """Stance-layer scores of the detector on a folder of .txt files against a gold JSONL."""
    corpus = load_corpus(corpus_dir)
    detector = get_detector("stance")
    findings = findings_frame([f for doc in corpus for f in detector.detect(doc)])
    gold = read_findings(gold_path)
    gold = gold[gold["layer"] == "stance"]
    return {mode: evaluate(findings, gold, match=mode, corpus=corpus, layers=["stance"]) for mode in ("overlap", "exact")}


def _print_spans(title: str, scores: dict[str, pd.DataFrame]) -> None:
    columns = ["label", "support", "predicted", "tp", "fp", "fn", "precision", "recall", "f1"]
    for mode, table in scores.items():
        rows = table[table["layer"] == "stance"][columns]
        print(f"\n{title} — stance layer, {mode} match")
        print(rows.round(3).to_string(index=False))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", type=Path, default=DEFAULT_CONLL, help="folder with dev.csv and test.csv")
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="seed folder (.txt + .gold.jsonl)")
    parser.add_argument("--own", type=Path, default=DEFAULT_OWN, help="own texts (.txt + stance.gold.jsonl)")
    parser.add_argument("--blind", type=Path, default=DEFAULT_BLIND, help="texts by annotators who had not seen the detector (.txt + stance.gold.jsonl)")
    parser.add_argument("--texts-only", action="store_true", help="skip CoNLL-2010: score the annotated texts only")
    args = parser.parse_args(argv)
    if not args.texts_only:
        _print_conll(args.conll)
    seed_gold = sorted(args.seeds.glob("*.gold.jsonl"))
    if seed_gold:
        _print_spans("Seed article", span_scores(args.seeds, seed_gold[0]))
    for title, folder in (("Own texts (tests/data/stance)", args.own), ("Texts by annotators who had not seen the detector (tests/data/stance_blind)", args.blind)):
        gold = folder / "stance.gold.jsonl"
        if gold.exists():
            _print_spans(title, span_scores(folder, gold))


def _print_conll(folder: Path) -> None:
    print("CoNLL-2010 Wikipedia sample, sentence uncertainty (uncertain = positive class)")
    print(f"{'split':<6} {'n':>5} {'acc':>6} {'P':>6} {'R':>6} {'F1':>6}")
    for split in ("test", "dev"):
        path = folder / f"{split}.csv"
        if not path.exists():
            print(f"{split:<6} missing: {path}")
            continue
        s = conll_scores(path)
        note = "  (training split)" if split == "dev" else ""
        print(f"{split:<6} {s['n']:>5} {s['accuracy']:>6.3f} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}{note}")


if __name__ == "__main__":
    main()
