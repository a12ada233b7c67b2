"""Accuracy of the framing-family detectors: per-layer overlap P/R/F1 (and doc_frame top-1).

Runs every detector behind the ``framing`` alias (frames, loaded, and distancing/actors when
they are registered) on the seed and on the framing test texts, and scores each gold file
separately, so that a gold file covering some layers does not count other layers as errors.
Texts named ``*_dev`` were used to choose cues and weights; ``*_test`` texts were not. The
distancing/actors texts (``dist_*``) have one held-out text (``--held-out``, default
``dist_zoo_elephants``); the others were used to develop those rules, so a gold file holding it
is also scored as ``:dev`` (the others) and ``:held-out``.

The detectors run with their registered defaults, so ``nomination`` leaves out bare surnames
repeated after an actor was introduced (``ActorsDetector(bare_names=False)``, the convention of
the seed gold and of the own-text gold; see docs/framing.md).

    .venv/bin/python benchmarks/accuracy_framing.py [--seeds DIR] [--framing DIR] [--held-out DOC_ID ...] [--loaded [--loaded-held-out]]

Distancing on the real-news-like texts of ``tests/data/questions_news`` (development half; the
held-out half only with ``--held-out-news``), per label and as spans, beside a baseline that calls
every short quotation a scare quote::

    .venv/bin/python benchmarks/accuracy_framing.py --distancing-news [--held-out-news]

With ``--frames-instrument`` it prints instead the figures of the frame items (issue 16; see
``frames_instrument_figures``): 5-fold cross-validation on the Narrative Frames development half
beside its baselines, item agreement there, and items and frames on the blind
``tests/data/frames_news`` set (development half by default; ``--frames-news-split held-out`` or
``all`` scores the held-out half, which is meant to be scored rarely).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from workbench.corpus import load_corpus
from workbench.detectors import aliases
from workbench.evaluate import evaluate
from workbench.findings import read_findings
from workbench.pipeline import analyze

ROOT = Path(__file__).resolve().parents[1]
FRAMING_LAYERS = ("frame", "doc_frame", "loaded", "distancing", "nomination", "predication")


def _split(doc_id: str, _held_out: frozenset[str] = frozenset()) -> str:
    """dev/test from the file name suffix (same signature as `_held_out_split`)."""
    for name in ("dev", "test"):
        if doc_id.endswith("_" + name):
            return name
    return "other"


def _held_out_split(doc_id: str, held_out: frozenset[str]) -> str:
    """held-out for the listed texts, dev for the others (the dist_* texts have no suffix)."""
    return "held-out" if doc_id in held_out else "dev"


def _rows(findings: pd.DataFrame, gold: pd.DataFrame, corpus, name: str) -> list[dict]:
    rows = []
    layers = [layer for layer in FRAMING_LAYERS if layer in set(gold["layer"])]
    if not layers:
        return rows
    scores = {mode: evaluate(findings, gold, match=mode, corpus=corpus, layers=layers) for mode in ("overlap", "exact")}
    for layer in layers:
        over = scores["overlap"][scores["overlap"]["layer"] == layer].set_index("label")
        if layer == "doc_frame":
            top = over.loc["top1"]
            rows.append({"data": name, "layer": layer, "support": int(top["support"]), "top1_accuracy": round(float(top["accuracy"]), 3)})
            continue
        exact = scores["exact"][scores["exact"]["layer"] == layer].set_index("label")
        micro, macro = over.loc["micro"], over.loc["macro"]
        rows.append(
            {
                "data": name,
                "layer": layer,
                "support": int(micro["support"]),
                "predicted": int(micro["predicted"]),
                "P": round(float(micro["precision"]), 3),
                "R": round(float(micro["recall"]), 3),
                "F1": round(float(micro["f1"]), 3),
                "macro_F1": round(float(macro["f1"]), 3),
                "exact_F1": round(float(exact.loc["micro", "f1"]), 3),
            }
        )
    return rows


def score_folder(corpus_path: Path, gold_paths: list[Path], label: str, *, split: bool, held_out: frozenset[str] = frozenset()) -> list[dict]:
    """Analyse one corpus with the framing detectors and score it against each gold file."""
    corpus = load_corpus(corpus_path)
    findings = analyze(corpus, detectors="framing", progress=False)
    rows: list[dict] = []
    for gold_path in gold_paths:
        gold = read_findings(gold_path)
        splitter = _split
        if split and held_out & set(gold["doc_id"]):
            splitter = _held_out_split
        parts = sorted(set(gold["doc_id"].map(lambda d: splitter(d, held_out)))) if split else []
        if len(parts) > 1:
            for part in parts:
                chosen = gold[gold["doc_id"].map(lambda d: splitter(d, held_out)) == part]
                rows.extend(_rows(findings, chosen, corpus, f"{label}:{gold_path.stem}:{part}"))
        rows.extend(_rows(findings, gold, corpus, f"{label}:{gold_path.stem}" + (":all" if len(parts) > 1 else "")))
    return rows


def loaded_benchmarks(*, held_out: bool = False) -> None:
    """Loaded language on real and news-like text (issue 14): BABE development half, 5 folds by
    article beside the learned-list baseline, and tests/data/loaded_news (dev half; with
    ``held_out`` the held-out half and all 8 texts too). The scoring lives in
    ``benchmarks/accuracy_loaded.py``; see its docstring for the matching procedure."""
    import accuracy_loaded

    news, babe = accuracy_loaded.loaded_rows(held_out=held_out)
    print()
    print("loaded language: loaded_news and BABE dev (benchmarks/accuracy_loaded.py)")
    accuracy_loaded.print_tables(news, babe)


# --- distancing on the real-news-like questions_news texts (issue 18) -------------------------
NEWS_DISTANCING = ROOT / "tests" / "data" / "questions_news"
# The halves of questions_news (its README); the held-out half is scored only with --held-out-news.
NEWS_DISTANCING_DEV = ("podcast_river_swimming", "explainer_renters_act", "column_cashless_parking", "poll_school_phones", "pressconf_stadium_loan", "advice_consumer_column")
NEWS_DISTANCING_HELD_OUT = ("interview_rooftop_bees", "council_ferry_minutes", "feature_night_buses", "column_wellbeing_week", "report_flood_barrier_audit", "satire_heritage_potholes")


def score_distancing_news(folder: Path, doc_ids: tuple[str, ...], name: str) -> pd.DataFrame:
    """Distancing on some questions_news texts: overlap P/R/F1 per label, micro, and as spans (labels
    ignored), beside the baseline that flags every quotation pair of up to four words as scare quotes
    and every lexicon cue (so-called, the verbs) as the detector finds them."""
    corpus = load_corpus(folder)
    corpus.documents = [doc for doc in corpus.documents if doc.doc_id in set(doc_ids)]
    findings = analyze(corpus, detectors=["distancing"], progress=False)
    gold = read_findings(folder / "distancing.gold.jsonl")
    gold = gold[gold["doc_id"].isin(doc_ids)]
    baseline = _all_quotes_baseline(corpus, findings)
    rows = []
    for who, frame in (("detector", findings), ("baseline: every short quote is a scare quote", baseline)):
        table = evaluate(frame, gold, match="overlap", corpus=corpus, layers=["distancing"]).set_index("label")
        spans = evaluate(frame.assign(label="span"), gold.assign(label="span"), match="overlap", corpus=corpus, layers=["distancing"]).set_index("label")
        for label in (*sorted(set(gold["label"])), "micro"):
            row = table.loc[label]
            rows.append({"data": name, "who": who, "label": label, "support": int(row["support"]), "predicted": int(row["predicted"]),
                         "P": round(float(row["precision"]), 3), "R": round(float(row["recall"]), 3), "F1": round(float(row["f1"]), 3)})
        span = spans.loc["span"]
        rows.append({"data": name, "who": who, "label": "spans (labels ignored)", "support": int(span["support"]), "predicted": int(span["predicted"]),
                     "P": round(float(span["precision"]), 3), "R": round(float(span["recall"]), 3), "F1": round(float(span["f1"]), 3)})
    return pd.DataFrame(rows)


def _all_quotes_baseline(corpus, findings: pd.DataFrame) -> pd.DataFrame:
    """The detector's cue findings, with its scare quotes replaced by every pair of up to four words."""
    from workbench.segment import quote_layers

    keep = findings[findings["label"] != "scare_quotes"]
    rows = []
    for doc in corpus:
        top, nested = quote_layers(doc.text)
        for quote in (*top, *nested):
            if 0 < len(quote.inner(doc.text).split()) <= 4:
                rows.append({"doc_id": doc.doc_id, "detector": "baseline", "layer": "distancing", "label": "scare_quotes", "start": quote.start, "end": quote.end,
                             "text": doc.text[quote.start : quote.end], "sentence": doc.segments.sentence_index(quote.start), "cue": "quotation marks",
                             "explanation": "baseline", "score": 1.0, "extras": {}})
    return pd.concat([keep, pd.DataFrame(rows)], ignore_index=True)


