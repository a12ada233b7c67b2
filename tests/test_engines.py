"""The serial, process-pool and Dask engines give the same findings table, rejections included."""

from __future__ import annotations

import multiprocessing
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from workbench.corpus import Document, load_corpus
from workbench.detectors import available_detectors, register, unregister
from workbench.detectors.base import make_finding
from workbench.engines import ENGINES, WORKER_DIED, dask_available
from workbench.findings import read_findings
from workbench.pipeline import analyze

ROOT = Path(__file__).resolve().parent.parent
ENGINE_NAMES = ["serial", "processes", "dask"]
needs_dask = pytest.mark.skipif(not dask_available(), reason="dask is an optional extra: pip install '.[dask]'")


class Hedge:
    """Marks 'may', 'might' and 'perhaps' (a test double)."""

    name = "toy-hedge"
    layers = ("stance",)

    def detect(self, doc):
        for match in re.finditer(r"\b(?:may|might|perhaps)\b", doc.text, re.IGNORECASE):
            yield make_finding(doc, detector=self.name, layer="stance", label="hedge", start=match.start(), end=match.end(),
                               cue=match.group().lower(), explanation="toy rule")


class Fails:
    """Raises on any document that mentions 'Vellmar'."""

    name = "toy-fails"
    layers = ("stance",)

    def detect(self, doc):
        if "Vellmar" in doc.text:
            raise RuntimeError("cannot cope with Vellmar")
        return []


class Dies:
    """Kills its worker process on every document that contains 'KILL-ME' (only ever used in worker processes)."""

    name = "toy-dies"
    layers = ("stance",)

    def __init__(self, marker: str | None = None):
        self.marker = marker  # a file that, once written, makes 'FLAKY' documents pass

    def detect(self, doc):
        if "KILL-ME" in doc.text:
            os._exit(3)
        if "FLAKY" in doc.text and self.marker and not os.path.exists(self.marker):
            Path(self.marker).write_text("died once")
            os._exit(3)
        return []


@pytest.fixture()
def toys():
    register(Hedge())
    register(Fails())
    yield ["toy-hedge", "toy-fails"]
    unregister("toy-hedge")
    unregister("toy-fails")


@pytest.fixture(scope="module")
def generated(repo_script) -> list[Document]:
    gen = repo_script("benchmarks/corpus_gen.py")
    return [Document(doc_id, text, {"source_file": f"{doc_id}.txt"}) for doc_id, text in gen.articles(10, seed=7)]


@pytest.fixture()
def dask_scheduler():
    """A small in-process cluster (threads), started per test so its threads never overlap a forking process pool."""
    if not dask_available():
        pytest.skip("dask is an optional extra: pip install '.[dask]'")
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0", scheduler_kwargs={"dashboard": False}) as cluster:
        yield cluster.scheduler_address


def _options(engine: str, scheduler: str | None) -> dict:
    if engine == "processes":
        return {"workers": 2, "chunk_size": 3}
    if engine == "dask":
        return {"scheduler": scheduler, "chunk_size": 3}
    return {}


def _engine_param():
    return [pytest.param(name, marks=needs_dask if name == "dask" else ()) for name in ENGINE_NAMES]


def test_engines_are_registered():
    assert set(ENGINE_NAMES) <= set(ENGINES)


@pytest.mark.parametrize("engine", [e for e in ENGINE_NAMES if e != "serial"])
def test_all_registered_detectors_give_the_same_table_on_the_seed(seed_dir, engine, request):
    if engine == "dask" and not dask_available():
        pytest.skip("dask is an optional extra")
    scheduler = request.getfixturevalue("dask_scheduler") if engine == "dask" else None
    corpus = load_corpus(seed_dir)
    serial = analyze(corpus, progress=False)
    other = analyze(corpus, engine=engine, progress=False, **_options(engine, scheduler))
    pd.testing.assert_frame_equal(serial, other)
    assert other.attrs["detectors"] == serial.attrs["detectors"] == available_detectors()
    assert other.attrs["documents"] == serial.attrs["documents"] == len(corpus.documents)


