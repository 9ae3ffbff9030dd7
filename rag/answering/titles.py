"""Which title a text gives each person it names: "le président de l'OTSC, Nikol Pashinyan" ->
{"pashinyan": {"president"}}.

For the claim verifier: a claim that gives someone a title the passage gives someone else
("CSTO Secretary General Maria Zakharova" over "la porte-parole de la diplomatie russe, Maria
Zakharova") names every name and says something false. A title is read where news writes
it: up to TITLE_BEFORE words before the name ("le porte-parole du Kremlin, Dmitry Peskov"),
with no other person named in between, or right after it and a comma ("Nikol Pashinyan, le
Premier ministre arménien"). Titles are a closed list of families, either language.
"""

from __future__ import annotations

import re

from rag.answering.anchors import GENERIC, fold, same_name
from rag.answering.countries import country_code, is_country

TITLE_BEFORE = 8  # words before a name that may hold its title
TITLE_AFTER = 4  # words after "Name," that may
APPOSITION_BEFORE = 6  # words before the comma of a second title in apposition

_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("prime", re.compile(r"^(?:premier|prime)$")),  # only before "ministre"/"minister"
    # a vice-president is not the president ("le vice-président exécutif d'Eurasia Group")
    ("vice-president", re.compile(r"^vice-presiden\w*$")),
    ("president", re.compile(r"^(?:ex-)?presiden\w*$")),
    # a chairman presides ("the CSTO's chairman" is its président, not its secrétaire général)
    ("president", re.compile(r"^chair(?:man|men|woman|women|person|persons)$")),
    ("minister", re.compile(r"^minist(?:re|res|er|ers)$")),
    ("spokesperson", re.compile(r"^(?:spokes\w+|porte-parole|porte-paroles)$")),
    ("secretary", re.compile(r"^secr[e]tar\w*$|^secretaire\w*$")),
    ("ambassador", re.compile(r"^ambassad\w+$")),
)
_MINISTER_WORD = re.compile(r"^minist(?:re|res|er|ers)$")
# What a minister or a spokesperson speaks for, read a few words either side of the title
# ("le porte-parole de la diplomatie russe", "Defence Ministry spokesman"): kept as
# "spokesperson:foreign" beside "spokesperson", so that the defence ministry's spokeswoman is
# not the foreign ministry's.
_PORTFOLIOS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("defence", re.compile(r"^(?:defen[cs]e|armees|military)$")),
    ("foreign", re.compile(r"^(?:foreign|etrangeres|diplomatie|diplomacy)$")),
    ("interior", re.compile(r"^(?:interior|interieur|home)$")),
    ("finance", re.compile(r"^(?:finances?|economie|economy|treasury)$")),
    ("justice", re.compile(r"^justice$")),
    ("health", re.compile(r"^(?:health|sante)$")),
    ("energy", re.compile(r"^(?:energy|energie)$")),
)
_WITH_PORTFOLIO = frozenset({"minister", "spokesperson", "secretary"})
# A secretary of state, a spokesman of the State Department speak for foreign affairs (the US
# word: "le secrétaire d'État américain Antony Blinken" is no Defense Secretary); a "ministre
# d'État" is a rank, read for no portfolio.
_STATE = re.compile(r"^(?:state|etat)$")
PORTFOLIO_BEFORE = 3
PORTFOLIO_AFTER = 6
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|[.!?;]|,")
# Capitalised words that are places or institutions, not people: they may stand between a title
# and its holder ("le porte-parole du Kremlin, Dmitry Peskov").
_INSTITUTIONS = frozenset("kremlin elysee pentagone pentagon otan nato onu un ue eu otsc csto "
                          "maison blanche white house conseil council commission parlement "
                          "parliament assemblee assembly senat senate comite committee union "
                          "ministere ministry departement department gouvernement government "
                          "cour court banque bank agence agency organisation organization "
                          "etat state".split())


