"""Traps of evals/traps_study52.jsonl (a study set): what a term means, which kind of place or
medium, what would have been, a proportion, a source, and the sentences that do not say it."""

from __future__ import annotations

import pytest

from rag.answering.bylines import byline_asked, byline_told
from rag.answering.hypothetical import counterfactual_asked, counterfactual_told
from rag.answering.meanings import meaning_asked, meaning_told
from rag.answering.provisions import provisions_asked, provisions_told
from rag.answering.question import analyse_question
from rag.answering.venues import venue_asked, venue_told
from rag.answering.weekdays import days_asked
from rag.answering.yes_no import deed_told
from tests.rag.answering.test_traps_study50 import _kind_of


@pytest.mark.parametrize(("question", "term", "acronym"), [
    ("What does the acronym RIA stand for in 'the Russian news agency RIA'?",
     "the acronym RIA", "RIA"),
    ("Que signifie le sigle ECFR ?", "le sigle ECFR", "ECFR"),
    ("What does ECFR stand for?", "ECFR", "ECFR"),
    ("What does the name of the Russian newspaper Moskovsky Komsomolets mean in English?",
     "the name of the Russian newspaper Moskovsky Komsomolets", ""),
    ("Que veut dire pomérium selon Tite Live?", "pomérium selon Tite Live", ""),
    # asking what someone meant of an event is no meaning of a term
    ("What did Tokayev say about the CSTO?", "", ""),
    ("Who signed the treaty?", "", ""),
])
def test_the_meaning_asked(question: str, term: str, acronym: str) -> None:
    assert meaning_asked(question) == (term, acronym)


@pytest.mark.parametrize(("acronym", "text", "told"), [
    ("ECFR", "explique Marie Dumoulin, directrice de programme à l’European Council on "
     "Foreign Relations (ECFR).", True),
    # French expansions are lower case, with glue words between
    ("TSEEAC", "les techniciens supérieurs des études et de l'exploitation de l'aviation "
     "civile", True),
    ("RIA", "La Russie a envoyé quelque 3 000 personnes, selon l’agence de presse russe RIA.",
     False),
    ("PLS", "Ils sont en mode PLS, ils n’ont rien vu venir.", False),
])
def test_an_acronym_is_spelled_out(acronym: str, text: str, told: bool) -> None:
    assert meaning_told("", acronym, text) is told


def test_a_term_is_glossed_not_used() -> None:
    assert meaning_told("pomérium", "", "Le pomérium, c'est-à-dire l'espace sacré autour de "
                        "la ville, selon Tite Live.")
    assert not meaning_told("Moskovsky Komsomolets", "", "selon le journal Moskovsky "
                            "Komsomolets, les employés signalent un réel danger")
    # a synonym or a derivation says it too (PIAF: "Que veut dire pomérium selon Tite Live?")
    assert meaning_told("pomérium", "", "tandis que Tite-Live propose comme synonyme "
                        "circamoerium, plaçant le pomerium de part et d'autre du mur")


@pytest.mark.parametrize(("question", "kind"), [
    ("In which Geneva hotel did the US and Russian delegations meet for their January talks?",
     "hotel"),
    ("Dans quel journal Marie Dumoulin a-t-elle été interrogée ?", "newspaper"),
    ("On which television channel did Tokayev deliver the address?", "channel"),
    ("Quelle chaîne russe a diffusé la déclaration ?", "channel"),
    ("Which Russian newspaper relayed complaints from cosmodrome staff?", "newspaper"),
    # a noun after an auxiliary or a possessive is not the one asked
    ("What did the hotel staff say?", ""),
    ("Which agency's newspaper reported it?", ""),
    ("Which city was hit hardest?", ""),
    # social media are no outlet (b33_005); "quel média" is one (b7_040)
    ("On which social media platform did Armenia's prime minister post the decision?", ""),
    ("À quel média l'ambassadeur russe Anatoly Antonov a-t-il fait ses déclarations ?",
     "newspaper"),
])
def test_the_kind_of_place_or_medium_asked(question: str, kind: str) -> None:
    assert venue_asked(question) == kind


