"""Streaming with `max_tokens` or `stop` reads each token once (review 7, F9).

The stream used to re-apply `apply` to the whole answer so far for every token: a 20 KB answer
in 3,334 pieces took 2.2 s with `max_tokens` and 0.0 s without. `Cutter` carries the word count
and the possible start of a stop sequence from piece to piece; what it lets out is what that
rule let out, on pieces cut anywhere (mid-word included)."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from typing import Any

import openai
import pytest

from service import openai_params
from service.openai_params import Cutter, Limits, apply
from tests.service.conftest import FR_TROOPS, Service

WORDS = ["Tokaïev", "a", "demandé", "l’aide", "de", "l'OTSC", "3", "000", "soldats", "[1]",
         "«", "»", "—", "2022-01-06", "C'est", "ça", "!", "?", ".", ",", "e5", "x_y", "…"]


def previous_rule(pieces: list[str], limits: Limits) -> tuple[str, str, str]:
    """The stream's rule before `Cutter` (service/routes/openai.py until review 7): what was
    sent, the text it kept as sent, and its reason."""
    sent, reason, out = "", "stop", []
    for token in pieces:
        if reason != "stop":
            break
        full = sent + token
        cut, why = apply(full, limits)
        piece, sent = cut[len(sent):], cut
        if why == "length" or len(cut) < len(full):
            reason = why if why == "length" else "stopped"
        out.append(piece)
    return "".join(out), sent, reason


def through_cutter(pieces: list[str], limits: Limits) -> tuple[str, str, str | None]:
    cutter = Cutter(limits)
    out = [cutter.feed(p) for p in pieces]
    out.append(cutter.flush())  # the stream's end
    return "".join(out), cutter.text, cutter.reason


def split_anywhere(text: str, rng: random.Random) -> list[str]:
    """`text` in pieces of 0 to 7 characters, cut anywhere (inside words too)."""
    pieces, i = [], 0
    while i < len(text):
        n = rng.randint(0, 7)
        pieces.append(text[i:i + n])
        i += n
    return pieces


def random_text(rng: random.Random, n: int) -> str:
    seps = [" ", " ", " ", "", "\n", "  "]
    return "".join(rng.choice(WORDS) + rng.choice(seps) for _ in range(n))


@pytest.mark.parametrize("seed", range(60))
def test_same_output_as_the_previous_rule_on_pieces_cut_mid_word(seed: int) -> None:
    rng = random.Random(seed)
    text = random_text(rng, rng.randint(1, 60))
    pieces = split_anywhere(text, rng)
    stops = tuple(rng.sample(["soldats", "[1]", "00", "\n", "e de", "ça !", "zz"],
                             rng.randint(0, 3)))
    for limits in (Limits(max_tokens=rng.randint(1, 40)), Limits(stop=stops),
                   Limits(max_tokens=rng.randint(1, 40), stop=stops), Limits()):
        _, kept, reason = previous_rule(pieces, limits)
        got, got_kept, got_reason = through_cutter(pieces, limits)
        assert got_kept == kept, (pieces, limits)
        # nothing of a stop sequence is sent: only the kept text, and past max_tokens the
        # spaces let out before the word past the limit came
        assert got.startswith(kept) and not got[len(kept):].strip(), (pieces, limits)
        if got_reason != "length":
            assert got == kept, (pieces, limits)
        assert {"stop": None, "stopped": "stop", "length": "length"}[reason] == got_reason
        if not limits.stop:  # the words counted piece by piece are the whole text's
            whole, why = apply(text, limits)
            assert got_kept == whole, (pieces, limits)
            # what was sent past it: spaces let out before the word past the limit came
            assert got.startswith(whole) and not got[len(whole):].strip()
            assert (got_reason == "length") == (why == "length")


def test_a_word_split_between_pieces_counts_once() -> None:
    limits = Limits(max_tokens=2)
    assert through_cutter(["Toka", "ïev a", "ide"], limits) == ("Tokaïev aide", "Tokaïev aide",
                                                              None)
    assert through_cutter(["Toka", "ïev a", "ide le"], limits)[0:3:2] == ("Tokaïev aide",
                                                                          "length")
    # the last word counted goes on in the next piece: cut where it ends
    assert through_cutter(["Un deu", "x trois"], limits)[0] == "Un deux"
    assert through_cutter(["Un deux ", ". trois"], limits)[1] == "Un deux"


class CountingPattern:
    """`_WORD`, counting the characters its `finditer` reads (the real pattern does the work)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.read = 0

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        self.read += len(text)
        return self.pattern.finditer(text)

    def findall(self, text: str) -> list[Any]:
        return self.pattern.findall(text)


