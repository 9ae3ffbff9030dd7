"""The default backend: answer with the retrieved passages' own best sentences, each cited.

No model, no server, deterministic. Sentences are scored by how much of the question's
(IDF-weighted) content they cover, by whether they hold what the question asks for (a number
for "how many", a date for "when", a name for "who"), and by their passage's retrieval rank.
It quotes the sources as written: for an English question over French text the framing is
English and the quoted sentences stay French. Quotes are made inert first: a "[3]" in the
source becomes "(3)", not a citation of passage 3, and markup is escaped (`inert`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from rag.answering.inert import inert
from rag.retrieval import Hit
from rag.text import fold, tokenize

# A sentence ends at . ! ? … (optionally closed by a quote or bracket) before whitespace.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[»\"”’)\]]?\s+|\n+")
_HAS_NUMBER = re.compile(r"\d")
_YEAR_OR_DATE = re.compile(
    r"\b(1[89]\d\d|20\d\d)\b|\b\d{1,2}(er)?\s+(janv|févr|mars|avr|mai|juin|juil|août|sept|oct|"
    r"nov|déc|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(lundi|mardi|mercredi|jeudi|"
    r"vendredi|samedi|dimanche)\b", re.I)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÀ-Ý][a-zà-ÿ]+(?:[- ][A-ZÀ-Ý][a-zà-ÿ]+)*")

_ASKS = {
    "number": re.compile(r"\b(combien|how (many|much)|nombre|number|quel (âge|montant)|"
                         r"quelle (somme|part|proportion)|what (share|percentage|amount))\b", re.I),
    "date": re.compile(r"\b(quand|when|quel jour|quelle date|what (day|date|year)|en quelle "
                       r"année|which (day|year))\b", re.I),
    "name": re.compile(r"\b(qui|who|whom|quel (est le nom|pays|président|dirigeant)|which "
                       r"(country|countries|president|leader)|quels pays)\b", re.I),
}
_EXPECTS: dict[str, Callable[[str], bool]] = {
    "number": lambda s: bool(_HAS_NUMBER.search(s)) or bool(re.search(
        r"\b(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|cent|mille|dizaines|"
        r"centaines|milliers?)\b", s, re.I)),
    "date": lambda s: bool(_YEAR_OR_DATE.search(s)),
    "name": lambda s: bool(_NAME.search(s)),
}

MAX_SENTENCES = 2
MAX_SENTENCE_CHARS = 400

NO_ANSWER = {
    "fr": "Les sources disponibles ne permettent pas de répondre à cette question.",
    "en": "The available sources do not answer this question.",
}
_LEAD = {"fr": "D'après les sources : ", "en": "According to the sources (quoted as written): "}


@dataclass(frozen=True, slots=True)
class Sentence:
    passage: int  # 1-based position in the passages given
    text: str
    score: float
    coverage: float


def fold_word(word: str) -> str:
    return fold(word).replace("-", "")


def split_sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE_END.split(text)]
    return [p for p in parts if p and len(p) > 2 and p is not None]


def _asks(question: str) -> list[str]:
    return [kind for kind, rx in _ASKS.items() if rx.search(question)]


class ExtractiveWriter:
    name = "extractive"

    def __init__(self, idf: Callable[[str], float], stemmer: str = "french",
                 min_coverage: float = 0.2) -> None:
        self._idf = idf
        self._stemmer = stemmer
        self.min_coverage = min_coverage

    def _query_terms(self, question: str) -> dict[str, float]:
        terms = {t: self._idf(t) for t in tokenize(question, self._stemmer)}
        return {t: w for t, w in terms.items() if w > 0}

    def _anchor_terms(self, question: str) -> dict[str, float]:
        """Across languages only shared stems count: names, numbers, cognates ("président",
        "Russia"/"Russie"); words are cut to 4 letters, capitalised words and numbers weigh 2."""
        caps = {fold_word(w) for w in re.findall(r"\b[A-ZÀ-Ý][\w-]+", question)[1:]}
        terms: dict[str, float] = {}
        for t in tokenize(question, "none"):
            weight = 2.0 if t in caps or t.isdigit() else 1.0
            terms[t[:4] if len(t) > 4 and not t.isdigit() else t] = weight
        return terms

    def rank_sentences(self, question: str, passages: Sequence[Hit],
                       cross_lingual: bool = False) -> list[Sentence]:
        terms = self._anchor_terms(question) if cross_lingual else self._query_terms(question)
        total = sum(terms.values()) or 1.0
        prefixes = {t[:5]: w for t, w in terms.items() if len(t) >= 6}
        asks = _asks(question)
        out: list[Sentence] = []
        for i, hit in enumerate(passages, 1):
            for sent in split_sentences(hit.chunk.text):
                if len(sent) > MAX_SENTENCE_CHARS * 2:
                    continue
                if cross_lingual:
                    words = tokenize(sent, "none")
                    toks = {w[:4] if len(w) > 4 and not w.isdigit() else w for w in words}
                else:
                    toks = set(tokenize(sent, self._stemmer))
                covered = sum(w for t, w in terms.items() if t in toks)
                fuzzy = sum(w for p, w in prefixes.items()
                            if p not in toks and any(x.startswith(p) for x in toks))
                coverage = min(1.0, (covered + 0.5 * fuzzy) / total)
                bonus = sum(0.15 for kind in asks if _EXPECTS[kind](sent))
                prior = 0.12 / i
                out.append(Sentence(i, sent, coverage + bonus + prior, coverage))
        out.sort(key=lambda s: (-s.score, s.passage))
        return out

    def compose(self, question: str, passages: Sequence[Hit], lang: str,
                cross_lingual: bool = False) -> str | None:
        """The cited answer, or None when no sentence supports one."""
        ranked = self.rank_sentences(question, passages, cross_lingual)
        if not ranked or ranked[0].coverage < self.min_coverage:
            return None
        best = ranked[0]
        chosen = [best]
        for s in ranked[1:]:
            if len(chosen) >= MAX_SENTENCES:
                break
            if s.score >= 0.8 * best.score and s.coverage >= self.min_coverage and not any(
                    s.text in c.text or c.text in s.text for c in chosen):
                chosen.append(s)
        body = " ".join(_cite(inert(_trim(s.text)), s.passage) for s in chosen)
        if lang == "en":
            return _LEAD["en"] + body
        return body

    def stream(self, question: str, passages: Sequence[Hit], lang: str,
               cross_lingual: bool = False) -> Iterator[str]:
        text = self.compose(question, passages, lang, cross_lingual) or NO_ANSWER[lang]
        # Word-sized pieces: clients render the same way as a model's tokens.
        yield from re.findall(r"\S+\s*", text)


def _cite(sentence: str, n: int) -> str:
    """The marker goes before the sentence's closing punctuation: "... 3 000 personnes [2]."."""
    m = re.search(r"[.!?…]+[»\"”’)]*$", sentence)
    if m and not sentence[m.start():].startswith(("»", '"')):
        return f"{sentence[: m.start()].rstrip()} [{n}]{sentence[m.start():]}"
    return f"{sentence} [{n}]"


def _trim(sentence: str) -> str:
    s = " ".join(sentence.split())
    if len(s) <= MAX_SENTENCE_CHARS:
        return s
    cut = s.rfind(" ", 0, MAX_SENTENCE_CHARS)
    return s[: cut if cut > 0 else MAX_SENTENCE_CHARS] + " …"