# ----------------------------------------------------------------------------------------------
# Frame items (Semetko & Valkenburg's questions) and the document frames they make.

NARRATIVE_FRAMES = ROOT.parent / "shared" / "benchmarks" / "narrative-frames"
FRAMES_NEWS = ROOT / "tests" / "data" / "frames_news"
# The blind frames_news set is split: the development half may guide general rules, the
# held-out half is scored at the start and the end of a piece of work only.
FRAMES_NEWS_DEV = ("energy_tariffs", "football_club_debts", "ai_company_regulator", "farmers_protest_family", "refugee_family", "church_hall_column")
FRAMES_NEWS_HELD_OUT = ("housing_column", "hospital_waiting_lists", "school_polling_closures", "landlord_court_case", "tile_trade_dispute", "city_budget_column")


def _train_frames_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_frames", ROOT / "scripts" / "train_frames.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _prf_row(name: str, tp: int, fp: int, fn: int, **extra) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"label": name, "support": tp + fn, "predicted": tp + fp, "P": round(precision, 3), "R": round(recall, 3), "F1": round(f1, 3), **extra}


def narrative_frames_cv(dev: Path) -> tuple[pd.DataFrame, dict]:
    """5-fold CV of the document model on the development half, per frame beside the all-present baseline."""
    train = _train_frames_module()
    rows = train.read_dev(dev)
    ids, counts, labels = train.load(dev)
    l2 = float(train.L2_DEFAULT)
    cv = train.cross_validate(ids, counts, labels, l2=l2)
    base = train.baselines(labels)
    words = train.word_list_baseline(ids, [row["text"] for row in rows], labels)
    table = []
    for frame, got in cv["frames"].items():
        every = base["all_present"]["frames"][frame]
        table.append({"frame": frame, "support": got["support"], "predicted": got["predicted"], "P": got["precision"], "R": got["recall"], "F1": got["f1"],
                      "all_present_F1": every["f1"], "word_list_F1": words["frames"][frame]["f1"]})
    summary = {
        "macro_F1": cv["macro_f1"], "all_present_macro_F1": base["all_present"]["macro_f1"], "word_list_macro_F1": words["macro_f1"],
        "rank1_among_labelled": cv["rank1_among_labelled"], "always_conflict_rank1": base["always_conflict_rank1"],
        "word_list_rank1": words["rank1_among_labelled"], "labelled_documents": cv["labelled_documents"], "documents": len(ids),
    }
    return pd.DataFrame(table), summary


