"""A thing the claim says there were several of where its sentence says one (blind_pairs31
v31_003): "plusieurs résidences présidentielles" over "au moins une résidence présidentielle"."""

from __future__ import annotations

from rag.answering.one_made_many import one_made_many
from rag.answering.verify import Verifier

FIRES = ("Entre-temps, de nombreux bâtiments publics, dont au moins une résidence "
         "présidentielle, ont été incendiés, selon des vidéos circulant largement sur les "
         "médias sociaux.")


def _supported(verifier: Verifier, claim: str, passage: str) -> bool:
    return all(c.supported for c in verifier.verify(claim + " [1]", [passage]).claims)


def test_several_over_one_is_found_in_either_language() -> None:
    assert one_made_many("De nombreux bâtiments ont brûlé, dont plusieurs résidences "
                         "présidentielles.", "fr", FIRES, "fr")
    assert one_made_many("Many buildings burned, including several presidential residences.",
                         "en", FIRES, "fr")
    # one said as one, several said as several: nothing
    assert not one_made_many("Many buildings burned, including at least one presidential "
                             "residence.", "en", FIRES, "fr")
    assert not one_made_many("De nombreux bâtiments publics ont été incendiés.", "fr", FIRES,
                             "fr")
    # the sentence says the noun in the plural too: it may be several
    assert not one_made_many("Plusieurs résidences ont brûlé.", "fr",
                             "Une résidence a brûlé, puis d'autres résidences.", "fr")
    # "one of", "un peu": no count of a thing
    assert not one_made_many("Several countries sent troops.", "en",
                             "One of the countries sent troops.", "en")


def test_the_verifier_refuses_several_for_one(verifier: Verifier) -> None:
    assert not _supported(verifier, "Selon des vidéos largement partagées sur les réseaux "
                          "sociaux, de nombreux bâtiments publics ont été incendiés, parmi "
                          "lesquels plusieurs résidences présidentielles.", FIRES)
    assert not _supported(verifier, "According to videos widely shared on social media, many "
                          "public buildings were set on fire, including several presidential "
                          "residences.", FIRES)
    assert _supported(verifier, "According to videos widely shared on social media, many "
                      "public buildings were set on fire, including at least one presidential "
                      "residence.", FIRES)


def test_nouns_are_compared_whole_and_a_speaker_is_no_count() -> None:
    """The session's review: "protesters" is not "protest", "countries" not "council", and
    "an official said" counts no officials."""
    assert not one_made_many("Many protesters were killed during the unrest.", "en",
                             "Security forces killed dozens of demonstrators during a "
                             "protest.", "en")
    assert not one_made_many("Several countries sent troops, the council said.", "en",
                             "A council statement said Russia, Belarus and Armenia sent "
                             "troops.", "en")
    assert not one_made_many("Several officials resigned.", "en", "The mayor, his deputy and "
                             "the police chief resigned, an official said.", "en")
