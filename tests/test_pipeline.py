"""The analyze pipeline: backward-compatible API, lazy loading, incremental and atomic output, progress."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from workbench.corpus import CorpusError, Document, Rejected, iter_corpus, load_corpus
from workbench.detectors import register, unregister
from workbench.detectors.base import make_finding
from workbench.findings import FindingsWriter, empty_frame, findings_frame, read_findings, write_findings
from workbench.pipeline import ENGINES, analyze, detect_document, estimate_documents


class Maybe:
    """Marks 'maybe' and, on documents with 'twice', a second overlapping layer (a test double)."""

    name = "toy-maybe2"
    layers = ("stance", "loaded")

    def detect(self, doc):
        for match in re.finditer(r"\bmaybe\b", doc.text):
            yield make_finding(doc, detector=self.name, layer="stance", label="hedge", start=match.start(), end=match.end(),
                               cue="maybe", explanation="toy", extras={"n": 1, "note": "é \"q\", x"})
            if "twice" in doc.text:
                yield make_finding(doc, detector=self.name, layer="loaded", label="loaded_language", start=match.start(),
                                   end=match.end(), cue="maybe", explanation="toy, again", score=0.25)


@pytest.fixture()
def toy():
    register(Maybe())
    yield "toy-maybe2"
    unregister("toy-maybe2")


def test_one_analyze_for_every_way_of_naming_detectors(toy):
    docs = [Document("b", "maybe twice. maybe."), Document("a", "nothing here")]
    (result, empty) = list(ENGINES["serial"].run(docs, [Maybe()]))
    assert result.doc_id == "b" and len(result.findings) == 4 and result.error is None and empty.findings == []
    assert detect_document(docs[0], [Maybe()]).findings == result.findings
    frame = analyze(docs, detectors=toy, progress=False)
    assert frame.attrs["detectors"] == [toy] and frame.attrs["documents"] == 2 and frame.attrs["rejected"] == []
    pd.testing.assert_frame_equal(analyze(docs, detectors=[toy]), frame)
    pd.testing.assert_frame_equal(analyze(docs, detectors=[Maybe()]), frame)
    pd.testing.assert_frame_equal(analyze(docs, detectors=[(toy, {})]), frame)


def test_unknown_engines_and_engine_options_are_input_errors(toy):
    from workbench.errors import InputError

    docs = [Document("a", "maybe")]
    with pytest.raises(InputError, match="unknown engine 'warp'"):
        analyze(docs, detectors=[toy], engine="warp")
    with pytest.raises(InputError, match="engine 'serial' takes no option 'workers'"):
        analyze(docs, detectors=[toy], workers=2)
    with pytest.raises(InputError, match="engine 'processes' takes no option 'colour'.*chunk_size, workers"):
        analyze(docs, detectors=[toy], engine="processes", colour="red")
    with pytest.raises(InputError, match="workers must be a whole number"):
        analyze(docs, detectors=[toy], engine="processes", workers=0)


def test_findings_writer_matches_write_findings_byte_for_byte(toy, tmp_path):
    docs = [Document(f"d{i}", "maybe twice, maybe. " * (i + 1)) for i in range(5)]
    frame = analyze(docs, detectors=toy, progress=False)
    for suffix in (".jsonl", ".csv", ".parquet"):
        whole, pieces = tmp_path / f"whole{suffix}", tmp_path / f"pieces{suffix}"
        write_findings(frame, whole)
        with FindingsWriter(pieces, row_group_size=3) as writer:
            for start in range(0, len(frame), 4):
                writer.write(frame.iloc[start:start + 4])
        assert writer.rows == len(frame)
        pd.testing.assert_frame_equal(read_findings(pieces), read_findings(whole))
        if suffix != ".parquet":  # Parquet differs only in row-group layout
            assert pieces.read_bytes() == whole.read_bytes()
    import pyarrow.parquet as pq

    assert pq.ParquetFile(tmp_path / "pieces.parquet").num_row_groups > 1


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_findings_writer_empty_and_interrupted(tmp_path, suffix):
    out = tmp_path / f"f{suffix}"
    with FindingsWriter(out):
        pass
    pd.testing.assert_frame_equal(read_findings(out), read_findings(write_findings(empty_frame(), tmp_path / f"e{suffix}")))
    target = tmp_path / "sub" / f"g{suffix}"
    with pytest.raises(KeyboardInterrupt):
        with FindingsWriter(target) as writer:
            writer.write(findings_frame([{"doc_id": "d", "detector": "x", "layer": "stance", "label": "hedge", "start": 0,
                                          "end": 1, "text": "m", "sentence": 0, "cue": "m", "explanation": "e"}]))
            raise KeyboardInterrupt
    assert list((tmp_path / "sub").iterdir()) == []
    with pytest.raises(ValueError, match="unsupported findings format '.xlsx'"):
        FindingsWriter(tmp_path / "f.xlsx")


def test_analyze_to_file_streams_a_folder_and_reports_rejections(toy, write, tmp_path):
    write("c/one.txt", "maybe one.")
    write("c/two.txt", b"\xff\xfe broken")
    write("c/three.txt", "maybe twice, maybe.")
    seen: list[Rejected] = []
    result = analyze(tmp_path / "c", out=tmp_path / "f.jsonl", detectors=toy, progress=False, on_rejected=seen.append)
    assert [r.source.endswith("two.txt") for r in seen] == [True] and result.rejected == seen
    expected = analyze(tmp_path / "c", detectors=toy, progress=False)
    pd.testing.assert_frame_equal(read_findings(tmp_path / "f.jsonl"), expected)
    assert (result.documents, result.findings) == (2, 5)


def test_analyze_to_file_refuses_a_corpus_without_documents_and_writes_nothing(toy, write, tmp_path):
    write("c/empty.txt", "  \n")
    with pytest.raises(CorpusError, match="no usable documents"):
        analyze(tmp_path / "c", out=tmp_path / "f.parquet", detectors=toy, progress=False)
    assert not (tmp_path / "f.parquet").exists()
    with pytest.raises(CorpusError, match="no such file or folder"):
        analyze(tmp_path / "missing", out=tmp_path / "f.parquet", detectors=toy, progress=False)


def test_blocks_of_the_streamed_file_keep_the_global_order(toy, tmp_path, monkeypatch):
    import workbench.pipeline as pipeline

    monkeypatch.setattr(pipeline, "_WRITE_BLOCK", 2)
    docs = [Document(f"z{9 - i}", "maybe twice maybe" if i % 2 else "maybe") for i in range(7)]
    analyze(docs, out=tmp_path / "f.csv", detectors=toy, progress=False)
    pd.testing.assert_frame_equal(read_findings(tmp_path / "f.csv"), analyze(docs, detectors=toy))


def test_csv_is_read_in_chunks_with_row_numbers_across_chunks(write):
    path = write("t.csv", "doc_id,text\na,one\nb,\nc,three\nc,dup\nd,\"multi\nline\"\n")
    items = list(iter_corpus(path))
    assert [(i.doc_id, getattr(i, "location", None)) for i in items if isinstance(i, Rejected)] == [("b", "row 2"), ("c", "row 4")]
    docs = [i for i in items if isinstance(i, Document)]
    assert [(d.doc_id, d.meta["location"], d.text) for d in docs] == [("a", "row 1", "one"), ("c", "row 3", "three"), ("d", "row 5", "multi\nline")]
    header_only = write("h.csv", "doc_id,text\n")
    with pytest.raises(CorpusError, match="the table has no rows"):
        load_corpus(header_only)
    with pytest.raises(CorpusError, match="no 'text' column"):
        load_corpus(write("n.csv", "id,body\n1,x\n2,y\n3,z\n"))
    # a row with an extra field costs that row only (tests/test_abuse.py)
    assert load_corpus(write("bad.csv", "text,a\nx,1\ny,2\nz,3,4\n")).rejected[0].location == "row 3"


def test_jsonl_is_read_line_by_line(write):
    lines = [json.dumps({"doc_id": f"d{i}", "text": f"text {i}"}) for i in range(3)]
    path = write("t.jsonl", "\ufeff" + "\r\n".join(lines) + "\r\n\r\n" + '{"doc_id": "x", "text": "last"}\r' + "[1]\n")
    items = list(iter_corpus(path))
    assert [i.doc_id for i in items if isinstance(i, Document)] == ["d0", "d1", "d2", "x"]
    (bad,) = [i for i in items if isinstance(i, Rejected)]
    assert bad.location == "line 6" and "expected a JSON object" in bad.reason
    # A broken byte costs its line only (tests/test_abuse.py); a file binary from its start is refused.
    broken = write("b.jsonl", (lines[0] + "\n").encode() + b'{"text": "\xff"}\n')
    stream = iter_corpus(broken)
    assert next(stream).doc_id == "d0"
    bad = next(stream)
    assert bad.location == "line 2" and bad.reason.startswith("undecodable bytes: not valid UTF-8 at byte 45")
    with pytest.raises(CorpusError, match="not a text file: control byte 0x00"):
        load_corpus(write("nul.jsonl", b'\x00\x01{"text": "a"}\n'))


def test_estimate_documents(write, tmp_path):
    write("c/a.txt", "x")
    write("c/b.txt", "y")
    write("c/notes.md", "z")
    assert estimate_documents(tmp_path / "c") == 2
    assert estimate_documents(write("t.jsonl", '{"text": "a"}\n\n{"text": "b"}\n')) == 2
    assert estimate_documents(write("t.csv", "text\na\n")) is None
    assert estimate_documents(tmp_path / "missing.parquet") is None


def test_progress_bar_counts_documents(toy, capsys, monkeypatch, tmp_path):
    import workbench.pipeline as pipeline

    docs = [Document(f"d{i}", "maybe") for i in range(3)]
    analyze(docs, detectors=toy, progress=True)
    assert "analysing" in capsys.readouterr().err
    analyze(docs, detectors=toy, progress=False)
    assert capsys.readouterr().err == ""
    bars = []
    make = pipeline._progress_bar
    monkeypatch.setattr(pipeline, "_progress_bar", lambda total, enabled: bars.append(make(total, enabled)) or bars[-1])
    analyze(docs, out=tmp_path / "f.jsonl", detectors=toy, progress=True)
    assert (bars[0].n, bars[0].total) == (3, 3) and (tmp_path / "f.jsonl").exists()


def test_cli_quiet_hides_the_progress_bar_and_prints_rejections(capsys, write, tmp_path, toy):
    from workbench.cli import main

    write("c/a.txt", "maybe so.")
    write("c/b.txt", b"\x00\x01binary")
    assert main(["analyze", str(tmp_path / "c"), "--out", str(tmp_path / "f.parquet"), "--detectors", toy, "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert "1 findings in 1 document(s)" in out and "1 rejected" in out
    assert "rejected:" in err and "b.txt" in err and "analysing" not in err
