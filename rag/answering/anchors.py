"""Anchors of a claim (numbers, dates, names) and whether a piece of source text holds them.

Used by the claim verifier: a sentence that cites a passage must not carry a number, a date or
a name that the passage does not. Matching is language- and spelling-tolerant because answers
are often English over French sources: digit groups ("3 000" = "3,000" = "3000"), scale words
("2,5 millions", "three thousand"), French/English number words up to the thousands, month and
weekday names in both languages, accents and transliterations (Tokayev = Tokaïev = Tokaev,
Pashinyan = Pachinian), acronyms whose letters are reordered in French (CSTO = OTSC), and a few
English/French place names that share no spelling (Switzerland = Suisse).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rag.answering.lexicon import common_french_words, is_english_word, translated_in
from rag.text import STOPWORDS, unaccent

MONTHS: dict[str, int] = {}
for _i, _month in enumerate([
    "janvier january janv jan", "fevrier february fevr feb fev", "mars march mar",
    "avril april avr apr", "mai may", "juin june jun", "juillet july juil jul",
    "aout august aug", "septembre september sept sep", "octobre october oct",
    "novembre november nov", "decembre december dec"], 1):
    for _n in _month.split():
        MONTHS[_n] = _i
_FULL_MONTHS = {n for n in MONTHS if len(n) > 4 or n in ("mars", "mai", "may", "juin", "june",
                                                          "july", "aout")}
WEEKDAYS: dict[str, int] = {}
for _i, _day in enumerate(["lundi monday", "mardi tuesday", "mercredi wednesday",
                             "jeudi thursday", "vendredi friday", "samedi saturday",
                             "dimanche sunday"], 1):
    for _n in _day.split():
        WEEKDAYS[_n] = _i

_UNITS = {
    "zero": 0, "un": 1, "une": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3,
    "quatre": 4, "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8,
    "eight": 8, "neuf": 9, "nine": 9, "dix": 10, "ten": 10, "onze": 11, "eleven": 11,
    "douze": 12, "twelve": 12, "treize": 13, "thirteen": 13, "quatorze": 14, "fourteen": 14,
    "quinze": 15, "fifteen": 15, "seize": 16, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "vingt": 20, "vingts": 20, "twenty": 20, "trente": 30, "thirty": 30,
    "quarante": 40, "forty": 40, "cinquante": 50, "fifty": 50, "soixante": 60, "sixty": 60,
    "septante": 70, "seventy": 70, "huitante": 80, "eighty": 80, "nonante": 90, "ninety": 90,
    "dozen": 12, "douzaine": 12,
}
_SCALES = {"cent": 100, "cents": 100, "hundred": 100, "mille": 1000, "thousand": 1000,
           "millier": 1000, "milliers": 1000,
           "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9,
           "billion": 10**9, "billions": 10**9}
_SCALE_AFTER_DIGITS = {**_SCALES, "milliers": 1000, "thousands": 1000, "k": 1000, "m": 10**6,
                       "mln": 10**6, "md": 10**9, "bn": 10**9}
# number words and their values, for readers of figures said in words elsewhere (multipliers)
NUMBER_WORDS: dict[str, int] = {**_UNITS, **_SCALES}
# "une vingtaine d'années" is about twenty: a rough figure (`_ROUGH_SHARE` either side), not
# "plus de trois décennies"
_ROUGH_TENS = {"quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
               "cinquantaine": 50, "soixantaine": 60}
_ROUGH_SHARE = 0.25
# "trois décennies" is thirty years: a count of these is also ten times as many years
_DECADES = frozenset({"decennie", "decennies", "decade", "decades"})
# One unit of time given as a span ("pour un mois", "for one month", "within a week"): a figure
# the claim states, which a source giving no span ("une courte période") does not hold. English
# "a" only after a preposition of span: "twice a day", "a year ago" are no such figure.
_ONE_UNIT = re.compile(r"(?i)\b(?:un|une|one|(?:for|within|in|over|lasting|of)\s+an?)\s+"
                       r"(mois|months?|semaines?|weeks?|an|ans|années?|years?)\b")
_UNIT_KEY = {"mois": "month", "month": "month", "months": "month", "semaine": "week",
             "semaines": "week", "week": "week", "weeks": "week", "an": "year", "ans": "year",
             "annee": "year", "annees": "year", "year": "year", "years": "year"}


# A day for its hours: "vingt-quatre heures" over "depuis au moins une journée entière"
_ONE_DAY = re.compile(r"(?i)\b(?:(?:une journ[ée]e|un jour) (?:enti[èe]re?|compl[èe]te?)|"
                      r"toute une journ[ée]e|(?:a|one) (?:full|whole|entire) day|an entire day|"
                      r"(?:depuis|pendant|durant)(?: au moins| plus d['’]| pr[èe]s d['’])? "
                      r"(?:une journ[ée]e|un jour)|(?:for|within|over)(?: at least| more than)?"
                      r" (?:a|one) day)\b")
# A list of names counts them: "six countries" over "composée de la Russie, du Belarus, de
# l'Arménie, du Kazakhstan, du Kirghizstan et du Tadjikistan" (up to LIST_MOST names), in a
# sentence that gives no figure
LIST_MOST = 15
_LIST_ITEM = (r"(?:(?:de |du |des |la |le |les |l['’]|d['’]|the |de la |de l['’])?"
              r"[A-ZÀ-Ý][\w’'-]*(?: [A-ZÀ-Ý][\w’'-]*){0,2})")
# (from a word's start only: tried from each capital of a long word, each try read to the
# word's end, 20,000 letters took 20 s; review 35 F1)
_LIST = re.compile(rf"(?<![\w’'-]){_LIST_ITEM}((?:, {_LIST_ITEM}){{1,{LIST_MOST - 2}}}),? "
                   rf"(?:et|and) {_LIST_ITEM}")


def _list_counts(text: str) -> set[str]:
    """The number keys of the lists of three or more names `text` gives."""
    return {f"n:{m.group(1).count(', ') + 2}" for m in _LIST.finditer(text)}


def _one_unit(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each single unit of time given as a span."""
    return [(m.start(), m.end(), f"u:1{_UNIT_KEY[fold(m.group(1))]}")
            for m in _ONE_UNIT.finditer(text)]


_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f,.’'](?=\d{3}(?!\d))\d{3})+|\d+(?:[.,]\d+)?)"
    r"(?:er|ère|re|e|ème|eme|st|nd|rd|th)?(?!\w)"
    r"(?:[\s\u00a0\u202f]*(?:de\s+|d['’]\s*)?([A-Za-z]+)\b)?")
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?!\d|\.\d)|"
                           r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# a month and its year, numeric: "en 07/2022"
_MONTH_YEAR = re.compile(r"(?<![\d./])(\d{1,2})/(\d{4})(?![\d/]|\.\d)")
# a time of day: "16h28", "16 h 28", "4:28 pm", "4 p.m.", "à 23 heures"
_CLOCK = re.compile(r"(?i)(?<![\d:.,])(\d{1,2})\s*(?:h|:)\s*(\d{2})(?:\s*([ap])\.?\s?m\b\.?)?"
                    r"(?![\d:])|(?<![\d:.,])(\d{1,2})\s*([ap])\.?\s?m\b\.?|"
                    r"(?<![\d:.,])(\d{1,2})\s*(?:heures?|h)\b(?!\s*\d)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+")
