"""Follow-up rewriting: which questions are rewritten, by the model or by joining, and what a
bad rewrite falls back to. The model is a scripted OpenAI-compatible server on loopback."""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from rag.answering.pipeline import Answerer
from rag.answering.rewrite import (
    Rewriter,
    last_answer,
    last_user_question,
    looks_elliptic,
    named_person,
)
from rag.config import Settings
from rag.llm.base import CancelToken, Message
from rag.llm.openai_compat import OpenAICompatibleLLM
from tests.service.conftest import http_server


def _readable(sock: object, timeout: float) -> bool:
    """`select.select([sock], [], [], timeout)[0]` without select's 1,024-descriptor ceiling
    (a long test session's descriptors pass it): poll, any event counting as readable."""
    poller = select.poll()
    poller.register(sock, select.POLLIN | select.POLLPRI | select.POLLHUP | select.POLLERR)
    return bool(poller.poll(max(0.0, timeout) * 1000))

FIRST = "Combien de soldats la Russie a-t-elle envoyés au Kazakhstan en janvier 2022 ?"
HISTORY: list[Message] = [{"role": "user", "content": FIRST},
                          {"role": "assistant", "content": "Environ 3 000 soldats [1]."}]
SCRIPT: dict[str, Any] = {}  # what the scripted model answers: "content", or an error "status"
SEEN: list[dict[str, Any]] = []  # every request body it received
LEFT: list[float] = []  # when the scripted model saw its client close the connection


