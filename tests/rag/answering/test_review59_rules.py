"""Diff review 59: ordinary questions the first versions of this session's rules declined
(reason_not, apps, damage_value, modality, setting, kinship, cessation, status groups, a
duration's holder; single-sentence probes, old code against new), each answered now; and the
traps they were written for, declined."""

from __future__ import annotations

import pytest

from tests.rag.answering.test_traps_study53 import _answered

ANSWERED = [
    ("Why did Uzbekistan not send troops to Kazakhstan with the CSTO?",
     "L'Ouzbékistan, qui s'est retiré de l'OTSC en 2012, n'a pas envoyé de troupes au Kazakhstan."),
    ("Pourquoi l'Ouzbékistan n'a-t-il pas envoyé de soldats au Kazakhstan ?",
     "L'Ouzbékistan, qui a quitté l'OTSC en 2012, n'a pas envoyé de soldats au Kazakhstan."),
    ("Why is Turkmenistan not a member of the CSTO?",
     "Le Turkménistan, pays à la neutralité permanente reconnue par l'ONU depuis 1995, n'est "
     "membre d'aucune alliance militaire comme l'OTSC."),
    ("Why did the CSTO not intervene in Kyrgyzstan in 2010?",
     "En juin 2010, l'OTSC a estimé que les violences interethniques d'Och relevaient des "
     "affaires intérieures du Kirghizistan et n'est pas intervenue."),
    ("Why did the CSTO troops not stay in Kazakhstan?",
     "Tokaïev a annoncé le retrait des troupes de l'OTSC du Kazakhstan, leur mission ayant été "
     "accomplie."),
    ("Pourquoi les troupes de l'OTSC ne sont-elles pas restées au Kazakhstan ?",
     "Tokaïev a annoncé le retrait des troupes de l'OTSC, leur mission étant accomplie, selon "
     "lui."),
    ("Why was there no Internet in Almaty on January 5?",
     "Les autorités ont coupé l'accès à Internet dans tout le Kazakhstan, y compris à Almaty, le "
     "5 janvier."),
    ("Pourquoi les avions n'ont-ils pas pu atterrir à l'aéroport d'Almaty ?",
     "L'aéroport d'Almaty, pris d'assaut par les manifestants le 5 janvier, a été fermé aux "
     "avions."),
    ("Why did the opposition not take part in the parliamentary elections?",
     "L'opposition a boycotté les élections législatives pour protester contre l'absence de "
     "candidats indépendants."),
    ("Why didn't the United States take part in the 1980 Moscow Olympics?",
     "Les États-Unis boycottèrent les Jeux olympiques de Moscou de 1980 pour protester contre "
     "l'invasion soviétique de l'Afghanistan."),
    ("Pourquoi les États-Unis n'ont-ils pas participé aux Jeux olympiques de Moscou ?",
     "Les États-Unis boycottèrent les Jeux olympiques de Moscou de 1980 en signe de protestation "
     "contre l'invasion soviétique de l'Afghanistan."),
    ("Why did the United States never ratify the Treaty of Versailles?",
     "Le Sénat américain, dominé par les républicains hostiles à la Société des Nations, rejeta "
     "le traité de Versailles en novembre 1919 et ne le ratifia jamais."),
    ("Pourquoi la Norvège n'est-elle pas membre de l'Union européenne ?",
     "La Norvège a rejeté l'adhésion à l'Union européenne lors des référendums de 1972 et de "
     "1994, et n'est donc pas membre de l'Union européenne."),
    ("Why was Einstein not awarded the Nobel Prize for relativity?",
     "Le comité Nobel, jugeant la relativité encore trop controversée, décerna le prix Nobel à "
     "Einstein en 1921 pour l'effet photoélectrique et non pour la relativité."),
    ("Pourquoi Darwin n'a-t-il pas publié sa théorie plus tôt ?",
     "Darwin retarda d'une vingtaine d'années la publication de sa théorie de l'évolution, "
     "redoutant la réaction de l'Église et de la communauté scientifique."),
    ("Pourquoi Louis XVI n'a-t-il pas réussi à fuir à l'étranger ?",
     "Reconnu à Sainte-Menehould par le maître de poste Drouet, Louis XVI fut arrêté à Varennes "
     "le 21 juin 1791 alors qu'il tentait de fuir à l'étranger."),
    ("Why did the 1940 Olympic Games not take place?",
     "Les Jeux olympiques de 1940, attribués à Tokyo puis à Helsinki, furent annulés après le "
     "déclenchement de la Seconde Guerre mondiale."),
    ("Pourquoi n'y a-t-il pas de serpents en Irlande ?",
     "Séparée de la Grande-Bretagne par la montée des eaux à la fin de la dernière glaciation, "
     "l'Irlande n'a jamais été colonisée par les serpents."),
    ("Why did Tokayev not negotiate with the protesters?",
     "Tokaïev a exclu toute négociation avec les manifestants, qu'il a qualifiés de « bandits et "
     "terroristes »."),
    ("Pourquoi Napoléon n'a-t-il pas envahi l'Angleterre en 1805 ?",
     "La destruction de la flotte franco-espagnole par Nelson à Trafalgar, le 21 octobre 1805, "
     "ruina les projets de Napoléon d'envahir l'Angleterre."),
    ("Why did Armenia not send combat units to Kazakhstan?",
     "Pachinian a souligné que les 100 militaires arméniens envoyés au Kazakhstan n'avaient "
     "qu'une mission de protection des sites stratégiques et ne participeraient pas aux combats."),
    ("Pourquoi Galilée n'a-t-il pas pu continuer à enseigner l'héliocentrisme ?",
     "Condamné par l'Inquisition en 1633, Galilée dut abjurer l'héliocentrisme et fut assigné à "
     "résidence jusqu'à sa mort."),
    ("Why didn't Nazarbayev appear in public during the unrest?",
     "Nazarbaïev, âgé de 81 ans et écarté de la présidence du Conseil de sécurité, n'est pas "
     "apparu en public pendant les troubles."),
    ("Why was the Kazakh presidential election not held in 2024 as planned?",
     "L'élection présidentielle, initialement prévue en 2024, a été avancée à novembre 2022 à la "
     "suite de la réforme constitutionnelle."),
    ("Why is Pluto no longer considered a planet?",
     "En 2006, l'Union astronomique internationale a reclassé Pluton parmi les planètes naines, "
     "celle-ci n'ayant pas fait place nette au voisinage de son orbite."),
    ("Why did the Roman Empire in the West not survive after 476?",
     "En 476, le chef germanique Odoacre dépose Romulus Augustule, dernier empereur romain "
     "d'Occident, et renvoie les insignes impériaux à Constantinople."),
    ("Pourquoi Kassym-Jomart Tokaïev n'a-t-il pas sollicité l'ONU ?",
     "Tokaïev a jugé que seule l'OTSC pouvait intervenir assez vite et a sollicité son aide "
     "plutôt que celle de l'ONU."),
    ("Why did the price of LPG, which had not been capped since 2019, double in January?",
     "Le prix du GPL a doublé au 1er janvier après la fin du plafonnement décidée par le "
     "gouvernement."),
    ("Why did protests erupt in Zhanaozen, a town not far from the Caspian Sea?",
     "Les manifestations ont éclaté à Janaozen après le doublement du prix du gaz liquéfié le "
     "1er janvier."),
    ("Pourquoi Jeanne d'Arc, qui n'avait pas vingt ans, fut-elle brûlée à Rouen ?",
     "Jeanne d'Arc fut brûlée vive à Rouen le 30 mai 1431 après avoir été condamnée pour hérésie "
     "par un tribunal ecclésiastique."),
    ("Quels sites web ont été bloqués en Russie en 2022 ?",
     "En mars 2022, Roskomnadzor a bloqué l'accès à la BBC, à Deutsche Welle et à Meduza en "
     "Russie."),
    ("Quelle application les Kazakhs utilisent-ils pour les démarches administratives ?",
     "Les Kazakhs effectuent leurs démarches administratives sur le portail eGov, accessible sur "
     "smartphone."),
    ("Which social network was renamed X?",
     "En juillet 2023, Elon Musk a rebaptisé X le réseau à l'oiseau bleu qu'il avait racheté."),
    ("Which apps did Kazakhs use to bypass the Internet blackout?",
     "Pour contourner la coupure, de nombreux Kazakhs ont utilisé des VPN et Psiphon."),
    ("Quel site internet a publié les documents de Snowden ?",
     "Les révélations d'Edward Snowden ont d'abord été publiées par The Guardian et le "
     "Washington Post en juin 2013."),
    ("What website did Jimmy Wales co-found in 2001?",
     "Wikipédia a été lancée le 15 janvier 2001 par Jimmy Wales et Larry Sanger."),
    ("What applications does the laser have?",
     "Le laser est utilisé en chirurgie ophtalmique, dans les lecteurs de disques optiques, en "
     "télémétrie et pour la découpe industrielle."),
    ("Quelles applications industrielles a l'aluminium ?",
     "L'aluminium est employé dans l'aéronautique, l'emballage, la construction et les lignes "
     "électriques à haute tension."),
    ("Quelles applications a le graphène ?",
     "Le graphène pourrait servir à fabriquer des écrans souples, des batteries plus "
     "performantes et des capteurs ultrasensibles."),
    ("À combien ont été estimés les dégâts des émeutes de janvier au Kazakhstan ?",
     "Le ministère de l'Économie a chiffré le préjudice causé par les émeutes à plusieurs "
     "centaines de millions de dollars."),
    ("How much damage did the riots cause to businesses in Almaty?",
     "Selon la chambre des entrepreneurs Atameken, le préjudice subi par les entreprises "
     "d'Almaty atteint 3 milliards de tenges."),
    ("Quel a été le montant des dommages causés par le tremblement de terre de Lisbonne ?",
     "Le tremblement de terre de Lisbonne de 1755 détruisit la majeure partie de la ville, pour "
     "un coût estimé à plusieurs milliards de réaux."),
    ("What was the value of the damage to the Akimat building in Almaty?",
     "La restauration de l'akimat d'Almaty, incendié le 5 janvier, est évaluée à 2,5 milliards "
     "de tenges."),
    ("Quelle est la valeur des dégâts subis par l'akimat d'Almaty ?",
     "Les dégâts subis par l'akimat d'Almaty sont évalués à deux milliards de tenges."),
    ("What was the amount of damage caused by the floods in Kazakhstan in 2024?",
     "Les inondations de 2024 au Kazakhstan ont causé un préjudice évalué à plus de 300 "
     "milliards de tenges."),
    ("Combien ont coûté les dégâts de la tempête Xynthia ?",
     "La tempête Xynthia de 2010 a coûté 2,5 milliards d'euros aux assureurs."),
    ("What was the estimated value of the damage to shops looted in Almaty?",
     "Plus de 1 300 commerces ont été pillés à Almaty, pour un montant total de 92 milliards de "
     "tenges selon l'akimat."),
    ("À combien sont estimées les pertes des entreprises kazakhes ?",
     "Les entreprises kazakhes ont perdu environ 3 000 tenges par habitant selon la chambre "
     "Atameken."),
    ("Combien de pertes l'armée française a-t-elle subies à Verdun ?",
     "À Verdun, l'armée française perdit environ 378 000 hommes, tués, blessés ou disparus."),
    ("How much damage did the 2023 earthquake in Turkey cause?",
     "Le séisme du 6 février 2023 a détruit ou gravement endommagé plus de 160 000 bâtiments en "
     "Turquie."),
    ("Combien de pertes les forces de l'ordre kazakhes ont-elles subies ?",
     "Dix-neuf membres des forces de l'ordre kazakhes ont été tués et 748 blessés."),
    ("Did Putin and Tokayev meet in person or by videoconference on January 10?",
     "Le 10 janvier, les dirigeants de l'OTSC ont tenu un sommet extraordinaire par écrans "
     "interposés."),
    ("Did Lukashenko meet Putin in person or online?",
     "Loukachenko s'est rendu à Moscou le 9 septembre pour rencontrer Poutine au Kremlin."),
    ("Was the meeting between Macron and Putin held in person or by videoconference?",
     "Emmanuel Macron s'est rendu à Moscou le 7 février 2022, où il a rencontré Vladimir Poutine "
     "au Kremlin autour d'une longue table."),
    ("Was the CSTO Security Council session held in person or via videoconference?",
     "La session du Conseil de sécurité collective de l'OTSC s'est tenue à Moscou, en présence "
     "des six chefs d'État."),
    ("Xi Jinping a-t-il participé au sommet en personne ou par vidéo ?",
     "Xi Jinping a participé au sommet par écran interposé depuis Pékin."),
    ("Did the Security Council members hold talks face-to-face or by videoconference?",
     "Les membres du Conseil de sécurité ont débattu autour de la même table à New York."),
    ("At what event did Zinedine Zidane headbutt Marco Materazzi?",
     "Zidane a donné un coup de tête à Materazzi en finale de la Coupe du monde 2006, à Berlin."),
    ("At which event did Usain Bolt win the 100 m in 9.69 seconds?",
     "Usain Bolt a remporté le 100 m en 9 s 69 aux Jeux de Pékin en 2008."),
    ("À quelle occasion la Marseillaise fut-elle composée ?",
     "Rouget de Lisle composa la Marseillaise dans la nuit du 25 au 26 avril 1792 à Strasbourg, "
     "après la déclaration de guerre de la France à l'Autriche."),
    ("Dans quel contexte la Première Guerre mondiale a-t-elle éclaté ?",
     "La Première Guerre mondiale éclata après l'assassinat de l'archiduc François-Ferdinand à "
     "Sarajevo, le 28 juin 1914, qui déclencha la crise de juillet."),
    ("Dans quel cadre les troupes russes ont-elles été déployées au Kazakhstan ?",
     "Les troupes russes ont été déployées au Kazakhstan au titre de l'article 4 du traité de "
     "sécurité collective."),
    ("At what occasion did Martin Luther King deliver his 'I Have a Dream' speech?",
     "Martin Luther King prononça son célèbre « I Have a Dream » à la fin de la marche sur "
     "Washington, le 28 août 1963."),
    ("In what context did Putin make his remark about Kazakhstan not having had a state?",
     "En 2014, au camp de jeunesse de Seliger, Poutine affirma que les Kazakhs n'avaient jamais "
     "eu d'État."),
    ("Lors de quelle cérémonie Napoléon s'est-il couronné lui-même ?",
     "Napoléon se couronna lui-même à Notre-Dame de Paris le 2 décembre 1804, en présence du "
     "pape Pie VII."),
    ("At what event did Jesse Owens win four gold medals?",
     "Jesse Owens remporta quatre médailles d'or aux Jeux de Berlin en 1936."),
    ("À quelle occasion Blinken a-t-il commenté l'intervention de l'OTSC ?",
     "Vendredi, au département d'État, Blinken a déclaré aux journalistes qu'une fois les Russes "
     "installés chez vous, il est parfois très difficile de les faire partir."),
    ("Dans quel contexte le Kazakhstan a-t-il déclaré l'état d'urgence ?",
     "Le Kazakhstan a déclaré l'état d'urgence après que des manifestants ont pris d'assaut des "
     "bâtiments publics à Almaty."),
    ("At what event did Eddy Merckx win his fifth Tour de France?",
     "Eddy Merckx remporta son cinquième Tour de France en 1974."),
    ("À quelle occasion le pont de Tancarville a-t-il été inauguré ?",
     "Le pont de Tancarville a été ouvert à la circulation le 2 juillet 1959."),
    ("During which event was the Treaty of Westphalia signed?",
     "Les traités de Westphalie, signés en 1648 à Münster et Osnabrück, mirent fin à la guerre "
     "de Trente Ans."),
    ("At what event did Nadia Comaneci score the first perfect 10?",
     "Nadia Comăneci obtint le premier 10 de l'histoire de la gymnastique à Montréal en 1976."),
    ("Lors de quel événement Armstrong a-t-il marché sur la Lune ?",
     "Neil Armstrong marcha sur la Lune le 21 juillet 1969 au cours de la mission Apollo 11."),
    ("At what event did Tokayev announce Nazarbayev's removal from the Security Council?",
     "Tokaïev a annoncé qu'il prenait la tête du Conseil de sécurité à la place de Nazarbaïev "
     "dans son adresse à la nation du 5 janvier."),
    ("In which context did the CSTO send peacekeepers for the first time?",
     "Pour la première fois de son histoire, l'OTSC a envoyé des soldats de la paix, à la "
     "demande du Kazakhstan confronté à des émeutes."),
    ("Dans quel contexte utilise-t-on le subjonctif en français ?",
     "En français, le subjonctif s'emploie après les verbes exprimant un souhait, une crainte ou "
     "une volonté."),
    ("In what context is the term 'colour revolution' used by Russian officials?",
     "Les responsables russes emploient l'expression « révolution de couleur » pour désigner des "
     "soulèvements qu'ils attribuent à l'Occident."),
    ("At what venue was the 2022 World Cup final played?",
     "La finale de la Coupe du monde 2022 s'est jouée au stade de Lusail, au Qatar."),
    ("Quel est le lien de parenté entre Romulus et Rémus ?",
     "Selon la légende, Romulus et Rémus étaient des jumeaux allaités par une louve."),
    ("Quel lien de parenté unissait Catherine de Médicis et Henri II ?",
     "Catherine de Médicis, veuve d'Henri II, exerça la régence pendant la minorité de Charles "
     "IX."),
    ("How is Prince William related to Queen Victoria?",
     "Le prince William est un descendant direct de la reine Victoria."),
    ("Quel lien de parenté unissait Marie-Antoinette et Marie-Thérèse d'Autriche ?",
     "Marie-Antoinette était la quinzième enfant de l'impératrice Marie-Thérèse d'Autriche."),
    ("What family ties link Pierre and Irène Curie?",
     "Irène Joliot-Curie était l'enfant de Pierre et Marie Curie."),
    ("Quels liens familiaux unissaient Victor Hugo et Léopoldine ?",
     "Léopoldine Hugo, l'aînée des enfants de Victor Hugo, se noya à Villequier en 1843."),
    ("What is the family relationship between Dinara Kulibayeva and Nazarbayev?",
     "Dinara Koulibaïeva, la cadette de Noursoultan Nazarbaïev, figure parmi les femmes les plus "
     "riches du Kazakhstan."),
    ("How is the CSTO related to the Warsaw Pact?",
     "L'OTSC, fondée en 1992 à Tachkent, est souvent décrite comme une version réduite du pacte "
     "de Varsovie dominée par Moscou."),
    ("How was the unrest in Kazakhstan related to the fuel price rise?",
     "Les manifestations ont éclaté après le doublement du prix du gaz liquéfié au 1er janvier."),
    ("How is entropy related to temperature?",
     "En thermodynamique, la variation d'entropie est égale à la chaleur échangée divisée par la "
     "température absolue."),
    ("How are earthquakes related to plate tectonics?",
     "La plupart des séismes se produisent aux limites des plaques tectoniques, là où elles "
     "coulissent ou entrent en collision."),
    ("In what year did Almaty stop being Kazakhstan's capital?",
     "En 1997, Astana devint la capitale du Kazakhstan à la place d'Almaty."),
    ("En quelle année Almaty a-t-elle cessé d'être la capitale du Kazakhstan ?",
     "Astana devient officiellement la capitale du Kazakhstan le 10 décembre 1997."),
    ("When did Pluto stop being a planet?",
     "En 2006, l'Union astronomique internationale a reclassé Pluton dans la catégorie des "
     "planètes naines."),
    ("En quelle année Pluton a-t-elle cessé d'être considérée comme une planète ?",
     "Pluton est reclassée planète naine par l'Union astronomique internationale le 24 août 2006."),
    ("When did Nazarbayev stop being president of Kazakhstan?",
     "Noursoultan Nazarbaïev a démissionné de la présidence du Kazakhstan le 19 mars 2019."),
    ("When did Nazarbayev cease to be chairman of the Security Council?",
     "Le 5 janvier 2022, Tokaïev a pris la tête du Conseil de sécurité à la place de Nazarbaïev."),
    ("Quand Nazarbaïev a-t-il cessé d'être président du Conseil de sécurité ?",
     "Le 5 janvier 2022, Tokaïev a annoncé qu'il prenait la présidence du Conseil de sécurité, à "
     "la place de Nazarbaïev."),
    ("When did Constantinople stop being the capital of Turkey?",
     "En 1923, Ankara devient la capitale de la nouvelle République de Turquie."),
    ("When did Kazakhstan cease to be part of the Soviet Union?",
     "Le Kazakhstan proclame son indépendance le 16 décembre 1991."),
    ("Quand le Kazakhstan a-t-il cessé de faire partie de l'URSS ?",
     "Le Kazakhstan déclare son indépendance vis-à-vis de l'URSS le 16 décembre 1991."),
    ("Quand l'URSS a-t-elle cessé d'exister ?",
     "L'Union soviétique disparaît officiellement le 26 décembre 1991."),
    ("Quand la France a-t-elle cessé d'être une monarchie ?",
     "La République est proclamée en France le 21 septembre 1792."),
    ("When did Berlin stop being divided?",
     "La réunification de Berlin intervient le 3 octobre 1990, moins d'un an après la chute du "
     "Mur."),
    ("En quelle année l'Algérie a-t-elle cessé d'être française ?",
     "L'Algérie accède à l'indépendance le 5 juillet 1962, après les accords d'Évian."),
    ("Quand Karim Massimov a-t-il cessé d'être président du KNB ?",
     "Karim Massimov a été limogé de la présidence du KNB le 5 janvier 2022."),
    ("Quand la Russie a-t-elle cessé ses livraisons de gaz à l'Ukraine en 2009 ?",
     "La Russie a interrompu ses livraisons de gaz à l'Ukraine le 1er janvier 2009."),
    ("When did the Armenian contingent stop being deployed in Kazakhstan?",
     "Le contingent arménien est rentré à Erevan le 19 janvier."),
    ("How many foreign nationals were detained during the unrest?",
     "Parmi les personnes arrêtées figurent 100 migrants venus d'Ouzbékistan et du Kirghizistan."),
    ("How many nations took part in the 1936 Olympics?",
     "Les Jeux olympiques de 1936 à Berlin réunirent 49 pays."),
    ("How many citizens voted in the 2022 constitutional referendum in Kazakhstan?",
     "Plus de 5 millions d'électeurs ont participé au référendum constitutionnel du 5 juin 2022."),
    ("How many nationals of Kyrgyzstan were among those killed?",
     "Parmi les 225 morts figurent trois Kirghizes, selon Bichkek."),
    ("How long does the presidential term last in Kazakhstan?",
     "Depuis la réforme de 2022, le président kazakh est élu pour sept ans, sans pouvoir être "
     "réélu."),
    ("Combien de temps a duré le règne de Louis XIV ?",
     "Louis XIV régna 72 ans, de 1643 à 1715."),
    ("Combien de temps a duré la construction de Notre-Dame de Paris ?",
     "Notre-Dame de Paris fut bâtie entre 1163 et 1345."),
    ("How long did Gagarin's flight last?",
     "Youri Gagarine fit le tour de la Terre en 108 minutes le 12 avril 1961."),
    ("Combien de temps la bataille de Verdun a-t-elle duré ?",
     "Verdun fut le plus long affrontement de la guerre : il dura du 21 février au 18 décembre "
     "1916, soit 300 jours."),
    ("Combien de temps dure une année sur Mars ?",
     "Mars met 687 jours terrestres pour faire le tour du Soleil."),
    ("How long does a year on Mars last?",
     "Mars met 687 jours terrestres pour faire une révolution autour du Soleil."),
    ("Combien de temps a duré le voyage de Magellan ?",
     "L'expédition de Magellan partit de Sanlúcar en septembre 1519 et revint en septembre 1522, "
     "après trois ans de navigation."),
]

