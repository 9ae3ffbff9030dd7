"""Traps of evals/traps_study50.jsonl and traps_study49 (study sets): who is asked to have
reacted, whose figure is asked, which rank is asked, and the sentences that do not say it."""

from __future__ import annotations

import time

import pytest

from rag.answering.agents_asked import agent_verb, agentless
from rag.answering.evidence import gather_evidence
from rag.answering.holds import _holds_kind
from rag.answering.question import analyse_question
from rag.answering.reactions import reacted_to, reactor
from rag.chunking import Chunk
from rag.retrieval import Hit

LINEAR_BOUND = 2.0  # CPU seconds: the quadratic regex spent 7.5 s, the linear one 0.02 s


def _kinds(question: str, text: str) -> list[bool]:
    ev = gather_evidence(question, [Hit(Chunk("d0", 0, text, 0, len(text), "OTSC"), 1.0)],
                         None, None, lambda term: 1.0, "french")
    return [s.kind for s in ev.sentences]


def _kind_of(question: str, text: str, holding: str) -> bool:
    """The kind of the sentence holding `holding` (evidence comes ranked, not in order)."""
    ev = gather_evidence(question, [Hit(Chunk("d0", 0, text, 0, len(text), "OTSC"), 1.0)],
                         None, None, lambda term: 1.0, "french")
    return next(s.kind for s in ev.sentences if holding in s.text)


@pytest.mark.parametrize(("question", "needs"), [
    ("How did the Ukrainian government react to the CSTO deployment in Kazakhstan?",
     {"gouvernement", "ukrainian"}),
    ("What was Ukraine's government's reaction to the CSTO intervention?",
     {"gouvernement", "ukraine"}),
    ("Comment le Kremlin a-t-il réagi à l'ordre de Tokaïev ?", {"kremlin"}),
    ("Comment Stanislav Zas a-t-il répondu à la remarque de Blinken ?", {"stanislav"}),
    ("How did Kazakhstan's own foreign ministry respond to Blinken's remark?",
     {"minist", "kazakhstan"}),
    ("Qu'a répondu le gouvernement kazakh aux questions de Jen Psaki ?",
     {"gouvernement", "kazakh"}),
    ("What was the reaction of NATO to the deployment?", {"nato"}),
    # a country alone is `countries.actors`'s; a body of no known kind asks nothing more
    ("How did India respond to the CSTO deployment?", set()),
    ("Quelle est la réaction des milieux diplomatiques en Europe à la candidature ?", set()),
    # ... and a question asking no reaction has no one reacting
    ("Who is the president of Kazakhstan?", set()),
])
def test_who_is_asked_to_have_reacted(question: str, needs: set[str]) -> None:
    assert {need[0] for need in reactor(question)} == needs


@pytest.mark.parametrize(("text", "held"), [
    # t49_013: Ukraine is where troops mass, not who reacts
    ("L’implication de Moscou intervient alors qu’un nombre massif de troupes russes sont "
     "massées à la frontière de l’Ukraine, suscitant l’inquiétude de la communauté "
     "internationale.", False),
    # ... nor do the Kazakh authorities speak for the Ukrainian government
    ("Il a déclaré que l’appel à l’aide était « approprié », insistant sur le fait que les "
     "autorités étaient confrontées à une menace terroriste.", False),
    ("Le gouvernement ukrainien a dénoncé le déploiement de l’OTSC au Kazakhstan.", True),
])
def test_a_reaction_asked_needs_who_reacted(text: str, held: bool) -> None:
    assert _kinds("How did the Ukrainian government react to the CSTO deployment in "
                  "Kazakhstan?", text) == [held]


@pytest.mark.parametrize(("text", "held"), [
    # t50_044: another's figure, credited to him
    ("La Russie a envoyé quelque 3 000 personnes, selon l’agence de presse russe RIA.", False),
    ("La Russie a envoyé quelque 3 000 soldats, a déclaré Josep Borrell.", True),
    # a sentence crediting no one may be the source's own text
    ("La Russie a envoyé quelque 3 000 soldats au Kazakhstan.", True),
])
def test_a_figure_credited_to_another_is_not_the_source_asked(text: str, held: bool) -> None:
    assert _kinds("According to Josep Borrell, how many troops did Russia send to "
                  "Kazakhstan?", text) == [held]


