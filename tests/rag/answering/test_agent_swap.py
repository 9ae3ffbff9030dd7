"""Who did what to whom: a claim that swaps the parties of its source's deed (verify.swapped),
with the real e5 model where the verdict is checked end to end."""

from __future__ import annotations

from rag.answering.countries import bodies_at
from rag.answering.verify import Verifier, parties, swapped
from tests.rag.answering.test_verify import one

WARNED = ("Jeudi 6 janvier, le plus haut diplomate de l’Union européenne a mis en garde la "
          "Russie contre une intervention militaire au Kazakhstan voisin, où des manifestants "
          "réclament un changement de gouvernement.")
ASKED = ("Le président kazakh a demandé l’aide de l’Organisation du traité de sécurité "
         "collective (OTSC), dirigée par la Russie, dans le contexte des violents troubles qui "
         "secouent le pays.")
MOSCOW = ("Moscou a par ailleurs dénoncé les commentaires «grossiers» du secrétaire d’État "
          "américain Antony Blinken, qui avait prévenu vendredi qu’il serait «très difficile» "
          "pour le Kazakhstan d’obtenir le retrait des troupes russes.")


def test_agent_and_patient_exchanged_across_languages() -> None:
    assert swapped("On Thursday, 6 January, Russia's top diplomat warned the European Union "
                   "against a military intervention in Kazakhstan.", WARNED)
    assert not swapped("On Thursday, 6 January, the EU's top diplomat warned Russia against a "
                       "military intervention in Kazakhstan.", WARNED)
    # "Russia-led" and "dirigée par la Russie" qualify the CSTO: they are not a party
    assert swapped("The Russia-led CSTO asked Kazakhstan's president for help.", ASKED)
    assert not swapped("Kazakhstan's president asked the Russia-led CSTO for help.", ASKED)


def test_agent_and_patient_exchanged_in_one_language() -> None:
    assert swapped("Antony Blinken a dénoncé les commentaires « grossiers » de Moscou.", MOSCOW)
    assert not swapped("Moscou a dénoncé les commentaires « grossiers » d’Antony Blinken.",
                       MOSCOW)


def test_passive_agents_exchanged() -> None:
    source = "Une initiative dénoncée par les États-Unis mais soutenue par la Chine."
    assert swapped("L’arrivée des troupes russes a été dénoncée par la Chine mais soutenue par "
                   "les États-Unis.", source)
    assert not swapped("L’arrivée des troupes russes a été dénoncée par les États-Unis mais "
                       "soutenue par la Chine.", source)


def test_a_role_given_to_another_country() -> None:
    source = ("La Russie pense que les troubles ont été provoqués par des forces extérieures, "
              "a déclaré l’ambassadeur de Russie aux États-Unis, Anatoly Antonov.")
    assert swapped("Selon l’ambassadeur des États-Unis en Russie, les troubles ont été "
                   "provoqués par des forces extérieures.", source)
    assert not swapped("Selon l’ambassadeur de Russie aux États-Unis, les troubles ont été "
                       "provoqués par des forces extérieures.", source)


def test_speakers_places_and_things_of_a_party_are_not_swaps() -> None:
    psaki = ("Toutefois, les troubles au Kazakhstan et l’implication de la Russie dans la "
             "répression des manifestations n’affecteront pas les plans des discussions de "
             "l’OTAN avec la Russie, a déclaré jeudi à la presse Jen Psaki, porte-parole de la "
             "Maison Blanche.")
    assert not swapped("White House press secretary Jen Psaki said the unrest in Kazakhstan "
                       "would not affect plans for NATO talks with Russia.", psaki)
    belarus = ("La Biélorussie a déployé un groupe de travail vendredi, le transportant par "
               "avion dans le pays via la Russie.")
    assert not swapped("La Biélorussie a fait venir son détachement par avion en passant par "
                       "la Russie.", belarus)
    massimov = ("L’appel de l’ex-président Noursoultan Nazarbaïev intervient alors qu’un de ses "
                "alliés proches, Karim Massimov, ancien Premier ministre, a été arrêté pour "
                "trahison.")
    assert not swapped("Karim Massimov, ancien Premier ministre et proche allié de Nazarbaïev, "
                       "a été arrêté pour trahison.", massimov)
    # what the agent said names the other party far from it: not whom the deed was done to
    assert not swapped("It was on Friday that Blinken warned it would be very hard for "
                       "Kazakhstan to get Russian troops to leave.", MOSCOW)


