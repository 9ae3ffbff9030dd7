"""Diff review 58, round 3 (263 single-sentence probes in the style of PIAF's Wikipedia
paragraphs, old code against new): the second version of this session's particulars and
durations still declined 55 ordinary questions at the rule level (a birth "vient au monde à
Ajaccio", "(27 January 1756 in Salzburg"; "née Aurore Dupin" read as a birth asked; "Where
was jazz born?"; a penalty "could be hanged", a red card; "la résolution 1973"; a budget
deficit or a budget airline; a short English quote; "from 5 October to 29 November", "33 and
a half hours", "ninety minutes"), each answered again; and the non-answers the rules now
decline. Through the whole writer, old against new: 8 of 229 answering probes newly
declined (2 arguable: "une paysanne lorraine de Domrémy", a loanword's source; 6 durations
whose sentence does not name what is asked, as "How long did X last?" already required), 15
newly answered, 15 non-answers newly declined."""

from __future__ import annotations

import pytest

from tests.rag.answering.test_traps_study53 import _answered

ANSWERED = [
    ('birthplace', 'Quel est le lieu de naissance de Molière ?',
     'Jean-Baptiste Poquelin, dit Molière, est un Parisien baptisé le 15 janvier 1622 en '
     "l'église Saint-Eustache."),
    ('birthplace', 'Où Marie Curie, née Skłodowska, a-t-elle étudié la physique ?',
     'Marie Curie étudie la physique et les mathématiques à la Sorbonne à partir de 1891.'),
    ('birthplace', 'What is the hometown of the Beatles?',
     'The Beatles were formed in Liverpool in 1960.'),
    ('birthplace', 'Quelle est la ville natale du groupe Indochine ?',
     'Le groupe Indochine est formé à Paris en 1981 par Nicola Sirkis et Dominique Nicolas.'),
    ('penalty', 'What was the maximum penalty for sheep stealing in 18th-century England?',
     'In 18th-century England, sheep stealers could be hanged.'),
    ('penalty', 'What was the maximum penalty for forgery under the Bloody Code?',
     'Under the Bloody Code, forgery was a hanging offence.'),
    ('penalty', 'What is the harshest punishment a player can receive in football?',
     'In football, the most severe sanction is the red card, which sends the player off.'),
    ('penalty', 'What is the maximum penalty for a high tackle in rugby?',
     "A dangerous high tackle can lead to a red card and the player's dismissal."),
    ('penalty', 'What is the maximum penalty a chess player faces for an illegal move in blitz?',
     'In blitz, an illegal move loses the game if the opponent claims it.'),
    ('penalty', 'Quelle est la peine encourue en cas de carton jaune en rugby ?',
     "Un carton jaune en rugby vaut au joueur dix minutes d'exclusion temporaire."),
    ('penalty', 'Quelle est la peine minimale prévue pour un homicide involontaire au volant ?',
     "L'homicide involontaire au volant est sanctionné par le retrait du permis de conduire."),
    ('act_number', "Quel est le numéro de la résolution autorisant l'intervention au Mali ?",
     "La résolution 2085, adoptée en décembre 2012, autorise le déploiement d'une force "
     'africaine au Mali.'),
    ('act_number', "What is the number of the law school's graduates each year?",
     'The law school graduates about 200 students each year.'),
    ('act_number', 'What was the number of the law firm employees in 1990?',
     'By 1990 the firm employed some 1,200 people.'),
    ('budget', 'What was the name of the budget airline founded by Stelios Haji-Ioannou?',
     'Stelios Haji-Ioannou founded easyJet in 1995.'),
    ('original_english', "What were the original English words of Reagan's slogan in 1980?",
     "Reagan campaigned in 1980 under the slogan “Let's Make America Great Again”."),
    ('original_english', "From which original English words does the French 'redingote' come?",
     'Redingote is a French borrowing of the English riding coat.'),
    ('original_english',
     'What is the original English wording of the Beatles song title translated as « Tout ce '
     "dont tu as besoin, c'est d'amour » ?",
     "The Beatles recorded 'All You Need Is Love' in June 1967."),
    ('original_english',
     'Quelle est la citation originale de Molière traduite en anglais par Wall ?',
     'La citation « Il faut manger pour vivre et non pas vivre pour manger » est tirée de '
     "L'Avare."),
    ('duration', 'How long was the reign of Louis XIV?',
     'Louis XIV reigned from 1643 to 1715.'),
    ('duration', 'How long was the reign of Queen Victoria?',
     "Victoria's reign, from 1837 to 1901, gave its name to the Victorian era."),
    ('duration', 'How long was the siege of Leningrad?',
     'The siege of Leningrad lasted from September 1941 to January 1944.'),
    ('duration', 'How long was the siege of Paris in 1870?',
     'Le siège de Paris dura du 19 septembre 1870 au 28 janvier 1871.'),
    ('duration', 'How long was the Berlin blockade?',
     'The Berlin Blockade lasted from 24 June 1948 to 12 May 1949.'),
    ('duration', 'How long was the German occupation of Paris?',
     'Paris was occupied from 14 June 1940 to 25 August 1944.'),
    ('duration', 'How long was the lockdown in France in 2020?',
     'The first French lockdown ran from 17 March to 11 May 2020.'),
    ('duration', 'How long was the curfew in Paris during the occupation?',
     'Under the occupation, the curfew in Paris ran from midnight to 5 a.m.'),
    ('duration', 'How long was the speech of Fidel Castro at the UN in 1960?',
     "Castro's speech at the UN lasted four and a half hours."),
    ('duration', 'How long was the reign of Napoleon during the Hundred Days?',
     "Napoleon's return lasted a hundred days, from March to July 1815."),
    ('duration', 'How long was the deployment of US troops in Vietnam?',
     'American combat troops were deployed in Vietnam for nearly a quarter of a century.'),
    ('duration', 'How long was the visit of Pope John Paul II to Poland in 1979?',
     'John Paul II visited Poland from 2 to 10 June 1979.'),
    ('duration', 'How long was the detention of Nelson Mandela?',
     'Mandela remained behind bars from 1962 to 1990.'),
    ('duration', "How long did the Hundred Years' War last?",
     "The Hundred Years' War lasted from 1337 to 1453."),
    ('duration', 'How long did James I reign over England?',
     'James I reigned over England from 1603 to 1625.'),
    ('duration', 'How long did Mitterrand remain president?',
     'Mitterrand remained president for fourteen years.'),
    ('duration', 'How long did the siege of Masada last?',
     'The siege of Masada lasted one and a half years.'),
    ('duration', "How long did Napoleon's exile on Elba last?",
     "Napoleon's exile on Elba lasted nine and a half months."),
    ('duration', 'How long did the negotiations last?',
     "Les négociations durèrent trois quarts d'heure."),
    ('duration', 'How long did the rescue operation last?',
     "L'opération de sauvetage a duré une dizaine d'heures."),
    ('duration', 'How long did the talks last?',
     'The talks went on overnight.'),
    ('duration', 'How long did the reign of Elizabeth II last?',
     'Elizabeth II reigned for seventy years.'),
    ('duration', 'How long did the reign of Henri IV last?',
     'Henri IV reigned over France for a quarter of a century.'),
    ('duration', 'How long did the Cold War last?',
     'The Cold War lasted nearly half a century.'),
    ('penalty', 'What was the minimum penalty area size set by the 1902 rules?',
     'The 1902 rules set the box at 18 yards by 44 yards.'),
    ('duration', 'How long was the reign of Pepi II?',
     'Pepi II is said to have reigned for ninety years.'),
]

