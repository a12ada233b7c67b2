"""Broken and hostile corpus input: each bad entry is rejected by name with its reason, and
never costs a good document or the run."""

from __future__ import annotations

import os

import pytest

from workbench.corpus import CorpusError, Document, Rejected, iter_corpus, load_corpus

symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="needs POSIX symbolic links")


def _reasons(corpus) -> dict[str, str]:
    """Rejections by file name (folders) or location (tables)."""
    return {r.location or os.path.basename(r.source): r.reason for r in corpus.rejected}


# --------------------------------------------------------------------------- folders: links


@symlinks
def test_a_link_out_of_the_folder_is_refused_unless_links_are_followed(write, tmp_path):
    write("c/good.txt", "A fine text.")
    outside = write("secret.txt", "Text outside the corpus folder.")
    os.symlink(outside, tmp_path / "c" / "out.txt")
    corpus = load_corpus(tmp_path / "c")
    assert corpus.doc_ids == ["good"]
    (rejected,) = corpus.rejected
    assert rejected.doc_id == "out" and rejected.source == str(tmp_path / "c" / "out.txt")
    assert "symbolic link leads outside the corpus folder" in rejected.reason
    assert [p.name for p in corpus.inputs] == ["good.txt"]  # the manifest never hashes what was refused
    followed = load_corpus(tmp_path / "c", follow_links=True)
    assert followed.doc_ids == ["good", "out"] and not followed.rejected
    assert followed["out"].text == "Text outside the corpus folder."


@symlinks
def test_a_link_to_etc_hostname_is_refused(write, tmp_path):
    write("c/good.txt", "A fine text.")
    os.symlink("/etc/hostname", tmp_path / "c" / "host.txt")
    corpus = load_corpus(tmp_path / "c")
    assert corpus.doc_ids == ["good"]
    assert "symbolic link leads outside the corpus folder" in _reasons(corpus)["host.txt"]


@symlinks
def test_a_link_inside_the_folder_is_read(write, tmp_path):
    write("c/a.txt", "The first text.")
    os.symlink("a.txt", tmp_path / "c" / "b.txt")
    corpus = load_corpus(tmp_path / "c")
    assert corpus.doc_ids == ["a", "b"] and corpus["b"].text == "The first text."


@symlinks
def test_link_loops_and_dangling_links_are_rejected_and_the_rest_analysed(write, tmp_path):
    write("c/good.txt", "A fine text.")
    os.symlink("loop2.txt", tmp_path / "c" / "loop1.txt")
    os.symlink("loop1.txt", tmp_path / "c" / "loop2.txt")
    os.symlink("missing.txt", tmp_path / "c" / "dangling.txt")
    for follow in (False, True):
        corpus = load_corpus(tmp_path / "c", follow_links=follow)
        assert corpus.doc_ids == ["good"]
        reasons = _reasons(corpus)
        assert set(reasons) == {"loop1.txt", "loop2.txt", "dangling.txt"}
        assert "symbolic link loop" in reasons["loop1.txt"] and "symbolic link loop" in reasons["loop2.txt"]
        assert "dangling symbolic link" in reasons["dangling.txt"] and "missing.txt" in reasons["dangling.txt"]
        assert [p.name for p in corpus.inputs] == ["good.txt"]
        corpus.input_hashes()  # the manifest's listing must not trip over the links either


