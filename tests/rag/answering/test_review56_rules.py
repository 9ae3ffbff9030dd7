"""Diff review 56: ordinary questions the first versions of this session's rules declined
(a verb read as a handle, a chain or a space station as a channel, a lawsuit's initiator, a
journalist asked of no interview, a tally in figures, press titles as a name in Russian, a
succession told as "prend la relève", a deal struck, a subset naming what the question asks
of, an elided or first-placed name, a title excluded), each answered again from its sentence;
and the cases the rules were written for, still declined. The reviewer's 273 probes: 86
wrongly declined by the first versions, 4 now (arguable: "brokered" talks, "the BBC's Laura
Kuenssberg", a subset named by "l'Union européenne" or "en or")."""

from __future__ import annotations

import pytest

from tests.rag.answering.test_traps_study53 import _answered

ANSWERED = [
    ("handle", "How did Twitter handle the hacking of high-profile accounts in 2020?",
     "Twitter handled the 2020 hacking of high-profile accounts by temporarily "
     "locking all verified accounts and resetting passwords."),
    ("handle", "How does Telegram handle requests for user data from governments?",
     "Telegram said it has never disclosed user data to any government and rejects "
     "such requests."),
    ("url", "What is the web address of the Japanese foreign ministry?",
     "The Japanese foreign ministry publishes its statements on its website, "
     "mofa.go.jp."),
    ("url", "What is the URL of the university's application page?",
     "Applications are submitted through the university's page at apply.harvard.edu."),
    ("initiator", "Who initiated the lawsuit against the oil company?",
     "The lawsuit against the oil company was filed by Greenpeace and six residents "
     "of the delta."),
    ("initiator", "Who initiated the strike at the Renault plant?",
     "The strike at the Renault plant was called by the CGT union on Monday."),
    ("interviewer", "Which journalist was killed in the strike on the village?",
     "Reuters videographer Issam Abdallah was killed in the strike on the village."),
    ("interviewer", "Quel journaliste a été expulsé du pays ?",
     "Le journaliste américain Tom Miller a été expulsé du pays jeudi."),
    ("votes", "How many votes did the bill receive in the Senate?",
     "The bill passed the Senate by 52 to 48 on Thursday."),
    ("votes", "Combien de voix le candidat a-t-il obtenu ?",
     "Le candidat a obtenu 12,4 millions de suffrages, soit 51 % des exprimés."),
    ("channel", "Through which channels did the money reach the militia?",
     "The money reached the militia via shell companies in Dubai and cryptocurrency "
     "transfers."),
    ("channel", "Quelle station spatiale les astronautes ont-ils rejointe ?",
     "Les trois astronautes ont rejoint l'ISS samedi après un vol de six heures."),
    ("native_name", "Which Russian titles were banned by the EU?",
     "The EU banned the broadcasts of RT and Sputnik and the newspaper Izvestia."),
    ("native_name", "Quels titres russes ont été suspendus par l'Union européenne ?",
     "L'Union européenne a suspendu la diffusion de RT, Sputnik et Izvestia."),
    ("prior_state", "Avant qu'elle ne l'étende à l'ensemble du territoire, où l'interdiction "
     "était-elle en vigueur ?",
     "L'interdiction était en vigueur à Paris et en Seine-Saint-Denis avant son "
     "extension."),
    ("succession", "Qui succède à Jacinda Ardern à la tête du gouvernement ?",
     "Chris Hipkins prend la suite de Jacinda Ardern à la tête du gouvernement "
     "néo-zélandais."),
    ("succession", "Qui succède à Boris Johnson à Downing Street ?",
     "Liz Truss prend la relève de Boris Johnson à Downing Street mardi."),
    ("outcome", "What deal did Israel and Hamas strike during the Doha negotiations?",
     "During the Doha negotiations, Israel and Hamas struck a deal to exchange 50 "
     "hostages for 150 prisoners."),
    ("outcome", "What agreement did Ukraine and Russia reach at the Istanbul talks?",
     "At the Istanbul talks, Ukraine and Russia signed a deal allowing grain exports "
     "from Black Sea ports."),
    ("subset", "How many police officers died in total?",
     "Des dizaines de personnes sont mortes, dont 18 policiers."),
    ("subset", "Exactly how many people were seriously injured?",
     "Dozens of people were hurt in the crash, including 12 seriously."),
    ("excl", "Outre le Premier ministre, quels autres responsables ont démissionné ?",
     "le ministre des finances et la ministre de l'intérieur ont également "
     "démissionné."),
    ("excl", "Apart from Tesla, which other carmakers cut prices in China?",
     "BYD also cut prices in China."),
]

DECLINED = [
    ("handle", "What is the Twitter handle of the Kenyan opposition leader?",
     "Kenyan opposition leader Raila Odinga wrote on Twitter that the vote had been "
     "rigged."),
    ("url", "What is the URL of the petition?",
     "The petition, launched on the Change platform, has gathered 200,000 signatures."),
    ("url", "Quelle est l'adresse web du site officiel de la campagne ?",
     "Le site officiel de la campagne a été lancé lundi par l'équipe du candidat."),
    ("initiator", "Who initiated the phone call between Scholz and Zelensky?",
     "Scholz and Zelensky spoke by phone on Tuesday about air defence."),
    ("channel", "Which TV channel broadcast the address?",
     "The president delivered a televised address to the nation."),
    ("prior_state", "Avant qu'il ne l'étende à tout le pays, dans quelles régions l'état d'urgence "
     "était-il en vigueur ?",
     "Tokaïev a étendu l'état d'urgence à tout le pays mercredi."),
    ("outcome", "Quel accord les deux pays ont-ils conclu lors des pourparlers ?",
     "Les délégations des deux pays discutent depuis lundi à Genève."),
    ("subset", "Exactly how many flights were cancelled?",
     "Hundreds of flights were cancelled, including 240 at Heathrow alone."),
    ("subset", "Combien de vols ont été annulés au total ?",
     "Des centaines de vols ont été annulés, dont 240 à Roissy."),
    ("excl", "Apart from the Baikonur cosmodrome, which other sites does Russia lease in "
     "Kazakhstan?",
     "Russia leases several sites in Kazakhstan, such as the famous Baikonur "
     "cosmodrome."),
    ("excl", "Outre le cosmodrome de Baïkonour, quels autres sites la Russie loue-t-elle au "
     "Kazakhstan ?",
     "La Russie loue plusieurs sites au Kazakhstan, comme le célèbre cosmodrome de "
     "Baïkonour."),
    ("excl", "Apart from Google, which other companies were fined by the EU?",
     "Like Google, its rival was also fined by the EU."),
]


@pytest.mark.parametrize(("rule", "q", "text"), ANSWERED)
def test_ordinary_questions_answered(rule: str, q: str, text: str) -> None:
    assert _answered(q, text), rule


@pytest.mark.parametrize(("rule", "q", "text"), DECLINED)
def test_the_rules_cases_declined(rule: str, q: str, text: str) -> None:
    assert not _answered(q, text), rule
