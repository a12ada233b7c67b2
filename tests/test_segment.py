from workbench.corpus import Document
from workbench.segment import count_words, segment


def sentences(text, **kw):
    return [text[s:e] for s, e in segment(text, **kw).sentences]


def test_offsets_are_exact_and_cover_the_words():
    text = "  First sentence here. Second one?\n\nThird paragraph!  "
    seg = segment(text)
    assert sentences(text) == ["First sentence here.", "Second one?", "Third paragraph!"]
    assert [text[s:e] for s, e in seg.paragraphs] == ["First sentence here. Second one?", "Third paragraph!"]
    assert all(text[s:e].strip() == text[s:e] for s, e in seg.tokens)
    assert seg.word_count == 7


def test_abbreviations_do_not_end_sentences():
    text = "Mr. Smith met Dr. Jones at 5 p.m. on Friday. They talked."
    assert sentences(text) == ["Mr. Smith met Dr. Jones at 5 p.m. on Friday.", "They talked."]


def test_quoted_sentences_stay_inside_the_quoting_sentence():
    text = 'He said "We will win. They will lose." and left. Then it rained.'
    assert sentences(text) == ['He said "We will win. They will lose." and left.', "Then it rained."]
    typographic = "She wrote \u201cIt is over. Go home.\u201d to the board. Nobody replied."
    assert sentences(typographic)[0].endswith("to the board.")


def test_question_followed_by_lower_case_continues():
    text = '"Why?" she asked. He shrugged.'
    assert sentences(text) == ['"Why?" she asked.', "He shrugged."]


def test_unbalanced_quote_does_not_swallow_the_paragraph():
    text = 'He said "this. That is all. The end.'
    assert len(sentences(text)) == 3


def test_title_line_and_date_line_are_their_own_sentences():
    text = "16.03.2022.\nA headline without a stop\nThe body starts here. It goes on."
    assert sentences(text) == ["16.03.2022.", "A headline without a stop", "The body starts here.", "It goes on."]


def test_hard_wrapped_lines_are_joined():
    text = "This sentence was wrapped by an old editor at a fixed\nwidth of many characters and goes on."
    assert len(sentences(text)) == 1


def test_lower_case_paragraph_continues_a_broken_sentence():
    text = "He brought a map that was supposed to illustrate\n\nthe preparations for an attack. Next."
    assert sentences(text)[0].endswith("the preparations for an attack.")


def test_dialogue_turns_are_sentence_boundaries():
    text = "so what do you think\nwell i do not know"
    turns = [{"speaker": "A", "start": 0, "end": 20}, {"speaker": "B", "start": 21, "end": 39}]
    assert sentences(text, turns=turns) == ["so what do you think", "well i do not know"]


def test_sentence_index_and_document_cache():
    doc = Document("d", "One two. Three four.")
    seg = doc.segments
    assert doc.segments is seg
    assert seg.sentence_index(0) == 0 and seg.sentence_index(10) == 1
    assert [doc.text[s:e] for s, e in seg.sentence_tokens(1)] == ["Three", "four", "."]


def test_count_words_ignores_punctuation():
    assert count_words("Hello, world -- it's 2022!") == 4


def test_windows_paragraph_breaks_in_a_document_built_in_python():
    text = "Title here\r\n\r\nHe may go. She stays."
    seg = segment(text)
    assert [text[s:e] for s, e in seg.paragraphs] == ["Title here", "He may go. She stays."]
    assert sentences(text) == ["Title here", "He may go.", "She stays."]


def test_lines_of_only_punctuation_do_not_crash_or_end_sentences_wrongly():
    for text in ['"', ")\nword", '"\n"', "?", "!!!\n\n..."]:
        seg = segment(text)
        assert all(0 <= s < e <= len(text) for s, e in seg.sentences)


def test_unguarded_punkt_splits_exactly_like_nltks_stock_classes():
    from pathlib import Path

    from workbench.segment import sentence_tokenizer

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("seeds/*.txt")) + sorted(root.glob("tests/data/*/*.txt"))]
    texts += [
        "Dr. Smith met Mr. J. R. Jones at 5 p.m. on Jan. 3... Then he left. 'Why?' she asked.",
        "Prices rose 3.5% in the U.S. last year. The e.g. case: (It ended.) And then?! No.",
        "\u201cWe won.\u201d They cheered \u00abloudly.\u00bb Next -- the end... 1. First item. 2. Second.",
    ]
    fast, stock = sentence_tokenizer(), sentence_tokenizer(guarded=True)
    assert type(fast) is type(stock) and fast is not stock
    for text in texts:
        assert list(fast.span_tokenize(text)) == list(stock.span_tokenize(text))


def test_one_quote_finder_for_every_detector():
    from workbench.corpus import Document
    from workbench.detectors.questions import _quoted_question
    from workbench.detectors.stance.context import Context

    text = 'The 5" pipe, he said, was "fine". She asked: "Is it safe?" and left.'
    doc = Document("q", text)
    inner = [text[q.start + 1 : q.end - 1] for q in doc.segments.quotes]
    assert inner == ["fine", "Is it safe?"]  # the inch mark pairs with nothing
    assert Context(doc).quotes == [(q.start + 1, q.end - 1) for q in doc.segments.quotes]
    start, end = doc.segments.sentences[1]
    qs, qe = _quoted_question(doc, start, end)
    assert text[start + qs : start + qe] == '"Is it safe?"'


