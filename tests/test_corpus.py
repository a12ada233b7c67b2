import json

import pandas as pd
import pytest

from workbench.corpus import CorpusError, header_meta, iter_corpus, load_corpus, select


def test_txt_folder_is_sorted_with_stem_ids_and_header_meta(write, tmp_path):
    write("b.txt", "Second text.\n")
    write("a.txt", "16.03.2022.\n\nA short title\n\nBody sentence one. Body two.\n")
    write("notes.md", "ignored: not a .txt file")
    corpus = load_corpus(tmp_path)
    assert corpus.doc_ids == ["a", "b"]
    doc = corpus["a"]
    assert doc.meta["date"] == "2022-03-16"
    assert doc.meta["title"] == "A short title"
    start, end = doc.meta["title_span"]
    assert doc.text[start:end] == "A short title"
    # the header lines stay in the text: offsets are relative to the whole file
    assert doc.text.startswith("16.03.2022.")


def test_seed_article_header(seed_dir):
    doc = load_corpus(seed_dir)[0]
    assert doc.meta["date"] == "2022-03-16"
    assert doc.meta["title"].startswith("Why Vladimir Putin needs")


def test_bom_and_windows_line_endings(write, tmp_path):
    write("crlf.txt", "\ufeffFirst line.\r\n\r\nSecond paragraph.\r\n".encode("utf-8"))
    doc = load_corpus(tmp_path)[0]
    assert doc.text == "First line.\n\nSecond paragraph.\n"
    assert "\r" not in doc.text and not doc.text.startswith("\ufeff")


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        ("caf\u00e9 au lait".encode("latin-1"), "undecodable bytes"),
        (b"   \n\n  ", "empty document"),
    ],
)
def test_bad_txt_file_is_rejected_and_the_rest_loaded(write, tmp_path, content, reason):
    write("good.txt", "A perfectly fine text.")
    bad = write("bad.txt", content)
    corpus = load_corpus(tmp_path)
    assert corpus.doc_ids == ["good"]
    assert len(corpus.rejected) == 1
    rejected = corpus.rejected[0]
    assert rejected.source == str(bad) and reason in rejected.reason
    assert reason in str(rejected) and "bad.txt" in str(rejected)


def test_strict_mode_raises_with_file_name(write, tmp_path):
    write("good.txt", "Fine.")
    write("bad.txt", b"\xff\xfe\xfa not utf-8")
    with pytest.raises(CorpusError, match=r"bad\.txt.*undecodable"):
        load_corpus(tmp_path, strict=True)


def test_corpus_without_any_usable_document_is_an_error(write, tmp_path):
    write("empty.txt", "")
    with pytest.raises(CorpusError, match="no usable documents.*empty document"):
        load_corpus(tmp_path)


def test_missing_path_and_unsupported_format(tmp_path, write):
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match="unsupported corpus format '.xlsx'"):
        load_corpus(write("corpus.xlsx", b"PK"))


def test_csv_with_metadata_and_row_errors(write):
    path = write(
        "corpus.csv",
        'doc_id,text,date,source,title\nd1,"First text.\r\nWith a CRLF.",2022-03-01,bbc,T1\n'
        "d2,,2022-03-02,bbc,T2\nd1,Duplicate id.,2022-03-03,cnn,T3\nd3,Third text.,,cnn,\n",
    )
    corpus = load_corpus(path)
    assert corpus.doc_ids == ["d1", "d3"]
    assert corpus["d1"].text == "First text.\nWith a CRLF."
    assert corpus["d1"].meta["source"] == "bbc" and corpus["d1"].meta["date"] == "2022-03-01"
    assert "date" not in corpus["d3"].meta
    reasons = {r.location: r.reason for r in corpus.rejected}
    assert reasons["row 2"] == "empty document"
    assert "duplicate doc_id 'd1'" in reasons["row 3"] and "row 1" in reasons["row 3"]


def test_table_without_text_column_names_file_and_columns(write):
    path = write("corpus.csv", "doc_id,body\n1,hello\n")
    with pytest.raises(CorpusError, match=r"corpus\.csv: no 'text' column \(columns found: doc_id, body\)"):
        load_corpus(path)


def test_jsonl_malformed_line_is_rejected_with_line_number(write):
    path = write("corpus.jsonl", '{"doc_id": "a", "text": "Fine."}\n{"doc_id": "b", "text": \n[1, 2]\n{"text": "No id."}\n')
    corpus = load_corpus(path)
    assert corpus.doc_ids == ["a", "corpus-4"]
    reasons = {r.location: r.reason for r in corpus.rejected}
    assert reasons["line 2"].startswith("malformed JSON")
    assert "expected a JSON object" in reasons["line 3"]


def test_jsonl_without_any_text_field(write):
    with pytest.raises(CorpusError, match="no line has a 'text' field"):
        load_corpus(write("c.jsonl", '{"body": "x"}\n'))


def test_parquet_table(tmp_path):
    path = tmp_path / "c.parquet"
    pd.DataFrame({"doc_id": ["x", "y"], "text": ["One.", "Two."], "source": ["s1", None]}).to_parquet(path)
    corpus = load_corpus(path)
    assert corpus.doc_ids == ["x", "y"] and corpus["x"].meta["source"] == "s1" and "source" not in corpus["y"].meta


