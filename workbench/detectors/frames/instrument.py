"""Item detectors: the yes/no questions of Semetko & Valkenburg (2000), answered per sentence.

Each item (``models/frames.yaml``) has recipes; a recipe lists cue classes that must all
occur in one sentence. The cue classes are the phrases of ``lexicons/frames.tsv`` (label =
class) and the regular expressions of ``lexicons/frames_rules.yaml`` (field ``class``). All
phrase classes are matched in one scan of the document; matches are filed by sentence, and
only sentences with a cue are looked at again. A hit says which item, which sentence and which
cues made it, so an analyst can check every answer.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Mapping, NamedTuple, Sequence

import yaml

from workbench.corpus import Document
from workbench.lexicons import load_lexicon, load_wordlists
from workbench.matching import MatcherSet, PhraseMatcher

FRAMES: tuple[str, ...] = ("conflict", "responsibility", "morality", "economic", "human_interest")
VOICES: tuple[str, ...] = ("any", "author", "unquoted")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_REPEAT = re.compile(r"^(?P<name>\w+)\*(?P<count>\d+)$")
# A sentence with many cues of the recipe's classes is searched this far for the tightest set.
_MAX_COMBINATIONS = 2000


@dataclass(frozen=True)
class Item:
    """One question of the instrument: its id (``frame.name``), code, question and recipes."""

    id: str
    frame: str
    code: str
    question: str
    recipes: tuple[tuple[tuple[str, int], ...], ...]
    reason: str
    nf_answer: str | None = None
    window: int | None = None
    # Which answers count as evidence for the frame (``ItemHit.counts``); the item is answered in
    # any voice. "any": every sentence; "author": not inside a quotation and not in an attributed
    # sentence (the text's own voice); "unquoted": not inside a quotation (indirect speech is the
    # story's own telling).
    voice: str = "any"


class Cue(NamedTuple):
    """One matched cue: the phrase or pattern id, its class and offsets (a tuple: thousands are made per document)."""

    cue: str
    cls: str
    start: int
    end: int


@dataclass(frozen=True)
class ItemHit:
    """A sentence that answers an item yes, with the cues of the recipe that held."""

    item: str
    frame: str
    sentence: int
    start: int
    end: int
    cues: tuple[Cue, ...]
    # Someone else's words: a cue inside a quotation, or the sentence attributes what it says.
    reported: bool = False
    # Whether the sentence counts as evidence for the frame (False: an answer in a voice its item does not count).
    counts: bool = True

    def explain(self) -> str:
        """The cues in words: ``"urged" (request) + "ministers" (government)``."""
        return " + ".join(f'"{c.cue}" ({c.cls})' for c in self.cues)


def _model_text() -> str:
    return resources.files("workbench").joinpath("models/frames.yaml").read_text(encoding="utf-8")


def _parse_recipe(recipe: Sequence[str], item_id: str) -> tuple[tuple[str, int], ...]:
    """``class`` -> (class, 1); ``class*2`` -> (class, 2); ``!class`` -> (class, 0): no cue of the class in the sentence."""
    parts = []
    for entry in recipe:
        entry = str(entry)
        match = _REPEAT.match(entry)
        if entry.startswith("!"):
            parts.append((entry[1:], 0))
        else:
            parts.append((match["name"], int(match["count"])) if match else (entry, 1))
    if not any(count for _, count in parts):
        raise ValueError(f"frames.yaml: item {item_id!r} has a recipe without a cue class that must occur")
    return tuple(parts)


@lru_cache(maxsize=None)
def load_instrument() -> dict[str, Any]:
    """The parsed ``models/frames.yaml``: settings and the items in instrument order."""
    model = yaml.safe_load(_model_text())
    unknown = set(model["frames"]) - set(FRAMES)
    if unknown:
        raise ValueError(f"frames.yaml: unknown frame(s) {sorted(unknown)}; valid: {', '.join(FRAMES)}")
    items = []
    for frame in FRAMES:
        for spec in model["frames"].get(frame, {}).get("items", []):
            if not spec["id"].startswith(frame + "."):
                raise ValueError(f"frames.yaml: item {spec['id']!r} must start with its frame {frame!r}")
            recipes = tuple(_parse_recipe(r, spec["id"]) for r in spec["recipes"])
            window = spec.get("window", model.get("window"))
            voice = str(spec.get("voice", "any"))
            if voice not in VOICES:
                raise ValueError(f"frames.yaml: item {spec['id']!r} has voice {voice!r}; valid: {', '.join(VOICES)}")
            if voice != "any" and not spec.get("voice_reason"):
                raise ValueError(f"frames.yaml: item {spec['id']!r} sets voice {voice!r} without a voice_reason")
            items.append(Item(spec["id"], frame, spec["code"], spec["question"], recipes, spec["reason"], spec.get("nf_answer"), None if window is None else int(window), voice))
    classes = {name for item in items for recipe in item.recipes for name, _ in recipe}
    voice_classes = tuple(model.get("voice_classes", ()))
    missing = (classes | set(voice_classes)) - set(_phrase_classes()) - set(_pattern_classes()) - {"quoted_first_person"}
    if missing:
        raise ValueError(f"frames.yaml: cue class(es) {sorted(missing)} are in no lexicon (frames.tsv) or pattern (frames_rules.yaml)")
    return {"items": tuple(items), "title_case_share": float(model.get("title_case_share", 0.6)), "capitalised": frozenset(model.get("capitalised_classes", ())), "voice_classes": voice_classes}


def items(frames: Iterable[str] | None = None) -> tuple[Item, ...]:
    """The instrument's items (of some frames), in frame and question order."""
    return _items_of(FRAMES if frames is None else tuple(frames))