@pytest.mark.parametrize("engine", [e for e in ENGINE_NAMES if e != "serial"])
def test_generated_corpus_same_table_and_rejections_in_every_engine(generated, toys, engine, request, check_findings):
    if engine == "dask" and not dask_available():
        pytest.skip("dask is an optional extra")
    scheduler = request.getfixturevalue("dask_scheduler") if engine == "dask" else None
    names = available_detectors()  # every registered detector plus the toys (one of which rejects documents)
    serial = analyze(generated, detectors=names, progress=False)
    other = analyze(generated, detectors=names, engine=engine, progress=False, **_options(engine, scheduler))
    assert len(serial) > 0 and serial.attrs["rejected"], "the generated corpus should give findings and rejections"
    pd.testing.assert_frame_equal(serial, other)
    assert [(r.doc_id, r.reason) for r in other.attrs["rejected"]] == [(r.doc_id, r.reason) for r in serial.attrs["rejected"]]
    assert all("toy-fails" in r.reason and "Vellmar" in r.reason for r in other.attrs["rejected"])
    assert check_findings(other, generated) == len(other)


def test_findings_come_in_corpus_order_not_completion_order(toys):
    # Long documents first: in a pool they finish last, yet their findings must come first.
    docs = [Document(f"d{i}", ("perhaps so. " * (400 if i < 2 else 1)).strip()) for i in range(8)]
    frame = analyze(docs, detectors=["toy-hedge"], engine="processes", workers=2, chunk_size=1, progress=False)
    assert list(dict.fromkeys(frame["doc_id"])) == [d.doc_id for d in docs]


@pytest.fixture
def dying_worker(tmp_path):
    """Toy detectors of which one kills its worker on d7 always and on d3 once; the 12 documents."""
    register(Dies(marker=str(tmp_path / "marker")))
    register(Hedge())
    docs = [Document(f"d{i}", f"Text {i} may hold.") for i in range(12)]
    docs[3] = Document("d3", "This one is FLAKY but may pass the second time.")
    docs[7] = Document("d7", "KILL-ME always.")
    yield docs
    unregister("toy-dies")
    unregister("toy-hedge")


def test_a_dead_worker_is_reported_and_its_documents_retried_once(dying_worker, caplog):
    docs = dying_worker
    with caplog.at_level("WARNING"):
        result = analyze(docs, detectors=["toy-dies", "toy-hedge"], engine="processes", workers=2, chunk_size=2, progress=False)
    assert [(r.doc_id, r.reason) for r in result.attrs["rejected"]] == [("d7", WORKER_DIED)]
    assert result.attrs["documents"] == len(docs) - 1
    assert list(dict.fromkeys(result["doc_id"])) == [d.doc_id for d in docs if d.doc_id != "d7"]
    assert "worker process died" in caplog.text
    assert not multiprocessing.active_children()


