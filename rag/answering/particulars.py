"""Particulars a question asks by their noun, that a sentence must state to answer it: a
language ("In what language did Pashinyan post ...?", "En quelle langue ...?"), a frequency
("How often ...?", "À quelle fréquence ...?"), a route ("Par quel itinéraire ...?"), evidence
("What evidence did Tokayev offer ...?", "Sur quelles preuves ...?"), what polls showed
("Selon les sondages, ...?"), an aircraft ("What type of aircraft carried ...?"), sanctions
("What sanctions did the United States impose ...?"), the article of a named instrument
("Which article of the UN Charter ...?"), someone's schooling, a family tie, someone's own
words, an office held before and a rate ("per day", "pour 1 000 habitants";
traps_study54: t54_007, t54_008, t54_016, t54_027, t54_040, t54_009, t54_011,
t54_012). A sentence about the same people and events that
states none of these (the post itself, the phone call, the troops' arrival, the accusation)
does not answer (traps_study53: t53_013, t53_016, t53_041, t53_042, t53_025, t53_026,
t53_006, t53_007, t53_018, t53_019, t53_021, t53_022; traps_study51: t51_016, t51_018).
"""

from __future__ import annotations

import re

from rag.answering.charges import charges
from rag.answering.language import detect_language
from rag.answering.levels import LEVEL_ASKED, level_told
from rag.text import fold

_MACHINES = (r"(?:aircraft|planes?|airplanes?|helicopters?|jets?|tanks?|rifles?|guns?|cars?|"
             r"vehicles?|trucks?|engines?|rockets?|missiles?|drones?|ships?|submarines?)\s*")
_MAKERS = (r"Antonov|Iliouchine|Ilyushin|Tupolev|Soukhoï|Sukhoi|Mikoyan|MiG|Boeing|Airbus|"
           r"Lockheed|Embraer|Bombardier|Cessna|Dassault|Kamov|Mil|Yakovlev")