def test_marks_with_the_space_on_the_wrong_side_still_pair():
    # Scraped news loses or moves spaces around quotation marks; leftover marks pair in turn.
    text = 'It has sat there ever since." We will probably look at zoning," the mayor said.'
    doc_quotes = segment(text).quotes
    assert [text[q.start : q.end] for q in doc_quotes] == ['." We will probably look at zoning,"'[1:]]
    assert segment('A stray " mark and the "reform" plan.').quotes[0].inner('A stray " mark and the "reform" plan.') == "reform"


def test_punctuation_inside_the_closing_mark_still_pairs():
    from workbench.segment import find_quotes

    for text in ("The board keeps talking about 'progress,' but nobody saw any.", "The board keeps talking about \u2018progress,\u2019 but nobody saw any."):
        assert [q.inner(text) for q in find_quotes(text)] == ["progress,"]
    # an apostrophe after a plural is still no quotation mark
    assert find_quotes("The players' union met the owners' lawyers.") == []


def test_nested_quotes_of_both_styles_are_kept_apart():
    from workbench.segment import quote_layers

    text = "\u201cThis so-called \u2018consensus\u2019 is thin,\u201d he said. \u2018A \u201cpath\u201d, she said.\u2019 \"Why is the 'independent' report late?\""
    top, nested = quote_layers(text)
    assert [q.inner(text)[:12] for q in top] == ["This so-call", "A \u201cpath\u201d, sh", "Why is the '"]
    assert [text[q.start : q.end] for q in nested] == ["\u2018consensus\u2019", "\u201cpath\u201d", "'independent'"]
    assert all(q.depth == 1 for q in nested) and all(q.depth == 0 for q in top)
    seg = segment(text)
    assert seg.quotes == tuple(top) and seg.nested_in(top[0]) == [nested[0]]
    # an apostrophe inside a nested pair does not close it
    text = "\u201cWho would tick \u2018don\u2019t know\u2019?\u201d"
    assert [text[q.start : q.end] for q in segment(text).nested_quotes] == ["\u2018don\u2019t know\u2019"]


def test_speaker_tags_in_written_text_are_turns():
    text = (
        "An edited transcript follows.\n\n"
        "HOST: Was the committee told? It had met twice.\n\n"
        "DR. OKAFOR: I believe so.\n\n"
        "Q: And the mayor?\nA: She was not there.\n\n"
        "The interview ended there."
    )
    turns = segment(text).turns
    assert [(t.index, t.speaker) for t in turns] == [(1, "HOST"), (2, "DR. OKAFOR"), (3, "Q"), (4, "A")]
    assert [text[t.start : t.end] for t in turns] == ["Was the committee told? It had met twice.", "I believe so.", "And the mayor?", "She was not there."]
    assert text[turns[1].tag_start : turns[1].start] == "DR. OKAFOR: "
    seg = segment(text)
    assert seg.turn_at(text.index("believe")).speaker == "DR. OKAFOR" and seg.turn_at(text.index("ended")) is None


def test_a_signed_letter_and_its_reply_are_turns():
    text = "Can we get the deposit back? We paid by card. \u2014 R.P., Harwick\n\nNadia replies: Possibly. Ask the card provider first."
    turns = segment(text).turns
    assert [(t.speaker, t.source) for t in turns] == [("R.P.", "signature"), ("Nadia", "tag")]
    assert text[turns[0].start : turns[0].end] == "Can we get the deposit back? We paid by card."


def test_one_tag_or_an_editorial_label_is_no_conversation():
    assert segment("UPDATE: The council met again.\n\nNOTE: Figures are provisional.\n\nThe meeting ended.").turns == ()
    assert segment("MAYOR: We will build it.\n\nShe said nothing more.").turns == ()
    assert segment("As for the wall: who pays? Nobody knows.\n\nLast question: why now?").turns == ()


def test_dialogue_table_turns_keep_their_speaker_and_flag():
    text = "Do you swim?\nYes."
    seg = segment(text, turns=[{"speaker": "A", "start": 0, "end": 12, "question": True}, {"speaker": "B", "start": 13, "end": 17}])
    assert [(t.index, t.speaker, t.question, t.source) for t in seg.turns] == [(1, "A", True, "table"), (2, "B", None, "table")]


def test_turn_lookup_stays_linear_in_a_long_transcript():
    import time

    text = "".join(f"HOST: Is it safe, number {i}?\n\nGUEST: Mostly.\n\n" for i in range(3000))
    seg = segment(text)
    started = time.perf_counter()
    found = [seg.turn_at(s) for s, _ in seg.sentences]
    assert time.perf_counter() - started < 1.0  # about 4 s when each lookup scanned every turn
    assert [t.speaker for t in found[:2]] == ["HOST", "GUEST"] and len(seg.turns) == 6000


def test_token_offsets_are_the_starts_and_ends_of_the_tokens():
    seg = segment("Dr. Ng said\u2014twice\u2014that it's \u201cfine\u201d.\n\nNext paragraph here.")
    assert list(zip(seg.token_starts, seg.token_ends)) == list(seg.tokens)
    assert list(seg.token_starts) == sorted(seg.token_starts) and list(seg.token_ends) == sorted(seg.token_ends)