def test_parquet_without_text_column(tmp_path):
    path = tmp_path / "c.parquet"
    pd.DataFrame({"body": ["x"]}).to_parquet(path)
    with pytest.raises(CorpusError, match="no 'text' column"):
        load_corpus(path)


def test_dialogue_table_becomes_one_document_per_dialogue(write):
    path = write(
        "talk.csv",
        "dialogue_id,speaker,text,question\nd1,A,how are you,1\nd1,B,Fine thanks.,0\nd2,A,Hello.,\n",
    )
    corpus = load_corpus(path)
    doc = corpus["d1"]
    assert doc.text == "how are you\nFine thanks."
    turns = doc.meta["turns"]
    assert [t["speaker"] for t in turns] == ["A", "B"]
    assert [doc.text[t["start"]:t["end"]] for t in turns] == ["how are you", "Fine thanks."]
    assert turns[0]["question"] is True and turns[1]["question"] is False
    assert "question" not in corpus["d2"].meta["turns"][0]


def test_iter_corpus_is_lazy(write, tmp_path):
    write("a.txt", "One.")
    write("b.txt", "Two.")
    items = iter_corpus(tmp_path)
    assert next(items).doc_id == "a"


def test_select_by_metadata_and_month(write):
    path = write("c.jsonl", "\n".join(json.dumps(r) for r in [
        {"doc_id": "a", "text": "A.", "date": "2022-03-01", "source": "x"},
        {"doc_id": "b", "text": "B.", "date": "2022-04-01", "source": "y"},
    ]))
    corpus = load_corpus(path)
    assert select(corpus, {"month": "2022-04"}).doc_ids == ["b"]
    assert select(corpus, {"source": ["x", "y"]}).doc_ids == ["a", "b"]


def test_header_meta_does_not_take_a_sentence_for_a_title():
    assert "title" not in header_meta("This is a normal first sentence.\n\nAnd a second paragraph.")
    assert header_meta("2022-03-16\n\nHeadline here\n\nBody.")["date"] == "2022-03-16"


def test_txt_folder_order_and_what_counts_as_a_txt_file(tmp_path):
    from workbench.corpus import iter_corpus

    for name in ["b.txt", "A.TXT", "a.txt", "c.md", ".txt", "d.tar.txt"]:
        (tmp_path / name).write_text(f"Text of {name}.", encoding="utf-8")
    (tmp_path / "sub.txt").mkdir()
    expected = [p.name for p in sorted(p for p in tmp_path.iterdir() if p.is_file() and p.suffix.lower() == ".txt")]
    note, *docs = iter_corpus(tmp_path)
    assert [d.meta["source_file"] for d in docs] == expected == ["A.TXT", "a.txt", "b.txt", "d.tar.txt"]
    assert "sub.txt/" in note.reason  # a folder, whatever its name: reported as not read
    assert [p.name for p in load_corpus(tmp_path).inputs] == expected  # the manifest lists the same files


def test_corpus_error_is_an_input_error_with_source_location_and_reason(tmp_path):
    from workbench.errors import InputError

    with pytest.raises(InputError) as caught:
        load_corpus(tmp_path / "nope")
    error = caught.value
    assert isinstance(error, CorpusError) and isinstance(error, ValueError)
    assert (error.source, error.location, error.reason) == (str(tmp_path / "nope"), None, "no such file or folder")
    located = CorpusError("t.csv", "empty document", location="row 2")
    assert (located.source, located.location, located.reason, str(located)) == ("t.csv", "row 2", "empty document", "t.csv, row 2: empty document")


def test_estimate_documents_asks_the_reader_of_the_format(write, tmp_path):
    from workbench.corpus import estimate_documents

    write("c/a.txt", "x")
    write("c/b.txt", "y")
    write("c/notes.md", "z")
    assert estimate_documents(tmp_path / "c") == 2
    assert estimate_documents(tmp_path / "c" / "a.txt") == 1
    assert estimate_documents(write("t.jsonl", '{"text": "a"}\n\n{"text": "b"}\n')) == 2
    assert estimate_documents(write("t.csv", "text\na\n")) is None  # rows may span lines
    parquet = tmp_path / "t.parquet"
    pd.DataFrame({"text": ["a", "b", "c"]}).to_parquet(parquet)
    assert estimate_documents(parquet) == 3
    assert estimate_documents(tmp_path / "missing.parquet") is None
    assert estimate_documents(write("t.xlsx", b"PK")) is None


def test_a_registered_reader_handles_its_suffix(write, tmp_path):
    from workbench.corpus import Document, Reader, register
    from workbench.corpus import readers

    class LinesReader(Reader):
        suffixes = (".lines",)

        def read(self, path, *, options):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                yield Document(doc_id=f"l{number}", text=line)

    saved = dict(readers._READERS)
    try:
        register(LinesReader())
        assert load_corpus(write("c.lines", "One.\nTwo.\n")).doc_ids == ["l1", "l2"]
    finally:
        readers._READERS.clear()
        readers._READERS.update(saved)
    with pytest.raises(CorpusError, match="unsupported corpus format '.lines'"):
        load_corpus(tmp_path / "c.lines")
