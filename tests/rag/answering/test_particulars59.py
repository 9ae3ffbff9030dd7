"""traps_study59's particulars: an account's handle, a web address, who made the first move, who
interviewed someone, a vote's tally, a broadcaster and a name in another script (t59_011/012,
029/030, 019/020, 021/022, 015/016, 023/024, 009/010), each declined over the sentence that
tells the rest and answered where a sentence tells it; and blind56's traps: an agreement asked
of talks that only took place (b56_027), an exact count of a group over a sentence whose only
figure counts a subset of another (b56_034), who succeeds a country (b56_036)."""

from __future__ import annotations

import pytest

from rag.answering.exclusions import excluded_asked, names_another
from rag.answering.holds import without_other_subsets
from rag.answering.particulars import particular_asked, particular_told
from rag.answering.question import analyse_question
from tests.rag.answering.particular_checks import declined_then_answered
from tests.rag.answering.test_traps_study53 import _answered

UKIBAY = ("M. Nazarbaïev « appelle tous les citoyens à se rassembler autour du président », a "
          "écrit le porte-parole, Aidos Ukibay, sur Twitter.")
LUGANO = ("Emilia Nazarenko note encore qu’une conférence sur les réformes concernant l’Ukraine "
          "se tiendra à Lugano, dans le sud de la Suisse, en juillet 2022.")
CALL = ("Le président russe Vladimir Poutine et son homologue kazakh Kassym-Jomart Tokaïev ont "
        "eu une « longue » conversation téléphonique afin de discuter de la situation de crise "
        "au Kazakhstan, a annoncé samedi le Kremlin.")
RASMUSSEN = ("Le financement d’ONG a joué un rôle clé dans les troubles, a déclaré vendredi à "
             "Sputnik le vice-président exécutif d’Eurasia Group, Earl Rasmussen.")
COUNCIL = ("Le Conseil de sécurité collective de l’OTSC a décidé d’envoyer des soldats de la "
           "paix au Kazakhstan.")
ADDRESS = ("« J’ai donné l’ordre de tirer pour tuer sans avertissement », a déclaré M. Tokaïev "
           "lors d’une allocution télévisée.")
DRILL = ("Les forces de maintien de la paix de l’OTSC lors des exercices militaires de la "
         "Fraternité incassable-2021 à Kazan, en Russie.")

CASES = [
    ("handle", "What is the Twitter handle of Aidos Ukibay, Nazarbayev's spokesman?", UKIBAY,
     UKIBAY.replace("sur Twitter", "sur Twitter (@AidosUkibay)")),
    ("handle", "Quel est l'identifiant Twitter d'Aidos Ukibay ?", UKIBAY,
     UKIBAY.replace("sur Twitter", "sur son compte Twitter @AidosUkibay")),
    ("url", "What is the web address of the page about the Ukraine reform conference in "
     "Lugano?", LUGANO, LUGANO.replace("en juillet 2022", "en juillet 2022 "
                                       "(https://www.urc2022.com)")),
    ("url", "Quelle est l'adresse web de la conférence sur les réformes en Ukraine à Lugano ?",
     LUGANO, LUGANO.replace("en juillet 2022", "en juillet 2022 (urc2022.com)")),
    ("initiator", "Who initiated the long phone call between Putin and Tokayev?", CALL,
     CALL.replace("ont eu", "ont eu, à l’initiative de la partie kazakhe,")),
    ("initiator", "Qui a pris l'initiative de la longue conversation téléphonique entre Poutine "
     "et Tokaïev ?", CALL, CALL.replace("ont eu", "ont eu, à la demande de M. Tokaïev,")),
    ("interviewer", "Which journalist interviewed Earl Rasmussen for Sputnik?", RASMUSSEN,
     RASMUSSEN.replace("à Sputnik", "au journaliste de Sputnik Ivan Petrov")),
    ("interviewer", "Quel journaliste a interviewé Earl Rasmussen pour Sputnik ?", RASMUSSEN,
     RASMUSSEN.replace("a déclaré vendredi à Sputnik", "a déclaré vendredi dans un entretien "
                       "accordé à Ivan Petrov de Sputnik")),
    ("votes", "How many votes were cast for and against the CSTO Collective Security Council's "
     "decision to send peacekeepers?", COUNCIL, COUNCIL.replace("a décidé", "a décidé par "
                                                                "cinq voix contre une")),
    ("votes", "Combien de voix pour et contre la décision du Conseil de sécurité collective de "
     "l'OTSC ont été exprimées ?", COUNCIL, COUNCIL.replace("a décidé", "a décidé par cinq "
                                                            "voix contre une")),
    ("channel", "On which television channel was Tokayev's address broadcast?", ADDRESS,
     ADDRESS.replace("télévisée", "télévisée diffusée par la chaîne Khabar")),
    ("channel", "Sur quelle chaîne de télévision a été diffusée l'allocution de Tokaïev ?",
     ADDRESS, ADDRESS.replace("télévisée", "télévisée sur la chaîne Khabar 24")),
    ("native_name", "Quel est le nom en russe des exercices militaires « Fraternité "
     "incassable-2021 » ?", DRILL, DRILL.replace("Fraternité incassable-2021",
                                                 "Fraternité incassable-2021 (en russe "
                                                 "« Nerouchimoïe bratstvo »)")),
]


@pytest.mark.parametrize(("kind", "q", "lure", "told"), CASES)
def test_declined_over_the_rest_answered_where_told(kind: str, q: str, lure: str,
                                                    told: str) -> None:
    declined_then_answered(kind, q, lure, told)