_ASKED: dict[str, re.Pattern[str]] = {
    "language": re.compile(r"(?i)\b(?:in|into)\s+(?:what|which)\s+languages?\b|"
                           r"\b(?:what|which)\s+languages?\b|\bquelles?\s+langues?\b"),
    "frequency": re.compile(r"(?i)\bhow\s+(?:often|frequently)\b|\bà\s+quelle\s+fréquence\b|"
                            r"\bavec\s+quelle\s+fréquence\b|\btous\s+les\s+combien\b"),
    "route": re.compile(r"(?i)\b(?:which|what|by\s+which|by\s+what)\s+(?:route|itinerary|"
                        r"path)\b|\bpar\s+quel(?:le)?s?\s+(?:itinéraire|route|chemin|voie|"
                        r"trajet)\b|\bquel(?:le)?s?\s+(?:itinéraire|trajet)\b"),
    "evidence": re.compile(r"(?i)\b(?:what|which)\s+(?:evidence|proof)\b|"
                           r"\bquel(?:le)?s?\s+preuves?\b|\bquels\s+éléments\s+de\s+preuve\b"),
    # (what polls said, not "When did the polls close?", "the Geological Survey of India")
    "poll": re.compile(r"(?i)\b(?:selon|d['’]après)\s+(?:les\s+|un\s+|des\s+|le\s+)?sondages?\b|"
                       r"\baccording\s+to\s+(?:the\s+|a\s+)?(?:opinion\s+)?polls?\b|"
                       r"\b(?:opinion\s+)?polls?\s+(?:show|showed|shown|suggest\w*|found|find)\b|"
                       r"\bsurveys?\s+(?:show|showed|found)\b|\bsondages?\s+(?:montr|indiqu|"
                       r"révél)\w*|\bsondages?\s+d['’]opinion\b|\bopinion\s+polls?\b"),
    # an aircraft model of a maker the question names ("Which Antonov aircraft model carried
    # ...?", "Quel modèle d'Iliouchine ...?"): the maker's name is none ("des vols d'Antonov
    # et d'Iliouchine"); makers whose models are numbered only (a car's may be a name: "la
    # Renault Clio"; "Quels modèles d'appareils ...?" is answered by makers: b44_032)
    "model": re.compile(r"(?i)\b(?:(?:which|what)\s+(?:" + _MAKERS + r")\s+(?:" + _MACHINES
                        + r")?models?|models?\s+of\s+(?:the\s+)?(?:" + _MAKERS + r")|"
                        r"quel(?:le)?s?\s+modèles?\s+(?:d['’]|de\s+)?(?:(?:avions?|appareils?|"
                        r"hélicoptères?)\s+)?(?:d['’]|de\s+)?(?:" + _MAKERS + r"))\b"),
    # where a flight landed ("Où les militaires ... ont-ils atterri ?", "Where did the task
    # force land?"): where it left from is none ("partent ... depuis la base aérienne d'Ayni");
    # not the land itself ("land area", "land border")
    "landing": re.compile(r"(?i)(?:\bwhere\b|\b(?:at|in|to|on)\s+(?:which|what)\b)[^?]{0,100}?"
                          r"(?:\b(?:did|do|does|will|would|could)\s+[^?]{1,80}?\bland\b(?!\s+"
                          r"(?:area|border|mass|reform|forces?|to|for|from|of)\b)|\blanded\b|"
                          r"\btouch(?:ed)?\s+down\b)|(?:\boù\b|\b(?:dans|à|sur)\s+quel(?:le)?s?\b)[^?]{0,100}?"
                          r"\b(?:atterri\w*|(?:se\s+sont(?:-(?:ils|elles))?|s['’]est(?:-(?:il|elle))?)\s+"
                          # (not "se sont posés en médiateurs", "posé la question")
                          r"posée?s?)\b(?!\s+(?:en|la|le|les|des|une?|comme|cette|ces|ce)\b)"),
    # a state before it changed ("Quel était le niveau d'alerte avant qu'il soit porté au
    # « bleu » ?", "Before Tokayev extended it nationwide, in which regions was ...?"): the
    # change itself tells only the state after it
    "prior_state": re.compile(r"(?i)\b(?:avant\s+(?:qu['’]|que\s+|d['’]|de\s+)|before\s+)"
                              r"[^?]{0,80}?\b(?:port[ée]e?s?|étend\w*|élargi\w*|relev[ée]\w*|"
                              r"abaiss[ée]\w*|augment[ée]\w*|extend\w*|expand\w*|rais\w*|"
                              r"increas\w*|lower\w*|widen\w*|upgrad\w*|escalat\w*)\b"),
    "aircraft": re.compile(r"(?i)\b(?:what|which)\s+(?:types?\s+of\s+|kinds?\s+of\s+|models?\s+"
                           r"of\s+)?(?:aircraft|planes?|airplanes?|helicopters?)\b|\bquel(?:le)?s?"
                           r"\s+(?:types?\s+d['’]|modèles?\s+d['’])?(?:avions?|hélicoptères?|"
                           r"appareils?\s+(?:militaires|aériens|volants|de\s+transport))\b"),
    "sanctions": re.compile(r"(?i)\b(?:what|which)\s+sanctions\b|\bquelles\s+sanctions\b"),
    # (the UN Charter, not "the CSTO charter": its treaty's articles; a constitution)
    "un_charter": re.compile(r"(?i)\b(?:which|what)\s+article\s+of\s+(?:the\s+)?(?:UN|U\.N\.|"
                             r"United\s+Nations)\s+charter\b|\bquel\s+article\s+de\s+la\s+"
                             r"charte\s+des\s+nations\b"),
    "constitution": re.compile(r"(?i)\b(?:which|what)\s+article\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?"
                               r"constitution\b|\bquel\s+article\s+de\s+la\s+constitution\b"),
    # someone's schooling ("Where did Earl Rasmussen study?", "Quelles études ... a-t-il
    # suivies ?"), not a study's findings ("What did the study find?", "Where did the
    # scientists study the virus?"), a party ("Quelle formation politique ...?") nor an extent
    # ("To what degree ...?")
    "education": re.compile(r"(?i)\bwhere\s+did\s+(?:[\w’'.-]+\s+){1,4}(?:study|graduate)\s*"
                            r"(?:\?|,|$|and\b)|(?<!to\s)(?<!in\s)\b(?:what|which)\s+(?:academic"
                            r"\s+)?degrees?\b(?!\s+of\b)|\b(?:what|which)\s+(?:university|"
                            r"universities|college)\b|\bquel(?:le)?s?\s+(?:études|diplômes?|"
                            r"universités?)\b|\boù\s+(?:[\w’'.-]+\s+){1,4}(?:a|avait)-t-(?:il|"
                            r"elle)\s+(?:étudié|fait\s+ses\s+études)\b"),
    # a family tie ("Massimov est-il un membre de la famille de Nazarbaïev ?"): an alliance
    # or an office is none (not "related to", said of causes and languages too)
    "kinship": re.compile(r"(?i)\bmembres?\s+de\s+(?:la\s+)?famille\b|\bfamily\s+members?\b|"
                          r"\bmembers?\s+of\s+(?:\w+['’]s\s+|the\s+\w+\s+|his\s+|her\s+)?"
                          r"family\b|"
                          # how two people are related ("What is Karim Massimov's family
                          # relationship to Nazarbayev?", "Quel lien de parenté ...?": an
                          # ally is no relative, t62_009/010)
                          r"\bfamily\s+(?:relationship|ties?|links?|connections?)\b|"
                          # (not "How is X related to Y?": a bloc, a cause, a law, review 59)
                          r"\bliens?\s+(?:de\s+parenté|familia(?:l|ux))\b"),
    # someone's own words ("What were Xi Jinping's exact words ...?", "Quels mots ... a-t-il
    # lui-même prononcés ?"): a sentence that reports them in its words gives none ("Quels
    # mots français viennent du gaulois ?" asks no one's)
    # someone's words in the English they were said in ("What were Blinken's exact original
    # English words ...?", "dans l'anglais original"): a French translation of the quote gives
    # them in other words (t61_031, t61_032)
    "original_english": re.compile(r"(?i)\A(?!\s*(?:when|who|where|why|quand|qui|où|pourquoi)\b)"
                                   r"(?![^?]{0,300}?\b(?:how\s+many|combien|(?:which|"
                                   r"what)\s+english\s+words?|quels?\s+mots?\s+anglais|"
                                   r"anglophones?|english-speaking)\b)"
                                   # (not a loanword's source, "From which English words does
                                   # 'redingote' come?", nor a French original translated
                                   # "en anglais", diff review 58 round 3)
                                   r"(?![^?]{0,300}?\b(?:comes?|derived?|derives|vien\w*|"
                                   r"dériv\w*|emprunt\w*|borrowed|tradui\w*|translated)\b)"
                                   r"(?=[^?]{0,300}?\borigina(?:l\w*|ux)\b)(?=[^?]{0,300}?"
                                   r"\b(?:english|anglais)\b)(?=[^?]{0,300}?\b(?:words|"
                                   r"wording|quote|quotation|mots|termes|citation|"
                                   r"formulation)\b)"),
    "verbatim": re.compile(r"(?i)\bexact\s+words\b|\bwords?\s+for\s+words?\b|\bverbatim\b|"
                           r"\bin\s+(?:his|her|their)\s+own\s+words\b|\btermes\s+exacts\b|"
                           r"\bmots\s+exacts\b|\bmot\s+pour\s+mot\b|\btextuellement\b|"
                           r"\bses\s+propres\s+(?:mots|termes)\b|\b(?:what|which)\s+words\b"
                           r"(?=[^?]{0,80}\b(?:say|said|use|used|utter\w*|speak|spoke|write|"
                           r"wrote|tweet\w*)\b)|\bquels\s+(?:mots|termes)\b(?=[^?]{0,80}"
                           r"\b(?:dit|pronon\w*|employ\w*|utilis\w*|écrit|tweet\w*|déclar\w*))"),
    # an office held before ("Quel poste Tokaïev occupait-il avant de devenir président ?"):
    # a sentence naming his present office gives none
    "prior_office": re.compile(r"(?i)\b(?:quel(?:le)?s?\s+(?:postes?|fonctions?|charges?|"
                               r"métiers?|professions?)|(?:what|which)\s+(?:posts?|positions?|"
                               r"offices?|jobs?|roles?|titles?))\b[^?]{0,100}?\b(?:avant|before|"
                               r"previously|auparavant|prior\s+to|until)\b"),
    # a rate ("how many ... per day", "per inhabitant", "pour 1 000 habitants", "en
    # moyenne"): a total over the whole is none (not "a day after", "in a week of unrest",
    # nor an average weight or duration: "Combien pèse en moyenne ...?")
    "rate": re.compile(r"(?i)\b(?:how\s+(?:many|much)|combien)\b[^?]{0,120}?"
                       r"(?:\b(?:per|each)\s+(?:[\w-]+\s+)?(?:day|week|month|year|hour|"
                       r"inhabitant|resident|capita|head|person)\b|(?<!in\s)(?<!within\s)"
                       r"(?<!over\s)(?<!for\s)\ba\s+(?:day|week|month|year|hour)\b(?!\s+"
                       r"(?:after|before|later|earlier|of|or)\b)|\bpar\s+(?:jour|semaine|mois|an|"
                       r"année|heure|habitant|tête|personne)\b|\bpour\s+(?:\d+(?:\s\d+)*|cent|"
                       r"mille)\s+habitants\b)|\b(?:how\s+many|combien\s+d(?:e\s+|['’])"
                       r"(?!temps\b))[^?]{0,120}?\b(?:on\s+average|en\s+moyenne)\b|"
                       r"\b(?:on\s+average|en\s+moyenne)\b[^?]{0,80}?\b(?:how\s+many|"
                       r"combien\s+d(?:e\s+|['’])(?!temps\b))"),
    # a price as it stood ("What did a gallon of gas cost ...?"): how much it rose is none
    "price_level": LEVEL_ASKED,
    # what one party proposed ("What measures did Putin propose to Tokayev?", "Quelles
    # mesures Poutine a-t-il proposées ?"): "les présidents ont échangé leurs points de vue"
    # tells no proposal (traps_study56 t56_029, t56_030)
    # (not "suggest", "offer": "what did the media suggest might be behind it", "what did Xi
    # offer Tokayev" ask what they said or gave)
    "proposal": re.compile(r"(?i)\b(?:what|which|quel(?:le)?s?)\b[^?]{0,80}?\bpropos(?:e|ed|"
                           r"ée?s?|é)\b"),
    # the speech something was said in ("In which speech did Tokayev announce ...?", "Dans
    # quel discours ...?"): a commentator's reading names none (t56_039, t56_040)
    # how a figure was arrived at ("How did the ICNL arrive at its estimate ...?", "Comment
    # l'ICNL a-t-il établi son estimation ?"): the figure itself tells no method (t58_029)
    # (a method's verbs only: "How did Paris reach a total of 2 million visitors?" asks how
    # it was achieved, review 55; the passive too: "How was the death toll calculated?")
    "method": re.compile(r"(?i)\bhow\s+(?:did|do|does|was|were|is|has|have|had)\b[^?]{0,80}?"
                         r"\b(?:arrive[ds]?\s+at|calculat\w*|comput\w*|establish\w*|"
                         r"derive[ds]?|compil\w*)\b[^?]{0,40}?\b(?:estimates?|figures?|numbers?|"
                         r"counts?|totals?|tolls?|tally)\b|\bhow\s+(?:was|were|is|are)\s+"
                         r"[^?]{0,60}?\b(?:estimates?|figures?|tolls?|counts?|numbers?|tally)\b"
                         r"[^?]{0,40}?\b(?:calculated|computed|established|compiled|arrived\s+at|"
                         r"derived|estimated)\b|\bcomment\b[^?]{0,80}?\b(?:établi|calculé|"
                         r"chiffré|évalué|compilé|élaboré|estimé)e?s?\b[^?]{0,40}?\b(?:"
                         r"estimations?|chiffres?|bilans?|nombres?|évaluations?|totaux|total|"
                         r"décomptes?)\b|\bcomment\s+(?:le|la|les|l['’]|ce|cette|ces)\s*[^?]{0,60}?"
                         r"\b(?:estimations?|chiffres?|bilans?|nombres?|décomptes?)\b[^?]{0,40}?"
                         r"-t-(?:il|elle|ils|elles)\s+(?:été\s+)?(?:établi|calculé|chiffré|évalué|"
                         r"compilé|estimé)e?s?\b"),
    # who a message went through ("Through whom did Xi convey his message?", "Par
    # l'intermédiaire de qui ...?"): who sent it and to whom tell no go-between (t58_005)
    "intermediary": re.compile(r"(?i)\b(?:through|via)\s+whom\b|\bpar\s+l['’]intermédiaire\s+"
                               r"de\s+qui\b|\bpar\s+le\s+biais\s+de\s+qui\b"),
    # who pays ("Who is paying for the mission?", "Qui finance la mission ?"): a sentence on
    # the mission that names no money tells no payer (t58_025)
    # (not "Who pays the price?", "Who is paid the most?", "Qui assume la présidence ?":
    # review 55)
    "funding": re.compile(r"(?i)\bwho\s+(?:will\s+|would\s+)?(?:be\s+)?(?:pays?\s+for|"
                          r"(?:is|was)\s+paying\s+for|paid\s+for|financ\w*|funds?|funding|"
                          r"funded|bankroll\w*|foots?\s+the\s+bill)\b|\bwho\s+(?:bears?|bore|"
                          r"covers?|covered)\s+the\s+costs?\b|\bqui\s+(?:finance|financera|"
                          r"finançait|a\s+financé|paie|paye|paiera|payera|a\s+payé)\b|"
                          r"\bqui\s+(?:prend\s+en\s+charge|supporte|assume)\s+(?:le\s+coût|les\s+"
                          r"coûts|les\s+frais|la\s+facture|le\s+financement|les\s+dépenses)\b"),
    # how many of those counted were hurt how badly ("How many of the 353 injured were
    # seriously wounded?"): a count of the injured tells no severity (t58_011)
    # (of people hurt, `_HURT_ASKED`: "How many buildings were badly damaged?" asks no wound)
    "severity": re.compile(r"(?i)\b(?:how\s+many|combien)\b[^?]{0,120}?\b(?:seriously|severely|"
                           r"critically|gravely|badly|lightly|slightly|grièvement|gravement|"
                           r"sérieusement|légèrement)\b|\b(?:grièvement|gravement|sérieusement|"
                           r"légèrement)\b[^?]{0,80}?\bcombien\b|"
                           r"\b(?:how\s+many|combien)\b[^?]{0,120}?\b(?:in\s+(?:critical|serious)"
                           r"\s+condition|dans\s+un\s+état\s+(?:grave|critique)|blessés\s+graves)\b"),
    # which programme, which unit ("Which programme does Dumoulin direct?", "À quelle unité
    # aéroportée appartenaient les parachutistes ?"): "directrice de programme", "des
    # parachutistes" name none (t58_039, t58_021); the noun is what is asked, not a word
    # before it ("Which ECFR programme director ...?")
    # (only a programme someone runs and a unit of soldiers: a unit of measure, a league's
    # division or a television programme is asked otherwise, review 55)
    "subunit": re.compile(r"(?i)\b(?:which|what)\s+(?:programmes?|programs?)\s+(?:does|did|do)\s+"
                          r"[^?]{1,60}?\b(?:direct|run|head|lead|manage|oversee)\b|\bquel(?:le)?s?\s+"
                          r"programmes?\s+[^?]{1,60}?\b(?:dirige|dirigeait|pilote|pilotait|"
                          r"gère|gérait|mène|menait)\w*|\b(?:which|what)\s+(?:[\w-]+\s+){0,2}"
                          r"(?:units?|divisions?|brigades?|regiments?|battalions?)\s+(?:did|does|do|"
                          r"was|were|is|are|has|had)\b[^?]{0,80}?\b(?:paratroopers?|soldiers?|"
                          r"troops?|marines?|commandos?|servicemen)\b|\bquel(?:le)?s?\s+(?:unités?|"
                          r"divisions?|brigades?|régiments?|bataillons?)\b[^?]{0,80}?\b(?:"
                          r"parachutistes|soldats|troupes|militaires|commandos|marines)\b"),
    "speech": re.compile(r"(?i)\b(?:in\s+(?:which|what)\s+(?:speech|address|broadcast)|"
                         r"(?:dans|lors\s+de)\s+quel(?:le)?\s+(?:discours|allocution|"
                         r"intervention))\b"),
    # an account's handle ("What is the Twitter handle of Aidos Ukibay?", "l'identifiant
    # Twitter de ..."): "a écrit ... sur Twitter" names the network, not the account
    # (traps_study59: t59_011, t59_012)
    # (a noun: not "How did Twitter handle the hacking?")
    "handle": re.compile(r"(?i)\b(?:twitter|telegram|instagram|tiktok|x|social\s+media)\s+"
                         r"(?:handles?|usernames?|user\s+names?)(?=\s+(?:of|for|is|was|does|"
                         r"did|used)\b|\s*[?,.]|$)|\busernames?\b|"
                         r"\bidentifiants?\s+(?:twitter|telegram|instagram|tiktok|x)\b|"
                         r"\bnoms?\s+d['’]utilisateur\b"),
    # a web address ("What is the web address of the link ...?", "Quelle est l'adresse web
    # ...?"): a sentence about the page's subject gives none (t59_029, t59_030)
    "url": re.compile(r"(?i)\b(?:web\s+address|url|hyperlink|web\s+link|adresse\s+(?:web|"
                      r"internet|url)|lien\s+(?:externe|hypertexte|web|internet))s?\b"),
    # who made the first move ("Who initiated the call ...?", "Qui a pris l'initiative de
    # ...?"): a sentence that the two spoke does not say (t59_019, t59_020)
    # (of a call, a meeting or talks: `_CONTACT_ASKED`; not "Who initiated the lawsuit?")
    "initiator": re.compile(r"(?i)\bwho\s+(?:initiated|instigated|took\s+the\s+initiative|"
                            r"placed\s+the\s+call|made\s+the\s+(?:first\s+)?call|requested\s+"
                            r"the\s+call)\b|\bat\s+whose\s+(?:initiative|request)\b|"
                            r"\bqui\s+a\s+(?:pris\s+l['’]initiative|initié|sollicité\s+"
                            r"l['’]entretien)\b|\bà\s+l['’]initiative\s+de\s+qui\b|"
                            r"\bà\s+la\s+demande\s+de\s+qui\b"),
    # who put the questions ("Which journalist interviewed Earl Rasmussen for Sputnik?"):
    # "a déclaré à Sputnik" names the outlet, not its journalist (t59_021, t59_022)
    "interviewer": re.compile(r"(?i)\b(?:which|what)\s+(?:journalists?|reporters?|"
                              r"correspondents?|interviewers?)\b|\bwho\s+interviewed\b|"
                              r"\bquel(?:le)?s?\s+(?:journalistes?|reporters?|correspondant(?:e|es|s)?)\b|"
                              r"\bqui\s+a\s+interviewé\b|\binterviewée?s?\s+par\s+qui\b"),
    # a vote's tally ("How many votes were cast for and against ...?", "Combien de voix
    # pour et contre ...?"): a decision taken tells no count (t59_015, t59_016)
    "votes": re.compile(r"(?i)\bhow\s+many\s+(?:votes|ballots)\b|\bcombien\s+de\s+(?:voix|"
                        r"votes|bulletins)\b|\b(?:vote|voting)\s+(?:count|tally|breakdown)\b|"
                        r"\b(?:décompte|résultat)\s+(?:des\s+voix|du\s+vote|du\s+scrutin)\b"),
    # a broadcaster ("On which television channel was ... broadcast?", "Sur quelle chaîne
    # ...?"): "une allocution télévisée" names none (t59_023, t59_024)
    # (a broadcaster: not "Through which channels did the money reach ...?", "Quelle chaîne
    # de montagnes", "Quelle station spatiale")
    "channel": re.compile(r"(?i)\b(?:which|what)\s+(?:tv|television|radio|news)\s+(?:channels?|"
                          r"networks?|stations?)\b|\b(?:which|what)\s+broadcasters?\b|"
                          r"\b(?:which|what)\s+channels?\b[^?]{0,80}?\b(?:broadcast\w*|air(?:ed|s)?|"
                          r"televised|showed|shown|carried)\b|\bquelles?\s+(?:chaînes?\s+(?:de\s+"
                          r"(?:télé\w*|radio|tv|info\w*)|tv|télé\w*|d['’]info\w*)|radios?|stations?"
                          r"\s+de\s+radio)\b|\bquelles?\s+chaînes?\b[^?]{0,80}?\b(?:diffus\w*|"
                          r"retransm\w*|émissions?|télévis\w*)|\bquels?\s+(?:diffuseurs?|médias?\s+"
                          r"audiovisuels?)\b"),
    # a name in another language or script ("What is the Russian-language name of ...?",
    # "le nom en russe de ...?"): the name as the article writes it is not (t59_009, t59_010)
    "native_name": re.compile(r"(?i)\b(?:russian|kazakh|chinese|ukrainian|belarusian|"
                              r"armenian|arabic|tajik|kyrgyz|uzbek)(?:-language\s+(?:names?|"
                              r"titles?)|\s+(?:names?|spelling))\b|\b(?:names?|titles?)\s+in\s+"
                              r"(?:russian|kazakh|chinese|ukrainian|belarusian|armenian|arabic|"
                              r"tajik|kyrgyz|uzbek)\b|\b(?:noms?|appellations?|intitulés?|"
                              r"titres?\s+(?:original|officiel))\s+(?:original\s+|officiel\s+)?"
                              r"en\s+(?:russe|kazakh|chinois|ukrainien|biélorusse|arménien|arabe|"
                              r"tadjik|kirghiz|ouzbek)\b|\bnoms?\s+(?:russe|kazakh|chinois)s?\b"),
    # a street address ("What is the street address of the US mission in Geneva?", "Quelle
    # est l'adresse de la mission ...?"): the building named is none (traps_study60 t60_015,
    # t60_016); not a web or e-mail address, nor a speech (diff review 57)
    "address": re.compile(r"(?i)\b(?:street|postal|mailing|physical)\s+address\b|"
                          r"\b(?:what\s+is\s+the\s+address\s+of|at\s+what\s+address)\b(?!\s+"
                          r"(?:the\s+)?(?:web\s*site|site|portal|page|e-?mail|mail|telegram|channel|account)\b)|"
                          r"\b(?:quelle\s+est\s+l['’]|à\s+quelle\s+)adresse\b(?!\s+(?:web|"
                          r"e-?mail|mail|courriel|électronique|ip|url|internet|bitcoin|du\s+site|"
                          r"de\s+la\s+page|du\s+portail|du\s+compte|de\s+la\s+chaîne)\b)"),
    # what protesters chanted or wrote ("What slogans did the protesters chant?", "Quels
    # slogans ...?"): that they protested tells none (t60_031, t60_032); not what a slogan
    # the question quotes means (review 57)
    "slogan": re.compile(r"(?i)\bslogans?\b(?!\s*[«“\"'‘])(?!\s+(?-i:[A-Z]))|"
                         r"\b(?:what|which)\s+(?:[\w-]+\s+){0,4}?"
                         r"(?:did|do|were)\s+[^?]{0,60}?\bchant(?:ing)?\b|\bqu['’]est-ce\s+que\s+"
                         r"[^?]{0,60}?\bscand\w*|\bque\s+scand\w*"),
    # an honorific title ("What honorific title does Nazarbayev hold?", "Quel titre
    # honorifique ...?"): his office is none (t60_021, t60_022)
    "honorific": re.compile(r"(?i)\bhonorific\b|\bhonorary\s+titles?\b|\btitres?\s+"
                            r"honorifiques?\b"),
    # a post's audience ("How many retweets and likes did the tweet get?", "Combien de
    # « j'aime » ...?"): the post itself tells none (t60_007, t60_008); not a company's
    # shares nor a faith's followers (review 57)
    "engagement": re.compile(r"(?i)\b(?:how\s+many|combien\s+de)\b[^?]{0,40}?(?:\b(?:likes|"
                             r"retweets?|reposts?|views|partages|vues|mentions\s+j['’]aime)\b|"
                             r"j['’]aime\b)"),
    # a currency's exchange rate ("How did the tenge's exchange rate react?", "Comment le
    # taux de change du tenge ...?"): aid given in dollars tells none (t60_009, t60_010)
    "exchange_rate": re.compile(r"(?i)\bexchange\s+rates?\b|\btaux\s+de\s+change\b"),
    # what someone is charged with ("What charges were brought against the 3,811 people
    # detained?", "De quels chefs d'accusation ...?"): the arrest itself tells none (t60_025,
    # t60_026)
    # (a charge in law: brought, faced or laid, or "charged with" ending the question; not a
    # fee, nor a committee "charged with" a task, review 57)
    "charges": re.compile(r"(?i)\b(?:what|which)\s+(?:criminal\s+)?charges?\b(?=[^?]{0,60}?\b(?:"
                          r"brought|filed|laid|pressed|faces?|facing|faced|against|arrested|"
                          r"detained|held|convicted|indicted)\b)|\bcharged\s+with\s+what\b|"
                          r"\bwhat\s+(?:were|was|are|is|have|has)\s+[^?]{1,60}?\b(?:charged|"
                          r"indicted)\s+with\s*\?|\bchefs?\s+d['’]accusation\b|"
                          r"\bde\s+quoi\s+[^?]{0,60}?\b(?:inculpée?s?)\b"),
    # the official name of a thing ("What is the official name of the conference ... in
    # Lugano?", "Quel est le nom officiel ...?"): "une conférence sur les réformes" names it
    # by its subject only (traps_study58 t58_015, t58_016)
    "official_name": re.compile(r"(?i)\bofficial\s+(?:names?|titles?)\b|\bnoms?\s+officiels?\b|"
                                r"\bintitulés?\s+officiels?\b|\bappellations?\s+officielles?\b|"
                                r"\btitres?\s+officiels?\b"),
    # where someone was born ("Dans quelle ville Tokaïev est-il né ?", "Where was Tokayev
    # born?"): a sentence about him that gives no birth says nothing of it (t61_003, t61_004)
    "birthplace": re.compile(r"(?i)\bwhere\s+(?:was|were|is)\b(?![^?]{0,60}?\b(?:compan\w*|"
                             r"firms?|movements?|ideas?|projects?|businesse?s?|bands?|brands?|"
                             r"start-?ups?|babies|baby|children|newborns?|\w+ism|jazz|blues|"
                             r"rock|genres?|styles?|games|olympics|tour|races?|sports?|"
                             r"tournaments?|dances?|music|religions?|languages?|traditions?|"
                             r"groups?|teams?|clubs?|part(?:y|ies)|organi[sz]ations?)\b)"
                             # (someone: a name or "the president", not "the Renaissance",
                             # "jazz"; and "born" ends the question: not "Where was Louis XIV,
                             # born in 1638, crowned?", diff review 58 round 3)
                             r"(?!\s*the\s+(?-i:[A-Z]))(?=\s*(?-i:[A-Z])|\s*(?:the|his|her|"
                             r"their|its)\s)[^?]{1,80}?\bborn\b(?=\s*(?:\?|$))|"
                             r"\b(?:in|at)\s+(?:which|what)\s+(?:city|town|village|country|"
                             r"region|province|place)\b(?![^?]{0,60}?\b(?:compan\w*|firms?|"
                             r"movements?|ideas?|projects?|businesse?s?|bands?|brands?|"
                             r"start-?ups?|babies|baby|children|newborns?|\w+ism|jazz|"
                             r"genres?|styles?|games|olympics|sports?|groups?|teams?|clubs?|"
                             r"bands?)\b)[^?]{1,80}?\bborn\b(?=\s*(?:\?|$))|"
                             # (the birthplace asked, not a question about a hometown: "What did
                             # protesters burn in the president's hometown?", diff review 58)
                             r"\b(?:what|which)\s+(?:is|was)\s+(?:[\w'’.-]+\s+){0,4}?(?:birthplace|"
                             r"place\s+of\s+birth|home\s*town|native\s+(?:city|town|village))"
                             r"(?:\s+of\s+(?!the\s+(?-i:[A-Z])|(?:the\s+)?(?:band|group|team|"
                             r"club)\b)[^?]{1,60})?\s*\?|"
                             # (of someone: not a movement "né à Janaozen", review 58)
                             r"\b(?:où|dans\s+quel(?:le)?\s+(?:ville|pays|village|région|province|"
                             r"localité))\b(?![^?]{0,60}?\b(?:mouvements?|idées?|projets?|"
                             r"conflits?|crises?|manifestations?|protestations?|contestations?|"
                             r"révoltes?|partis?|groupes?|organisations?|concepts?|traditions?|"
                             r"festivals?|rumeurs?|incendies?|troubles|émeutes?|soulèvements?|"
                             r"entreprises?|sociétés?|forums?|usines?|fusées?|enfants?|bébés?|"
                             r"nouveau-nés?|marques?|start-?ups?|associations?|initiatives?|"
                             r"\w+ismes?|jeux|genres?|styles?|courants?|écoles?|sports?|"
                             r"tournois?|courses?|danses?|musiques?|religions?|langues?|"
                             r"équipes?|clubs?|tours?)\b)"
                             # (not a maiden name: "Marie Curie, née Skłodowska", round 3)
                             r"[^?]{1,80}?(?<![\w-])née?s?\b(?!\s+(?-i:[A-ZÀ-Ý]))|"
                             r"\bquel(?:le)?\s+(?:est|était)\s+(?:le\s+lieu\s+de\s+naissance|"
                             r"la\s+ville\s+natale)\b(?!\s+(?:du|de\s+la|des)\s+(?:groupe|"
                             r"équipe|club|formation)\b)"),
    # the penalty the law provides ("What is the maximum penalty for treason ...?", "Quelle
    # est la peine maximale prévue ... ?"): an arrest "pour trahison" gives none (t61_021,
    # t61_022)
    # (a penalty at law: not "the maximum sentence length in a tweet", nor "Quelle peine les
    # secouristes ont-ils eue ?", sorrow or effort, review 58)
    "penalty": re.compile(r"(?i)\b(?:maximum|minimum|maximal|harshest|heaviest|possible)\s+"
                          r"(?:prison\s+|jail\s+|legal\s+)?(?:penalty|penalties|sentence|"
                          r"punishment)\b(?!\s+(?:length|a\s+team|for\s+(?:a|the)\s+(?:team|club|"
                          r"player|foul)))(?!\s+(?:area|areas|kick|kicks|box|shoot|spot|shot|"
                          r"corner|try|tries|point|points|minutes?)\b)"
                          # (a sport's or a game's: "a player can receive in football", round 3)
                          r"(?![^?]{0,60}?\b(?:referee|tweet|press\s+release|"
                          r"federation|league|fifa|uefa|players?|football|soccer|rugby|chess|"
                          r"tennis|basketball|hockey|game|match|tackle|foul|card)\b)|"
                          r"\bpeines?\s+(?:de\s+prison\s+)?(?:maximale?s?|minimale?s?|maximum|"
                          r"minimum|encourues?|prévues?|possibles?)\b|"
                          r"\bquelles?\s+(?:peines?|sanctions?\s+pénales?)\b(?!\s+de\s+cœur)"
                          r"(?![^?]{0,80}?\b(?:carton|cartons|match|joueurs?|rugby|football|"
                          r"arbitre|échecs|partie)\b)"
                          r"(?=[^?]{0,80}?\b(?:encour\w*|risqu\w*|prévu\w*|condamn\w*|inflig\w*|"
                          r"prononc\w*|reçu\w*|écop\w*|requi\w*|purg\w*|loi|code|pénal\w*|"
                          r"tribunal|cour|juge\w*|pour\s+(?:trahison|meurtre|vol|fraude|"
                          r"corruption|terrorisme|\w+tion)|maximale?|minimale?|prison)\b)|"
                          r"\b(?:risque|encour\w*|faces?|risks?)\s+quelle\s+peine\b"),
    # the number an act bears ("What is the number of the decree by which ...?", "Quel est le
    # numéro du décret ...?"): the decision told gives none (t61_025, t61_026)
    # (not a count of the people or things an act is about: "the number of the martial law
    # checkpoints", "the Order of Lenin recipients", review 58)
    "act_number": re.compile(r"(?i)\b(?:number|numéro|n°)\s+(?:of\s+the\s+|du\s+|de\s+la\s+|"
                             r"de\s+l['’]\s*)(?:[\w-]+\s+)?(?:decree|executive\s+order|order|"
                             r"law|resolution|bill|ordinance|décret|loi|ordonnance|résolution|"
                             r"arrêté|projet\s+de\s+loi)\b(?!['’]|\s+(?:enforcement|schools?|firms?|students?|"
                             r"facult(?:y|ies)|professors?|degrees?|clerks?|offices?|officers?|"
                             r"makers?|courts?)\b)"
                             r"(?!\s+(?:of\s+\w+\s+)?(?-i:[a-z]+s)\b(?<!\bis)(?<!\bwas))|"
                             r"\b(?:decree|resolution|bill|law|order)\s+number\b"),
    # a body's budget ("What is the CSTO's annual budget?", "Quel est le budget annuel de
    # l'OTSC ?"): what it was formed for or who sits in it gives none (t61_009)
    # (the budget asked: not "Quel ministre a présenté le budget ?", review 58)
    "budget": re.compile(r"(?i)\b(?:what|how\s+(?:much|large|big))\s+(?:is|was|are|were|will\s+"
                         r"be)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,4}?budgets?\b(?!\s+(?:deficits?|"
                         r"surplus\w*|airlines?|hotels?|votes?|"
                         r"committees?|cuts?|gaps?|shortfalls?|debates?|negotiations|talks|"
                         r"bills?|proposals?|crisis|carriers?|chains?|options?|travel|"
                         r"versions?|constraints?|balance|targets?|rules?)\b)|"
                         r"\bquel(?:le)?\s+(?:est|était|sera|a\s+été)\s+(?:le\s+)?(?:montant\s+"
                         r"du\s+)?budget\b|\bà\s+combien\s+s['’]él[èe]ve\s+(?:le\s+)?budget\b|"
                         r"\bquel\s+budget\b"),
    # the time before a dated one that it last happened ("Before January 2022, when had
    # Kazakhstan last declared a state of emergency?", "Avant janvier 2022, quand ... pour la
    # dernière fois ?"): the one reported gives no earlier one (t61_013, t61_014)
    "previous_time": re.compile(r"(?i)\A(?=[^?]{0,300}?\b(?:when|quand|what\s+year|which\s+"
                                r"year|en\s+quelle\s+année|quelle\s+année|what\s+date|à\s+"
                                r"quelle\s+date)\b)(?=[^?]{0,300}?\b(?:before|avant|prior\s+"
                                r"to)\s+(?:(?:january|february|march|april|may|june|july|"
                                r"august|september|october|november|december|janvier|février|"
                                r"mars|avril|mai|juin|juillet|août|septembre|octobre|"
                                r"novembre|décembre)\s+)?(?:1[89]|20)\d\d\b)(?=[^?]{0,300}?"
                                r"\b(?:last|dernière\s+fois|previous(?:ly)?|précédent\w*|"
                                r"précédemment|auparavant)\b)"),
    # the apps or networks a service cut hit ("Which messaging apps and social networks were
    # blocked ...?"): a sentence saying the Internet was blocked names none (t62_011/012);
    # only of a blocking or a use ("Quelles applications industrielles ...?" asks uses, and a
    # website may be a newspaper's, review 59)
    "apps": re.compile(r"(?i)(?:\b(?:which|what)\s+(?:messaging\s+|social\s+|online\s+|"
                       r"mobile\s+)?(?:apps?|messengers?|messaging\s+services?|"
                       r"social\s+(?:networks?|media))\b|"
                       r"\bquel(?:le)?s?\s+(?:messageries?|applis?|applications\s+(?:de\s+"
                       r"messagerie|mobiles)|réseaux\s+sociaux)\b)(?=[^?]{0,200}?\b(?:bloqu|"
                       r"block|bann|interdi|restrict|coup|cut|shut|censur|censor|suspend|"
                       r"throttl|ralenti|us(?:e|ed|ing)\b|utilis|download|télécharg|install))"),
    # what the damage was worth ("What was the estimated value, in dollars, of the material
    # damage ...?", "À combien de dollars ont été estimés les dégâts ...?"): "de lourdes pertes
    # matérielles" gives no sum, and a sum of aid is no damage (t62_023/024)
    # (not "Combien de pertes l'armée a-t-elle subies ?": the dead, review 59)
    "damage_value": re.compile(r"(?i)\b(?:value|cost|worth|amount|sum|montant|coût|valeur|"
                               r"à\s+combien)\b[^?]{0,80}?\b(?:damages?|dégâts|"
                               r"dommages?|pertes|losses)\b|\b(?:damages?|dégâts|dommages?|"
                               r"pertes|losses)\b[^?]{0,60}?\b(?:estimated|estimée?s?|"
                               r"valued|évaluée?s?|chiffrée?s?|worth|cost)\b"),
    # whether a meeting was held in person or remotely ("... in person or by
    # videoconference?"): talks reported without their form give none (t62_027/028)
    "modality": re.compile(r"(?i)\bin\s+person\s+or\s+(?:by|via|over|online|remotely|"
                           r"virtually)\b|\ben\s+personne\s+ou\b|\bface[\s-]to[\s-]face\s+or\b|"
                           r"\b(?:video|visio)[\s-]?conf\w*\s+or\s+in\s+person\b|"
                           r"\bpar\s+(?:visio|vidéo)[\s-]?conf\w*\s+ou\b"),
    # why something was not done ("Why did Russian military officials not provide a precise
    # list ...?"): a sentence that only concedes it was not ("Bien qu'aucune liste précise ...
    # n'ait été fournie, ...") gives no reason (traps_study61 t61_001/002); the negation is
    # the main clause's (not "LPG, which had not been capped", "Pas-de-Calais", review 59)
    "reason_not": re.compile(r"(?i)\A\s*(?:why\s+(?:did|does|do|was|were|is|are|has|have|had|"
                             r"would|could|will|can)(?:n['’]t\b|\s+[^?,]{1,80}?\s(?:not|never)\b)|"
                             r"(?:pourquoi|pour\s+quelles?\s+raisons?)\s+(?![^?,]*\bqui\b)"
                             r"[^?,]{0,80}?\b(?:ne\s+|n['’])[\w-]+(?:\s+[\w-]+)?\s+(?:pas|jamais|"
                             r"plus)\b)"),
}
# (a state is asked, not words said or a deed done before the change: "What did Tokayev say
# before raising the alert?")
# ... of the thing whose change the question tells, named again by a pronoun ("before it
# was raised", "Before Tokayev extended it", "avant qu'il soit porté"): not another's
# ("What was the capital of Brazil before Brasília was expanded?")
_CHANGED_ITSELF = re.compile(r"(?i)\bbefore\s+(?:it|they)\b|\bbefore\s+[^?]{0,40}?\b\w+ed\s+"
                             r"(?:it|them)\b|\bavant\s+qu['’](?:il|elle|ils|elles)\b|"
                             r"\bavant\s+de\s+l['’]|\bavant\s+que\s+[^?]{0,40}?\bne\s+l['’]")
