"""Loaded language measured on real and news-like text: BABE (development half) and tests/data/loaded_news.

Two data sets, scored apart:

* **loaded_news** (``tests/data/loaded_news/``, 8 texts annotated blind): span overlap P/R/F1
  against ``loaded.gold.jsonl`` for all voices and for the author's voice, recall per gold
  ``type``, and biased-sentence P/R/F1 against ``sentences.gold.jsonl`` (a sentence is
  predicted biased when it holds a finding in the author's voice). The texts are split into a
  development half and a held-out half (``DEV_DOCS`` / ``HELD_OUT_DOCS``).
* **BABE** (``../shared/benchmarks/babe/dev.csv``, AGPL-3.0: read here, never copied into the
  package): one document per sentence, 5 folds grouped by article (the ``group`` column), each
  fold scored on its own and averaged, beside the baseline the issue quotes (the words the
  training folds mark biased at least twice).

BABE word-level matching. BABE lists each sentence's biased words without offsets, so a word is
compared as a lower-cased word form within its sentence (word types, not tokens):

* a gold word is **found** when it occurs, case-insensitively and as a whole word, inside a
  finding's span (recall = found gold words / gold words; gold words that do not occur in their
  sentence at all stay in the denominator);
* a finding's **words** are counted for precision in two readings, both printed:
  ``cue words`` — the words of its cue as found in the text (``extras.cue_text``: the loaded word
  or phrase that fired, e.g. *shameless* in "shameless chef"), the reading closest to BABE's
  "biased words"; ``span words`` — every content word of its span (function words of
  ``workbench/data/stopwords_en.txt`` left out), so a span such as "criminal decision" counts
  "decision" as a false word when only "criminal" is gold. Precision = predicted words that are gold
  words of the sentence / predicted words.

The baseline predicts every word form of the sentence that is on its list: the content words
(function words left out) that the four training folds mark biased at least twice; a sentence is
biased when it holds one. The detector predicts a sentence biased when it holds a finding in the
author's voice (``extras.voice``); the any-voice reading is printed beside it. BABE labels whole
sentences, quotations included, so the any-voice row is the fairer comparison for BABE, while the
author-voice row is the project's definition (and that of loaded_news). Nothing is fitted on BABE:
the folds are reported so that the baseline, which is learned, is measured the same way.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/accuracy_loaded.py [--babe PATH] [--folds 5] [--held-out]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Iterable

import pandas as pd

from workbench.evaluate import matched_spans

ROOT = Path(__file__).resolve().parents[1]
BABE = ROOT.parent / "shared" / "benchmarks" / "babe" / "dev.csv"
LOADED_NEWS = ROOT / "tests" / "data" / "loaded_news"
DEV_DOCS = ("wire_dock_strike", "column_left_inheritance_levy", "tabloid_chef_reviews", "protest_dravna_march")
HELD_OUT_DOCS = ("wire_measles_outbreak", "column_right_city_crime", "press_release_ostvala_frontier", "sports_column_rovers")
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


def _prf(tp: float, predicted: float, support: float) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / support if support else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _row(name: str, tp: float, predicted: float, support: float, **extra) -> dict:
    p, r, f = _prf(tp, predicted, support)
    return {"data": name, "support": int(support), "predicted": int(predicted), "P": round(p, 3), "R": round(r, 3), "F1": round(f, 3), **extra}


def _voice(extras) -> str:
    return str(extras.get("voice", "author")) if isinstance(extras, dict) else "author"


# ---------------------------------------------------------------- loaded_news


def loaded_news_rows(findings: pd.DataFrame, docs: Iterable[str], name: str, *, folder: Path = LOADED_NEWS, per_type: bool = True) -> list[dict]:
    """Span overlap (all voices, author voice), recall per type and biased-sentence scores on ``docs``."""
    docs = list(docs)
    gold = pd.read_json(folder / "loaded.gold.jsonl", lines=True)
    gold = gold[gold["doc_id"].isin(docs)]
    sentences = pd.read_json(folder / "sentences.gold.jsonl", lines=True)
    sentences = sentences[sentences["doc_id"].isin(docs)]
    found = findings[(findings["layer"] == "loaded") & findings["doc_id"].isin(docs)] if len(findings) else findings
    voices = [_voice(e) for e in found["extras"]] if len(found) else []
    found = found.assign(voice=voices) if len(found) else found.assign(voice=[])
    rows = []
    for label, g, f in (
        ("all voices", gold, found),
        ("author voice", gold[gold["voice"] == "author"], found[found["voice"] == "author"]),
    ):
        tp = sum(
            matched_spans(list(zip(g.loc[g["doc_id"] == d, "start"], g.loc[g["doc_id"] == d, "end"])), list(zip(f.loc[f["doc_id"] == d, "start"], f.loc[f["doc_id"] == d, "end"])))
            for d in docs
        )
        rows.append(_row(f"{name} spans, {label}", tp, len(f), len(g)))
    if per_type:
        for kind, g in sorted(gold.groupby("type"), key=lambda kv: kv[0]):
            hit = 0
            for d in docs:
                spans = list(zip(found.loc[found["doc_id"] == d, "start"], found.loc[found["doc_id"] == d, "end"]))
                hit += sum(any(s < e2 and s2 < e for s2, e2 in spans) for s, e in zip(g.loc[g["doc_id"] == d, "start"], g.loc[g["doc_id"] == d, "end"]))
            rows.append({"data": f"{name} recall of type {kind}", "support": len(g), "R": round(hit / len(g), 3)})
    author = found[found["voice"] == "author"]
    predicted = []
    for row in sentences.itertuples(index=False):
        f = author[author["doc_id"] == row.doc_id]
        predicted.append(bool(((f["start"] < row.end) & (f["end"] > row.start)).any()))
    truth = sentences["biased"].astype(bool).tolist()
    tp = sum(p and t for p, t in zip(predicted, truth))
    rows.append(_row(f"{name} biased sentences", tp, sum(predicted), sum(truth)))
    return rows


def loaded_news_baselines(test_docs: Iterable[str], name: str, *, train_docs: Iterable[str] | None = None, folder: Path = LOADED_NEWS) -> list[dict]:
    """Baselines on ``test_docs``: every sentence biased (all-present), and, with ``train_docs``,
    a word list learned from their gold spans (content words) applied to the test texts: each
    occurrence is a predicted span, and a sentence holding one is biased."""
    test_docs = list(test_docs)
    sentences = pd.read_json(folder / "sentences.gold.jsonl", lines=True)
    sentences = sentences[sentences["doc_id"].isin(test_docs)]
    truth = sentences["biased"].astype(bool).tolist()
    rows = [_row(f"{name} biased sentences, baseline all-present", sum(truth), len(truth), sum(truth))]
    if train_docs is None:
        return rows
    gold = pd.read_json(folder / "loaded.gold.jsonl", lines=True)
    stop = _stopwords()
    listed = {w for t in gold.loc[gold["doc_id"].isin(list(train_docs)), "text"] for w in _forms(t) if w not in stop}
    test_gold = gold[gold["doc_id"].isin(test_docs)]
    tp = predicted = 0
    hits: dict[str, list[tuple[int, int]]] = {}
    for doc_id in test_docs:
        text = (folder / f"{doc_id}.txt").read_text(encoding="utf-8")
        spans = [(m.start(), m.end()) for m in _WORD.finditer(text) if m.group().lower().replace("\u2019", "'") in listed]
        hits[doc_id] = spans
        g = test_gold[test_gold["doc_id"] == doc_id]
        tp += matched_spans(list(zip(g["start"], g["end"])), spans)
        predicted += len(spans)
    rows.append(_row(f"{name} spans, all voices, baseline word list from dev gold ({len(listed)} words)", tp, predicted, len(test_gold)))
    flagged = [any(row.start < e and s < row.end for s, e in hits[row.doc_id]) for row in sentences.itertuples(index=False)]
    tp = sum(p and t for p, t in zip(flagged, truth))
    rows.append(_row(f"{name} biased sentences, baseline word list from dev gold", tp, sum(flagged), sum(truth)))
    return rows


def run_loaded_news(docs: Iterable[str], name: str, *, folder: Path = LOADED_NEWS) -> list[dict]:
    from workbench.corpus import load_corpus
    from workbench.pipeline import analyze

    docs = list(docs)
    corpus = load_corpus(folder)
    chosen = [d for d in corpus if d.doc_id in docs]
    findings = analyze(chosen, detectors=["loaded"], progress=False)
    return loaded_news_rows(findings, docs, name, folder=folder)


# ---------------------------------------------------------------- BABE


def read_babe(path: Path = BABE) -> pd.DataFrame:
    """The BABE development half: text, biased (bool; the one 'No agreement' row dropped), gold word set, group."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        if row["label"] not in ("Biased", "Non-biased"):
            continue
        words = {w.lower() for w in json.loads(row["biased_words"] or "[]")}
        out.append({"id": row["id"], "text": row["text"], "biased": row["label"] == "Biased", "words": words, "group": row["group"]})
    return pd.DataFrame(out)