def test_the_source_asked_may_be_named_earlier_in_the_passage() -> None:
    """Borrell named in the sentence before: "selon lui" still reads as his."""
    question = "According to Josep Borrell, how many troops did Russia send to Kazakhstan?"
    assert _kind_of(question, "Josep Borrell a parlé à la presse. Selon lui, la Russie a "
                              "envoyé 3 000 soldats au Kazakhstan.", "3 000")
    assert not _kind_of(question, "Josep Borrell a parlé à la presse. Selon l’agence RIA, la "
                                  "Russie a envoyé 3 000 soldats au Kazakhstan.", "3 000")


@pytest.mark.parametrize(("question", "rank"), [
    ("Which is Kazakhstan's second-largest city?", 2),
    ("Quelle est la troisième plus grande ville du Kazakhstan ?", 3),
    ("What is the largest city of Kazakhstan?", 0),
    ("Combien de secondes a duré l'allocution ?", 0),
])
def test_the_rank_a_superlative_is_asked_at(question: str, rank: int) -> None:
    assert analyse_question(question).ranked == rank


@pytest.mark.parametrize(("text", "held"), [
    # t50_041: the largest city is not the second
    ("Les casques bleus russes protégeront l’aéroport de la plus grande ville du Kazakhstan, "
     "Almaty.", False),
    ("Chymkent est la deuxième plus grande ville du Kazakhstan.", True),
])
def test_a_rank_asked_needs_that_rank(text: str, held: bool) -> None:
    assert _kinds("Quelle est la deuxième plus grande ville du Kazakhstan ?", text) == [held]


@pytest.mark.parametrize(("question", "asks", "measure"), [
    # blind47 b47_029: why a price doubled is asked, not the price
    ("Pourquoi le prix du gaz liquéfié a-t-il doublé au Kazakhstan selon Sputnik ?", (), ()),
    ("What was the new price of gas?", ("number",), None),
    # b47_006: planes are counted ("avions" is a form of "avoir" elsewhere), not soldiers
    ("Combien d'avions militaires russes ont été envoyés au Kazakhstan ?", ("number",),
     ("avion",)),
    # b47_030: "la population totale de X" asks its inhabitants
    ("Quelle est la population totale du Kazakhstan ?", ("number",),
     ("habita", "inhabi", "popula")),
])
def test_what_a_question_counts(question: str, asks: tuple[str, ...],
                                measure: tuple[str, ...] | None) -> None:
    info = analyse_question(question)
    assert info.asks == asks
    if measure is not None:
        assert info.measure == measure


@pytest.mark.parametrize(("text", "held"), [
    # b47_006: people counted are no planes
    ("La Russie a envoyé quelque 3 000 personnes, selon l’agence de presse russe RIA.", False),
    ("La Russie a envoyé douze avions militaires au Kazakhstan.", True),
])
def test_a_count_of_people_is_no_count_of_things(text: str, held: bool) -> None:
    assert _kinds("Combien d'avions militaires russes ont été envoyés au Kazakhstan ?",
                  text) == [held]


def test_a_count_of_people_counts_people_asked() -> None:
    """Pupils are counted as "jeunes" (tests/service/test_documents_web_office.py)."""
    assert _kinds("Combien d'élèves ont eu leur diplôme de marin pêcheur à Sète ?",
                  "Vingt-deux jeunes ont obtenu leur diplôme de marin pêcheur à Sète.") == [True]


@pytest.mark.parametrize(("question", "located"), [
    ("Dans quelle région du Kazakhstan se trouvent Zhanaozen et Aktau ?", ("zhanaozen", "aktau")),
    ("In which region of Kazakhstan is the Baikonur cosmodrome located?", ("baikonur",)),
    # a body spelled out by the sources ("Organisation du traité ...") is not required
    ("Où se trouve le siège de l'OTSC ?", ()),
    ("Who is the president of Kazakhstan?", ()),
])
def test_what_a_where_question_locates(question: str, located: tuple[str, ...]) -> None:
    assert analyse_question(question).located == located


@pytest.mark.parametrize(("text", "held"), [
    # t50_040: a region named of no city asked
    ("Le Kazakhstan, plus grand pays d’Asie centrale, est ébranlé par une contestation qui a "
     "éclaté en province.", False),
    ("Zhanaozen et Aktau se trouvent dans la région de Manguistaou.", True),
])
def test_a_place_asked_of_named_places_names_them(text: str, held: bool) -> None:
    assert _kinds("Dans quelle région du Kazakhstan se trouvent Zhanaozen et Aktau ?",
                  text) == [held]


