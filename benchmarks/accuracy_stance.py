"""Accuracy of the stance detector: sentence uncertainty under both conventions, attribution, spans, the invariant.

Parts (``--parts``, comma-separated; all by default):

* ``conll`` — CoNLL-2010 Wikipedia sample, default (``conll``) convention: accuracy and P/R/F1 of
  the uncertain class on dev.csv and test.csv (each row one Document). Nothing in the sentence
  decision is fitted any more (a sentence is uncertain when it holds a hedge), so the dev figure
  is also its cross-validated figure; the cue lexicon was built on dev.
* ``semantic`` — the ``semantic`` convention (Szarvas et al. 2012) on the 500 dev sentences
  re-annotated for semantic uncertainty (benchmarks/annotations/conll_dev_semantic.csv) and on the
  sentences of tests/data/stance_news/ (a sentence is uncertain when the gold marks an epistemic,
  doxastic, investigation or conditional hedge in it, in any voice), beside a keyword baseline.
* ``attribution`` — attribution P/R/F1 (overlap) on stance_news, the seed, the own texts
  (tests/data/stance/) and the blind texts (tests/data/stance_blind/), beside a regular-expression
  baseline over 28 common reporting verbs.
* ``spans`` — the stance layer per label (overlap and exact) on the same sets; stance_news in
  both readings of quoted cues (all voices; the author's voice only).
* ``invariant`` — sentences whose label disagrees with their hedges, over every corpus under
  tests/data and the seed, in both conventions (must be 0).

stance_news is split into a dev half and a held-out half; the held-out half is scored only with
``--held-out`` (docs/stance.md says how often it was).

    .venv/bin/python benchmarks/accuracy_stance.py [--parts conll,semantic,attribution,spans,invariant] [--held-out]
        [--conll DIR] [--seeds DIR] [--own DIR] [--blind DIR] [--news DIR] [--semantic-gold CSV] [--texts-only]
"""

from __future__ import annotations

import argparse
import re
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
DEFAULT_NEWS = ROOT / "tests" / "data" / "stance_news"
DEFAULT_SEMANTIC = ROOT / "benchmarks" / "annotations" / "conll_dev_semantic.csv"
NEWS_DEV = ("insulin_price_cap_vote", "halvorsen_takeover_bid", "night_bakery_feature", "four_day_week_column", "vaccine_text_reminders")
NEWS_HELD_OUT = ("cold_storage_arson_trial", "bus_depot_rezoning", "prison_chess_coach", "video_referee_column")
SEMANTIC_TYPES = {"epistemic", "doxastic", "investigation", "conditional"}
PARTS = ("conll", "semantic", "attribution", "spans", "invariant")

# Baselines, written here and never in the package. The reporting-verb baseline marks every match
# of 28 common reporting verbs (and "according to") as an attribution, as a new user's regular
# expression would; the keyword baseline calls a sentence uncertain when it holds one of these
# common uncertainty words.
REPORTING_VERBS = re.compile(
    r"\b(?:said|says|say|told|tells|added|stated|noted|reported|announced|explained|claimed|argued|warned|insisted|"
    r"confirmed|denied|asked|wrote|believes|thinks|suggested|found|showed|estimated|concluded|acknowledged|admitted|"
    r"according to)\b", re.I)
UNCERTAINTY_WORDS = re.compile(
    r"\b(?:may|might|could|possibly|probably|perhaps|maybe|likely|unlikely|possible|if|unless|whether|believes?|believed|"
    r"suggests?|suggested|appears?|seems?|unclear|uncertain|suspects?|suspected|expects?|expected|allegedly|reportedly|would)\b",
    re.I)


def _prf(pred: list[bool], gold: list[bool]) -> dict[str, float]:
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(p == g for p, g in zip(pred, gold)) / len(gold) if gold else 0.0
    return {"n": len(gold), "positive": sum(gold), "accuracy": accuracy, "precision": precision, "recall": recall, "f1": f1}