DECLINED = [
    ("Which messaging apps and social networks were blocked in Kazakhstan?",
     "L'accès à Internet a été bloqué dans tout le Kazakhstan le 5 janvier."),
    ("Quelles messageries ont été coupées pendant les émeutes ?",
     "Les communications ont été coupées pendant les émeutes, selon NetBlocks."),
    ("Quels réseaux sociaux ont été bloqués au Kazakhstan ?",
     "Le Kazakhstan a connu une coupure générale de l'Internet pendant cinq jours."),
    ("What was the estimated value, in dollars, of the material damage caused by the unrest?",
     "Les émeutes ont causé de lourdes pertes matérielles dans tout le pays."),
    ("À combien de dollars ont été estimés les dégâts au Kazakhstan ?",
     "La Banque mondiale a accordé une aide de 100 millions de dollars au Kazakhstan."),
    ("Did Putin and Tokayev talk in person or by phone?",
     "Poutine et Tokaïev ont évoqué la situation au Kazakhstan."),
    ("What is Karim Massimov's family relationship to Nazarbayev?",
     "Karim Massimov, ancien Premier ministre, est un proche allié de Nazarbaïev."),
    ("Quel lien de parenté unit Tokaïev et Nazarbaïev ?",
     "Tokaïev a succédé à Nazarbaïev à la présidence en 2019."),
    ("In what year did Almaty stop being Kazakhstan's capital?",
     "Le début de l'année 2022 a été marqué par des émeutes dans les rues d'Almaty."),
    ("When did Pluto stop being a planet?",
     "Pluton a été découverte en 1930 par Clyde Tombaugh."),
    ("When did Kazakhstan cease to be part of the USSR?",
     "Le Kazakhstan a rejoint la CEI en 1991."),
    ("How many Russian citizens did Russia evacuate from Kazakhstan?",
     "La Russie a envoyé quelque 3 000 personnes au Kazakhstan."),
    ("Combien de temps dure le mandat du secrétaire général de l'OTSC ?",
     "Le secrétaire général de l'OTSC est Stanislav Zas depuis 2020, et l'état d'urgence a duré "
     "deux semaines."),
]


@pytest.mark.parametrize(("q", "s"), ANSWERED)
def test_answered(q: str, s: str) -> None:
    assert _answered(q, s)


@pytest.mark.parametrize(("q", "s"), DECLINED)
def test_declined(q: str, s: str) -> None:
    assert not _answered(q, s)