def test_a_name_in_another_script() -> None:
    q = ("What is the Russian-language name of the 'Unbreakable Brotherhood-2021' military "
         "exercises?")
    assert particular_asked(q) == "native_name"
    assert not _answered(q, DRILL)
    assert particular_told("native_name", "la Fraternité incassable-2021 (« Нерушимое "
                                          "братство-2021 »)")
    assert not particular_told("native_name", "la Fraternité incassable-2021")


@pytest.mark.parametrize("q", [
    "How did Tokayev handle the protests?",
    "Which Russian channel broadcast the statement?",  # (asks one: told by "la chaîne RT")
    "Quelle chaîne d'approvisionnement a été perturbée ?",
    "Qui a appelé les citoyens au calme ?",
    "Which country voted against the resolution?",
    "What is the name of the operation?",
    "Who called for calm?",
])
def test_questions_asking_none_of_them(q: str) -> None:
    assert particular_asked(q) in ("", "channel") and (
        particular_asked(q) == "" or q.startswith("Which Russian channel"))


def test_a_channel_named_answers() -> None:
    assert _answered("Quelle chaîne russe a diffusé la déclaration ?",
                     "La chaîne russe RT a publié la déclaration suivante.")
    assert _answered("Which broadcaster is given as the source of the report?",
                     "Kazakhstan: China denounces the rebels, Press TV reported.")


TALKS = ("Les États-Unis et la Russie discutent à Genève sur fond de tensions en lien avec "
         "l’Ukraine.")


def test_an_agreement_asked_of_talks() -> None:
    for q in ("What agreement did the US and Russia reach at their Geneva talks on Ukraine?",
              "Quel accord les États-Unis et la Russie ont-ils conclu lors de leurs pourparlers "
              "à Genève ?"):
        assert analyse_question(q).event is not None
        assert not _answered(q, TALKS)
        assert _answered(q, "Les États-Unis et la Russie ont conclu à Genève un accord sur la "
                            "désescalade en Ukraine.")


TOLL = ("Cette crise a déjà fait des dizaines de morts et au moins un millier de blessés dont "
        "douze tués chez les forces de l’ordre et 353 blessés.")


def test_an_exact_count_of_a_group_over_a_subset_of_another() -> None:
    q = "Combien de manifestants exactement ont été tués pendant la crise ?"
    assert not _answered(q, TOLL)
    # the subset of the group asked, or the whole given exactly: answered
    assert _answered(q, TOLL.replace("douze tués chez les forces de l’ordre",
                                     "douze manifestants tués"))
    assert _answered(q, "La crise a fait 164 morts parmi les manifestants, dont 103 à Almaty.")
    assert "douze" not in without_other_subsets(TOLL, ("manife",), q)
    assert without_other_subsets(TOLL, (), q) == TOLL
    # a subset that names a word the question asks of, or read across languages: kept
    hurt = "L’accident a fait des dizaines de blessés, dont 12 grièvement."
    assert "12" in without_other_subsets(hurt, ("bless",), "Combien de personnes ont été "
                                         "grièvement blessées exactement ?")
    assert "douze" in without_other_subsets(TOLL, ("protes",), "Exactly how many protesters "
                                            "were killed?")
    # a count not asked exactly keeps its answer
    assert _answered("Combien de membres des forces de l’ordre ont été tués ?", TOLL)


def test_who_succeeds_a_country() -> None:
    q = "Quel pays succède à l’Arménie à la présidence tournante de l’OTSC ?"
    assert analyse_question(q).succession
    members = ("L’OTSC est une alliance militaire composée de la Russie, du Belarus, de "
               "l’Arménie, du Kazakhstan, du Kirghizstan et du Tadjikistan.")
    assert not _answered(q, members)
    assert _answered(q, "Le Kazakhstan succède à l’Arménie à la présidence tournante de "
                        "l’OTSC.")


SITES = ("La Russie possède également plusieurs sites d’importance stratégique qu’elle loue au "
         "Kazakhstan, comme le célèbre cosmodrome de Baïkonour.")


@pytest.mark.parametrize("q", [
    "Apart from the Baikonur cosmodrome, which other strategic sites does Russia lease in "
    "Kazakhstan?",
    "Outre le cosmodrome de Baïkonour, quels autres sites stratégiques la Russie loue-t-elle "
    "au Kazakhstan ?",
])
def test_others_asked_besides_the_one_example(q: str) -> None:
    assert excluded_asked(q).startswith("baik")
    assert not names_another(SITES, q)
    assert not _answered(q, SITES)
    other = SITES.replace("comme le célèbre cosmodrome de Baïkonour",
                          "comme le cosmodrome de Baïkonour et le polygone de Sary-Chagan")
    assert names_another(other, q)
    assert _answered(q, other)


def test_no_others_asked() -> None:
    assert excluded_asked("Which sites does Russia lease in Kazakhstan?") == ""
    # a name given with no "other" asked, or a thing not named
    assert excluded_asked("Apart from Tokayev's speech, was anything said on Friday?") == ""
    assert excluded_asked("Apart from troops, what else did Russia send?") == ""


def test_a_sum_asked_in_another_currency() -> None:
    """t59_005: the dollars the sources give are not a sum asked in euros."""
    usd = ("Le département d’État américain a alloué 750 000 dollars à la liberté "
           "d’association au Kazakhstan.")
    q = ("How much were the $750,000 allocated by the US State Department to freedom of "
         "association in Kazakhstan worth in euros?")
    assert analyse_question(q).measure == ("euro", "€")
    assert not _answered(q, usd)
    assert _answered("How much did the US State Department allocate to freedom of association "
                     "in Kazakhstan, in dollars?", usd)
    assert len(analyse_question("How much did the US spend in Kazakhstan?").measure) > 2
