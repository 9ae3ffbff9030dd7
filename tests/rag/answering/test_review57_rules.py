"""Diff review 57 (three rounds, 529 single-sentence probes, old code against new):
ordinary questions the first versions of this session's particulars declined (a street named
otherwise, "Strasse", a web or mail address; a slogan cried, sung, painted or quoted; an
honour "d'honneur", "knighted", "His Holiness"; views "seen" or "vue 150 000 fois"; a currency
"worth", "pegged", "s'est apprécié"; a charge "mis en examen pour", "found guilty of", "on
suspicion of"; a conference's full title; a date written month first) and the rules withdrawn
(who founded, a former name, "which" asked of a count), each answered again from its
sentence; and the cases the rules were written for, still declined. Left: 7 of 529 (a
committee "charged with" a task, "on Unter den Linden", "called Mandela Madiba", a ministry's
title in commas, "In May 30 people died")."""

from __future__ import annotations

import pytest

from tests.rag.answering.test_traps_study53 import _answered

ANSWERED = [
    ("address", "Quelle est l'adresse de l'ambassade de France à Berlin ?",
     "L'ambassade de France à Berlin se trouve Pariser Platz 5, près de la porte de "
     "Brandebourg."),
    ("calendar", "On what calendar date is Orthodox Christmas celebrated?",
     "Orthodox Christians celebrate Christmas on January 7."),
    ("charges", "De quoi Pavel Durov est-il accusé ?",
     "Pavel Durov a été mis en examen pour complicité de diffusion d'images "
     "pédopornographiques."),
    ("counted", "Which countries sent troops to Kazakhstan?",
     "Russia, Belarus, Armenia, Tajikistan and Kyrgyzstan, five countries of the "
     "CSTO, sent troops to Kazakhstan."),
    ("engagement", "Combien de vues la vidéo a-t-elle obtenues ?",
     "La vidéo a été vue plus de 150 000 fois sur YouTube."),
    ("exchange_rate", "What is the exchange rate of the euro against the dollar?",
     "One euro was worth $1.08 on Friday afternoon in European trading."),
    ("former_name", "What was Almaty's former name?",
     "Almaty, Alma-Ata until 1993, is the country's largest city."),
    ("founder", "Who founded Amazon?",
     "Jeff Bezos started Amazon as an online bookstore in his garage in 1994."),
    ("honorific", "Quel titre honorifique la ville a-t-elle décerné à Zelensky ?",
     "Le conseil municipal a fait de Volodymyr Zelensky un citoyen d'honneur de la "
     "ville."),
    ("official_name", "What is the official name of the United Kingdom?",
     "The country's full name is the United Kingdom of Great Britain and Northern "
     "Ireland."),
    ("slogan", "Quels slogans les manifestants ont-ils lancés ?",
     "Les manifestants ont défilé aux cris de « Shal, ket ! » dans les rues d'Almaty."),
    ("x", "Which countries sent troops to Kazakhstan?",
     "Russia, Belarus, Armenia, Tajikistan and Kyrgyzstan, five countries of the "
     "CSTO, sent troops to Kazakhstan."),
    ("address", "What is the address of the German chancellery?",
     "The German Chancellery stands at Willy-Brandt-Strasse 1 in Berlin."),
    ("charges", "What charges does Donald Trump face in New York?",
     "Donald Trump faces 34 felony counts of falsifying business records in New York."),
    ("counted", "Quels pays ont envoyé des troupes au Kazakhstan ?",
     "La Russie, la Biélorussie, l'Arménie, le Tadjikistan et le Kirghizstan, cinq "
     "pays membres de l'OTSC, ont envoyé des troupes au Kazakhstan."),
    ("engagement", "How many views did the video get?",
     "The video has been viewed 2 million times since Sunday."),
    ("exchange_rate", "What was the yen's exchange rate against the dollar?",
     "The yen weakened to 151 per dollar, its lowest level since 1990."),
    ("former_name", "Quel est l'ancien nom de Kinshasa ?",
     "Kinshasa, baptisée Léopoldville par les colons belges, est devenue la capitale "
     "en 1923."),
    ("founder", "Qui a fondé le mouvement En Marche ?",
     "Le mouvement En Marche a été lancé par Emmanuel Macron en avril 2016 à Amiens."),
    ("honorific", "What honorific did the Queen bestow on Paul McCartney?",
     "Paul McCartney was knighted by Queen Elizabeth II in 1997."),
    ("official_name", "What is the official name of the Vatican?",
     "The Vatican's full title is the State of the Vatican City."),
    ("slogan", "What did the demonstrators chant?",
     "Demonstrators yelled 'Freedom!' and 'Down with the dictator!' as police moved "
     "in."),
    ("address", "What is the address of Apple's headquarters?",
     "Apple's headquarters, Apple Park, is at One Apple Park Way in Cupertino, "
     "California."),
    ("charges", "What was Harvey Weinstein charged with?",
     "Harvey Weinstein was found guilty of rape and sexual assault in 2020."),
    ("counted", "Which countries have the largest populations?",
     "India overtook China in 2023, and the two countries now have the largest "
     "populations in the world, about 1.4 billion people each."),
    ("engagement", "Combien de vues le clip a-t-il enregistrées ?",
     "Le clip a dépassé les 2 millions de vues sur YouTube."),
    ("exchange_rate", "How did the lira's exchange rate change in 2021?",
     "The Turkish lira lost 44% of its value against the dollar in 2021."),
    ("former_name", "Quel était l'ancien nom du Burkina Faso ?",
     "Le Burkina Faso s'appelait la Haute-Volta jusqu'en 1984."),
    ("founder", "Who founded Twitter?",
     "Jack Dorsey, who created Twitter with Biz Stone and Evan Williams, stepped down "
     "as chief executive in 2021."),
    ("honorific", "Quel titre honorifique Jacques Chirac avait-il reçu du club ?",
     "Jacques Chirac avait été nommé président d'honneur du club en 2005."),
    ("slogan", "What slogans were written on the protesters' signs?",
     "Signs reading 'No to war' and 'Peace for Ukraine' were held up in Red Square."),
    ("address", "What is the street address of the Russian embassy in London?",
     "The Russian embassy in London is at 6/7 Kensington Palace Gardens."),
    ("charges", "What was Jack Teixeira charged with?",
     "Jack Teixeira was arrested for allegedly leaking classified Pentagon documents "
     "on Discord."),
    ("counted", "Which member states voted against the sanctions package?",
     "Hungary was the only one of the 27 member states to vote against the sanctions "
     "package."),
    ("engagement", "Combien de nouveaux abonnés Netflix a-t-il gagnés au dernier trimestre ?",
     "Netflix a gagné 13,1 millions d'abonnés au quatrième trimestre."),
    ("exchange_rate", "What exchange rate did the central bank set for the yuan?",
     "The People's Bank of China set the yuan's midpoint at 7.10 per dollar."),
    ("former_name", "What was Meta's previous name?",
     "Meta, the company known until 2021 as Facebook, announced new layoffs."),
    ("founder", "Qui a fondé Médecins sans frontières ?",
     "Médecins sans frontières est née en 1971 à l'initiative de Bernard Kouchner et "
     "d'un groupe de médecins et de journalistes."),
    ("honorific", "What honorific is used for the Dalai Lama?",
     "The Dalai Lama, addressed as His Holiness by his followers, turned 88 on "
     "Thursday."),
    ("slogan", "What was Barack Obama's campaign slogan in 2008?",
     "Barack Obama's 2008 campaign rallied supporters around the motto 'Yes We Can'."),
    ("address", "At what address was the suspect arrested?",
     "The suspect was arrested at a flat at 14 Elm Grove, Southsea, police said."),
    ("charges", "Quels chefs d'accusation pèsent sur Nicolas Sarkozy ?",
     "Nicolas Sarkozy est jugé pour corruption passive et financement illégal de "
     "campagne électorale."),
    ("counted", "Which teams qualified for the semi-finals?",
     "France, Morocco, Argentina and Croatia were the four teams that qualified for "
     "the semi-finals."),
    ("engagement", "How many shares did Musk sell?",
     "Musk sold 7.9 million Tesla shares worth about $6.9 billion."),
    ("exchange_rate", "Comment a évolué le taux de change du franc suisse ?",
     "Le franc suisse s'est apprécié de 3 % face à l'euro."),
    ("former_name", "What was Elton John's original name?",
     "Elton John was born Reginald Dwight in 1947."),
    ("founder", "Who co-founded Microsoft?",
     "Bill Gates and Paul Allen launched Microsoft in Albuquerque in 1975."),
    ("honorific", "What honorific title was given to Mustafa Kemal in 1934?",
     "Mustafa Kemal was given the surname Atatürk, meaning 'Father of the Turks', in "
     "1934."),
    ("slogan", "Quel était le slogan de campagne de Donald Trump en 2016 ?",
     "Donald Trump a fait campagne en 2016 sous la bannière « Make America Great "
     "Again »."),
    ("address", "What is the address of the White House?",
     "The White House is at 1600 Pennsylvania Ave. NW in Washington."),
    ("charges", "What charges was Sam Bankman-Fried convicted on?",
     "Sam Bankman-Fried was found guilty on all seven counts of fraud and conspiracy."),
    ("counted", "Quels pays ont reconnu l'État palestinien mardi ?",
     "L'Espagne, l'Irlande et la Norvège sont les trois pays qui ont reconnu l'État "
     "palestinien mardi."),
    ("engagement", "How many followers does the Bahá'í faith have worldwide?",
     "The Bahá'í faith has about 8 million adherents worldwide."),
    ("exchange_rate", "What is the exchange rate between the dollar and the Mexican peso?",
     "A dollar buys about 17 Mexican pesos."),
    ("former_name", "What was Mumbai called under British rule?",
     "Under British rule the city was Bombay, a name it kept until 1995."),
    ("founder", "Qui sont les fondateurs de la start-up Mistral AI ?",
     "Mistral AI, lancée par Arthur Mensch, Guillaume Lample et Timothée Lacroix, a "
     "levé 385 millions d'euros."),
    ("honorific", "Quel titre honorifique Emmanuel Macron a-t-il remis à l'actrice ?",
     "Emmanuel Macron a remis la Légion d'honneur à l'actrice mardi à l'Élysée."),
    ("slogan", "Quel slogan était tagué sur les murs de la mairie ?",
     "Des graffitis « Non à la guerre » ont été découverts sur les murs de la mairie."),
    ("address", "Quelle est l'adresse du siège de la BCE ?",
     "Le siège de la BCE est installé Sonnemannstraße 20, à Francfort."),
    ("charges", "What is Julian Assange accused of?",
     "Julian Assange is wanted in the United States for publishing classified "
     "military documents."),
    ("counted", "Which regions declared a state of emergency?",
     "A state of emergency was declared in Almaty and Mangystau, the two regions "
     "worst hit by the unrest."),
    ("engagement", "How many retweets did Trump's post get?",
     "Trump's post was shared more than 50,000 times."),
    ("exchange_rate", "What was the euro's exchange rate on Monday?",
     "The euro traded at $1.09 on Monday."),
    ("former_name", "Comment s'appelait Kinshasa sous l'époque coloniale ?",
     "Kinshasa, l'ancienne Léopoldville, compte plus de 15 millions d'habitants."),
    ("founder", "Qui a fondé la ville de Marseille ?",
     "Marseille a été bâtie vers 600 av. J.-C. par des marins grecs venus de Phocée."),
    ("honorific", "What honorific does the Saudi king use?",
     "King Salman also bears the title Custodian of the Two Holy Mosques."),
    ("slogan", "What slogans did the fans chant during the match?",
     "Fans sang 'Allez les Bleus' throughout the match at the Stade de France."),
    ("address", "What is the address of the website where citizens can register?",
     "Citizens can register on the ministry's website, www.gov.kz/register."),
    ("charges", "De quoi le maire est-il accusé ?",
     "Le maire est mis en cause pour favoritisme dans l'attribution de marchés "
     "publics."),
    ("counted", "What buildings were set on fire in Almaty?",
     "Protesters set fire to the mayor's office and the presidential residence, two "
     "buildings in the centre of Almaty."),
]

