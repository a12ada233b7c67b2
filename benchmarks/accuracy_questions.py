"""Accuracy of the question detector: SWDA rhetorical questions, the seed gold, our own texts and blind-annotated texts.

Each SWDA item (a question with up to two previous utterances and the next one) becomes a
dialogue table in the form the corpus loader reads (``dialogue_id``, ``speaker``, ``text``,
``question``), so the benchmark runs the same code path as any transcript. The question
counts as positive when the detector labels it ``rhetorical`` or ``hypophora``.

Real-news-like texts (``tests/data/questions_news``, written and annotated blind) are scored in
two halves: the development half by default, the held-out half only with ``--held-out`` (it is
scored once at the start and once at the end of a round of work, never to choose a rule). Each
half is printed per label beside the baseline that calls every question the detector finds
``rhetorical``.

Usage::

    .venv/bin/python benchmarks/accuracy_questions.py [--swda DIR] [--split test|train|none] [--seeds DIR] [--own DIR] [--blind DIR] [--news DIR] [--held-out]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path
from typing import Iterable

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SWDA = ROOT.parent / "shared" / "benchmarks" / "rhetorical-questions-swda"
DEFAULT_SEEDS = ROOT / "seeds"
DEFAULT_OWN = ROOT / "tests" / "data" / "questions"
# Texts written and annotated by annotators who had not seen the detector (docs/questions.md).
DEFAULT_BLIND = ROOT / "tests" / "data" / "questions_blind"
DEFAULT_NEWS = ROOT / "tests" / "data" / "questions_news"
# The two halves of questions_news (see its README): rules may be guided by the development
# half's errors; the held-out half is scored only at the start and the end of a round.
NEWS_DEV = ("podcast_river_swimming", "explainer_renters_act", "column_cashless_parking", "poll_school_phones", "pressconf_stadium_loan", "advice_consumer_column")
NEWS_HELD_OUT = ("interview_rooftop_bees", "council_ferry_minutes", "feature_night_buses", "column_wellbeing_week", "report_flood_barrier_audit", "satire_heritage_potholes")
POSITIVE = ("rhetorical", "hypophora")
ASKER, OTHER = "A", "B"


def _is_empty(utterance: str) -> bool:
    return not utterance.strip() or utterance.strip() == "t_empty"


def swda_dialogue_rows(items: pd.DataFrame, *, prefix: str = "swda") -> list[dict[str, object]]:
    """One dialogue per item: prev2, prev, the question (flagged), next; ``t_empty`` means no utterance."""
    rows: list[dict[str, object]] = []
    for i, item in enumerate(items.itertuples(index=False)):
        dialogue_id = f"{prefix}-{i:05d}"
        turns = [
            (item.prev2_utterance, item.prev2_same_speaker, None),
            (item.prev_utterance, item.prev_same_speaker, None),
            (item.text, 1, True),
            (item.next_utterance, item.next_same_speaker, None),
        ]
        for utterance, same, flag in turns:
            utterance = str(utterance)
            if flag is None and _is_empty(utterance):
                continue
            rows.append(
                {
                    "dialogue_id": dialogue_id,
                    "speaker": ASKER if int(same) == 1 else OTHER,
                    "text": utterance,
                    "question": "true" if flag else "",
                }
            )
    return rows


def read_items(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def load_swda_documents(items: pd.DataFrame, *, prefix: str = "swda") -> list:
    """The items as Documents, through the workbench's own dialogue loader."""
    from workbench.corpus import load_corpus

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{prefix}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["dialogue_id", "speaker", "text", "question"])
            writer.writeheader()
            writer.writerows(swda_dialogue_rows(items, prefix=prefix))
        corpus = load_corpus(path)
        documents = list(corpus)
    if len(documents) != len(items):
        raise SystemExit(f"{len(items) - len(documents)} SWDA item(s) were rejected by the loader")
    return documents


def flagged_labels(documents: Iterable) -> list[str]:
    """The detector's label for the flagged question of each dialogue ("none" when it found none)."""
    from workbench.detectors.registry import get_detector

    detector = get_detector("question")
    labels = []
    for doc in documents:
        turn = next(t for t in doc.meta["turns"] if t.get("question"))
        label = "none"
        for finding in detector.detect(doc):
            if finding.start >= turn["start"] and finding.end <= turn["end"]:
                label = finding.label
        labels.append(label)
    return labels


def binary_scores(gold: list[bool], predicted: list[bool]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, predicted))
    fp = sum(p and not g for g, p in zip(gold, predicted))
    fn = sum(g and not p for g, p in zip(gold, predicted))
    tn = len(gold) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"n": len(gold), "tp": tp, "fp": fp, "fn": fn, "accuracy": (tp + tn) / len(gold), "precision": precision, "recall": recall, "f1": f1}


def swda_scores(path: Path) -> dict[str, float]:
    items = read_items(path)
    documents = load_swda_documents(items, prefix=path.stem)
    labels = flagged_labels(documents)
    gold = [label == "rhetorical" for label in items["label"]]
    return binary_scores(gold, [label in POSITIVE for label in labels])