def test_a_kind_is_told_by_its_noun_in_either_language() -> None:
    assert venue_told("channel", "La chaîne russe RT a publié la déclaration suivante :")
    assert venue_told("newspaper", "selon le journal Moskovsky Komsomolets")
    assert venue_told("hotel", "They met at the Hôtel des Bergues.")
    assert not venue_told("hotel", "la rencontre de lundi se déroule à la mission diplomatique "
                          "des États-Unis à Genève")
    assert not venue_told("channel", "a déclaré M. Tokaïev lors d’une allocution télévisée")
    # a medium named as such ("Which US magazine did Antonov speak to?", den032)
    assert venue_told("newspaper", "a déclaré le diplomate russe au média Newsweek")


@pytest.mark.parametrize(("question", "asked"), [
    ("If Tokayev had not called on the CSTO, how would Russia have responded to the unrest?",
     True),
    ("Si la Suisse n'avait pas été neutre, où la rencontre américano-russe se serait-elle "
     "tenue ?", True),
    ("What would have happened if the CSTO had not intervened?", True),
    # a report of what was claimed is no counterfactual
    ("Quel aéroport les émeutiers auraient-ils pris d'assaut ?", False),
    ("Did Kazakhstan ask if Russia would send troops?", False),
])
def test_a_counterfactual_asked(question: str, asked: bool) -> None:
    assert counterfactual_asked(question) is asked


def test_a_counterfactual_is_told_in_the_conditional() -> None:
    assert counterfactual_told("Sans l'intervention de l'OTSC, le régime serait tombé.")
    assert not counterfactual_told("Le Kremlin a annoncé l’envoi de troupes russes.")


TEXT = ("La force est composée d’environ 2 600 militaires au total. La police kazakhe a "
        "détenu 3 811 personnes au cours de plusieurs jours d’émeutes, ont indiqué les médias "
        "officiels. La chaîne russe RT a publié la déclaration suivante. Le président "
        "kazakh a officiellement demandé une aide militaire.")


@pytest.mark.parametrize(("question", "holding", "held"), [
    # the source of a figure: a sentence crediting none does not give it
    ("Which source gave the figure of about 2,600 troops for the whole CSTO force?",
     "La force est", False),
    ("De quelle source provient le chiffre de 3 811 personnes détenues ?", "La police", True),
    # ... and one crediting another figure does not (t52_026)
    ("De quelle source provient le chiffre de 2 600 militaires ?", "La police", False),
    # a proportion is a percentage or a fraction, not a count
    ("Quelle proportion des 3 811 personnes détenues étaient des ressortissants étrangers ?",
     "La police", False),
    ("Combien de personnes la police a-t-elle détenues ?", "La police", True),
    # the medium asked by its noun
    ("Quelle chaîne russe a publié la déclaration ?", "La chaîne", True),
    ("On which television channel was the statement published?", "La police", False),
    # what would have been, asked of what was
    ("If Tokayev had not called on the CSTO, how would Russia have responded?",
     "Le président", False),
])
def test_sentences_that_do_not_say_what_is_asked(question: str, holding: str,
                                                 held: bool) -> None:
    assert _kind_of(question, TEXT, holding) is held


def test_the_question_reads_each_kind() -> None:
    info = analyse_question("What proportion of the roughly 2,600-strong CSTO force was "
                            "made up of Russian troops?")
    assert info.percent
    assert analyse_question("Which source gave the figure of 2,600 troops?").source_asked
    assert not analyse_question("Which city gave the figure?").source_asked


@pytest.mark.parametrize(("question", "asked"), [
    ("Quel journaliste a signé l'article de Press TV sur la dénonciation des rebelles ?", True),
    ("Who took the photograph of Putin and Tokayev in Moscow used to illustrate the article?",
     True),
    # who signed a treaty, or which journalist reported an event, asks no byline
    ("Who signed the treaty?", False),
    ("Quel journaliste de Sputnik a rapporté les trois explosions ?", False),
])
def test_a_byline_asked(question: str, asked: bool) -> None:
    assert byline_asked(question) is asked


def test_a_byline_is_a_credit() -> None:
    assert byline_told("Le président russe Vladimir Poutine et son homologue kazakh "
                       "Kassym-Jomart Tokaïev à Moscou, le 21 août 2021 @BelgaImage")
    assert byline_told("Auteur : AubeDigitale | Editeur : Walt")
    assert not byline_told("Xi a souligné que la Chine est opposée à toute force qui porte "
                           "atteinte à la stabilité du Kazakhstan.")


