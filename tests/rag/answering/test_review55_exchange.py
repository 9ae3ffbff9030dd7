"""Security review 55, F1: `exchanged` folded every word of the sentence before it read its
EXCHANGE_MAX_WORDS bound, for every claim it was asked about (twice a claim check: in the
claim's language, then across). A passage without a sentence break is one sentence of up to
20,000 characters: 6,500 words folded a call, ~27% of what 200 claims over two of them cost.
The words are now counted first, at most the bound and one more looked for; what it says of
any text is unchanged."""

from __future__ import annotations

import time

import pytest

import rag.answering.exchange as exchange
from rag.answering.exchange import EXCHANGE_MAX_WORDS, exchanged

CLAIM = ("Les manifestants avaient repris le contrôle de l'aéroport, saisi plus tôt par les "
         "militaires.")
SENTENCE = ("Les militaires avaient repris le contrôle de l'aéroport, saisi plus tôt par les "
            "manifestants.")
# the review's sentence: the claim's own words, then "a a a ..." (no sentence break)
LONG = SENTENCE + " " + ("a " * 20_000)[:12_900]


def test_the_exchange_is_still_read_within_the_bound() -> None:
    assert exchanged(CLAIM, SENTENCE)
    assert not exchanged(CLAIM, CLAIM)
    at_bound = SENTENCE + " a" * (EXCHANGE_MAX_WORDS - len(exchange._WORD.findall(SENTENCE)))
    assert len(exchange._WORD.findall(at_bound)) == EXCHANGE_MAX_WORDS
    assert exchanged(CLAIM, at_bound)
    assert not exchanged(CLAIM, at_bound + " a")  # past it, not read (as before)
    assert not exchanged(CLAIM + " a" * EXCHANGE_MAX_WORDS, SENTENCE)


# (no passive in either: across languages a passive ends the check before any word is read)
ACTIVE = "Les militaires ont repris aux manifestants le contrôle de l'aéroport"
ACTIVE_EN = "The protesters took back the airport from the soldiers."


@pytest.mark.parametrize(("claim", "sentence", "claim_lang"), [
    (CLAIM, LONG, None),
    (LONG, SENTENCE, None),
    (ACTIVE_EN, ACTIVE + " " + ("a " * 20_000)[:12_900], "en"),
], ids=["long-sentence", "long-claim", "across-languages"])
def test_a_long_sentence_is_not_folded_word_by_word(
        monkeypatch: pytest.MonkeyPatch, claim: str, sentence: str,
        claim_lang: str | None) -> None:
    folded: list[str] = []

    def counting(text: str) -> str:
        folded.append(text)
        return text.lower()

    monkeypatch.setattr(exchange, "fold", counting)
    assert not exchanged(claim, sentence, claim_lang)
    assert folded == []  # (some 6,470 words folded before)


def test_a_long_sentence_costs_what_one_at_the_bound_does() -> None:
    t0 = time.process_time()
    for _ in range(200):
        exchanged(CLAIM, LONG)
    spent = time.process_time() - t0
    assert spent < 0.5, spent  # ~0.02 s; 200 calls folded 1.3 M words before (~8 s)