# Words that end the phrase a title is part of: "a former prime minister and close ally of
# Nazarbayev" gives Nazarbayev no title.
_JOINS = frozenset("and or et ou who qui que that which dont".split())


_HEAD = re.compile(r"^(?:chef|chefs|head|heads|chief|chiefs)$")
# a state's head, not the head of a staff or a state's service ("chef d'état-major", "head of
# State Security", "chef de l'État islamique")
_NOT_OF_STATE = frozenset("major islamique islamic media medias security securite department "
                          "departement".split())


def _head(tokens: list[str], i: int) -> str | None:
    """What a head is: of state, the president; of government, the prime minister; of a
    country's diplomacy ("le chef de la diplomatie européenne", "foreign policy chief"), its
    foreign minister; any other head, nothing read."""
    after = [fold(t) for t in tokens[i + 1:i + 6]]
    for lead, office in ((["de", "l", "etat"], "president"), (["d", "etat"], "president"),
                         (["of", "state"], "president"), (["du", "gouvernement"], "prime"),
                         (["of", "government"], "prime"),
                         (["of", "the", "government"], "prime")):
        if after[:len(lead)] == lead:
            nxt = after[len(lead)] if len(after) > len(lead) else ""
            return None if nxt in _NOT_OF_STATE else office
    return "minister" if _portfolio(tokens, i) == "foreign" else None


def _family(tokens: list[str], i: int) -> str | None:
    w = fold(tokens[i])
    if _HEAD.match(w):
        return _head(tokens, i)
    for name, rx in _FAMILIES:
        if rx.match(w):
            if name == "prime":
                nxt = fold(tokens[i + 1]) if i + 1 < len(tokens) else ""
                return "prime" if _MINISTER_WORD.match(nxt) else None
            if name == "minister" and i and fold(tokens[i - 1]) in ("premier", "prime"):
                return None  # counted as "prime"
            if name == "president" and i and fold(tokens[i - 1]) == "vice":
                return "vice-president"  # "Vice President Kamala Harris"
            if name == "secretary" and i and fold(tokens[i - 1]) in ("press", "presse"):
                return "spokesperson"  # a press secretary speaks for the White House
            return name
    return None


def _portfolio(tokens: list[str], k: int, state: bool = False) -> str | None:
    """What the title at token k speaks for, within its phrase: before it first ("Defence
    Minister Sergei Shoigu and Foreign Minister Sergei Lavrov"), then after it up to a
    person's name or a joiner ("la porte-parole de la diplomatie russe"). `state`: "State"
    names foreign affairs (`_STATE`)."""
    for step, reach in ((-1, PORTFOLIO_BEFORE), (1, PORTFOLIO_AFTER)):
        j = k + step
        while 0 <= j < len(tokens) and abs(j - k) <= reach:
            if tokens[j] in ".!?;," or fold(tokens[j]) in _JOINS or (
                    step == 1 and _person_word(tokens[j]) and country_code(tokens[j]) is None
                    and not any(rx.match(fold(tokens[j])) for _, rx in _PORTFOLIOS)):
                break
            w = fold(tokens[j])
            for name, rx in _PORTFOLIOS:
                if rx.match(w):
                    return name
            if state and _STATE.match(w):
                return "foreign"
            j += step
    return None


# What a president presides over, read as a portfolio is: a country ("Armenian President",
# "le président kazakh", "président du Kazakhstan") or a body ("le président sortant du bloc",
# "president of the CSTO"): the bloc's outgoing chair is not Armenia's president.
_BODIES = (_INSTITUTIONS - frozenset("un etat state gouvernement government kremlin elysee "
                                      "maison blanche white house".split())) | frozenset(
    "bloc alliance club federation parti party duma".split())
_ARTICLES = frozenset("le la les l the a an un une".split())


