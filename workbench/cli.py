"""The ``workbench`` command. Exit codes: 0 ok, 2 usage error or bad input, 1 internal error or a failed report."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Sequence

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2


from workbench.corpus import Skipped
from workbench.errors import InputError


class UsageError(InputError):
    """Bad arguments: reported in one line, exit code 2."""


def _add_reading_options(command: argparse.ArgumentParser) -> None:
    """How a corpus folder or table is read (the keyword options of workbench.load_corpus)."""
    command.add_argument("--recursive", action="store_true", help="read the .txt files of sub-folders too (doc_id = relative path)")
    command.add_argument("--follow-links", action="store_true", help="read symbolic links that lead outside the corpus folder (refused by default)")
    command.add_argument("--max-chars", type=_max_chars, metavar="N|none", help="reject documents longer than N characters (default 5,000,000; 'none': no limit)")


_NO_LIMIT = -1  # what --max-chars none parses to (None means the option was not given)


def _max_chars(value: str) -> int:
    return _NO_LIMIT if value.strip().lower() in ("none", "0") else _positive_int(value)


def _reading(args: argparse.Namespace) -> dict:
    reading: dict = {"recursive": args.recursive, "follow_links": args.follow_links}
    if args.max_chars is not None:
        reading["max_chars"] = None if args.max_chars == _NO_LIMIT else args.max_chars
    return reading


SET_HELP = "a detector option, DETECTOR.OPTION=VALUE (repeatable; `workbench detectors` lists the options)"


def _parser() -> argparse.ArgumentParser:
    from workbench import __version__

    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Find hedging and boosting, rhetorical questions and framing in news and opinion texts.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    analyze = commands.add_parser("analyze", help="run detectors over a corpus and write a findings table",
                                  description="Run detectors over a corpus and write a findings table (.parquet, .csv or .jsonl, by suffix).")
    analyze.add_argument("corpus", metavar="CORPUS", help="folder of .txt files, or a .csv/.jsonl/.parquet table with a text column")
    analyze.add_argument("--out", required=True, metavar="FILE|DIR/",
                         help="findings file (.parquet, .csv or .jsonl), or a folder (DIR/) for a findings dataset, one part per input part of a Parquet dataset")
    analyze.add_argument("--detectors", metavar="A,B", help="comma-separated detector names (default: all; see `workbench detectors`)")
    analyze.add_argument("--engine", default="serial", metavar="serial|processes|dask",
                         help="how documents are processed: in this process, in a process pool, or on a Dask cluster (default: serial)")
    analyze.add_argument("--workers", type=_positive_int, metavar="N", help="worker processes for processes/dask (default: the CPUs available)")
    analyze.add_argument("--chunk-size", type=_positive_int, metavar="N", help="documents sent to a worker at a time (default: 16)")
    analyze.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: address of a running dask.distributed scheduler (default: start a local cluster)")
    analyze.add_argument("--set", action="append", default=[], metavar="DETECTOR.OPTION=VALUE", dest="assignments", help=SET_HELP)
    analyze.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_reading_options(analyze)

    report = commands.add_parser("report", help="run the report notebook and write a report folder",
                                 description="Run notebooks/report.ipynb with papermill and write report.ipynb, report.html, findings, summary.json and manifest.json.")
    report.add_argument("corpus", metavar="CORPUS", nargs="?", help="corpus (may instead be given as 'corpus' in --params)")
    report.add_argument("--out", required=True, metavar="DIR", help="output folder")
    report.add_argument("--params", metavar="FILE.yaml", help="YAML parameters: title, detectors, gold, filter, max_highlighted, group_by, runs")
    report.add_argument("--title", help="report title")
    report.add_argument("--detectors", metavar="A,B", help="comma-separated detector names (default: all)")
    report.add_argument("--set", action="append", default=[], metavar="DETECTOR.OPTION=VALUE", dest="assignments", help=SET_HELP)
    report.add_argument("--engine", metavar="serial|processes|dask", help="how the analysis runs (default: serial, or 'engine' in --params)")
    report.add_argument("--workers", type=_positive_int, metavar="N", help="worker processes for processes/dask")
    report.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: a running dask.distributed scheduler")
    _add_reading_options(report)
    report.add_argument("--gold", metavar="FILE", help="gold annotations (JSONL) to evaluate against")
    report.add_argument("--notebook", metavar="FILE.ipynb", help="use another report notebook")
    report.add_argument("--kernel", metavar="NAME", help="Jupyter kernel name (default: python3)")
    report.add_argument("--timeout", type=int, metavar="SECONDS", help="timeout per cell (default 1800)")

    evaluate = commands.add_parser("evaluate", help="score findings against gold annotations",
                                   description="Precision, recall and F1 per layer and label, plus macro and micro averages.")
    evaluate.add_argument("--findings", required=True, metavar="FILE", help="findings (.parquet, .csv or .jsonl)")
    evaluate.add_argument("--gold", required=True, metavar="FILE", help="gold annotations (.jsonl, .csv or .parquet)")
    evaluate.add_argument("--match", choices=["exact", "overlap"], default="overlap", help="span matching (default: overlap)")
    evaluate.add_argument("--corpus", metavar="CORPUS", help="corpus, so sentence-level layers are matched by sentence")
    evaluate.add_argument("--layers", metavar="A,B", help="only these layers (default: the layers in the gold)")
    evaluate.add_argument("--out", metavar="FILE.csv", help="also write the scores as CSV")

    lexicon = commands.add_parser("lexicon", help="list or show the shipped cue lexicons",
                                  description="List the cue lexicons shipped with the package, or show one.")
    lexicon_commands = lexicon.add_subparsers(dest="lexicon_command", metavar="list|show")
    lexicon_commands.add_parser("list", help="name, entries, labels and file hash of each lexicon")
    show = lexicon_commands.add_parser("show", help="print one lexicon (a file of rule word lists: one row per word, its list as label)")
    show.add_argument("name", help="lexicon name (from `workbench lexicon list`)")
    show.add_argument("--label", help="only entries with this label (for rule word lists: this list)")

    sentences = commands.add_parser("sentences", help="classify every sentence as uncertain or certain, with a score",
                                    description="One row per sentence: doc_id, sentence, start, end, text, uncertain, score, cues "
                                                "(the stance findings that explain the decision).")
    sentences.add_argument("corpus", metavar="CORPUS", help="folder of .txt files, or a .csv/.jsonl/.parquet table")
    sentences.add_argument("--out", required=True, metavar="FILE", help="output table: .csv, .jsonl or .parquet")
    sentences.add_argument("--set", action="append", default=[], metavar="stance.OPTION=VALUE", dest="assignments",
                           help="a stance detector option, e.g. stance.convention=semantic (repeatable)")
    _add_reading_options(sentences)

    commands.add_parser("detectors", help="list the registered detectors: layers, units, labels and options")
    return parser


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return number


def _check_out_file(out: Path, corpus: str, *, suffixes: tuple[str, ...]) -> None:
    """Refuse an output that cannot be written, before anything is read: it is the corpus itself,
    a folder, in a folder that cannot be written, or of a format we cannot write."""
    if out.suffix.lower() not in suffixes:
        raise UsageError(f"--out {out}: use a {', '.join(suffixes[:-1])} or {suffixes[-1]} file name")
    target, source = out.resolve(), Path(corpus).resolve()
    if target == source:
        raise UsageError(f"--out {out}: that is the corpus itself; writing findings there would destroy it")
    if target.is_dir():
        raise UsageError(f"--out {out}: is a folder; give a file name such as {out / ('findings' + suffixes[0])} "
                         f"(or {out}/ with a slash, for a findings dataset from a Parquet dataset)")
    parent = target.parent
    if not parent.is_dir():
        raise UsageError(f"--out {out}: the folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"--out {out}: cannot write in {parent}")


def _print_rejected(item) -> None:
    """A rejected document, or a note about entries not read, on stderr as it happens."""
    print(f"{'note' if isinstance(item, Skipped) else 'rejected'}: {item}", file=sys.stderr)


def _cmd_analyze(args: argparse.Namespace) -> int:
    import signal
    import threading

    from workbench.detectors import parse_assignments
    from workbench.engines import dask_available, engine_named
    from workbench.findings import WRITERS_BY_SUFFIX
    from workbench.pipeline import analyze

    from workbench.datasets import is_dataset_out

    out = Path(args.out)
    if not is_dataset_out(args.out):
        _check_out_file(out, args.corpus, suffixes=WRITERS_BY_SUFFIX)
    elif Path(args.corpus).resolve() == out.resolve():
        raise UsageError(f"--out {out}: that is the corpus itself")
    engine_named(args.engine)
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if args.engine == "dask" and not dask_available():
        raise UsageError("--engine dask needs the optional dependency: pip install 'discourse-workbench[dask]'")

    def terminated(signum, frame):  # noqa: ARG001
        # Unwind like Ctrl-C, so the findings file being written is discarded, not left half-written.
        raise SystemExit(128 + signum)

    # Signal handlers can only be set from the main thread (not when main() is called from a worker thread).
    previous = signal.signal(signal.SIGTERM, terminated) if threading.current_thread() is threading.main_thread() else None
    try:
        result = analyze(
            args.corpus, out=args.out if is_dataset_out(args.out) else out, detectors=args.detectors, options=parse_assignments(args.assignments), engine=args.engine,
            progress=False if args.quiet else None, chunk_size=args.chunk_size, workers=args.workers, scheduler=args.scheduler,
            on_rejected=_print_rejected, reading=_reading(args),
        )
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    rejected = [item for item in result.rejected if not isinstance(item, Skipped)]
    print(f"{result.findings} findings in {result.documents} document(s) -> {out}"
          + (f"; {len(rejected)} rejected" if rejected else ""))
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from workbench.report import main_runs_summary, run_report

    from workbench.detectors import parse_assignments

    detectors = [d.strip() for d in args.detectors.split(",") if d.strip()] if args.detectors else None
    engine = None
    if args.engine or args.workers or args.scheduler:
        engine = {"name": args.engine or "serial", **{k: v for k, v in (("workers", args.workers), ("scheduler", args.scheduler)) if v}}
    runs = run_report(args.corpus, args.out, params=args.params, title=args.title, detectors=detectors, gold=args.gold,
                      options=parse_assignments(args.assignments), reading=_reading(args), engine=engine, notebook=args.notebook,
                      kernel_name=args.kernel, execution_timeout=args.timeout)
    for run in runs:
        for item in run.summary.get("rejected", []):
            where = f"{item['source']}, {item['location']}" if item.get("location") else item["source"]
            print(f"rejected: {where}: {item['reason']}", file=sys.stderr)
    print(main_runs_summary(runs))
    return EXIT_OK


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from workbench.atomic import atomic_path
    from workbench.corpus import load_corpus
    from workbench.evaluate import evaluate, format_scores

    for label, path in (("--findings", args.findings), ("--gold", args.gold)):
        if not Path(path).is_file():
            raise UsageError(f"{label} {path}: no such file")
    corpus = load_corpus(args.corpus) if args.corpus else None
    layers = [x.strip() for x in args.layers.split(",")] if args.layers else None
    scores = evaluate(args.findings, args.gold, match=args.match, corpus=corpus, layers=layers)
    print(f"match: {args.match}")
    print(format_scores(scores))
    if args.out:
        with atomic_path(args.out) as temp:
            scores.to_csv(temp, index=False, lineterminator="\n")
    return EXIT_OK


def _cmd_lexicon(args: argparse.Namespace) -> int:
    from workbench.lexicons import available_lexicons, lexicon_hashes, lexicon_kind, load_lexicon, load_wordlists

    if args.lexicon_command == "show":
        frame = load_lexicon(args.name)
        if args.label:
            frame = frame[frame["label"] == args.label]
        print(frame.to_string(index=False))
        return EXIT_OK
    if args.lexicon_command != "list":
        raise UsageError("use `workbench lexicon list` or `workbench lexicon show NAME`")
    names = available_lexicons()
    if not names:
        print("no lexicons are installed")
        return EXIT_OK
    hashes = {file.rsplit(".", 1)[0]: digest for file, digest in lexicon_hashes().items()}
    for name in names:
        if lexicon_kind(name) == "wordlists":
            lists = load_wordlists(name)
            what = f"{sum(map(len, lists.values())):>5} words    sha256 {hashes[name][:12]}  rule word lists: {', '.join(sorted(lists))}"
        else:
            frame = load_lexicon(name)
            what = f"{len(frame):>5} entries  sha256 {hashes[name][:12]}  labels: {', '.join(sorted(set(frame['label'])))}"
        print(f"{name:<24} {what}")
    return EXIT_OK


def _cmd_sentences(args: argparse.Namespace) -> int:
    from workbench.corpus import load_corpus
    from workbench.detectors import get_detector, parse_assignments
    from workbench.detectors.stance import sentence_uncertainty
    from workbench.findings import WRITERS_BY_SUFFIX, write_table

    out = Path(args.out)
    _check_out_file(out, args.corpus, suffixes=WRITERS_BY_SUFFIX)
    options = parse_assignments(args.assignments)
    others = sorted(set(options) - {"stance"})
    if others:
        raise UsageError(f"--set {others[0]}.…: the sentences command takes stance options only (stance.OPTION=VALUE)")
    detector = get_detector("stance", **options.get("stance", {}))
    corpus = load_corpus(args.corpus, **_reading(args))
    for item in corpus.rejected:
        _print_rejected(item)
    table = sentence_uncertainty(corpus.documents, detector=detector)
    texts = {d.doc_id: d.text for d in corpus.documents}
    table.insert(4, "text", [texts[d][s:e] for d, s, e in zip(table["doc_id"], table["start"], table["end"])])
    table["cues"] = table["cues"].map("; ".join)
    write_table(table, out)
    print(f"{int(table['uncertain'].sum())} of {len(table)} sentences uncertain in {len(corpus)} document(s) -> {out}")
    return EXIT_OK


def _cmd_detectors(args: argparse.Namespace) -> int:
    from workbench.detectors import aliases, specs

    registered = specs()
    if not registered:
        print("no detectors are registered")
    for name, spec in registered.items():
        print(f"{name}: {spec.description}")
        for layer in spec.layers:
            labels = ", ".join(layer.labels) if layer.labels else "open (actor names)"
            print(f"  layer {layer.name} ({layer.unit}): {labels}")
        for option in spec.options.values():
            print(f"  option {name}.{option.name} = {option.default!r}")
    for group, members in aliases().items():
        print(f"group {group}: {', '.join(members)}")
    return EXIT_OK


COMMANDS = {"analyze": _cmd_analyze, "report": _cmd_report, "evaluate": _cmd_evaluate, "lexicon": _cmd_lexicon, "sentences": _cmd_sentences,
            "detectors": _cmd_detectors}


def _dump_tracebacks_on_request() -> None:
    """``kill -USR1 PID`` prints every thread's stack to stderr: how to see where a run that seems stuck is."""
    import faulthandler
    import signal
    import threading

    if hasattr(signal, "SIGUSR1") and threading.current_thread() is threading.main_thread():
        try:
            faulthandler.register(signal.SIGUSR1, all_threads=True)
        except (RuntimeError, ValueError):  # stderr without a file descriptor (some notebook front ends)
            pass


def main(argv: Sequence[str] | None = None) -> int:
    from workbench.report import NotebookFailedError

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    _dump_tracebacks_on_request()
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        print(f"workbench {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except NotebookFailedError as exc:
        print(f"workbench {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`workbench lexicon show stance | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # anything else is a bug: say so, with the type
        print(f"workbench {args.command}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