_STATE_ASKED = re.compile(r"(?i)\b(?:était|étaient|was|were|had\s+been|en\s+vigueur|"
                          r"in\s+force|in\s+place)\b")
_LANGUAGES = (
    "russe|kazakh|kazakhe|anglais|francais|chinois|ukrainien|armenien|allemand|espagnol|"
    "italien|arabe|turc|ouzbek|kirghiz|tadjik|persan|latin|grec|hebreu|japonais|coreen|"
    "portugais|polonais|biélorusse|bielorusse|russian|kazakh|english|french|chinese|"
    "ukrainian|armenian|german|spanish|italian|arabic|turkish|uzbek|kyrgyz|tajik|persian|"
    "greek|hebrew|japanese|korean|portuguese|polish|belarusian|akkadien|akkadian|sumerien|"
    "sumerian|mandarin|cantonais|cantonese|hindi|swahili|basque|breton|occitan|catalan|"
    "neerlandais|dutch|flamand|flemish|suedois|swedish|norvegien|norwegian|danois|danish|"
    "finnois|finnish|hongrois|hungarian|roumain|romanian|tcheque|czech|slovaque|slovak|serbe|"
    "serbian|croate|croatian|bulgare|bulgarian|bengali|ourdou|urdu|vietnamien|vietnamese|thai|"
    "malais|malay|indonesien|indonesian|yiddish|gaelique|gaelic|gallois|welsh|irlandais|irish|"
    "quechua|sanskrit|tamoul|tamil|farsi|pachto|pashto|mongol|georgien|georgian|azeri|letton|"
    "lituanien|estonien|albanais|islandais|maltais|berbere|amazigh|wolof|haoussa|hausa|zoulou|"
    "zulu|afrikaans|esperanto|creole|provencal|corse|alsacien|picard|wallon")
