"""Diff review 56, second round: ordinary questions the first versions of the later rules
declined (a sum given with its sign after a multiplier, "115 M$"; a year of comparison or
founding in the answering sentence; other grievances or buildings named by common nouns; an
outcome told as approved, obtained, promised), answered again; and what the rules were written
for (a sum in another currency, a site given as the only example, a succession told as "took
over as", a deal struck), told as they should be. The reviewer's 192 probes: 36 wrongly
declined and 6 wrongly answered by the first versions, none now."""

from __future__ import annotations

import pytest

from tests.rag.answering.test_traps_study53 import _answered

ANSWERED = [
    ("cur", "How much does Russia pay in dollars each year to lease Baikonur?",
     "La Russie verse chaque année 7,5 milliards de roubles (115 M$) pour la location "
     "de Baïkonour."),
    ("cur", "How much does Russia pay in dollars each year to lease Baikonur?",
     "La Russie verse chaque année 7,5 milliards de roubles (115 M$) pour la location "
     "de Baïkonour."),
    ("cur", "How much does Russia pay in dollars each year to lease Baikonur?",
     "La Russie verse chaque année 7,5 milliards de roubles, soit 115 millions $, "
     "pour la location de Baïkonour."),
    ("cur", "How much aid did the European Union pledge to Kazakhstan in euros?",
     "L'Union européenne a promis au Kazakhstan 22 millions de dollars (20 M€)."),
    ("cur", "How much aid did the European Union pledge to Kazakhstan in euros?",
     "L'Union européenne a promis au Kazakhstan une aide de 22 millions de dollars, "
     "soit 20 millions €."),
    ("yr", "How many people died in the January 2022 unrest in Kazakhstan?",
     "In January 2022, Kazakhstan was shaken by nationwide protests. The violence, "
     "the worst since independence in 1991, left 227 people dead."),
    ("yr", "How many troops did the CSTO send to Kazakhstan in 2022?",
     "In January 2022, the CSTO intervened in Kazakhstan. The bloc, founded in 2002, "
     "sent about 2,500 troops."),
    ("yr", "Combien de soldats l'OTSC a-t-elle envoyés au Kazakhstan en 2022 ?",
     "En janvier 2022, l'OTSC est intervenue au Kazakhstan. L'alliance, créée en "
     "2002, a envoyé environ 2 500 soldats."),
    ("yr", "How much did Kazakhstan's economy grow in 2021?",
     "Kazakhstan's economy recovered in 2021. GDP grew by 4 percent after shrinking "
     "2.5 percent in 2020."),
    ("yr", "De combien l'économie kazakhe a-t-elle progressé en 2021 ?",
     "L'économie kazakhe s'est redressée en 2021. Le PIB a progressé de 4 % après un "
     "recul de 2,5 % en 2020."),
    ("yr", "How many tourists visited France in 2019?",
     "2019 was a record year for French tourism. Some 90 million foreign visitors "
     "came, up from 89 million in 2018."),
    ("yr", "Combien de touristes la France a-t-elle accueillis en 2019 ?",
     "L'année 2019 a été record pour le tourisme français. Quelque 90 millions de "
     "visiteurs étrangers sont venus, contre 89 millions en 2018."),
    ("yr", "How much did the government spend on defence in 2022?",
     "The 2022 budget was adopted in parliament. Defence received 1.2 trillion tenge, "
     "against 1.1 trillion in 2021."),
    ("yr", "Où ont eu lieu les exercices de l'OTSC en 2021 ?",
     "Les exercices 2021 de l'OTSC ont mobilisé 4 000 militaires. Ils se sont "
     "déroulés sur le polygone de Harb-Maidon, au Tadjikistan, qui avait déjà "
     "accueilli des manœuvres en 2019."),
    ("yr", "Qui commandait la mission de l'OTSC au Kazakhstan en 2022 ?",
     "En janvier 2022, l'OTSC a déployé des soldats au Kazakhstan. La mission était "
     "commandée par le général Andreï Serdioukov, qui avait dirigé les troupes russes "
     "en Syrie en 2019."),
    ("yr", "How many people were arrested in Kazakhstan in January 2022?",
     "The January 2022 unrest led to mass detentions. Nearly 10,000 people were "
     "arrested, more than during the Zhanaozen events of 2011."),
    ("yr", "Combien de personnes ont été arrêtées au Kazakhstan en janvier 2022 ?",
     "Les troubles de janvier 2022 ont donné lieu à des arrestations massives. Près "
     "de 10 000 personnes ont été interpellées, plus que lors des événements de "
     "Janaozen en 2011."),
    ("yr", "What was the inflation rate in Kazakhstan in 2022?",
     "Prices soared across Kazakhstan in 2022. Inflation reached 20.3 percent, "
     "compared with 8.4 percent in 2021."),
    ("yr", "Quel était le taux d'inflation au Kazakhstan en 2022 ?",
     "Les prix ont flambé au Kazakhstan en 2022. L'inflation a atteint 20,3 %, contre "
     "8,4 % en 2021."),
    ("yr", "How much oil did Kazakhstan produce in 2021?",
     "Kazakhstan's oil sector had a strong year in 2021. Output reached 85.7 million "
     "tonnes, close to the 2019 record."),
    ("yr", "Combien de pétrole le Kazakhstan a-t-il produit en 2021 ?",
     "Le secteur pétrolier kazakh a connu une bonne année en 2021. La production a "
     "atteint 85,7 millions de tonnes, proche du record de 2019."),
    ("excl", "Apart from Nazarbayev, which other officials were dismissed?",
     "His nephew, the deputy head of the security service, was also dismissed."),
    ("excl", "Apart from the LPG price hike, what other grievances did the protesters have?",
     "They also denounced corruption, low wages and the old elite's grip on power."),
    ("excl", "Outre la hausse du GPL, quelles autres revendications avaient les manifestants ?",
     "Ils dénonçaient aussi la corruption, les bas salaires et la mainmise de "
     "l'ancienne élite."),
    ("excl", "Apart from the Baikonur cosmodrome, what other facilities does Russia rent in "
     "Kazakhstan?",
     "Russia also rents four military testing grounds covering millions of hectares."),
    ("excl", "Outre le cosmodrome de Baïkonour, quels autres sites la Russie loue-t-elle au "
     "Kazakhstan ?",
     "La Russie loue aussi quatre polygones d'essais militaires dans le pays."),
    ("excl", "Apart from Nazarbayev, which other family members lost their posts?",
     "His two sons-in-law also lost their posts."),
    ("excl", "Outre Nazarbaïev, quels autres membres de sa famille ont perdu leur poste ?",
     "Ses deux gendres ont également perdu leur poste."),
    ("excl", "Apart from Almaty airport, which other buildings did protesters seize?",
     "Protesters also seized the mayor's office and the presidential residence."),
    ("excl", "Apart from Almaty airport, which other buildings did protesters seize?",
     "They also seized the mayor's office and the presidential residence."),
    ("excl", "Apart from Tokayev's government, which other institutions were targeted?",
     "The security service's headquarters was also attacked."),
    ("out", "What agreement did Russia and Ukraine reach at the Istanbul talks?",
     "At the Istanbul talks, Russia and Ukraine approved a prisoner exchange."),
    ("out", "Quel accord les deux pays ont-ils obtenu lors des négociations ?",
     "Lors des négociations, la Turquie a obtenu la réouverture des ports ukrainiens."),
    ("out", "Which deal did the leaders strike at the summit?",
     "At the summit, the leaders launched a joint gas pipeline project."),
    ("out", "Quel compromis a été trouvé lors des discussions de Bruxelles ?",
     "Lors des discussions de Bruxelles, les parties ont opté pour un partage du "
     "pouvoir."),
    ("out", "Quel accord a été trouvé lors du sommet de Vilnius ?",
     "Au sommet de Vilnius, les Alliés ont promis d'inviter l'Ukraine à rejoindre "
     "l'OTAN."),
    ("out", "Which agreement did Iran and the powers reach at the Vienna negotiations?",
     "In Vienna, Iran and the powers established a new inspections regime."),
]

