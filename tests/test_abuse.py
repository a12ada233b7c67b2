"""Broken and hostile corpus input: each bad entry is rejected by name with its reason, and
never costs a good document or the run."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# --------------------------------------------------------------------------- tables: one bad row


@pytest.mark.parametrize(
    "bad_row, reason",
    [
        (b"b,two,extra\n", "3 fields where the header has 2, on line 3"),
        (b"b,t\x00wo\n", "binary data on line 3: control byte 0x00 at byte 21"),
        (b"b,caf\xe9 au lait\n", "undecodable bytes on line 3: not valid UTF-8 at byte 23"),
        (b'b,"a quote that never closes\n', "malformed quoting on line 5 (the row starts on line 3)"),
        (b'b,"quoted" then more\n', "malformed quoting on line 3"),
    ],
)
def test_one_broken_csv_row_costs_that_row_only(write, bad_row, reason):
    path = write("t.csv", b"doc_id,text\na,one\n" + bad_row + b'c,three\nd,"four,\nwith a second line"\n')
    corpus = load_corpus(path)
    assert corpus.doc_ids == ["a", "c", "d"] and corpus["d"].meta["location"] == "row 4"
    (rejected,) = corpus.rejected
    assert rejected.location == "row 2" and reason in rejected.reason


def test_a_late_nul_in_a_large_csv_rejects_one_row(write):
    rows = [f"d{i},Text number {i}, with a comma in quotes" for i in range(3000)]
    rows = [f'{r.split(",", 1)[0]},"{r.split(",", 1)[1]}"' for r in rows]
    rows[2500] = 'd2500,"late \x00 nul"'
    corpus = load_corpus(write("t.csv", "doc_id,text\n" + "\n".join(rows) + "\n"))
    assert len(corpus) == 2999
    assert [(r.location, r.reason.split(":")[0]) for r in corpus.rejected] == [("row 2501", "binary data on line 2502")]


def test_a_broken_csv_header_rejects_the_table(write):
    with pytest.raises(CorpusError, match="unreadable header: binary data on line 1"):
        load_corpus(write("t.csv", b"doc\x00_id,text\na,one\n"))
    with pytest.raises(CorpusError, match="not a readable CSV table: the file is empty"):
        load_corpus(write("e.csv", b""))


def test_an_unclosed_quote_on_the_last_row_is_rejected(write):
    corpus = load_corpus(write("t.csv", 'doc_id,text\na,one\nb,"never closed\n'))
    assert corpus.doc_ids == ["a"] and "unclosed quote" in corpus.rejected[0].reason


@given(
    junk=st.binary(min_size=1, max_size=60).map(lambda b: b.translate(None, b'",\r\n')),
    # bytes that no neighbour turns into UTF-8: control bytes, bytes never used in UTF-8, an encoded surrogate
    bad=st.sampled_from([b"\x00", b"\x01", b"\x1f", b"\xc0", b"\xff", b"\xed\xa0\x80"]),
    where=st.integers(0, 60),
    row=st.integers(0, 4),
    quoted=st.booleans(),
)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_random_bytes_in_one_csv_row_cost_that_row_only(tmp_path, junk, bad, where, row, quoted):
    junk = junk[:where] + bad + junk[where:]
    field = b'"' + junk + b'"' if quoted else junk
    lines = [f"d{i},Good text {i}.".encode() for i in range(5)]
    lines[row] = f"d{row},".encode() + field
    path = tmp_path / "t.csv"
    path.write_bytes(b"doc_id,text\n" + b"\n".join(lines) + b"\n")
    corpus = load_corpus(path)
    assert corpus.doc_ids == [f"d{i}" for i in range(5) if i != row]
    (rejected,) = corpus.rejected
    assert rejected.location == f"row {row + 1}" and f"line {row + 2}" in rejected.reason


def test_one_broken_jsonl_line_costs_that_line_only(write):
    good = [b'{"doc_id": "a", "text": "One."}', b'{"doc_id": "c", "text": "Three."}']
    for bad, reason in [
        (b'{"doc_id": "b", "text": "caf\xe9"}', "undecodable bytes: not valid UTF-8 at byte 60"),
        (b'{"doc_id": "b", "text": "t\x00wo"}', "binary data: control byte 0x00 at byte 58"),
        (b'{"doc_id": "b", "text": "two"', "malformed JSON"),
    ]:
        corpus = load_corpus(write("t.jsonl", b"\n".join([good[0], bad, good[1]]) + b"\n"))
        assert corpus.doc_ids == ["a", "c"]
        (rejected,) = corpus.rejected
        assert rejected.location == "line 2" and reason in rejected.reason, rejected.reason


def test_a_binary_file_named_jsonl_is_refused_whole(write):
    with pytest.raises(CorpusError, match="not a text file: control byte"):
        load_corpus(write("t.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))))


def test_a_parquet_row_without_string_text_costs_that_row_only(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"doc_id": ["a", "b", "c"], "text": ["One.", None, "Three."]}), path)
    corpus = load_corpus(path)
    assert corpus.doc_ids == ["a", "c"]
    assert [(r.location, r.doc_id, r.reason) for r in corpus.rejected] == [("row 2", "b", "'text' is null")]
    numbers = tmp_path / "n.parquet"
    pq.write_table(pa.table({"text": [1, 2]}), numbers)
    with pytest.raises(CorpusError, match="'text' is int, not a string"):
        load_corpus(numbers)


def test_a_corrupt_parquet_row_group_costs_its_rows_only(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "t.parquet"
    texts = [f"Text number {i}. " * 20 for i in range(6)]
    pq.write_table(pa.table({"doc_id": [f"d{i}" for i in range(6)], "text": texts}), path, row_group_size=2, compression="NONE")
    column = pq.ParquetFile(path).metadata.row_group(1).column(1)
    start = column.dictionary_page_offset or column.data_page_offset
    data = bytearray(path.read_bytes())
    data[start:start + 40] = b"\xff" * 40  # the page header of the second group's texts
    path.write_bytes(bytes(data))
    corpus = load_corpus(path)
    assert corpus.doc_ids == ["d0", "d1", "d4", "d5"]
    assert [r.location for r in corpus.rejected] == ["row 3", "row 4"]
    assert all("row group 2 cannot be read" in r.reason and "\n" not in r.reason for r in corpus.rejected)


# --------------------------------------------------------------------------- ids


@pytest.mark.parametrize("bad_id, kind", [([1, 2], "list"), ({"a": 1}, "dict"), (1.0, "float"), (True, "bool"), (False, "bool")])
def test_a_jsonl_id_that_is_no_string_is_rejected_by_line(write, bad_id, kind):
    import json

    rows = [{"doc_id": "a", "text": "One."}, {"doc_id": bad_id, "text": "Two."}, {"doc_id": 7, "text": "Three."}]
    corpus = load_corpus(write("t.jsonl", "".join(json.dumps(r) + "\n" for r in rows)))
    assert corpus.doc_ids == ["a", "7"]  # whole numbers are ids, written in decimal
    (rejected,) = corpus.rejected
    assert rejected.location == "line 2" and f"is a {kind}, not a string or a whole number" in rejected.reason


def test_parquet_ids_integers_are_ids_floats_are_rejected(tmp_path):
    import pandas as pd

    path = tmp_path / "t.parquet"
    pd.DataFrame({"doc_id": [1, 2], "text": ["One.", "Two."]}).to_parquet(path)
    assert load_corpus(path).doc_ids == ["1", "2"]
    pd.DataFrame({"doc_id": [1.0, 2.5], "text": ["One.", "Two."]}).to_parquet(path)
    with pytest.raises(CorpusError, match=r"row 1: doc_id 1\.0 is a float"):
        load_corpus(path)


def test_a_dialogue_id_that_is_no_string_is_rejected(write):
    import json

    rows = [{"dialogue_id": "d1", "speaker": "A", "text": "Hi."}, {"dialogue_id": [1], "speaker": "B", "text": "Yes."}]
    corpus = load_corpus(write("t.jsonl", "".join(json.dumps(r) + "\n" for r in rows)))
    assert corpus.doc_ids == ["d1"] and "dialogue_id [1] is a list" in corpus.rejected[0].reason


# --------------------------------------------------------------------------- the count invariant
#
# For every input: documents + rejected documents == entries (the .txt names in the folder,
# the rows of a CSV table, the non-blank lines of a JSONL file, the rows of a Parquet file),
# and every good entry is among the documents. A Skipped note is no entry.

_TXT_ENTRIES = {
    "good": lambda i: f"Good text number {i}.".encode(),
    "empty": lambda i: b"  \n\n",
    "binary": lambda i: b"\x89PNG\r\n\x1a\n\x00\x00\rIHDR",
    "latin1": lambda i: "caf\u00e9 au lait".encode("latin-1"),
    "too_large": lambda i: b"x" * 200,
}
_LINKS = ["dangling", "loop", "outside"]
_CSV_ROWS = {
    "good": lambda i: f"d{i},Good text number {i}.".encode(),
    "good_quoted": lambda i: f'd{i},"Good, quoted\ntext {i}."'.encode(),
    "extra_field": lambda i: f"d{i},text,extra".encode(),
    "missing_text": lambda i: f"d{i}".encode(),
    "nul": lambda i: f"d{i},t".encode() + b"\x00" + b"xt",
    "latin1": lambda i: f"d{i},caf".encode() + b"\xe9",
    "stray_quote": lambda i: f'd{i},"quoted" then text'.encode(),
    "unclosed_quote": lambda i: f'd{i},"never closed'.encode(),
    "empty": lambda i: f"d{i},".encode(),
    "too_large": lambda i: f"d{i},".encode() + b"y" * 200,
}
_JSONL_LINES = {
    "good": lambda i: f'{{"doc_id": "d{i}", "text": "Good text number {i}."}}'.encode(),
    "int_id": lambda i: f'{{"doc_id": {i}, "text": "Good text number {i}."}}'.encode(),
    "float_id": lambda i: f'{{"doc_id": {i}.5, "text": "Text."}}'.encode(),
    "list_id": lambda i: b'{"doc_id": [1], "text": "Text."}',
    "malformed": lambda i: b'{"doc_id": "x", "text": ',
    "not_object": lambda i: b"[1, 2]",
    "nul": lambda i: b'{"text": "t\x00xt"}',
    "latin1": lambda i: b'{"text": "caf\xe9"}',
    "text_number": lambda i: b'{"text": 3}',
    "too_large": lambda i: b'{"text": "' + b"z" * 200 + b'"}',
}
_SMALL = 100  # max_chars for the generated corpora, so "too_large" entries stay small


def _good_ids(kinds: list[str]) -> list[str]:
    return [f"d{i}" if kind != "int_id" else str(i) for i, kind in enumerate(kinds) if kind.startswith(("good", "int_id"))]


def _check_counts(path, entries: int, good: list[str], **options):
    corpus = load_corpus(path, max_chars=_SMALL, **options)
    from workbench.corpus import Skipped

    rejected = [r for r in corpus.rejected if not isinstance(r, Skipped)]
    assert len(corpus.documents) + len(rejected) == entries, [str(r) for r in rejected]
    assert set(good) <= set(corpus.doc_ids)
    assert all(r.reason and (r.location or r.doc_id) for r in rejected)  # each one named


_FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@_FUZZ
@given(
    kinds=st.lists(st.sampled_from([*_TXT_ENTRIES, *(_LINKS if os.name != "nt" else [])]), min_size=1, max_size=12),
    nested=st.lists(st.booleans(), min_size=12, max_size=12),
    recursive=st.booleans(),
    follow_links=st.booleans(),
)
def test_count_invariant_for_txt_folders(tmp_path_factory, kinds, nested, recursive, follow_links):
    kinds = ["good", *kinds]
    root = tmp_path_factory.mktemp("c")
    outside = root.parent / f"{root.name}-outside.txt"
    outside.write_text("Outside text.")
    entries, good = 0, []
    for i, kind in enumerate(kinds):
        folder = root / "sub" if nested[i % len(nested)] and i else root
        folder.mkdir(exist_ok=True)
        path = folder / f"d{i}.txt"
        if kind == "dangling":
            os.symlink(f"missing{i}.txt", path)
        elif kind == "loop":
            os.symlink(path.name, path)
        elif kind == "outside":
            os.symlink(outside, path)
        else:
            path.write_bytes(_TXT_ENTRIES[kind](i))
        if folder == root or recursive:
            entries += 1
            if kind == "good" or (kind == "outside" and follow_links):
                good.append(path.relative_to(root).with_suffix("").as_posix())
    _check_counts(root, entries, good, recursive=recursive, follow_links=follow_links)


@_FUZZ
@given(kinds=st.lists(st.sampled_from(list(_CSV_ROWS)), min_size=1, max_size=12), crlf=st.booleans())
def test_count_invariant_for_csv_tables(tmp_path_factory, kinds, crlf):
    kinds = ["good", *kinds]
    path = tmp_path_factory.mktemp("t") / "t.csv"
    eol = b"\r\n" if crlf else b"\n"
    path.write_bytes(eol.join([b"doc_id,text", *(_CSV_ROWS[kind](i) for i, kind in enumerate(kinds))]) + eol)
    _check_counts(path, len(kinds), _good_ids(kinds))


@_FUZZ
@given(kinds=st.lists(st.sampled_from(list(_JSONL_LINES)), min_size=1, max_size=12), blank=st.integers(0, 12))
def test_count_invariant_for_jsonl_tables(tmp_path_factory, kinds, blank):
    kinds = ["good", *kinds]
    lines = [_JSONL_LINES[kind](i) for i, kind in enumerate(kinds)]
    lines.insert(min(blank, len(lines)), b"   ")  # a blank line is no entry
    path = tmp_path_factory.mktemp("t") / "t.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    _check_counts(path, len(kinds), _good_ids(kinds))


@_FUZZ
@given(kinds=st.lists(st.sampled_from(["good", "null_text", "empty", "too_large", "duplicate"]), min_size=1, max_size=12))
def test_count_invariant_for_parquet_tables(tmp_path_factory, kinds):
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = ["good", *kinds]
    texts = {"good": "Good text.", "null_text": None, "empty": " ", "too_large": "w" * 200, "duplicate": "Again."}
    ids = [f"d{i}" if kind != "duplicate" else "d0" for i, kind in enumerate(kinds)]
    path = tmp_path_factory.mktemp("t") / "t.parquet"
    pq.write_table(pa.table({"doc_id": ids, "text": [texts[kind] for kind in kinds]}), path, row_group_size=3)
    _check_counts(path, len(kinds), _good_ids(kinds))
