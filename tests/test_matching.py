import re
from pathlib import Path

import pytest

from workbench.matching import MatcherSet, PhraseMatcher, find_phrases, phrase_pattern


def found(matcher, text, *args):
    return [(text[s:e], phrase) for s, e, phrase in matcher.finditer(text, *args)]


def reference(phrases, text, case_sensitive=False):
    """The plain one-alternation matcher the fast one must agree with."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    groups = "|".join(f"(?P<p{i}>{phrase_pattern(p)})" for i, p in enumerate(ordered))
    regex = re.compile(rf"(?<!\w)(?:{groups})(?!\w)", 0 if case_sensitive else re.IGNORECASE)
    return [(m.group(), ordered[int(m.lastgroup[1:])]) for m in regex.finditer(text)]


def test_longest_phrase_wins_and_matches_do_not_overlap():
    matcher = PhraseMatcher(["may", "may be", "be able"])
    assert found(matcher, "It may be able to. May.") == [("may be", "may be"), ("May", "may")]


def test_whole_words_only_and_wildcards():
    matcher = PhraseMatcher(["suggest*", "cat"])
    assert found(matcher, "It suggested a category, cat's toy; concatenate.") == [("suggested", "suggest*"), ("cat", "cat")]


def test_whitespace_apostrophes_and_hyphens_are_folded():
    matcher = PhraseMatcher(["so-called", "it's clear"])
    text = "the so\u2011called plan, so\u2010called too; it\u2019s\n clear"
    assert [m for m, _ in found(matcher, text)] == ["so\u2011called", "so\u2010called", "it\u2019s\n clear"]


def test_case_sensitive_mode():
    matcher = PhraseMatcher(["May"], case_sensitive=True)
    assert found(matcher, "may May") == [("May", "May")]


def test_no_match_after_a_word_character_and_search_window():
    matcher = PhraseMatcher(["'s", "bee"])
    assert found(matcher, "it's a bee") == [("bee", "bee")]
    assert found(matcher, "a bee and a bee", 3) == [("bee", "bee")]
    assert found(matcher, "a beetle", 0, 5) == [("bee", "bee")]  # the window ends the word


@pytest.mark.parametrize("case_sensitive", [False, True])
def test_agrees_with_the_single_alternation(case_sensitive):
    phrases = ["a", "a lot", "an", "another", "about", "it is", "it is clear", "is", "clear*", "'s", "no doubt", "No"]
    # "\u0130" (dotted capital I) lower-cases to two characters: keys must stay aligned after it.
    text = "It is clear that a lot is about \u0130stanbul, another thing; it's clearly no doubt. No, an apple is a-OK. It IS"
    assert found(PhraseMatcher(phrases, case_sensitive=case_sensitive), text) == reference(phrases, text, case_sensitive)


def test_empty_phrase_list_is_an_error():
    with pytest.raises(ValueError):
        PhraseMatcher([])


def test_matcher_set_gives_each_matcher_its_own_matches():
    # Overlapping phrases across matchers: each keeps its own longest, non-overlapping matches.
    matchers = {
        "short": PhraseMatcher(["may", "be", "able to", "clear*"]),
        "long": PhraseMatcher(["may be", "be able", "it's clear"]),
        "other": PhraseMatcher(["nothing here"]),
    }
    text = "It may be able to. It\u2019s clear so; may BE clearly, maybe."
    together = MatcherSet(matchers).finditer_all(text)
    assert together == {name: list(m.finditer(text)) for name, m in matchers.items()}
    assert [text[s:e] for s, e, _ in together["long"]] == ["may be", "It\u2019s clear", "may BE"]
    assert together["other"] == []
    assert MatcherSet(matchers).finditer_all(text, 3, 12) == {name: list(m.finditer(text, 3, 12)) for name, m in matchers.items()}


def test_matcher_set_agrees_on_lexicons_and_rejects_mixed_case_modes():
    from workbench.lexicons import load_lexicon

    frame = load_lexicon("frames")
    matchers = {label: PhraseMatcher(rows["cue"]) for label, rows in frame.groupby("label")}
    text = (Path(__file__).resolve().parents[1] / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")
    assert MatcherSet(matchers).finditer_all(text) == {name: list(m.finditer(text)) for name, m in matchers.items()}
    with pytest.raises(ValueError, match="all ignore case"):
        MatcherSet({"a": PhraseMatcher(["a"]), "b": PhraseMatcher(["b"], case_sensitive=True)})


def test_matcher_set_asks_only_matchers_indexed_by_the_text_prefix_and_finds_the_same():
    # MatcherSet asks at a candidate position only the matchers with a phrase whose first
    # characters (up to four, fewer for short or wildcard heads) begin the text there; the
    # result must equal each matcher's own scan, with short heads, wildcards, folded
    # apostrophes and hyphens, capitals, and a text whose lower-casing is not exact.
    matchers = {
        "short": PhraseMatcher(["a", "at odds", "us", "un*", "can't", "heart-breaking"]),
        "long": PhraseMatcher(["unfair advantage", "at", "under*", "can", "heartbreak*", "i"]),
        "modal": PhraseMatcher(["will", "would", "wil*"]),
    }
    texts = [
        "At odds, UNDERSTANDABLY: an unfair advantage can\u2019t be heart\u2010breaking; Will wilful us?",
        "A trip to \u0130zmir: unfair advantage, at odds, I can't.",
    ]
    for text in texts:
        assert MatcherSet(matchers).finditer_all(text) == {name: list(m.finditer(text)) for name, m in matchers.items()}


def test_find_phrases_agrees_with_the_case_sensitive_matcher():
    phrases = ["Anna Price", "Anna", "Price", "Price's", "St Aldric's", "a", "it is", "\u0130lham Aliyev"]
    text = "Anna Price said. Price\u2019s view: Anna, price; St Aldric\u2019s; it IS a test. AnnaPrice \u0130lham Aliyev"
    expected = list(PhraseMatcher(phrases, case_sensitive=True).finditer(text))
    assert find_phrases(text, phrases) == expected
    assert find_phrases(text, []) == []


def test_phrases_whose_first_letters_lower_case_to_more_letters_are_found():
    # "\u0130".lower() is two characters; buckets are filed by the text's characters, not the key's.
    matcher = PhraseMatcher(["\u0130zmir", "a"])
    assert found(matcher, "a trip to \u0130zmir") == [("a", "a"), ("\u0130zmir", "\u0130zmir")]
    assert MatcherSet({"m": matcher}).finditer_all("a") == {"m": [(0, 1, "a")]}


def test_a_word_of_only_a_wildcard_is_refused():
    # It would match the empty string, and a scan would never advance.
    for phrase in ["*", "so *"]:
        with pytest.raises(ValueError, match="before"):
            PhraseMatcher([phrase])


def test_word_character_test_is_the_regex_one():
    from workbench.matching import _is_word_char

    word = re.compile(r"\w")
    sample = [chr(c) for c in range(0, 0x30000, 3)] + ["_", "\u0663", "\u00b2", "\u2167", "-", "\u2019"]
    assert [c for c in sample if _is_word_char(c) != bool(word.match(c))] == []


def test_find_phrases_gives_the_same_matches_in_one_pass_for_long_texts(monkeypatch):
    import random

    import workbench.matching as matching

    rng = random.Random(7)
    names = [f"{rng.choice(['Ann', 'Bo', 'Cy', 'De'])}{i} {rng.choice(['Lee', 'Marr', 'Ng'])}" for i in range(60)] + ["Ann1", "O\u2019Neill", "Jean-Luc Picard"]
    words = names + ["and", "said", "the", "Ann", "Lee", "O'Neill", "Jean\u2010Luc  Picard", "Ann1x"]
    text = " ".join(rng.choice(words) for _ in range(3000))
    per_phrase = matching.find_phrases(text[:200], names)  # small: one regex per phrase
    monkeypatch.setattr(matching, "_ONE_PASS_WORK", 10**12)
    slow = matching.find_phrases(text, names)
    monkeypatch.setattr(matching, "_ONE_PASS_WORK", 0)
    assert matching.find_phrases(text, names) == slow and len(slow) > 1000
    assert matching.find_phrases(text[:200], names) == per_phrase


def test_literal_name_search_matches_the_regex_matcher_on_random_texts():
    import random

    rng = random.Random(11)
    names = ["Ann Lee", "Ann", "Lee", "O\u2019Neill", "O'Neill Jr", "Jean-Luc Picard", "Luc", "Dr. Ng", "Ng", "Ann Lee Ng"]
    pieces = ["Ann", "Lee", "Ann1", "xAnn", "O'Neill", "O\u2019Neill", "Jr", "Jean\u2010Luc", "Jean\u2011Luc", "Jean-Luc",
              "Picard", "Picard_", "Dr.", "Ng", "Ngs", "said", "\u00e9Ann", ",", "."]
    gaps = [" ", "  ", "\n", "\u00a0", "\t", "", "-"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(gaps) for _ in range(rng.randint(1, 30)))
        chosen = rng.sample(names, rng.randint(1, len(names)))
        assert find_phrases(text, chosen) == list(PhraseMatcher(chosen, case_sensitive=True).finditer(text)), (text, chosen)