def test_parties_merge_names_written_together() -> None:
    (agent, other) = parties(MOSCOW)  # the relative clause after ", qui" is left out
    assert agent.keys == {"RU"} and agent.tag == "plain"
    assert {"US", "p:blin"} <= other.keys
    assert bodies_at("l’aide de l’UE et de l’OTSC") == [(12, 14, "EU"), (23, 27, "CSTO")]


def test_swapped_parties_refused_with_reason_agent(verifier: Verifier) -> None:
    (claim,) = verifier.verify("On Thursday, 6 January, Russia's top diplomat warned the "
                               "European Union against a military intervention in Kazakhstan "
                               "[1].", [WARNED]).claims
    assert not claim.supported and claim.reason == "agent"
    (claim,) = verifier.verify("On Thursday, 6 January, the European Union's top diplomat "
                               "warned Russia against a military intervention in Kazakhstan "
                               "[1].", [WARNED]).claims
    assert claim.supported


def test_adversarial_long_text_is_read_in_linear_time() -> None:
    """Review: `_tag` read all the text before each name and `_strip_titles` dropped
    capitalised words one at a time: `parties("Abc, " * 4000)` took 20 s of CPU."""
    import time

    for text in ("Abc, " * 4000, "Russie, " * 2500, "UE, " * 5000,
                 "L’ex-président Abc Def Ghi " * 800):
        start = time.thread_time()
        parties(text + " ")  # not cached by an earlier call
        assert not swapped(text, text)
        assert time.thread_time() - start < 1.5, text[:20]


def test_subjects_joined_by_and_are_one_agent() -> None:
    """Review: "Le Kazakhstan et la Russie" over "La Russie et le Kazakhstan" was an 'agent'
    refusal; parties joined by et/and/avec/with before the main verb are one agent."""
    assert not swapped("Le Kazakhstan et la Russie ont signé un accord le 6 janvier.",
                       "La Russie et le Kazakhstan ont signé un accord le 6 janvier.")
    assert not swapped("The EU and Russia held talks.",
                       "La Russie et l'UE ont tenu des pourparlers.")
    assert not swapped("The United States and Russia held talks.",
                       "La Russie et les États-Unis ont tenu des pourparlers.")
    (group,) = parties("Le Kazakhstan avec la Russie ont signé un accord.")
    assert group.keys == {"KZ", "RU"}
    # still a swap when the deed goes the other way
    assert swapped("Russia warned the European Union.",
                   "L'Union européenne a mis en garde la Russie.")


def test_the_two_sentence_fallback_checks_agents_and_causes(verifier: Verifier) -> None:
    """Review: two adjacent sentences that together hold the claim's anchors were checked
    for negation, quantifier and antonyms but not for a swapped agent or another cause."""
    warned = ("On 6 January, the European Union warned Russia 3 times. The warnings were about "
              "sending 2,500 troops to Kazakhstan.")
    (claim,) = verifier.verify("On 6 January, Russia warned the European Union 3 times "
                               "against sending 2,500 troops to Kazakhstan [1].", [warned]).claims
    assert not claim.supported
    (claim,) = verifier.verify("On 6 January, the European Union warned Russia 3 times "
                               "against sending 2,500 troops to Kazakhstan [1].", [warned]).claims
    assert claim.supported and claim.evidence is not None and "3 times" in claim.evidence.text
    riots = ("On 2 January, riots left 40 dead in Almaty. They left 60 injured and were caused "
             "by a rise in fuel prices.")
    (claim,) = verifier.verify("The riots of 2 January in Almaty, which left 40 dead and 60 "
                               "injured, were caused by the arrest of opposition figures [1].",
                               [riots]).claims
    assert not claim.supported
    (claim,) = verifier.verify("The riots of 2 January in Almaty, which left 40 dead and 60 "
                               "injured, were caused by a rise in fuel prices [1].",
                               [riots]).claims
    assert claim.supported