_GLUED = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]{2,}(?=[A-ZÀ-Ý][a-zà-ÿ]{2,})|"
                    r"(?<=[a-zà-ÿ]{3})[A-ZÀ-Ý][a-zà-ÿ]{2,}")
_NEGATION = re.compile(
    r"(?<![-\w])(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot|ne|pas|jamais|"
    r"aucun|aucune|rien|sans|ni)(?![-\w])|n['’]t\b|\bn['’](?=\w)", re.I)
# Endings that differ between an English and a French form of one name or its adjective:
# Russia/Russie/russe/Russian, American/américain, Chinese/chinois, Kazakh/Kazakhstan.
_NAME_ENDINGS = frozenset("""
    e es s a ia ie ian ians ien iens ienne iennes an ans ain aine ains aines en ens enne ennes
    ese ois oise ais aise ish ic ique iques i is n ne nes ns stan istan tique tiques
""".split()) | {""}

# Capitalised words that are titles, institutions or sentence glue rather than identities: an
# English answer capitalises them, a French source often does not, and swapping them is not
# what makes a claim false (the names around them are checked).
GENERIC = frozenset("""
    president presidents prime minister ministers ministry secretary general foreign affairs
    defense defence interior state states department spokesman spokeswoman spokesperson press
    council treaty security collective organization organisation national committee agency
    republic government army forces force airport international senator ambassador chief
    director head mission peacekeeping peacekeepers peacekeeper bureau democracy human rights
    labor labour office centre center house group vice executive deputy mr mrs ms dr sir madam
    lord parliament senate congress party alliance economic union unions eastern western northern
    southern north south east west central new year day days internet city cities capital
    according source sources article articles report reports news agency premier etat etats
    affaires sante interieur conseil traite securite comite maison nations unies general
    generale ministre ministere porte parole selon la le les un une des du de d l en au aux et
    ou mais donc or ni car dans pour par sur avec il elle ils elles on nous vous je ce cette
    ces i we they he she it this that these those there the a an in on at by for from with
    and but so if as to of after before during also however meanwhile earlier later today
    yesterday tomorrow mister madame monsieur messieurs lieutenant colonel major sergeant
    commander admiral governor mayor king queen prince pope saint sainte st ste doctor professor
    programme program fund foundation institute university college school bank court police
    military navy air guard guards troops soldiers officials official spokesmen leader leaders
    quoted written answer question mme mmes mlle mlles mm law profit nonprofit non for center
    centre minister
""".split()) | STOPWORDS

# English <-> French names that share no spelling; folded, either direction.
_GAZETTEER_PAIRS = [
    ("switzerland", "suisse"), ("swiss", "suisse"), ("germany", "allemagne"),
    ("beijing", "pekin"), ("us", "etats-unis"), ("usa", "etats-unis"), ("us", "americain"),
    ("america", "etats-unis"), ("un", "onu"), ("white", "blanche"), ("geneva", "geneve"),
    ("belarus", "bielorussie"), ("belarusian", "bielorusse"), ("kyrgyz", "kirghize"),
    ("kyrgyz", "kirghiz"), ("english", "anglais"), ("french", "francais"),
    ("britain", "royaume-uni"), ("uk", "royaume-uni"), ("european", "europeen"),
    ("christmas", "noel"), ("easter", "paques"), ("georgia", "georgie"),
    ("united", "etats-unis"), ("soviet", "sovietique"), ("ussr", "urss"),
    ("urss", "sovietique"), ("ussr", "sovietique"), ("moscow", "moscou"), ("asia", "asie"),
    ("africa", "afrique"), ("america", "amerique"), ("london", "londres"),
    ("brussels", "bruxelles"), ("vienna", "vienne"), ("warsaw", "varsovie"),
    ("poland", "pologne"), ("turkey", "turquie"), ("spain", "espagne"),
    ("netherlands", "pays-bas"), ("sweden", "suede"), ("norway", "norvege"),
    ("hungary", "hongrie"), ("czech", "tcheque"), ("austria", "autriche"),
    ("scotland", "ecosse"), ("england", "angleterre"), ("black", "noire"),
    ("kiev", "kyiv"), ("nur-sultan", "noursoultan"), ("tajik", "tadjik"),
    ("kyrgyzstan", "kirghizstan"), ("asian", "asie"), ("asian", "asiatique"),
    # a capital for its state, as news writes it ("Moscou a dénoncé" = Russia did)
    ("moscow", "russie"), ("moscou", "russia"), ("moscou", "russie"), ("moscow", "russia"),
    ("washington", "etats-unis"), ("washington", "americain"), ("pekin", "chine"),
    ("beijing", "china"), ("beijing", "chine"), ("pekin", "china"),
    # ... and for its people ("Moscou tient à montrer" = "Pour les Russes, il s'agit de ...")
    ("moscou", "russe"), ("moscou", "russes"), ("moscow", "russe"), ("moscow", "russes"),
    ("moscow", "russian"), ("moscow", "russians"), ("moscou", "russian"),
    ("pekin", "chinois"), ("beijing", "chinois"), ("beijing", "chinese"),
    ("washington", "americains"), ("washington", "american"), ("washington", "americans"),
]
# A nationality's ending: "Russian-led troops ..." opens a sentence on a name.
_NATIONALITY_END = re.compile(r"(?:an|ans|ian|ians|ese|ish|ais|aise|ien|ienne|ois|oise|e)$")
# Capitalised only because they start the sentence: not names.
STARTERS = frozenset("""
    according another former several some many most more less about around nearly almost
    roughly approximately only both each every all no none one two three four five six seven
    eight nine ten dozens hundreds thousands tens millions protesters demonstrators rioters
    police troops soldiers officials authorities people residents citizens forces peacekeepers
    mass late early earlier later meanwhile however nevertheless still yet then thus also
    instead indeed besides moreover furthermore last next first second third new old what who
    where when why how while although though because since unlike despite such its his her
    neither either nor whether
    their our your my this that these those there here it he she they we you i a an the
    les le la l des un une il elle ils elles on nous vous je ce cet cette ces selon d apres
    avant pendant lors depuis entre toutefois neanmoins cependant pourtant ainsi puis enfin
    effectivement contrairement par pour sur dans en au aux du de comme plusieurs quelque
    quelques environ pres certains certaines chaque tous toutes tout toute aucun aucune
    manifestants policiers soldats militaires autorites habitants citoyens forces troupes
    casques ceux celles celui celle ou quand comment pourquoi mais et donc or ni car si
    tard tot hier aujourd demain ensuite alors deja encore seulement plus moins tres
    spokesman spokeswoman president prime minister secretary chief head leader u s
    unrest violence fuel gas gunfire curfew emergency media footage aid help support order
    opposition government parliament army military police internet access security fighting
    western foreign international local regional national ethnic economic political public
    official unofficial independent state russian-led dozens ne nee nes nees born
    outre malgre parmi face suite hormis sauf concernant vers chez sous sans avec contre durant
    jusqu desormais egalement notamment surtout ailleurs meme aussi lorsque puisque tandis bien
    tant plutot among amid amidst following given with without against under over upon within
    beyond across throughout regarding whereas unless once as so thereby hence therefore
    likewise similarly overall eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
    deux trois quatre cinq sept huit neuf dix onze douze treize quatorze quinze seize vingt
    trente quarante cinquante soixante cent mille jamais toujours souvent parfois rarement
    certes voici voila ici dorenavant aussitot soudain
    vite rapidement bientot soudainement longtemps initialement finalement recemment
    immediatement lentement progressivement quickly soon rapidly suddenly often sometimes
    always never initially finally recently immediately slowly gradually
""".split())
# ... followed by a preposition, an article or a day, not a verb ("Aktobé a été ...")
_AFTER_PARTICIPLE = frozenset("""en par de du des d dans à au aux après avant pour sur avec
    sans sous vers entre contre lors depuis le la les l un une ce cette samedi dimanche lundi
    mardi mercredi jeudi vendredi hier""".split())  # as written: "à", not the verb "a"