# a short quote, as a slogan or a name is ("« Shal, ket ! »", "'We can’t wait'"; not a
# statement quoted at length)
_SHORT_QUOTE = (r"«[^«»]{2,60}»|“[^“”]{2,60}”|\"[^\"]{2,60}\"|"
                r"(?<!\w)['‘](?:[^'’]|['’]\w){3,60}['’](?!\w)")
_TOLD: dict[str, re.Pattern[str]] = {
    # (folded text) a language named after "en"/"in", or the word itself
    "language": re.compile(r"\b(?:langues?|languages?|linguisti\w*|dialectes?|dialects?|"
                           r"parl\w*\s+(?:le\s+|l.|en\s+)?(?:" + _LANGUAGES + r")|"
                           r"(?:speak\w*|spoken|spoke)\s+(?:in\s+)?(?:" + _LANGUAGES + r")|"
                           r"russophone\w*|anglophone\w*|francophone\w*|"
                           r"(?:en|in)\s+(?:" + _LANGUAGES + r")|(?:en|in)\s+[a-z]{3,}ien|"
                           r"(?:traduction|version|texte|edition|termes?|mots?|noms?|expressions?|traduit\w*|ecrit\w*|"
                           r"redige\w*)"
                           r"\s+(?:\w+\s+)?(?:en\s+)?(?:" + _LANGUAGES + r")(?:ne|e)?s?|"
                           r"(?:" + _LANGUAGES + r")\s+(?:translation|version|text|edition|"
                           r"words?|terms?|names?))\b"),
    "frequency": re.compile(r"\b(?:chaque|tous\s+les|toutes\s+les|every|each)\s+(?:\w+\s+)?"
                            r"(?:jours?|semaines?|mois|ans?|annees?|heures?|minutes?|secondes?|"
                            r"saisons?|decennies?|siecles?|day|week|month|year|hour|minute|"
                            r"second|season|decade|centur(?:y|ie)|fois|time)s?\b|\b(?:par|per|a)\s+(?:jour|semaine|mois|"
                            r"an|annee|day|week|month|year)\b|\b(?:quotidien\w*|hebdomadaire\w*|"
                            r"mensuel\w*|annuel\w*|trimestriel\w*|semestriel\w*|bienna\w*|"
                            r"bimensuel\w*|biannual\w*|quarterly|daily|weekly|monthly|annually|"
                            r"yearly|"
                            r"regulierement|regularly|frequemment|frequently|souvent|often|"
                            r"rarement|rarely|occasionally|parfois|sometimes)\b|"
                            r"\b\d+\s+fois\b|\b\w+\s+times\s+(?:a|per)\b"),
    "route": re.compile(r"\b(?:via|en\s+passant\s+par|pass\w*\s+par|travers\w*|franchi\w*|"
                        r"long\w*\s+(?:la|le|les)|cross\w*|transit\w*|through|by\s+way\s+of|"
                        r"itineraires?|itinerary|routes?|trajets?|survol\w*|overfl\w*|"
                        r"par\s+la\s+(?:route|voie|mer|air)|by\s+(?:road|rail|air|sea))\b"),
    # ("à l'évidence", "de toute évidence", "mettre en évidence" say obviously, not evidence)
    "evidence": re.compile(r"\b(?:preuves?|prouv\w*|(?<!l['’])(?<!toute\s)(?<!en\s)evidence|"
                           r"proofs?|prove[sdn]?|proving|"
                           r"attest\w*|demontr\w*|demonstrat\w*|temoign\w*|indices?|"
                           r"s.appui\w*\s+sur|appuy\w*\s+sur|fond\w+\s+sur|based\s+on|"
                           r"rel(?:y|ies|ied)\s+on)\b"),
    "poll": re.compile(r"\b(?:sondages?|polls?|polling|surveys?|enquetes?\s+d.opinion|"
                       r"interrogee?s|respondents|sondee?s|ifop|ipsos|gallup|yougov|levada|"
                       r"harris|bva|odoxa|elabe)\b"),
    # (a designation: "An-124", "Il-76", "Su-25", "T-72", "A320"; or a model named)
    "model": re.compile(r"\b(?:[a-z]{1,4}-\d{1,4}[a-z]?|[a-z]{1,3}\d{2,4}[a-z]?|"
                        r"(?:" + _MAKERS.lower() + r")\s+\d{2,4}|modeles?|models?|versions?|"
                        r"variantes?|variants?|series)\b"),
    "landing": re.compile(r"\b(?:atterri\w*|land(?:ed|ing|s)?|touch\w*\s+down|pose\w*|"
                          r"arriv\w*|debarqu\w*|deploy\w*|achemin\w*|flown\s+(?:in|to)|"
                          r"reach\w*|atteint\w*|abord\w*|accost\w*|ashore|storm\w*|"
                          r"splash\w*|amerri\w*|largu\w*|parachut\w*)\b"),
    "prior_state": re.compile(r"\bavant\s+(?:son|sa|ses|leur|leurs|l['’])\s*\w+|"
                              r"\b(?:auparavant|precedemment|jusqu['’]alors|jusque-la|"
                              r"initialement|d['’]abord|au\s+depart|a\s+l['’]origine|"
                              r"previously|initially|originally|at\s+first|earlier|formerly|"
                              r"avant\s+(?:cela|ca|d['’]etre|de\s+passer)|before\s+(?:that|then|"
                              r"being)|passe\w*\s+de|went\s+from|from\s+\w+\s+to|"
                              r"jusqu['’]ici|until\s+then|d['’]un\s+niveau|which\s+had\s+been|"
                              r"that\s+had\s+been|qui\s+(?:etait|avait\s+ete)|"
                              r"from\s+\d[^.;]{0,20}?\bto\s+\d|de\s+\d[^.;]{0,20}?\ba\s+\d)\b"),
    "aircraft": re.compile(r"\b(?:avions?|appareils?|aircraft|planes?|airplanes?|airliners?|"
                           r"jets?|helicopt\w*|antonov|iliouchine|ilyushin|tupolev|sukhoi|"
                           r"soukhoi|mig|boeing|airbus|lockheed|concorde|rafale|mirage|"
                           r"spitfire|dassault|cessna|(?:il|an|tu|su|c|b|f)-?\d+|a3\d\d)\b"),
    "sanctions": re.compile(r"\b(?:sanction\w*|embargo\w*|gel\w*\s+(?:des|de\s+ses|de\s+leurs)\s+"
                            r"avoirs|asset\s+freezes?|froz\w+\s+(?:the\s+)?assets|blacklist\w*|"
                            r"liste\s+noire)\b"),
    "un_charter": re.compile(r"\b(?:nations\s+unies|united\s+nations|onu|un\s+charter)\b"),
    "education": re.compile(r"\b(?:etudi\w*|etudes?|diplome\w*|universit\w*|ecoles?|colleges?|"
                            r"facult\w*|doctora\w*|theses?|licencie\w*|licence|master\w*|"
                            r"degrees?|graduat\w*|stud(?:y|ied|ies|ent\w*)|educat\w*|formation|"
                            r"forme\s+(?:a|au|en)|academ\w*|institut\w*|phd|mba)\b"),
    # ("proches" are as often allies, "un de ses alliés proches", as kin: not read)
    "kinship": re.compile(r"\b(?:familles?|familial\w*|family|families|fils|filles?|"
                          r"freres?|soeurs?|neveux?|nieces?|gendre|belle-\w+|beau-\w+|epou\w+|"
                          r"mari|maris|pere|mere|cousin\w*|oncles?|tantes?|petits?-\w+|"
                          r"petites?-\w+|(?:his|her|their)\s+sons?|sons?\s+of|daughters?|"
                          r"brothers?|sisters?|nephews?|husband|wife|father|mother|uncle|aunt|"
                          r"grand\w+|parents?|apparent\w*|related|dynast\w*|heriti\w*|heirs?|"
                          r"clan|in-laws?|enfants?|child|children|jume\w*|twins?|veu(?:f|ve)s?|"
                          r"widow\w*|descend\w*|ainee?s?|cadet(?:te)?s?|ancetres?|ancestors?)\b"),
    "verbatim": re.compile(r"[«“\"]|\B'[^']{12,}'\B"),
    # (each word read whole: "former-former-..." was read from each hyphen, review 53 N2)
    "prior_office": re.compile(r"\b(?:(?<![\w-])(?:ancien(?:ne)?s?|ex|former)[\s-]++"
                               r"(?:[\w'-]++\s+)?"
                               r"(?:premier|prime|ministre|minister|president\w*|chef|head|"
                               r"directeu\w*|director|secretaire|secretary|ambassad\w*|depute|"
                               r"senat\w*|maire|mayor|gouverneur|governor|general|commandant|"
                               r"diplomate?|conseill\w*|advis\w*|porte-parole|spokes\w*|"
                               r"dirigeant|leader|patron|membre|member|vice|officier|officer)|"
                               r"formerly|previously|auparavant|precedemment|jusqu'alors|"
                               r"avait\s+ete|had\s+been|served\s+as|fonctions?\s+de|"
                               r"postes?\s+de)\b"),
    "rate": re.compile(r"\b(?:par|per|a|an|each|chaque)\s+(?:jour|semaine|mois|an|annee|heure|"
                       r"habitants?|tete|personnes?|day|week|month|year|hour|inhabitants?|"
                       r"residents?|capita|head|person)\b|\bpour\s+(?:\d+(?:\s\d+)*|cent|mille)\s+"
                       r"\w+|\b(?:en\s+moyenne|on\s+average|moyenne?s?|average\w*|"
                       r"quotidien\w*|daily|annuel\w*|annually|yearly|hebdomadaire\w*|"
                       r"weekly|mensuel\w*|monthly|pour\s+cent|percent|per\s+cent|taux|"
                       r"rate)\b|%|\b\d+\s*/\s*(?:jour|j|an|h|day|year)\b"),
    "proposal": re.compile(r"\b(?:propos\w*|suggest\w*|sugger\w*|offr\w*|offer\w*|"
                           r"call\w*\s+for|preconis\w*|recommand\w*|recommend\w*|invit\w*|"
                           r"plaid\w*\s+pour|urg\w*)\b"),
    "url": re.compile(r"https?://|\bwww\.|(?<![\w.-])[a-z0-9-]{2,}+(?:\.[a-z0-9-]++)*?\.(?:"
                      r"[a-z]{2}|com|org|net|edu|gov|int|info|io)\b(?!\.\w)"),
    "initiator": re.compile(r"\b(?:initiati\w*|initie\w*|a\s+la\s+demande\s+d\w*|at\s+the\s+"
                            r"request\s+of|at\s+(?:his|her|their|its)\s+(?:request|initiative)|"
                            r"sur\s+(?:son|sa|leur)\s+(?:initiative|demande)|a\s+(?:appele|"
                            r"telephone\s+a)|phoned|called\s+(?:him|her|them|(?:[a-z]+\s+){1,2}"
                            r"(?:counterpart|homologue)))\b"),
    "votes": re.compile(r"\b(?:vot\w*|voix|suffrages?|unanim\w*|ballots?|scrutin\w*|abstenu\w*|"
                        r"abstention\w*|abstain\w*|consensus)\b|\b\d+\s*(?:to|-|contre|a)\s*\d+\b|"
                        r"\b\d+\s+(?:voix\s+)?(?:pour|contre|in\s+favou?r|against)\b"),
    "channel": re.compile(r"\b(?:chaines?|channels?|broadcasters?|diffuseurs?|networks?|"
                          r"stations?|tv|khabar|cnn|bbc|euronews|france\s+24|al\s+jazeera|rossiya|"
                          r"russia\s+24|ntv|pervy\s+kanal|rt)\b"),
    "speech": re.compile(r"\b(?:discours|allocution\w*|intervention\s+televisee|speech\w*|"
                         r"address\w*|adresse\s+a\s+la\s+nation|televis\w*|broadcast\w*|"
                         r"message\s+(?:video|televise)|conference\s+de\s+presse|"
                         r"press\s+conference)\b"),
    "method": re.compile(r"\b(?:en\s+se\s+(?:fondant|basant|referant)\s+sur|sur\s+la\s+base\s+d|"
                         r"a\s+partir\s+d|based\s+on|basee?s?\s+sur|fondee?s?\s+sur|using|"
                         r"bas(?:ed|ing)\s+(?:\w+\s+){1,4}?on|fond(?:e|ee|ant)\s+(?:\w+\s+){1,4}?sur|"
                         r"interview\w*|interroge\w*|satellite\w*|"
                         r"en\s+utilisant|grace\s+a|by\s+counting|en\s+comptant|recense\w*|"
                         r"registres?|regist(?:er|ry|ries)|census|enquetes?|surveys?|sondages?|"
                         r"donnees|data|statisti\w*|methode\w*|method\w*|extrapol\w*|"
                         r"echantillon\w*|samples?|sampling|compil\w*|calcul\w*|modele\w*|"
                         r"models?|croisant|cross-check\w*|recoup\w*)\b"),
    "intermediary": re.compile(r"\b(?:par\s+l.intermediaire\s+d|par\s+le\s+biais\s+d|via|"
                               r"through|by\s+way\s+of|(?:transmis|remis|relaye|porte|diffuse|"
                               r"publie|poste|lu|delivered|conveyed|handed|passed\s+on|relayed|"
                               r"carried|published|posted|issued|read\s+out)e?s?\s+"
                               # ("diffusé sur Telegram par la porte-parole": b25_011)
                               r"(?:[\w'’-]+\s+){0,3}?(?:par|by)|emissaires?|envoys?|messagers?|"
                               r"messengers?|intermediaires?|intermediar(?:y|ies)|go-between)\b"),
    # (not "pays", a country)
    "funding": re.compile(r"\b(?:financ\w*|fund\w*|pay|pays\s+for|paying|payments?|pai(?:e|en)\w*|"
                          r"paye\w*|paya\w*|paid|couts?|couteu\w*|"
                          r"costs?|costly|frais|budget\w*|argent|money|dollars?|euros?|roubles?|"
                          r"tenge|subvention\w*|subsid\w*|grants?|bankroll\w*|expens\w*|"
                          r"depens\w*|a\s+la\s+charge|prise?\s+en\s+charge|bailleurs?|"
                          r"donateurs?|donors?|sponsor\w*|mecen\w*|earn\w*|salar\w*|"
                          r"remuner\w*)\b|[$€£]"),
    # (said of the hurt: "des affrontements graves" tells no wound's, review 55)
    "severity": re.compile(r"\b(?:(?:bless\w*|injur\w*|wound\w*|hurt)\W+(?:\w+\W+){0,1}?(?:"
                           r"grievement|gravement|serieusement|legerement|graves?|seriously|"
                           r"severely|critically|gravely|badly|lightly|slightly|serious|severe|"
                           r"critical|critiques?|legers?|legeres?)|(?:grievement|gravement|"
                           r"serieusement|legerement|seriously|severely|critically|gravely|badly|"
                           r"lightly|slightly|serious|severe|critical|minor|mild)\W+(?:\w+\W+){0,2}?"
                           r"(?:bless\w*|injur\w*|wound\w*|hurt)|etat\s+(?:grave|critique)|"
                           r"(?:critical|serious)\s+condition|urgence\s+absolue|hospitalis\w*|"
                           r"hospitali[sz]ed|intensive\s+care|soins\s+intensifs|reanimation|"
                           r"mortellement|fatally|life-threatening|\d+\s+(?:\w+\s+){0,2}?(?:grievement|"
                           r"gravement|serieusement|legerement|seriously|severely|critically|"
                           r"badly|lightly|slightly))\b"),
    "constitution": re.compile(r"\bconstitution\w*|\barticles?\s+\d+(?:[.-]\d+)?\b(?!\s+(?:du|"
                               r"de\s+la|of\s+the)\s+(?:traite|charte|treaty|charter))"),
    # (folded) a street and its number, or the word itself, or a web or mail address
    "address": re.compile(r"\b(?:adresses?|address(?:es)?|rue|avenue|ave|boulevard|bd|street|"
                          r"st|road(?!\s+maps?)|rd|quai|chemin|allee|impasse|route|"
                          r"(?<!en\s)(?<!la\s)place(?=\s+[a-z])|platz|plaza|square|"
                          r"way|lane|drive|gardens|grove|cours|esplanade|parvis|via|piazza|calle|carrera|"
                          r"ploshchad|prospekt|cedex|p\.?\s*o\.?\s+box|bp)\b|\b\d{5}\b|t\.me/|(?:stra(?:ss|ß)e|"
                          r"strase|platz|gasse|weg)\b|\b\d{1,5}(?:[/-]\d{1,3})?[a-z]?,?\s+[a-z]+"
                          r"(?:\s+[a-z]+){0,3}?\s+(?:rue|avenue|ave|street|st|road|rd|way|lane|"
                          r"drive|place|square|gardens|grove)\b|@|\bwww\."),
    # (words said aloud or written: a cry, a chant, a sign, or a quote)
    "slogan": re.compile(r"\b(?:slogans?|scand\w*|chant\w*|cri(?:s|ant|aient|ait|e|es|ent)?|"
                         r"hurl\w*|yell\w*|shout\w*|sang|sing\w*|banderoles?|pancartes?|"
                         r"banni[eè]res?|banners?|placards?|signs?|mots\s+d.ordre|motto|devise|"
                         r"graffiti\w*|tag(?:s|ue|uee|ues)?|paint\w*|peint\w*|phrase|en\s+ch(?:oe|œ)ur|"
                         r"tagline|accroche|campaign\w*\s+on|rallying\s+cry|cri\s+de\s+ralliement|"
                         r"reading)\b|" + _SHORT_QUOTE),
    "honorific": re.compile(r"\b(?:honorif\w*|honorary|d.honneur|of\s+honou?r|elbas[iy]|"
                            r"knight\w*|sir|dame|holiness|saintete|styled|surnom\w*|surname|"
                            r"titre\s+de|title\s+of|titled?|titree?|leader\s+de\s+la\s+nation|"
                            r"leader\s+of\s+the\s+nation|pere\s+de|father\s+of|known\s+as|addressed\s+as|"
                            r"majest\w*|mahatma|surnomme\w*|freem[ae]n|honoris|ayatollah|"
                            r"design\w*\s+(?:[\w-]+\s+){0,3}?comme)\b"),
    # (a count with a word of a post's audience: "vue plus de 150 000 fois", "30 000 likes")
    "engagement": re.compile(r"\A(?=.*(?:\d|\b(?:millions?|mille|milliers?|billions?|"
                             r"milliards?)\b))"
                             r"(?=.*\b(?:likes?|"
                             r"liked|retweet\w*|repost\w*|partag\w*|shar\w*|views?|viewed|vues?|"
                             r"visionn\w*|follow\w*|abonn\w*|j.aime|aime\w*|fois|times|viewers?|plays|"
                             r"reactions?|streams?|ecoutes|seen|watched)\b)"),
    # (a currency with a move or a rate: "le tenge a perdu 5 % face au dollar", "One euro
    # was worth $1.08"; not a currency named alone)
    "exchange_rate": re.compile(r"\b(?:taux\s+de\s+change|exchange\s+rates?|devalu\w*|"
                                r"depreci\w*|appreci\w*)\b|\A(?=.*\b(?:tenge|roubles?|rubles?|"
                                r"dollars?|euros?|yens?|yuans?|renminbi|livres?|pounds?|sterling|"
                                r"liras?|francs?|pesos?|hryvnias?|wons?|rupees?|roupies?|reals?|nairas?|"
                                r"krone|kroner|couronnes?|zlotys?|rands?|dinars?|dirhams?|rials?|marks?|"
                                r"bolivars?|"
                                r"billet\s+vert|greenback|devises?|monnaies?|currenc\w*)\b)"
                                r"(?=.*(?:\b(?:against|face\s+a|face\s+au|per|pour\s+un|par\s+"
                                r"rapport|vis-a-vis|lost|lose|gained|fell|rose|weaken\w*|"
                                r"strength\w*|s.echang\w*|traded|trading|worth|buys?|vau[tx]|"
                                r"valait|cot\w*|recul\w*|perdu|gagne|chute\w*|plong\w*|grimpe\w*|"
                                r"plung\w*|slump\w*|soar\w*|jump\w*|tumbl\w*|drop\w*|"
                                r"record|lows?|highs?|midpoint|level|peg\w*|arrime\w*|parite|collaps\w*|"
                                r"effondr\w*|value|valeur|slid|fallen|convert\w*|to\s+the\s+(?:dollar|euro|"
                                r"pound))\b|[$€£]))"),
    # (any word of a case at law: "mis en examen pour", "found guilty of", "on suspicion of";
    # not "in charge of", "chargé d'affaires", the noun "suspect")
    "charges": re.compile(r"\b(?:(?<!in\s)charges|charge\s+(?:of|de|d.|against|contre)|charged|"
                          r"inculp\w*|accus\w*|(?:arrested|remanded|appear\w*|held)\s+(?:\w+\s+){0,4}?"
                          r"(?:for|over)\s+(?:\w+ing|the\s+killing)|"
                          r"chefs?\s+d.accusation|poursuivi\w*|poursuites|indict\w*|prosecut\w*|"
                          r"suspected\s+of|suspicion|soupconn\w*|delits?|offen[cs]es?|"
                          r"infractions?|mise?s?\s+en\s+(?:examen|cause)|juge\w*\s+pour|trial|"
                          r"guilty|counts?\s+of|wanted\s+(?:\w+\s+){0,4}?for|garde\s+a\s+vue|"
                          r"information\s+judiciaire|reproch\w*|alleged\w*|convict\w*|condamn\w*|"
                          r"sentenced|prison|jail\w*|proces|enquete\s+pour|vises?\s+par)\b"),
    "birthplace": re.compile(r"\b(?:born|natif|native|natives|originaire\w*|naissance|"
                             r"birth\w*|hometown|home\s+town|natale?s?|grew\s+up|a\s+grandi|"
                             r"hails?\s+from|is\s+from|was\s+from|venu\w*\s+d\w*|vien\w*\s+d\w*|"
                             r"came\s+from|comes\s+from|nait|naquit|naissent|naquirent|"
                             r"(?:voit|vit|voient|virent|a\s+vu|ont\s+vu|avait\s+vu)\s+le\s+jour|"
                             r"light\s+of\s+day|issue?s?\s+d\w*|enfance|childhood|premier\s+cri|"
                             r"enfant\s+d\w*|child\s+of|de\s+souche|fils\s+d\w*|fille\s+d\w*|"
                             r"sons?\s+of|daughters?\s+of|life\s+began|vie\s+a\s+commence|"
                             # (round 3: "vient au monde à Ajaccio", "baptisé", and a
                             # biography's opening bracket, "(27 January 1756 in Salzburg")
                             r"(?:vien\w*|venu\w*|vint|came|comes?)\s+(?:in)?to\s+the\s+world|"
                             r"(?:vien\w*|venu\w*|vint)\s+au\s+monde|baptis\w*|baptiz\w*)\b|"
                             r"\(\s*(?:ne\s+(?:le\s+)?)?[^()]{0,30}?\d{3,4}\s*(?:,\s*)?(?:in|a)\s+"
                             r"[a-z]"),
    "penalty": re.compile(r"\b(?:peines?|penal\w*|penalt\w*|sentences?\s+(?:of|to)|sentenced|"
                          r"prison|emprisonn\w*|reclusion|incarcer\w*|jail\w*|imprisonment|"
                          r"perpetuite|life\s+(?:in\s+prison|imprisonment|sentence)|death\s+"
                          r"(?:penalty|sentence)|execution|amendes?|fined?|fines|punish\w*|puni\w*|"
                          r"passibles?|liable|encour\w*|faces?\s+up\s+to|condamn\w*|condemn\w*|"
                          r"ecop\w*|detention|behind\s+bars|derriere\s+les\s+barreaux|colonie|"
                          r"enferm\w*|locked\s+up|for\s+life|capital\s+(?:offen[cs]e|crime)|"
                          r"ferme|inflig\w*|bans?|interdiction\w*|surcharges?|"
                          r"hang\w*|hanged|gallows|gibbet|pendu\w*|pendaison|guillotin\w*|"
                          r"sanction\w*|exclusion\w*|exclu\w*|expuls\w*|retrait|suspen\w*|"
                          r"dismiss\w*|red\s+card|carton|bann\w*|exil\w*|deport\w*|forfeit\w*|"
                          r"(?:\d+|[a-z]+)-years?(?:-long)?\s+(?:term|sentence|ban|jail|prison)|"
                          # (a term counted: "risque vingt ans", "faces 20 years", "a pris
                          # dix-huit ans")
                          r"(?:\d+|[a-z]+(?:-[a-z]+)?)\s+(?:ans|annees|years?)(?!\s+(?:ago|plus|"
                          r"apres|avant|after|before|old|earlier|later))\b)\b"),
    # (a number on the act, letters before it or a word between: "Decree UP-60", "le décret
    # présidentiel 2022-17", "UNSCR 2625", "numbered 2625"; not a date: "du 5 janvier")
    "act_number": re.compile(r"\b(?:no|n°|nº|numero|number|num|numbered|numerote\w*)\.?\s*\d|"
                             r"\bnumero\s+[a-z]|\bres/\d|"
                             r"\b(?:decret|decree|loi|law|resolution|ordonnance|ordinance|arrete|"
                             r"order|bill|act|unscr|e\.o|h\.r|p\.l)\b[^;\d]{0,20}+"
                             r"(?!(?:1[89]|20)\d\d(?![\d./-]))\d[\d./-]*+(?!\s*(?:er\s+)?(?:"
                             r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
                             r"novembre|decembre|january|february|march|april|may|june|july|"
                             r"august|september|october|november|december)\b)|#\s*\d|"
                             # (a year-shaped number named right after it: "la résolution
                             # 1973", "Resolution 2085", round 3)
                             r"\b(?:resolution|unscr|decret|decree|ordonnance|ordinance|arrete)"
                             r"\s+\d{3,5}\b(?![\d./-])"),
    # (a sum a body has or spends: "dispose de 5 millions de dollars par an", "est doté de")
    "budget": re.compile(r"\b(?:budget\w*|depens\w*|spend\w*|spent|expenditures?|"
                         r"cout(?:e|ent|ait|aient|era|ent)?|costs?|costing|allou\w*|"
                         r"allocat\w*|earmark\w*|enveloppe|financ\w*|fund\w*|credits|dote\w*|"
                         r"dotation\w*|contribu\w*|operates?\s+on|a\s+year|per\s+year|annually|"
                         r"par\s+an|par\s+annee|chaque\s+annee|each\s+year|annuel\w*|dollars?|"
                         r"euros?|roubles?|rubles?|tenge|pounds|livres|francs|chf|usd|eur|"
                         r"yuans?|yens?|dinars?|millions?|milliards?|billions?|outlay|"
                         r"mobilis\w*|invest\w*|tourne\s+avec)\b|[$€£¥₽]"),
    # (an earlier time said to be earlier; a year before the question's is read in
    # `particular_told`)
    "previous_time": re.compile(r"\b(?:deja|already|never|jamais|previously|auparavant|"
                                r"precedemment|precedent\w*|previous|derniere\s+fois|last\s+time|"
                                r"first\s+(?:time\s+)?since|premiere\s+(?:fois\s+)?depuis|once\s+before|"
                                r"in\s+the\s+past|par\s+le\s+passe|years?\s+ago|il\s+y\s+a\s+"
                                r"\w+\s+ans)\b"),
    "apps": re.compile(r"\b(?:whatsapp|telegram|signal|facebook|instagram|twitter|tiktok|"
                       r"vkontakte|vk|youtube|wechat|weibo|viber|skype|zoom|odnoklassniki|"
                       r"messenger|snapchat|linkedin|google|gmail|threads|bluesky|x\.com|"
                       r"reddit|line|kakaotalk|imo|discord|vpns?|psiphon|tor|egov|"
                       r"portail|portal)\b|\b[a-z0-9-]{2,}\.(?:kz|ru|com|org|net|fr|io|app)\b"),
    "damage_value": re.compile(r"\b(?:degats|dommages?|damages?|pertes|losses|destruction\w*|"
                               r"detrui\w*|destroy\w*|sinistr\w*|reconstruction|rebuild\w*|"
                               r"repar\w*|indemni\w*|compensation|assurances?|insur\w*|"
                               r"prejudices?|cout\w*|pill\w*|restaur\w*|perd\w*|pertes?|"
                               r"assureurs?|insurers?)\b"),
    "modality": re.compile(r"\b(?:visio\w*|video\w*|virtuel\w*|virtual\w*|en\s+ligne|online|"
                           r"en\s+personne|in\s+person|face\s+a\s+face|face-to-face|"
                           r"telephon\w*|phone|a\s+distance|remote\w*|physique\w*|"
                           r"en\s+presentiel|presentiel\w*|se\s+sont\s+reunis\s+a|met\s+in|"
                           r"gathered\s+in|sommet\s+de|summit\s+in|ecrans?\s+interposes?|"
                           r"tete-a-tete|en\s+presence|in\s+the\s+presence|s'est\s+rendue?|"
                           r"se\s+sont\s+rendue?s|fait\s+le\s+deplacement|travel\w*\s+to|"
                           r"rencontr\w*|recue?s?\s+(?:a|au|par)|autour\s+d'une\s+table|"
                           r"round\s+table|(?:meme|same)\s+table|met\s+with|hosted)\b"),
    # a reason, a purpose, a lack or a fear, said in either language (read only where the
    # sentence concedes the deed was not done: `_CONCEDED_NOT`)
    "reason_not": re.compile(r"\b(?:parce\s+qu\w*|car|puisqu\w*|because|since|due\s+to|owing\s+"
                             r"to|en\s+raison|a\s+cause|raisons?|reasons?|motif\w*|motiv\w*|"
                             r"pretext\w*|expliqu\w*|explain\w*|justif\w*|afin|in\s+order|"
                             r"so\s+as|so\s+that|pour\s+(?:ne|eviter|des|que)|to\s+avoid|"
                             r"faute|lack\w*|manque\w*|for\s+fear|de\s+peur|par\s+crainte|"
                             r"crain\w*|fear\w*|secret\w*|confidenti\w*|classified|given\s+that|"
                             r"etant\s+donne|vu\s+que|du\s+fait|grace|thanks\s+to|as\s+a\s+"
                             r"result|resulting|consequen\w*|dans\s+la\s+mesure|insofar|"
                             r"refus\w*|declin\w*|interdi\w*|forbid\w*|prohib\w*|empech\w*|"
                             r"prevent\w*|unable|impossib\w*|incapa\w*|ne\s+pouv\w*|"
                             r"could\s+not|cannot|can't|couldn't)\b"),
}


