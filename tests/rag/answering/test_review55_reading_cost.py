"""Security review 55, F1: what `/verify` charges for the claim checks' reading
(`reading_cost`, added to `embedding_cost` by the service). A passage without a sentence break
is one sentence of up to 20,000 characters; the embedder reads 512 tokens of it, but some
thirty checks a claim read all of it: 200 claims over two of 13,000 characters took 46 s of
CPU and were charged 9,472 of 24,000. Ordinary prose costs nothing or next to it."""

from __future__ import annotations

from rag.answering.verify import (
    READ_CHARS_PER_COST,
    READ_FREE_CHARS,
    reading_cost,
    split_claims,
)
from rag.loaders import load_paths
from tests.conftest import ARTICLES

SENT = "Tokaïev a limogé Massimov le 5 janvier et Nazarbaïev a quitté Astana. "
FILLER = ("a " * 20_000)[: 12_995 - len(SENT)]
LONG = SENT + FILLER  # one sentence: "a" is no sentence start
TROOPS = "Des dizaines de personnes ont été tuées. La Russie a envoyé quelque 3 000 personnes."


def test_the_reviews_request_costs_what_its_checks_read() -> None:
    answer = " ".join([SENT.strip()] * 200)  # 200 claims, no marker: each against both
    each = len(SENT.strip()) + len(LONG) - READ_FREE_CHARS  # the claim and the one sentence
    assert reading_cost(answer, [LONG, LONG]) == 200 * 2 * each // READ_CHARS_PER_COST
    assert reading_cost(answer, [LONG, LONG]) > 24_000  # past the service's bound alone


def test_only_the_passages_a_claim_may_be_judged_on_count() -> None:
    one = SENT.strip()[:-1] + " [1]."
    cited = reading_cost(" ".join([one] * 10), [LONG, LONG], recite=False)
    assert cited * 2 == reading_cost(" ".join([one] * 10), [LONG, LONG], recite=True)
    assert reading_cost(" ".join([one] * 10), [LONG, TROOPS]) == cited


def test_a_claim_joining_statements_counts_each_part() -> None:
    joined = ("Tokaïev a limogé Massimov le 5 janvier, tandis que Nazarbaïev a quitté Astana "
              "le 6 janvier.")
    assert len(split_claims(joined)) == 1
    plain = reading_cost(SENT, [LONG])
    assert reading_cost(joined, [LONG]) >= 2 * plain > 0


def test_ordinary_prose_costs_next_to_nothing() -> None:
    assert reading_cost("La Russie a envoyé 3 000 soldats [1].", [TROOPS]) == 0
    articles = sorted((d.text for d in load_paths([ARTICLES]).documents), key=len)
    answer = " ".join(["Le président Tokaïev a déclaré l'état d'urgence jusqu'au 19 janvier."]
                      * 10)
    # ten claims against the two longest shipped articles, whole: 20 checks, a unit or two each
    assert reading_cost(answer, [t[:20_000] for t in articles[-2:]]) <= 2 * 20