DECLINED = [
    ('birthplace', 'Dans quelle ville Albert Camus est-il né ?',
     'Albert Camus meurt dans un accident de voiture à Villeblevin en 1960.'),
    ('birthplace', 'Quel est le lieu de naissance de Charles de Gaulle ?',
     'Charles de Gaulle repose à Colombey-les-Deux-Églises, où il avait sa propriété de La '
     'Boisserie.'),
    ('birthplace', 'What is the birthplace of Frida Kahlo?',
     'Frida Kahlo died at the Blue House in Coyoacán in 1954.'),
    ('birthplace', 'Où Jean Moulin est-il né ?',
     'Jean Moulin est arrêté à Caluire-et-Cuire le 21 juin 1943.'),
    ('penalty', 'What is the maximum penalty for insider trading in the United States?',
     'The SEC has investigated dozens of insider trading cases since 2000.'),
    ('act_number',
     "Quel est le numéro de la loi sur laquelle le Conseil constitutionnel s'est prononcé en "
     'premier ?',
     'La première décision du Conseil constitutionnel, en 1959, porte sur le règlement de '
     "l'Assemblée."),
    ('act_number', "Quel est le numéro de la loi de séparation des Églises et de l'État ?",
     "La loi du 9 décembre 1905 concernant la séparation des Églises et de l'État est votée à "
     "l'initiative d'Aristide Briand."),
    ('original_english',
     'Quelle est la citation originale en anglais de Neil Armstrong sur la Lune ?',
     "Armstrong déclare : « C'est un petit pas pour l'homme, mais un bond de géant pour "
     "l'humanité »."),
    ('duration', 'How long was the meeting between Churchill and Roosevelt?',
     "The meeting took place at a mansion an hour's drive from Washington."),
    ('duration', 'How long was the flight of the Concorde from Paris to New York?',
     'The Concorde flight took off an hour late because of fog.'),
    ('duration', 'How long was the siege of Rhodes in 1522?',
     'Suleiman, then thirty years old, led the siege of Rhodes.'),
    ('duration', 'How long was the siege of Constantinople in 1453?',
     'The city fell one night in May 1453 after a long siege.'),
    ('duration', 'How long was the strike of the dockers?',
     'Les dockers se sont mis en grève depuis le port de Marseille.'),
    ('duration', 'How long did the troops stay in the capital?',
     'Les troupes sont parties depuis la base aérienne de Creil.'),
    ('duration', 'How long was the flight of Lindbergh?',
     'Lindbergh was twenty-five years old when he flew to Paris.'),
]


@pytest.mark.parametrize(("rule", "q", "text"), ANSWERED)
def test_ordinary_questions_answered(rule: str, q: str, text: str) -> None:
    assert _answered(q, text), rule


@pytest.mark.parametrize(("rule", "q", "text"), DECLINED)
def test_non_answers_declined(rule: str, q: str, text: str) -> None:
    assert not _answered(q, text), rule