def test_a_long_answer_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """20 KB in 3,334 pieces (the review's case): the words are read once, not 3,334 times."""
    counting = CountingPattern(openai_params._WORD)
    monkeypatch.setattr(openai_params, "_WORD", counting)
    text = ("Selon l’agence RIA, la Russie a envoyé 3 000 soldats [1]. " * 400)[:20_000]
    pieces = [text[i:i + 6] for i in range(0, len(text), 6)]
    assert len(pieces) == 3334
    cutter = Cutter(Limits(max_tokens=100_000, stop=("NEVER SAID",)))
    assert "".join(cutter.feed(p) for p in pieces) == text and cutter.reason is None
    assert counting.read == len(text)


def test_the_stream_reads_each_token_once(corpus_service: Service,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the real server and the openai SDK: with max_tokens, the characters the word
    pattern reads are the answer's, once (the previous rule read the text so far per token)."""
    counting = CountingPattern(openai_params._WORD)
    monkeypatch.setattr(openai_params, "_WORD", counting)
    client = openai.OpenAI(base_url=f"{corpus_service.url}/v1", api_key="unused",
                           max_retries=0)
    stream = client.chat.completions.create(
        model="rag", messages=[{"role": "user", "content": FR_TROOPS}], stream=True,
        max_tokens=10_000)
    chunks = [c for c in stream if c.choices]
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    answer = text.split("\n\nSources:")[0]
    assert "3 000" in answer and len(chunks) > 10  # many tokens
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert 0 < counting.read <= len(answer)


def test_a_stop_sequence_split_between_pieces_is_never_sent() -> None:
    """"EN" + "D": the previous rule sent "EN" before the next piece showed it began "END"."""
    limits = Limits(stop=("END",))
    cutter = Cutter(limits)
    assert cutter.feed("Trois mille soldats EN") == "Trois mille soldats "
    assert cutter.feed("D de la réponse") == "" and cutter.reason == "stop"
    assert cutter.text == "Trois mille soldats "
    # a prefix that turns out not to be one is sent with the piece that shows it
    cutter = Cutter(limits)
    assert cutter.feed("ils sont EN") == "ils sont "
    assert cutter.feed("VOYÉS") == "ENVOYÉS" and cutter.reason is None
    assert cutter.feed(" au Kazakhstan E") == " au Kazakhstan "
    assert cutter.flush() == "E"  # the answer ended: what was held goes out
    # borders: "aab" after "aaa" (KMP falls back to the longest border)
    cutter = Cutter(Limits(stop=("aab",)))
    assert cutter.feed("xaa") == "x" and cutter.feed("a") == "a"
    assert cutter.feed("b!") == "" and cutter.text == "xa" and cutter.reason == "stop"


def test_the_stream_never_sends_the_start_of_a_stop_sequence(corpus_service: Service) -> None:
    """Through the real server and the openai SDK, the answer streamed token by token: with a
    stop sequence that spans tokens ("3 0" of "3 000"), no part of it is sent."""
    client = openai.OpenAI(base_url=f"{corpus_service.url}/v1", api_key="unused",
                           max_retries=0)
    plain = client.chat.completions.create(
        model="rag", messages=[{"role": "user", "content": FR_TROOPS}])
    whole = plain.choices[0].message.content or ""
    assert "3 000" in whole
    stream = client.chat.completions.create(
        model="rag", messages=[{"role": "user", "content": FR_TROOPS}], stream=True,
        stop=["3 000"])
    chunks = [c for c in stream if c.choices]
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    answer = text.split("\n\nSources:")[0]
    assert answer == whole[:whole.index("3 000")].split("\n\nSources:")[0]
    assert chunks[-1].choices[0].finish_reason == "stop"


def test_a_stop_sequence_over_the_limit_is_a_400(corpus_service: Service) -> None:
    """A stop sequence is read once per streamed token (and its KMP table built per request):
    a 2 MB one is refused before any work, as OpenAI-style 400 naming `stop`."""
    client = openai.OpenAI(base_url=f"{corpus_service.url}/v1", api_key="unused",
                           max_retries=0)
    with pytest.raises(openai.BadRequestError) as err:
        client.chat.completions.create(
            model="rag", messages=[{"role": "user", "content": FR_TROOPS}], stream=True,
            stop=["x" * (openai_params.MAX_STOP_CHARS + 1)])
    assert "stop" in str(err.value) and "1000" in str(err.value)
    ok = client.chat.completions.create(
        model="rag", messages=[{"role": "user", "content": FR_TROOPS}],
        stop=["x" * openai_params.MAX_STOP_CHARS])
    assert ok.choices[0].message.content