def babe_folds(frame: pd.DataFrame, k: int = 5, seed: int = 20261204) -> list[int]:
    """Fold of each row: articles (``group``) shuffled with a fixed seed and dealt to the smallest fold."""
    groups = sorted(set(frame["group"]))
    random.Random(seed).shuffle(groups)
    sizes = frame.groupby("group").size()
    load = [0] * k
    fold_of: dict[str, int] = {}
    for g in groups:
        i = min(range(k), key=lambda j: (load[j], j))
        fold_of[g] = i
        load[i] += int(sizes[g])
    return [fold_of[g] for g in frame["group"]]


def _stopwords() -> frozenset[str]:
    from importlib import resources

    text = resources.files("workbench").joinpath("data/stopwords_en.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _forms(text: str) -> list[str]:
    return [m.group().lower().replace("\u2019", "'") for m in _WORD.finditer(text)]


def babe_predictions(frame: pd.DataFrame) -> pd.DataFrame:
    """Run the loaded detector on each sentence: its predicted words (``span``: the content words
    of the findings' spans; ``cue``: the words of their cues, ``extras.cue_text``), the gold words
    it found, and whether the sentence holds a finding in the author's voice / in any voice."""
    from workbench.corpus import Document
    from workbench.detectors import get_detector

    detector = get_detector("loaded")
    stop = _stopwords()
    out = []
    for row in frame.itertuples(index=False):
        doc = Document(row.id, row.text, {})
        found = list(detector.detect(doc))
        span_words: set[str] = set()
        cue_words: set[str] = set()
        covered: set[str] = set()
        for f in found:
            covered |= set(_forms(f.text))
            span_words |= {w for w in _forms(f.text) if w not in stop}
            cue_words |= {w for w in _forms(f.extras.get("cue_text") or f.cue) if w not in stop}
        gold = {w.replace("\u2019", "'") for w in row.words}
        out.append(
            {
                "span": span_words,
                "cue": cue_words,
                "found": gold & covered,
                "author": any(_voice(f.extras) == "author" for f in found),
                "any": bool(found),
            }
        )
    return pd.DataFrame(out, index=frame.index)


def _word_counts(frame: pd.DataFrame, predicted: list[set[str]], found: list[set[str]]) -> tuple[int, int, int, int]:
    """(correct predicted words, predicted words, found gold words, gold words)."""
    correct = sum(len(p & {w.replace("\u2019", "'") for w in g}) for p, g in zip(predicted, frame["words"]))
    return correct, sum(len(p) for p in predicted), sum(len(f) for f in found), sum(len(g) for g in frame["words"])


def babe_rows(frame: pd.DataFrame, *, k: int = 5) -> list[dict]:
    """Per-fold and mean word and sentence P/R/F1 of the detector and of the learned-list baseline."""
    folds = babe_folds(frame, k)
    frame = frame.assign(fold=folds)
    pred = babe_predictions(frame)
    stop = _stopwords()
    rows = []
    means: dict[str, list[dict]] = {}
    for i in range(k):
        test = frame[frame["fold"] == i]
        train = frame[frame["fold"] != i]
        counts = Counter(w for ws in train["words"] for w in ws)
        # Function words (the, of, their ...) are listed too often to be evidence: the baseline leaves them out.
        listed = {w for w, n in counts.items() if n >= 2 and w not in stop}
        base_pred = [set(_forms(t)) & listed for t in test["text"]]
        base_found = [b & g for b, g in zip(base_pred, test["words"])]
        c, p, fnd, g = _word_counts(test, base_pred, base_found)
        wp, _, _ = _prf(c, p, 1)
        _, wr, _ = _prf(fnd, 1, g)
        entries = {
            "baseline word": (wp, wr),
            "baseline sentence": _sentence_pr([bool(b) for b in base_pred], test["biased"].tolist()),
        }
        part = pred.loc[test.index]
        for mode in ("cue", "span"):
            c, p, fnd, g = _word_counts(test, part[mode].tolist(), part["found"].tolist())
            entries[f"loaded word ({mode} words)"] = (c / p if p else 0.0, fnd / g if g else 0.0)
        entries["loaded sentence (author voice)"] = _sentence_pr(part["author"].tolist(), test["biased"].tolist())
        entries["loaded sentence (any voice)"] = _sentence_pr(part["any"].tolist(), test["biased"].tolist())
        for name, (pp, rr) in entries.items():
            f1 = 2 * pp * rr / (pp + rr) if pp + rr else 0.0
            row = {"data": f"babe fold {i + 1}", "system": name, "P": round(pp, 3), "R": round(rr, 3), "F1": round(f1, 3), "sentences": len(test)}
            rows.append(row)
            means.setdefault(name, []).append({"P": pp, "R": rr, "F1": f1})
    for name, values in means.items():
        rows.append({"data": f"babe mean of {k} folds", "system": name, **{m: round(sum(v[m] for v in values) / len(values), 3) for m in ("P", "R", "F1")}, "sentences": len(frame)})
    return rows


def _sentence_pr(predicted: list[bool], truth: list[bool]) -> tuple[float, float]:
    tp = sum(p and t for p, t in zip(predicted, truth))
    p, r, _ = _prf(tp, sum(predicted), sum(truth))
    return p, r


# ---------------------------------------------------------------- command line


def loaded_rows(*, babe: Path | None = BABE, folds: int = 5, held_out: bool = False) -> tuple[list[dict], list[dict]]:
    """(loaded_news rows, BABE rows) as printed by this script and by ``accuracy_framing.py --loaded``."""
    news = run_loaded_news(DEV_DOCS, "loaded_news dev") + loaded_news_baselines(DEV_DOCS, "loaded_news dev")
    if held_out:
        news += run_loaded_news(HELD_OUT_DOCS, "loaded_news held-out")
        news += loaded_news_baselines(HELD_OUT_DOCS, "loaded_news held-out", train_docs=DEV_DOCS)
        news += run_loaded_news(DEV_DOCS + HELD_OUT_DOCS, "loaded_news all 8")
        news += loaded_news_baselines(DEV_DOCS + HELD_OUT_DOCS, "loaded_news all 8")
    babe_table = babe_rows(read_babe(babe), k=folds) if babe is not None and babe.exists() else []
    return news, babe_table


def print_tables(news: list[dict], babe_table: list[dict]) -> None:
    with pd.option_context("display.width", 200, "display.max_rows", 500):
        table = pd.DataFrame(news)
        print(table.astype(object).where(table.notna(), "").to_string(index=False))
        if babe_table:
            print()
            table = pd.DataFrame(babe_table)
            print(table.to_string(index=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--babe", type=Path, default=BABE, help="BABE development CSV (skipped when missing)")
    parser.add_argument("--no-babe", action="store_true", help="score loaded_news only")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--held-out", action="store_true", help="also score the held-out half of loaded_news (only at the start and the end)")
    args = parser.parse_args()
    news, babe_table = loaded_rows(babe=None if args.no_babe else args.babe, folds=args.folds, held_out=args.held_out)
    print_tables(news, babe_table)


if __name__ == "__main__":
    main()
