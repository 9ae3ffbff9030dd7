"""A fallback in the question's language: an English question over French sources whose model
answer does not hold up gets the quoted evidence translated by the model, shown only when
every translated claim verifies. Real e5 vectors, index and verifier; the model is a scripted
OpenAI-compatible server on loopback that answers the answer prompt and the translation prompt
as each test says."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from rag.answering.citations import strip_markers
from rag.answering.language import answer_language
from rag.answering.pipeline import Answer, Answerer
from rag.answering.prompt import answer_messages, translate_messages
from rag.answering.verify import Passage, Verifier
from rag.config import Settings
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.llm.openai_compat import OpenAICompatibleLLM
from rag.retrieval import Searcher
from tests.conftest import indexed_searcher, small_docs
from tests.service.conftest import http_server, send_chat_stream

TROOPS = ("Le ministère russe de la Défense a indiqué que 3 000 parachutistes russes ont été "
          "envoyés au Kazakhstan.")
ASKED = "How many Russian paratroopers were sent to Kazakhstan?"


def _quoting(answer: str, english: str) -> None:
    """`answer` is `english` cited [1], with the source's wording of the figure quoted."""
    m = re.fullmatch(re.escape(english) + r" \(« (.+) »\) \[1\]\.", answer)
    assert m is not None, answer
    assert m.group(1) in TROOPS and "3 000 parachutistes" in m.group(1)


INVENTED = "Kazakhstan won the 1998 football World Cup [1]."  # fails: the fallback follows

# What the scripted model says, by prompt: each a function of the last user message.
ANSWER: list[Callable[[str], str]] = []
TRANSLATION: list[Callable[[str], str]] = []
SEEN: list[str] = []  # the last user message of every request


def _number(prompt: str, word: str) -> str:
    """The source number the prompt gives the line holding `word`."""
    m = re.search(rf"^\[(\d+)\].*{word}", prompt, re.M)
    assert m, prompt
    return m.group(1)


def good(prompt: str) -> str:
    n = _number(prompt, "parachutistes")
    return f"The Russian Defence Ministry said that 3,000 Russian paratroopers were sent to " \
           f"Kazakhstan [{n}]."


class Model(BaseHTTPRequestHandler):

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        prompt = body["messages"][-1]["content"]
        SEEN.append(prompt)
        script = TRANSLATION if "translated into English?" in prompt else ANSWER
        said = script[0](prompt) if script else INVENTED
        send_chat_stream(self, [w + " " for w in said.split(" ")])


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory, embedder: E5Embedder
             ) -> tuple[Searcher, Settings]:
    return indexed_searcher(tmp_path_factory.mktemp("translate-index"), embedder,
                            [*small_docs(), Document("troupes", TROOPS, "Troupes russes")])


@pytest.fixture
def answerer(searcher: tuple[Searcher, Settings], embedder: E5Embedder) -> Iterator[Answerer]:
    s, settings = searcher
    SEEN.clear()
    ANSWER.clear()
    TRANSLATION.clear()
    with http_server(Model) as url:
        llm = OpenAICompatibleLLM(url, "scripted", timeout=20)
        try:
            yield Answerer(lambda: s, settings, llm=llm, embedder=embedder)
        finally:
            llm.close()


def _verified(answer: Answer, embedder: E5Embedder) -> bool:
    by_n = {c.n: c.hit.chunk for c in answer.citations}
    passages = [Passage(by_n[n].text, by_n[n].title) if n in by_n else Passage("")
                for n in range(1, max(by_n, default=0) + 1)]
    claims = Verifier(embedder).verify(answer.answer, passages, recite=False).claims
    return bool(claims) and all(c.supported and c.citations for c in claims)


def test_a_fallback_for_an_english_question_is_given_in_english(
        answerer: Answerer, embedder: E5Embedder) -> None:
    TRANSLATION.append(good)
    answer = answerer.answer(ASKED)
    assert answer.fallback and not answer.abstained
    assert len(SEEN) == 2 and "3 000 parachutistes" in SEEN[1]  # the quote went to translation
    # the source's digit groups, in English, every claim supported by the passage it cites
    # ... with the source's own wording quoted (wording.py): a translated sentence, its whole
    # source sentence
    _quoting(answer.answer, "The Russian Defence Ministry said that 3 000 Russian paratroopers "
                            "were sent to Kazakhstan")
    assert f"(« {' '.join(TROOPS.split()).rstrip('.')} »)" in answer.answer
    assert answer_language(strip_markers(answer.answer)) == "en"
    assert _verified(answer, embedder)
    assert [c.hit.chunk.doc_id for c in answer.citations] == ["troupes"]
    support = answer.citations[0].support
    assert support is not None and "3 000 parachutistes" in support.text
    assert "translation" in answer.timings_ms


