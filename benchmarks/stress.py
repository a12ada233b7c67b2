"""One-document stress: time each detector on inputs far larger than a news article.

* a document of 1,003,569 characters made by repeating the seed article (blank lines between copies);
* a 76,799-character text naming 1,500 different people (discovery and name matching in ``actors``);
* one sentence of 1,000 quotations (quote pairing in ``distancing``).

With ``--scaling`` it times every detector (and segmentation) on one document of fresh text at
5,000, 50,000 and 500,000 words: generated news sentences in which each paragraph names
people of its own (thousands of distinct names in the largest), so that per-document
discovery and matching are exercised as the text grows. Time per word should stay flat; the
ratio column divides each size's microseconds per word by the smallest size's.

Nothing here is asserted: it prints seconds, so that a change that makes a detector grow faster
than the text shows up. Usage::

    python benchmarks/stress.py
    python benchmarks/stress.py --scaling
"""

from __future__ import annotations

import time
from pathlib import Path

from workbench.corpus import Document
from workbench.detectors import resolve_detectors

ROOT = Path(__file__).resolve().parents[1]
BIG = 1_003_569


def timed(detector_name: str, doc: Document) -> tuple[float, int]:
    detector = resolve_detectors(detector_name)[0]
    doc.segments  # segmentation is shared by all detectors; time the detector alone
    start = time.perf_counter()
    found = sum(1 for _ in detector.detect(doc))
    return time.perf_counter() - start, found


def main() -> None:
    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    names = [d.name for d in resolve_detectors(None)]
    for name in names:  # load lexicons and compile patterns outside the timings
        timed(name, Document("warm-up", seed))
    big = ("\n\n".join([seed] * (BIG // (len(seed) + 2) + 1)))[:BIG]
    print(f"one document of {len(big):,} characters (the seed repeated):")
    for name in names:
        seconds, found = timed(name, Document("big", big))
        print(f"  {name:<12} {seconds:6.2f} s  {found:6d} findings")

    first = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Katya", "Lars", "Mira", "Nils", "Olga"]
    last = [a + b for a in ["Kov", "Mar", "Sel", "Tor", "Wen", "Bal", "Rud", "Fen", "Lom", "Pav"] for b in ["ak", "ich", "sen", "ova", "ard", "ini", "ez", "uk", "man", "berg"]]
    people = [f"{f} {l}" for f in first for l in last][:1500]
    text = " ".join(f"{p} said the plan was late. {p.split()[1]} agreed." for p in people)
    seconds, found = timed("actors", Document("names", text))
    print(f"actors on {len(people):,} names in {len(text):,} characters: {seconds:.2f} s, {found} findings")

    quotes = "and \u201cit may rain\u201d " * 1000
    seconds, found = timed("distancing", Document("quotes", quotes))
    print(f"distancing on one sentence of 1,000 quotations ({len(quotes):,} characters): {seconds:.3f} s, {found} findings")


def fresh_text(words: int) -> str:
    """News-like paragraphs with names of their own: every paragraph introduces new people."""
    import itertools

    import corpus_gen as gen  # a sibling script: Python puts this folder on sys.path when a benchmark runs
    syllables = ["ka", "lo", "mi", "ren", "sto", "va", "dru", "pel", "zin", "hor", "bu", "tes"]
    surnames = ("".join(parts).capitalize() for parts in itertools.product(syllables, repeat=4))
    firsts = itertools.cycle(["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas"])
    paragraphs, count = [], 0
    for index in itertools.count():
        _, article = gen.article(index, seed=99)
        for paragraph in article.split("\n\n")[1:]:
            name = f"{next(firsts)} {next(surnames)}"
            paragraph = f"{name}, a local organiser, said the plan had been delayed again. {name.split()[1]} called it a scandal. {paragraph}"
            paragraphs.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                return "\n\n".join(paragraphs)


def scaling(sizes=(5_000, 50_000, 500_000)) -> None:
    from workbench.segment import segment

    names = [d.name for d in resolve_detectors(None)]
    texts = {size: fresh_text(size) for size in sizes}
    for name in names:  # load lexicons and compile patterns outside the timings
        timed(name, Document("warm-up", fresh_text(2_000)))
    print("| words | step | seconds | µs per word | vs smallest |")
    print("|---:|---|---:|---:|---:|")
    base: dict[str, float] = {}
    for size, text in texts.items():
        words = len(text.split())
        start = time.perf_counter()
        segment(text)
        rows = [("segmentation", time.perf_counter() - start)]
        doc = Document("fresh", text)
        doc.segments
        for name in names:
            rows.append((name, timed(name, doc)[0]))
        for step, seconds in rows:
            per_word = 1e6 * seconds / words
            base.setdefault(step, per_word)
            print(f"| {words:,} | {step} | {seconds:.2f} | {per_word:.1f} | {per_word / base[step]:.2f}x |", flush=True)


if __name__ == "__main__":
    import sys

    scaling() if "--scaling" in sys.argv else main()
