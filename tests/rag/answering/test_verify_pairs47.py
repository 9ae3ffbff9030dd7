"""Verifier errors of blind_pairs47 (studied in the fifty-sixth session): one of two agents of a
passive verb given another verb by its sentence ("dénoncée aussi bien par les États-Unis que
par la Chine" over "dénoncée par les États-Unis mais soutenue par la Chine", v47_010), and a
cause added across languages to a sentence that gives none, sharing one word of it ("caused by
sabotage at a chemical facility" over "suivies d'une odeur de produits chimiques", v47_025)."""

from __future__ import annotations

from rag.answering.passive_agents import agents_exchanged
from rag.answering.verify import Verifier, _agent_key

ARRIVAL = ("Un contingent de troupes russes et d’autres pays alliés de Moscou sont arrivées jeudi "
           "au Kazakhstan pour appuyer le pouvoir en place en protégeant les bâtiments "
           "stratégiques et en épaulant les forces de l’ordre. Une initiative dénoncée par les "
           "États-Unis mais soutenue par la Chine.")
BLASTS = ("Les journalistes de l’agence de presse russe Sputnik déployés au Kazakhstan ont "
          "annoncé que ces trois explosions avaient été entendues dans la partie nord de la "
          "ville kazakhe d’Almaty, suivies d’une odeur de produits chimiques qui se propage dans "
          "l’air.")


def _none(_: str) -> frozenset[str]:
    return frozenset()


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


def test_one_of_two_agents_given_another_verb(verifier: Verifier) -> None:
    claim = ("L’arrivée jeudi des troupes russes et alliées au Kazakhstan a été dénoncée aussi "
             "bien par les États-Unis que par la Chine.")
    assert agents_exchanged(claim, ARRIVAL, _agent_key, _none)
    assert not _supported(verifier, claim, ARRIVAL)
    assert agents_exchanged("The move was denounced both by the United States and by China.",
                            "The move was denounced by the United States but backed by "
                            "China.", _agent_key, _none)
    # the agent the sentence gives the verb to, alone or among others: kept
    assert _supported(verifier, "L’arrivée jeudi des troupes russes au Kazakhstan a été "
                      "dénoncée par les États-Unis.", ARRIVAL)
    assert not agents_exchanged("Le traité a été signé aussi bien par la France que par "
                                "l’Allemagne.", "Le traité, signé par la France et "
                                "l’Allemagne, a été salué par l’Italie.", _agent_key, _none)
    # an agent the sentence names for no verb is the anchors' to judge, not an exchange
    assert not agents_exchanged("Le traité a été signé par la France et par l’Italie.",
                                "Le traité, signé par la France, a été salué par l’Allemagne.",
                                _agent_key, _none)


def test_a_cause_the_sentence_never_gives(verifier: Verifier) -> None:
    claim = ("Sputnik journalists reported that three explosions, caused by sabotage at a "
             "chemical facility, were heard in northern Almaty, followed by a chemical smell.")
    assert not _supported(verifier, claim, BLASTS)
    assert _supported(verifier, "Sputnik journalists reported that the three explosions were "
                      "heard in the northern part of Almaty, followed by a smell of chemicals.",
                      BLASTS)


def test_review56_true_pairs_kept(verifier: Verifier) -> None:
    """Diff review 56: two verbs of one deed ("condamnée ... et dénoncée") are no exchange;
    a cause told by the sentence's verb ("est à l'origine de", "a entraîné") is one."""
    assert _supported(verifier, "L’invasion a été condamnée aussi bien par Washington que par "
                      "Pékin.", "L’invasion a été condamnée par Washington et dénoncée par "
                      "Pékin.")
    assert _supported(verifier, "The bill was passed by the Senate and by the House.",
                      "The bill was passed by the Senate and approved by the House.")
    assert _supported(verifier, "The fire was caused by a faulty electric heater.",
                      "Un radiateur électrique défectueux est à l’origine de l’incendie qui a "
                      "ravagé l’immeuble.")
    assert _supported(verifier, "The flights were cancelled because of a strike by air "
                      "traffic controllers.", "La grève des contrôleurs aériens a entraîné "
                      "l’annulation de tous les vols.")


def test_a_schedule_is_no_cause(verifier: Verifier) -> None:
    """v3_018, v7_021: "are due to hold" tells a plan; read as a cause, the new cross-language
    rule rejected the true translation."""
    assert _supported(verifier, "The United States and its European allies are due to hold "
                      "three rounds of talks with Russian officials next week.",
                      "Les États-Unis et leurs alliés européens doivent organiser trois séries "
                      "d’entretiens avec des responsables russes la semaine prochaine.")


def test_review56b_causes(verifier: Verifier) -> None:
    """Second round: "was due to" before a noun is a cause; a cause told by "a conduit ... à"
    is one across languages."""
    from rag.answering.verify import gives_cause

    assert gives_cause("The postponement was due to heavy rain that flooded the pitch.")
    assert not gives_cause("The ministers are due to meet on Monday.")
    assert _supported(verifier, "The central bank raised rates because of soaring inflation.",
                      "La flambée de l'inflation a conduit la banque centrale à relever ses "
                      "taux.")