def test_a_title_asked_is_a_name() -> None:
    """t50_035: "Comment s'intitule l'accord ...?" asks its name, not any sentence on it."""
    assert analyse_question("Comment s'intitule l'accord de maintien de la paix ?").asks \
        == ("thingname",)


def test_a_country_in_two_words_qualifies_a_role() -> None:
    """t50_003: "the United States ambassador" is the US one; Russia's ambassador to the
    United States does not answer it."""
    info = analyse_question("Who is the United States ambassador to Russia?")
    assert info.role_nation == frozenset({"US"})
    assert _kinds("Who is the United States ambassador to Russia?",
                  "La Russie pense que les troubles ont été provoqués par des forces extérieures, "
                  "a déclaré l’ambassadeur de Russie aux États-Unis, Anatoly Antonov.") == [False]


@pytest.mark.parametrize(("text", "held"), [
    # t50_015: a count of NGOs is no percentage of them
    ("Le Royaume-Uni compte plus de 85 ONG également présentes au Kazakhstan.", False),
    ("Plus de 60 % des ONG présentes au Kazakhstan sont financées par les États-Unis.", True),
])
def test_a_percentage_asked_needs_one(text: str, held: bool) -> None:
    assert _kinds("What percentage of the NGOs active in Kazakhstan are funded by the United "
                  "States?", text) == [held]


@pytest.mark.parametrize(("text", "held"), [
    # t50_020: the president named is no acting one
    ("Le successeur trié sur le volet de Nazarbayev, le président Kassym-Jomart Tokayev, a "
     "limogé le gouvernement.", False),
    ("Après la démission de Tokayev, Maoulen Achimbaïev est devenu président par intérim du "
     "Kazakhstan.", True),
])
def test_an_acting_role_asked_is_said_acting(text: str, held: bool) -> None:
    assert _kinds("Who became acting president of Kazakhstan after Tokayev resigned?",
                  text) == [held]


@pytest.mark.parametrize(("question", "asks", "thing"), [
    ("Comment s'appelle la place principale d'Almaty ?", ("thingname",), "place"),
    ("Comment s'intitule l'accord de maintien de la paix ?", ("thingname",), "accord"),
    # a person is called so too
    ("Comment s'appelle le porte-parole du Kremlin ?", ("person",), ""),
    ("Comment s'appelle l'ambassadeur de Russie ?", ("person",), ""),
])
def test_the_thing_whose_name_is_asked(question: str, asks: tuple[str, ...],
                                       thing: str) -> None:
    info = analyse_question(question)
    assert (info.asks, info.thing) == (asks, thing)


@pytest.mark.parametrize(("text", "held"), [
    # t49_005: the square is named of no name; the agency after the comma is another's
    ("Les combats se poursuivaient sur la place principale d’Almaty, selon Reuters.", False),
    ("Les combats se poursuivaient sur la place de la République, à Almaty.", True),
    ("Les combats se poursuivaient sur la place principale, appelée Astana.", True),
])
def test_a_thing_named_is_named_beside_it(text: str, held: bool) -> None:
    assert _kinds("Comment s'appelle la place principale d'Almaty ?", text) == [held]


@pytest.mark.parametrize(("question", "asked"), [
    ("Which agency arrested Karim Massimov?", True),
    ("Qui a arrêté Massimov ?", True),
    ("Par qui Massimov a-t-il été arrêté ?", True),
    # who underwent it is asked, not who did it
    ("Qui a été arrêté ?", False),
    ("Who is the president of Kazakhstan?", False),
])
def test_a_doer_asked(question: str, asked: bool) -> None:
    assert bool(agent_verb(question, "en" if question[0] in "WB" else "fr")) is asked


@pytest.mark.parametrize(("text", "held"), [
    # t50_046: arrested by no one named (the committee is one he headed)
    ("Karim Massimov, ancien Premier ministre, a été arrêté pour trahison après avoir été "
     "démis de ses fonctions de chef du Comité national de sécurité.", False),
    ("Karim Massimov a été arrêté par le Comité national de sécurité.", True),
    ("Le Comité national de sécurité a arrêté Karim Massimov.", True),
])
def test_a_passive_with_no_doer_does_not_say_who(text: str, held: bool) -> None:
    assert agentless(agent_verb("Which agency arrested Karim Massimov?", "en"), text) \
        is not held