# ... and what follows a French present participle opening a sentence ("Prenant ses
# décisions", "Estimant que", "Rappelant la ...")
_AFTER_PRESENT_PARTICIPLE = frozenset("""ses sa son leur leurs la le les l un une des que qu ce
    cette ces notamment alors acte part""".split())
_NOT_PARTICIPLES = frozenset("devant durant pendant avant maintenant cependant".split())
_PARTICIPLE_ENDS = ("ées", "és", "ée", "é")  # not "René Dupont": a small word follows
_THREE_LETTERS = re.compile(r"\w{3}")


def _participle(word: str) -> bool:
    r"""A word ending as a French past participle after three letters or more: a suffix test
    (review 16 F1: searching r"\w{3,}(?:é|ée)$" was quadratic on a long run of "é")."""
    end = next((e for e in _PARTICIPLE_ENDS if word.endswith(e)), None)
    return end is not None and bool(
        _THREE_LETTERS.fullmatch(word[-len(end) - 3:-len(end)]))
_PLURAL = re.compile(r"^\w{4,}[trendlkpmg]s$")  # "Protests", "Officials": not names
_COMMON_SUFFIX = re.compile(r"(?:ly|ing|ed|ers|ment|ments|tion|tions|ement|ements|ions|ees|"
                            r"aient|erent|"
                            # "Widespread looting", "Nationwide internet", "Numerous"
                            r"wide|spread|ous|ful|less)$")  # "Nées de griefs ...", "Arrivées ..."
GAZETTEER: dict[str, set[str]] = {}
for _a, _b in _GAZETTEER_PAIRS:
    GAZETTEER.setdefault(_a, set()).add(_b.replace("-", ""))
    GAZETTEER.setdefault(_b.replace("-", ""), set()).add(_a)


def fold(text: str) -> str:
    """Lower case without accents ("Tokaïev" -> "tokaiev"); stream-safe first, so runs of
    combining marks cost linear time (rag.text.unaccent)."""
    return unaccent(text.lower()).replace("œ", "oe")


@dataclass(frozen=True, slots=True)
class Anchor:
    kind: str  # "number" | "date" | "name"
    text: str  # as written in the claim
    keys: frozenset[str]  # any of these in the source holds it (numbers, dates)
    name: str = ""  # folded name, for names
    # for a number the claim gives as a rough figure ("more than 3,800"): the source values
    # that hold it besides its own (`approximate`); None for an exact figure
    near: tuple[float, float] | None = None


@dataclass(slots=True)
class Facts:
    """What one piece of source text holds: number/date keys and its words."""

    keys: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)  # folded, hyphens dropped
    proper: set[str] = field(default_factory=set)  # folded words written with a capital
    negated: bool = False
    names: set[str] = field(default_factory=set)  # names as claim_anchors would read them
    acronyms: set[str] = field(default_factory=set)  # those of `names` written in capitals
    length: int = 0  # words
    # the initials of names written out ("Union européenne": "ue", "Organisation du traité de
    # sécurité collective": "otsc"), for an acronym the claim uses (EU)
    initials: set[str] = field(default_factory=set)
    # whether each claim name looked up here is held (`holds`), by (as written, folded): a
    # claim's names are looked up in the same sentence, window and passage once a sentence
    # or claim, and each look scans every word (review 34: 460 names over 480 words took
    # 280 s of CPU). Read once the Facts are complete; `merge` starts a new one.
    held: dict[tuple[str, str], bool] = field(default_factory=dict, compare=False, repr=False)

    def merge(self, other: Facts) -> Facts:
        return Facts(self.keys | other.keys, self.words | other.words,
                     self.proper | other.proper, self.negated or other.negated,
                     self.names | other.names, self.acronyms | other.acronyms,
                     self.length + other.length, self.initials | other.initials)


def _number_value(raw: str) -> float | None:
    digits = re.sub(r"(?<=\d)[ \u00a0\u202f,.’'](?=\d{3}(?!\d))", "", raw)
    digits = digits.replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def _key(value: float) -> str:
    if not math.isfinite(value):
        return f"n:{value}"
    return f"n:{int(value)}" if value == int(value) else f"n:{value:g}"


_FRACTIONS = {"quarter": 0.25, "quarters": 0.25, "quart": 0.25, "quarts": 0.25,
              "third": 1 / 3, "thirds": 1 / 3, "tiers": 1 / 3, "half": 0.5, "demi": 0.5,
              "demie": 0.5}
_FRACTION_OF = frozenset({"thousand", "mille", "millier", "million", "milliard", "billion"})


def _fraction(words: list[str], i: int) -> tuple[int, float] | None:
    """(last word, value) of a fraction of a scale from word i on: "three quarters of a
    million" (750,000), "half a million", "un demi-million", "a quarter of a million"."""
    parts = [(j, p) for j in range(i, min(i + 6, len(words))) for p in words[j].split("-")]
    k, count = 0, 1.0
    if parts[0][1] in _UNITS or parts[0][1] in ("a", "an"):
        count, k = float(_UNITS.get(parts[0][1], 1)), 1
    if k >= len(parts) or parts[k][1] not in _FRACTIONS:
        return None
    value, k = count * _FRACTIONS[parts[k][1]], k + 1
    for _ in range(2):  # "of a", "d'un"
        if k < len(parts) and parts[k][1] in ("of", "a", "an", "de", "d", "un"):
            k += 1
    if k < len(parts) and parts[k][1] in _FRACTION_OF:
        return parts[k][0], value * _SCALES[parts[k][1]]
    return None


