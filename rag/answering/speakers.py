"""Who a question asks to have said something, and whom a sentence credits its words to.

"What did President Joe Biden personally say about the CSTO deployment?" is not answered by
"«Joe Biden et Vladimir Poutine se sont rencontrés à Genève ...», ajoute Laurent Goetschel":
Biden is named there, Goetschel speaks. "Why did Ned Price call ... 'total stupidity'?" is not
answered by "Stanislav Zas a qualifié de « stupidité totale » ...". Only a person asked by a
full name (two capitalised words or more) and a sentence crediting someone by name are read:
a sentence crediting no one ("«Nous appelons ...»") may go on with the one asked.
"""

from __future__ import annotations

import re

from rag.answering.anchors import same_name
from rag.answering.countries import nations_of
from rag.text import STOPWORDS, fold

# "What did President Joe Biden personally say ...?", "Why did US State Department spokesman
# Ned Price call ...?", "How did X describe ...?"
_SAY_EN = re.compile(r"(?i)\b(?:what|why|how)\s+(?:did|does|do|has|had)\s+"
                     r"([^?]{1,80}?)\s+(?:\w+ly\s+|also\s+)?(?-i:say|said|tell|told|declare|"
                     r"call|describe|claim|state|affirm|warn|write|tweet|characteri[sz]e|"
                     r"announce|explain|stress|insist)\b")
_SAID_FR = (r"(?:dit|déclaré|affirmé|annoncé|expliqué|répondu|estimé|souligné|ajouté|précisé|"
            r"indiqué|qualifié|jugé|décrit|averti|prévenu|insisté)")
# "Qu'a déclaré Jen Psaki ...?", "Pourquoi Jen Psaki a-t-elle affirmé ...?"
_SAY_FR = (re.compile(r"(?i)\bqu['’](?:a|avait)\s+(?:donc\s+|alors\s+)?" + _SAID_FR
                      + r"\s+([^?,]{1,80})"),
           re.compile(r"(?i)\b(?:pourquoi|comment)\s+([^?]{1,80}?)\s+"
                      r"(?:a|avait)-t-(?:il|elle)\s+(?:\w+\s+)?" + _SAID_FR + r"\b"))
_NAME_RUN = re.compile(r"[A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+)+")
_TITLE = frozenset(fold(w) for w in """
president président presidente présidente prime premier minister ministre secretary
secrétaire general général spokesman spokeswoman spokesperson porte-parole chief chef head
ambassador ambassadeur state department senator sénateur king roi queen reine mr mrs ms dr
m mme monsieur madame sir lord secretary-general secrétaire-général director-general
directeur-général
il elle ils elles on nous he she they we it le la les l the ce cette ces celui celle un une
a an et and mais but son sa ses his her their leur lui
""".split())


def said_by(question: str) -> tuple[str, ...]:
    """The parts of the full name of whom the question asks to have said something, folded
    ("What did President Joe Biden say ...?": ("joe", "biden")); () when none is asked so."""
    question = " ".join(question.split())  # (a run of spaces costs the patterns nothing)
    for pattern in (_SAY_EN, *_SAY_FR):
        for m in pattern.finditer(question):
            if re.search(r"(?i)\b(?:and|et)\b", m.group(1)) or not (
                    runs := _NAME_RUN.findall(m.group(1))):
                continue  # two speakers asked ("Joe Biden and Vladimir Putin"): either may
            # the name right after "Qu'a déclaré", else the last before the verb ("US State
            # Department spokesman Ned Price")
            run = runs[0] if pattern is _SAY_FR[0] else runs[-1]
            if re.search(r"['’]s?$", run) or nations_of(run) or any(
                    fold(w) in _BODY_WORDS for w in run.split()):
                continue  # whose spokesman ("Joe Biden's"), a country, a body: no person
            words = run.split()
            while words and (fold(words[0]) in _TITLE or words[0].isupper()):
                words = words[1:]
            if len(words) >= 2:
                return tuple(fold(w) for w in words)
    return ()


_BODY_WORDS = frozenset(fold(w) for w in """house maison blanche kremlin department ministry
    ministère government gouvernement council conseil union nations states états commission
    office bureau agency agence""".split())


# whom a sentence credits: after the credit ("a déclaré Jen Psaki", "selon Emilia Nazarenko",
# "», ajoute Laurent Goetschel") or as the subject of the saying ("Stanislav Zas, a qualifié",
# "Blinken s'est dit préoccupé")
_SAID_PAST = (r"(?:déclaré|dit|affirmé|estimé|souligné|indiqué|assuré|insisté|qualifié|"
              r"expliqué|ajouté|annoncé|jugé|dénoncé|précisé|averti|prévenu|écrit|répondu)")
_NAME = r"([A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+)*)"
# (a name is credited where its clause ends with it: "a déclaré à Sputnik Earl Rasmussen.",
# not "a déclaré à Genève que", "told Reuters that", "said Russia would"). The name credited
# is of five words at most, each read whole (`++`): a shorter cut never ends its clause, and
# "Selon Selon Selon ... x." was read to its end from each "Selon" and given back word by word
# (quadratic, review 51 F2); one run of spaces after "»" is read once, not split in two.
_CREDITED = r"([A-ZÀ-Ý][\w’'-]++(?:\s++[A-ZÀ-Ý][\w’'-]++){0,4}+)"
_AFTER = re.compile(r"(?:\b(?:[Ss]elon|[Dd]['’]après|[Aa]ccording to)|\b(?:a|ont|avait|avaient)"
                    r"\s+" + _SAID_PAST + r"|[»”]\s*(?:,\s*)?(?:a-t-(?:il|elle)\s+)?(?:ajoute|"
                    r"poursuit|explique|souligne|dit|déclare|estime|note|précise|affirme|"
                    r"indique|conclut|insiste|rappelle|assure|commente|observe|relève)|"
                    r"\b(?:said|says|told|stated|added))\s+(?:(?!(?:que|qu|that)\b)[\w’'-]+\s+)"
                    r"{0,5}?" + _CREDITED + r"(?=\s*(?:[,.;:!?»”)]|$))")