# Particulars the sentence quoted must state itself: the one before it may be about someone
# else's schooling, family or words, or another figure (or, where a sentence concedes a deed
# not done, give any reason at all)
OWN_SENTENCE = frozenset({"education", "kinship", "verbatim", "rate", "prior_office",
                          "severity", "reason_not"})


_HURT_ASKED = re.compile(r"(?i)\b(?:injur|wound|hurt|bless|casualt|victim)")
# ... who made the first move, of a contact (a call, a meeting, talks)
_CONTACT_ASKED = re.compile(r"(?i)\b(?:calls?|phone|conversations?|meetings?|talks|contacts?|"
                            r"visits?|exchanges?|appels?|téléphon\w*|entretiens?|rencontres?|"
                            r"réunions?|échanges?|visites?|pourparlers)\b")
# ... who interviewed: an interview asked
_INTERVIEW_ASKED = re.compile(r"(?i)\binterview\w*|\bentretiens?\b|\binterrog\w*|"
                              r"\bspoke\s+(?:to|with)\b|\bsat\s+down\s+with\b|\bquestioned\b")


def particular_asked(question: str) -> str:
    """The particular the question asks by its noun ("" for none); the first that matches."""
    head = question[:300]
    for kind, pattern in _ASKED.items():
        if pattern.search(head) and (kind != "prior_state" or (
                _STATE_ASKED.search(head) and _CHANGED_ITSELF.search(head))) and (
                kind != "severity" or _HURT_ASKED.search(head)) and (
                kind != "initiator" or _CONTACT_ASKED.search(head)) and (
                kind != "interviewer" or _INTERVIEW_ASKED.search(head)):
            return kind
    return ""