def _word_numbers(words: list[str], spans: list[tuple[int, int]], text: str
                  ) -> list[tuple[int, int, float]]:
    """(first word, last word, value) for runs of number words: "trois mille" -> 3000."""
    out: list[tuple[int, int, float]] = []
    glued = [False] + [not text[spans[j - 1][1]:spans[j][0]].strip()
                       for j in range(1, len(spans))]
    i = 0
    while i < len(words):
        w = words[i]
        if (frac := _fraction(words, i)) is not None:
            out.append((i, *frac))
            i = frac[0] + 1
            continue
        parts = w.split("-")
        if not all(p in _UNITS or p in _SCALES for p in parts) or parts[0] not in _UNITS:
            i += 1
            continue
        total, current, j, scale = 0.0, 0.0, i, 0
        while j < len(words) and (j == i or glued[j]):
            ps = words[j].split("-")
            if not all(p in _UNITS or p in _SCALES or p in ("et", "and") for p in ps):
                break
            if words[j] in ("et", "and") and j + 1 < len(words) and \
                    words[j + 1] in ("demi", "demie", "half") and scale:
                current += 0.5 * scale  # "un millier et demi": 1 500
                j += 2
                break
            if words[j] in ("et", "and") and not (j + 1 < len(words) and all(
                    p in _UNITS for p in words[j + 1].split("-"))):
                break
            if words[j] in ("et", "and") and _scaled_after(words, j + 1):
                break  # "between one hundred and two hundred": two numbers
            for p in ps:
                if p in _UNITS:
                    v = _UNITS[p]
                    if v == 20 and current % 10 == 4 and current % 100 < 10:
                        current += 80 - 4 - 20  # quatre-vingt(s)
                    current += v
                elif p in ("cent", "cents", "hundred"):
                    current, scale = max(current, 1) * 100, 100
                elif p in _SCALES:
                    total += max(current, 1) * _SCALES[p]
                    current, scale = 0, _SCALES[p]
            j += 1
        out.append((i, j - 1, total + current))
        i = j
    return out


# "The two share a border", "les deux ont convenu": the two named before, as a pronoun.
_THE = frozenset({"the", "these", "those", "les", "ces"})
# (verbs two do together: "the two were killed" counts them, review: kept)
_VERB_AFTER_TWO = frozenset("""
    share shared shares agreed met spoke talked signed discussed exchanged
    partagent partageaient se s conviennent
""".split())


# ... and "les deux pays", "the two leaders": the pair a sentence names, as both of them
# ("les deux pays partagent une frontière de plus de 7000 km" over "une frontière avec la
# Russie de plus de 7 000 kilomètres"). Nouns a pair of named parties is called by only.
_PAIR_NOUN = frozenset("""
    pays countries nations sides parties camps cotes dirigeants leaders presidents
    voisins neighbours neighbors capitales capitals gouvernements governments
""".split())


def _the_two(words: list[str], i: int) -> bool:
    return i > 0 and words[i - 1] in _THE and (
        i + 1 >= len(words) or words[i + 1] in _VERB_AFTER_TWO
        or (words[i - 1] in ("les", "the") and words[i + 1] in _PAIR_NOUN))


def _scaled_after(words: list[str], k: int) -> bool:
    """Whether the number words from `k` on reach a scale word ("two hundred")."""
    while k < len(words) and all(p in _UNITS for p in words[k].split("-")):
        k += 1
    return k < len(words) and words[k] in _SCALES


# an hour without minutes: "12 heures", "6 h" (a time of day, or a duration: "a duré 12 heures")
_BARE_HOURS = re.compile(r"(?i)(\d{1,2})\s*(?:heures?|h)")


def _clock_key(m: re.Match[str]) -> str | None:
    """"t:16:28" for "16h28" and "4:28 pm"; "t:16:00" for "4 p.m." and "16 heures"."""
    if m.group(1):
        hour, minute, half = int(m.group(1)), int(m.group(2)), m.group(3)
    elif m.group(4):
        hour, minute, half = int(m.group(4)), 0, m.group(5)
    else:
        hour, minute, half = int(m.group(6)), 0, None
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.lower() == "p" else 0)
    return f"t:{hour}:{minute:02d}" if hour <= 24 and minute < 60 else None


