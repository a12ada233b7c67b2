import re

import pytest

from workbench.matching import PhraseMatcher, phrase_pattern


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