@lru_cache(maxsize=None)
def _items_of(frames: tuple[str, ...]) -> tuple[Item, ...]:
    return tuple(item for item in load_instrument()["items"] if item.frame in frames)


@lru_cache(maxsize=None)
def _items_by_id() -> dict[str, Item]:
    return {item.id: item for item in load_instrument()["items"]}


def item_by_id() -> dict[str, Item]:
    """Item id -> item (a fresh copy of the cached table)."""
    return dict(_items_by_id())


@lru_cache(maxsize=None)
def _phrase_classes() -> dict[str, PhraseMatcher]:
    table = load_lexicon("frames")
    return {label: PhraseMatcher(rows["cue"]) for label, rows in table.groupby("label", sort=True)}


@lru_cache(maxsize=None)
def _matcher_set() -> MatcherSet:
    return MatcherSet(_phrase_classes())


@lru_cache(maxsize=None)
def _pattern_classes() -> dict[str, tuple[tuple[str, re.Pattern], ...]]:
    out: dict[str, list[tuple[str, re.Pattern]]] = {}
    for pattern in load_wordlists("frames_rules").patterns:
        out.setdefault(str(pattern["class"]), []).append((str(pattern["id"]), re.compile(pattern["regex"])))
    return {name: tuple(found) for name, found in out.items()}


@lru_cache(maxsize=None)
def _pattern_plan() -> dict[str, tuple[frozenset[str], ...] | None]:
    """Pattern class -> the other classes that a sentence needs for any recipe with it (None:
    some recipe needs it alone or with another pattern class, so the whole text is searched)."""
    patterns = set(_pattern_classes())
    plan: dict[str, tuple[frozenset[str], ...] | None] = {}
    for cls in patterns:
        partners: list[frozenset[str]] = []
        for item in load_instrument()["items"]:
            for recipe in item.recipes:
                names = {name for name, count in recipe if count}
                if cls not in names:
                    continue
                others = frozenset(names - {cls})
                if not others or others & patterns:
                    plan[cls] = None
                    break
                partners.append(others)
            if plan.get(cls, ()) is None:
                break
        if cls not in plan:
            plan[cls] = tuple(partners)
    return plan


def official_roles() -> frozenset[str]:
    return load_wordlists("frames_rules")["official_roles"]


def _is_title_case(text: str, share: float) -> bool:
    words = _WORD.findall(text)
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= share


