import json

import pytest

from workbench import __version__
from workbench.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0 and __version__ in capsys.readouterr().out
    for command in (["analyze"], ["report"], ["evaluate"], ["lexicon"]):
        with pytest.raises(SystemExit) as exit_info:
            main([*command, "--help"])
        assert exit_info.value.code == 0
        assert "usage: workbench" in capsys.readouterr().out


def test_no_command_is_a_usage_error(capsys):
    code, out, _ = run(capsys)
    assert code == 2 and "analyze" in out


def test_analyze_then_evaluate_on_the_seed(capsys, tmp_path, seed_dir, seed_gold):
    out_file = tmp_path / "f.jsonl"
    code, out, err = run(capsys, "analyze", str(seed_dir), "--out", str(out_file), "--quiet")
    assert code == 0, err
    assert out_file.exists() and "document(s)" in out
    lines = [json.loads(line) for line in out_file.read_text().splitlines()]
    text = (seed_dir / f"{lines[0]['doc_id']}.txt").read_text(encoding="utf-8") if lines else ""
    assert all(text[r["start"]:r["end"]] == r["text"] for r in lines)
    code, out, err = run(capsys, "evaluate", "--findings", str(out_file), "--gold", str(seed_gold), "--corpus", str(seed_dir), "--out", str(tmp_path / "s.csv"))
    assert code == 0, err
    assert "precision" in out and "stance" in out and "macro" in out
    assert (tmp_path / "s.csv").read_text().startswith("layer,label,")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("c.csv", "id,body\n1,x\n", "no 'text' column"),
        ("empty.csv", "", "not a readable CSV table"),
        ("c.jsonl", "{broken\n", "no line has a 'text' field"),
    ],
)
def test_bad_corpus_exits_2_with_file_name(capsys, write, tmp_path, name, content, message):
    path = write(name, content)
    code, _, err = run(capsys, "analyze", str(path), "--out", str(tmp_path / "f.parquet"))
    assert code == 2
    assert name in err and message in err
    assert not (tmp_path / "f.parquet").exists()


def test_rejected_documents_are_named_on_the_console(capsys, write, tmp_path):
    write("corpus/good.txt", "Fine text.")
    write("corpus/bad.txt", b"\xff\xfe bad")
    code, out, err = run(capsys, "analyze", str(tmp_path / "corpus"), "--out", str(tmp_path / "f.csv"))
    assert code == 0
    assert "rejected:" in err and "bad.txt" in err and "undecodable" in err
    assert "1 rejected" in out


def test_usage_errors(capsys, tmp_path, seed_dir):
    code, _, err = run(capsys, "analyze", str(seed_dir), "--out", str(tmp_path / "f.xlsx"))
    assert code == 2 and ".xlsx" in err
    code, _, err = run(capsys, "analyze", str(seed_dir), "--out", str(tmp_path / "f.csv"), "--detectors", "nope")
    assert code == 2 and "unknown detector 'nope'" in err
    code, _, err = run(capsys, "analyze", str(seed_dir), "--out", str(tmp_path / "f.csv"), "--engine", "warp")
    assert code == 2 and "unknown engine" in err
    code, _, err = run(capsys, "evaluate", "--findings", str(tmp_path / "none.jsonl"), "--gold", str(tmp_path / "g.jsonl"))
    assert code == 2 and "no such file" in err


def test_lexicon_and_detector_listing(capsys):
    code, out, _ = run(capsys, "lexicon", "list")
    assert code == 0 and out.strip()
    code, out, _ = run(capsys, "detectors")
    assert code == 0 and out.strip()
    code, _, err = run(capsys, "lexicon", "show", "no-such-lexicon")
    assert code == 2 and "unknown lexicon 'no-such-lexicon'" in err


def test_sentences_command_writes_one_row_per_sentence(capsys, tmp_path, seed_dir):
    import pandas as pd

    from workbench.corpus import load_corpus

    out = tmp_path / "sentences.csv"
    code, printed, err = run(capsys, "sentences", str(seed_dir), "--out", str(out))
    assert code == 0, err
    table = pd.read_csv(out, keep_default_na=False)
    doc = load_corpus(seed_dir)[0]
    assert len(table) == len(doc.segments.sentences)
    assert all(doc.text[s:e] == t for s, e, t in zip(table["start"], table["end"], table["text"]))
    uncertain = table[table["uncertain"]]
    assert len(uncertain) >= 1 and all(cues for cues in uncertain["cues"])
    assert "sentences uncertain" in printed
    code, _, err = run(capsys, "sentences", str(seed_dir), "--out", str(tmp_path / "x.xlsx"))
    assert code == 2 and ".xlsx" in err


def test_reading_options_reach_the_loader(capsys, write, tmp_path):
    write("c/a.txt", "It may rain.")
    write("c/sub/b.txt", "It might snow.")
    out = str(tmp_path / "f.csv")
    code, stdout, err = run(capsys, "analyze", str(tmp_path / "c"), "--out", out, "--quiet", "--detectors", "stance")
    assert code == 0 and "in 1 document(s)" in stdout and "rejected" not in stdout
    assert "note:" in err and "sub/" in err and "--recursive" in err
    code, stdout, _ = run(capsys, "analyze", str(tmp_path / "c"), "--out", out, "--quiet", "--detectors", "stance", "--recursive")
    assert code == 0 and "in 2 document(s)" in stdout
    code, stdout, err = run(capsys, "analyze", str(tmp_path / "c"), "--out", out, "--quiet", "--recursive", "--max-chars", "12")
    assert code == 0 and "in 1 document(s)" in stdout and "1 rejected" in stdout and "max_chars=12" in err
    with pytest.raises(SystemExit) as exit_info:  # argparse refuses it before anything runs
        main(["analyze", str(tmp_path / "c"), "--out", out, "--max-chars", "many"])
    assert exit_info.value.code == 2 and "'many' is not a whole number" in capsys.readouterr().err
