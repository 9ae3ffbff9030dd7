"""Verifier errors of blind_pairs45 (studied in the fifty-fourth session): a passive deed given
an agent its sentence does not name (v45_014). (Left: v45_012, an English claim adding where
the explosions were set off; v45_017, an accusation turned round: "X accused Y of joking" over
"Y said that X had joked".)"""

from __future__ import annotations

from rag.answering.passive_agents import agent_added
from rag.answering.verify import Verifier

BURNED = ("Entre-temps, de nombreux bâtiments publics, dont au moins une résidence "
          "présidentielle, ont été incendiés, selon des vidéos circulant largement sur les "
          "médias sociaux.")


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


def test_an_agent_the_sentence_does_not_name(verifier: Verifier) -> None:
    claim = ("Selon des vidéos largement partagées sur les réseaux sociaux, de nombreux "
             "bâtiments publics, dont au moins une résidence présidentielle, ont été incendiés "
             "par des émeutiers venus de l’étranger.")
    assert agent_added(claim, BURNED, BURNED)
    assert not _supported(verifier, claim, BURNED)
    # without the agent, the same claim holds
    assert _supported(verifier, claim.replace(" par des émeutiers venus de l’étranger", ""),
                      BURNED)


def test_an_agent_the_passage_names_or_no_agent_at_all() -> None:
    said = "Les manifestants ont incendié des bâtiments publics, qui ont été incendiés hier."
    assert not agent_added("Des bâtiments ont été incendiés par les manifestants.", said, said)
    # "par exemple", "par décret", "by far": no agent
    assert not agent_added("Des bâtiments ont été incendiés par exemple à Almaty.", BURNED,
                           BURNED)
    assert not agent_added("L'état d'urgence a été décrété par décret.",
                           "L'état d'urgence a été décrété mardi.",
                           "L'état d'urgence a été décrété mardi.")
    # the sentence gives the deed its own agent: read by `agents_exchanged`, not here
    by = "Des bâtiments ont été incendiés par des inconnus."
    assert not agent_added("Des bâtiments ont été incendiés par des émeutiers.", by, by)


def test_the_sentence_s_agent_a_few_words_after_its_verb() -> None:
    """Diff review 54: "a été repris jeudi par l'armée" names its agent, if not right after
    the verb; "par jour", "par hélicoptère", "by email" name none."""
    s = "L’aéroport a été repris jeudi par l’armée kazakhe."
    assert not agent_added("L’aéroport a été repris par les militaires.", s, s)
    s = ("Les manifestants ont été dispersés à coups de grenades assourdissantes par les forces "
         "de l’ordre.")
    assert not agent_added("Les manifestants ont été dispersés par la police anti-émeute.", s, s)
    s = "Des renforts ont été acheminés vers Almaty."
    for how in ("par hélicoptère", "par vagues", "par précaution"):
        assert not agent_added(f"Des renforts ont été acheminés {how} vers Almaty.", s, s)