class Upstream(BaseHTTPRequestHandler):

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        SEEN.append(body)
        if SCRIPT.get("delay") and self._client_left_within(float(SCRIPT["delay"])):
            LEFT.append(time.monotonic())
            return
        status = int(SCRIPT.get("status", 200))
        payload = ({"choices": [{"message": {"role": "assistant",
                                             "content": SCRIPT["content"]}}]}
                   if status == 200 else {"error": {"message": "overloaded"}})
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _client_left_within(self, seconds: float) -> bool:
        """Waits up to `seconds` before answering (a slow model); True as soon as the client
        closes the connection instead."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if _readable(self.connection, min(left, 0.05)):
                try:
                    if not self.connection.recv(1, socket.MSG_PEEK):
                        return True
                except OSError:
                    return True
        return False


@pytest.fixture
def model() -> Iterator[tuple[Rewriter, dict[str, Any], list[dict[str, Any]]]]:
    SCRIPT.clear()
    SEEN.clear()
    LEFT.clear()
    with http_server(Upstream) as url:
        llm = OpenAICompatibleLLM(url, "scripted", timeout=10)
        try:
            yield Rewriter(llm, max_chars=200), SCRIPT, SEEN
        finally:
            llm.close()


@pytest.mark.parametrize(("question", "elliptic"), [
    ("Et la Biélorussie ?", True),
    ("And Armenia?", True),
    ("Who announced it?", True),
    ("Qu’en est-il du Belarus et des autres membres de l’alliance militaire ?", True),
    ("What did they say about the deployment of troops in Almaty last week?", True),
    ("Quel est le rôle de l'OTSC dans la crise politique au Kazakhstan ?", False),
    ("How many troops did Russia send to Kazakhstan in January 2022?", False),
    # French inversion ("a-t-elle", "est-il") repeats the subject: not a pronoun pointing back
    (FIRST, False),
    ("Combien de soldats la Russie a-t-elle envoyés ?", False),
    ("Quel âge a-t-il ?", True),
    # ... but when the question names no one, the inverted pronoun is the subject
    ("Sur quel réseau social a-t-il écrit ?", True),
    ("De quel pays est-il le Premier ministre ?", True),
    ("Qu'a-t-il fait du gouvernement en début de semaine ?", True),
    # short, but it names what it asks about; short and naming nothing needs the conversation
    ("Qui est Maria Zakharova ?", False),
    ("Who is Tokayev?", False),
    ("Combien de morts ?", True),
    ("How many soldiers?", True),
])
def test_which_questions_look_elliptic(question: str, elliptic: bool) -> None:
    assert looks_elliptic(question) is elliptic


def test_last_user_question_skips_answers_and_blanks() -> None:
    history: list[Message] = [{"role": "user", "content": " Première ? "},
                              {"role": "user", "content": "  "},
                              {"role": "assistant", "content": "Réponse."}]
    assert last_user_question(history) == "Première ?"
    assert last_user_question([{"role": "assistant", "content": "Bonjour."}]) is None
    assert last_user_question([]) is None


def test_without_a_model_an_elliptic_question_is_joined_to_the_previous_one() -> None:
    assert Rewriter(None).standalone("Et l’Arménie ?", HISTORY) == f"Et l’Arménie ? {FIRST}"
    # a self-contained question, or a first question, is searched as asked
    own = "Quel est le rôle de l'OTSC dans la crise politique au Kazakhstan ?"
    assert Rewriter(None).standalone(own, HISTORY) == own
    assert Rewriter(None).standalone("Et l’Arménie ?", []) == "Et l’Arménie ?"
    assert Rewriter(None).standalone("Et l’Arménie ?", HISTORY[1:]) == "Et l’Arménie ?"


WHO: list[Message] = [{"role": "user", "content": "Who is the Secretary General of the CSTO?"},
                      {"role": "assistant", "content": "Stanislav Zas [1]."}]


def test_without_a_model_a_pronoun_stands_for_the_person_just_named() -> None:
    """Joining "Who is the Secretary General?" would pull that question's passages back; the
    follow-up is about the person the answer named."""
    rewriter = Rewriter(None)
    assert (rewriter.standalone("How long did he say the peacekeepers would stay?", WHO)
            == "How long did he say the peacekeepers would stay? Stanislav Zas")
    assert (rewriter.standalone("Sur quel réseau social a-t-il écrit ?", WHO)
            == "Sur quel réseau social a-t-il écrit ? Stanislav Zas")
    # no pronoun for a person: the previous question gives the context, as before
    assert rewriter.standalone("Et l’Arménie ?", WHO) == (
        "Et l’Arménie ? Who is the Secretary General of the CSTO?")
    # impersonal "il" is no one
    assert rewriter.standalone("Combien de morts y a-t-il eu ?", WHO) == (
        "Combien de morts y a-t-il eu ? Who is the Secretary General of the CSTO?")
    # an answer that names no one: the previous question, as before
    assert rewriter.standalone("How long did he say it would last?", HISTORY) == (
        f"How long did he say it would last? {FIRST}")


@pytest.mark.parametrize(("answer", "person"), [
    ("Stanislav Zas [1].", "Stanislav Zas"),
    ("Kassym-Jomart Tokayev [1].", "Kassym-Jomart Tokayev"),
    ("According to the sources (quoted as written): Le secrétaire général de l’OTSC, "
     "Stanislav Zas, a qualifié de « stupidité totale » ces suggestions [1].", "Stanislav Zas"),
    ("Tard mercredi, le président sortant du bloc, le Premier ministre arménien Nikol "
     "Pashinyan, a confirmé qu’une aide serait envoyée [1].", "Nikol Pashinyan"),
    ("La Russie a envoyé quelque 3 000 personnes [1].", None),
    ("Environ 3 000 soldats [1].", None),
])
def test_named_person(answer: str, person: str | None) -> None:
    assert named_person(answer) == person


def test_a_hostile_answer_in_the_history_does_not_hang_the_rewrite() -> None:
    """The history is the client's: a long run of capitals once made the name pattern
    backtrack quadratically (about 45 s for 100 000 characters)."""
    start = time.monotonic()
    assert named_person("A" * 100_000 + " b c d e") is None
    assert named_person("Selon " + "É" * 50_000 + " Zas, b c d e") is None
    assert time.monotonic() - start < 5  # a hang check, not a timing


def test_last_answer_is_the_reply_to_the_last_question() -> None:
    assert last_answer(WHO) == "Stanislav Zas [1]."
    assert last_answer([*WHO, {"role": "user", "content": "Et ensuite ?"}]) is None
    assert last_answer([]) is None


def test_the_model_rewrite_is_used_cleaned(model: Any) -> None:
    rewriter, script, seen = model
    script["content"] = '  "Combien de soldats l’Arménie a-t-elle envoyés\n au Kazakhstan ?"  '
    out = rewriter.standalone("Et l’Arménie ?", HISTORY)
    assert out == "Combien de soldats l’Arménie a-t-elle envoyés au Kazakhstan ?"
    assert len(seen) == 1
    prompt = seen[0]["messages"][-1]["content"]
    assert FIRST in prompt and prompt.endswith("Last question: Et l’Arménie ?")


def test_the_model_is_not_asked_when_nothing_needs_rewriting(model: Any) -> None:
    rewriter, script, seen = model
    script["content"] = "never used"
    own = "Quel est le rôle de l'OTSC dans la crise politique au Kazakhstan ?"
    assert rewriter.standalone(own, HISTORY) == own
    assert rewriter.standalone("Et l’Arménie ?", []) == "Et l’Arménie ?"
    assert seen == []


@pytest.mark.parametrize("script", [
    {"status": 503},  # the model server fails
    {"content": "Et"},  # too short to be a question
    {"content": "x " * 150},  # beyond the query limit (200 characters)
])
def test_a_failed_or_unusable_rewrite_falls_back_to_joining(model: Any,
                                                            script: dict[str, Any]) -> None:
    rewriter, scripted, seen = model
    scripted.update(script)
    assert rewriter.standalone("Et l’Arménie ?", HISTORY) == f"Et l’Arménie ? {FIRST}"
    assert len(seen) == 1  # asked once: a request the server saw is never repeated


def _cancel_in(seconds: float) -> tuple[CancelToken, threading.Timer]:
    token = CancelToken()
    timer = threading.Timer(seconds, token.cancel)
    timer.start()
    return token, timer


def _upstream_saw_the_client_leave() -> bool:
    deadline = time.monotonic() + 3
    while not LEFT and time.monotonic() < deadline:
        time.sleep(0.02)
    return bool(LEFT)


def test_a_cancel_ends_the_model_rewrite_at_once(model: Any) -> None:
    """A client that hung up during the rewrite: the model's call used to run to its end (up to
    the LLM timeout), holding a threadpool thread; the connection is now shut down at once."""
    rewriter, script, seen = model
    script.update(content="Combien de soldats l’Arménie a-t-elle envoyés ?", delay=8)
    gone, timer = _cancel_in(0.5)
    start = time.monotonic()
    out = rewriter.standalone("Et l’Arménie ?", HISTORY, cancel=gone)
    took = time.monotonic() - start
    timer.join()
    assert took < 2  # the model would have answered after 8 s
    assert out == "Et l’Arménie ?"  # no one reads it: neither model's words nor a join
    assert len(seen) == 1 and _upstream_saw_the_client_leave()
    # the same model still answers a request no one cancels
    script["delay"] = 0
    assert rewriter.standalone("Et l’Arménie ?", HISTORY, cancel=CancelToken()) == (
        "Combien de soldats l’Arménie a-t-elle envoyés ?")


def test_a_client_gone_during_the_rewrite_frees_the_answer_at_once(tmp_path: Any) -> None:
    """The pipeline hands its token to the rewrite: `answer_unless` returns None within the
    second after the cancel, not when the model would have answered, and never searches."""
    SCRIPT.clear()
    SEEN.clear()
    LEFT.clear()
    SCRIPT.update(content="Combien de soldats l’Arménie a-t-elle envoyés ?", delay=8)
    searches: list[str] = []

    class Searcher:
        def search(self, query: str, *args: Any) -> list[Any]:
            searches.append(query)
            return []

    with http_server(Upstream) as url:
        llm = OpenAICompatibleLLM(url, "scripted", timeout=10)
        try:
            answerer = Answerer(Searcher, Settings(index_dir=tmp_path),
                                llm=llm)
            gone, timer = _cancel_in(0.5)
            start = time.monotonic()
            assert answerer.answer_unless(gone, "Et l’Arménie ?", history=HISTORY) is None
            took = time.monotonic() - start
            timer.join()
        finally:
            llm.close()
    assert took < 2
    assert len(SEEN) == 1 and searches == [] and _upstream_saw_the_client_leave()