def test_an_elided_word_opening_a_quote_is_no_place() -> None:
    """t50_043: "«J’ai donné l’ordre ...»" names no place Tokayev spoke from."""
    assert not _holds_kind("place", "«J’ai donné l’ordre de tirer sans avertissement», a "
                                    "déclaré M. Tokaïev lors d’une allocution télévisée.",
                           ("tokaiev",))
    assert _holds_kind("place", "M. Tokaïev a parlé depuis Almaty.", ("tokaiev",))


# The session's diff review: ordinary questions the rules above must not refuse


def test_a_person_named_reacting_is_all_a_sentence_must_name() -> None:
    assert reactor("Comment le président russe Vladimir Poutine a-t-il réagi aux "
                   "manifestations ?") == (("vladimir", "poutine"),)
    assert reactor("How did the Kazakh Prime Minister respond?") == ()


def test_who_reacted_may_be_named_in_the_sentence_before() -> None:
    assert _kind_of("How did Josep Borrell react to the deployment?",
                    "Josep Borrell s’est exprimé mardi à Bruxelles. Il a dénoncé un "
                    "déploiement qui rappelle 1968.", "dénoncé")


@pytest.mark.parametrize(("question", "text"), [
    ("Quel pourcentage des ONG est financé par les États-Unis ?",
     "La moitié de ces 38 000 ONG sont financées par les États-Unis."),
    ("Comment s'appelle le parti de Nazarbaïev ?",
     "Nazarbaïev a fondé Nour Otan en 1999 et a participé à toutes les élections."),
    ("Selon Josep Borrell, combien de soldats la Russie a-t-elle envoyés ?",
     "La Russie a envoyé 3 000 soldats, a affirmé le chef de la diplomatie de l’UE."),
    ("Combien de députés compte le parlement kazakh ?", "Le parlement kazakh compte 107 membres."),
    ("Qui est le Premier ministre par intérim du Kazakhstan ?",
     "Alikhan Smaïlov a été nommé Premier ministre provisoire du Kazakhstan."),
])
def test_ordinary_answers_stay_answers(question: str, text: str) -> None:
    assert _kinds(question, text) == [True]


@pytest.mark.parametrize(("question", "source"), [
    ("According to Amnesty International, how many people were detained?", ()),
    ("Selon Le Monde, combien de personnes ont été arrêtées ?", ()),
    ("According to Josep Borrell, how many troops did Russia send?", ("josep", "borrell")),
])
def test_only_a_person_is_a_credited_source(question: str, source: tuple[str, ...]) -> None:
    assert analyse_question(question).source == source


@pytest.mark.parametrize("question", [
    "Quel est le titre de Nazarbaïev depuis 2010 ?",  # a person's title, no work's
    "Who died in Almaty during the unrest?",
])
def test_no_name_nor_doer_asked(question: str) -> None:
    info = analyse_question(question)
    assert info.asks != ("thingname",) and not info.agent_asked


def test_a_long_where_question_reads_in_linear_time() -> None:
    """_LOCATED once backtracked over a run of spaces (7.5 s for 2,000 characters)."""
    start = time.process_time()
    analyse_question("Where is" + " " * 1990 + "x?")
    analyse_question("Where is" + "\u00a0" * 1990 + "x?")
    assert time.process_time() - start < LINEAR_BOUND


@pytest.mark.parametrize(("question", "names"), [
    ("Comment Stanislav Zas a-t-il répondu à la remarque de Blinken sur les Russes ?",
     ("blinken",)),
    ("Comment le Kremlin a-t-il réagi à l'ordre de Tokaïev de tirer sans avertissement ?",
     ("tokaiev",)),
    # a body by its acronym, a country: sources may say them otherwise
    ("How did the Ukrainian government react to the CSTO deployment in Kazakhstan?", ()),
])
def test_whose_deed_a_reaction_is_asked_to(question: str, names: tuple[str, ...]) -> None:
    assert reacted_to(question) == names


@pytest.mark.parametrize(("text", "held"), [
    # t50_021: Zas on the troops' mandate answers no remark of Blinken's
    ("Les événements constituent une menace réelle pour la sécurité, selon le secrétaire "
     "général du bloc, Stanislav Zas.", False),
    ("Stanislav Zas a qualifié de « stupidité totale » la remarque de Blinken.", True),
])
def test_a_reaction_asked_to_someone_names_him(text: str, held: bool) -> None:
    assert _kinds("Comment Stanislav Zas a-t-il répondu à la remarque de Blinken ?",
                  text) == [held]
