"""Lexicons and rule word lists: every one is data, validated, listed and hashed; detector code holds none."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from workbench.lexicons import LexiconError, available_lexicons, lexicon_hashes, lexicon_kind, load_lexicon, load_wordlists

DETECTORS = Path(__file__).resolve().parents[1] / "workbench" / "detectors"
# Three or more words in a set literal, a frozenset/set call, a str.split() literal or a regex alternation.
MIN_WORDS = 3
_ALTERNATION = re.compile(r"\(\?:((?:[A-Za-z'\u2019]+\|){%d,}[A-Za-z'\u2019]+)\)" % (MIN_WORDS - 1))


def _words(node: ast.AST) -> list[str]:
    return [e.value for e in getattr(node, "elts", []) if isinstance(e, ast.Constant) and isinstance(e.value, str) and re.fullmatch(r"[A-Za-z'\u2019 -]+", e.value)]


def literal_word_sets(source: str) -> list[tuple[int, str]]:
    """(line, words) of every word list written into Python code: a set literal, a frozenset/set
    call, a tuple or list tested with ``in``, a ``"...".split()`` or a regex alternation."""
    tree = ast.parse(source)
    compared = {id(c) for node in ast.walk(tree) if isinstance(node, ast.Compare) for c in node.comparators}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Set) or (isinstance(node, (ast.Tuple, ast.List)) and id(node) in compared):
            words = _words(node)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("frozenset", "set") and node.args:
            words = _words(node.args[0])
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "split" and isinstance(node.func.value, ast.Constant)
              and isinstance(node.func.value.value, str)):
            words = node.func.value.value.split()
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.update((node.lineno, m.group(1)) for m in _ALTERNATION.finditer(node.value))
            continue
        else:
            continue
        if len(words) >= MIN_WORDS:
            found.add((node.lineno, " ".join(words)))
    return sorted(found)


def offenders() -> dict[str, list[tuple[int, str]]]:
    """Detector modules (not the registry's own plumbing) with word lists in their code."""
    out = {}
    for path in sorted(DETECTORS.rglob("*.py")):
        if path.name in ("registry.py", "base.py", "__init__.py") and path.parent == DETECTORS:
            continue
        found = literal_word_sets(path.read_text(encoding="utf-8"))
        if found:
            out[path.relative_to(DETECTORS).as_posix()] = found
    return out


def test_detector_code_holds_no_word_lists():
    found = offenders()
    assert not found, "word lists belong in workbench/lexicons/ (a .tsv lexicon or a .yaml of word lists): " + "; ".join(
        f"{name}:{line} ({words[:60]})" for name, items in found.items() for line, words in items[:3])


def test_the_check_finds_word_lists_written_in_code():
    code = '''
A = frozenset({"the", "a", "an"})
B = {"yes", "no", "maybe"}
C = "one two three".split()
D = r"\\b(?:de|van|von)\\b"
def f(w):
    return w in ("he", "she", "they")
'''
    assert [line for line, _ in literal_word_sets(code)] == [2, 3, 4, 5, 7]
    assert not literal_word_sets('LABELS = ("hedge", "booster", "attribution")\nX = {"cue": 1}')


@pytest.mark.parametrize("name", available_lexicons())
def test_every_lexicon_loads_with_a_reason_for_each_entry(name):
    table = load_lexicon(name)
    assert len(table) and {"cue", "label", "source"} <= set(table.columns)
    assert (table["source"].str.strip() != "").all()
    if lexicon_kind(name) == "wordlists":
        lists = load_wordlists(name)
        assert lists.description and all(lists.reasons[key] for key in lists)


def test_every_lexicon_file_is_hashed_for_the_manifest():
    hashed = {file.rsplit(".", 1)[0] for file in lexicon_hashes()}
    assert hashed == set(available_lexicons())


@pytest.mark.parametrize(
    "content, problem",
    [
        ("lists: {}\n", "description"),
        ("description: x\nlists:\n  a:\n    words: [x]\n", "exactly the keys"),
        ("description: x\nlists:\n  a:\n    reason: ''\n    words: [x]\n", "reason is empty"),
        ("description: x\nlists:\n  a:\n    reason: r\n    words: [yes, no]\n", "quote words"),
        ("description: x\nlists:\n  a:\n    reason: r\n    words: [x]\ncolour: red\n", "unknown key"),
        ("description: x\nlists: {}\npatterns:\n  - {id: p, reason: r, regex: '('}\n", "bad regular expression"),
    ],
)
def test_a_malformed_word_list_file_names_the_file_and_the_problem(tmp_path, monkeypatch, content, problem):
    import workbench.lexicons as lexicons

    (tmp_path / "broken.yaml").write_text(content, encoding="utf-8")
    monkeypatch.setattr(lexicons, "_files", lambda: tmp_path)
    load_wordlists.cache_clear()
    try:
        with pytest.raises(LexiconError, match=f"broken.yaml.*{problem}"):
            load_wordlists("broken")
    finally:
        load_wordlists.cache_clear()