def sentence_cues(doc: Document) -> list[dict[str, list[Cue]]]:
    """Per sentence: cue class -> the cues of that class inside the sentence (text order).

    A match that would cross a sentence end is dropped. A lower-case phrase matched with a
    capital inside a sentence is read as part of a name and skipped (see ``frames.yaml``).
    A pattern class that every recipe combines with phrase classes is looked for only in the
    sentences that have those classes (elsewhere no recipe could use it).
    """
    sentences = doc.segments.sentences
    out: list[dict[str, list[Cue]]] = [{} for _ in sentences]
    if not sentences:
        return out
    text = doc.text
    settings = load_instrument()
    title_case: dict[int, bool] = {}
    last = len(sentences) - 1
    starts = doc.segments.sentence_starts
    capitalised = settings["capitalised"]
    for cls, matches in _matcher_set().finditer_all(text).items():
        keep_capitals = cls in capitalised
        index = 0
        next_start = starts[1] if last else len(text) + 1
        s_start, s_end = sentences[0]
        for start, end, phrase in matches:
            # Matches come in text order: move to the sentence that holds the match.
            if start >= next_start:
                while index < last and starts[index + 1] <= start:
                    index += 1
                s_start, s_end = sentences[index]
                next_start = starts[index + 1] if index < last else len(text) + 1
            if start < s_start or end > s_end:
                continue
            if not keep_capitals and text[start].isupper() and phrase[0].islower() and not _sentence_initial(text, s_start, start):
                if index not in title_case:
                    title_case[index] = _is_title_case(text[s_start:s_end], settings["title_case_share"])
                if not title_case[index]:
                    continue
            cues = out[index]
            found = cues.get(cls)
            if found is None:
                cues[cls] = [Cue(phrase, cls, start, end)]
            else:
                found.append(Cue(phrase, cls, start, end))
    _quoted_first_person(doc, out)
    unsorted: set[tuple[int, str]] = set()
    plan = _pattern_plan()
    for cls, patterns in _pattern_classes().items():
        partners = plan[cls]
        if partners is None:
            spans = [(0, len(text))]
        else:
            # Only sentences where a recipe with this class could hold are searched.
            spans = [sentences[i] for i, cues in enumerate(out) if cues and any(cues.keys() >= needed for needed in partners)]
        for pattern_id, regex in patterns:
            for span_start, span_end in spans:
                for match in regex.finditer(text, span_start, span_end):
                    begin, finish = match.span()
                    if finish == begin:
                        continue
                    index = doc.segments.sentence_index(begin)
                    s_start, s_end = sentences[index]
                    if s_start <= begin and finish <= s_end:
                        out[index].setdefault(cls, []).append(Cue(pattern_id, cls, begin, finish))
                        unsorted.add((index, cls))
    for index, cls in unsorted:
        out[index][cls].sort(key=lambda c: (c.start, c.end))
    return out


def _quoted_first_person(doc: Document, out: list[dict[str, list[Cue]]]) -> None:
    """Add class ``quoted_first_person``: a first-person pronoun inside a quotation (once per sentence)."""
    words = load_wordlists("frames_rules")["first_person"]
    text = doc.text
    for quote in doc.segments.quotes:
        for match in _WORD.finditer(text, quote.start + 1, max(quote.end - 1, quote.start + 1)):
            word = match.group()
            if word in words or (word != "I" and word.lower() in words):
                index = doc.segments.sentence_index(match.start())
                if "quoted_first_person" not in out[index]:
                    out[index]["quoted_first_person"] = [Cue(word, "quoted_first_person", match.start(), match.end())]


def _sentence_initial(text: str, sentence_start: int, start: int) -> bool:
    """True when only punctuation, quotes or spaces stand between the sentence start (or a colon) and ``start``."""
    before = text[sentence_start:start]
    tail = before.rsplit(":", 1)[-1]
    return not _WORD.search(tail)


def _groups(present: list[Cue], count: int) -> list[tuple[Cue, ...]]:
    """Ways to pick ``count`` different cues (by phrase) of one class that do not overlap."""
    if count == 1:
        return [(cue,) for cue in present]
    return [
        combo
        for combo in itertools.combinations(present, count)
        if len({c.cue.lower() for c in combo}) == count and all(a.end <= b.start for a, b in zip(combo, combo[1:]))
    ]


