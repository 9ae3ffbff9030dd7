"""Whom a claim gives a statement to, where its sentence gives it to someone else
(pairs.jsonl p0057): "According to Vladimir Putin" over "selon Emilia Nazarenko"."""

from __future__ import annotations

from rag.answering.attribution import speaker_swapped
from rag.answering.verify import Verifier

GENEVA = ("Néanmoins, selon Emilia Nazarenko, «la neutralité de la Suisse et la présence du "
          "siège européen de l’ONU à Genève» sont des facteurs importants dans le choix du "
          "lieu. «Joe Biden et Vladimir Poutine se sont rencontrés à Genève», a-t-elle ajouté.")


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


def test_a_source_named_otherwise_is_found() -> None:
    assert speaker_swapped("According to Vladimir Putin, Switzerland's neutrality matters.",
                           GENEVA)
    assert not speaker_swapped("According to Emilia Nazarenko, Switzerland's neutrality "
                               "matters.", GENEVA)
    # the same person in another spelling, or a body (its acronym differs across languages)
    assert not speaker_swapped("According to President Kassym-Jomart Tokayev, all is well.",
                               "selon le président Kassym-Jomart Tokaïev, tout va bien")
    assert not speaker_swapped("According to the CSTO, all is well.",
                               "selon l'OTSC, tout va bien")
    # a sentence that names no source that way says nothing against it
    assert not speaker_swapped("According to Vladimir Putin, all is well.",
                               "Tout va bien, a dit le porte-parole.")


def test_the_verifier_refuses_a_statement_given_to_another(verifier: Verifier) -> None:
    claim = ("According to {}, Switzerland's neutrality and the presence of the UN's European "
             "headquarters in Geneva are important factors in choosing the venue.")
    assert not _supported(verifier, claim.format("Vladimir Putin"), GENEVA)
    assert _supported(verifier, claim.format("Emilia Nazarenko"), GENEVA)


def test_a_source_with_its_title_is_the_same_source() -> None:
    """The session's review: a title before the name, or "of" inside it, is the same source."""
    assert not speaker_swapped("According to Russian Foreign Minister Sergei Lavrov, the talks "
                               "were useful.", "According to Sergei Lavrov, Russia's foreign "
                               "minister, the talks were useful.")
    assert not speaker_swapped("According to US Secretary of State Antony Blinken, it is bad.",
                               "Selon Antony Blinken, secrétaire d'État américain, c'est "
                               "mauvais.")