def test_a_translation_written_the_way_sources_are_is_read_as_an_answer(
        answerer: Answerer) -> None:
    """The small model copies the prompt's layout ("[1] sentence") and may add the sentinel."""
    TRANSLATION.append(lambda p: f"[{_number(p, 'parachutistes')}] The Russian Defence Ministry "
                                 f"said that 3 000 Russian paratroopers were sent to Kazakhstan."
                                 f"\nNOT_IN_SOURCES")
    answer = answerer.answer(ASKED)
    _quoting(answer.answer, "The Russian Defence Ministry said that 3 000 Russian paratroopers "
                            "were sent to Kazakhstan")


def test_the_stream_shows_only_the_checked_translation(answerer: Answerer) -> None:
    """Nothing of the translation is streamed before it is checked: the tokens are the answer."""
    from rag.answering.pipeline import Done, Token

    TRANSLATION.append(good)
    events = list(answerer.stream(ASKED))
    text = "".join(e.text for e in events if isinstance(e, Token))
    done = [e.answer for e in events if isinstance(e, Done)]
    assert done and text == done[0].answer and text.startswith("The Russian Defence")


@pytest.mark.parametrize("bad", [
    # an invented figure: the verifier finds no 1998 in the passage
    lambda p: f"The Russian Defence Ministry said that 3 000 paratroopers landed in 1998 "
              f"[{_number(p, 'parachutistes')}].",
    # the figure left out: supported, but it lost what was quoted
    lambda p: f"The Russian Defence Ministry said that Russian paratroopers were sent to "
              f"Kazakhstan [{_number(p, 'parachutistes')}].",
    # a first sentence that fails stops the model: the good one after it is never shown
    lambda p: f"Kazakhstan won the 1998 World Cup [{_number(p, 'parachutistes')}]. "
              f"The ministry sent 3 000 Russian paratroopers to Kazakhstan "
              f"[{_number(p, 'parachutistes')}].",
    # still French
    lambda p: f"Le ministère russe a envoyé 3 000 parachutistes [{_number(p, 'parachutistes')}].",
    # a passage that was not quoted cited
    lambda p: f"The ministry sent 3 000 paratroopers [{_number(p, 'parachutistes')}] from "
              f"Kourou [{int(_number(p, 'parachutistes')) % 5 + 1}].",
])
def test_a_translation_that_does_not_hold_up_is_not_shown(
        answerer: Answerer, bad: Callable[[str], str]) -> None:
    TRANSLATION.append(bad)
    answer = answerer.answer(ASKED)
    assert len(SEEN) == 2 and answer.fallback
    assert answer.answer.startswith("According to the sources (quoted as written): ")
    assert "3 000 parachutistes russes" in answer.answer


def test_a_later_sentence_that_does_not_verify_is_left_out(answerer: Answerer,
                                                           embedder: E5Embedder) -> None:
    """The first sentence is the best evidence's and verifies; an invented one after it is
    dropped, not shown and not the reason to show the French quotes instead."""
    TRANSLATION.append(lambda p: f"The ministry sent 3 000 Russian paratroopers to Kazakhstan "
                                 f"[{_number(p, 'parachutistes')}]. Kazakhstan won the 1998 "
                                 f"World Cup [{_number(p, 'parachutistes')}].")
    answer = answerer.answer(ASKED)
    assert answer.fallback and "World Cup" not in answer.answer
    _quoting(answer.answer, "The ministry sent 3 000 Russian paratroopers to Kazakhstan")
    assert _verified(answer, embedder)


def test_a_sentence_the_model_left_uncited_gets_its_passage(answerer: Answerer) -> None:
    TRANSLATION.append(lambda p: "The ministry sent 3 000 Russian paratroopers to Kazakhstan.")
    answer = answerer.answer(ASKED)
    assert answer.fallback
    _quoting(answer.answer, "The ministry sent 3 000 Russian paratroopers to Kazakhstan")
    assert [c.hit.chunk.doc_id for c in answer.citations] == ["troupes"]