_VERB = re.compile(r"\b(?:(?:a|ont|avait|avaient)\s+" + _SAID_PAST + r"|s['’]est\s+(?:dit|"
                   r"déclaré|déclarée|dite|montré|montrée)|said|says|told|stated|warned|added|"
                   r"called|described)\b")
# the subject just before the verb, maybe with an apposition ("X, chef de Y, a déclaré")
_SUBJECT = (re.compile(_NAME + r"\s*,?\s*$"), re.compile(_NAME + r"\s*,[^,«»“”]{1,80},\s*$"))


def _words(name: str) -> set[str]:
    return {fold(w) for w in re.findall(r"[A-ZÀ-Ý][\w’'-]+", name) if not w.isupper()} - _TITLE


def credited(text: str) -> list[set[str]]:
    """The capitalised words (folded, titles left out) of each name the sentence credits its
    words to by name: [{"laurent", "goetschel"}]."""
    found = [w for m in _AFTER.finditer(text) if (w := _words(m.group(1)))]
    for m in _VERB.finditer(text):
        before = text[max(0, m.start() - 120):m.start()]
        for pattern in _SUBJECT:
            if (s := pattern.search(before)) and (w := _words(s.group(1))):
                found.append(w)
                break
    return found


def another_speaks(asked: tuple[str, ...], text: str) -> bool:
    """Whether the sentence credits its words to people named, none of them the one asked."""
    names = credited(text)
    return bool(names) and not any(same_name(part, w, True) for part in asked
                                   for ws in names for w in ws if len(w) >= 3)


# words reported, an adverb allowed after the auxiliary ("Il a également souligné que"), a
# quote in straight or curly marks, or a post ("wrote on Twitter", "a tweeté")
_SPEECH = re.compile(r"(?i)\b(?:a|ont|avait|avaient|a-t-(?:il|elle)|ont-(?:ils|elles))\s+"
                     r"(?:\w+\s+)?" + _SAID_PAST + r"\b|\b(?:said|says|told|stated|claimed|"
                     r"described|added|wrote|writes|tweeted|posted|announced|warned|called)\b|"
                     r"\btweet\w*|[«“»”\"]")
# ... by a pronoun, for someone named before ("Elle a ajouté que", "He also said")
_PRONOUN_SAID = re.compile(r"(?i)\b(?:il|elle|ils|elles|he|she|they)\s+(?:(?:a|ont|avait|"
                           r"avaient)\s+)?(?:\w+\s+)?(?:" + _SAID_PAST[3:-1] + r"|said|says|"
                           r"told|stated|added|wrote|warned)\b")


def reports_speech(text: str) -> bool:
    """Whether a sentence reports someone's words."""
    return bool(_SPEECH.search(text))


def said_by_pronoun(text: str) -> bool:
    """Whether a sentence gives its words to a pronoun, someone named before."""
    return bool(_PRONOUN_SAID.search(text))


# What the question has the person say: words in quotes ("call suggestions ... 'total
# stupidity'", "« leçon de l'histoire récente »") or the clause after the saying ("a-t-elle
# affirmé qu'une fois les Russes dans votre maison, ...", "say that ...")
_QUOTED = re.compile(r"[«“\"‘]\s*([^«»“”\"‘’]{3,200}?)\s*[»”\"’]|(?:(?<=\s)|^)'([^']{3,200}?)'"
                     r"(?=[\s?.,!;:]|$)")
_THAT_CLAUSE = re.compile(r"(?i)\b(?:" + _SAID_FR + r"|said|say|says|claimed|claim|stated|"
                          r"declared|told\s+\w+)\s+(?:que\s+|qu['’]|that\s+)([^?]{10,200})")
STATEMENT_SHARE = 0.6
STATEMENT_STEMS = 2


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[^\W\d_]{4,}", fold(text)) if w not in STOPWORDS}


def statement_asked(question: str) -> frozenset[str]:
    """The stems (five letters, folded) of what the question has its person say."""
    m = _QUOTED.search(question)
    said = (m.group(1) or m.group(2)) if m else None
    if said is None and (c := _THAT_CLAUSE.search(question)):
        said = c.group(1)
    return frozenset(_stems(said)) if said else frozenset()


def quote_of_another(asked: tuple[str, ...], statement: frozenset[str],
                     texts: list[str]) -> bool:
    """Whether the sentence that says the statement asked (STATEMENT_SHARE of its stems, the
    most of any) credits it to someone else by name: "Why did Ned Price call ... 'total
    stupidity'?" over "Stanislav Zas a qualifié de « stupidité totale » ..." (t51_007), "Pourquoi
    Jen Psaki a-t-elle affirmé qu'une fois les Russes dans votre maison ...?" over "Blinken
    s'est dit préoccupé ..., ajoutant qu'« une fois que les Russes sont dans votre maison ..."
    (t51_034): the premise is wrong, and whatever the person asked did say answers nothing."""
    if not asked or len(statement) < STATEMENT_STEMS:
        return False
    best, best_share = None, 0.0
    for text in texts:
        share = len(statement & _stems(text)) / len(statement)
        if share > best_share:
            best, best_share = text, share
    return best is not None and best_share >= STATEMENT_SHARE and another_speaks(asked, best)