def _recipe_cues(text: str, recipe: tuple[tuple[str, int], ...], cues: Mapping[str, list[Cue]], window: int | None) -> tuple[Cue, ...] | None:
    """The tightest set of cues that satisfies ``recipe`` in one sentence, or None.

    With ``window``, the recipe's cues must lie within that many words of each other (from
    the first cue's start to the last cue's end), so that they belong to one clause.
    """
    options = []
    for cls, count in recipe:
        if count == 0:
            if cues.get(cls):
                return None
            continue
        groups = _groups(cues.get(cls, []), count)
        if not groups:
            return None
        options.append(groups)
    best: tuple[int, tuple[Cue, ...]] | None = None
    combos = itertools.islice(itertools.product(*options), _MAX_COMBINATIONS)
    for combo in combos:
        chosen = sorted((c for group in combo for c in group), key=lambda c: (c.start, c.end))
        if any(a.end > b.start for a, b in zip(chosen, chosen[1:])):
            continue
        width = len(_WORD.findall(text, chosen[0].start, chosen[-1].end)) if len(chosen) > 1 else 1
        if window is not None and width > window:
            continue
        if best is None or width < best[0]:
            best = (width, tuple(chosen))
    return best[1] if best else None


def _voice(doc: Document, found: tuple[Cue, ...], cues: Mapping[str, list[Cue]]) -> tuple[bool, bool]:
    """(quoted, attributed): a cue of the recipe lies inside a quotation; the sentence attributes
    what it says (a reporting cue: *said*, *according to*)."""
    quoted = any(doc.segments.quote_around(c.start, c.end) is not None for c in found)
    return quoted, any(cues.get(cls) for cls in load_instrument()["voice_classes"])


def _official(text: str, cues: Mapping[str, list[Cue]]) -> bool:
    """True when the sentence's named person is introduced with an official role."""
    roles = official_roles()
    for cue in (*cues.get("named_person", ()), *cues.get("named_resident", ())):
        after = text[cue.end : cue.end + 60].lower()
        before = text[max(0, cue.start - 40) : cue.start].lower()
        if any(re.search(rf"\b{re.escape(role)}\b", after.split(".")[0]) or before.rstrip().endswith(role) for role in roles):
            return True
    return False


@lru_cache(maxsize=None)
def _class_bits() -> dict[str, int]:
    """One bit per cue class, so that a recipe's classes are checked with one integer test."""
    names = sorted({cls for item in load_instrument()["items"] for recipe in item.recipes for cls, _ in recipe})
    return {name: 1 << number for number, name in enumerate(names)}


@lru_cache(maxsize=None)
def _recipe_table(frames: tuple[str, ...]) -> tuple[tuple[Item, int, tuple[tuple[str, int], ...], int, bool], ...]:
    """(item, item number, recipe, class mask, uses a name) for every recipe, in instrument order."""
    bits = _class_bits()
    rows = []
    for number, item in enumerate(items(frames)):
        for recipe in item.recipes:
            mask = 0
            for cls, count in recipe:
                if count:
                    mask |= bits[cls]
            rows.append((item, number, recipe, mask, any(cls in ("named_person", "named_resident") for cls, _ in recipe)))
    return tuple(rows)


@lru_cache(maxsize=4096)
def _recipes_possible(frames: tuple[str, ...], mask: int) -> tuple[tuple[Item, int, tuple[tuple[str, int], ...], int, bool], ...]:
    """The rows of the recipe table whose classes are all in ``mask``, in instrument order.

    Sentences share a few hundred combinations of cue classes, so the table (hundreds of
    recipes) is filtered once per combination instead of once per sentence.
    """
    return tuple(row for row in _recipe_table(frames) if mask & row[3] == row[3])


def item_hits(doc: Document, *, frames: Iterable[str] | None = None) -> list[ItemHit]:
    """Every (sentence, item) pair answered yes, in sentence then instrument order."""
    chosen = FRAMES if frames is None else tuple(f for f in FRAMES if f in set(frames))
    bits = _class_bits()
    hits: list[ItemHit] = []
    text = doc.text
    sentences = doc.segments.sentences
    for index, cues in enumerate(sentence_cues(doc)):
        if not cues:
            continue
        mask = 0
        for cls in cues:
            mask |= bits.get(cls, 0)
        answered = -1  # the item number answered last: its other recipes are skipped
        start, end = sentences[index]
        for item, number, recipe, _, named in _recipes_possible(chosen, mask):
            if number == answered:
                continue
            if named and _official(text, cues):
                continue
            made = _recipe_cues(text, recipe, cues, item.window if len(recipe) > 1 or recipe[0][1] > 1 else None)
            if made is not None:
                quoted, attributed = _voice(doc, made, cues)
                counts = item.voice == "any" or not (quoted or (attributed and item.voice == "author"))
                hits.append(ItemHit(item.id, item.frame, index, start, end, made, quoted or attributed, counts))
                answered = number
    return hits