# (as written: a name is capitalised, quoted or numbered: "le programme Russie", "la 45e
# brigade", "le programme « American Corners »", "un programme sur la liberté d'association";
# not a rank: "le général de division Igor Konashenkov")
_SUBUNIT_NAMED = re.compile(
    r"(?<!de )(?i:programmes?|programs?|unités?|units?|divisions?|brigades?|régiments?|regiments?|"
    r"bataillons?|battalions?)\s+(?:(?i:de\s+la|du|des|de|d['’]|of\s+the|of|for\s+the|for)\s+)?"
    r"(?:l['’]\s*)?[«\"“A-ZÀ-Ý0-9]|(?i:programmes?|programs?)\s+(?i:sur|on|pour|for|de\s+"
    r"soutien)\s|\b\d+\s*(?:e|è|ème|er|re|st|nd|rd|th)\s+(?:[\w-]+\s+)?(?i:divisions?|"
    r"brigades?|régiments?|regiments?|bataillons?|battalions?|unités?|units?|armée|army)\b|"
    # ... or before it ("the Wider Europe programme"), or an acronym in apposition ("le RAID,
    # l'unité d'élite")
    r"(?<![\w-])(?!(?:Le|La|Les|L|Un|Une|Des|Du|The|A|An|This|That|Ce|Cette|Son|Sa|Ses|Leur|Its|Their|"
    r"His|Her|Our|Notre)\b)[A-ZÀ-Ý][\w-]+(?:\s+[A-ZÀ-Ý][\w-]+){0,3}\s+(?i:programmes?|programs?|"
    r"units?|divisions?|brigades?|regiments?|battalions?)\b|\b[A-Z]{2,}\b,\s+(?:l['’]\s*|la\s+|"
    r"le\s+|the\s+|an?\s+)?(?i:unité|unit|division|brigade|programme|program)\b")