def _nf_answers(dev: Path) -> dict[str, dict[str, str]]:
    import json

    answers = {}
    with open(dev.parent / "dev_questions.jsonl", encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            answers[entry["ID"]] = entry["answers"]
    return answers


def _nf_found(dev: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Article ID -> the items some sentence of the article answers yes, and the items answered
    in a sentence that counts for the frame (``ItemHit.counts``: the item's voice)."""
    from workbench.corpus import Document
    from workbench.detectors.frames import item_hits

    train = _train_frames_module()
    answered, counted = {}, {}
    for row in train.read_dev(dev):
        hits = item_hits(Document(row["ID"], row["text"]))
        answered[row["ID"]] = {hit.item for hit in hits}
        counted[row["ID"]] = {hit.item for hit in hits if hit.counts}
    return answered, counted


def narrative_frames_items(dev: Path, found: tuple[dict[str, set[str]], dict[str, set[str]]] | None = None) -> pd.DataFrame:
    """Each item (an article answers it yes when one of its sentences does) against the corpus's
    aggregated answer, where the item is mapped to one (``nf_answer`` in models/frames.yaml).

    "NO AGREEMENT" is counted as not yes (P/R/F1 over all articles), because that is how the
    corpus's frame labels treat it (``NF_FRAME_RULES``); ``agreed_F1`` leaves those articles out.
    The item detectors fit nothing, so the pooled counts are those of the five fixed folds;
    ``fold_F1`` is the lowest and highest F1 of a single fold. ``counted_F1``, for items whose
    answers count for the frame only in some voice (``voice`` in models/frames.yaml), scores the
    answers that count.
    """
    from workbench.detectors.frames import items

    train = _train_frames_module()
    answers = _nf_answers(dev)
    found, counted = _nf_found(dev) if found is None else found
    assignment = train.folds(list(found))
    table = []
    for item in items():
        if not item.nf_answer:
            continue

        def counts(docs, yes=found):
            tp = sum(item.id in yes[d] and answers[d][item.nf_answer] == "yes" for d in docs)
            fp = sum(item.id in yes[d] and answers[d][item.nf_answer] != "yes" for d in docs)
            fn = sum(item.id not in yes[d] and answers[d][item.nf_answer] == "yes" for d in docs)
            return tp, fp, fn

        agreed = _prf_row("", *counts([d for d in found if answers[d][item.nf_answer] in ("yes", "no")]))
        per_fold = [_prf_row("", *counts([d for d in found if assignment[d] == k]))["F1"] for k in range(train.FOLDS)]
        row = _prf_row(f"{item.code} {item.id}", *counts(list(found)), answer=item.nf_answer)
        row.update(agreed_F1=agreed["F1"], fold_F1=f"{min(per_fold):.2f}-{max(per_fold):.2f}",
                   counted_F1=_prf_row("", *counts(list(found), counted))["F1"] if item.voice != "any" else "")
        table.append(row)
    return pd.DataFrame(table)


def narrative_frames_limits(dev: Path, found: tuple[dict[str, set[str]], dict[str, set[str]]] | None = None) -> pd.DataFrame:
    """Which items limit each frame: the corpus's rule for the frame (``NF_FRAME_RULES``) applied to
    the detectors' answers that count for the frame, and for each answer that defines the frame, in how many articles of a
    missed frame the item is not answered though the coders said yes (``misses``), and in how many
    articles of a wrongly found frame it is answered though the coders did not say yes (``over``)."""
    from workbench.detectors.frames import items

    train = _train_frames_module()
    answers = _nf_answers(dev)
    found = (_nf_found(dev) if found is None else found)[1]
    labels = {row["ID"]: train.gold_frames(row) for row in train.read_dev(dev)}
    by_answer = {item.nf_answer: item for item in items() if item.nf_answer}
    table = []
    for frame, (codes, needed) in train.NF_FRAME_RULES.items():
        mapped = [c for c in codes if c in by_answer]
        rule = {d: sum(by_answer[c].id in found[d] for c in mapped) >= needed for d in found}
        missed = [d for d in found if frame in labels[d] and not rule[d]]
        wrong = [d for d in found if frame not in labels[d] and rule[d]]
        tp = sum(frame in labels[d] and rule[d] for d in found)
        base = _prf_row(frame, tp, len(wrong), len(missed))
        for c in codes:
            item = by_answer.get(c)
            table.append({
                "frame": frame, "rule": f"{needed} of {', '.join(codes)}", "rule_F1": base["F1"], "answer": c,
                "item": item.id.split(".", 1)[1] if item else "-",
                "misses": sum(answers[d][c] == "yes" and (item is None or item.id not in found[d]) for d in missed),
                "over": sum(answers[d][c] != "yes" and item is not None and item.id in found[d] for d in wrong),
                "frame_FN": len(missed), "frame_FP": len(wrong),
            })
    return pd.DataFrame(table)


def frames_news(split: str) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Items and frames on the blind frames_news texts of one split (dev, held-out or all)."""
    import json

    from workbench.detectors.frames import FRAMES, items

    doc_ids = {"dev": FRAMES_NEWS_DEV, "held-out": FRAMES_NEWS_HELD_OUT, "all": FRAMES_NEWS_DEV + FRAMES_NEWS_HELD_OUT}[split]
    corpus = load_corpus(FRAMES_NEWS)
    findings = analyze([corpus[d] for d in doc_ids], detectors=["frames"], progress=False)
    code = {item.id: item.code for item in items()}
    questions = {}
    for line in (FRAMES_NEWS / "questions.gold.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        questions[entry["doc_id"]] = entry["answers"]
    answered = {d: set() for d in doc_ids}
    for row in findings[findings["layer"] == "frame"].itertuples(index=False):
        answered[row.doc_id].update(code[i] for i in row.extras["items"])
    item_rows = []
    totals = [0, 0, 0]
    for item in items():
        tp = sum(item.code in answered[d] and questions[d][item.code] == "yes" for d in doc_ids)
        fp = sum(item.code in answered[d] and questions[d][item.code] != "yes" for d in doc_ids)
        fn = sum(item.code not in answered[d] and questions[d][item.code] == "yes" for d in doc_ids)
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
        item_rows.append(_prf_row(item.code, tp, fp, fn))
    item_rows.append(_prf_row("micro", *totals))
    gold = read_findings(FRAMES_NEWS / "frames.gold.jsonl")
    gold = gold[gold["doc_id"].isin(doc_ids)]
    scores = evaluate(findings, gold, layers=["doc_frame"], documents=doc_ids).set_index("label")
    frame_rows = []
    for frame in FRAMES:
        got = scores.loc[frame] if frame in scores.index else None
        support = int(got["support"]) if got is not None else 0
        frame_rows.append({"frame": frame, "support": support, "predicted": int(got["predicted"]) if got is not None else 0,
                           "P": round(float(got["precision"]), 3) if got is not None else 0.0, "R": round(float(got["recall"]), 3) if got is not None else 0.0,
                           "F1": round(float(got["f1"]), 3) if got is not None else 0.0, "all_present_F1": round(2 * support / (support + len(doc_ids)), 3) if support else 0.0})
    doc_rows = findings[findings["layer"] == "doc_frame"]
    top = {r.doc_id: r.label for r in doc_rows.itertuples(index=False) if r.extras["rank"] == 1}
    gold_sets = {d: set(gold.loc[gold["doc_id"] == d, "label"]) for d in doc_ids}
    gold_top = {r.doc_id: r.label for r in gold.itertuples(index=False) if int(r.extras.get("rank", 1)) == 1}
    framed = [d for d in doc_ids if gold_sets[d]]
    present = {d: sum(1 for r in doc_rows[doc_rows["doc_id"] == d].itertuples(index=False) if r.extras["present"]) for d in doc_ids}
    summary = {
        "documents": len(doc_ids), "documents_with_a_frame": len(framed),
        "rank1_right": sum(top.get(d) == gold_top.get(d) for d in framed), "rank1_among_gold_frames": sum(top.get(d) in gold_sets[d] for d in framed),
        "always_conflict_rank1_right": sum(gold_top.get(d) == "conflict" for d in framed),
        "frames_macro_F1": round(float(scores.loc["macro", "f1"]), 3) if "macro" in scores.index else 0.0,
        "predicted_frames_per_document": round(sum(present.values()) / len(doc_ids), 2), "gold_frames_per_document": round(sum(len(g) for g in gold_sets.values()) / len(doc_ids), 2),
        "documents_without_findings": [d for d in doc_ids if d not in set(doc_rows["doc_id"])],
    }
    return pd.DataFrame(item_rows), pd.DataFrame(frame_rows), summary


def frames_instrument_figures(*, dev: Path = NARRATIVE_FRAMES / "dev.tsv", split: str = "dev") -> None:
    """Print the frame-item figures recorded in docs/framing.md (section "Frames")."""
    with pd.option_context("display.width", 200, "display.max_rows", 200, "display.max_columns", 20):
        if dev.exists():
            table, summary = narrative_frames_cv(dev)
            print(f"Narrative Frames development half ({summary['documents']} articles), 5-fold CV (scripts/train_frames.py folds):")
            print(table.to_string(index=False))
            print("  " + ", ".join(f"{k} {v}" for k, v in summary.items()))
            found = _nf_found(dev)
            print("\nItems against the corpus's aggregated answers (NO AGREEMENT counted as not yes; agreed_F1: articles with yes/no only):")
            print(narrative_frames_items(dev, found).to_string(index=False))
            print("\nWhich items limit each frame (the corpus's rule for the frame over the detectors' answers):")
            print(narrative_frames_limits(dev, found).to_string(index=False))
        else:
            print(f"(no Narrative Frames development data at {dev}: cross-validation skipped)")
        items_table, frames_table, summary = frames_news(split)
        print(f"\nframes_news, {split} split: items (document answered yes vs the blind answers)")
        print(items_table.to_string(index=False))
        print(f"\nframes_news, {split} split: frames present (P/R/F1 per frame; all_present_F1 = predicting every frame)")
        print(frames_table.to_string(index=False))
        print("  " + ", ".join(f"{k} {v}" for k, v in summary.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="seed folder (texts + *.gold.jsonl)")
    parser.add_argument("--framing", type=Path, default=ROOT / "tests" / "data" / "framing", help="framing test texts + *.gold.jsonl")
    parser.add_argument("--held-out", nargs="*", default=["dist_zoo_elephants"], help="doc ids of held-out distancing/actors texts")
    parser.add_argument("--loaded", action="store_true", help="also score loaded language on BABE dev and tests/data/loaded_news (dev half)")
    parser.add_argument("--loaded-held-out", action="store_true", help="with --loaded: also the held-out half of loaded_news")
    parser.add_argument("--distancing-news", action="store_true", help="only score distancing on the development half of tests/data/questions_news")
    parser.add_argument("--held-out-news", action="store_true", help="with --distancing-news: also score the held-out half (only at the start and end of a round)")
    parser.add_argument("--frames-instrument", action="store_true", help="print the frame-item figures instead (CV on Narrative Frames, frames_news)")
    parser.add_argument("--frames-news-split", choices=("dev", "held-out", "all"), default="dev", help="frames_news texts scored with --frames-instrument")
    parser.add_argument("--narrative-frames", type=Path, default=NARRATIVE_FRAMES / "dev.tsv", help="Narrative Frames development half (dev.tsv)")
    args = parser.parse_args()
    if args.frames_instrument:
        frames_instrument_figures(dev=args.narrative_frames, split=args.frames_news_split)
        return
    if args.distancing_news:
        halves = [("questions_news:dev", NEWS_DISTANCING_DEV)] + ([("questions_news:held-out", NEWS_DISTANCING_HELD_OUT)] if args.held_out_news else [])
        table = pd.concat([score_distancing_news(NEWS_DISTANCING, ids, name) for name, ids in halves], ignore_index=True)
        with pd.option_context("display.width", 200, "display.max_rows", 200):
            print(table.to_string(index=False))
        return
    print("framing alias:", ", ".join(aliases().get("framing", ())))
    rows = score_folder(args.seeds, sorted(args.seeds.glob("*.gold.jsonl")), "seed", split=False)
    rows += score_folder(args.framing, sorted(args.framing.glob("*.gold.jsonl")), "framing", split=True, held_out=frozenset(args.held_out))
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 200, "display.max_rows", 200):
        print(table.astype(object).where(table.notna(), "").to_string(index=False))
    if args.loaded:
        loaded_benchmarks(held_out=args.loaded_held_out)


if __name__ == "__main__":
    main()