def _times(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each time of day."""
    return [(m.start(), m.end(), key) for m in _CLOCK.finditer(text)
            if (key := _clock_key(m)) is not None]


def _dates(text: str, folded: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of day-month dates in both orders and numeric dates; a numeric date
    that reads either way ("07/01/2022": 7 January, or 1 July as written in the US) gives a
    key for each, joined by "|"."""
    out: list[tuple[int, int, str]] = []
    months = "|".join(sorted(MONTHS, key=len, reverse=True))
    day_first = re.compile(
        rf"(?<!\d)(\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?:of\s+)?({months})\b\.?", re.I)
    month_first = re.compile(rf"\b({months})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?![\d,.]\d)",
                             re.I)
    for m in day_first.finditer(folded):
        out.append((m.start(), m.end(), f"d:{MONTHS[m.group(2).lower()]}-{int(m.group(1))}"))
    # the first day of a span: "du 7 au 19 janvier" holds 7 January
    span_first = re.compile(
        rf"(?<!\d)(\d{{1,2}})(?:er|st|nd|rd|th)?\s*(?:au|to|until|till|-|–|et|and)\s+(?:le\s+)?"
        rf"\d{{1,2}}(?:er|st|nd|rd|th)?\s+(?:of\s+)?({months})\b", re.I)
    for m in span_first.finditer(folded):
        out.append((m.start(1), m.end(1), f"d:{MONTHS[m.group(2).lower()]}-{int(m.group(1))}"))
    for m in month_first.finditer(folded):
        day = int(m.group(2))
        if 1 <= day <= 31:
            out.append((m.start(), m.end(), f"d:{MONTHS[m.group(1).lower()]}-{day}"))
    for m in _NUMERIC_DATE.finditer(text):
        if m.group(1):
            d, mo = int(m.group(1)), int(m.group(2))
        else:
            mo, d = int(m.group(5)), int(m.group(6))
        if 1 <= d <= 31 and 1 <= mo <= 12:
            either = f"|d:{d}-{mo}" if m.group(1) and d <= 12 and d != mo else ""
            out.append((m.start(), m.end(), f"d:{mo}-{d}{either}"))
    return out

_WEEKEND = frozenset({"weekend", "week-end", "week-ends", "weekends"})


def _month_keys(words: list[str], raw_words: list[str]) -> set[str]:
    keys: set[str] = set()
    for w, raw in zip(words, raw_words, strict=True):
        if w in MONTHS and (w in _FULL_MONTHS and (w != "may" or raw[0].isupper())):
            keys.add(f"m:{MONTHS[w]}")
        if w in WEEKDAYS:
            keys.add(f"w:{WEEKDAYS[w]}")
        elif w in _WEEKEND:  # the weekend holds its Saturday and its Sunday
            keys.update((f"w:{WEEKDAYS['samedi']}", f"w:{WEEKDAYS['dimanche']}"))
    return keys


class _Taken:
    """The offsets of a text already read as a date or a time, looked up in constant time (a
    scan of every earlier span was quadratic in a claim of many dates or times)."""

    def __init__(self, size: int) -> None:
        self._mask = bytearray(size + 1)

    def add(self, start: int, end: int) -> None:
        self._mask[start:end] = b"\x01" * (end - start)

    def __contains__(self, pos: int) -> bool:
        return 0 <= pos < len(self._mask) and self._mask[pos] == 1


def _numbers(text: str, skip: _Taken | None = None) -> list[tuple[int, int, frozenset[str]]]:
    out: list[tuple[int, int, frozenset[str]]] = []
    for m in _NUMBER.finditer(text):
        if skip is not None and m.start(1) in skip:
            continue
        value = _number_value(m.group(1))
        if value is None:
            continue
        keys = {_key(value)}
        scale = (m.group(2) or "").lower()
        if scale in _SCALE_AFTER_DIGITS:
            keys.add(_key(value * _SCALE_AFTER_DIGITS[scale]))
        out.append((m.start(1), m.end(1), frozenset(keys)))
    return out


def words_of(text: str) -> set[str]:
    """Folded words, hyphenated ones also whole and in parts."""
    out: set[str] = set()
    for w in _WORD.findall(text):
        f = fold(w)
        out.update([f.replace("-", ""), *f.split("-")])
    out.discard("")
    return out


def facts(text: str) -> Facts:
    """Everything a claim anchor may be looked up in, for one sentence (or title)."""
    folded = fold(text)
    found = list(_WORD.finditer(text))
    raw_words = [m.group() for m in found]
    words = [fold(w) for w in raw_words]
    f = Facts()
    dates = [ks.split("|")[0] for _, _, ks in _dates(text, folded)]  # as the source reads
    f.keys.update(dates)
    f.keys.update(f"n:{k.split('-')[1]}" for k in dates)
    f.keys.update(f"m:{k[2:].split('-')[0]}" for k in dates)
    f.keys.update(k for _, _, ks in _numbers(text) for k in ks)
    for m in _MONTH_YEAR.finditer(text):
        if 1 <= int(m.group(1)) <= 12:
            f.keys.add(f"m:{int(m.group(1))}")
    for m in _NUMERIC_DATE.finditer(text):  # "7.1.2022": the year too
        if len(year := m.group(3) or m.group(4)) == 4:
            f.keys.add(_key(float(year)))
    f.keys.update(k for _, _, k in _times(text))
    f.keys.update(k for _, _, k in _one_unit(text))
    if _ONE_DAY.search(text):
        f.keys.add("n:24")
    f.keys.update(_key(float(_ROUGH_TENS[w])) for w in words if w in _ROUGH_TENS)
    for _, last, v in _word_numbers(words, [m.span() for m in found], text):
        f.keys.add(_key(v))
        if last + 1 < len(words) and words[last + 1] in _DECADES:
            f.keys.add(_key(v * 10))
    for m in _NUMBER.finditer(text):
        if m.group(2) and fold(m.group(2)) in _DECADES and (
                value := _number_value(m.group(1))):
            f.keys.add(_key(value * 10))
    f.keys.update(_month_keys(words, raw_words))
    for raw, w in zip(raw_words, words, strict=True):
        # "UkraineLien externe": a link label glued to the word it follows in scraped text
        glued = [fold(g) for g in _GLUED.findall(raw)] if _GLUED.search(raw) else []
        for part in [w, *w.split("-"), *glued]:
            part = part.replace("-", "")
            if part:
                f.words.add(part)
                if raw[:1].isupper():
                    f.proper.add(part)
    caps = [w.replace("-", "") for raw, w in zip(raw_words, words, strict=True)
            if raw[:1].isupper()]
    f.proper.update(a + b for a, b in itertools.pairwise(caps))
    f.negated = negated(text)
    names = _names(text)
    f.names = {a.name for a in names}
    f.acronyms = {a.name for a in names if a.text.isupper()}
    f.length = len(raw_words)
    f.initials = _initials(raw_words, words)
    # (a sentence with figures of its own says how many itself: "les dix plus grandes villes,
    # dont Almaty, ... et Karaganda"; "une" is no figure)
    if not any(k.startswith("n:") and k != "n:1" for k in f.keys):
        f.keys.update(_list_counts(text))
    return f


_LINKS = frozenset("de du des d of the la le l et and pour for on".split())


INITIALS_SCAN = 12  # words read after a capital for its run (five letters and connectors)


def _initials(raw_words: list[str], words: list[str]) -> set[str]:
    """The initials of each run of two to five words that starts with a capital, connectors
    aside; a lower-case word goes on a run only when long (an adjective: "européenne")."""
    out: set[str] = set()
    for i, raw in enumerate(raw_words):
        if not raw[:1].isupper() or "-" in raw:
            continue
        letters = raw[0].lower()
        # (a bounded look: the rest of the words copied for each capital, connectors skipped
        # without end, was quadratic on "L L L ...", thirty-eighth review)
        for raw2, w2 in zip(raw_words[i + 1:i + 1 + INITIALS_SCAN],
                            words[i + 1:i + 1 + INITIALS_SCAN], strict=False):
            if w2 in _LINKS:
                continue
            if "-" in raw2 or not raw2.isalpha() or not (raw2[:1].isupper() or len(raw2) >= 5):
                break
            letters += fold(raw2[0])
            if len(letters) >= 2:
                out.add(letters)
            if len(letters) == 5:
                break
    # ... and of runs of three or four lower-case words ("gaz de pétrole liquéfié": "gpl", an
    # English claim's LPG, its letters reordered)
    for i, (raw, w) in enumerate(zip(raw_words, words, strict=True)):
        if not _LOWER_WORD.fullmatch(raw) or w in _LINKS:
            continue
        letters = fold(raw[0])
        for raw2, w2 in zip(raw_words[i + 1:i + 8], words[i + 1:i + 8], strict=False):
            if w2 in _LINKS:
                continue
            if not _LOWER_WORD.fullmatch(raw2):
                break
            letters += fold(raw2[0])
            if len(letters) >= 3:
                out.add(letters)
            if len(letters) == 4:
                break
    return out


_LOWER_WORD = re.compile(r"[^\W\d_A-ZÀ-Ý]{3,}")


def claim_anchors(text: str) -> list[Anchor]:
    """Numbers, dates and names a claim asserts, in order of appearance."""
    folded = fold(text)
    anchors: list[tuple[int, Anchor]] = []
    dates = _dates(text, folded)
    for s, e, key in dates:
        anchors.append((s, Anchor("date", text[s:e].strip().rstrip("."),
                                  frozenset(key.split("|")))))
    taken = _Taken(len(text))
    for s, e, _ in dates:
        taken.add(s, e)
    for m in _NUMERIC_DATE.finditer(text):  # ... and its year, which the date key leaves out
        year = m.group(3) or m.group(4)
        if len(year) == 4:
            anchors.append((m.start(3) if m.group(3) else m.start(4),
                            Anchor("number", year, frozenset({_key(float(year))}))))
    for m in _MONTH_YEAR.finditer(text):  # "07/2022": July, in 2022
        if 1 <= int(m.group(1)) <= 12 and m.start() not in taken:
            anchors.append((m.start(), Anchor("date", m.group(1),
                                              frozenset({f"m:{int(m.group(1))}"}))))
            anchors.append((m.start(2), Anchor("number", m.group(2),
                                               frozenset({_key(float(m.group(2)))}))))
            taken.add(m.start(), m.end())
    for s, e, key in _times(text):  # "4:28 pm" is "16h28"
        if s not in taken:
            said = {key}
            if bare := _BARE_HOURS.fullmatch(text[s:e].strip().rstrip(".")):
                said.add(_key(float(bare.group(1))))  # "12 heures" may be a duration
            anchors.append((s, Anchor("date", text[s:e].strip().rstrip("."),
                                      frozenset(said))))
            taken.add(s, e)
    for s, e, key in _one_unit(text):
        if s not in taken:
            anchors.append((s, Anchor("number", text[s:e], frozenset({key}))))
            taken.add(s, e)
    for s, e, keys in _numbers(text, taken):
        anchors.append((s, Anchor("number", text[s:e], keys)))
    raw = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    words = [fold(w) for _, _, w in raw]
    for i, j, value in _word_numbers(words, [(a, b) for a, b, _ in raw], text):
        if value == 2 and i == j and _the_two(words, i):
            continue  # "the two share a border": a pronoun, not a count
        if value > 1 and raw[i][0] not in taken:
            spoken = {_key(value)}
            if j + 1 < len(words) and words[j + 1] in _DECADES:
                spoken.add(_key(value * 10))  # "three decades ago" is "il y a 30 ans"
            anchors.append((raw[i][0], Anchor("number", text[raw[i][0]:raw[j][1]],
                                              frozenset(spoken))))
    for (s, _e, w), f in zip(raw, words, strict=True):
        if s in taken:
            continue
        if f in MONTHS and f in _FULL_MONTHS and (f != "may" or w[0].isupper()):
            anchors.append((s, Anchor("date", w, frozenset({f"m:{MONTHS[f]}"}))))
        elif f in WEEKDAYS:
            anchors.append((s, Anchor("date", w, frozenset({f"w:{WEEKDAYS[f]}"}))))
        elif f in _ROUGH_TENS:
            v = float(_ROUGH_TENS[f])
            anchors.append((s, Anchor("number", w, frozenset({_key(v)}),
                                      near=(v * (1 - _ROUGH_SHARE), v * (1 + _ROUGH_SHARE)))))
    anchors.extend(_names_at(text))
    anchors.sort(key=lambda a: a[0])
    return [a for _, a in anchors]


def _agreed_common(word: str) -> bool:
    """A common word with a feminine or plural ending: "Partie samedi de la hausse des
    carburants, la contestation ..." opens on "parti" agreed, not on a name."""
    return any(word.endswith(end) and len(word) > len(end) + 3
               and word[:-len(end)] in common_french_words() for end in ("es", "e", "s"))


def _common_word(word: str) -> bool:
    """Whether a folded word is one of the lexicon's common words as a whole ("flight",
    "flights"; not "Churchill" for "church"): the first word of "Flight tracking shows ..." is
    no name."""
    return is_english_word(word) or word in common_french_words()


def _names_at(text: str) -> list[tuple[int, Anchor]]:
    raw = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    anchors: list[tuple[int, Anchor]] = []
    for k, (s, _e, w) in enumerate(raw):
        if not w[:1].isupper() or w.isdigit():
            continue
        compound = "-" in w and any(p[:1].islower() for p in w.split("-"))
        if compound:
            # "Russian-led", "Kremlin-backed": the name is the capitalised parts before
            w = "-".join(itertools.takewhile(lambda p: p[:1].isupper(), w.split("-")))
        name = fold(w)
        if re.fullmatch(r"[A-Z]{2,}s", w):
            name = name[:-1]  # NGOs -> ngo
        bare = name.replace("-", "")
        before = text[raw[k - 1][1]:s] if k else ""
        starts = k == 0 or re.search(r"[:«\"“(\[]\s*$|^\s*[-–—]\s*$", before)
        if starts and not w.isupper() and (bare in STARTERS or _COMMON_SUFFIX.search(bare)
                                             or _PLURAL.search(bare) or _common_word(bare)):
            continue  # capitalised because a sentence, quote or list item starts here
        if starts and compound and not _NATIONALITY_END.search(name):
            continue  # "Flight-tracking data show ...": a compound word opens the sentence
        if starts and (_participle(w) or _agreed_common(bare)) and k + 1 < len(raw) and (
                raw[k + 1][2].lower() in _AFTER_PARTICIPLE
                or text[raw[k][1]:].startswith(",")):
            continue  # "Constitué en 1992, ...", "Déclenchée samedi": a participle opens it
        if starts and len(bare) >= 6 and bare.endswith("ant") and bare not in _NOT_PARTICIPLES \
                and k + 1 < len(raw) \
                and fold(raw[k + 1][2]) in _AFTER_PRESENT_PARTICIPLE:
            continue  # "Prenant ses décisions par consensus, le bloc ...": a present
            # participle opens it ("Bryant a dit" keeps its name)
        if starts and k + 2 < len(raw) and fold(raw[k + 1][2]) in ("de", "du", "des", "d") \
                and not text[raw[k][1]:raw[k + 1][0]].strip() \
                and raw[k + 2][2][:1].islower() and "," in text[raw[k + 2][1]:] \
                and bare not in GAZETTEER:
            continue  # "Faute de journalistes ..., les accusations": a phrase put first
        acronym = w.isupper() and len(w) >= 2 and w not in ("OK", "TV", "AM", "PM")
        if len(bare) < 2 or (not acronym and (
                bare in GENERIC or bare in MONTHS or bare in WEEKDAYS
                or all(p in GENERIC or not p for p in name.split("-")))):
            continue
        anchors.append((s, Anchor("name", w, frozenset(), bare)))
    return anchors


def _names(text: str) -> list[Anchor]:
    return [a for _, a in _names_at(text)]


_DIGRAPHS = [("sch", "sh"), ("tch", "ch"), ("ch", "sh"), ("zh", "j"), ("dj", "j"), ("kh", "h"),
             ("ou", "u"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("x", "ks"), ("w", "v"),
             ("y", "i"), ("c", "k")]


# Words longer than this are no name and are not kept in a cache: /verify texts of one
# 9,500-letter word stayed in these caches after the request (review 44, F2: up to 65,536
# entries each)
CACHED_WORD_CHARS = 64


def skeleton(word: str) -> str:
    """Consonants of a transliteration-normalised word: Tokayev/Tokaïev/Tokaev -> "tkv"."""
    return _skeleton(word) if len(word) <= CACHED_WORD_CHARS else _skeleton.__wrapped__(word)


@lru_cache(maxsize=4096)
def _skeleton(word: str) -> str:
    s = re.sub(r"[^a-z]", "", word)
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    s = re.sub(r"(.)\1+", r"\1", s)
    return s[:1] + re.sub(r"[aeiouh]", "", s[1:])


# Letters past which a word is compared as written only: no name is that long, and a full
# edit distance is quadratic in them (review 34: 40-letter words, 280 s for one request)
MAX_NAME_LETTERS = 30
_FAR = 3  # what `_distance` returns for any distance past 2


def _distance(a: str, b: str) -> int:
    """Edit distance up to 2, else _FAR: only the band of cells within 2 of the diagonal is
    filled, and it stops once a whole row is past 2 (linear in the length, not quadratic)."""
    if abs(len(a) - len(b)) >= _FAR or max(len(a), len(b)) > MAX_NAME_LETTERS + 2:
        return _FAR  # (before the cache: a long word is not kept)
    return _banded_distance(a, b)


@lru_cache(maxsize=65536)
def _banded_distance(a: str, b: str) -> int:
    width = _FAR - 1
    big = _FAR
    prev = [j if j <= width else big for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        lo, hi = max(1, i - width), min(len(b), i + width)
        cur = [big] * (len(b) + 1)
        if i <= width:
            cur[0] = i
        for j in range(lo, hi + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != b[j - 1]), big)
        if min(cur[max(0, lo - 1):hi + 1]) >= big:
            return _FAR
        prev = cur
    return min(prev[-1], _FAR)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _bare(w: str) -> str:
    """Without a plural "s" or a French feminine "e": "tadjiks" -> "tadjik"."""
    if len(w) > 4 and w.endswith("s"):
        w = w[:-1]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def same_name(name: str, word: str, proper: bool) -> bool:
    """Whether source word `word` (folded) may be the claim's `name` (folded). A word longer
    than any name is compared as written: its skeleton, redone for each source word, made one
    40 KB capitalised "name" cost its length times the passage's words (177 s of CPU for one
    /verify request, review 54 F1; 6-9 s for a 2,000-character question, F2)."""
    if len(name) > MAX_NAME_LETTERS + 2 or len(word) > MAX_NAME_LETTERS + 2:
        return name == word or _bare(name) == _bare(word)
    return _same_name(name, word, proper)


@lru_cache(maxsize=65536)
def _same_name(name: str, word: str, proper: bool) -> bool:
    return _same(name, word, proper) or _same(_bare(name), _bare(word), proper)


def _same(name: str, word: str, proper: bool) -> bool:
    if name == word:
        return True
    if word in GAZETTEER.get(name, ()):
        return True
    if len(name) <= 5 and name.isalpha() and len(name) == len(word) and sorted(name) == sorted(
            word) and proper:
        return True  # acronyms: CSTO = OTSC, NATO = OTAN
    n = _common_prefix(name, word)
    if n >= 4 and name[n:] in _NAME_ENDINGS and word[n:] in _NAME_ENDINGS:
        return True  # Russian/russe, American/américain, Kazakh/kazakhe
    if len(name) >= 5 and _distance(name, word) <= (1 if len(name) < 8 else 2):
        return True  # Organization/organisation
    if proper or len(word) >= 6:
        a, b = skeleton(name), skeleton(word)
        if len(a) >= 3 and a == b:
            return True
        if len(a) >= 5 and b[:1] == a[:1] and _distance(a, b) <= 1:
            return True  # Kyrgyzstan/Kirghizistan, Tajikistan/Tadjikistan
    return False


def holds(f: Facts, anchor: Anchor) -> bool:
    if anchor.kind != "name":
        return bool(anchor.keys & f.keys) or (anchor.near is not None and _near(f, anchor.near))
    key = (anchor.text, anchor.name)
    if (got := f.held.get(key)) is None:
        got = f.held[key] = _holds_name_or_parts(f, anchor)
    return got


def _holds_name_or_parts(f: Facts, anchor: Anchor) -> bool:
    if _holds_name(f, anchor):
        return True
    # two names made one ("le sommet Poutine-Biden"): the source may name each apart ("entre
    # Vladimir Poutine et Joe Biden")
    parts = anchor.text.split("-")
    return len(parts) > 1 and all(p[:1].isupper() and len(p) >= 3 for p in parts) and all(
        _holds_name(f, Anchor("name", p, frozenset(), fold(p))) for p in parts)


def _holds_name(f: Facts, anchor: Anchor) -> bool:
    if anchor.name in f.proper:
        return True
    # an English common word written with a capital as part of a name the other language
    # writes in its own words ("the Cold War" is "la guerre froide"): held where the source
    # writes one of its translations
    if not anchor.text.isupper() and is_english_word(anchor.name) \
            and translated_in(anchor.name, f.words):
        return True
    if anchor.text.isupper() or len(anchor.name) <= 3:
        # "EU" is not the French participle "eu": acronyms and short names need a capital,
        # or a translation ("US" = "américaines", "USSR" = "soviétique").
        known = GAZETTEER.get(anchor.name, set())
        if any(same_name(anchor.name, w, True) for w in f.proper) or any(
                w in known or _bare(w) in known for w in f.words):
            return True
        # written out: EU = "Union européenne" (its letters reordered, as CSTO = OTSC); not
        # for an acronym the gazetteer spells (US is "États-Unis", not "Union soviétique")
        return (anchor.text.isupper() and 2 <= len(anchor.name) <= 5 and not known
                and any(sorted(anchor.name) == sorted(x) for x in f.initials
                        if len(x) == len(anchor.name)))
    if anchor.name in f.words:
        return True
    return any(same_name(anchor.name, w, w in f.proper) for w in f.words | f.proper)


_NOT_ONLY = re.compile(r"(?i)\b(?:not|non|pas)\s+(?:just|only|merely|simply|seulement|"
                       r"uniquement|simplement)\b")


# Said with a negation word, meant without one: "sans délai" is "immédiatement", "not least"
# is "notamment", "sans doute" is "probablement".
_NO_NEGATION = re.compile(r"(?i)\b(?:sans (?:d[ée]lai|tarder|attendre|doute|cesse)|"
                          r"without (?:delay|doubt)|no doubt|not least)\b|"
                          # a bound on a figure: "no more than $61 million" is "jusqu'à 61
                          # millions" ("no more than one month" is left as said: no figure)
                          r"\b(?:(?:no|not) (?:more|fewer|less) than|pas (?:plus|moins) de)"
                          r"(?=\s*[$€£]?\s*\d)")
# "Never so" is a superlative: "jamais le Kazakhstan n'avait connu des troubles aussi graves"
# says they were the worst ("les pires troubles"), "never had so many been arrested" the most.
_NEVER_SO = re.compile(
    r"(?i)\b(?:jamais|never)\b(?=(?:,?\s+[^\W\d_]+(?:['’-][^\W\d_]+)*){0,30}?\s+(?:aussi|si|"
    r"autant de|as|so|such)\s+(?!(?:que|that|far|long|the|a|an|le|la|les|un|une|des|it|"
    r"this|to)\b)[^\W\d_]{3,}\b)")
# ... and so is "no X as severe since": "No street unrest had been as severe since
# independence" is "les pires troubles depuis l'indépendance" (the degree must be compared to
# a time or to others: "no troops were sent as requested" says no)
_NONE_SO = re.compile(
    r"(?i)\b(?:no|aucune?)\b(?=(?:,?\s+[^\W\d_]+(?:['’-][^\W\d_]+)*){0,12}?\s+(?:aussi|si|"
    r"as|so)\s+[^\W\d_]{3,}\s+(?:as|since|ever|before|que|qu['’]|depuis|avant)\b)")
# A negated absence is a presence (litotes): "n'est pas sans risques" is "is risky", "not
# without reason" is "with reason".
# Only with "être" (closing review M6): "ne signera pas sans garanties" is a refusal.
_LITOTES = re.compile(r"(?i)\bn['’](?:est|était|étaient|a été)\s+pas\s+sans\b|\bne\s+(?:sont|"
                      r"sera|seront|serait|seraient|fut)\s+pas\s+sans\b|\bnon\s+sans\b|"
                      r"\b(?:is|was|are|were|be|been)\s+not\s+without\b|\bnot\s+without\s+"
                      r"(?:risk|reason|danger|merit|interest|difficult)")
# An open alternative is no negation: "whether or not it was a legitimate invitation", "s'il
# s'agissait d'une invitation légitime ou non". Nor is what a warning tells someone not to do:
# "warned Moscow not to intervene" is "mis en garde Moscou contre une intervention".
_ALTERNATIVE = re.compile(r"(?i)\b(?:whether or not|or not(?=\s*(?:[,.;:!?»”\"')]|$))|"
                          r"ou (?:non|pas)(?=\s*(?:[,.;:!?»”\"')]|$))|ou non\b)")
_WARNED_NOT_TO = re.compile(
    r"(?i)\b(?:warn(?:s|ed|ing)?|caution(?:s|ed|ing)?|averti[rst]?|avertissai\w*|"
    r"mise?s? en garde|met\w* en garde)\b(?:\s+[\w'’-]+){0,4}?\s+"
    r"(?:not to|against|de ne pas|d['’]?\s*éviter)\b")


# The expletive "ne" after a fear, "avant que", "à moins que" negates nothing: "craignent que
# les troubles ne s'étendent" fears that they spread ("ne ... pas" there is a negation).
_EXPLETIVE_NE = re.compile(
    r"(?i)(\b(?:craign\w*|crain\w*|peur|avant|moins|crainte|redout\w*|emp[êe]ch\w*|[ée]vit\w*)"
    r"\s+qu(?:e\s+|['’])(?:[\w-]+\s+){0,4}?)n(?:e\s+|['’])(?!(?:[\w-]+\s+){0,2}?(?:pas|plus|"
    r"jamais|rien|point|aucune?|personne|gu[eè]re)\b)")


def negated(text: str) -> bool:
    """A negation other than the restrictive "ne ... que" (only): "n'excluent pas que" is
    one ("pas" before the "que")."""
    text = _EXPLETIVE_NE.sub(r"\1", text)
    # (that "never" or "no" only, and its "ne")
    if (never := _NEVER_SO.search(text) or _NONE_SO.search(text)) is not None:
        text = text[:never.start()] + " " + text[never.end():]
        text = re.sub(r"(?i)\bn(?:e\s+|['’])(?=(?:\w+\s+){0,2}?(?:connu|vu|eu|été|ete)\b)",
                      " ", text, count=1)
    text = re.sub(r"\bn(?:e\s+|['’])(?:(?!pas\b|jamais\b|rien\b|point\b|aucune?\b|gu[eè]re\b)"
                  r"\w+\s+){1,3}?que\b", " ", text, flags=re.I)
    # "ne ... guère" is "hardly", "peu": a degree, as "little" is, not a negation
    text = re.sub(r"\bn(?:e\s+|['’])(?:\w+\s+){0,3}?gu[eè]re\b", " ", text, flags=re.I)
    text = _NOT_ONLY.sub(" ", text)  # "not just protesters but", "non seulement ... mais"
    text = _NO_NEGATION.sub(" ", text)
    text = _LITOTES.sub(" ", text)
    text = _ALTERNATIVE.sub(" ", text)
    text = _WARNED_NOT_TO.sub(" ", text)
    return bool(_NEGATION.search(text))


def accounted(name: str, words: set[str]) -> bool:
    """Whether a source name is said, in some spelling, by one of the claim's words."""
    return name in words or any(same_name(name, w, True) for w in words)


# A rough figure of a claim and the source values it stands for: "plus de 3 800" over "3 811",
# "nearly 3,000" over "2 950", "about 1,500" over "1 450". Read before the number, folded; a
# whole word ("turnover 3,000", "Hanover 96", "handsome 300" are no rough figures).
_MORE = re.compile(r"(?<!\w)(?:(?<!no )(?<!not )more than|over|above|upwards of|in excess of|"
                   r"at least|no fewer than|no less than|(?<!pas )plus de|au moins|pas moins de|"
                   r"au-dela de)\s*$")
_LESS = re.compile(r"(?<!\w)(?:nearly|almost|close to|just under|less than|fewer than|up to|"
                   r"no more than|not more than|at most|pas plus de|au plus|"
                   r"pres de|presque|quasiment|moins de|jusqu'a|jusqu’a)\s*$")
_ABOUT = re.compile(r"(?<!\w)(?:about|around|roughly|approximately|some|an estimated|estimated|"
                    r"circa|environ|quelque|autour de|approximativement|a peu pres|grosso modo)"
                    r"\s*$")
# how far off a rough figure may be (a share of it), and source values read as years instead
NEAR = 0.1
ROUNDING_SPAN = 1.5  # units of a rough figure's rounding it may be off by ("about")
_YEARS = (1900, 2100)


def approximate(text: str, anchors: list[Anchor]) -> list[Anchor]:
    """`anchors` of `text` (claim_anchors), its numbers said roughly given the source values
    that hold them: above it for "more than", below it for "nearly", either side for "about",
    within NEAR of it."""
    out: list[Anchor] = []
    pos = 0
    for a in anchors:
        at = text.find(a.text, pos)
        if at < 0:
            out.append(a)
            continue
        pos = at + len(a.text)
        values = [float(k[2:]) for k in a.keys if k.startswith("n:")]
        if a.kind != "number" or not values or not all(map(math.isfinite, values)):
            out.append(a)
            continue
        value = max(values)  # "3,8 millions": the scaled value
        before = fold(text[max(0, at - 30):at])
        if _MORE.search(before):
            near = (value, value * (1 + NEAR))
        elif _LESS.search(before):
            near = (value * (1 - NEAR), value)
        elif _ABOUT.search(before):
            # ... and no further than about the figure's own rounding: "about 2,500" for
            # "2 537", "about 3,700" for "3 811", not "about 2,800" for "environ 2 600"
            step = ROUNDING_SPAN * _rounding(value)
            near = (max(value * (1 - NEAR), value - step), min(value * (1 + NEAR), value + step))
        else:
            out.append(a)
            continue
        out.append(Anchor(a.kind, a.text, a.keys, a.name, near))
    return out


def _rounding(value: float) -> float:
    """The unit a figure is rounded to, by its trailing zeros (2 800: 100; 2,5 millions:
    100 000; 81: 1); a fraction's is left to NEAR."""
    if value != int(value) or value == 0:
        return abs(value) * NEAR
    step, n = 1.0, int(value)
    while n % 10 == 0:
        n //= 10
        step *= 10
    return step


def _near(f: Facts, near: tuple[float, float]) -> bool:
    """Whether `f` holds a number in `near` (a year, which news writes bare, does not count)."""
    return within(f.keys, near)


def within(keys: Iterable[str], near: tuple[float, float]) -> bool:
    """Whether `keys` hold a number in `near` (`Anchor.near`; a year does not count)."""
    lo, hi = near
    for k in keys:
        if k.startswith("n:"):
            try:
                v = float(k[2:])
            except ValueError:
                continue
            if lo <= v <= hi and not (v == int(v) and _YEARS[0] <= v <= _YEARS[1]):
                return True
    return False