def test_a_dead_worker_while_streaming_packed_chunks_to_a_file(dying_worker, tmp_path):
    # Streaming makes workers pack each chunk's findings into one frame; the retried
    # documents come back packed one by one and must land in the file in corpus order.
    docs = dying_worker
    out = tmp_path / "f.parquet"
    result = analyze(docs, out=out, detectors=["toy-dies", "toy-hedge"], engine="processes", workers=2, chunk_size=2, progress=False)
    frame = read_findings(out)
    assert [r.doc_id for r in result.rejected] == ["d7"]
    assert list(dict.fromkeys(frame["doc_id"])) == [d.doc_id for d in docs if d.doc_id != "d7"]
    assert result.findings == len(frame) > 0


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl", ".csv"])
@pytest.mark.parametrize("engine", _engine_param())
def test_streamed_file_equals_the_in_memory_table(generated, toys, tmp_path, suffix, engine, request):
    scheduler = request.getfixturevalue("dask_scheduler") if engine == "dask" else None
    docs = generated[:10]
    expected = analyze(docs, detectors=["toy-hedge", "toy-fails"], progress=False)
    out = tmp_path / f"f{suffix}"
    result = analyze(docs, out=out, detectors=["toy-hedge", "toy-fails"], engine=engine, progress=False, **_options(engine, scheduler))
    pd.testing.assert_frame_equal(read_findings(out), expected)
    assert result.findings == len(expected) and result.documents == expected.attrs["documents"]
    assert [r.doc_id for r in result.rejected] == [r.doc_id for r in expected.attrs["rejected"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


@pytest.mark.parametrize("engine", ["serial", "processes"])
def test_an_interrupted_run_leaves_no_output_file(generated, toys, tmp_path, engine):
    out = tmp_path / "f.parquet"

    def interrupt(item):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        analyze(generated, out=out, detectors=["toy-hedge", "toy-fails"], engine=engine, progress=False,
                on_rejected=interrupt, **_options(engine, None))
    assert list(tmp_path.iterdir()) == []
    assert not multiprocessing.active_children()


@needs_dask
def test_dask_default_local_cluster_from_the_command_line(tmp_path, seed_dir, capsys):
    from workbench.cli import main

    serial, dask_out = tmp_path / "s.jsonl", tmp_path / "d.jsonl"
    assert main(["analyze", str(seed_dir), "--out", str(serial), "--quiet"]) == 0
    assert main(["analyze", str(seed_dir), "--out", str(dask_out), "--quiet", "--engine", "dask", "--workers", "2"]) == 0
    assert dask_out.read_bytes() == serial.read_bytes()
    assert "document(s)" in capsys.readouterr().out


def test_cli_engine_options(tmp_path, seed_dir, capsys):
    from workbench.cli import main

    serial, pooled = tmp_path / "s.csv", tmp_path / "p.csv"
    assert main(["analyze", str(seed_dir), "--out", str(serial), "--quiet"]) == 0
    assert main(["analyze", str(seed_dir), "--out", str(pooled), "--quiet", "--engine", "processes", "--workers", "2", "--chunk-size", "1"]) == 0
    assert pooled.read_bytes() == serial.read_bytes()
    code = main(["analyze", str(seed_dir), "--out", str(tmp_path / "x.csv"), "--scheduler", "tcp://127.0.0.1:1"])
    assert code == 2 and "--scheduler needs --engine dask" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["analyze", str(seed_dir), "--out", str(tmp_path / "x.csv"), "--workers", "0"])
    assert exit_info.value.code == 2 and "at least 1" in capsys.readouterr().err


@pytest.mark.parametrize("engine", ["serial", "processes"])
def test_ctrl_c_on_the_command_line_exits_130_and_leaves_no_file(tmp_path, engine, repo_script):
    import signal
    import subprocess
    import sys
    import time

    # Large enough that the run is still going when the signal arrives, even on a fast machine.
    corpus = repo_script("benchmarks/corpus_gen.py").write_corpus(2500, tmp_path / "corpus", seed=3)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    command = [sys.executable, "-m", "workbench.cli", "analyze", str(corpus), "--out", str(out_dir / "f.parquet"), "--engine", engine,
               *(["--workers", "2"] if engine == "processes" else [])]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not list(out_dir.iterdir()) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until the run is writing its temporary file
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal does on Ctrl-C: the whole process group
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGUSR1)  # the CLI dumps every thread's stack: show where it hangs
        time.sleep(2)
        os.killpg(process.pid, signal.SIGKILL)
        _, err = process.communicate()
        pytest.fail(f"the run did not end within 60 s of Ctrl-C; its threads:\n{err.decode(errors='replace')[-6000:]}")
    assert process.returncode == 130, err.decode()
    assert b"interrupted" in err
    assert list(out_dir.iterdir()) == []


def test_serial_engine_raises_gc_thresholds_only_while_it_runs():
    import gc

    from workbench.corpus import Document
    from workbench.detectors import resolve_detectors
    from workbench.engines import _RUN_GC_THRESHOLD, serial_engine

    before = gc.get_threshold()
    assert before != _RUN_GC_THRESHOLD
    run = serial_engine([Document("a", "It may rain."), Document("b", "Why?")], resolve_detectors("stance"))
    next(run)
    assert gc.get_threshold() == _RUN_GC_THRESHOLD
    assert len(list(run)) == 1
    assert gc.get_threshold() == before


def test_overlapping_serial_runs_restore_the_gc_thresholds_when_the_last_one_ends():
    import gc

    from workbench.corpus import Document
    from workbench.engines import _RUN_GC_THRESHOLD, serial_engine

    before = gc.get_threshold()
    docs = [Document("a", "It may rain."), Document("b", "Why?")]
    first, second = serial_engine(iter(docs), []), serial_engine(iter(docs), [])
    next(first)
    next(second)
    first.close()  # not last-in-first-out
    assert gc.get_threshold() == _RUN_GC_THRESHOLD
    second.close()
    assert gc.get_threshold() == before



@pytest.mark.parametrize("engine", [e for e in ENGINE_NAMES if e != "serial"])
def test_documents_handed_back_carry_the_workers_counts_instead_of_being_segmented_again(generated, engine, request):
    if engine == "dask" and not dask_available():
        pytest.skip("dask is an optional extra")
    scheduler = request.getfixturevalue("dask_scheduler") if engine == "dask" else None
    seen: list[tuple[bool, int, int]] = []
    unsegmented = [Document(d.doc_id, d.text, d.meta) for d in generated]  # the fixture's are shared with other tests
    analyze(unsegmented, detectors="stance", engine=engine, progress=False,
            on_document=lambda doc, found: seen.append((doc._segmentation is None, doc.word_count, doc.sentence_count)), **_options(engine, scheduler))
    expected = [(True, d.segments.word_count, len(d.segments.sentences)) for d in generated]
    assert seen == expected
