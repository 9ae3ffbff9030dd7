"""Others asked besides a name the question gives: "Apart from the Baikonur cosmodrome, which
other strategic sites does Russia lease in Kazakhstan?", "Outre le cosmodrome de Baïkonour,
quels autres sites ...?" (traps_study59: t59_033, t59_034). A sentence that gives that name as
its only example ("plusieurs sites ... comme le célèbre cosmodrome de Baïkonour") names no
other: it answers only where it names someone or something the question does not (a name, an
acronym, a nationality or a title: "Macron et le chancelier allemand")."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.answering.anchors import same_name
from rag.answering.countries import country_code
from rag.text import STOPWORDS, fold

# "Apart from X, ...", "Outre X, ...", "... other than X": the name excluded, up to a comma
# or the question's end (capitalised: a name; "apart from troops, what else" is read by no
# rule here)
_EXCLUDED = re.compile(
    r"(?i:\b(?:apart\s+from|aside\s+from|besides|other\s+than|in\s+addition\s+to|outre|"
    r"à\s+part|hormis|mis\s+à\s+part|en\s+dehors\s+d(?:e|u|es)|en\s+plus\s+d(?:e|u|es))\s+)"
    r"(?:(?i:the|le|la|les|l['’]|du|des|de)\s*)?(?:[\w’'-]+\s+){0,3}?([A-ZÀ-Ý][\w’'-]+)")
_OTHER = re.compile(r"(?i)\b(?:other|others|else|autres?|d['’]autres)\b")
# (a title is no name: "Outre le Premier ministre, qui a démissionné ?" is answered by roles)
_TITLES = frozenset("""premier prime president presidente minister ministre chancellor
    chancelier chanceliere king roi queen reine pope pape general secretary secretaire
    senator senateur governor gouverneur mayor maire prince princesse princess""".split())
_ROLES = re.compile(r"(?i)\b(?:ministres?|ministers?|présidente?s?|presidents?|"
                    r"chanceli(?:er|ère)s?|chancellors?|secrétaires?|secretar(?:y|ies)|premiers?\s+ministres?|"
                    r"prime\s+ministers?|dirigeants?|leaders?|porte-parole|spokes(?:man|woman))\b")
_ELISION = re.compile(r"\b(?:[lLdDjJnNsScCmMtT]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’]"
                      r"(?=[A-ZÀ-Ý])")
_CAPITALISED = re.compile(r"(?<![\w’'-])[A-ZÀ-Ý][\w’'-]+|\b[A-Z]{2,}\b")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_NOT_NAMES = frozenset("""le la les l un une des du de d m mme mm ce cette ces il elle ils elles
    on the a an this that these those he she it they in on at by for of and et ou or selon
    according mais but along like comme apart outre besides after before après avant during
    pendant when lorsque while however cependant with avec""".split())


def excluded_asked(question: str) -> str:
    """The name (folded) a question asks others than ("" for none; a title is none)."""
    m = _EXCLUDED.search(question[:300])
    if m is None or not _OTHER.search(question[:300]):
        return ""
    name = fold(m.group(1)).lower()
    return "" if name in _TITLES else name


def only_the_excluded(text: str, question: str, excluded: str) -> bool:
    """Whether `text` names the excluded name and nothing the question does not (it gives it
    as its only example); one that does not name it ("They also denounced corruption") is
    left to the other checks (diff review 56: "what other grievances" is answered by common
    nouns)."""
    words = {fold(w).lower().strip("’'-") for w in _WORD.findall(_ELISION.sub("", text))}
    return any(same_name(excluded, w, True) for w in words if len(w) >= 3) \
        and not names_another(text, question)


def names_another(text: str, question: str) -> bool:
    """Whether `text` names someone or something the question does not: a capitalised word
    (the first only when it is no common word), an acronym, a nationality or a title."""
    asked, codes, folded = _asked(question)
    for m in _CAPITALISED.finditer(_ELISION.sub("", text)):
        word = fold(m.group(0)).lower().strip("’'-")
        if word in _NOT_NAMES or word in STOPWORDS or len(word) < 2:
            continue
        if word not in asked and not any(same_name(word, a, True) for a in asked
                                         if len(a) >= 3):
            return True
    if any((c := country_code(w)) is not None and c not in codes
           for w in _WORD.findall(fold(text).lower()) if len(w) >= 4):
        return True
    return any(fold(m.group(0)).lower() not in folded for m in _ROLES.finditer(text))


@lru_cache(maxsize=64)
def _asked(question: str) -> tuple[frozenset[str], frozenset[str], str]:
    """The question's words (folded), the countries they name and its folded text: read once
    a question, not again for each sentence weighed."""
    asked = frozenset(fold(w).lower().strip("’'-")
                      for w in _WORD.findall(_ELISION.sub("", question)))
    codes = frozenset(c for w in asked if (c := country_code(w)) is not None)
    return asked, codes, fold(question).lower()