INTENDED = [
    ("cur", "How much aid did the European Union pledge to Kazakhstan in euros?",
     "L'Union européenne a promis au Kazakhstan une aide de 20 M€.", True),
    ("cur", "How much aid did the European Union pledge to Kazakhstan in euros?",
     "L'Union européenne a promis au Kazakhstan une aide de 20 millions EUR.", True),
    ("cur", "How much does Russia pay in rubles each year to lease Baikonur?",
     "La Russie verse chaque année 7,5 Mds RUB pour la location de Baïkonour.", True),
    ("cur", "How much aid did the European Union pledge to Kazakhstan in euros?",
     "L'Union européenne a promis au Kazakhstan une aide de 22 millions de dollars.", False),
    ("cur", "Combien la Russie paie-t-elle chaque année en euros pour louer Baïkonour ?",
     "Russia pays $115 million a year to lease Baikonur.", False),
    ("cur", "How much does Russia pay in roubles each year to lease Baikonur?",
     "La Russie paie chaque année 115 millions de dollars pour la location de "
     "Baïkonour.", False),
    ("excl", "Outre le cosmodrome de Baïkonour, quels autres sites la Russie loue-t-elle au "
     "Kazakhstan ?",
     "La Russie loue plusieurs sites au Kazakhstan, comme le célèbre cosmodrome de "
     "Baïkonour.", False),
    ("excl", "Apart from the Baikonur cosmodrome, which other strategic sites does Russia "
     "lease in Kazakhstan?",
     "Russia leases several strategic sites in Kazakhstan, such as the famous "
     "Baikonur cosmodrome.", False),
    ("succ", "Who replaced Nazarbayev as head of the Security Council?",
     "Tokayev took over as chairman of the Security Council on January 5.", True),
    ("succ", "Who succeeded Merkel as chancellor?",
     "Olaf Scholz was elected chancellor by the Bundestag in December.", True),
    ("succ", "Qui a succédé à Angela Merkel à la chancellerie ?",
     "Olaf Scholz a pris la suite d'Angela Merkel à la chancellerie en décembre.", True),
    ("out", "What was the outcome of the talks between Russia and Ukraine in Istanbul?",
     "At the Istanbul talks, Russia and Ukraine signed a memorandum on grain exports.", True),
    ("out", "What was the outcome of the Geneva summit?",
     "At the Geneva summit, the two presidents pledged to resume arms control talks.", True),
    ("out", "What was the result of the talks in Astana?",
     "The parties in Astana struck a deal on de-escalation zones.", True),
    ("out", "What was the outcome of the climate talks in Paris?",
     "The Paris talks adopted a global climate treaty.", True),
    ("out", "What agreement came out of the Paris meeting on Kazakhstan?",
     "At the Paris meeting, donors approved a 50-million-euro aid package for "
     "Kazakhstan.", True),
]


@pytest.mark.parametrize(("rule", "q", "text"), ANSWERED)
def test_ordinary_questions_answered(rule: str, q: str, text: str) -> None:
    assert _answered(q, text), rule


@pytest.mark.parametrize(("rule", "q", "text", "answered"), INTENDED)
def test_the_rules_cases(rule: str, q: str, text: str, answered: bool) -> None:
    assert _answered(q, text) is answered, rule
