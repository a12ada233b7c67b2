"""Generate a deterministic corpus of news-length articles for speed and memory benchmarks.

Each article (about 600-900 words) is composed from a bank of sentence templates with
random fillers: hedges, boosters, attributions, questions (asked and answered, or left
hanging), quotations, so-called terms, names and numbers, so every detector has work to
do. The text is invented for this benchmark; the same seed always gives the same corpus.

Usage::

    python benchmarks/corpus_gen.py 1000 --out /tmp/gen1k            # a folder of .txt files
    python benchmarks/corpus_gen.py 1000 --out /tmp/gen1k.jsonl      # one JSONL table
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Iterator

PEOPLE = [
    "Marta Kovalenko", "Daniel Osei", "Ingrid Halvorsen", "Tomás Ferreira", "Aiko Matsuda", "Gregor Lindqvist",
    "Priya Raman", "Olu Adebayo", "Claire Dubois", "Stefan Novak", "Leila Haddad", "Rafael Ortiz",
]
ROLES = ["the mayor", "the finance minister", "the union leader", "the chief executive", "the harbour master",
         "the head of the regional council", "a senior economist", "the opposition spokesperson", "the hospital director"]
PLACES = ["Northport", "the river valley", "Eastbrook", "the coastal districts", "Vellmar", "the capital", "Lindenfeld", "the border towns"]
BODIES = ["the transport authority", "the central bank", "the water board", "the teachers' union", "the port company",
          "the regional parliament", "the health ministry", "the housing cooperative", "the energy regulator"]
TOPICS = ["the new tram line", "the fishing quota", "the rent cap", "the hospital merger", "the budget deficit",
          "the flood barrier", "the school reform", "the fuel subsidy", "the airport expansion", "the grain exports"]
THINGS = ["prices", "waiting lists", "ticket sales", "tax receipts", "water levels", "enrolment", "exports", "overtime claims"]
VERBS_UP = ["rose", "climbed", "jumped", "edged up", "surged"]
VERBS_DOWN = ["fell", "slipped", "dropped", "declined", "sank"]
HEDGES = ["may", "might", "could", "will probably", "will possibly", "appears to", "seems to", "is likely to"]
BOOSTERS = ["clearly", "certainly", "without doubt", "obviously", "undeniably", "in fact", "of course"]
ATTRIB = ["analysts say", "according to officials", "observers believe", "critics argue", "residents report", "experts warn"]
LOADED = ["reckless", "disastrous", "shameful", "heroic", "outrageous", "brilliant", "scandalous", "catastrophic"]
EMOTION = ["anger", "relief", "frustration", "hope", "fear", "pride"]
MONTHS = ["January", "March", "May", "June", "September", "November"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

TEMPLATES = [
    "{Person}, {role} of {place}, said on {day} that {topic} {hedge} cost more than planned.",
    "{Booster_cap}, {topic} has become the main issue of the campaign in {place}.",
    "{Attrib_cap}, {things} {up} by {pct} percent in {month}, the sharpest change in a decade.",
    "{Things_cap} {down} by {pct} percent last year, and {body} {hedge} revise its forecast again.",
    "\u201cWe cannot wait another year,\u201d said {person}, who has lived in {place} for {years} years.",
    "\u201cThis is {loaded},\u201d {person} told reporters outside the offices of {body}.",
    "What will happen to {topic} if {body} refuses to sign? Nobody in {place} seems to know.",
    "Who pays for {topic}? The answer, {attrib}, is the taxpayers of {place}.",
    "Is this really the best {body} can do?",
    "How long can {place} afford to wait?",
    "Why did {body} change its mind? Officials declined to comment on {day}.",
    "The so-called {quoted_noun} plan was announced in {month} without a public consultation.",
    "{Body_cap} describes the measure as a \u201ctemporary adjustment\u201d, although it has no end date.",
    "{Person} was supposed to present the figures on {day}, but the meeting was postponed.",
    "The company claims to have created {num} jobs in {place}, a figure the union disputes.",
    "Families in {place} spoke of their {emotion} as the water rose above the doorsteps.",
    "The decision {hedge} mean higher bills for about {num} households.",
    "Perhaps the plan will work; perhaps it will simply move the problem to {place}.",
    "It is no coincidence that {topic} returned to the agenda just before the vote.",
    "{Role_cap} {booster} underestimated the public reaction to {topic}.",
    "Some residents accuse {body} of a {loaded} waste of public money.",
    "The dispute is, in the end, a question of who should take responsibility for {topic}.",
    "Leaders of {body} and {body2} met twice in {month} but failed to agree on {topic}.",
    "A spokesperson for {body} said the figures were preliminary and could change.",
    "Independent auditors found that {things} had been overstated by roughly {pct} percent.",
    "{Attrib_cap}, the cost of {topic} has nearly doubled since the first estimate.",
    "Local traders say the closure of the main road has cut their takings by half.",
    "The proposal would, in theory, save {num} euros a year, but nobody has checked the sums.",
    "It was the third time this year that {body} had missed its own deadline.",
    "{Person} admitted that the timetable was ambitious and might slip into {month}.",
    "There is, of course, a moral dimension: should the poorest households carry the burden?",
    "Opponents called the vote a {loaded} betrayal of the people of {place}.",
    "According to the latest survey, {pct} percent of residents support {topic}.",
    "The council will publish its final report on {day}, officials said.",
    "In {place}, the mood is one of {emotion} rather than celebration.",
    "A teacher in {place} described queues of parents outside the school gates before dawn.",
    "Nobody disputes that {things} matter; the question is who should pay for them.",
    "The minister literally tore up the previous agreement in front of the cameras.",
    "Few expected {person} to survive the confidence vote, yet she did, by {small} votes.",
    "The report, which runs to {num} pages, says little about {topic}.",
]
PARAGRAPH_BREAK_EVERY = (3, 6)


def _fill(template: str, rng: random.Random) -> str:
    person = rng.choice(PEOPLE)
    body, body2 = rng.sample(BODIES, 2)
    values = {
        "person": person, "Person": person,
        "role": rng.choice(ROLES), "Role_cap": rng.choice(ROLES).capitalize(),
        "place": rng.choice(PLACES), "topic": rng.choice(TOPICS),
        "body": body, "body2": body2, "Body_cap": body[0].upper() + body[1:],
        "things": rng.choice(THINGS), "Things_cap": rng.choice(THINGS).capitalize(),
        "up": rng.choice(VERBS_UP), "down": rng.choice(VERBS_DOWN),
        "hedge": rng.choice(HEDGES),
        "booster": rng.choice(BOOSTERS), "Booster_cap": rng.choice(BOOSTERS).capitalize(),
        "attrib": rng.choice(ATTRIB), "Attrib_cap": rng.choice(ATTRIB).capitalize(),
        "loaded": rng.choice(LOADED), "emotion": rng.choice(EMOTION),
        "month": rng.choice(MONTHS), "day": rng.choice(DAYS),
        "pct": rng.randint(2, 48), "num": f"{rng.randint(2, 900) * 10:,}", "years": rng.randint(3, 60), "small": rng.randint(2, 9),
        "quoted_noun": rng.choice(["recovery", "fairness", "modernisation", "stability"]),
    }
    return template.format(**values)


def article(index: int, *, seed: int = 0) -> tuple[str, str]:
    """One article: (doc_id, text) with a title line, a blank line and paragraphs of 600-900 words."""
    rng = random.Random(f"{seed}:{index}")
    target = rng.randint(600, 900)
    title = f"Row over {rng.choice(TOPICS).removeprefix('the ')} in {rng.choice(PLACES)}"
    paragraphs: list[str] = []
    words = 0
    while words < target:
        sentences = [_fill(rng.choice(TEMPLATES), rng) for _ in range(rng.randint(*PARAGRAPH_BREAK_EVERY))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return f"gen-{seed}-{index:06d}", title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def articles(count: int, *, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``count`` articles in order (generated lazily)."""
    for index in range(count):
        yield article(index, seed=seed)


def write_corpus(count: int, out: str | Path, *, seed: int = 0) -> Path:
    """Write a folder of .txt files, or a .jsonl table when ``out`` ends in .jsonl."""
    out = Path(out)
    if out.suffix.lower() == ".jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="\n") as handle:
            for doc_id, text in articles(count, seed=seed):
                handle.write(json.dumps({"doc_id": doc_id, "text": text}, ensure_ascii=False) + "\n")
        return out
    out.mkdir(parents=True, exist_ok=True)
    for doc_id, text in articles(count, seed=seed):
        (out / f"{doc_id}.txt").write_text(text, encoding="utf-8", newline="\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("--out", required=True, help="output folder, or a .jsonl file")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    path = write_corpus(args.count, args.out, seed=args.seed)
    print(f"{args.count} articles -> {path}")


if __name__ == "__main__":
    main()