def _presides(tokens: list[str], k: int) -> str | None:
    for step, reach in ((-1, PORTFOLIO_BEFORE), (1, PORTFOLIO_AFTER)):
        j = k + step
        while 0 <= j < len(tokens) and abs(j - k) <= reach:
            if tokens[j] in ".!?;," or fold(tokens[j]) in _JOINS or (
                    step == -1 and (fold(tokens[j]) in _LINKS or fold(tokens[j]) in _ARTICLES)):
                break  # ("in Armenia with President Putin": not Armenia's president)
            code = country_code(tokens[j])
            if code is not None:
                return f"@{code}"
            if fold(tokens[j]) in _BODIES:
                return "@body"
            if step == 1 and _person_word(tokens[j]):
                break
            j += step
    return None


def _with_portfolio(fam: str, tokens: list[str], k: int) -> set[str]:
    if fam == "president":
        over = _presides(tokens, k)
        return {fam} if over is None else {fam, f"{fam}:{over}"}
    if fam not in _WITH_PORTFOLIO:
        return {fam}
    port = _portfolio(tokens, k, state=fam != "minister")
    return {fam} if port is None else {fam, f"{fam}:{port}"}


_LINKS = frozenset("of de du des d for pour to a au aux in en at with avec from par by".split())


def _names_next(tokens: list[str], k: int) -> bool:
    """Whether a person is named within TITLE_BEFORE words after token k, in its phrase and
    with no preposition or joiner between ("former president Nazarbayev", not "a former prime
    minister and close ally of Nazarbayev", nor "spokeswoman for the Russian ministry")."""
    for j in range(k + 1, min(len(tokens), k + 1 + TITLE_BEFORE)):
        if tokens[j] in ".!?;," or fold(tokens[j]) in _JOINS or fold(tokens[j]) in _LINKS:
            return False
        if _person_word(tokens[j]):
            return True
    return False


# a name right after these owns the title before it, does not hold it
_OWNER_OF = frozenset("de du des d of".split())
# capitalised days and months open sentences ("Samedi, ...") and name no one
_DAYS_MONTHS = frozenset("""lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday
    wednesday thursday friday saturday sunday janvier fevrier mars avril mai juin juillet aout
    septembre octobre novembre decembre january february march april june july august
    september october november december""".split())


def _person_word(tok: str) -> bool:
    """A capitalised word that may be (part of) a person's name (not a portfolio: "le
    ministère de la Défense", "Affaires étrangères")."""
    if not tok[:1].isupper() or tok.isupper():
        return False
    f = fold(tok)
    return not (f in GENERIC or f in _INSTITUTIONS or is_country(f) or f.lower() in _DAYS_MONTHS
                or is_country(f.replace("-", "")) or f in _PORTFOLIO_WORDS)


_PORTFOLIO_WORDS = frozenset("defense defence affaires etrangeres interieur foreign interior "
                             "armees justice sante finances economie".split())


def _title_before(tokens: list[str], i: int, reach: int = TITLE_BEFORE
                  ) -> tuple[str, int] | None:
    """The title family within `reach` words before token i, and where it is."""
    end = i
    while end + 1 < len(tokens) and _person_word(tokens[end + 1]):
        end += 1
    if i and fold(tokens[i - 1]) in _OWNER_OF and end > i:
        return None  # "le porte-parole de Noursoultan Nazarbaïev": his spokesman's title
        # (a one-word name after "de" may be a particle's: "le président de Gaulle")
    for k in range(i - 1, max(-1, i - 1 - reach), -1):
        if _person_word(tokens[k]) and k and fold(tokens[k - 1]) in _OWNER_OF and any(
                _family(tokens, t) for t in range(max(0, k - 4), k - 1)) and not any(
                fold(t) in _VERBS for t in tokens[max(0, k - 4):i]):
            continue  # the title's complement ("le vice-président exécutif d'Eurasia Group,
            # Earl Rasmussen"; not past a verb: "Le président a reçu l'adjoint de Lavrov")
        if tokens[k] in ".!?;" or _person_word(tokens[k]) or fold(tokens[k]) in _JOINS:
            return None
        fam = _family(tokens, k)
        if fam:
            closed = end + 1 < len(tokens) and tokens[end + 1] == ","
            if "," in tokens[k:i] and not closed and _credit_phrase(tokens, k):
                return None  # "d'après son porte-parole, Noursoultan Nazarbaïev a exhorté":
                # the credit's title is another's ("According to the Kazakh president,
                # Kassym-Jomart Tokayev, ..." closes an apposition: his)
            return fam, k
    return None