def test_a_party_named_by_a_long_role_is_still_the_other(verifier: Verifier) -> None:
    """blind_pairs7 v8_055: "la Russie a mis en garde le plus haut diplomate de l'Union
    européenne": the role's words are the EU's, not words between the two parties."""
    sentence = ("Jeudi 6 janvier, le plus haut diplomate de l’Union européenne a mis en garde la "
                "Russie contre une intervention militaire au Kazakhstan voisin.")
    claim = ("Jeudi 6 janvier, la Russie a mis en garde le plus haut diplomate de l’Union "
             "européenne contre une intervention militaire au Kazakhstan.")
    assert swapped(claim, sentence) and not swapped(sentence, sentence)
    ok, why = one(verifier, claim + " [1]", sentence)
    assert not ok and why == "agent"


def test_a_neighbours_name_in_the_doers_place(verifier: Verifier) -> None:
    """pairs.jsonl p0532: two sentences together hold every name, but the one that says what
    was done opens on another person ("M. Blinken a ... «tourné en ridicule ...»") and the
    claim's doer is only in the next one."""
    passage = ("M. Blinken a, selon ce communiqué, «tourné en ridicule une réaction entièrement "
               "légitime» dans le cadre des accords de sécurité entre le Kazakhstan et la "
               "Russie. En parallèle, l’ex-président kazakh Noursoultan Nazarbaïev a appelé la "
               "population à soutenir le gouvernement pour faire face à la crise que traverse "
               "le pays, a déclaré samedi son porte-parole.")
    swapped = ("L’ex-président kazakh Noursoultan Nazarbaïev a, selon ce communiqué, «tourné en "
               "ridicule une réaction entièrement légitime» dans le cadre des accords de "
               "sécurité entre le Kazakhstan et la Russie.")
    assert not verifier.verify(swapped + " [1]", [passage]).claims[0].supported
    said = ("M. Blinken a, selon ce communiqué, «tourné en ridicule une réaction entièrement "
            "légitime» dans le cadre des accords de sécurité entre le Kazakhstan et la Russie.")
    assert verifier.verify(said + " [1]", [passage]).claims[0].supported
    # a body opening the sentence, after its elided article, is no person (the diff review)
    assert verifier.verify(
        "Selon Peskov, l'OTSC a envoyé 2 500 soldats, qui resteront jusqu'à la "
        "stabilisation. [1]", ["L'OTSC a envoyé 2 500 soldats au Kazakhstan. Ils resteront "
                               "jusqu'à la stabilisation de la situation, a précisé Dmitri "
                               "Peskov."]).claims[0].supported


BLAMED = ("Le président de l’OTSC, Nikol Pashinyan, a annoncé une mission « limitée » en raison "
          "de la « menace pour la sécurité nationale » du Kazakhstan. Cette annonce intervient "
          "après que le président Tokayev a imputé à une « agression extérieure » les troubles "
          "qui ont vu des bâtiments gouvernementaux incendiés et des banques pillées.")


def test_a_deed_the_next_sentence_gives_another_party(verifier: Verifier) -> None:
    """blind_pairs36 v36_015: Pashinyan's sentence supports the rest of the claim, and the
    blaming is Tokayev's, in the sentence after it."""
    assert one(verifier, "CSTO chairman Nikol Pashinyan blamed the unrest, which saw "
               "government buildings set on fire and banks looted, on \"external aggression\" "
               "before announcing a \"limited\" mission [1].", BLAMED) == (False, "agent")
    assert one(verifier, "President Tokayev blamed the unrest, which saw government buildings "
               "set on fire and banks looted, on \"external aggression\", before Pashinyan "
               "announced a \"limited\" mission [1].", BLAMED)[0]