def gold_scores(corpus_dir: Path, gold_path: Path) -> pd.DataFrame:
    """P/R/F1 of layer ``question`` against a gold file, exact and sentence-overlap match."""
    from workbench.corpus import load_corpus
    from workbench.evaluate import evaluate
    from workbench.findings import findings_frame
    from workbench.pipeline import analyze

    corpus = load_corpus(corpus_dir)
    findings = analyze(corpus, detectors=["question"])
    if not isinstance(findings, pd.DataFrame):
        findings = findings_frame(findings)
    frames = []
    for mode in ("exact", "overlap"):
        scores = evaluate(findings, gold_path, match=mode, corpus=corpus, layers=["question"])
        frames.append(scores.assign(match=mode))
    return pd.concat(frames, ignore_index=True)


def news_scores(corpus_dir: Path, doc_ids: Iterable[str]) -> pd.DataFrame:
    """Sentence-overlap P/R/F1 per label on some texts of the news set, for the detector and for the
    baseline that labels every question it finds ``rhetorical`` (columns ``*_baseline``)."""
    from workbench.corpus import load_corpus
    from workbench.evaluate import evaluate
    from workbench.findings import findings_frame, read_findings
    from workbench.pipeline import analyze

    chosen = set(doc_ids)
    corpus = load_corpus(corpus_dir)
    corpus.documents = [doc for doc in corpus.documents if doc.doc_id in chosen]
    findings = analyze(corpus, detectors=["question"], progress=False)
    if not isinstance(findings, pd.DataFrame):
        findings = findings_frame(findings)
    gold = read_findings(corpus_dir / "questions.gold.jsonl")
    gold = gold[gold["doc_id"].isin(chosen)]
    ours = evaluate(findings, gold, match="overlap", corpus=corpus, layers=["question"])
    baseline = evaluate(findings.assign(label="rhetorical"), gold, match="overlap", corpus=corpus, layers=["question"])
    ours = ours[ours["layer"] == "question"].set_index("label")
    baseline = baseline[baseline["layer"] == "question"].set_index("label")
    rows = []
    for label in (*sorted(set(gold["label"])), "macro", "micro"):
        row = {"label": label, "support": int(ours.loc[label, "support"]) if label in ours.index else 0}
        for column in ("precision", "recall", "f1"):
            row[column] = float(ours.loc[label, column]) if label in ours.index else 0.0
        row["f1_baseline"] = float(baseline.loc[label, "f1"]) if label in baseline.index else 0.0
        rows.append(row)
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--swda", type=Path, default=DEFAULT_SWDA, help="folder with train.csv and test.csv")
    parser.add_argument("--split", default="test", help="SWDA split to score (test or train; none skips SWDA)")
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--own", type=Path, default=DEFAULT_OWN, help="folder with our own texts and questions.gold.jsonl")
    parser.add_argument("--blind", type=Path, default=DEFAULT_BLIND, help="folder with texts by annotators who had not seen the detector, and questions.gold.jsonl")
    parser.add_argument("--news", type=Path, default=DEFAULT_NEWS, help="folder with the real-news-like texts and questions.gold.jsonl")
    parser.add_argument("--held-out", action="store_true", help="also score the held-out half of the news texts (only at the start and end of a round)")
    args = parser.parse_args(argv)

    pd.set_option("display.width", 160)
    columns = ["match", "layer", "label", "support", "predicted", "tp", "fp", "fn", "precision", "recall", "f1"]
    for title, corpus_dir, gold in (
        ("Seed gold, layer question", args.seeds, next(iter(sorted(args.seeds.glob("*.gold.jsonl"))), None)),
        ("Own texts, layer question", args.own, args.own / "questions.gold.jsonl"),
        ("Texts by annotators who had not seen the detector, layer question", args.blind, args.blind / "questions.gold.jsonl"),
    ):
        if gold is None or not gold.exists():
            print(f"{title}: no gold file found")
            continue
        print(f"== {title} ({corpus_dir.name})")
        print(gold_scores(corpus_dir, gold)[columns].round(3).to_string(index=False))
        print()
    if (args.news / "questions.gold.jsonl").exists():
        halves = [("development half", NEWS_DEV)] + ([("held-out half", NEWS_HELD_OUT)] if args.held_out else [])
        for name, doc_ids in halves:
            print(f"== Real-news-like texts ({args.news.name}), {name}, sentence overlap; f1_baseline = every question called rhetorical")
            print(news_scores(args.news, doc_ids).round(3).to_string(index=False))
            print()
    split = args.swda / f"{args.split}.csv"
    if args.split == "none":
        pass
    elif split.exists():
        scores = swda_scores(split)
        print(f"== SWDA {args.split}.csv, positive = rhetorical/hypophora")
        print("  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in scores.items()))
    else:
        print(f"SWDA split not found: {split}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