_CREDIT_OPENERS = frozenset("selon according par by".split())


def _credit_phrase(tokens: list[str], k: int) -> bool:
    """Whether the phrase holding token k (from the comma or sentence start before it) opens
    on a credit ("d'après son porte-parole", "selon le ministre", "according to his aide";
    not "Après avoir été Premier ministre", "After becoming president")."""
    j = k
    while j > 0 and tokens[j - 1] not in ".!?;,":
        j -= 1
    head = [fold(t) for t in tokens[j:min(j + 2, k)]]
    return bool(set(head) & _CREDIT_OPENERS) or head[:2] == ["d", "apres"]


# What may stand between a comma and the title of an apposition
_BEFORE_TITLE = frozenset("le la les l the a an son sa ses his her their its ex former ancien "
                          "ancienne nouveau nouvelle new current actuel actuelle".split())
_VERBS = frozenset("a ont est sont etait etaient avait avaient fut has have had is are was "
                   "were said says dit declare affirme met rencontre rencontrait".split())
_NOT_APPOSITION = frozenset("selon according apres after pour for par by avec with de du des "
                            "d to a au aux chez unlike contrairement comme like".split())


def _opens_apposition(tokens: list[str], k: int) -> bool:
    """Whether the phrase holding token k (from the comma or sentence start before it) is a
    title in apposition: it opens on no preposition ("Selon le ministre, ..." names a
    minister, not the next one's title) and holds no verb ("Il a rencontré le Premier
    ministre, le président X")."""
    j = k
    while j > 0 and tokens[j - 1] not in ".!?;,":
        j -= 1
    return fold(tokens[j]) not in _NOT_APPOSITION and not any(
        fold(t) in _VERBS for t in tokens[j:k])


# "Selon le porte-parole ..., le général X, ...": the source named after its title
_SOURCE_OPENERS = frozenset("selon according".split())


# "Selon le porte-parole du ministère de la Défense, le général de division Igor Konashenkov,"
# opens within this many tokens of the name (a bound: a sentence of thousands of commas costs
# one look each)
SOURCE_REACH = 40


def _sentence_starts(tokens: list[str]) -> list[int]:
    """Each token's sentence's first token, in one pass."""
    out: list[int] = []
    start = 0
    for k, t in enumerate(tokens):
        out.append(start)
        if t in ".!?;":
            start = k + 1
    return out


def _source_opening(tokens: list[str], i: int, j: int, starts: list[int]) -> int | None:
    """Where the sentence of the name at tokens i..j opens, when it opens "Selon X, ... Name,"
    (one comma before the name, one right after it, no verb between): else None."""
    if j + 1 >= len(tokens) or tokens[j + 1] != ",":
        return None
    start = starts[i]
    if i - start > SOURCE_REACH:
        return None
    if fold(tokens[start]) not in _SOURCE_OPENERS or tokens[start:i].count(",") != 1 or any(
            fold(t) in _VERBS for t in tokens[start:i]) or tokens[i - 1] == ",":
        return None  # (a name right after the comma, "Selon le porte-parole du Kremlin,
    return start  # Vladimir Poutine, arrivé hier, a parlé", may be whom the source speaks of)


# "Karim Massimov, proche allié de Nazarbaïev et ancien ministre de la Défense": a title
# joined by "et" / "and" to the apposition after a name is that name's, read within this many
# tokens of the comma (no verb, no other comma, its own holder named right after it)
COORDINATED_REACH = 10
_AND = frozenset({"et", "and"})
_OF = frozenset("de du des d of to a au aux avec with pour for".split())


