"""What a question asks for, read once: the kind of answer (a number and what it counts, a
date, a person, a place, a country, an age), whom and when it is about (its focus names, a
nation's people, a month and its year), and the constraints an answer must meet (a role and
its country, a portfolio, a succession, a marriage, the outcome of talks, what befell those
counted). `analyse_question` gives a `QuestionInfo`; `holds.py` checks sentences against it."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.answering.agents_asked import agent_verb
from rag.answering.anchors import GENERIC, MONTHS, claim_anchors
from rag.answering.anchors import fold as fold_name
from rag.answering.bodies import role_bodies
from rag.answering.bound_asked import bound_asked
from rag.answering.bylines import byline_asked, published_asked
from rag.answering.claim_authors import author_asked
from rag.answering.collectives import collectives
from rag.answering.countries import (
    actors,
    bodies_at,
    cased_countries,
    demonyms,
    is_country,
    is_people,
    nationalities,
    nations_of,
    role_nations,
)
from rag.answering.event_dates import event_asked, occasion_asked
from rag.answering.exclusions import excluded_asked
from rag.answering.factors import factors_asked
from rag.answering.hypothetical import counterfactual_asked
from rag.answering.language import detect_language
from rag.answering.levels import changed_thing
from rag.answering.meanings import meaning_asked
from rag.answering.particulars import particular_asked
from rag.answering.planned_end import end_asked
from rag.answering.presupposed import done_asked
from rag.answering.provisional import final_asked
from rag.answering.provisions import provisions_asked
from rag.answering.reactions import reacted_to, reactor
from rag.answering.spans import span_asked
from rag.answering.speakers import said_by
from rag.answering.venues import venue_asked
from rag.answering.verify import ROLES
from rag.answering.weekdays import dates_named, days_asked
from rag.answering.yes_no import asked_verb, yes_no_verb
from rag.sentences import split_sentences
from rag.text import STOPWORDS, fold

# Nouns that name people by what they do: "Quel architecte ...", "Which linguist" (not a king:
# "Quel roi ... après Louis VI ?" is answered by "Louis VII", the same name to this reading)
_PEOPLE_NOUNS = (
    r"architect|linguist|folklorist|historian|"
    r"writer|author|novelist|poet|painter|artist|sculptor|composer|musician|singer|actor|"
    r"actress|filmmaker|philosopher|scientist|astronomer|mathematician|physicist|chemist|"
    r"biologist|botanist|explorer|navigator|inventor|engineer|physician|surgeon|player|coach|"
    r"driver|pilot|cyclist|athlete|footballer|boxer|monk|bishop|cardinal|governor|mayor|senator|judge|lawyer|admiral|captain|photographer|"
    r"producer|founder|professor|scholar|theologian|economist|sociologist|psychologist|"
    r"archaeologist|missionary|apostle|prophet|architecte|linguiste|folkloriste|historien(?:ne)?|écrivain(?:e)?|auteure?|"
    r"romanci(?:er|ère)|poète|peintre|artiste|sculpteur|composit(?:eur|rice)|musicien(?:ne)?|"
    r"chant(?:eur|euse)|act(?:eur|rice)|réalisat(?:eur|rice)|cinéaste|philosophe|"
    r"scientifique|astronome|mathématicien(?:ne)?|physicien(?:ne)?|chimiste|biologiste|"
    r"botaniste|explorat(?:eur|rice)|navigat(?:eur|rice)|invent(?:eur|rice)|ingénieur|médecin|"
    r"chirurgien(?:ne)?|joueu(?:r|se)|entraîneur|pilote|coureu(?:r|se)|cycliste|athlète|"
    r"footballeur|boxeur|moine|évêque|gouverneur|maire|sénateur|"
    r"juge|avocat|amiral|capitaine|photographe|product(?:eur|rice)|fondat(?:eur|rice)|"
    r"professeure?|savant|théologien|économiste|sociologue|psychologue|archéologue|"
    r"missionnaire|apôtre|prophète|personnage|héros|héroïne|"
    r"commentator|commentat(?:eur|rice)|observer|observat(?:eur|rice)|pundit|critic|"
    r"critique|reporter|correspondent|correspondant(?:e)?|spokesperson|speaker")

# up to two words between "which" and what it asks ("which Kazakh opposition party"), not a
# verb or an article ("quelle est la société" asks no body)
_QUALIFIERS = (r"(?:(?!(?:est|était|sont|fut|is|was|are|were|la|le|les|the|an?|une?|did|do|"
               r"does|has|have|had|will|would|can|could|should|du|de|des)\b)[\w-]+ ){0,2}?")
# What qualifies a country asked ("which neighbouring country", "which major power")
_NATION_QUALIFIERS = (r"(?:other|major|great|foreign|neighbou?ring|western|european|asian|"
                      r"african|american|colonial|enemy|rival|regional|world|nuclear|allied) ")
_ASKS: dict[str, re.Pattern[str]] = {
    "age": re.compile(r"\b(quel âge|quel age|how old|âgé|what age|à quel âge|at what age)\b",
                      re.I),
    "number": re.compile(r"\b(combien|how (many|much)|nombre|number of|quel (montant|budget|"
                         r"loyer|pourcentage|bilan)|quelle (somme|part|proportion)|what (share|"
                         r"percentage|amount|proportion|toll|budget)|(the|le) ((new|nouveau|"
                         r"current|actuel|final|old|former|average|moyen) )?(price|cost|prix|"
                         r"coût|budget)|l['’]ancien (prix|coût)|"
                         r"the [a-z]+ (?:price|cost) (?=(?:of|per|for|in)\b)|"
                         r"how (far|long is|high|tall)|quelle (distance|longueur|hauteur|"
                         r"superficie|population)|population of|habitants|inhabitants|"
                         r"quel (est|était) le (nombre|montant|taux|total|chiffre)|"
                         r"(what|which) (is|was) the ((minimum|maximum|minimal|maximal|exact|"
                         r"final|precise|definitive) )?(number|amount|rate|total)|"
                         r"(what|which) (is|was|are|were) the ((official|exact|latest|total|"
                         r"approximate|estimated|overall|combined) ){0,2}"
                         r"(figures?(?! of speech)|tally|count)|head ?counts?|"
                         r"(?:l['’]|les |leurs? |ses )effectifs?\b"
                         r"(?! (?:de la|du|des) (?:retrait|pouvoir|mise))|"
                         r"troop (strength|numbers)|"
                         r"taux d['’]\w+|\w+ rate|capacité|capacity|"
                         r"salaire|salary|quelle (capacité|taille)|what size|"
                         r"how (big|large))\b", re.I),
    "date": re.compile(r"\b(quand|when|quel jour|quelle date|"
                       r"what (?:exact |precise |calendar )?(day|date|year|month)|en quelle année|"
                       r"which (?:exact |precise )?(day|year|month)|"
                       r"depuis quand|since when|"
                       r"à quelle date|on what (exact |precise |calendar )?date|date de naissance|"
                       r"quelles? (?:sont|étaient|est|était) l(?:es|a) dates?|what (?:are|were|"
                       r"is|was) the (?:exact |precise )?dates?|"
                       r"date of birth|birthday|anniversaire)\b", re.I),
    # a year, a birth: a weekday ("samedi") does not answer it
    "year": re.compile(r"\b(en quelle année|(in )?(which|what) year|quelle année|année de "
                       r"naissance|date de naissance|date of birth|year of birth|(est|sont|"
                       r"était|is|was|were) (né|née|nés|born)|né en|née en|born in)\b", re.I),
    "person": re.compile(r"\b((?<!est-ce )(?<!ce )qui|who|whom|whose|quel (?:est|était|etait|"
                         r"fut) le nom|what (?:is|was) the (?:full |real |first |last )?name|"
                         r"which (general|commander|chief)|"
                         r"comment s['’]appel(?:le|lent|ait|aient)|"
                         r"what is .{1,30} called|quel (général|commandant|chef)|which "
                         r"(president|leader|minister|official|spokesman|spokeswoman|officer|"
                         r"diplomat|envoy|ambassador|analyst|expert|researcher|journalist|"
                         r"politician|person)|quel (président|dirigeant|ministre|responsable|"
                         r"porte-parole|officier|diplomate|envoyé|ambassadeur|analyste|expert|"
                         r"chercheur|journaliste|politicien|homme politique)|quelle (personne|"
                         r"personnalité|analyste|experte|chercheuse|journaliste|diplomate)|"
                         r"(?:which|what|quel|quelle|quels|quelles) (?:[\w-]+ )?(?:"
                         + _PEOPLE_NOUNS + r")s?)\b", re.I),
    # a body someone works for or belongs to: "Which think tank does X work for?"
    "org": re.compile(r"\b((which|what|for which|pour quel(le)?|quel(le)?s?) "
                      + _QUALIFIERS + r"(think[- ]?tanks?|(?:centre|groupe|cercle)s? de "
                      r"(?:réflexion|recherche)|"
                      r"universit(y|ies|é)|institutes?|instituts?|organi[sz]ations?|organisme|"
                      r"agen(cy|ce)|compan(y|ies)|entreprise|société|firm|(political )?part(y|i)|"
                      r"airlines?|compagnies? aériennes?|"
                      r"newspaper|journal|foundation|fondation|ngo|ong|bank|banque|"
                      r"(news )?agency|agence de presse)|"
                      r"(pour|for) (quelle|which) institution|"
                      r"which institution (does|did) [\w ]{1,40} work|"
                      # one someone belongs to (any institution may be asked: "avec le soutien
                      # de quelle institution" is answered by "du Sénat")
                      r"(which|what|quelle) institution ((is|was|est|était) [\w ]{1,40}|"
                      r"[\w ]{1,40} (est|était)-(il|elle) )"
                      r"(affiliated|affilié|affiliée|rattaché|rattachée|attaché|attachée)|"
                      r"(le|the) parti (politique )?(auquel|dont)|"
                      r"(political )?party (does|did) \w+)\b", re.I),
    # a body inside a body: "Quel organe de l'alliance a décidé ...?" (a council, a committee)
    # (of a body named: "quel organe est touché par la cirrhose ?" asks no council)
    "organ": re.compile(r"\b(?:(?:which|what|quel(?:le)?s?) " + _QUALIFIERS
                        + r"(?:organes?|organs?|bod(?:y|ies)) (?:de|du|des|d['’]|of)\b|"
                        r"(?:which|what) (?-i:[A-Z][\w-]+) bod(?:y|ies)\b)", re.I),
    # ... of a kind a body's name says: a party, a school
    "party": re.compile(r"\b((which|what|quel) " + _QUALIFIERS
                        + r"(party|parti)|(le|the) parti "
                        r"(politique )?(auquel|dont)|(political )?party (does|did) \w+)\b", re.I),
    # a base or an airport, by its name: "From which air base did ... take off?"
    "base": re.compile(r"\b(?:which|what|quel(?:le)?s?) (?:[\w-]+ )?(?:air ?bases?|"
                       r"bases? (?:aériennes?|militaires?|navales?)|military bases?|"
                       r"naval bases?)\b", re.I),
    "airport": re.compile(r"\b(?:which|what|quel(?:le)?s?) (?:[\w-]+ )?(?:airports?|"
                          r"aéroports?|aérodromes?|airfields?)\b", re.I),
    "school": re.compile(r"\b(which|what|quel(le)?|for which|pour quel(le)?|à quel(le)?) "
                         r"(universit(y|é)|school|école|college|collège|lycée|academy|académie)"
                         r"\b", re.I),
    # a military unit, by its name or number: "Quelle unité de parachutistes ...?" is not
    # answered by "des parachutistes ont été déployés" (not a unit of measure)
    "unit": re.compile(r"\b(?:quelle unité (?:de |d['’])?(?:parachutistes|soldats|troupes|"
                       r"militaire|l['’]armée|élite|forces)|(?:which|what) (?:[\w-]+ )?"
                       r"(?:military|army|paratroop(?:er)?|airborne|special[- ]forces|elite) "
                       r"units?|(?:which|what|quel(?:le)?) (?:[\w-]+ )?(?:régiment|regiment|"
                       r"bataillon|battalion|brigade))\b", re.I),
    # a time of day: "à quelle heure", "until what time"
    "hour": re.compile(r"\b((jusqu['’] ?)?à quelle heure|quelle heure|(at|until|till|by) what "
                       r"time|what time|(at|by) what hour)\b", re.I),
    "calendar": re.compile(r"\b(quelle date|what (?:calendar )?date|à quelle date|"
                           r"on what (exact |precise |calendar )?date|which date)\b", re.I),
    # a military rank: "le général de division", "colonel"
    "rank": re.compile(r"\b(grade militaire|quel (?:est|était) son grade|rang militaire|"
                       r"military rank|what (?:military )?rank (?:did|does) [\w' -]{1,40} "
                       r"hold)\b", re.I),
    # someone's nationality: a demonym said of him ("le général biélorusse"), not a country
    "nationality": re.compile(r"\b(nationalit(y|é)|citizenship|citoyenneté)\b", re.I),
    # a country or a nationality: "le Premier ministre arménien" (countries.py)
    # ... with a qualifier ("which neighbouring country", "which major power", "quelle grande
    # puissance")
    "country": re.compile(r"\b(quels? (?:autres? )?pays|(?:which|what) (?:" + _NATION_QUALIFIERS
                          + r"){0,2}(?:countr(?:y|ies)|nations?)|which (?:" + _NATION_QUALIFIERS
                          + r"){1,2}powers?(?!\s+(?:plants?|stations?|grids?|lines?|suppl))|"
                          r"what (?:" + _NATION_QUALIFIERS
                          + r"){1,2}(?:powers?(?!\s+(?:plants?|stations?|grids?|lines?|suppl))|"
                          r"nations?)|quel(?:le)?s? (?:autres? |grandes? )"
                          r"(?:puissances?|nations?)|quel(?:le)?s? (?:puissances?|nations?) "
                          r"(?:étrangère|régionale|mondiale|occidentale|orientale|voisine|alliée|ennemie|"
                          r"rivale|coloniale|asiatique|européenne|africaine|américaine)s?)\b",
                          re.I),
    # a part of a country ("In which region of Kazakhstan ...?"): the country is no answer
    # ("which part of Europe" may be "Europe orientale")
    "region": re.compile(r"\b((?:which|what) (?:region|province|district|oblast)s? "
                         r"(?:of|in)|quelles? (?:régions?|provinces?|oblasts?) "
                         r"(?:du|de|d['’]))", re.I),
    "city": re.compile(r"\b(dans quelles? (autres? )?(?:villes?|localités?)|quelles? (autres? )?"
                       r"(?:villes?|localités?)|which "
                       r"(other )?(city|cities|towns?)|in which (other )?(city|cities|towns?)|"
                       r"what (other )?(city|cities|towns?)|"
                       # ... of a country, or of a size: "Through which Russian city ...?"
                       # (b26_023), "which Uzbek city", "what major city"
                       r"(?:which|what) (?:other )?(?!(?:is|was|are|were|did|does|do|has|have|"
                       r"had|the|a|an|this|that|its)\b)[a-z]+ (?:city|cities|towns?))\b", re.I),
    "place": re.compile(r"\b(où|where|dans quelles? villes?|in which (city|cities|towns?|"
                        r"country)|which (city|cities|towns?|country|countries|region)|quels? "
                        r"pays|quelles? villes?|quelle région|(?:in|at|into|from|to|dans|"
                        r"à|en|de|depuis) (?:which|what|quel|quelle|quels|quelles) (?:[\w-]+ )?"
                        r"(?:prisons?|galler(?:y|ies)|galeries?|hospitals?|hôpital|stadium|stade|church|église|cathedral|"
                        r"cathédrale|museum|musée|theat(?:re|er)|théâtre|castle|château|palace|"
                        r"palais|islands?|îles?|provinces?|départements?|"
                        r"villages?|district|neighbou?rhood|quartier|street|rue|port|airport|"
                        r"aéroport|river|rivière|fleuve|mountains?|montagnes?|valley|vallée|"
                        r"county|comté|abbey|abbaye|monaster(?:y|e)|temple|cemetery|"
                        r"cimetière))\b", re.I),
}
_YEAR = re.compile(r"\b(1[0-9]\d\d|20\d\d)\b")
_CAPITAL = re.compile(r"\b[A-ZÀ-Ý][\wÀ-ÿ'’-]+")

# Words that start a question or are generic titles: capitalised, yet not the question's focus.
_NOT_FOCUS = frozenset(fold(w) for w in """
    qui que quoi quel quelle quels quelles combien comment pourquoi quand où ou est-ce selon
    who what which when where why how whom whose did does do is are was were according the a an
    in on at of for to le la les un une des du de en au aux et dans pour par sur
    président president presidents premier prime ministre minister ministres ministers porte
    parole spokesman spokeswoman union européenne european secrétaire secretary général general
    chef head leader dirigeant dirigeants affaires étrangères foreign affairs état state states
    etats unis united nations ue eu république republique republic summarize résume résumez
    résumer tell explain explique
    décris describe liste list donne give nationalité nationality
