"""Tables of conversations: the rows of one ``dialogue_id``, in row order, form one document."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

from workbench.corpus.decoding import normalise_newlines
from workbench.corpus.document import CorpusError, Document, Rejected
from workbench.corpus.options import ReadOptions
from workbench.corpus.rows import clean_value, document_id
from workbench.corpus.tables import RowItem


def dialogues_from_rows(path: Path, rows: Iterable[RowItem], *, options: ReadOptions = ReadOptions()) -> Iterator[Document | Rejected]:
    """One document per dialogue: utterances joined by newlines, each turn's speaker and offsets in ``meta["turns"]``."""
    dialogues: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for location, row in rows:
        if isinstance(row, CorpusError):
            yield Rejected(source=str(path), location=location, reason=row.reason)
            continue
        dialogue_id, problem = document_id(row.get("dialogue_id"))
        if problem or dialogue_id is None:
            yield Rejected(source=str(path), location=location, reason=f"dialogue_id {problem}" if problem else "no dialogue_id")
            continue
        dialogues.setdefault(dialogue_id, []).append((location, row))
    for dialogue_id, turns_rows in dialogues.items():
        parts: list[str] = []
        turns: list[dict[str, Any]] = []
        pos = 0
        problem = None
        for location, row in turns_rows:
            utterance = row.get("text")
            if not isinstance(utterance, str):
                problem = (location, "no 'text' in utterance")
                break
            utterance = normalise_newlines(utterance).replace("\n", " ")
            turn = {"speaker": clean_value(row.get("speaker")), "start": pos, "end": pos + len(utterance)}
            flag = parse_bool(row.get("question"))
            if flag is not None:
                turn["question"] = flag
            turns.append(turn)
            parts.append(utterance)
            pos += len(utterance) + 1
        if problem:
            yield Rejected(source=str(path), location=problem[0], reason=problem[1], doc_id=dialogue_id)
            continue
        text = "\n".join(parts)
        problem = options.size_problem(text) or (None if text.strip() else "empty dialogue")
        if problem:
            yield Rejected(source=str(path), location=turns_rows[0][0], reason=problem, doc_id=dialogue_id)
            continue
        yield Document(doc_id=dialogue_id, text=text, meta={"source_file": path.name, "dialogue": True, "turns": turns})


def parse_bool(value: Any) -> bool | None:
    """A yes/no cell (1/0, true/false, yes/no, y/n, t/f) as a bool; anything else is None."""
    value = clean_value(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "y", "t"}:
        return True
    if text in {"0", "false", "no", "n", "f"}:
        return False
    return None
