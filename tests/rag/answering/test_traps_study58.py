"""traps_study58 forms the extractive writer now reads (the particulars asked have their own
tests: test_particulars58.py)."""

from __future__ import annotations

from rag.answering.question import analyse_question
from tests.rag.answering.test_traps_study53 import _answered

TWEET = ("Oyuna gelme kardeş #Kazakistan ellerini ovuşturanlara fırsat verme. #Kazakhstan "
         "#KazakhstanProtests pic.twitter.com/OXHNnY8aPW")


def test_who_someone_is_with_a_long_clause_after_the_name() -> None:
    q = ("Who is Süleyman Aksu, whose tweet about Kazakhstan is embedded in the article on the "
         "Russian troops' arrival?")
    info = analyse_question(q)
    assert info.asks == ("identity",) and info.focus == ("aksu",)
    assert not _answered(q, TWEET)
    fr = ("Qui est Süleyman Aksu, dont le tweet sur le Kazakhstan est reproduit dans l’article "
          "sur l’arrivée des troupes russes ?")
    assert analyse_question(fr).asks == ("identity",)
    assert _answered(fr, "Süleyman Aksu, journaliste turc, a publié un tweet sur le Kazakhstan.")


SENT = ("Une force collective de maintien de la paix de l’Organisation du traité de sécurité "
        "collective (OTSC) a été envoyée au Kazakhstan pour une période limitée, selon "
        "l’accord de maintien de la paix distinct.")
RATIFIED = ("L’accord de maintien de la paix distinct sur lequel repose l’intervention de "
            "l’OTSC a été ratifié par tous les États membres en 2010.")


def test_a_yes_no_question_with_a_long_subject_asks_its_deed() -> None:
    en = ("Has the separate peacekeeping agreement underpinning the CSTO intervention been "
          "ratified by all member states?")
    fr = ("L’accord de maintien de la paix distinct sur lequel repose l’intervention de l’OTSC "
          "a-t-il été ratifié par tous les États membres ?")
    assert analyse_question(en).deed == ("ratified", "en")
    assert analyse_question(fr).deed == ("ratifie", "fr")
    for q in (en, fr):
        assert not _answered(q, SENT)  # the force sent tells no ratification
        assert _answered(q, RATIFIED)
    # a relative after a preposition no longer hides the question; a wh-word still does
    assert analyse_question("Lequel des accords a-t-il été ratifié ?").deed == ("", "")


ZAS = ("Le secrétaire général de l’OTSC, Stanislav Zas, a qualifié de « stupidité totale » les "
       "suggestions selon lesquelles les troupes agiraient comme des occupants plutôt que comme "
       "des soldats de la paix.")


def test_words_told_as_nobody_s_have_no_author() -> None:
    for q in ("Who had suggested that the CSTO troops would behave as occupiers rather than "
              "peacekeepers?", "Qui avait laissé entendre que les troupes de l’OTSC se "
              "comporteraient en occupants plutôt qu’en soldats de la paix ?"):
        assert analyse_question(q).author
        assert not _answered(q, ZAS)
        assert _answered(q, "Le député Ivan Petrov a suggéré que les troupes de l’OTSC "
                         "agiraient comme des occupants plutôt que comme des soldats de la paix.")
    # who rejected them is answered by the same sentence
    q = "Who called the suggestions that the troops would act as occupiers total stupidity?"
    assert not analyse_question(q).author
    assert _answered(q, ZAS)