@pytest.mark.parametrize(("question", "asked"), [
    ("What conditions did the separate peacekeeping agreement lay down for the CSTO "
     "intervention?", True),
    ("Que stipulent les accords de sécurité entre le Kazakhstan et la Russie ?", True),
    # which article provides it asks an article, not its terms
    ("Quel article du Traité de sécurité collective prévoit des consultations ?", False),
    # money provided, talks planned: no document's terms
    ("How much money did the United Kingdom provide to NGOs in Kazakhstan?", False),
    ("Combien de cycles de discussions prévoyaient-ils ?", False),
])
def test_what_a_document_provides_asked(question: str, asked: bool) -> None:
    assert provisions_asked(question) is asked


def test_what_a_document_provides_is_told() -> None:
    assert provisions_told("Aux termes de l’article 2 du Traité de sécurité collective : « En "
                           "cas de menace ... »")
    assert not provisions_told("M. Blinken a, selon ce communiqué, «tourné en ridicule une "
                               "réaction entièrement légitime» dans le cadre des accords de "
                               "sécurité entre le Kazakhstan et la Russie.")


def test_a_why_question_asks_no_one_by_a_relative_who() -> None:
    assert analyse_question("Why were the Tajik peacekeepers who left Ayni air base assigned "
                            "to guard the Baikonur cosmodrome?").asks == ()
    assert analyse_question("Who left Ayni air base?").asks == ("person",)


def test_a_deed_of_use_is_read_across_languages() -> None:
    # "Were chemical weapons used ...?" (t52_031): a smell of chemicals tells no use
    assert not deed_told("used", "en", "Trois explosions ont été entendues, suivies d’une "
                         "odeur de produits chimiques.", "fr")
    assert deed_told("used", "en", "Des armes chimiques ont été utilisées.", "fr")



@pytest.mark.parametrize(("question", "days"), [
    ("What did Josep Borrell say about Kazakhstan on Friday 7 January?", {5}),
    ("Qu'a annoncé Tokaïev lors de son allocution télévisée de samedi ?", {6}),
    # a day said loosely pins nothing the sentence must repeat
    ("Où la contestation a-t-elle éclaté dimanche dernier ?", set()),
    ("What happened last Sunday?", set()),
])
def test_the_day_of_the_week_asked(question: str, days: set[int]) -> None:
    assert days_asked(question) == days


WEEK = ("Ce vendredi, le président Tokaïev a annoncé autoriser les forces de l’ordre à ouvrir "
        "le feu. « Nous sommes très préoccupés », a déclaré Josep Borrell.")


@pytest.mark.parametrize(("question", "holding", "held"), [
    # the day named in the sentence, or the one before it (t52_003)
    ("What did Tokayev announce on Friday?", "Ce vendredi", True),
    ("What did Josep Borrell say on Friday?", "« Nous", True),
    ("What did Josep Borrell say on Saturday?", "« Nous", False),
])
def test_a_sentence_tells_what_was_done_the_day_asked(question: str, holding: str,
                                                      held: bool) -> None:
    assert _kind_of(question, WEEK, holding) is held


# Diff review 49 (a helper): ordinary questions the new rules misread, and answers they refused


@pytest.mark.parametrize("question", [
    "What does the new law mean for workers?",
    "Que signifie cette décision pour les agriculteurs ?",
    "Que signifie pour la Russie l'intervention de l'OTSC ?",
    "What did Tokayev mean by 'terrorists'?",
    "Que désigne le gouvernement comme cause de la crise ?",
])
def test_no_meaning_is_asked_of_consequences_or_intent(question: str) -> None:
    assert meaning_asked(question) == ("", "")


@pytest.mark.parametrize(("acronym", "text"), [
    ("KNB", "He headed the National Security Committee (KNB) until January."),
    ("FSB", "The FSB, Russia's Federal Security Service, said it had arrested them."),
    ("CSTO", "l'Organisation du traité de sécurité collective (OTSC) a décidé d'envoyer"),
    ("DNA", "DNA stands for deoxyribonucleic acid."),
    ("TVA", "la taxe sur la valeur ajoutée a augmenté"),
])
def test_an_acronym_named_beside_or_glossed_is_spelled_out(acronym: str, text: str) -> None:
    assert meaning_told("", acronym, text)