def _coordinated_title(tokens: list[str], start: int) -> set[str]:
    """The title a name's apposition (from token `start`) adds after "et" / "and"."""
    if start >= len(tokens) or _person_word(tokens[start]):
        return set()  # "Nazarbayev, Tokayev and the president": a list of names
    complement = False  # within a name after "de" ("allié de Noursoultan Nazarbaïev")
    for k in range(start, min(len(tokens), start + COORDINATED_REACH)):
        if tokens[k] in ".!?;," or fold(tokens[k]) in _VERBS - {"a"}:  # ("a": an article too)
            return set()
        if _person_word(tokens[k]) and country_code(tokens[k]) is None:
            complement = fold(tokens[k - 1]) in _OF or (complement
                                                        and _person_word(tokens[k - 1]))
            if not complement:
                return set()  # someone else the apposition names, not as a complement
        else:
            complement = False
        if fold(tokens[k]) in _AND:
            for m in range(k + 1, min(len(tokens), k + 4)):
                if tokens[m] in ".!?;," or (_person_word(tokens[m])
                                            and country_code(tokens[m]) is None):
                    return set()
                fam = _family(tokens, m)
                if fam:
                    return set() if _names_next(tokens, m) else _with_portfolio(fam, tokens, m)
            return set()
    return set()


def titles(text: str) -> dict[str, set[str]]:
    """Folded surname -> the title families the text gives that person."""
    tokens = _TOKEN.findall(text)
    starts = _sentence_starts(tokens)
    out: dict[str, set[str]] = {}
    i = 0
    while i < len(tokens):
        if not _person_word(tokens[i]) or (i and _person_word(tokens[i - 1])):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and _person_word(tokens[j + 1]):
            j += 1
        surname = fold(tokens[j]).replace("-", "")
        found: set[str] = set()
        at = _title_before(tokens, i)
        if at is not None:
            found |= _with_portfolio(at[0], tokens, at[1])
            # ... and a title in apposition before it: "le président sortant du bloc, le
            # Premier ministre arménien Nikol Pashinyan" (not "Selon le ministre, le ...")
            comma = next((k for k in range(at[1] - 1, max(-1, at[1] - 1 - TITLE_BEFORE), -1)
                          if tokens[k] in ".!?;,"), None)
            if comma is not None and tokens[comma] == "," and all(
                    fold(t) in _BEFORE_TITLE for t in tokens[comma + 1:at[1]]):  # (", le
                # Premier ministre", not ", posted on Twitter by his spokesman")
                more = _title_before(tokens, comma, APPOSITION_BEFORE)
                if more is not None and _opens_apposition(tokens, more[1]) and not any(
                        fold(t) in _VERBS for t in tokens[more[1]:comma]):
                    found |= _with_portfolio(more[0], tokens, more[1])
        elif (start := _source_opening(tokens, i, j, starts)) is not None:
            # "Selon le porte-parole du ministère de la Défense, le général de division Igor
            # Konashenkov, les casques bleus ...": the source's title, past his rank ("Selon
            # le ministre, le président X a dit" names two people: X is not closed by a comma)
            for k in range(start, i):
                if _person_word(tokens[k]):
                    break
                fam = _family(tokens, k)
                if fam:
                    found |= _with_portfolio(fam, tokens, k)
                    break
        if j + 1 < len(tokens) and tokens[j + 1] == ",":
            titled = False
            for k in range(j + 2, min(len(tokens), j + 2 + TITLE_AFTER)):
                if tokens[k] in ".!?;," or _person_word(tokens[k]):
                    break
                fam = _family(tokens, k)
                if fam:
                    titled = True
                    if not _names_next(tokens, k):  # "Ukibay, former president Nazarbayev":
                        found |= _with_portfolio(fam, tokens, k)  # the next one's title
                    break
            if not titled:
                found |= _coordinated_title(tokens, j + 2)
        if found:
            out.setdefault(surname, set()).update(found)
        i = j + 1
    return out