def test_a_verified_answer_in_the_wrong_language_is_what_gets_translated(
        answerer: Answerer, embedder: E5Embedder) -> None:
    """The model answered in French and its claim verifies: that answer, not the quotes, goes
    to translation."""
    ANSWER.append(lambda p: f"Le ministère a envoyé 3 000 parachutistes russes au Kazakhstan "
                            f"[{_number(p, 'parachutistes')}].")
    TRANSLATION.append(lambda p: f"The ministry sent 3 000 Russian paratroopers to Kazakhstan "
                                 f"[{_number(p, 'parachutistes')}].")
    answer = answerer.answer(ASKED)
    assert len(SEEN) == 2
    assert "Le ministère a envoyé 3 000 parachutistes russes au Kazakhstan" in SEEN[1]
    _quoting(answer.answer, "The ministry sent 3 000 Russian paratroopers to Kazakhstan")
    assert _verified(answer, embedder)


def test_an_answer_without_what_is_asked_gives_way_to_the_evidence(answerer: Answerer) -> None:
    """"Combien ...": a verified answer with no figure does not answer; the evidence quotes one,
    so the extractive answer is given instead (and is what the stream ends with)."""
    ANSWER.append(lambda p: f"Le ministère russe de la Défense a envoyé des parachutistes "
                            f"russes au Kazakhstan [{_number(p, 'parachutistes')}].")
    answer = answerer.answer("Combien de parachutistes russes ont été envoyés au Kazakhstan ?")
    assert answer.fallback and "3 000 parachutistes russes" in answer.answer


def test_the_quoted_source_wording_is_not_what_the_answer_said(answerer: Answerer) -> None:
    """Across languages a verified claim gets the source's wording quoted, figure included
    (wording.py); whether the answer holds what is asked is read without it: "paratroopers
    were sent" still gives no figure for "How many"."""
    ANSWER.append(lambda p: f"The Russian Defence Ministry said that Russian paratroopers were "
                            f"sent to Kazakhstan [{_number(p, 'parachutistes')}].")
    TRANSLATION.append(good)
    answer = answerer.answer(ASKED)
    assert answer.fallback
    _quoting(answer.answer, "The Russian Defence Ministry said that 3 000 Russian paratroopers "
                            "were sent to Kazakhstan")


def test_an_answer_with_what_is_asked_is_kept(answerer: Answerer) -> None:
    ANSWER.append(lambda p: f"Le ministère a envoyé 3 000 parachutistes russes au Kazakhstan "
                            f"[{_number(p, 'parachutistes')}].")
    answer = answerer.answer("Combien de parachutistes russes ont été envoyés au Kazakhstan ?")
    assert not answer.fallback
    assert answer.answer == "Le ministère a envoyé 3 000 parachutistes russes au Kazakhstan [1]."


def test_a_french_question_asks_for_no_translation(answerer: Answerer) -> None:
    answer = answerer.answer("Combien de parachutistes russes ont été envoyés au Kazakhstan ?")
    assert len(SEEN) == 1 and answer.fallback
    assert "3 000 parachutistes russes" in answer.answer


def test_without_the_setting_the_quotes_stay_as_written(
        answerer: Answerer, searcher: tuple[Searcher, Settings], embedder: E5Embedder) -> None:
    s, settings = searcher
    assert answerer.llm is not None
    off = Answerer(lambda: s, settings.model_copy(update={"llm_translate_fallbacks": False}),
                   llm=answerer.llm, embedder=embedder)  # RAG_LLM_TRANSLATE_FALLBACKS=false
    TRANSLATION.append(good)
    answer = off.answer(ASKED)
    assert len(SEEN) == 1
    assert answer.answer.startswith("According to the sources (quoted as written): ")


def test_the_translation_prompt_keeps_the_answer_prompts_cached_prefix() -> None:
    """llama.cpp's one slot caches the last prompt: a translation that opened with other tokens
    would make the next answer process the system prompt and examples again."""
    translate = translate_messages([(2, "Le ministère a envoyé 3 000 soldats [4].")], "en")
    answer = answer_messages("q", [], lang="en")
    assert translate[:-1] == answer[:-1]
    assert "[2] Le ministère a envoyé 3 000 soldats (4)." in translate[-1]["content"]
    assert translate[-1]["content"].endswith("Answer in English.")