@pytest.mark.parametrize("question", [
    "What prison sentence did he receive?",
    "Quelle peine de prison a-t-il reçue ?",
    "Quelle chaîne de montagnes borde le pays ?",
    "Which hotel chain owns the Ritz?",
    "What daily wage did workers earn?",
    "Through which channels did Russia send aid?",
    "What embassy staff were evacuated?",
    "What caused the stadium collapse?",
])
def test_no_kind_is_asked_by_a_compound_noun(question: str) -> None:
    assert venue_asked(question) == ""


def test_a_place_or_medium_is_told_by_its_kind_word_only() -> None:
    assert venue_told("hospital", "Il a été admis au CHU de Nantes.")
    assert venue_told("prison", "He was sent to the IK-2 penal colony.")
    # a capitalised word after a preposition is as often no such place (b49_023, t52_036)
    assert not venue_told("hotel", "«Si l’on se réfère à la Guerre froide, la Suisse et Genève "
                          "ont été le théâtre de nombreux échanges»")
    assert not venue_told("channel", "L’appel à l’aide a été reconnu par le CSTO.")


@pytest.mark.parametrize("question", [
    "If protesters were arrested, what penalties could they face?",
    "If a company had profits above a million, what tax could it be charged?",
    "Si un manifestant était arrêté, quelle peine pourrait-il encourir ?",
])
def test_an_open_condition_is_no_counterfactual(question: str) -> None:
    assert not counterfactual_asked(question)


@pytest.mark.parametrize(("text", "told"), [
    ("Without the CSTO, the regime could easily have fallen.", True),
    ("It would probably have collapsed.", True),
    ("Sans elle, la crise se prolongerait.", True),
    ("Le portrait du président est affiché partout.", False),
])
def test_a_counterfactual_told_in_other_words(text: str, told: bool) -> None:
    assert counterfactual_told(text) is told


def test_a_source_of_energy_is_no_source_asked() -> None:
    assert not analyse_question("What sources of energy does Kazakhstan export?").source_asked
    assert not analyse_question("De quelles sources d'énergie dépend le pays ?").source_asked


@pytest.mark.parametrize("question", [
    "Which journalist was arrested after publishing an article?",
    "Who took the decision, according to the article?",
    "Which photographer won the prize for the image?",
])
def test_no_byline_is_asked_of_a_journalist_or_a_decision(question: str) -> None:
    assert not byline_asked(question)


@pytest.mark.parametrize("question", [
    "What restrictions did the authorities impose, according to the article?",
    "Quelles mesures le gouvernement a-t-il imposées selon l'article ?",
    "What help did Russia provide under the CSTO treaty?",
])
def test_a_document_that_frames_a_question_is_not_asked_what_it_provides(question: str
                                                                          ) -> None:
    assert not provisions_asked(question)


def test_a_document_provides_in_other_words() -> None:
    assert provisions_told("Under the agreement, all troops must leave by March.")
    # ... not a sentence of what someone must do ("doivent organiser", t52_028)
    assert not provisions_told("Les États-Unis et leurs alliés doivent organiser trois séries "
                               "d’entretiens.")
    assert provisions_told("La loi proclame que le kazakh est la langue d'État.")


def test_a_proportion_in_words() -> None:
    text = "Sept habitants sur dix sont d'origine kazakhe. Le pays compte 19 millions d'habitants."
    assert _kind_of("Quelle proportion des habitants est d'origine kazakhe ?", text, "Sept")
    assert not _kind_of("Quelle proportion des habitants est d'origine kazakhe ?", text, "Le pays")


AID = ("En 2020, les agences américaines ont transféré jusqu’à 61 millions de dollars d’aide "
       "étrangère au Kazakhstan. Cette aide est deux fois plus importante que l’année "
       "précédente.")