def misplaced_title(said: dict[str, set[str]], given: dict[str, set[str]]) -> str | None:
    """A person the claim (`said`, from `titles`) gives a title that the passage (`given`)
    does not, when it gives them some: or None. Each title counts ("le Premier ministre
    arménien Nikol Pashinyan, secrétaire général du bloc" over "le président sortant du
    bloc, le Premier ministre arménien Nikol Pashinyan": the secretary general is another)."""
    for person, fams in said.items():
        held: set[str] = set()
        for p, f in given.items():
            if same_name(person, p, True):
                held |= f
        if held and any(t not in held and (":" not in t or any(
                h.startswith(t.split(":")[0] + ":") for h in held)) for t in fams):
            return person  # (a portfolio the passage does not give is no other one)
    return None


# The office a post names ("démis de ses fonctions de chef du Comité national de sécurité",
# "his post as head of the KNB"): a claim that names another office there ("ses fonctions de
# ministre de la Défense") says something false of the same person (blind_pairs43 v43_022,
# blind_pairs7 v7_118), whatever the names and numbers it shares.
_POST = re.compile(r"(?i)\b(?:fonctions?|postes?|posts?|positions?|job|rôle|role)\s+(?:de|d['’]|"
                   r"of|as)\s+(?:the\s+|l['’]|la\s+|le\s+)?(premier\s+ministre|prime\s+minister|"
                   r"[\w-]+)")
_OFFICES = (("prime", r"premier\s+ministre|prime\s+minister|premier"),
            ("minister", r"ministres?|ministers?"),
            ("head", r"chefs?|heads?|chiefs?|dirigeants?|leaders?"),
            ("president", r"présidente?s?|presidents?|chairm[ae]n|chair"),
            ("director", r"directeurs?|directrices?|directors?"),
            ("secretary", r"secrétaires?|secretar(?:y|ies)"),
            ("ambassador", r"ambassadeurs?|ambassadrices?|ambassadors?"),
            ("governor", r"gouverneurs?|governors?"),
            ("spokesperson", r"porte-parole|spokes(?:man|woman|person)"),
            ("commander", r"commandants?|commanders?"),
            ("mayor", r"maires?|mayors?"))
_OFFICE = tuple((name, re.compile(rf"(?i)^(?:{rx})$")) for name, rx in _OFFICES)


def offices_held(text: str) -> set[str]:
    """The offices `text` names after a post's word (`_POST`): "fonctions de ministre" ->
    {"minister"}."""
    out: set[str] = set()
    for m in _POST.finditer(text):
        word = " ".join(m.group(1).split())
        out.update(name for name, rx in _OFFICE if rx.match(word))
    return out


def office_swapped(claim: str, sentence: str) -> bool:
    """Whether the claim names after a post's word an office the sentence names none of,
    where the sentence names one there too."""
    said, given = offices_held(claim), offices_held(sentence)
    return bool(said) and bool(given) and not said & given


_MINISTRY = re.compile(r"^(?:ministere|ministeres|ministry|ministries|departement|department)$")


def _ministries(text: str) -> set[str]:
    """The portfolios of the ministries `text` names ("le ministère russe de la Défense":
    {"defence"})."""
    tokens = _TOKEN.findall(text)
    return {p for k, t in enumerate(tokens) if _MINISTRY.match(fold(t))
            and (p := _portfolio(tokens, k)) is not None}


def ministry_swapped(claim: str, sentence: str) -> bool:
    """Whether the claim names a ministry by a portfolio the sentence gives none of its
    ministries ("Le ministère russe de la Défense a fait savoir qu'il surveillait les troubles"
    over "Le ministère russe des affaires étrangères a confirmé ... qu'il surveillait les
    troubles", blind_pairs44 v44_015)."""
    said = _ministries(claim)
    if not said:
        return False
    given = _ministries(sentence)
    return bool(given) and not said & given