def test_a_fifo_named_txt_is_rejected_without_being_opened(write, tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs os.mkfifo")
    write("c/good.txt", "A fine text.")
    os.mkfifo(tmp_path / "c" / "pipe.txt")  # opening it would block the run for ever
    corpus = load_corpus(tmp_path / "c")
    assert corpus.doc_ids == ["good"] and "not a regular file" in _reasons(corpus)["pipe.txt"]


# --------------------------------------------------------------------------- folders: sub-folders


def _nested(write):
    write("c/top.txt", "Top text.")
    write("c/2022/03/a.txt", "March text.")
    write("c/2022/b.txt", "Year text.")
    write("c/drafts/x.md", "not a text file")
    write("c/.ipynb_checkpoints/top-checkpoint.txt", "A copy JupyterLab keeps.")


def test_sub_folders_are_skipped_with_one_note_unless_recursive(write, tmp_path):
    from workbench.corpus import Skipped

    _nested(write)
    items = list(iter_corpus(tmp_path / "c"))
    notes = [i for i in items if isinstance(i, Skipped)]
    assert [i.doc_id for i in items if isinstance(i, Document)] == ["top"]
    (note,) = notes
    assert isinstance(note, Rejected) and note.doc_id is None and note.source == str(tmp_path / "c")
    assert "2022/" in note.reason and "drafts/" in note.reason and "recursive=True" in note.reason
    corpus = load_corpus(tmp_path / "c")
    assert corpus.rejected == [note]
    load_corpus(tmp_path / "c", strict=True)  # a skipped folder is a note, not a rejected document


def test_recursive_reads_sub_folders_with_path_ids(write, tmp_path):
    _nested(write)
    corpus = load_corpus(tmp_path / "c", recursive=True)
    assert corpus.doc_ids == ["2022/03/a", "2022/b", "top"]
    assert corpus["2022/03/a"].meta["source_file"] == "2022/03/a.txt"
    assert [p.relative_to(tmp_path / "c").as_posix() for p in corpus.inputs] == ["2022/03/a.txt", "2022/b.txt", "top.txt"]
    assert [row["path"] for row in corpus.input_hashes()] == ["2022/03/a.txt", "2022/b.txt", "top.txt"]
    # hidden folders (.git, .ipynb_checkpoints) are never read, and say so
    (note,) = corpus.rejected
    assert ".ipynb_checkpoints/" in note.reason


def test_a_folder_of_only_sub_folders_says_why_nothing_was_read(write, tmp_path):
    write("c/2022/a.txt", "Text.")
    with pytest.raises(CorpusError, match=r"no usable documents.*2022/.*recursive=True"):
        load_corpus(tmp_path / "c")


@symlinks
def test_recursion_does_not_follow_linked_folders_or_loop(write, tmp_path):
    write("c/a/one.txt", "One.")
    write("elsewhere/two.txt", "Two.")
    os.symlink(tmp_path / "elsewhere", tmp_path / "c" / "linked")
    os.symlink(tmp_path / "c", tmp_path / "c" / "a" / "back")  # a loop when links are followed
    corpus = load_corpus(tmp_path / "c", recursive=True)
    assert corpus.doc_ids == ["a/one"]
    assert "linked/" in corpus.rejected[0].reason and "follow_links=True" in corpus.rejected[0].reason
    followed = load_corpus(tmp_path / "c", recursive=True, follow_links=True)
    assert followed.doc_ids == ["a/one", "linked/two"]


# --------------------------------------------------------------------------- size limit


def test_a_document_over_max_chars_is_rejected_by_name(write, tmp_path):
    write("c/small.txt", "Short.")
    write("c/big.txt", "x" * 101)
    corpus = load_corpus(tmp_path / "c", max_chars=100)
    assert corpus.doc_ids == ["small"]
    reason = _reasons(corpus)["big.txt"]
    assert "too large" in reason and "101 characters" in reason and "max_chars" in reason
    assert load_corpus(tmp_path / "c", max_chars=None).doc_ids == ["big", "small"]
    # bytes that cannot decode to fewer characters are refused before reading
    write("c/huge.txt", "y" * 1000)
    assert "bytes" in _reasons(load_corpus(tmp_path / "c", max_chars=100))["huge.txt"]


def test_max_chars_applies_to_every_table_format(write, tmp_path):
    import json

    import pandas as pd

    rows = [{"doc_id": "ok", "text": "Short."}, {"doc_id": "big", "text": "z" * 50}]
    parquet = tmp_path / "t.parquet"
    pd.DataFrame(rows).to_parquet(parquet)
    paths = [
        write("t.csv", "doc_id,text\nok,Short.\nbig," + "z" * 50 + "\n"),
        write("t.jsonl", "".join(json.dumps(r) + "\n" for r in rows)),
        parquet,
    ]
    for path in paths:
        corpus = load_corpus(path, max_chars=20)
        assert corpus.doc_ids == ["ok"], path
        (rejected,) = corpus.rejected
        assert rejected.doc_id == "big" and "too large" in rejected.reason
    talk = write("talk.csv", "dialogue_id,speaker,text\nd1,A,Hi.\nd2,A," + "w" * 30 + "\n")
    assert load_corpus(talk, max_chars=20).doc_ids == ["d1"]


def test_the_default_size_limit_is_documented_and_can_be_disabled(write):
    from workbench.corpus import MAX_CHARS

    assert MAX_CHARS == 5_000_000
    with pytest.raises(ValueError, match="max_chars"):
        load_corpus(write("c.txt", "x"), max_chars=0)