@pytest.mark.parametrize(("question", "holding", "held"), [
    # "how did X compare with Y" is answered by a sentence that compares (t51_031)
    ("How did US foreign aid to Kazakhstan in 2020 compare with the previous year?", "En 2020",
     False),
    ("How did US foreign aid to Kazakhstan in 2020 compare with the previous year?", "Cette",
     True),
])
def test_a_comparison_asked_how_is_a_comparison_told(question: str, holding: str,
                                                     held: bool) -> None:
    assert _kind_of(question, AID, holding) is held


RANKS = ("Le plus haut diplomate de l’Union européenne a mis en garde la Russie. Les Russes "
         "forment la plus importante minorité du pays.")


@pytest.mark.parametrize(("question", "holding", "held"), [
    # the superlative ranks the noun asked, not another (t51_025)
    ("Quelle est la plus importante minorité ethnique du Kazakhstan ?", "Le plus haut", False),
    ("Quelle est la plus importante minorité ethnique du Kazakhstan ?", "Les Russes", True),
])
def test_a_superlative_ranks_the_noun_asked(question: str, holding: str, held: bool) -> None:
    assert _kind_of(question, RANKS, holding) is held


@pytest.mark.parametrize(("question", "nouns"), [
    ("Quelle est la plus importante minorité ethnique du Kazakhstan ?",
     ("minorite", "ethnique")),
    ("Quelle est la ville la plus touchée ?", ("ville",)),
    # troops go by many words: no noun read ("le plus récent contingent": "la dernière à
    # envoyer des soldats", test_holds)
    ("Which country sent the largest contingent?", ()),
    # ... either of two words: an adjective may come first (diff review 49b)
    ("Which is the largest ethnic minority?", ("ethnic", "minority")),
    # a participle ranks no noun, nor a quantity of another
    ("Quelle ville a été la plus touchée par les émeutes ?", ()),
    ("Which city was the most affected?", ()),
    ("Qui a obtenu le plus grand nombre de voix ?", ()),
    # no superlative, no noun ("the West react", "the latest report")
    ("How did the West react to the deployment?", ()),
    ("What does the latest report say?", ()),
])
def test_the_nouns_a_superlative_ranks(question: str, nouns: tuple[str, ...]) -> None:
    assert analyse_question(question).superlative_of == nouns


# Diff review 49b (a helper): the later rules' misfires


@pytest.mark.parametrize("question", [
    "What did the Good Friday Agreement establish?",
    "Who founded Fridays for Future?",
    "Who plays Wednesday Addams?",
    "Who founded the Sunday Times?",
    "Qui a été élu lors du Super Tuesday ?",
])
def test_a_day_in_a_name_pins_no_day(question: str) -> None:
    assert days_asked(question) == frozenset()


def test_the_date_the_question_gives_names_its_day() -> None:
    text = "Le 7 janvier, « nous sommes très préoccupés », a déclaré Josep Borrell."
    assert _kind_of("What did Josep Borrell say on Friday 7 January?", text, "Le 7")


@pytest.mark.parametrize(("question", "asked"), [
    ("Comment le gouvernement a-t-il réagi par rapport aux manifestations ?", False),
    ("Comment l'aide a-t-elle évolué par rapport à l'année précédente ?", True),
    ("How did US aid in 2020 compare with the previous year?", True),
])
def test_a_comparison_asked_how(question: str, asked: bool) -> None:
    assert analyse_question(question).how_compared is asked


def test_a_comparison_told_in_other_words() -> None:
    text = "L’aide américaine a reculé de 12 % par rapport à 2019."
    assert _kind_of("Comment l'aide américaine a-t-elle évolué par rapport à l'année "
                    "précédente ?", text, "L’aide")


def test_more_ways_a_document_provides() -> None:
    assert provisions_told("Elle exige une autorisation préalable et interdit les "
                           "rassemblements nocturnes.")


def test_the_author_of_a_song_is_no_byline_asked() -> None:
    assert not byline_asked("Who wrote the text of the national anthem?")
    assert byline_asked("Quel journaliste a signé l'article de Press TV ?")


def test_what_a_speaker_meant_is_no_meaning_asked() -> None:
    assert meaning_asked("What did the Defence Ministry mean in its statement?") == ("", "")
    assert meaning_asked("What does the name Moskovsky Komsomolets mean in English?")[0]