DECLINED = [
    ("address", "What is the street address of the US mission in Geneva?",
     "The US mission in Geneva said on Friday it was closely following the situation "
     "in Kazakhstan."),
    ("calendar", "On what calendar date did Tokayev sign the decree?",
     "Tokayev signed the decree on Wednesday."),
    ("charges", "What charges does the suspect face?",
     "The suspect was arrested at his home in Leeds on Tuesday."),
    ("engagement", "How many likes did the minister's tweet get?",
     "The minister's tweet, sent at 10.15, has since been deleted."),
    ("exchange_rate", "How did the tenge's exchange rate react to the unrest?",
     "The United States pledged $10 million in aid to Kazakhstan after the unrest."),
    ("honorific", "What honorific title does Nazarbayev hold?",
     "Nazarbayev stepped down as chairman of the Security Council on 5 January."),
    ("official_name", "What is the official name of the summit?",
     "Leaders met in Granada for a summit on migration and enlargement."),
    ("slogan", "What slogans did the protesters chant?",
     "Thousands of protesters gathered in Almaty's main square on Wednesday."),
    ("address", "Quelle est l'adresse de l'ambassade du Kazakhstan à Paris ?",
     "L'ambassade du Kazakhstan à Paris a publié un communiqué appelant au calme."),
    ("charges", "What charges were brought against the detained journalists?",
     "Three journalists were detained in Almaty on Friday, their editor said."),
    ("exchange_rate", "Comment le taux de change du tenge a-t-il réagi aux troubles ?",
     "Les troubles ont fait 225 morts, selon le parquet général."),
    ("honorific", "Quel titre honorifique porte Nazarbaïev ?",
     "Nazarbaïev a dirigé le Kazakhstan de 1991 à 2019."),
    ("official_name", "What is the official name of the new law?",
     "The new law, passed on Tuesday by 312 votes to 250, will take effect in January."),
    ("slogan", "Quels slogans les manifestants scandaient-ils ?",
     "Des milliers de manifestants se sont rassemblés sur la place de la République à "
     "Almaty."),
    ("address", "At what address was the suspect arrested?",
     "The suspect was arrested at his home in Leeds on Tuesday morning, police said."),
    ("charges", "Quels chefs d'accusation ont été retenus contre les manifestants ?",
     "Plus de 9 900 personnes ont été interpellées après les émeutes."),
    ("exchange_rate", "What was the dollar exchange rate on Friday?",
     "Oil prices rose 2% on Friday to $81 a barrel."),
    ("honorific", "What honorific did Elizabeth II give Elton John?",
     "Elton John performed at Princess Diana's funeral in 1997."),
    ("official_name", "What is the official name of the conference?",
     "The conference, held in the Swiss resort of Bürgenstock, drew 92 countries."),
    ("slogan", "What did the crowd chant outside the court?",
     "A crowd of several hundred people gathered outside the court as the verdict was "
     "read."),
    ("address", "What is the address of the Russian embassy in Kyiv?",
     "The Russian embassy in Kyiv was evacuated in February 2022."),
    ("charges", "What charges does the journalist face?",
     "The journalist was detained at the border on Tuesday and his phone was seized."),
    ("exchange_rate", "What was the exchange rate of the rouble on Monday?",
     "Russian stocks fell 4% in Moscow trading on Monday."),
    ("honorific", "Quel titre honorifique la ville a-t-elle décerné au chanteur ?",
     "Le chanteur a donné un concert gratuit sur la place de l'Hôtel-de-Ville."),
    ("slogan", "What was the slogan of the Paris 2024 Olympics?",
     "The Paris 2024 Olympics opened on 26 July with a ceremony on the Seine."),
    ("address", "À quelle adresse se trouve le nouveau siège de l'entreprise ?",
     "Le nouveau siège de l'entreprise, inauguré lundi, accueille 2 000 salariés à "
     "Lyon."),
    ("charges", "Quels chefs d'accusation ont été retenus contre le chanteur ?",
     "Le chanteur a été placé en détention provisoire mercredi soir."),
    ("exchange_rate", "How did the tenge's exchange rate react to the unrest?",
     "Kazakhstan's currency is the tenge, introduced in 1993."),
    ("honorific", "What honorary title did the university give the president?",
     "The president gave a speech at the university on Monday."),
    ("slogan", "Que scandaient les manifestants à Tbilissi ?",
     "Les manifestants ont bloqué l'avenue Roustaveli à Tbilissi pendant plusieurs "
     "heures."),
    ("address", "What is the address of the embassy?",
     "The embassy is located in the city centre, near the river."),
    ("charges", "What charges were brought against the officers?",
     "The officers were suspended on full pay while the incident is reviewed."),
    ("exchange_rate", "What was the exchange rate of the tenge?",
     "Kazakhstan's central bank raised its key rate to 10.25%."),
    ("honorific", "What honorific title does Tokayev hold?",
     "Tokayev laid a wreath in honour of those killed in the unrest."),
    ("slogan", "What slogans did the demonstrators shout?",
     "Demonstrators marched through the city centre to protest against fuel prices."),
    ("address", "What is the address of the French embassy in Moscow?",
     "The French embassy in Moscow said it had received no request for consular "
     "assistance."),
    ("charges", "What charges were filed against the company?",
     "The company said it would not charge customers for the repairs."),
    ("exchange_rate", "What was the exchange rate of the tenge on Friday?",
     "Kazakhstan received $1 billion in aid on Friday."),
    ("honorific", "What honorific title does Erdogan hold?",
     "Erdogan has led Turkey since 2003, first as prime minister and then as "
     "president."),
    ("slogan", "What slogans did the fans chant?",
     "The fans celebrated late into the night on the Champs-Élysées."),
    ("address", "Quelle est l'adresse du consulat de Russie à Marseille ?",
     "Le consulat de Russie à Marseille a été fermé en 2023 sur décision du Kremlin."),
    ("exchange_rate", "What was the exchange rate when the loan was signed?",
     "The $2 billion loan was signed in Washington on Friday."),
    ("honorific", "Quel titre honorifique Lionel Messi a-t-il reçu ?",
     "Lionel Messi a remporté son huitième Ballon d'or lundi à Paris."),
    ("slogan", "What slogans did the protesters chant?",
     "Protesters gathered in the main square of Almaty on Wednesday."),
    ("address", "At what address was the bomb found?",
     "The bomb was found in a parked car near the city centre early on Sunday, police "
     "said."),
]


@pytest.mark.parametrize(("rule", "q", "text"), ANSWERED)
def test_ordinary_questions_answered(rule: str, q: str, text: str) -> None:
    assert _answered(q, text), rule


@pytest.mark.parametrize(("rule", "q", "text"), DECLINED)
def test_the_rules_cases_declined(rule: str, q: str, text: str) -> None:
    assert not _answered(q, text), rule
