"""tense.py: what a text tells as planned or as done (no model)."""

from __future__ import annotations

import pytest

from rag.answering.tense import times


@pytest.mark.parametrize(("text", "lang", "told"), [
    # the future of a past in reported speech tells of both (blind_pairs14 v15_051)
    ("Peacekeepers were urged to respect human rights, and hope was expressed that the "
     "government could address the problems.", "en", {"past", "future"}),
    ("Il a été annoncé que les troupes partiraient bientôt.", "fr", {"past", "future"}),
    # ... not a relative clause, "situation", nor a noun in -rait (closing review L12)
    ("The troops that could not leave had been evacuated.", "en", {"past"}),
    ("La question a été posée mais la situation serait calme.", "fr", {"past"}),
    ("Le président a annoncé que le retrait a commencé.", "fr", {"past"}),
    ("Les troupes ont été déployées.", "fr", {"past"}),
    ("Les troupes seront déployées la semaine prochaine.", "fr", {"future"}),
    # what is expected is not done yet (blind_pairs17 v18_053)
    ("Karim Massimov, démis de la direction du KNB, devrait être arrêté pour trahison.", "fr",
     {"future"}),
    ("Les troupes devraient rentrer bientôt.", "fr", {"future"}),
    ("Les troupes devraient se retirer.", "fr", {"future"}),
    # ... a past guessed at is no future (closing review L10)
    ("La Russie devrait avoir envoyé 3 000 soldats.", "fr", set()),
])
def test_what_a_text_tells_of(text: str, lang: str, told: set[str]) -> None:
    assert times(text, lang) == told