_HANDLE = re.compile(r"(?<![\w.])@\w{2,}")
# a thing's own name: quoted, a capitalised kind of event or instrument past the sentence's
# start ("la Conférence sur la reprise de l'Ukraine"), an acronym in brackets, or the words
# that give a name
_PROPER_TITLE = re.compile(
    _SHORT_QUOTE + r"|\([A-Z][A-Z0-9]{1,9}\)|(?<=\S\s)(?:Conférence|Conference|Sommet|Summit|Forum|"
    r"Traité|Treaty|Accords?|Agreement|Opération|Operation|Programme|Program|Loi|Act|Plan|"
    r"Pacte|Pact|Initiative|Stratégie|Strategy|Convention|Charte|Charter|Déclaration|"
    r"Declaration|Mission|Exercice|Exercise|Festival|Prix|Award|Coupe|Cup|Jeux|Games)\b|"
    r"(?i:\b(?:intitulée?s?|baptisée?s?|dénommée?s?|officiellement|officially|entitled|"
    r"titled|named|called|sous\s+le\s+nom|full\s+(?:name|title)|nom\s+complet|titre\s+complet)\b)|"
    r"(?<![\w’'-])[A-ZÀ-Ý][\w’'-]*+(?:\s++(?:(?:of|de|du|des|the|la|le|et|and|for|pour)\s++)?+"
    r"[A-ZÀ-Ý][\w’'-]*+){2}")
