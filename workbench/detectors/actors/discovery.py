"""Discovery: persons and organisations named by capitalised sequences, role titles before
names, and names of places used as locations rather than as actors."""

from __future__ import annotations

import re
from collections import Counter
from typing import Mapping

from workbench.corpus import Document
from workbench.detectors.actors import lexicon as lx
from workbench.detectors.actors.model import Actor, Form, Mention, strip_possessive, words_before


_CAPITALISED_WORD = re.compile(r"(?<![\w-])[A-Z]\w+(?![\w-])")


def used_as_place(doc: Document, m: Mention) -> bool:
    """True when a place-capable name (a country, a bloc label) is used as a location.

    A country or bloc acts as a subject or possessor (``Belarus decided``, ``Belarus's army``,
    ``the West sent aid``); right after a spatial preposition (``in Belarus``, ``across the
    West``) it is where something happens, and after a determiner (``the Belarus border``) it
    classifies another noun. Persons, organisations and role nouns are never filtered:
    ``at St Aldric's Hospital`` still names the hospital whose conduct is in question.
    """
    text = doc.text
    name = text[m.start : m.end]
    bare = name[4:] if name.lower().startswith("the ") else name
    country = m.form == Form.ALIAS and bare in lx.countries()
    if not (country or (m.form == Form.GROUP and m.resolved_by == "group lexicon" and lx.is_bloc(m.cue))):
        return False
    words = lx.names()
    before = words_before(text, m.start, 1, doc.segments.sentences[doc.segments.sentence_index(m.start)][0])
    if not before or text[before[-1].end() : m.start].strip():
        return False
    word = before[-1].group()
    if word.lower() in words.get("locative", {}):
        return True
    # "the Belarus border": a bare country name does not take an article unless it is part of the name.
    if country and name == bare and word.lower() in lx.PLACE_ARTICLES and " " not in bare and bare not in words.get("article_country", {}):
        return lx.MODIFIED_NOUN_AFTER.match(text[m.end : m.end + 30]) is not None
    return False


def discover(doc: Document, alias_actor: Mapping[str, str]) -> dict[str, Actor]:
    """Persons and organisations named by capitalised sequences; ``alias_actor`` (alias in lower
    case -> actor) gives a discovered person the label of the user's actor list."""
    text = doc.text
    names = lx.names()
    stop = set(names.get("not_name", {}))
    not_name = stop | set(lx.nations())
    honorific = set(names.get("honorific", {}))
    org_head = names.get("org_head", {})
    place_head = set(names.get("place_head", {}))
    role_info = lx.role_info()
    speech = lx.speech_verbs()
    capitalised_words = Counter(_CAPITALISED_WORD.findall(text))
    actors: dict[str, Actor] = {}
    candidates: list[tuple[int, list[str], str]] = []
    for m in lx.CAP_SEQ.finditer(text):
        tokens = m.group().split()
        offset = m.start()
        # Leading sentence words are not part of a name.
        while tokens and tokens[0] in stop:
            offset = text.index(tokens[1], offset + len(tokens[0])) if len(tokens) > 1 else offset
            tokens = tokens[1:]
        if not tokens:
            continue
        last, possessive = strip_possessive(tokens[-1])
        tokens = tokens[:-1] + [last]
        if any(t in place_head for t in tokens):
            continue
        if last in org_head and len(tokens) > 1:
            candidates.append((offset, tokens, "org"))
            continue
        # A title inside the sequence (Health Minister Rachel Dunmore, Dr Samuel Achebe) is not part of the name.
        cut = max((k for k, t in enumerate(tokens) if t in honorific or t.lower() in role_info), default=-1)
        if cut >= 0:
            offset = text.index(tokens[cut + 1], offset + len(" ".join(tokens[: cut + 1]))) if cut + 1 < len(tokens) else offset
            tokens = tokens[cut + 1 :]
        if 2 <= len(tokens) <= 4 and all(t not in not_name for t in tokens):
            candidates.append((offset, tokens, "person"))
    # How many candidates end in each word: a surname capitalised more often than that is used alone too.
    candidate_ends = Counter(t[-1] for _, t, _ in candidates)
    for offset, tokens, kind in candidates:
        full = " ".join(tokens)
        if kind == "org":
            label = full
            actor = actors.setdefault(label, Actor(label, "org", offset, org_class=org_head.get(tokens[-1], "")))
            actor.full_names.add(full)
            stem = tokens[:-1]
            if stem and stem[0] not in honorific:
                actor.short_names.add(" ".join(stem))
            if stem and stem[-1].endswith(("'s", "\u2019s")) and len(stem) >= 2:
                actor.short_names.add(" ".join(stem))
            if not lx.role_info().get(tokens[-1].lower()) and tokens[-1] not in lx.GENERIC_ORG_HEADS:
                actor.short_names.add(tokens[-1])
            continue
        surname = tokens[-1]
        end = offset + len(full)
        evidence = (
            capitalised_words[surname] > candidate_ends[surname]
            or title_before(doc, offset)[1] is not None
            or lx.APPOSITION_AFTER_NAME.match(text[end : end + 20]) is not None
            or any(w.lower() in speech for w in lx.WORD.findall(text[end : end + 25])[:2])
            or any(t in honorific for t in text[max(0, offset - 6) : offset].split())
        )
        if not evidence:
            continue
        label = surname
        listed = alias_actor.get(full.lower()) or alias_actor.get(surname.lower())
        if listed:
            label = listed
        actor = actors.setdefault(label, Actor(label, "person", offset))
        actor.full_names.add(full)
        actor.short_names.add(surname)
        if len(tokens) >= 2 and tokens[0] not in honorific:
            actor.short_names.add(tokens[0])
    # A first name shared by two people, or equal to another's surname, names nobody in particular.
    firsts = Counter(s for a in actors.values() if a.kind == "person" for s in a.short_names)
    for actor in actors.values():
        actor.short_names = {s for s in actor.short_names if firsts[s] == 1 or actor.kind != "person"}
    return actors


def title_before(doc: Document, start: int) -> tuple[int, tuple[str, frozenset[str], frozenset[str]] | None]:
    """A role title right before a name (``Council leader`` Margaret Oyelaran); its start and role."""
    text = doc.text
    # Titles are short: look back at most 60 characters on the same line.
    line_start = max(text.rfind("\n", max(0, start - 60), start) + 1, start - 60, 0)
    window = text[line_start:start]
    best = None
    for s, e, cue in lx.role_matcher().finditer(window):
        if e == len(window.rstrip()) and window[e:].strip() == "" and len(window) - e <= 1:
            best = (s, e, cue)
    if best is None:
        return start, None
    s, e, cue = best
    role_class, kind = lx.role_info()[cue.lower()]
    if kind != "person":
        return start, None
    # Up to two capitalised or noun modifiers before the title (Health Minister, Council leader).
    mods: list[str] = []
    nations: list[str] = []
    begin = line_start + s
    for w in reversed(words_before(text, begin, 2, line_start)):
        if text[w.end() : begin].strip():
            break
        word = w.group()
        if word.lower() in lx.DETERMINERS or word.lower() in lx.INDEFINITE or word in lx.names().get("not_name", {}):
            break
        if not word[0].isupper():
            break
        if word in lx.nation_adjectives():
            nations.append(lx.nation_adjectives()[word])
        else:
            mods.append(word.lower())
        begin = w.start()
    return begin, (role_class, frozenset(mods), frozenset(nations))