def _line(name: str, s: dict[str, float]) -> str:
    return (f"{name:<44} {s['n']:>5} {s['positive']:>5} {s['accuracy']:>6.3f} {s['precision']:>6.3f} "
            f"{s['recall']:>6.3f} {s['f1']:>6.3f}")


HEADER = f"{'':<58} {'n':>5} {'pos':>5} {'acc':>6} {'P':>6} {'R':>6} {'F1':>6}"


# --------------------------------------------------------------------------- sentence uncertainty


def conll_scores(path: Path, *, convention: str = "conll") -> dict[str, float]:
    """Accuracy and uncertain-class P/R/F1; each CSV row is one Document (doc_id = row number)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    docs = [Document(doc_id=str(i), text=text) for i, text in enumerate(frame["text"])]
    table = sentence_uncertainty(docs, detector=get_detector("stance", convention=convention))
    predicted = table.groupby("doc_id")["uncertain"].any()
    pred = [bool(predicted.get(str(i), False)) for i in range(len(frame))]
    return _prf(pred, [label == "uncertain" for label in frame["label"]])


def semantic_wikipedia(conll: Path, gold_csv: Path) -> dict[str, dict[str, float]]:
    """The semantic convention and the keyword baseline on the re-annotated dev sentences."""
    dev = pd.read_csv(conll / "dev.csv", dtype=str, keep_default_na=False)
    sample = pd.read_csv(gold_csv)
    docs = [Document(str(row), dev["text"][row]) for row in sample["row"]]
    gold = [bool(u) for u in sample["uncertain"]]
    out = {}
    for convention in ("semantic", "conll"):
        table = sentence_uncertainty(docs, detector=get_detector("stance", convention=convention))
        predicted = table.groupby("doc_id")["uncertain"].any()
        out[f"detector, {convention} convention"] = _prf([bool(predicted[str(r)]) for r in sample["row"]], gold)
    out["keyword baseline"] = _prf([bool(UNCERTAINTY_WORDS.search(dev["text"][r])) for r in sample["row"]], gold)
    return out


def news_sentence_gold(doc: Document, gold: pd.DataFrame) -> set[int]:
    """Sentences of ``doc`` whose gold holds a semantic-uncertainty hedge (any voice)."""
    rows = gold[(gold["doc_id"] == doc.doc_id) & (gold["label"] == "hedge")]
    return {doc.segments.sentence_index(int(r.start)) for r in rows.itertuples() if dict(r.extras).get("type") in SEMANTIC_TYPES}


def semantic_news(folder: Path, doc_ids: tuple[str, ...]) -> dict[str, dict[str, float]]:
    corpus = [d for d in load_corpus(folder) if d.doc_id in doc_ids]
    gold = read_findings(folder / "stance.gold.jsonl")
    truth, keywords = [], []
    for doc in corpus:
        uncertain = news_sentence_gold(doc, gold)
        for index, (start, end) in enumerate(doc.segments.sentences):
            truth.append(index in uncertain)
            keywords.append(bool(UNCERTAINTY_WORDS.search(doc.text[start:end])))
    out = {}
    for convention in ("semantic", "conll"):
        table = sentence_uncertainty(corpus, detector=get_detector("stance", convention=convention))
        out[f"detector, {convention} convention"] = _prf([bool(u) for u in table["uncertain"]], truth)
    out["keyword baseline"] = _prf(keywords, truth)
    return out


# --------------------------------------------------------------------------- spans and attribution


def _gold(path: Path, doc_ids: tuple[str, ...] | None = None) -> pd.DataFrame:
    gold = read_findings(path)
    gold = gold[gold["layer"] == "stance"]
    return gold[gold["doc_id"].isin(doc_ids)] if doc_ids is not None else gold


def _findings(docs: list[Document]) -> pd.DataFrame:
    detector = get_detector("stance")
    return findings_frame([f for doc in docs for f in detector.detect(doc)])


def baseline_findings(docs: list[Document]) -> pd.DataFrame:
    """The reporting-verb regular expression as attribution findings (the verb's span)."""
    rows = [{"doc_id": d.doc_id, "detector": "baseline", "layer": "stance", "label": "attribution", "start": m.start(),
             "end": m.end(), "text": m.group(0), "sentence": d.segments.sentence_index(m.start()),
             "cue": m.group(0).lower(), "explanation": "reporting-verb regular expression"}
            for d in docs for m in REPORTING_VERBS.finditer(d.text)]
    return findings_frame(rows) if rows else findings_frame([])


def span_scores(corpus_dir: Path, gold_path: Path, *, doc_ids: tuple[str, ...] | None = None,
                author_only: bool = False) -> dict[str, pd.DataFrame]:
    """Stance-layer scores on a folder of .txt files against a gold JSONL (overlap and exact).

    ``author_only`` keeps the author's voice on both sides: findings without ``voice == "quoted"``,
    gold rows that are attributions or have ``voice == "author"`` (stance_news marks the voice).
    """
    corpus = load_corpus(corpus_dir)
    docs = [d for d in corpus if doc_ids is None or d.doc_id in doc_ids]
    findings = _findings(docs)
    gold = _gold(gold_path, doc_ids)
    if author_only:
        findings = findings[[dict(e).get("voice") != "quoted" for e in findings["extras"]]]
        # a gold file without voice (stance_blind: its annotators marked the author's cues only) is kept whole
        if any(dict(e).get("voice") for e in gold["extras"]):
            gold = gold[[label == "attribution" or dict(e).get("voice") == "author" for label, e in zip(gold["label"], gold["extras"])]]
    return {mode: evaluate(findings, gold, match=mode, corpus=corpus, layers=["stance"]) for mode in ("overlap", "exact")}


def attribution_scores(corpus_dir: Path, gold_path: Path, *, doc_ids: tuple[str, ...] | None = None) -> dict[str, pd.Series]:
    corpus = load_corpus(corpus_dir)
    docs = [d for d in corpus if doc_ids is None or d.doc_id in doc_ids]
    gold = _gold(gold_path, doc_ids)
    gold = gold[gold["label"] == "attribution"]
    out = {}
    for name, findings in (("detector", _findings(docs)), ("reporting-verb regex", baseline_findings(docs))):
        findings = findings[findings["label"] == "attribution"]
        table = evaluate(findings, gold, match="overlap", corpus=corpus, layers=["stance"])
        out[name] = table[(table["layer"] == "stance") & (table["label"] == "attribution")].iloc[0]
    return out


def _print_spans(title: str, scores: dict[str, pd.DataFrame]) -> None:
    columns = ["label", "support", "predicted", "tp", "fp", "fn", "precision", "recall", "f1"]
    for mode, table in scores.items():
        rows = table[table["layer"] == "stance"][columns]
        print(f"\n{title} — stance layer, {mode} match")
        print(rows.round(3).to_string(index=False))


# --------------------------------------------------------------------------- the invariant


def invariant_violations(folders: list[Path]) -> dict[str, int]:
    """Per convention: sentences whose ``uncertain`` label disagrees with holding a hedge finding."""
    out = {}
    for convention in ("conll", "semantic"):
        detector = get_detector("stance", convention=convention)
        bad = total = 0
        for folder in folders:
            corpus = load_corpus(folder)
            findings = findings_frame([f for doc in corpus for f in detector.detect(doc)])
            hedged = {(d, int(s)) for d, s, label in zip(findings["doc_id"], findings["sentence"], findings["label"]) if label == "hedge"}
            table = sentence_uncertainty(corpus.documents, detector=detector)
            for d, s, u in zip(table["doc_id"], table["sentence"], table["uncertain"]):
                total += 1
                bad += bool(u) != ((d, int(s)) in hedged)
        out[convention] = (bad, total)
    return out


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated parts to run: {', '.join(PARTS)}")
    parser.add_argument("--held-out", action="store_true", help="also score the held-out half of stance_news")
    parser.add_argument("--conll", type=Path, default=DEFAULT_CONLL, help="folder with dev.csv and test.csv")
    parser.add_argument("--semantic-gold", type=Path, default=DEFAULT_SEMANTIC, help="semantic re-annotation of CoNLL dev rows")
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="seed folder (.txt + .gold.jsonl)")
    parser.add_argument("--own", type=Path, default=DEFAULT_OWN, help="own texts (.txt + stance.gold.jsonl)")
    parser.add_argument("--blind", type=Path, default=DEFAULT_BLIND, help="texts by annotators who had not seen the detector")
    parser.add_argument("--news", type=Path, default=DEFAULT_NEWS, help="blind news texts with voice and source types")
    parser.add_argument("--texts-only", action="store_true", help="skip the CoNLL-2010 parts (conll, semantic on Wikipedia)")
    args = parser.parse_args(argv)
    parts = {p.strip() for p in args.parts.split(",") if p.strip()}
    unknown = parts - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    halves = [("dev half", NEWS_DEV)] + ([("held-out half", NEWS_HELD_OUT)] if args.held_out else [])
    if "conll" in parts and not args.texts_only:
        _print_conll(args.conll)
    if "semantic" in parts:
        print("\nSemantic uncertainty, sentence level (uncertain = positive class)")
        print(HEADER)
        if not args.texts_only and (args.conll / "dev.csv").exists() and args.semantic_gold.exists():
            for name, s in semantic_wikipedia(args.conll, args.semantic_gold).items():
                print(_line(f"Wikipedia (CoNLL dev, 500): {name}", s))
        for half, ids in halves:
            for name, s in semantic_news(args.news, ids).items():
                print(_line(f"news {half}: {name}", s))
    sets = [("seed", args.seeds, next(iter(sorted(args.seeds.glob("*.gold.jsonl"))), None), None),
            ("own texts", args.own, args.own / "stance.gold.jsonl", None),
            ("blind texts", args.blind, args.blind / "stance.gold.jsonl", None)]
    sets += [(f"stance_news {half}", args.news, args.news / "stance.gold.jsonl", ids) for half, ids in halves]
    if "attribution" in parts:
        print("\nAttribution, overlap match")
        print(f"{'':<28} {'system':<22} {'support':>7} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
        for title, folder, gold, ids in sets:
            if gold is None or not gold.exists():
                continue
            for name, row in attribution_scores(folder, gold, doc_ids=ids).items():
                print(f"{title:<28} {name:<22} {int(row['support']):>7} {int(row['predicted']):>5} "
                      f"{row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f}")
    if "spans" in parts:
        for title, folder, gold, ids in sets:
            if gold is None or not gold.exists():
                continue
            _print_spans(f"{title} (all voices)" if ids else title, span_scores(folder, gold, doc_ids=ids))
            if ids:
                _print_spans(f"{title} (author's voice only)", span_scores(folder, gold, doc_ids=ids, author_only=True))
        _print_spans("blind texts (author's voice only: their annotators did not mark quoted cues)",
                     span_scores(args.blind, args.blind / "stance.gold.jsonl", author_only=True))
    if "invariant" in parts:
        folders = sorted(p for p in (ROOT / "tests" / "data").iterdir() if p.is_dir() and any(p.glob("*.txt"))) + [args.seeds]
        print("\nInvariant: sentences whose label disagrees with their hedges (tests/data/* and the seed)")
        for convention, (bad, total) in invariant_violations(folders).items():
            print(f"  {convention:<9} {bad} of {total} sentences")


def _print_conll(folder: Path) -> None:
    print("CoNLL-2010 Wikipedia sample, default (conll) convention, sentence uncertainty (uncertain = positive class)")
    print(HEADER)
    for split in ("test", "dev"):
        path = folder / f"{split}.csv"
        if not path.exists():
            print(f"{split:<6} missing: {path}")
            continue
        note = " (lexicon built on it; nothing fitted decides)" if split == "dev" else ""
        print(_line(f"{split}{note}", conll_scores(path)))


if __name__ == "__main__":
    main()