""".split())



@dataclass(frozen=True, slots=True)
class QuestionInfo:
    text: str
    lang: str
    asks: tuple[str, ...]
    focus: tuple[str, ...]  # folded names the answer must be about
    measure: tuple[str, ...] = ()  # what a count or amount is of ("habitants"), as word prefixes
    summary: bool = False  # "Résume les articles ...": no one thing, a sentence per document
    role: tuple[str, ...] = ()  # the role a person is asked by ("président"), as word prefixes
    portfolio: tuple[str, ...] = ()  # a minister's portfolio ("Défense"), as word prefixes
    event: re.Pattern[str] | None = None  # the end or departure a when-question dates
    succession: bool = False  # "Who replaced X ?": a sentence must say someone took over
    given: frozenset[str] = frozenset()  # the question's own figures ("the three explosions")
    # the month and year the question is pinned to ("novembre 2022": "m:11", "y:2022"); some
    # passage must mention both
    when: frozenset[str] = frozenset()
    # countries whose people or doings are counted ("kirghizes", "funded by France"), as codes
    nation: frozenset[str] = frozenset()
    fate: frozenset[str] = frozenset()  # what befell those counted: "dead", "convicted" ...
    # the country the role asked is of ("the US ambassador": US), as codes
    role_nation: frozenset[str] = frozenset()
    exact: bool = False  # "combien exactement": a range or a rough figure does not answer
    names: tuple[str, ...] = ()  # who is asked about, every part of the name ("yuri", "kirilenko")
    # countries the question asks about as actors ("Comment l'Ouzbékistan a-t-il réagi ?",
    # "le gouvernement turc"), as codes: sources that never name one cannot answer
    actors: frozenset[str] = frozenset()
    # the focus names that sources must name to say anything about them: a person's full name
    # ("Jens Stoltenberg"), a country; not a word like "Balkan" or "GPL" that they may put
    # otherwise
    named: tuple[str, ...] = ()
    # a role asked as newly taken ("the new prime minister"): a sentence must say someone was
    # appointed or took it, not that someone held it before ("l'ancien Premier ministre")
    new_role: bool = False
    # who held an office before or after someone ("Which country took over the CSTO's
    # presidency after Armenia?"): a sentence must say who came before or after
    order: bool = False
    # "à quelle date précise": a day of the month, not "en juillet 2022"
    exact_day: bool = False
    # "according to the photo caption": a caption may answer
    caption: bool = False
    # "Quel âge avait-il lorsqu'il a cédé la présidence ?": an age at an event ("à l'âge de
    # 78 ans"), not the age the sources give him now ("âgé de 81 ans")
    age_at: bool = False
    # "What caused the explosions?", "Pourquoi ...": a cause or a reason (sources that say it is
    # not known do not answer: `extractive._said_unknown`)
    cause: bool = False
    # an ordinal the question pins ("the second round of talks", "la troisième série"), as
    # numbers: a sentence on the first round does not say where the second is held
    ordinal: frozenset[int] = frozenset()
    # "Which country sent the largest contingent?", "la plus grande ville": a sentence that
    # ranks (`holds.SUPERLATIVE`), not one that names a contingent
    superlative: bool = False
    # "l'École libre des sciences politiques": what qualifies a capitalised common noun, as
    # folded words; a sentence must hold half of them ("une école de médecine" is another one)
    qualifiers: tuple[str, ...] = ()
    # the initials the counted noun phrase may be written as ("organisations non
    # gouvernementales": "ong"), folded: "38 000 ONG" counts them
    acronyms: frozenset[str] = frozenset()
    # "officially confirmed", "le bilan officiel": a figure someone gave, not an order of size
    # ("des dizaines de personnes ont été tuées" is no official toll)
    official: bool = False
    # "au total", "in total": the whole count, which an order of size ("des dizaines de
    # morts") does not give (b55_026, b2_032)
    total: bool = False
    # the kinds of bodies a figure is asked of, in the plural ("les agences américaines"):
    # a sentence must name them (`collectives`)
    collective: frozenset[str] = frozenset()
    # "À quelle date l'état d'urgence a-t-il été décrété ?": when something began, which a
    # date it holds until ("jusqu'au 19 janvier") does not say
    start_asked: bool = False
    # "le dernier à arriver", "the last to send troops": a sentence must tell an order of coming
    # last (`evidence._LAST_SAID`)
    last_to: bool = False
    # "le premier à dire", "the first to say": a sentence must tell who came first
    # (`evidence._FIRST_SAID`; traps_study55 t55_037, t55_038)
    first_to: bool = False
    # a yes/no question comparing two named sides: a sentence must name both
    compared: bool = False
    # why someone refused: a sentence must tell a refusal, what was not done, or a reason
    refusal: bool = False
    # who is asked to have reacted ("How did the Ukrainian government react ...?"), as groups of
    # words a sentence must name them by, one of each (`reactions.reactor`)
    reactor: tuple[tuple[str, ...], ...] = ()
    # whose deed or words the reaction asked is to ("répondu à la remarque de Blinken"),
    # folded: a sentence must name one of them, or the one before it
    reacted_to: tuple[str, ...] = ()
    # the names the question credits its answer to ("According to Josep Borrell, how many
    # ...?"), folded: a sentence crediting another ("selon l'agence RIA") does not say it
    source: tuple[str, ...] = ()
    # the rank a superlative is asked at ("Kazakhstan's second-largest city": 2): a sentence on
    # the largest one does not say which comes second
    ranked: int = 0
    # the names of what a where-question locates ("Dans quelle région se trouvent Zhanaozen et
    # Aktau ?"), folded: a sentence naming none of them does not say where they are
    located: tuple[str, ...] = ()
    # "What percentage of ...?": a sentence must give one ("%", "pour cent"); "85 ONG" is none
    percent: bool = False
    # "How did X compare with Y?": a sentence must compare ("par rapport à 2019", "plus
    # violentes", "fell by 12%")
    how_compared: bool = False
    # the noun a superlative ranks ("la plus importante minorité": "minorite"), folded: a
    # sentence in the question's language ranking something else ("le plus haut diplomate")
    # does not say it
    superlative_of: tuple[str, ...] = ()
    # "the acting president", "le Premier ministre par intérim": a sentence must say the role
    # is held so, not name who holds it outright
    interim: bool = False
    # the thing whose name is asked ("Comment s'appelle la place principale ?": "place"),
    # folded: a sentence naming that thing gives its name beside it
    thing: str = ""
    # the verb whose doer is asked ("Which agency arrested Karim Massimov?"), as keys in both
    # languages: a sentence telling the act in the passive with no doer does not say
    agent_asked: frozenset[str] = frozenset()
    # whom the question asks to have said something, by full name ("What did President Joe
    # Biden say ...?", "Pourquoi Jen Psaki a-t-elle affirmé ...?"), folded: a sentence crediting
    # its words to others by name does not tell what he said (`speakers`)
    speaker: tuple[str, ...] = ()
    # the international body a title asked belongs to ("What did NATO's secretary general
    # say ...?": NATO), as codes: the CSTO's secretary general is another (`bodies`)
    role_body: frozenset[str] = frozenset()
    # the figures a question gives that does not ask one ("Which organisations received the
    # USD 750,000 ...?"), as anchor keys, years and small numbers left out: a sentence, or the
    # one before, must give one of them
    figures: frozenset[str] = frozenset()
    # the verb of the deed a yes/no question asks about, and the language it is read in
    # ("conserve", "fr"): a sentence must tell that deed (`yes_no`)
    deed: tuple[str, str] = ("", "")
    # the term whose meaning is asked, and its acronym ("What does the acronym RIA stand
    # for?"): a sentence must spell it out or gloss it (`meanings`)
    meaning: tuple[str, str] = ("", "")
    # the kind of place or medium asked by its noun ("In which hotel ...?", "Dans quel journal
    # ...?"): a sentence must name a thing of that kind (`venues`)
    venue: str = ""
    # "If X had not ..., how would ...?": a sentence must say what would have been
    # (`hypothetical`)
    counterfactual: bool = False
    # "Which source gave the figure ...?", "De quelle source provient le bilan ...?": a
    # sentence must credit what it says to someone
    source_asked: bool = False
    # "Who took the photograph ...?", "Quel journaliste a signé l'article ...?": a sentence
    # must credit an author or a picture (`bylines`)
    byline: bool = False
    # "À quelle heure l'article ... a-t-il été publié ?": the page's credit line answers
    published: bool = False
    # "What conditions did the agreement lay down?", "Que stipulent les accords ...?": a
    # sentence must say what the document provides (`provisions`)
    provisions: bool = False
    # the days of the week the question pins what it asks to ("on Friday": 5): a sentence, or
    # the one before, must name one (`weekdays`)
    days: frozenset[int] = frozenset()
    # ... and the (day, month) dates it gives beside them ("on Friday 7 January"): a sentence
    # naming that date names the day too
    day_dates: frozenset[tuple[int, int]] = frozenset()
    # a particular asked by its noun ("In what language ...?", "How often ...?", "Par quel
    # itinéraire ...?", "What evidence ...?"): a sentence must state one (`particulars`)
    particular: str = ""
    # the towns the question puts what it asks in by name ("les habitants d'Aktobe", "in
    # Aktobe"), folded: sources in its language that never name one cannot tell what happened
    # there (`extractive._focus_retrieved`; across languages a town's name may be another)
    places: tuple[str, ...] = ()
    # the deeds the question tells as done ("when they attacked", "ont-ils sabotés"), as stems:
    # a sentence naming them only as a risk does not say they happened (`presupposed`)
    done: frozenset[str] = frozenset()
    # a plain yes/no question's verb, words said included ("Did Armenia confirm ...?":
    # ("confirm", "en")): the writer says yes or no where its sentence tells it (`polarity`)
    polar: tuple[str, str] = ("", "")
    # a bound asked of a figure ("the minimum amount": "min"): figures given only bounded the
    # other way ("jusqu'à 61 millions") do not answer (`bound_asked`)
    bound: str = ""
    # the day something ended asked ("When was the state of emergency lifted?"): a date the
    # sources give only as the term it was set to run until does not answer (`planned_end`)
    end: bool = False
    # who said a thing asked ("Who had suggested that ...?"): a sentence that tells the
    # words as nobody's ("les suggestions selon lesquelles") does not answer (`claim_authors`)
    author: bool = False
    # the name whose full form is asked ("What is the full name of 'Walt'?", "le nom complet
    # de « Walt »"), folded: another person's full name does not answer (t57_039/040)
    name_of: str = ""
    # the name others are asked besides ("Apart from the Baikonur cosmodrome, which other
    # sites ...?"), folded: a sentence naming only it does not answer (`exclusions`)
    excluded: str = ""
    # a figure asked as it finally stood ("le nombre définitif"): one given so far ("au
    # moins 13", "a déjà fait") does not answer (`provisional`)
    final: bool = False
    # "over the past decade", "depuis sa création": a figure of one year does not answer
    # (`spans`)
    span: bool = False
    # the event a date is asked of, by kind ("When did ... hold their summit?": "summit"): a
    # day that names another event ("la rencontre de lundi") is not its date (`event_dates`)
    dated_event: str = ""
    # the occasion a date is asked of ("gain its independence"): a sentence, or the one before,
    # must name it (`event_dates.occasion_asked`)
    occasion: str = ""
    # the factors of change the question gives ("a-t-il triplé": 3): a sentence, or the one
    # before, must give one of them (`factors`)
    factors: frozenset[int] = frozenset()
    # what a "by how much" question asks the change of ("raise young people's engagement"),
    # as keys: a sentence, or the one before, must name it (`levels.changed_thing`)
    changed: frozenset[str] = frozenset()


# "le dernier à arriver", "the last to send troops": asked of a sentence that tells an order of
# coming last (who came first, or a list of members, is no answer)
_LAST_ASKED = re.compile(r"(?i)\b(?:(?:le|la|les) derni(?:er|ère)s? à|the last (?:(?:one|country|"
                         r"member|state|nation|ally|army|force|group|unit)s? )?to)\b")
_FIRST_ASKED = re.compile(r"(?i)\b(?:(?:le|la|les) premi(?:er|ère)s? (?:(?:pays|membres?|"
                          r"États?|hommes?|femmes?|dirigeants?|responsables?|groupes?|"
                          r"personnes?|politiques?|unités?|nations?|villes?)"
                          # (and one adjective: "le premier dirigeant étranger à")
                          r"(?: [a-zà-ÿ]++)? )?à|the first (?:(?:[a-z]++ )?(?:one|"
                          r"country|member|state|nation|official|person|man|woman|leader|"
                          r"politician|group|unit|city)s? )?to|"
                          # "Quel pays a exercé le premier la présidence ?"
                          r"(?:a|ont|avait|avaient)(?:-t-\w+)?\s+\w+\s+(?:le|la|les)\s+"
                          r"premi(?:er|ère)s?\s+(?=(?:la|le|les|l['’]|des|du|à|au|aux|un|une|"
                          r"ce|cette|ses|sa|son)\b))")
# A yes/no question comparing two named sides: "Were more people killed in Almaty than in
# Zhanaozen?", "L'Arménie a-t-elle envoyé plus de soldats que le Tadjikistan ?"
_COMPARISON_ASKED = re.compile(
    r"(?i)\b(?:more|fewer|less|larger|bigger|smaller|higher|lower|greater)\b(?:\s+[\w-]+){0,4}"
    r"?\s+than\b|\b(?:plus|moins)\s+(?:de\s+|d['’])?(?!(?:tard|tôt|jamais|encore|rien|"
    r"personne|guère)\b)[\w-]+(?:\s+[\w-]+){0,2}?\s+qu(?:e\b|['’])|"
    r"\bdavantage\b(?:\s+[\w-]+){0,6}?\s+qu(?:e\b|['’])")
# "How did US aid in 2020 compare with the previous year?", "Comment l'aide a-t-elle évolué
# par rapport à l'année précédente ?": a sentence giving one side compares nothing
_HOW_COMPARED = re.compile(r"(?i)^\s*(?:how|comment)\b[^?]{0,160}?\b(?:compar(?:e|es|ed) "
                           r"(?:with|to)|compar[ée]e?s? (?:à|a|avec|au|aux)|(?:évolu|compar)"
                           r"\w*[^?]{0,40}?par rapport (?:à|a|au|aux))\b")
COMPARISON = _COMPARISON_ASKED  # ... and said so in a sentence
# ... asked yes or no: an auxiliary first, "Est-ce que", or a subject inverted with no
# question word before it ("L'Arménie a-t-elle ...?"; not "Quel club a remporté plus de titres
# que l'Inter ?", which asks for one)
_YES_NO = re.compile(
    r"(?i)^\s*(?:(?:did|does|do|was|were|is|are|has|have|had|will|would|can|could)\b|"
    r"est-ce qu|(?!(?:à|au|aux|de|du|des|dans|en|pour|par|selon|avec|contre|sur|chez|lors)\b)"
    # (a relative after a preposition is the subject's: "L'accord sur lequel repose
    # l'intervention a-t-il été ratifié ?", t58_036)
    r"(?:(?!\b(?:qui|que|qu['’]|quoi|quel\w*|(?<!sur )(?<!dans )(?<!par )(?<!pour )(?<!avec )"
    r"(?<!selon )(?:lequel|laquelle|lesquel\w*)|combien|comment|"
    r"pourquoi|quand|où)\b)[^?]){0,120}?-(?:t-)?(?:il|elle|ils|elles)\b)")
# Why someone refused: a sentence that tells a refusal, or says what was not done ("ne
# désirant pas se séparer ..."); "La Biélorussie a déployé un groupe" tells why none refused
_REFUSAL_ASKED = re.compile(r"(?i)\b(?:refus\w*|reject\w*|rejet\w*|declin(?:e|ed|es|ing) to|"
                            r"turn(?:ed|s)? down)\b")


# Common nouns a French name is made of, capitalised, with lowercase words qualifying them:
# "l'École libre des sciences politiques", "la bataille d'Hernani" (a name: no qualifier).
_HEAD_NOUNS = frozenset(fold(w) for w in """
école université institut musée hôtel bataille guerre église cathédrale basilique abbaye
château parti lycée collège académie société compagnie banque fondation festival prix coupe
championnat théâtre palais pont tour gare aéroport île lac mont fleuve canal forêt parc
jardin stade opéra orchestre ligue fédération association république royaume empire comité
commission agence hôpital observatoire bibliothèque conservatoire assemblée cour tribunal
""".split())
_QUALIFIED = re.compile(r"(?<![\w’'])(?:[LlDd]['’])?([A-ZÀ-Ý][a-zà-ÿ]+)"
                        r"((?:\s+[a-zà-ÿ-]+(?:['’][a-zà-ÿ-]+)?(?![\w'’])){1,8})")
_NOT_QUALIFIER = re.compile(r"(?:a|ont|est|sont|était|étaient|fut|furent|se|s['’]\w*|qui|que|"
                            r"qu['’]\w*|dont|où|il|elle|ils|elles|été|avait|avaient|peut|"
                            r"doit|va|vont|\w*-t-\w*|\w+-(?:il|elle|ils|elles))")
# a conjugated verb or a participle that ends the name ("la Cour rendra sa décision", "la
# Commission présidée par X", "l'Université accueille")
_VERB_LIKE = re.compile(r"\w+(?:ra|ront|rait|raient|ait|aient|ee|ees)")
_QUALIFIER_GLUE = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "et", "en",
                             "sur", "aux", "au"})
QUALIFIERS_MOST = 4


def _qualifiers(question: str, lang: str) -> tuple[str, ...]:
    """The lowercase words after a capitalised head noun (`_HEAD_NOUNS`) in a French question,
    up to the verb: "l'École libre des sciences politiques a-t-elle" -> libre, sciences,
    politiques. None for a body with other names (the OTSC) or a head named by a name."""
    if lang != "fr":
        return ()
    for m in _QUALIFIED.finditer(question):
        if m.start() == 0 or fold(m.group(1)) not in _HEAD_NOUNS or bodies_at(m.group(0)):
            continue
        out: list[str] = []
        for w in m.group(2).split():
            bare = re.split(r"['’]", w)[-1]
            if _NOT_QUALIFIER.fullmatch(w) or not bare or _VERB_LIKE.fullmatch(fold(bare)):
                break
            if fold(bare) in _QUALIFIER_GLUE or len(bare) < 4 or fold(bare) in STOPWORDS:
                continue
            out.append(fold(bare))
            if len(out) == QUALIFIERS_MOST:
                break
        if out:
            return tuple(out)
    return ()


_ATTRIBUTION = re.compile(
    r"^\s*(selon|d['’]après|d['’]apres|according to|as reported by|cité par)\s+[^,?]{1,80},\s*",
    re.I)
# A lead-in before the question word: "Reading the Reuters/AP-based article, what ...",
# "Dans l'article du Monde, quel ..."
_LEAD_IN = re.compile(r"^\s*[^,?]{1,80},\s*(?=(?:which|what|where|when|why|how|"
                      r"quel(?:le)?s?|où|quand|combien|comment|pourquoi)\b)", re.I)
# (not "who", "qui": "Tokaïev, qui ..., a-t-il limogé ... ?" opens on its subject)
_RELATIVE = re.compile(r"(?<=\w),\s*(?:who|whom|whose|qui|dont)\b.*", re.I | re.S)
_ATTRIBUTED = re.compile(r"\b(selon|d['’]après|according to|(?:cit|mentionn)ée?s? par|cited by|"
                         r"quoted by|mentioned by|said by)\s+"
                         r"((?:l['’]|le |la |les |the |an? )?[\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+)*)",
                         re.I)


# "Marie Dumoulin is quoted as an analyst - which think tank does she work for?", "L'OTSC,
# elle a été créée en quelle année ?": what is asked follows the context set before it
_ASK_AFTER = re.compile(
    r"^[^?]{3,120}?(?:\s[-–—]\s|:\s|;\s)(?=(?i:which|what|who|whom|where|when|how|why|"
    r"quel(?:le)?s?|qui|où|quand|combien|comment|pourquoi|on what|in which|for which|at what|"
    r"dans quel(?:le)?s?|en quel(?:le)?|pour quel(?:le)?s?|à quel(?:le)?s?)\b)"
    r"|^(?!(?i:[^,?]*\b(?:qui|que|quoi|quel(?:le)?s?|combien|comment|pourquoi|quand|où|"
    r"which|what|who|whom|whose|where|when|how|why)\b))[^,?]{2,60},\s*"
    r"(?=(?:il|elle|ils|elles)\s)")


def _head(question: str) -> str:
    """The question's own words: a leading "Selon X," is attribution, and a "when" deep in a
    clause is a subordinator, not what is asked."""
    # (a line break typed inside a question, "Combien de soldats\nla Russie ... ?", ends no
    # sentence: the widget's Shift+Enter)
    rest = _ATTRIBUTION.sub("", " ".join(question.split()))
    lead = _LEAD_IN.match(rest)
    if lead and not _WH.search(lead.group()):  # "Reading the Reuters article, what set off"
        rest = rest[lead.end():]
    rest = _ASK_AFTER.sub("", rest)
    # ... and ", who commented ..." is a relative clause about the focus: "Which think tank
    # employs Marie Dumoulin, who ...?" asks a body, not a person
    rest = _RELATIVE.sub("", rest)
    # "The unrest started when ... objected to X. Which other town?": the last sentence asks;
    # "Marie Dumoulin is a programme director at which think tank?": the ask comes late
    # (sentences as the corpus is split: "M. Tokaïev", "Mr. Putin", "U.S." end none)
    sentences = split_sentences(rest) if len(rest) <= _MAX_SPLIT else []
    asked = [s for s in sentences if s.text.rstrip().endswith("?")]
    if len(sentences) > 1 and asked:  # ... or the first: "What is X's job? He is quoted ..."
        rest = asked[-1].text
    elif not _WH.search(" ".join(rest.split()[:7])) and (late := _WH.search(rest)):
        rest = rest[late.start():]
    return " ".join(rest.split()[:7])


_IN_CAPACITY = re.compile(r"(?i)\b(?:in|en) (?:his|her|its|their|my|your|our|sa|leur) "
                          r"(?:capacity|capacité|qualité)\b")
_MAX_SPLIT = 2_000  # a question's length (longer text is read from its start)
# the focus names a question gives, the first ones kept: each is looked for in every word of
# every sentence retrieved, and "à Xxxxx" 220 times in 2,000 characters cost 2-5 s an /ask
# (review 51 F3); no question of the sets names more than 8
FOCUS_MOST = 16
_WH = re.compile(r"(?i)\b(?:qu['’]est-ce qu[ie]|which|what|who|whom|whose|where|when|how|"
                 r"quel(?:le)?s?|qui|où|quand|combien|comment|quoi|pourquoi|why|lequel|"
                 r"laquelle|lesquel(?:le)?s)\b")


# "What prison sentence did he receive?", "À quelle peine ...": a term, asked as a duration
_SENTENCE_ASKED = re.compile(r"(?i)\b(?:what|which|quelle)\s+(?:(?:prison|jail)\s+)?"
                             r"(?:sentence|peine)(?:\s+de\s+prison)?\b(?!\s+(?:of|du|de la|des)\b)|"
                             r"\b(?:condamn\w*|sentenced)\s+(?:à|to)\s+(?:combien|how\s+(?:long|many))")
# "How long did the phone conversation between Putin and Tokayev last?": a duration (a figure
# or "as long as needed", "jusqu'au 19 janvier"; not "une «longue» conversation")
_HOW_LONG = re.compile(r"(?i)^\s*(?:for )?how long (?:did|does|do|has|have|had|will|would|was|"
                       r"were)\b[^?]{0,80}\b(?:last|lasted|take|took|stay|stayed|remain|"
                       r"remained|run|ran|go on|reign|reigned|live|lived)\b|"
                       # ... or of a trip, a stay or a stoppage ("How long was the flight ...?",
                       # t61_017; not "How long was the border?", a length)
                       # (the noun ends its phrase: not "the flight deck", "the ceasefire
                       # line"; nor measured in length: "in kilometres", diff review 58)
                       r"^\s*how long (?:was|were|will be) (?:the|its|their|his|her|this|"
                       r"that) (?:[\w-]+ )?(?:flights?|journeys?|trips?|drives?|ride|voyages?|"
                       r"crossings?|transits?|visits?|stays?|meetings?|calls?|conversations?|"
                       r"speech|siege|strikes?|blockade|shutdown|outage|blackout|curfew|"
                       r"lockdown|ceasefire|truce|occupation|reign|deployment|mission|"
                       r"interruption|delay|wait|detention|talks)(?!\s+of\s+stairs)"
                       r"(?=\s*(?:\?|,|$|(?:of|from|to|"
                       r"between|in|at|with|by|on|for|during|that|which|over|across)\b))"
                       r"(?![^?]{0,120}?\b(?:kilomet\w*|km|miles?|met(?:er|re)s?|feet|pages?|"
                       r"words)\b)")
# the number a thing bears, not a count ("the number of the resolution", "its flight number")
_IDENTIFIER_ASKED = re.compile(
    r"(?i)\bnumber\s+of\s+(?:the|this|that|its|their|his|her)\s+(?:[\w-]+\s+)?(?:resolution|"
    r"decree|law|bill|flight|treaty|article|amendment|executive\s+order|regiment|division|"
    r"brigade|squadron|battalion|route|road|highway|bus|train|house|room|seat|jersey|shirt|"
    r"plate|passport|ordinance|directive|regulation|motion|platform|gate|chapter|verse|opus|"
    r"symphony|edition)\b(?!\s+(?:enforcement|schools?|firms?|students?|officers?|"
    r"members?|passengers?|casualties|victims|seats|pages)\b)")
# ... in French ("Combien de temps dure le mandat ...?", "Pendant combien de temps ...?"; not
# "En combien de temps ...?", the time something took, a quantity)
HOW_LONG_FR = re.compile(r"(?i)^\s*(?:pendant\s+|depuis\s+)?combien\s+de\s+temps\b")
# Ordinals by number, in both languages ("la Seconde Guerre mondiale" is the second one)
_ORDINALS = {2: r"second|seconde|secondes|deuxième|deuxieme|2nd|2e|2ème|2eme",
             3: r"third|troisième|troisieme|3rd|3e|3ème|3eme",
             4: r"fourth|quatrième|quatrieme|4th|4e|4ème|4eme",
             5: r"fifth|cinquième|cinquieme|5th|5e|5ème|5eme"}
_ROMAN = {2: "II", 3: "III", 4: "IV", 5: "V"}  # "World War II" is the second
_ORDINAL_RX = {n: re.compile(rf"(?i)\b(?:{rx})\b|\b(?-i:{_ROMAN[n]})\b")
               for n, rx in _ORDINALS.items()}
# ... and a second time said as "again": "il divise à nouveau son salaire"
_ORDINAL_RX[2] = re.compile(rf"(?i)\b(?:{_ORDINALS[2]}|à nouveau|de nouveau|une nouvelle fois|"
                            r"again|once more)\b|\b(?-i:II)\b")
_ARTICLE_ORDINAL = {n: re.compile(rf"(?i)\b(?:the|its|their|his|her|la|le|les|l['’]|sa|son|"
                                  rf"ses|leur)\s+(?:{rx})\b")  # not "a second", "une seconde"
                    for n, rx in _ORDINALS.items()}


def ordinals(text: str, after_article: bool = False) -> frozenset[int]:
    """The ordinals `text` names ("second", "troisième", "3e"); in a question, only after an
    article ("the second round", not "how many seconds")."""
    table = _ARTICLE_ORDINAL if after_article else _ORDINAL_RX
    return frozenset(n for n, rx in table.items() if rx.search(text))


_WHY_OPENS = re.compile(r"(?i)^\s*(?:why|pourquoi|pour quelles? (?:raisons?|motifs?)|for what "
                        r"reasons?)\b")
_HOW_MANY = re.compile(r"(?i)\b(?:combien|how (?:many|much))\b")
_BODY_WORDS = frozenset("""ministry ministere agency agence office bureau council conseil committee
    comite institute institut university universite department departement service news press
    presse times post journal international watch house news radio guardian welle monde
    figaro liberation express tribune herald mail telegraph observer europe free""".split())


_SPLIT_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3}), (\d{3})(?![\d,])")
# a number that names rather than counts: "Boeing 737", "Flight 752", "PS752", "the
# 828-metre tower" (a currency's code before a sum is kept: "USD 750,000")
# (a name from its word's start, read once: from each capital of "Aa’Aa’..." it was read to the
# end, quadratic, 1.3 s at 16,000 characters; review 57, N3. After an apostrophe a name
# starts anew: "l’Article 5" keeps "Article")
_NAMED_NUMBER = re.compile(r"(?<![\w-])([A-ZÀ-Ý][\w-]*+)\s+\d[\d.,]*\b|\b[A-Z]+\d+\b|"
                           r"\b\d+-(?=[a-zà-ÿ])")
_CURRENCY_CODES = frozenset("USD EUR GBP CHF JPY CNY RUB US CA AU".split())


def _without_identifiers(question: str) -> str:
    return _NAMED_NUMBER.sub(lambda m: m.group(0) if m.group(1) in _CURRENCY_CODES
                             else (m.group(1) or "") + " ", question)


FIGURE_LEAST = 100  # "the three explosions", "the 2 leaders" are no figure to find again


def _figures_given(question: str) -> frozenset[str]:
    """The keys of each figure of FIGURE_LEAST or more the question gives, but years ("54,
    435 copies", a translation's thousands, is read as 54435)."""
    out: set[str] = set()
    for a in claim_anchors(_without_identifiers(_SPLIT_THOUSANDS.sub(r"\1\2", question))):
        if a.kind != "number":
            continue
        values = [float(k[2:]) for k in a.keys if re.fullmatch(r"n:\d+(?:\.\d+)?", k)]
        if values and max(values) >= FIGURE_LEAST and not any(
                1000 <= v <= 2100 and v == int(v) for v in values):
            out |= a.keys
    return frozenset(out)


def _credited_person(question: str) -> tuple[str, ...]:
    """The parts of a person's full name the question credits its answer to ("According to
    Josep Borrell"), folded; not a body or a report ("the AubeDigitale report", "l'ICNL", "le
    Kremlin"), which sources may not name beside what they say."""
    for m in _ATTRIBUTED.finditer(question):
        words = m.group(2).split()
        if re.match(r"(?i)(?:l['’]|le |la |les |the |an? )", m.group(2)):
            continue  # "Le Monde", "the Guardian": a title, not a person
        if len(words) >= 2 and all(w[:1].isupper() and not w.isupper()
                                   and fold(w) not in _BODY_WORDS for w in words):
            return tuple(fold_name(w) for w in words)
    return ()


# "Où se trouve X ?", "Dans quelle région se trouvent X et Y ?", "Where is X located?"
_LOCATED = (re.compile(r"(?i)\b(?:se trouv\w*|(?:est|sont|était|étaient) situé\w*)\s+([^?]{1,80})"),
            re.compile(r"(?i)\b(?:is|are|was|were)\s+(\S[^?]{0,79}?)\s+(?:located|situated)\b"))
_NAME_WORD = re.compile(r"(?<![\w’'-])([A-ZÀ-Ý][\w’'-]*)")


def _located(question: str) -> tuple[str, ...]:
    """The names of what a where-question locates, folded: no country (the question's own
    frame), no acronym (sources spell a body out: "Organisation du traité ...")."""
    for pattern in _LOCATED:
        if m := pattern.search(question):
            names = [fold_name(w) for w in _NAME_WORD.findall(m.group(1))
                     if not w.isupper() and not is_country(fold(w)) and not is_people(fold(w))]
            return tuple(n for n in names if len(n) >= 3 and n not in STOPWORDS)
    return ()


_TITLE_ASKED = re.compile(r"(?i)^\s*(?:comment s['’]intitul\w*|(?:quel est le (?:titre|intitulé)|"
                          r"what (?:is|was) the title) (?:de|du|des|d['’]|of)\s*(?:(?:la|le|les|"
                          r"son|sa|ses|ce|cette|his|her|its|their|the|this)\s+|l['’])?"
                          r"(?:livre|rapport|roman|film|chanson|album|article|ouvrage|book|report|"
                          r"novel|song|paper|study|étude|document|pièce|play|poème|poem|série|"
                          r"series|émission|show|accord|traité|loi|texte|agreement|treaty|law|"
                          r"exposition|exhibition|thèse|thesis|œuvre|work|tableau|painting)|"
                          r"(?:how|what) (?:is|was) \S[^?]{0,59}?(?:titled|entitled))\b")
_PERCENT_ASKED = re.compile(r"(?i)\b(?:percentages?|pourcentages?|per ?cent|pour ?cent|"
                            r"proportion|what share|quelle part|what fraction|quelle fraction)\b|%")
# the source of a figure or a report asked: "Which source gave the figure of ...?", "De quelle
# source provient le bilan ...?", "Who gave the toll ...?"
_SOURCE_ASKED = re.compile(r"(?i)\b(?:(?:which|what) (?:source|sources)\b|(?:de|selon) quelles? "
                           r"sources?\b|who (?:gave|provided|reported) the (?:figure|toll|"
                           r"estimate|number)|qui a (?:donné|fourni|avancé) (?:le|ce) "
                           r"(?:chiffre|bilan))(?!\s+(?:of|d['’]|de|du|des)\b)")
_INTERIM = re.compile(r"(?i)\b(?:acting|interim|intérim\w*|caretaker|provisoire|temporaire|"
                      r"temporairement|temporary|faisant fonction)\b")
_THING = re.compile(r"(?i)\b(?:le nom (?:de|du|des|d['’])|comment s['’](?:appel|intitul)\w*|"
                    r"the name of)\s+(?:(?:la|le|les|ce|cette|the|this)\s+|l['’])?"
                    r"(?:(?:main|principal|principale|official|officiel|officielle|grand|grande|"
                    r"petit|petite|nouveau|nouvelle|ancien|ancienne|new|old|first|big|great|"
                    r"large|central|centrale)\s+)?([^\W\d_]{3,})")


def _thing(question: str) -> str:
    """The head noun of the thing whose name is asked, folded ("" when none is read)."""
    m = _THING.search(question)
    return fold(m.group(1)) if m else ""


_RANKED = re.compile(r"(?i)\b(second|third|fourth|fifth|deuxième|seconde?|troisième|quatrième|"
                     r"cinquième)[- ](?:plus[- ])?(?:largest|biggest|most|highest|longest|"
                     r"oldest|richest|grande?s?|importante?s?|peuplée?s?|riches?|hautes?|"
                     r"vieilles?|anciens?|anciennes?|longs?|longues?)\b")
_RANK = {"second": 2, "seconde": 2, "deuxieme": 2, "third": 3, "troisieme": 3, "fourth": 4,
         "quatrieme": 4, "fifth": 5, "cinquieme": 5}


def _ranked(question: str) -> int:
    """The rank a superlative is asked at: "the second-largest city" 2, "la troisième plus
    grande ville" 3; 0 when none."""
    m = _RANKED.search(question)
    return _RANK[fold(m.group(1))] if m else 0


# "Why ...", "Pour quelle raison ...", "What caused the explosions?": a cause or a reason asked
# ... in the question's first words: deep in a long one, it describes ("in Kazakhstan's ten
# largest cities")
SUPERLATIVE_WITHIN = 12
_SUPERLATIVE_ASKED = re.compile(
    r"(?i)\b(?:largest|biggest|highest|greatest|smallest|lowest|oldest|youngest|longest|"
    r"shortest|fewest|the most \w+|the least \w+)\b|"
    r"\b(?:le|la|les|l['’])\s*(?:plus|moins) (?!de\b|d['’])\w+|"
    # ("the main demand", "la principale revendication": one of a list is not it; not a
    # list asked, "les principaux affluents", nor an office, "the chief executive")
    # (or after a possessor: "the protesters' main demand", "Kazakhstan's main export")
    # (not a fixed compound: "the novel's main character", "the museum's chief curator")
    r"(?:\b(?:the|its|their|his|her)|\b[a-z]++['’]s?)\s+(?:main|chief|primary|principal)\s+"
    r"(?!executive|officer|justice|of\b|minister|election|school|characters?\b|roles?\b|"
    r"act(?:or|ress)|curator|advis[eo]r|station|street|square|building|entrance|office|"
    r"headquarters|branch|course|dish|page|stage|hall|road|gate|door|campus|site|author|"
    r"shareholder|editor|engineer|architect|scientist|economist|inspector|surgeon|judge)"
    r"[a-z]+(?<!s)\b(?!\s+(?:of|and)\s+\w+s\b)|"
    # ("la revendication principale", "l'objectif principal": the adjective after its noun;
    # not a name asked, "Comment s'appelle la place principale ?", nor a fixed compound, "le
    # personnage principal", "la gare principale", "le conseiller principal")
    r"\b(?:la|le|sa|son|leur)\s+principale?\b|"
    r"(?<!appelle )\b(?:(?:la|le|sa|son|leur)\s+|l['’]\s*)(?!(?:personnage|rôle|gare|conseill|"
    r"place|rue|entrée|bâtiment|siège|axe|act(?:eur|rice)|interprète|page|salle|scène|cour|porte|"
    r"route|bureau|établissement|plat|campus|site|auteur|responsable|actionnaire|ingénieur|"
    r"architecte|inspect|juge|chirurgien|rédacteur|éditeur)\w*\s)[a-zà-ÿ][\w-]*+\s+"
    r"principale?\b(?!s)")
# ... and the noun it ranks: "la plus importante minorité", "la ville la plus touchée", "the
# largest contingent"
_RANKED_NOUN = re.compile(
    r"(?i)\b(?:le|la|les|l['’])\s*(?:plus|moins)\s+(?!de\b|d['’])\w+\s+([a-zà-ÿ][\w-]+)"
    r"(?:\s+([a-zà-ÿ][\w-]+))?|"
    # (the noun read whole: "Les-Les-..." was read to its end from each article, review 53)
    r"\b(?:(?:le|la|les)\s+|l['’]\s*)([a-zà-ÿ][\w-]++)\s+(?:le|la|les)\s+(?:plus|moins)\b|"
    r"\b(?:the|its|their|his|her)\s+(?:largest|biggest|highest|greatest|smallest|lowest|"
    r"oldest|youngest|longest|shortest|fewest|most \w+|least \w+|main|chief|primary|"
    r"principal)\s+([a-z][\w-]+)(?:\s+([a-z][\w-]+))?|"
    r"\b[a-z]++['’]s?\s+(?:main|chief|primary|principal)\s+([a-z][\w-]+)|"
    r"\b(?:la|le|sa|son|leur)\s+principale?\s+([a-zà-ÿ][\w-]+)|"
    r"\b(?:(?:la|le|sa|son|leur)\s+|l['’]\s*)([a-zà-ÿ][\w-]*+)\s+principale?\b")
# nouns that rank a quantity of another ("le plus grand nombre de voix"): none read
_QUANTITY_NOUNS = frozenset("nombre number part share quantite quantity majorite majority "
                            "partie".split())
# ... nor troops, which news names by many words ("le plus récent contingent": "la dernière à
# envoyer des soldats")
_TROOP_NOUNS = frozenset("contingent contingents troupe troupes troop troops soldat soldats "
                         "soldier soldiers force forces unite unites unit units militaires "
                         "detachement detachment".split())
# a participle or a verb is no noun ranked ("la plus touchée par", "the most affected")
_VERB_LIKE_NOUN = re.compile(r"(?i)\w+(?:ées?|és|(?<!t)é|ed|ing|ait|aient)$")


def _superlative_of(question: str) -> tuple[str, ...]:
    """The nouns a superlative asked may rank, folded: the word after it and the next ("the
    largest ethnic minority": "ethnic", "minority"); () when none is read."""
    m = _RANKED_NOUN.search(" ".join(question.split()[:SUPERLATIVE_WITHIN + 4]))
    if m is None:
        return ()
    raws = [g for g in m.groups() if g is not None]
    nouns = []
    for raw in raws:
        noun = fold(raw).lower()
        if noun in _QUANTITY_NOUNS or noun in _TROOP_NOUNS:
            return ()
        if noun in STOPWORDS or _VERB_LIKE_NOUN.match(raw):
            break
        if len(noun) >= 4:
            nouns.append(noun)
    return tuple(nouns)

_CAUSE_ASKED = re.compile(
    r"(?i)\b(?:why|pourquoi|pour quelles? (?:raisons?|motifs?)|pour quel motif|for what "
    r"reasons?|what (?:(?:was|is) it that )?(?:caused|triggered|sparked|prompted|led to|provoked|"
    r"set off|touched off|ignited)|qu['’]est-ce qui a "
    r"(?:provoqué|causé|déclenché|motivé|conduit)|(?:quelle|quelles) (?:est|était|fut|sont|"
    r"étaient) (?:la|les) (?:cause|raison)s?|what (?:is|was|were|are) the (?:cause|reason)s?|"
    r"how come|"
    # "quel facteur économique a mis le feu aux poudres ?" (not "par quel facteur": a multiple)
    r"(?<!par )(?<!by )(?:quel(?:le)?s?|what|which) (?:[\w-]+ )?(?:facteurs?|factors?|causes?|"
    r"raisons?|reasons?|déclencheurs?|triggers?|motifs?|motives?))\b")
# "What did a litre of liquefied petroleum gas cost ...?": the verb comes past the head
_COST_ASKED = re.compile(r"^\s*(?:what|how much) (?:did|does|do|will|would|could) [^?]{1,80}?"
                         r"\bcost\b", re.I)


# A multiple asked: "par quel facteur", "how many times higher" (not "how many times did he
# visit", a count)
_FACTOR_ASKED = re.compile(r"(?i)\b(?:par quel (?:facteur|coefficient)|by (?:what|which) factor|"
                           r"how many times (?:more|higher|larger|bigger|greater|as)|"
                           r"combien de fois plus)\b")
# ... read in the whole question: "Par combien le prix du gaz liquéfié a-t-il été multiplié
# ?" (traps_study55 t55_046: a multiple, not a sum of money)
_FACTOR_BY = re.compile(r"(?i)\bpar combien\b[^?]{0,80}?\b(?:multipli|divis)\w*|"
                        r"\b(?:multiplied|divided) by how much\b|\bby how much\b[^?]{0,80}?\b"
                        r"(?:multiplied|divided)\b")

_PRICE_OF = re.compile(r"(?i)\b(?:prix|coût|tarif|price|cost)\s+(?:du|de la|de l['’]|des|d['’]|de|"
                       r"of(?: the)?)\s*([a-zà-ÿ]{3,})")


_WHICH_NATION = re.compile(r"^\s*(?i:(?:in|from|to|for|by|of|with|at|on|through)\s+)?"
                           r"(?i:which|what)\s+([A-Z][a-z]+)\s+(?=[a-z])")


def _asked(question: str) -> str:
    """The sentence that asks, where a question has several and one ends with "?" ("What is X's
    job? He is quoted about Y.", "The talks began. Who led them?"): what is asked is read
    from its start."""
    if len(question) > _MAX_SPLIT or "?" not in question:
        return question
    sentences = split_sentences(question)
    asked = [s.text for s in sentences if s.text.rstrip().endswith("?")]
    return asked[-1] if len(sentences) > 1 and asked else question


# Where the question says which article it read ("selon l'article publié le 7 janvier 2022",
# "according to the January 7 report"): the article's date is not the time of what is asked,
# and its figures are no count the sentence must give.
_DATE_WORDS = (r"(?:\d{1,2}(?:er)?\s+[a-zéû]+(?:\s+\d{4})?|[A-Za-z]+\s+\d{1,2}(?!\d)"
               r"(?:st|nd|rd|th)?(?:,?\s+\d{4})?|[A-Za-zéû]+\s+\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
               r"|\d{4})")
# (read from the start of a run of spaces only: from each space of it was quadratic)
_SOURCE_REF = re.compile(
    r"(?i)(?<![\s,]),?\s*(?:selon|d['’]après|dans|according to|in|per)\s+"
    r"(?:l['’]\s*|le |la |the |an? |"
    r"this |that |cet |cette )(?:" + _DATE_WORDS + r"\s+)?(?:article|texte|dépêche|reportage|"
    r"report|story|piece|dispatch)\b(?:\s+(?:publié|paru|daté|published|dated|"
    r"from|released)(?:\s+(?:le|on|du|in|en))?\s*" + _DATE_WORDS + r"|\s+(?:du|of|from)\s+"
    + _DATE_WORDS + r")?")


def unsourced(question: str) -> str:
    """The question without the article it says it read (`_SOURCE_REF`)."""
    return _SOURCE_REF.sub("", question)


def analyse_question(question: str, lang: str | None = None) -> QuestionInfo:
    head = _head(question)
    asked = _asked(question)
    # "in his capacity as chair" is a role, not a volume
    asks = tuple(kind for kind, rx in _ASKS.items() if rx.search(_IN_CAPACITY.sub(" ", head)))
    if "person" in asks and not _ASKS["person"].search(_RELATIVE_QUI.sub(r"\1", head)):
        asks = tuple(a for a in asks if a != "person")  # "Quel est le mouvement qui ...":
        # a relative "qui" asks no one
    if "person" in asks and _WHY_OPENS.match(question):
        asks = tuple(a for a in asks if a != "person")  # "Why were the Tajik peacekeepers
        # who left Ayni ...?" asks why, not who (a relative "who")
    if "number" in asks and _WHY_OPENS.match(question) and not _HOW_MANY.search(head):
        asks = tuple(a for a in asks if a != "number")  # "Pourquoi le prix du gaz a-t-il
        # doublé ?" asks why, not the price
    cost = bool(_COST_ASKED.match(asked))
    if cost and "number" not in asks:
        asks = (*asks, "number")
    attributed = {fold_name(p) for m in _ATTRIBUTED.finditer(question)
                  for w in re.findall(r"[A-ZÀ-Ý][\w-]+", m.group(2)) for p in w.split("-")}
    if "age" in asks:
        asks = tuple(a for a in asks if a != "number")
        age = _ASKS["age"].search(head)
        if "date" in asks and age and not _ASKS["date"].search(head[:age.start()]) and all(
                m.group(1).lower() in ("when", "quand", "lorsque") and m.start() > age.start()
                and not re.search(r"(?i)\b(?:and|et)\s*$", head[:m.start()])
                for m in _ASKS["date"].finditer(head)):  # ("... and when did he ...?" asks it)
            # "How old was X when the protests broke out?" asks an age, at a time it gives
            asks = tuple(a for a in asks if a != "date")
    if "number" in asks and not _COUNT_WORD.search(head) and (
            {"city", "place", "person", "org", "organ"} & set(asks)
            or (_INHABITANTS.search(head)
                and not _ASKS["number"].search(_INHABITANTS.sub(" ", head)))):
        # "quelle ville les habitants ...", "la dénomination des habitants": no count
        asks = tuple(a for a in asks if a != "number")
    if "number" in asks and _MANNER_ASKED.match(question) and not _HOW_MANY.search(head):
        # "Par quel moyen le nombre de communes a-t-il été réduit ?" asks how, of a number:
        # "ce processus de fusion" answers with no figure
        asks = tuple(a for a in asks if a != "number")
    if "country" in asks:  # any capitalised word is a place; a country is asked
        asks = tuple(a for a in asks if a != "place")
    if (_HOW_LONG.match(asked) or _SENTENCE_ASKED.search(head)) and "duration" not in asks:
        asks = (*asks, "duration")  # (the verb comes past the head; "what prison sentence":
        # a term, "cinq ans de prison", or "à perpétuité")
    if "number" in asks and _IDENTIFIER_ASKED.search(head) and not _HOW_MANY.search(head):
        # "What is the number of the resolution ...?": its identifier ("la résolution 678",
        # a number that names), as "Quel est le numéro ...?" asks (diff review 58)
        asks = tuple(a for a in asks if a != "number")
    if HOW_LONG_FR.match(asked) and "duration" not in asks:  # a time, not a count: "de
        # 1914 à 1918" answers "Combien de temps a duré la guerre ?" (diff review 58)
        asks = (*(a for a in asks if a != "number"), "duration")
    if _QUANTITY.search(head) and "number" not in asks:  # "Quelle est la superficie de X ?"
        asks = (*asks, "number")
    if "number" in asks:  # a height is given in metres, an area in km²: the unit is asked too
        asks = (*asks, *(kind for kind, rx in _DIMENSIONS.items()  # ("weigh" ends the
                          if rx.search(question if kind == "weight" else head)))  # question)
    if "person" not in asks and (_WHICH_ROLE.search(head) or _NAME_THE.match(asked)):
        asks = (*asks, "person")  # "Which Russian general ...", "Name the secretary general"
    if "person" in asks and (_THING_NAMED.search(question) or _THING_CALLED.search(question)) \
            and not _WHO.search(question):
        asks = ("thingname",)  # "le nom de la palette": a thing's, said as its name
    if not asks and _TITLE_ASKED.match(question):
        asks = ("thingname",)  # "Comment s'intitule l'accord ...?": its name
    if _IDENTITY.match(asked):  # "Qui est X ?": who X is, not any name
        asks = ("identity",)
    if _CODENAME_ASKED.search(head):  # "le nom de code de l'opération": its name, no person
        asks = ("codename",)
    focus: list[str] = []
    full: set[str] = set()  # the last names of full names ("Jens Stoltenberg")
    titled: set[str] = set()  # ... and of named things ("the Stanley Cup"): not people
    run: list[str] = []  # the focus names of the full name being read ("Christopher Marlowe")
    last_end = -1
    for m in _CAPITAL.finditer(question):
        if m.start() == 0 and not _NAMED_FIRST.fullmatch(m.group(0)):
            continue  # the question's first word is capitalised anyway (not "L'OTSC", "NATO")
        if not _NAME_GLUE.fullmatch(question[last_end:m.start()]) or last_end < 0:
            run = []
        last_end = m.end()
        word = re.sub(r"['’]s$", "", m.group(0)).strip("'’-")
        word = re.sub(r"^([A-Z]{2,})s$", r"\1", word)  # "NGOs" is the acronym NGO (ONG)
        word = re.split(r"['’]", word)[-1]
        if not word or not word[0].isupper():
            continue
        # a place of three hyphenated parts or more is one name, as sentences are read
        # ("Baie-Sainte-Anne": "baiesainteanne"); "Kassym-Jomart" is two first names
        parts = [p for p in word.split("-") if p]
        # "Germany-funded NGOs": a name used as a modifier ends there, and begins no full name
        modifier = next((k for k, p in enumerate(parts) if k and p[0].islower()
                         and p not in _NAME_PARTICLES), None)
        if modifier is not None:
            parts, word = parts[:modifier], "-".join(parts[:modifier])
        names = ([fold_name(word).replace("-", "")] if len(parts) > 2
                 and all(p[0].isupper() or p in ("de", "du", "la", "le", "sur") for p in parts)
                 else [fold_name(part) for part in parts if part[0].isupper()])
        names = [n for n in names if n not in _NOT_FOCUS and n not in GENERIC
                 and n not in STOPWORDS and n not in _MONTHS_DAYS and len(n) >= 3
                 and n not in attributed]
        if not names:
            continue
        # In a full name only the last part counts: sources say "Marlowe", not always
        # "Christopher Marlowe".
        for old in run:
            if old in focus:
                focus.remove(old)
        if run and any(n in _TITLE_NOUNS for n in (*run, *names)):
            titled.update((*run, *names))  # "the World Cup", "les îles Galapagos"
        elif run:
            full.update(names)
        run = [n for n in names if n not in focus]
        focus.extend(run)
        if modifier is not None:
            run, last_end = [], -1
    if _FACTOR_ASKED.search(head) or _FACTOR_BY.search(question):  # "par quel facteur le
        # prix ...": a multiple, not a price
        asks = (*(a for a in asks if a != "number"), "factor")
    measure = (tuple(sorted(_MONEY)) if cost else _measure(head)) if "number" in asks else ()
    if set(measure) == _MONEY and (into := _CURRENCY_ASKED.search(question)):
        # "worth in euros", "en tenge": that currency, not the dollars the sources give (a
        # conversion is not theirs; t59_005)
        measure = _CURRENCIES[fold(into.group(1)).lower()[:4]]
    if "number" in asks and not measure and (of := _NUMBER_OF_LATE.search(question)):
        measure = _measure(of.group(0))  # "the official figure for the number of Russian
        # troops": what is counted comes past the head's seven words
    if "factor" in asks and (of := _PRICE_OF.search(asked)) and fold(of.group(1)) not in STOPWORDS:
        measure = (_stem_key(of.group(1)),)  # the price of bread is not the price of gas
    lang = lang or detect_language(question)
    if lang == "fr":  # a name after a profession is a person's ("l'astronome grec Hipparque"),
        # to be named as such (in French only: "Hipparchus" is how English writes Hipparque)
        full.update(n for m in _PROFESSION_NAME.finditer(question)
                    if (n := fold_name(m.group(1))) in focus)
    summary = bool(_SUMMARY.match(question))
    if summary:  # a summary asks for no one thing: one sentence per document
        asks, measure = (), ()
    # after "the name of" the role comes late: "What is the name of the Kazakh defence minister?"
    # and a portfolio often does ("le ministre russe des Affaires étrangères")
    words = _ATTRIBUTION.sub("", question).split()
    window = 11 if _NAME_OF.search(head) else 7
    if (hog := HEAD_OF_GOVERNMENT.search(" ".join(words[:window + 3]))) \
            and hog.start() < len(" ".join(words[:window])):
        window += 3  # "Qui a été nommé nouveau chef du | gouvernement": the whole phrase
    role = _role(" ".join(words[:window])) if "person" in asks else ()
    if "person" in asks and not role and (as_role := _AS_ROLE.search(question)):
        role = _role("qui x " + as_role.group(1))  # "appointed as the new prime minister"
    if "person" in asks and not role and _LEADS.match(asked):
        role = _COMMANDER  # "Qui commande la force ?": a commander named as one, not any
        # name near the force
    portfolio = _portfolio(" ".join(words[:11])) if role == _MINISTER else ()
    event = (next((rx for rx in _EVENTS if rx.search(fold(question))), None)
             if "date" in asks or "year" in asks else None)
    if event is None and {"date", "year", "place", "city"} & set(asks):
        event = next((said for asked, said in _LIFE if asked.search(fold(question))), None)
    if event is None and {"place", "city"} & set(asks) and not {"date", "year"} & set(asks):
        event = next((said for asked, said in _WHERE_EVENTS if asked.search(fold(question))),
                     None)
    if event is None and "person" in asks and _MARRIAGE.search(fold(question)):
        event = _MARRIAGE  # "Whom did X marry?": whom X married, not anyone named near X
    if event is None and _OUTCOME_ASKED.search(fold(question)):
        event = _OUTCOME  # the outcome of talks: what they came to, not that they took place
    bare = unsourced(question)
    given = frozenset(k for a in claim_anchors(bare) if a.kind == "number"
                      for k in a.keys) if "number" in asks else frozenset()
    cased = cased_countries(question)  # "did belarus send": Belarus
    nation = nationalities(cased, lang) if set(asks) & _ABOUT_SOMEONE else frozenset()
    if not nation and (not asks or set(asks) <= {"city", "place", "base", "airport"}):
        # ... and whose doing an open question or a place asked is about: "Through which city
        # was the Belarusian task force flown?" is not answered by Russia's paratroopers (nor
        # "From which air base did the Belarusian task group leave?" by the Tajiks' base)
        # ("Which Russian city": the nationality is the answer's, not the doer's)
        which = _WHICH_NATION.match(asked) if lang == "en" else None
        nation = demonyms(cased.replace(which.group(1), " ", 1) if which else cased, lang,
                          _FORCE_NOUNS)
    elif nation:  # whose count is asked is pinned by the nation: the country where it happened
        # is not whom it is about ("combien de militaires kirghizes envoyés au Kazakhstan")
        folded = fold(question).replace("’", "'")
        focus = [f for f in focus if not is_country(f) or not re.search(
            rf"\b(?:au|aux|en|in|into|to|a|dans)\s+(?:le |la |les |l'|the )?{re.escape(f)}\b",
            folded)]
    if lang == "en" and (which := _WHICH_NATION.match(asked)) \
            and is_people(fold_name(which.group(1))):
        # "Which Russian newspaper ...": the nationality says what the answer is, as French
        # says it in lower case ("Quel journal russe"): no name the sentence must hold
        focus = [f for f in focus if f != fold_name(which.group(1))]
    if asks == ("identity",) and ("," in asked or asked != question):
        # "la fonction de X, cité à propos de Y", "What is X's job? He is quoted on Y.": who X
        # is, not Y
        named = set(_name_parts(asked.split(",")[0]))
        focus = [f for f in focus if f in named] or focus
    focus = focus[:FOCUS_MOST]
    return QuestionInfo(question, lang, asks, tuple(focus), measure, summary, role, portfolio,
                        event, bool(_SUCCESSION_ASKED.search(question)), given,
                        _pinned_times(bare), nation,
                        _asked_fates(question) if "number" in asks else frozenset(),
                        role_nations(question, role) if role else frozenset(),
                        "number" in asks and bool(_EXACT_ASKED.search(question)),
                        _name_parts(asked.split(",")[0]) if asks == ("identity",) else (),
                        actors(cased),
                        tuple(f for f in focus if (f in full and f not in titled
                                                   and not _REGNAL.fullmatch(f))
                              or is_country(f)),
                        bool(role) and bool(_NEW_ROLE.search(question)),
                        order=bool(_ORDER_ASKED.search(question) and _OFFICE.search(question)),
                        exact_day=bool({"date", "calendar"} & set(asks)
                                       and _EXACT_DAY_ASKED.search(question)),
                        caption=bool(_CAPTION_ASKED.search(question)),
                        age_at="age" in asks and bool(_AGE_AT_ASKED.search(question)),
                        cause=not asks and bool(_CAUSE_ASKED.search(head)),
                        ordinal=ordinals(question, after_article=True),
                        superlative=bool(_SUPERLATIVE_ASKED.search(
                            " ".join(asked.split()[:SUPERLATIVE_WITHIN]))),
                        qualifiers=_qualifiers(question, lang),
                        acronyms=_acronyms(head) if measure else frozenset(),
                        official="number" in asks and bool(_OFFICIAL_ASKED.search(question)),
                        total="number" in asks and bool(_TOTAL_ASKED.search(question)),
                        collective=collectives(question) if "number" in asks
                        and _SUM_ASKED.search(question) else frozenset(),
                        start_asked=bool({"date", "calendar"} & set(asks)
                                         and _START_ASKED.search(question)
                                         and not _END_ASKED.search(question)),
                        last_to=bool(_LAST_ASKED.search(question)),
                        first_to=bool(_FIRST_ASKED.search(question)),
                        compared=not asks and bool(_YES_NO.match(question)
                                                   and _COMPARISON_ASKED.search(question)),
                        how_compared=not asks and bool(_HOW_COMPARED.search(question)),
                        refusal=not asks and bool(_CAUSE_ASKED.search(head)
                                                  and _REFUSAL_ASKED.search(question)),
                        reactor=reactor(question),
                        reacted_to=reacted_to(question),
                        source=_credited_person(question),
                        ranked=_ranked(question),
                        located=_located(question) if {"place", "city", "region", "country"}
                        & set(asks) else (),
                        percent="number" in asks and bool(_PERCENT_ASKED.search(question)),
                        superlative_of=_superlative_of(question) if _SUPERLATIVE_ASKED.search(
                            " ".join(asked.split()[:SUPERLATIVE_WITHIN])) else (),
                        interim=bool(role) and bool(_INTERIM.search(question)),
                        thing=_thing(question) if asks == ("thingname",) else "",
                        agent_asked=agent_verb(question, lang)
                        if set(asks) & {"org", "organ"} else frozenset(),
                        speaker=said_by(question),
                        role_body=role_bodies(question),
                        figures=frozenset() if "number" in asks else _figures_given(bare),
                        deed=yes_no_verb(question) if not asks and _YES_NO.match(question)
                        and not _COMPARISON_ASKED.search(question) else ("", ""),
                        meaning=meaning_asked(question),
                        venue=venue_asked(question),
                        counterfactual=counterfactual_asked(question),
                        source_asked=bool(_SOURCE_ASKED.search(question)),
                        byline=byline_asked(question),
                        published=published_asked(question),
                        provisions=provisions_asked(question),
                        days=days_asked(question) if "date" not in asks else frozenset(),
                        day_dates=dates_named(question),
                        particular=particular_asked(question),
                        places=_places(question, focus),
                        done=done_asked(question),
                        bound=bound_asked(question) if "number" in asks else "",
                        end=bool({"date", "calendar"} & set(asks)) and end_asked(question),
                        author="person" in asks and author_asked(question),
                        name_of=_name_of(question) if "person" in asks else "",
                        excluded=excluded_asked(question),
                        final="number" in asks and final_asked(question),
                        polar=asked_verb(question) if not asks and _YES_NO.match(question)
                        and not _COMPARISON_ASKED.search(question) else ("", ""),
                        span=span_asked(question),
                        dated_event=event_asked(question) if "date" in asks else "",
                        occasion=occasion_asked(question)
                        if {"date", "calendar", "year"} & set(asks) else "",
                        factors=factors_asked(question),
                        changed=changed_thing(question, lang) if "number" in asks
                        else frozenset())




# A capitalised word after a word for a town's people or a place preposition is a town asked
# about ("les habitants d'Aktobe", "in Aktobe", "près de Taraz")
_PLACE_NAMED = re.compile(r"\b(?:habitants|résidents|villes?|régions?|provinces?|localités?|"
                          r"residents|inhabitants|city|town|region|province|à|in|at|near|"
                          r"près\s+d['’e]?)\s+(?:de\s+|d['’]|du\s+|of\s+)?([A-ZÀ-Ý][^\W\d_]{2,})"
                          r"(?![\w-])")


def _places(question: str, focus: Sequence[str]) -> tuple[str, ...]:
    """The focus names the question puts after a place word (`_PLACE_NAMED`): not a country
    (sources name it by its people too), a month or a day."""
    found = {fold_name(m.group(1)) for m in _PLACE_NAMED.finditer(question)
             if m.start(1) > 0}
    return tuple(f for f in focus if f in found and not is_country(f)
                 and f not in _MONTHS_DAYS and f not in _FEASTS)


# feasts a question puts something at ("à Noël", "at Christmas"): no town
_FEASTS = frozenset("noel christmas paques easter toussaint pentecote ramadan halloween "
                    "hanoucca hanukkah carnaval carnival epiphanie epiphany".split())


_PROFESSION_NAME = re.compile(r"\b(?:" + _PEOPLE_NOUNS + r")s?\s+(?:[a-zà-ÿ]+\s+)?"
                              r"([A-ZÀ-Ý][\wÀ-ÿ]+)\b(?![\s-]+[A-ZÀ-Ý])")


def _name_parts(question: str) -> tuple[str, ...]:
    """The parts of the names in a who-is question: its first word aside, "Yuri Kirilenko" may be
    said as "son père Yuri, dirigeant d'un club"."""
    return tuple(fold_name(w) for m in _CAPITAL.finditer(question) if m.start() > 0
                 for w in re.sub(r"['’]s$", "", m.group(0)).split("-") if len(w) >= 3)


# (a clause with its own verb: "at the time of the unrest" is the age the sources give)
_AGE_AT_ASKED = re.compile(r"(?i)\b(?:lorsqu['’](?:il|elle)|quand (?:il|elle)|au moment où|"
                           r"when (?:he|she)|at the time (?:when|he|she))\b")
# a first word that is a name all the same: "L'OTSC, ...", "NATO troops ..."
_NAMED_FIRST = re.compile(r"(?:[LlDd]['’][A-ZÀ-Ý][\wÀ-ÿ'’-]+|[A-Z]{2,}s?)")
_NAME_PARTICLES = frozenset({"de", "du", "la", "le", "sur", "en", "et", "lès", "les", "aux"})


_CAPTION_ASKED = re.compile(r"(?i)\b(?:captions?|l[ée]gendes? (?:de la |d['’]une |de l['’]|"
                            r"des )?(?:photos?|images?|illustrations?|clichés?)|pictured|"
                            r"photographi\w*|photographs?|photographed|photos?)\b")
_START_ASKED = re.compile(r"(?i)\b(?:d[ée]cr[ée]t|d[ée]clar|proclam|instaur|impos|introdu|"
                          r"mise? en place|entr\w* en vigueur|began|begun|start|commen[cç]|"
                          r"d[ée]but|first|premi[èe]re fois|set up|established)\w*")
_END_ASKED = re.compile(r"(?i)\b(?:jusqu['’]\s*(?:à|au|en)|until|till|expir\w*|prendr\w* fin|"
                        r"pris fin|prend fin|se termin\w*|termin\w*|ends?|ended|ending|lev[ée]e?|"
                        r"lifted|how long|combien de temps|dur[ée]e|last(?:s|ed)?)\b")
_EXACT_DAY_ASKED = re.compile(r"(?i)\b(dates? (?:précises?|precises?|exactes?)|(?:exact|precise) "
                              r"(?:dates?|days?)|jours? (?:exacts?|précis)|quel jour exactement)\b")
_ORDER_ASKED = re.compile(r"\b(?i:qui|who|which|what|quel(?:le)?s?)\b.{0,80}?\b(?i:after|"
                          r"before|après|apres|avant)\s+(?:(?i:de devenir|becoming)\b|"
                          r"(?:l['’]|le |la |les |the )?[A-ZÀ-Ý])")
_OFFICE = re.compile(r"(?i)\b(?:présidence|presidency|chairmanship|chair|à la tête|head of|"
                     r"poste|post|fonction|position|office)\b")
# Words for someone (beside `_PEOPLE_NOUNS`): kin, ranks, offices, roles in a story
_PERSON_WORDS = (
    "pr[ée]sident", "dirigeant", "leader", "chef", "chief", "head", "roi", "reine", "king",
    "queen", "empereur", "emperor", "imp[ée]ratrice", "empress", "pape", "pope", "prince",
    "princesse", "princess", "duc", "duke", "comte", "count", "fils", "son", "fille",
    "daughter", "p[èe]re", "father", "m[èe]re", "mother", "femme", "wife", "mari", "husband",
    "[ée]poux", "[ée]pouse", "fr[èe]re", "brother", "s(?:œ|oe)ur", "sister", "enfant",
    "child", "oncle", "uncle", "tante", "aunt", "neveu", "nephew", "ni[èe]ce", "cousin",
    "cousine", "grand-p[èe]re", "grand-m[èe]re", "grandfather", "grandmother", "homme", "man",
    "woman", "personne", "person", "membre", "member", "commandant", "commander",
    "g[ée]n[ée]ral", "general", "officier", "officer", "soldat", "soldier", "vainqueur",
    "winner", "gagnant", "champion", "propri[ée]taire", "owner", "successeur", "successor",
    "pr[ée]d[ée]cesseur", "predecessor", "directeur", "directrice", "director",
    "secr[ée]taire", "secretary", "ministre", "minister", "porte-parole", "spokesman",
    "spokeswoman", "ambassadeur", "ambassador", "envoy[ée]", "envoy", "diplomate", "diplomat",
    "analyste", "analyst", "expert", "experte", "chercheur", "chercheuse", "researcher",
    "journaliste", "journalist", "cr[ée]ateur", "cr[ée]atrice", "creator", "ma[îi]tre",
    "master", "[ée]l[èe]ve", "pupil", "student", "[ée]tudiant", "[ée]tudiante", "disciple",
    "amant", "lover", "ami", "amie", "friend", "rival", "adversaire", "opponent", "ennemi",
    "enemy", "alli[ée]", "ally", "assassin", "meurtrier", "killer", "victime", "victim",
    "patron", "boss", "mentor", "saint", "sainte", "dieu", "god", "d[ée]esse", "goddess",
    "character", "protagoniste", "protagonist", "narrateur", "narrator", "pseudonyme",
    "pseudonym", "surnom", "nickname", "famille", "family", "naissance", "birth", "jeune",
    "maiden", "bapt[êe]me", "sc[èe]ne", "stage", "plume", "pen", "guitariste", "batteur",
    "bassiste", "vocalist", "drummer", "guitarist", "bassist", "ga[ée]lique", "lieutenant",
    "sergent", "colonel", "major")
# The name of a thing ("Quel est le nom de la palette de 22 couleurs inventée par ...?"), not
# of someone: no word of a person within the few words after "le nom de" / "the name of"
_THING_NAMED = re.compile(
    r"(?i)\b(?:quel(?:le)? (?:est|était|etait|fut) le nom|what (?:is|was) the name)"
    r"(?=\s+(?:de|du|des|d['’]|of)\b)"
    r"(?!\s+(?:[\w-]+(?:['’]|\s+)){0,5}?(?:" + _PEOPLE_NOUNS + r"|"
    + r"|".join(_PERSON_WORDS) + r")s?\b)")
# ... or "Comment s'appelle la place principale ?": what a thing is called, not a person
_THING_CALLED = re.compile(
    r"(?i)\bcomment s['’]appel(?:le|lent|ait|aient)\s+(?:(?:le|la|les|ce|cette|ces)\s+|"
    r"l['’])(?:place|rue|avenue|square|boulevard|accord|traité|loi|opération|mission|plan|"
    r"projet|programme|légende|livre|ouvrage|roman|film|chanson|album|journal|fleuve|"
    r"rivière|lac|montagne|mont|île|quartier|bâtiment|stade|pont|navire|bateau|groupe|parti|"
    r"mouvement|réseau|festival|fête|guerre|bataille|doctrine|théorie|méthode|technique|"
    r"maladie|virus|espèce|plante|langue|dialecte|palais|château|monument|sommet|"
    r"conférence|initiative|alliance|coalition)s?\b")
_WHO = re.compile(r"(?i)\b(?:qui|who|whom|whose)\b")


# An operation's or a plan's name: "nom de code", "code name", "comment s'appelait
# l'opération", "what was the operation called"
_CODENAME_ASKED = re.compile(
    r"(?i)\b(?:noms? de code|code[- ]?names?d?|nom (?:de|donné à) l['’](?:opération|mission)|"
    r"name of the (?:operation|mission)|(?:operation|mission) (?:was )?(?:called|named|dubbed)|"
    r"s['’]appel(?:le|ait)\s+l['’](?:opération|mission))\b")
_NUMBER_OF_LATE = re.compile(r"(?i)\b(?:the number of|le nombre (?:de|d['’])|number of)\s+"
                             r"(?:[\w-]+\s+){0,2}[\w-]+")
_OFFICIAL_ASKED = re.compile(r"(?i)(?<!non )(?<!non-)\b(?:officiel(?:le|les|s|lement)?|"
                             r"official(?:ly)?|confirm(?:ed|é|ée|és|ées))\b")
# (not "en tout cas", "en tout état de cause": review 55)
_TOTAL_ASKED = re.compile(r"(?i)\b(?:au total|en tout(?! (?:cas|état|point|lieu|temps|genre|"
                          r"premier|début|de suite))|in total|altogether|all told|(?:nombre|bilan|"
                          r"number|toll) total|total (?:[\w-]+ )?(?:number|toll|count))\b")
_FULL_NAME_OF = re.compile(r"(?i)\b(?:(?:full|real|complete) name of|nom (?:complet|véritable|"
                           r"réel) de)\s+[«\"“'‘]?\s*((?-i:[A-ZÀ-Ý])[\w-]+)")


def _name_of(question: str) -> str:
    """The name whose full form the question asks, folded ("walt"), or ""."""
    m = _FULL_NAME_OF.search(question)
    return fold_name(m.group(1)).replace("-", "") if m else ""


_EXACT_ASKED = re.compile(r"(?i)\b(exactement|exactly|précisément|precisely|au juste|exact "
                          r"(number|figure|count)|nombre exact)\b")


# What befell the people a count is of (the verifier's families, and convictions): "combien
# de manifestants ont été condamnés" is not answered by "des dizaines de manifestants tués".
_FATES = {**ROLES, "convicted": re.compile(
    r"^(convicted|sentenced|condamn[ée]e?s?|condamnations?|jug[ée]e?s?|tried|prison)$", re.I),
    # a vote's abstentions are not its votes for and against ("Combien d'États se sont
    # abstenus" over "107 États membres pour et 14 contre": piaf_traps3 pt3_009)
    "abstained": re.compile(r"^(abstenue?s?|abstentions?|abstained|abstain|abstaining|"
                            r"abstient|abstiennent)$", re.I),
    # ... and a release is not the arrest: "How many of the 3,811 people detained were later
    # released?" is not answered by "a détenu 3 811 personnes" (study trap b23_016)
    "released": re.compile(r"^(released|freed|lib[ée]r[ée]e?s?|rel[âa]ch[ée]e?s?)$", re.I)}
# Fates that befall those of another: who is released or convicted was arrested first, and a
# question that says so ("of the 3,811 people detained") asks the later one
_LATER_FATES = {"released": "arrested", "convicted": "arrested"}
# ... and a killing said otherwise: "assassinés", "exterminés", "murdered", "victimes"
_KILLED = re.compile(r"^(assassin[ée]e?s?|extermin[ée]e?s?|massacr[ée]e?s?|ex[ée]cut[ée]e?s?|"
                     r"murdered|slain|massacred|exterminated|executed|victimes?|victims?|"
                     r"meurtres?)$", re.I)
_LIVES = re.compile(r"(?i)\b(co[uû]t\w* la vie|perdu la vie|trouv\w* la mort|lost (?:their|"
                    r"his|her) li(?:fe|ves)|cost(?:ing)? (?:the )?li(?:fe|ves))")


def _asked_fates(question: str) -> frozenset[str]:
    """The fates a count asked is of (`_fates`), less those a later one named befalls first."""
    found = _fates(question)
    return found - {first for later, first in _LATER_FATES.items() if later in found}


def _fates(text: str) -> frozenset[str]:
    # "d'interpellations": the word after the elision
    words = [re.split(r"['’]", w)[-1].strip("«»\"'’.,;:!?()") for w in text.split()]
    found = {f for f, rx in _FATES.items() if any(rx.match(w) for w in words)}
    if "dead" not in found and (any(_KILLED.match(w) for w in words) or _LIVES.search(text)):
        found.add("dead")
    return frozenset(found)


_PINNED_MONTH = re.compile(r"\b([a-zéû]+)\.?\s+(1[0-9]\d\d|20\d\d)\b", re.I)


def _pinned_times(question: str) -> frozenset[str]:
    """A month with its year ("novembre 2022"); a year alone is often the question writer's
    context ("le commandant ... en 1775" where the passage says "en 1776, ... depuis 1744")."""
    out: set[str] = set()
    for m in _PINNED_MONTH.finditer(question):
        month = MONTHS.get(fold(m.group(1)))
        if month is not None and len(m.group(1)) >= 3:
            out |= {f"m:{month}", f"y:{m.group(2)}"}
    return frozenset(out)


# A sum asked ("how much", "combien d'argent", "quel montant"): who gave it is part of what is
# asked; a count's bodies may be only its source ("Selon les ONG, combien ... ?")
_SUM_ASKED = re.compile(r"(?i)\b(?:how much|combien d['’](?:argent|aide)|(?:quel|le) montant|"
                        r"montant total|total amount|how many dollars|combien de dollars)\b")


def _question_years(question: str) -> frozenset[str]:
    return frozenset(_YEAR.findall(question)) | frozenset(EARLY_YEAR.findall(question))


# A year before 1000 where it reads as one: "en 877,", "in 756?", "l'an 800 ." -- the figure
# ends a clause or comes before a name or an era; "in 300 attacks", "en 100 jours", "en 300 000
# exemplaires" are counts
EARLY_YEAR = re.compile(r"(?i)\b(?:en|in|l['’]an|year|année)\s+([1-9]\d{2})(?!\w)(?![,.]\d)"
                        r"(?=\s*(?:[,.;:?!)»]|$)|\s+(?:av\.?|apr\.?|avant|après|BC|AD|BCE|CE)\b|"
                        r"\s+(?-i:[A-ZÀ-Ý]))")


# "Which Russian general", "quel ancien président": a role after a name or a qualifier
_WHICH_ROLE = re.compile(
    r"\b(?i:which|quel|quelle) (?:(?:[A-ZÀ-Ý][\w-]*|(?i:ancien|nouveau|nouvel|actuel|former|new|"
    r"current|deputy|vice|opposition|exiled|exilé|prime|foreign|defen[cs]e|interior|finance)) )"
    r"{1,3}(?i:general|général|commander|"
    r"commandant|president|président|minister|ministre|spokesman|spokeswoman|spokesperson|"
    r"porte-parole|leader|envoy|ambassador|ambassadeur|diplomat|diplomate|official|officer)\b")
_NAME_THE = re.compile(
    r"(?i)^\s*(?:name|give the name of|nomme[sz]?|cite[sz]?|donne[sz]? le nom d[eu]|"
    r"indique[sz]? le nom d[eu])\s+(?:the |le |la |l['’])?(?:[\w-]+ ){0,2}?(?:general|général|"
    r"commander|commandant|president|président|minister|ministre|spokesman|spokeswoman|"
    r"porte-parole|leader|dirigeant|secretary|secrétaire|chief|chef|ambassador|ambassadeur|"
    r"head|director|directeur|directrice)\b")
_SUMMARY = re.compile(
    r"^\s*(?:summari[sz]e|sum up|give (?:me )?(?:a |an )?(?:short |brief )?(?:summary|overview)|"
    r"r[ée]sum(?:e|ez|er)\b|fais(?:-moi)? un r[ée]sum[ée]|faites(?:-moi)? un r[ée]sum[ée]|"
    r"(?:un |une )?(?:r[ée]sum[ée]|synth[èe]se)\b|de quoi (?:parlent|parle)|"
    r"what (?:are|is) (?:the|these|this) (?:articles?|documents?|sources?|texts?) about|"
    r"what do (?:the|these) (?:articles|documents|sources) say)", re.I)


# What a count or an amount is of: "combien de civils", "how many barrels", "le taux
# d'inflation", "la population". A sentence gives that count only if it names the thing (or a
# word of the same family: soldiers are troops). Durations and costs name no such noun.
_MEASURED = re.compile(
    r"\b(?:combien (?:de |d['’])|nombre (?:exact |total |précis |officiel )?(?:de |d['’])|"
    r"how many |number of |taux (?:de |d['’])|"
    r"prix (?:du |de la |de l['’]|des |de |d['’])|price of (?:a |the )?)((?:[\w-]+\s+){0,2}[\w-]+)",
    re.I)
_POPULATION = re.compile(r"\b(population|habitants|inhabitants|people live)\b", re.I)
_SAME_FAMILY = [
    frozenset("soldat militai troupe homme effect casque soldie troop servic milita parach paratr"
              .split()),
    frozenset("person gens indivi people".split()),
    frozenset("mort tues tuees victim deces dead death kille".split()),
    frozenset("habita popula inhabi".split()),
    frozenset("blesse injur wound".split()),  # the wounded and the arrested are people too,
    frozenset("interp arrest arret deten detai".split()),  # counted as "3 811 personnes"
    frozenset("manife demons protes".split()),  # protesters, in either language (not "riots")
    # durations, in either language: "how many days" is not answered by "six pays"
    frozenset("day jour journe".split()),
    frozenset("week semain".split()),
    frozenset("month mois".split()),
    frozenset("hour heure".split()),
]
_QUANTITY = re.compile(
    r"\b(?:(?:quel|quelle)s? (?:est|était|sont|étaient) (?:le|la|l['’]|les) "
    r"|what (?:is|was|are|were) (?:the |its |their |his |her |(?-i:[A-Z][\w-]*)['’]s )?"
    r"(?:[\w-]+ ){0,2}?)"
    r"(superficie|capacité|budget|pib|longueur|hauteur|altitude|profondeur|surface|vitesse|"
    r"poids|montant|diamètre|température|length|height|width|depth|weight|speed|size|"
    r"diameter|volume|elevation|temperature|distance|surplus|deficit|revenue|turnover|gdp|"
    r"population(?=\s+(?:(?:totale|entière|actuelle|globale|estimée)\s+)?(?:de|du|des|d['’]|of)"
    r"\b)|"
    r"wingspan|capacity|area(?! of (?:expertise|disagreement|focus|study|interest|concern|"
    r"research|work|responsibility|activity|influence|conflict|operations?)))\b"
    r"|\b(?:what lap time|quel temps au tour|(?:en|in) combien de temps)\b", re.I)
# ... of which these are given in a unit of their own (holds.py's `_UNIT_OF`): "Quelle
# hauteur peut atteindre la chélidoine ?" is not answered by "une trentaine d'alcaloïdes"
_DIMENSIONS = {
    # (not "longueur": "la longueur du mandat" is a time; not "poids": "le poids de la Chine
    # dans l'économie" a share)
    "length": re.compile(r"(?i)\b(?:hauteur|height|how (?:high|tall|deep|wide)|altitude|"
                         r"elevation|profondeur|depth|diamètre|diameter|largeur|width|"
                         r"envergure|wingspan|distance|how far|combien de (?:kilom[eè]tres|"
                         r"m[eè]tres|miles)(?!\s+(?:carr|cub))|how many (?:miles|kilomet(?:er|re)s|"
                         r"met(?:er|re)s)(?!\s+(?:per|an|a)\b))\b"),
    # (not "area": "the area of France's influence" is a region)
    "area": re.compile(r"(?i)\b(?:superficie|surface area|land area|total area)\b"),
    "weight": re.compile(r"(?i)\b(?:how heavy|how much (?:does|did|do|would) [\w' -]{1,40} "
                         r"weigh|combien (?:p[èe]se|p[èe]sent|pesait|pesaient|pesa|pes[èe]rent|"
                         r"p[èe]sera|p[èe]seront)|combien de (?:tonnes|kilos|kilogrammes)|"
                         r"how many (?:tons|tonnes|kilos|kilograms|pounds))\b"),
    "speed": re.compile(r"(?i)\b(?:vitesse|speed|how fast)\b"),
    "temperature": re.compile(r"(?i)\b(?:température|temperature|how (?:hot|cold))\b"),
    # a lap's time is a time ("1 min 38 s 123"), not any figure of the session ("la Toyota no
    # 7", "plus rapide de 702 millièmes")
    "time": re.compile(r"(?i)\b(?:lap ?times?|temps (?:au|du|d['’]un) tour|chrono(?:mètre)?)\b"),
}
# ... of which these are named where they are given (a length is given in kilometres)
_HEADCOUNT = re.compile(r"(?i)\b(?:quel|quelle)s? (?:est|était|sont|étaient) (?:le |l['’]|les )"
                        r"(?:[\w-]+ ){0,2}?effectifs?\b")
_NAMED_QUANTITY = frozenset({"capacite", "budget", "pib"})
_PRICE_ASKED = re.compile(
    r"\b(prix|price|cost|costs|coûte|coute|coût|cout|montant|amount|loyer|rent|budget|"
    r"how much "
    r"(?:money|aid|funding|financing|financial aid)|combien d['’](?:aide|argent)|"
    r"quelle somme|what sum|combien\b[^?]{0,60}?\b(?:a|ont|a-t-il|a-t-elle|ont-ils|ont-elles)\s+"
    r"(?:alloué|débloqué|versé|accordé|dépensé|investi|donné|offert|financé)|"
    r"how much "
    r"(?:did|does|do|was|were|is|has|have)\b[^?]{0,60}?\b(?:cost|pay|paid|spend|spent|worth|"
    r"allocate|allocated|transfer|transferred|give|gave|grant|granted|donate|donated|pledge|"
    r"pledged|invest|invested)|combien (?:co[uû]t\w*|a co[uû]té|paie|paye|a payé|"
    r"dépense|a dépensé|vaut)|combien\b(?!\s+d(?:e|es|u)\b|\s+d['’])[^?]{0,60}?\b(?:paie|"
    r"paye|paient|payent|payé|dépensent|dépensé|co[uû]tent|co[uû]té)"
    r"(?:-t-(?:il|elle|on)|-(?:ils|elles))?)\b", re.I)
_MONEY = frozenset("dollar euro tenge rouble ruble franc yuan sterli $ €".split())
_CURRENCY_ASKED = re.compile(r"(?i)\b(?:in|into|en)\s+(euros?|dollars?|tenge|roubles?|rubles?|"
                             r"yuans?|francs?)\b")
_CURRENCIES = {"euro": ("euro", "€"), "doll": ("$", "dollar"), "teng": ("tenge",),
               "roub": ("rouble", "ruble"), "rubl": ("rouble", "ruble"), "yuan": ("yuan",),
               "fran": ("franc",)}
_VERB_AFTER_COUNT = frozenset("""were was are is be been being have has had did do does will
    would can could may might should ont sont a est etait etaient sera seront fut furent""".split())
# ... though a stopword may be a noun counted: "combien d'avions militaires" counts planes (a
# form of "avoir" elsewhere), not the soldiers "militaires" would say
_COUNTED_HOMOGRAPHS = frozenset({"avions", "etes"})
# ... nor an adjective before it: "how many different species" counts species
_MEASURE_ADJECTIVES = frozenset("""different differents differentes various divers diverses
    distinct distinct distincts distinctes separate individual other autres additional total
    new nouveaux nouvelles main principaux principales major key foreign active international
    local domestic senior former young armed""".split())
# (English adjectives before the noun counted: "how many foreign entities" counts entities,
# not what is foreign: traps_study55 t55_019)
_NOT_MEASURE = frozenset("temps fois time times long much".split())
# Nouns that count the group named after them ("membres des forces de l'ordre" are counted as
# "353 blessés ... chez les forces de l'ordre", "members of the security forces")
_MEMBERS = frozenset("membre membres member members".split())


def _stem_key(word: str) -> str:
    return fold(word)[:6].rstrip("s")


ACRONYM_MIN = 3  # letters: "ON" would be the French word "on"


def _acronyms(head: str) -> frozenset[str]:
    """The initials of the counted noun phrase, every run of three words or more from its start
    ("non-governmental organizations" -> "ngo"): news writes "38 000 ONG"."""
    m = _MEASURED.search(head)
    if not m:
        return frozenset()
    words = list(itertools.takewhile(  # up to a verb, a name or a small word ("did Russia")
        lambda w: w[:1].islower() and fold(w) not in _VERB_AFTER_COUNT
        and (fold(w) not in STOPWORDS or fold(w) == "non"),
        (w for w in re.split(r"[\s-]+", m.group(1)) if w)))
    initials = "".join(fold(w)[0] for w in words if fold(w)[:1].isalpha())
    return frozenset(initials[:n] for n in range(ACRONYM_MIN, len(initials) + 1))


def _measure(head: str) -> tuple[str, ...]:
    if _PRICE_ASKED.search(head):  # a price or a sum: an amount of money ("61 millions de
        return tuple(sorted(_MONEY))  # dollars", "750 000 $"), not "multiplié par deux"
    if _POPULATION.search(head):
        return tuple(sorted(_SAME_FAMILY[3]))
    if _HEADCOUNT.search(head):  # "Quel est l'effectif du contingent ?": its troops
        return tuple(sorted(_SAME_FAMILY[0]))
    quantity = _QUANTITY.search(head)  # "la capacité": the sentence names it
    if quantity and fold(quantity.group(1) or "") in _NAMED_QUANTITY:
        return (_stem_key(quantity.group(1)),)
    m = _MEASURED.search(head)
    # the first common noun: "how many Russian paratroopers" counts paratroopers; none past
    # a verb ("How many Romans were counted": "counted" is no noun)
    words = list(itertools.takewhile(lambda w: fold(w) not in _VERB_AFTER_COUNT,
                                     m.group(1).split() if m else []))
    nouns = [w for w in words if not w[0].isupper()
             and (fold(w) not in STOPWORDS or fold(w) in _COUNTED_HOMOGRAPHS)
             and fold(w) not in _MEASURE_ADJECTIVES]
    if nouns and all(nations_of(w) for w in nouns):  # "combien d'ONG britanniques": the
        # acronym is what is counted, not the nationality after it
        nouns = [w for w in words if re.fullmatch(r"[A-Z]{2,5}s?", w)] or nouns
    if len(nouns) > 1 and fold(nouns[0]) in _MEMBERS:
        nouns = nouns[1:]  # "combien de membres des forces de l'ordre": the forces are counted
    noun = nouns[0] if nouns else ""
    if not noun or fold(noun) in _NOT_MEASURE:
        return ()
    key = _stem_key(noun)
    if len(key) < 3:
        return ()
    for family in _SAME_FAMILY:
        if any(key.startswith(k) or k.startswith(key) for k in family):
            return tuple(sorted(family | {key}))
    return (key,)


# "Who is the president of ...", "Quel général commande ...": a person asked by role is
# answered by a sentence naming that role (or the one before it), in either language; a name
# next to another role ("le président kazakh" for the defence minister) is not the answer.
_ROLE_FAMILIES = [
    frozenset("presid chef leader".split()),  # "le chef de l'État kazakh"
    frozenset("minist diplom etrang foreig".split()),  # "le chef des affaires étrangères"
    frozenset("genera comman".split()),  # "le commandant des forces, le général X"
    frozenset("comman genera".split()),
    frozenset("porte parole spokes".split()),
    frozenset("secret".split()),
    frozenset("ambass".split()),
    frozenset("direct dirige".split()),
    frozenset("delega".split()),
    frozenset("maire mayor".split()),
    frozenset("gouverneu governor".split()),  # not "gouvernement", "government"
]


def other_offices(role: Sequence[str]) -> tuple[str, ...]:
    """The word starts of every office but the one asked by `role`: "le Premier ministre
    arménien" qualifies a minister, not the president asked for."""
    mine = set(role)
    return tuple(sorted({k for family in _ROLE_FAMILIES if not family & mine for k in family}
                        - mine))


# "Foreign" said of a plural noun (other than the affairs of a portfolio) names a group, not
# the office of the one asked for: "Who accused foreign forces of ...", "Qui a accusé des
# forces étrangères ..." ask for no foreign minister
_FOREIGN = ("foreig", "etrang")


def _group_of(noun: str) -> bool:
    key = fold(noun)
    return len(key) > 3 and key.endswith(("s", "x")) and not key.startswith(("affair", "minist"))


_ROLE_ASKED = re.compile(
    r"\b(?:qui|who|whom|quel|quelle|which|what|comment s['’]appel(?:le|lent|ait|aient)|nom|"
    r"^\s*name|^\s*nomme[sz]?|^\s*cite[sz]?)\b(.{0,60})", re.I)


# The head of a government is its Premier ministre, not its president nor any minister: "Qui a
# été nommé nouveau chef du gouvernement kazakh ?" is not answered by "le président Tokaïev a
# limogé le gouvernement", nor "the new prime minister" by the defence minister.
HEAD_OF_GOVERNMENT = re.compile(
    r"(?i)\b(?:premi(?:er|ère)\s+ministre|prime\s+minister|chef\s+(?:du|de)\s+gouvernement|"
    r"head\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?government|premiership|primature|"
    # ... and who heads it: "Who headed the Kazakh government ...", "dirigeait le gouvernement"
    r"(?:headed|heads|led|leads|dirigeait|dirige|dirigé|dirigeant)\s+(?:the\s+|le\s+)?"
    r"(?:[\w-]+\s+)?(?:government|gouvernement))\b")
PRIME_MINISTER = ("minist", "premie", "prime")  # (`holds._names_role` reads it by the phrase)
# "Who did X appoint ...", "Qui le chef du gouvernement a-t-il nommé ...": X acts, it is not
# the one asked for
_SUBJECT_ASKED = re.compile(r"(?i)\s*(?:who|whom|qui)\s+(?:did|does|do|will|would|has|had|"
                            r"le|la|l['’]|les)\b")
_ROLE_WORD = re.compile(r"(?i)\b(?:président|presidente?|president|ministre|minister|"
                        r"porte-parole|spokes\w+|secrétaire|secretary|ambassad\w+|général|"
                        r"general|command\w+|chef|head|leader|dirigeant|directeur|director)\b")


def _role(head: str) -> tuple[str, ...]:
    """The role a who-question asks by ("président", "spokesman"), as word prefixes."""
    m = _ROLE_ASKED.search(head)
    if not m:
        return ()
    hog = HEAD_OF_GOVERNMENT.search(m.group(1))
    before = m.group(1)[:hog.start()] if hog else ""
    if hog and not _SUBJECT_ASKED.match(m.group(0)) and not _ROLE_WORD.search(before) \
            and not re.search(r"(?i)(?:\bvice|\bdeputy)[\s-]*$", before):
        return PRIME_MINISTER  # the first role named, not a deputy, nor the one who acts
        # ("Qui le chef du gouvernement a-t-il nommé ...", "le porte-parole du Premier ministre")
    verb_next = m.group(0)[:3].lower() in ("qui", "who")  # "Qui commande ...": a verb
    if (own := re.search(r"['’]s\s+(?=[a-z])", m.group(1))) is not None \
            and _POSSESSOR_OPENS.fullmatch(m.group(1)[:own.start()]) and (
            role := _role_in(re.findall(r"[\wÀ-ÿ-]+", m.group(1)[own.end():]), False)):
        return role  # "President Tokayev's spokesman": the possessor's title is not asked
    return _role_in(re.findall(r"[\wÀ-ÿ-]+", m.group(1)), verb_next)


# ... when the possessor opens what is asked: "(what is) the name of President Tokayev('s)",
# "(who is) the Kremlin('s)", not "(who was) president when Kazakhstan('s)"
_POSSESSOR_OPENS = re.compile(r"\s*(?:(?:is|was|are|were|the|name|of)\s+)*"
                              r"(?:[A-ZÀ-Ý][\w.-]*+\s*+){1,4}")


def _role_in(words: list[str], verb_next: bool) -> tuple[str, ...]:
    """The role family of the first office word of `words` (`verb_next`: the first is a verb)."""
    for n, w in enumerate(words):
        if n == 0 and verb_next:
            continue
        key = fold(w)
        if key.startswith(_MINISTRY):  # "the Defence Ministry spokesman" asks for a spokesman
            continue
        vice = key.startswith("vice-") or bool(n and fold(words[n - 1]) == "vice")
        key = key.removeprefix("vice-")
        if key.startswith(_FOREIGN) and _group_of(
                words[n + 1] if key.startswith("foreig") and n + 1 < len(words)
                else words[n - 1] if key.startswith("etrang") and n > 0 else ""):
            continue  # "foreign forces", "des forces étrangères" are no office holder
        if key.startswith("oppos") and n + 1 < len(words):  # "the opposition leader": an
            return ("dissid", "oppos")  # opponent named as one, not the president
        if key.startswith("envoy") and not verb_next:  # "Which Russian envoy to Washington":
            return ("ambass", "emissa", "envoy")  # an ambassador or an envoy
        if key.startswith("dirigeant"):  # a leader: "le président chinois" is one
            return tuple(sorted(_ROLE_FAMILIES[0] | {"dirige"}))
        for family in _ROLE_FAMILIES:
            if any(key.startswith(k) for k in family):
                if key.startswith("secret") and n and fold(words[n - 1]) == "press":
                    family = family | _ROLE_FAMILIES[4]  # a press secretary is a spokesperson
                if vice:  # asked by "vice-": `_names_role` then takes a vice-president
                    family = family | {"vice"}
                return tuple(sorted(family))
    return ()


# The clause that says which holder of a role is asked: "le Premier ministre dont le
# gouvernement a été limogé par Tokaïev", "the spokesman who relayed the appeal on Twitter"
_ROLE_CLAUSE = re.compile(
    r"(?i)\b(?:ministre|président|porte-parole|chef|dirigeant|commandant|général|secrétaire|"
    r"minister|president|spokes\w+|leader|commander|general|secretary)\b[^,?]{0,30}?"
    r"\b(?:dont|qui|que|whose|who|that)\s+([^?]+)")
CLAUSE_PREFIX = 5  # the word starts compared ("limogé" and "limoger")
# a verb of saying picks out no one: every spokesman "s'est exprimé" ("la porte-parole de la
# Maison Blanche qui s'est exprimée sur le Kazakhstan" is answered by what she declared)
_SAYING = frozenset("expri decla affir annon indiq souli said state spoke comme parle talke "
                    "dit".split())


def role_clause(question: str, focus: Sequence[str]) -> frozenset[str]:
    """The content words (their first CLAUSE_PREFIX letters) of the clause that picks out the
    holder of the role asked; the focus names and short words left out."""
    m = _ROLE_CLAUSE.search(question)
    if not m:
        return frozenset()
    names = {fold_name(f) for f in focus}
    return frozenset(fold(w)[:CLAUSE_PREFIX] for w in re.findall(r"[\wÀ-ÿ]+", m.group(1))
                     if len(w) > 3 and fold(w) not in STOPWORDS and fold_name(w) not in names
                     and not w[0].isupper() and fold(w)[:CLAUSE_PREFIX] not in _SAYING)


# A role named after the verb: "appointed as the new prime minister", "nommé au poste de".
_AS_ROLE = re.compile(r"(?i)\b(?:as|comme|au poste de|en tant que|to be)\s+(.{0,40})")
# "Qui commande X ?", "Who commanded X?": the verb asks for whoever holds that role
# (not "Qui dirige l'Union soviétique ?": a leader is named without his title as often)
_LEADS = re.compile(r"(?i)^\s*(?:qui|who)\s+(command\w*)\b")
_COMMANDER = tuple(sorted({"comman", "genera", "chef"}))
_NEW_ROLE = re.compile(r"(?i)\b(?:new|nouveau|nouvel|nouvelle|next|prochain|prochaine)\s+"
                       r"(?:\w+\s+)?(?:prime|premier|president|président|minist|chef|head|"
                       r"leader|dirigeant|secr|command|général|general)")

_NAME_OF = re.compile(r"\b(?:name of|nom d[eu'’]|s['’]appel(?:le|lent|ait|aient))", re.I)
_MINISTER = tuple(sorted(_ROLE_FAMILIES[1]))
# A minister is asked by portfolio: the defence minister is not "l'ancien Premier ministre".
_PORTFOLIOS = [
    frozenset("defens defenc".split()),
    frozenset("interi".split()),
    frozenset("etrang foreig diplom".split()),
    frozenset("premie prime".split()),
    frozenset("financ".split()),
    frozenset("sante health".split()),
    frozenset("justic".split()),
    frozenset("econom".split()),
    frozenset("energi energy".split()),
    frozenset("educat".split()),
]


def _portfolio(head: str) -> tuple[str, ...]:
    for w in re.findall(r"[a-z0-9]+", fold(head)):
        for family in _PORTFOLIOS:
            if any(w.startswith(k) for k in family):
                return tuple(sorted(family))
    return ()


# "Who replaced X", "Qui a succédé à X", "Who was appointed the new ...": a sentence that says
# someone took over (or the one before it), not one that only names X or the post.
_SUCCESSION_ASKED = re.compile(r"(?i)\b(?:(?<!est-ce )(?<!ce )qui|who|quel(?:le)?s? pays|"
                               r"which country)\b.{0,40}\b"
                               r"(?:remplac|succ[éeè]d|nomm|appoint|replac|succeed|named|"
                               r"t(?:ook|akes?) over|pris la (?:tête|direction|relève)|"
                               r"prend la (?:tête|direction|relève))")
# A when-question about an end or a departure dates that event: "les unités arrivant jeudi et
# vendredi" does not say when the last troops left. (Starts and arrivals are paraphrased too
# freely to hold a sentence to: "s'installe à Paris" answers "arrive in Paris".)
_EVENTS = [
    re.compile(r"termin|\bfin\b|achev|\bend(?:s|ed)?\b|\bclos|conclu"),
    re.compile(r"quitt|\bd[e]parts?\b|\bretir|withdr|\bleav|\bleft\b|retrait|\bpull(?:ed|s|ing)?"
               r" out\b|\bpullout"),
    # a signing: "à quelle date l'accord a-t-il été signé", not the date troops left (last:
    # "quand les troupes sont-elles parties après l'accord signé" asks the departure)
    re.compile(r"\bsign(?:e|ee|ees|er|ed|ing|ature|ataires?|ent|erent|a)\b|\bratifi\w*"),
    # a restoration: "Quand l'accès à Internet a-t-il été rétabli ?" is not dated by the
    # outages ("dans un contexte de pannes d'Internet persistantes ... jeudi")
    re.compile(r"\bretabli\w*|\brestor\w*|\brestaur\w*|\breconnect\w*|"
               r"\bremis\w* en (?:service|ligne)|\bback online\b|\bcame back\b|"
               r"\bde nouveau (?:accessible|disponible)|\bresum(?:e|ed|es|ption)\b"),
]


# When or where someone was born or died is said with a word for it, or a life span after the
# name ("Carlo Gesualdo (1566-1613)"): a year or a place near the name is not that (a
# contemporary's dates, a battle of that year). (question pattern, sentence pattern), folded.
# ("né" folded is the "ne" of a negation: only after a verb or a comma, or before where or when)
_BORN = (r"(?:\b(?:est|etait|fut|sont|etaient|furent|soit|ait|etre|ete)\s+|^)nee?s?\b|"
         r"\bnee?s?\s+(?:en|a|au|aux|dans|le\s+(?:\d+|1er|premier)|\d+)\b|"
         r"\bnaissance|\bnaqu|\bnait\b|\bborn\b|\bbirth|"
         r"\(\s*(?:ne\s+)?(?:le\s+)?[^()]{0,20}\d{3,4}\s*[-–]")
# a publication, not "public" or "publicité"
_PUBLISHED = r"publi(?:e|ee|es|ees|er|ait|aient|a|erent|ant|cations?|shed|sh|shes|shing)"
_LIFE = [
    # "la Ligue du Nord est née en 1919": a body is born when it is created
    (re.compile(r"(?:^|\s)(?:la|le|les|l')\s*[^?]{0,50}\best nee?s?\b"),
     re.compile(_BORN + r"|\bcrea\w*|\bcree?s?\b|\bfond[ae]\w*|\bfonde\w*|\bfound\w*|"
                r"\bestablish\w*")),
    (re.compile(r"\b(?:est|etait|fut|was|were|is) nee?s?\b|\bnee?s? (?:en|le|a|au|dans)\b|"
                r"\bborn\b|\bbirth|\bnaissance|\bnaqu|\bnait\b"), re.compile(_BORN)),
    (re.compile(r"\b(?:die|died|dies|death|meurt|mourut|mort|morte|deced\w*|deces)\b"),
     re.compile(r"\b(?:die|died|dies|death|dead|meurt|mourut|meurent|mort|morte|morts|deced\w*|"
                r"deces|s'?eteint|tue|tuee|killed|assassin\w*|execute\w*|succomb\w*|"
                r"inhume\w*|funerailles|obseques)\b|"
                r"[-–]\s*(?:\d{1,2}(?:er)?\s+[a-z]+\.?\s+|[a-z]+\.?\s+\d{1,2},?\s+)?"
                r"\d{3,4}\s*\)")),
    # "En quelle année le cosmodrome a-t-il été construit ?": when it was built, not a date
    # of the threat against it
    (re.compile(r"\b(?:constru\w*|bati|batie|batis|baties|batir|built|build|inaugur\w*|"
                r"erige\w*|erected|edifie\w*|completed)\b"),
     re.compile(r"\b(?:constru\w*|bati\w*|built|build\w*|inaugur\w*|erig\w*|erect\w*|"
                r"edifi\w*|ouvert\w*|opened|achev\w*|complet\w*|termine\w*|crea\w*|cree?s?|"
                r"fond[ae]\w*|fonde\w*|found\w*|establish\w*|dat(?:e|ant|ent)\s+(?:de|du|des|"
                r"from|back)|mis\s+en\s+service|lance\w*|launch\w*)\b")),
    # "In what year did the movement first publish its proposal?": when it was published,
    # not the year the movement was founded
    (re.compile(r"\b(?:" + _PUBLISHED + r"|parut?|parution|parue?s?)\b"),
     re.compile(r"\b(?:" + _PUBLISHED + r"|parut?|parution|parue?s?|edite\w*|editions?|imprime\w*|"
                r"printed|issued|sorti|sortie|sortis|released?)\b")),
    # "Where is the CSTO headquartered?": where its seat is, not any place named beside it
    # ("based": troops are based where they are stationed)
    (re.compile(r"\b(?:headquarter\w*|hq|siege|sieges|seat)\b"),
     re.compile(r"\b(?:headquarter\w*|hq|siege|sieges|based|basee?s?|seat|quartier general|"
                r"installee?s?|sis|situee?s?)\b")),
]
# Where a meeting was held is said with a word for it: "Le bloc a son siège à Moscou" is not
# where its leaders met (blind9 b9_006, a trap). Asked of a place only: "When did Putin and
# Tokayev meet in Moscow, according to the photo caption?" is dated by a caption that says no
# meeting.
_WHERE_EVENTS = [
    # (people meeting each other: "Where did the CSTO leaders meet?", "se sont-ils réunis",
    # "se sont rencontrés", "la réunion de/des ...", "s'est tenue la réunion"; not "meet
    # resistance", "met by protesters", "meet the press", "meeting point", nor La Réunion)
    (re.compile(r"\b(?:meet|met)\b(?=\s*(?:\?|$|in\b|on\b|at\b|to\b|for\b|last\b|"
                r"this\b|that\b|after\b|before\b|during\b|when\b))|"
                r"\b(?:the|a|an|their|its) (?:emergency |extraordinary |first |last )?"
                r"meeting\b(?!\s+(?:point|place\s+for))|\bgathered\b|\bconvened\b|"
                r"\b(?:se|s')\s*(?:(?:sont|est|etaient|seraient|sera|seront)(?:-ils|-elles)?\s+)?"
                r"(?:reuni\w*|rencontre\w*|retrouve\w*)|"
                r"\breunions?\s+(?:de|des|du|d['’]|entre|extraordinaire|ministerielle|"
                r"d['’]urgence)\b|(?:tenue?s?|eu lieu|deroulee?s?)\s+(?:la|une|cette|leur)\s+"
                r"reunion\b"),
     re.compile(r"\breuni\w*|\breunion\w*|\bsommets?\b|\bmeetings?\b|\bmet\b|\bmeet\w*|"
                r"\bsummits?\b|\bconven\w*|\b(?:visio|video)-?conferences?\b|\bpourparlers\b|"
                r"\btalks\b|\bsessions?\b|\bconferences?\b|\bgather\w*|\brencontr\w*|"
                r"\bassemble\w*|\brassembl\w*|\bsieg\w*\s+(?:en|a|au)\s+session")),
]
_MARRIAGE = re.compile(r"\bmarr(?:y|ies|ied|iage)|\bwed(?:s|ded|ding)?\b|\bwife\b|\bhusband|"
                       r"\bepous|\bmari(?:e|es|ee|ees|age|ages|er|a|erent)?\b|\bconjoint|"
                       r"\bnoces\b|\bfianc")

# "What was the outcome of the talks in Geneva?" is answered by what they came to ("ont abouti
# à un accord", "se sont achevées sans résultat"), not by "discutent à Genève".
_OUTCOME_ASKED = re.compile(
    r"\b(?:outcomes?|results?|resultats?|issue|bilan)\s+(?:of|de|du|des|d')\s+(?:the\s+|la\s+|"
    r"les\s+|l')?(?:\S+\s+){0,4}?(?:talks|negotiations?|negociations?|pourparlers|discussions?|"
    r"meetings?|reunions?|rencontres?|summits?|sommets?|conferences?|entretiens?)\b"
    r"|\b(?:how did|comment se sont)\b[^?]{0,60}\b(?:talks|negotiations?|negociations?|"
    r"pourparlers|discussions?|meetings?|reunions?|summits?|sommets?|entretiens?)\b[^?]{0,20}"
    r"\b(?:end|terminee?s?|achevee?s?|conclu\w*)"
    # "What agreement came out of the talks?", "Qu'est-ce qui est ressorti des discussions ?"
    r"|\b(?:came out of|comes? out of|emerged? from|resulted? from|ressorti\w*|abouti\w*|"
    r"debouche\w*)\s+(?:\S+\s+){0,5}?(?:talks|negotiations?|negociations?|pourparlers|"
    r"discussions?|meetings?|reunions?|rencontres?|summits?|sommets?|conferences?|entretiens?)\b"
    # "Did the talks in Geneva end with an agreement?", "Les pourparlers ont-ils abouti à un
    # accord ?": whether they came to one
    r"|\b(?:talks|negotiations?|negociations?|pourparlers|discussions?|meetings?|reunions?|"
    r"summits?|sommets?|entretiens?)\b[^?]{0,60}\b(?:(?:end(?:ed)? (?:with|in)|reach(?:ed)?|"
    r"produced?|yield(?:ed)?|lead to|led to|abouti\w* a|se sont[- ]ils (?:conclus|termines) "
    r"(?:par|sur))\s+(?:an?|any|un|une|aucun)\s+(?:\w+\s+)?(?:agreements?|accords?|deal|"
    r"compromise|compromis|breakthrough)|ont[- ]ils abouti|did they succeed)\b"
    # "What agreement did the US and Russia reach at their Geneva talks?", "Quel accord ...
    # ont-ils conclu lors des pourparlers ?" (b56_027: not "discutent à Genève")
    r"|\b(?:what|which|quel(?:le)?s?)\s+(?:\w+\s+)?(?:agreements?|accords?|deals?|compromise|"
    r"compromis|breakthrough)\b[^?]{0,80}?\b(?:reach|conclu|trouv|struck|strike|came to|"
    r"come to|parven|abouti|obten|arriv)\w*\b[^?]{0,60}?\b(?:talks|negotiations?|"
    r"negociations?|pourparlers|discussions?|meetings?|reunions?|rencontres?|summits?|"
    r"sommets?|conferences?|entretiens?)\b")
_OUTCOME = re.compile(r"\b(?:abouti\w*|aboutir|conclu\w*|convenu\w*|accords?|agree\w*|"
                      r"deals?|pacts?|signed|(?:a|ont|have|has)\s+signe|struck|seal(?:ed|s)|"
                      r"settled\s+on|pledged|entendu\w*|adopt(?:ed|e|es|ee|ent)|approv\w*|"
                      r"endors\w*|obten\w*|obtain\w*|promis\w*|launch\w*|opte\w*|opted|"
                      r"establish\w*|etabli\w*|"
                      r"decid\w*|resultats?|results?|outcomes?|issue|echou\w*|echecs?|fail\w*|"
                      r"sold\w+ par|ended|termin\w+|achev\w+|impasse|deadlock|breakthrough|"
                      r"progres|progress)\b")

_MINISTRY = ("ministere", "ministry", "ministries")  # a ministry's spokesman is no minister


# What may stand between two parts of one name: a space, or a particle ("Pierre Du Bosc").
_NAME_GLUE = re.compile(r"\s+(?:(?:de|du|des|la|le|van|von|der|ben|bin|al|el|Du|De|Van|Von|Le|La|"
                        r"Al|El)\s+)?")

# Common nouns that title-case English capitalises in the names of things, not people
# ("the Titan Wars", "the Galapagos Islands", "the Champions League"), French too.
_TITLE_NOUNS = frozenset(fold(w) for w in """
    war wars cup islands island league olympics games championship championships award awards
    prize museum university college school academy institute river mountains mountain lake
    sea ocean bay revolution empire kingdom republic church cathedral council company club team
    festival bridge street square palace castle tower park hall party army navy force forces
    treaty act day movement society group series trophy tournament open grand prix order
    station airport hotel theatre theater opera orchestra band records prize guerre coupe iles
    ile ligue jeux championnat prix musee universite ecole academie institut fleuve riviere
    montagne lac mer ocean baie revolution empire royaume republique eglise cathedrale conseil
    compagnie societe equipe parti armee traite mouvement tour palais chateau pont rue place
    gare aeroport hotel theatre orchestre festival tournoi trophee
""".split())

_REGNAL = re.compile(r"[ivxlc]+|ier|ire|er")  # "Napoléon Ier", "Louis XIV": no surname

_MONTHS_DAYS = frozenset("""
    janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre january
    february march april may june july august september october november december lundi mardi
    mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday
    sunday
""".split())


# "Qui est Marie Dumoulin ?", "Who was Nursultan Nazarbayev?": the whole question is a name.
# (each word read whole, `*+`: "Who is AAAA...!" was split into up to four names in every
# way, n**4 steps: 100 capitals 1 s, 200 16 s, the server held meanwhile, review 52 G0)
_NAME_Q = r"(?:[A-ZÀ-Ý][\w’'-]*+\.?\s*+){1,4}"
_IDENTITY = re.compile(
    # (not an office: "Who was Chancellor, at the time when ...?", review 55)
    r"^\s*(?:(?i:qui est|qui était|qui etait|who is|who was|who's)\s+(?!(?:Chancellor|"
    r"Chancelier|President|Président|Pope|Pape|Prime|Premier|King|Roi|Queen|Reine|Mayor|Maire|"
    r"Emperor|Empereur|Governor|Gouverneur|Secretary|Secrétaire|Minister|Ministre)\b)" + _NAME_Q
    + r"|"
    # ... or what someone's post is: "What job does X hold?", "Quelle est la fonction de X ?"
    r"(?i:what (?:job|position|post|role|title|office|function)s?(?: or (?:[\w-]+ )?(?:job|"
    r"position|post|role|title|office|affiliation))? (?:does|did|do) )" + _NAME_Q
    + r"(?i:hold|have|occupy)\s*|"
    r"(?i:what is |what was |what's )" + r"(?:[A-ZÀ-Ý][\w-]*+\s*+){1,4}['’]s (?i:job(?: title)?|"
    r"position|post|role|title|function|occupation|profession)\s*|"
    r"(?i:what (?:is|was) the (?:job|position|post|role|title|function|occupation|profession) "
    r"of )" + _NAME_Q + r"|"
    r"(?i:quel(?:le)? (?:est|était) (?:la fonction|le poste|le métier|le rôle|le titre|la "
    r"profession|l['’]occupation) (?:de |d['’]))" + _NAME_Q + r"|"
    r"(?i:quel(?:le)? (?:poste|fonction|métier|profession) (?:occupe|occupait|exerce|exerçait) )"
    + _NAME_Q + r")(?:,[^?,]{1,160})?\?\s*$")  # "..., cité à propos du rôle de Genève ?"


# Asks whose answer belongs to someone or something: an age, a count, a date must be about the
# question's focus. (Who/where answers often sit in the sentence after the name: not applied.)
_ABOUT_SOMEONE = frozenset({"age", "number", "date", "year"})
# A body of people sent or acting for a country, which its nationality word pins down ("the
# Belarusian task force", "le contingent biélorusse"); not a role ("the Russian ambassador" is
# named as such by a sentence that never says Russia) nor a place's events ("the Kazakh riots")
_FORCE_NOUNS = re.compile(r"(?i)^(?:task[- ]forces?|contingents?|troops?|soldiers?|soldats?|"
                          r"forces?|paratroopers?|parachutistes?|peacekeepers?|army|armée|"
                          r"militaires?|military|units?|unités?|détachements?|detachments?|"
                          r"battalions?|bataillons?|groupes? de travail|task[- ]groups?)$")
# ... and a body someone belongs to: Goetschel's institute is not any body near his name
ABOUT_SOMEONE_ANSWERS = _ABOUT_SOMEONE | {"org", "organ", "hour", "duration"}
_INHABITANTS = re.compile(r"(?i)\b(?:habitants|inhabitants)\b")
# what asks a count besides a population word ("habitants" alone may be who did something)
_MANNER_ASKED = re.compile(r"(?i)^\s*+(?:par quels? moyens?|de quelles? (?:manières?|façons?)|"
                           r"comment\b|by what means|in what ways?|how\b(?!\s+(?:many|much|far|"
                           r"long|high|tall|old|often|big|large|soon|late|early|deep|wide)\b))")
_COUNT_WORD = re.compile(r"(?i)\b(combien|how (many|much)|nombre|number|population|quel(le)? "
                         r"(montant|part|proportion|pourcentage)|what (share|percentage|amount))")


# A "qui" after a noun is a relative pronoun ("Quel est le mouvement qui se considère ...",
# "les danses qui composent ..."): only one after a preposition or on its own asks who
_RELATIVE_QUI = re.compile(
    r"(?i)(?<![\w'’-])(?!(?:à|a|de|d|avec|par|pour|chez|contre|sur|vers|envers|entre|sans|"
    r"selon|auprès|après|avant|est-ce|ce|c['’]est|et|ou|ni)\s)([a-zà-ÿ][\w'’-]*)\s+qui\b")