# a name after a broadcast's "by"/"on" ("broadcast live by TF1", "révélée par France Inter")
_BROADCAST_BY = re.compile(r"(?i:\b(?:broadcast|aired|televised|shown|diffusée?s?|retransmise?s?|"
                           r"révélée?s?|revealed|reported|rapportée?s?|annoncée?s?)\s+(?:[\w’'-]+\s+)"
                           r"{0,2}?(?:by|on|par|sur)\s+)(?:l['’]|la\s+|le\s+|the\s+)?[A-ZÀ-Ý0-9]")
# a journalist named (capitalised words after the noun), or who asked the questions
_INTERVIEWER = re.compile(
    r"(?i:journalistes?|journalists?|reporters?|correspondante?s?|correspondents?|"
    r"interviewers?)(?:\s*+,\s*+|\s++)(?:[a-zà-ÿ]++\s++)?(?:(?i:de|of|for|du|d['’]|à|au|at)"
    r"\s*+[\w’'-]++\s++)?[A-ZÀ-Ý]"
    r"|(?i:interviewée?s?\s+par|interviewed\s+by|propos\s+recueillis\s+par|"
    r"asked\s+by|in\s+an\s+interview\s+with|dans\s+un\s+entretien\s+(?:accordé\s+)?"
    r"(?:à|avec))\s+[A-ZÀ-Ý]")
# a script other than Latin (Cyrillic, Arabic, CJK), or the name given "en russe"
_LANGUAGE_NAMES = (r"russe|russian|kazakh|chinois|chinese|ukrainien|ukrainian|arabe|arabic|"
                   r"biélorusse|belarusian|arménien|armenian|tadjik|tajik|kirghiz|kyrgyz|"
                   r"ouzbek|uzbek")
_OTHER_SCRIPT = re.compile(
    r"[\u0400-\u04ff\u0600-\u06ff\u4e00-\u9fff]|(?i:\b(?:en|in)\s+(?:" + _LANGUAGE_NAMES + r")\b)|"
    r"(?i:\b(?:" + _LANGUAGE_NAMES + r")(?:-language)?\s+(?:name|spelling)\b|\bnom\s+(?:"
    + _LANGUAGE_NAMES + r")\b)|(?i:\b(?:called|named|renamed|known\s+as|baptisée?s?|rebaptisée?s?|"
    r"appelée?s?|s['’]appelle|nommée?s?)\s+(?:itself\s+|lui-même\s+)?)[«\"“]?\s*[A-ZÀ-Ý]")


_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
_BEFORE_YEAR = re.compile(r"(?i)\b(?:before|avant|prior\s+to)\s+(?:[^\W\d]+\s+)?"
                          r"((?:1[89]|20)\d\d)\b")


def _year_before(question: str, text: str) -> bool:
    """Whether `text` names a year before the one the question's "before" names ("Before
    January 2022, when ... last ...?": 1986 is one, 2022 the time reported)."""
    bound = _BEFORE_YEAR.search(question[:300])
    if bound is None:
        return False
    return any(int(y) < int(bound.group(1)) for y in _YEAR.findall(text))


# a quotation's words
_QUOTED = re.compile(r"«([^«»]{8,400}+)»|“([^“”]{8,400}+)”|\"([^\"]{8,400}+)\"|"
                     r"‘((?:[^‘’]|’(?=\w)){8,400}+)’|(?<![\w'])'([^'\n]{8,400}+)'(?![\w'])")
# "né", "née" as written (folded, "ne" is the negation's)
_BORN = re.compile(r"(?i)(?<![\w’'-])née?s?(?![\w’'-])")


# a deed conceded not done: "bien qu'aucune liste n'ait été fournie", "although no list was
# given", "même si ... n'a pas" (folded)
_CONCEDED_NOT = re.compile(r"\b(?:bien\s+qu|quoiqu|encore\s+qu|meme\s+si|although|even\s+though|"
                           r"though|even\s+if)\w*[^.;]{0,160}?(?:\bn'|\bne\b|\bnot\b|\bno\b|"
                           r"\baucune?\b|\bnever\b|\bjamais\b)")
# a sum of money, folded: "2 milliards de dollars", "$200m", "150 000 euros", "1,5 md"
_SUM = re.compile(r"\b(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|cent|"
                  r"plusieurs|quelques|centaines\s+de|dizaines\s+de|one|two|three|several|"
                  r"hundreds\s+of|tens\s+of)\s+(?:millions?|milliards?|billions?)\b|"
                  # (a figure read from its first digit once: from each of a run's, it was
                  # quadratic)
                  r"[$€£¥₽]\s?\d|(?<![\d.,])(?<![\d.,]\s)\d[\d\s.,]*+\s?(?:[$€£¥₽]|(?:millions?|"
                  r"milliards?|billions?|"
                  r"mds?|m|bn|k)\b|(?:de\s+|d')?(?:dollars?|euros?|roubles?|rubles?|tenge|"
                  r"livres|pounds|francs|yuans?|yens?|usd|eur|tenges)\b)")


def particular_told(kind: str, text: str, question: str = "") -> bool:
    """Whether `text` states a particular of that kind (`question`: what asks it, where the
    kind is read against it)."""
    if kind == "previous_time" and _year_before(question, text):
        return True
    if kind == "handle":
        return bool(_HANDLE.search(text))
    if kind == "interviewer":
        return bool(_INTERVIEWER.search(text))
    if kind == "native_name":
        return bool(_OTHER_SCRIPT.search(text))
    if kind == "channel" and _BROADCAST_BY.search(text):
        return True
    if kind == "price_level":
        return level_told(text)
    if kind == "charges" and charges(text):
        return True
    if kind == "subunit":
        return bool(_SUBUNIT_NAMED.search(text))
    if kind == "official_name":
        return bool(_PROPER_TITLE.search(text))
    if kind == "birthplace" and _BORN.search(text):
        return True
    if kind == "reason_not":  # any sentence may give a reason in its own way; one that only
        # concedes the deed was not done ("Bien qu'aucune liste ... n'ait été fournie") gives
        # none
        folded = fold(text).replace("’", "'")
        return bool(folded.strip()) and (not _CONCEDED_NOT.search(folded)
                                         or bool(_TOLD[kind].search(folded)))
    if kind == "damage_value":  # the damage and a sum ("de lourdes pertes" gives none)
        folded = fold(text)
        return bool(_TOLD[kind].search(folded) and _SUM.search(folded))
    if kind == "original_english":
        # (a tie goes to English for a quote of three words or more: "Elementary, my
        # dear Watson" has no function word either way, round 3)
        return any(detect_language(q, default="en" if len(q.split()) >= 3 else "fr") == "en"
                   for m in _QUOTED.finditer(text) for q in (next(g for g in m.groups() if g),))
    return bool(_TOLD[kind].search(fold(text)))
