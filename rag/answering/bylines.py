"""Who wrote an article or took its picture, when a question asks it: "Quel journaliste a signé
l'article de Press TV ...?", "Who took the photograph of Putin and Tokayev ...?" (t52_016,
t52_045). A byline or a credit says so ("Auteur : AubeDigitale", "©Reuters", "Photo : X",
"par Jean Dupont"); a sentence of the story naming people does not.
"""

from __future__ import annotations

import re

# who wrote, signed or took the work itself: the article, the text, the picture (not "who
# signed the treaty", "which journalist was arrested after publishing an article", "who took
# the decision, according to the article", "which photographer won a prize for the image")
_WORK = (r"(?:(?:the|this|that|l['’]|le|la|ce|cet|cette)\s*)?(?:article|story|report|piece|"
         r"dépêche|reportage|byline)")
_PICTURE = (r"(?:(?:the|this|that|la|le|l['’]|ce|cette)\s*)?(?:photo\w*|picture|image|cliché)")
# ... named by its site or paper between ("the editor of the zejournal report"). Each word is
# read whole, once: from the start of its run of letters, apostrophes and hyphens (or just after
# the quote opening it, "the 'zejournal' report"), possessively. Read from any position, as
# `[\w’'-]+\s+` was, a question of "when-when-when-..." or "Quand'Quand'..." was read to its
# end from each of the 40 positions `.{0,40}` allows after every "when": quadratic, 0.3 s for
# 2,000 characters, 1.2 s for 4,000 (security review 53, L1). A word starting inside a run
# matched nothing more: the run read from its start ends where it does.
_NAMED_WORD = r"(?:(?<![\w’'-])|(?<=(?<![\w’'-])['’]))[\w’'-]++\s++"
_NAMED_WORK = (rf"(?:(?:the|this|that|l['’]|le|la|ce|cet|cette)\s*)?(?:{_NAMED_WORD}){{0,3}}"
               rf"{_WORK}")
_ASKED = re.compile(
    rf"(?i)\b(?:who (?:wrote|signed|authored) {_WORK}|who (?:took|shot) {_PICTURE}|"
    rf"(?:which|what) (?:journalist|reporter|writer|author) (?:wrote|signed|authored) {_WORK}|"
    rf"quel(?:le)? (?:journaliste|reporter|auteur|autrice|rédacteur|rédactrice) a (?:écrit|"
    rf"signé|rédigé) {_WORK}|qui a (?:écrit|signé|rédigé) {_WORK}|"
    rf"qui a pris {_PICTURE}|(?:quel(?:le)? photographe|qui) a (?:pris|réalisé|signé) "
    rf"{_PICTURE}|who (?:is|was) (?:listed as )?the (?:author|writer|editor|photographer) of "
    rf"(?:{_NAMED_WORK}|{_PICTURE})|the (?:author|writer|photographer) of (?:{_WORK}|{_PICTURE})|"
    rf"(?:listed|credited|named) as the (?:author|writer|editor|source|photographer) of "
    rf"{_NAMED_WORK}|"
    rf"l['’](?:auteur|autrice) (?:de|du|des) (?:{_WORK}|{_PICTURE}))\b")
_TOLD = re.compile(
    r"(?i)[©@]\s?\w|\b(?:auteur|autrice|author|writer|editor|[ée]diteur|r[ée]dact\w*|"
    r"photo(?:graph\w*)?|cr[ée]dits?|sign(?:ed|[ée]e?s?)|written by|reporting by|wrote|"
    r"[ée]crit\w*|compos[ée]\w*|composed|prepared by|r[ée]dig[ée]\w*|promulg\w*|"
    r"par\s+(?-i:[A-Z])|by\s+(?-i:[A-Z]))\b|\bsource\s*:")
# When the article itself was published: "À quelle heure l'article d'AubeDigitale ... a-t-il
# été publié ?", "When was the zejournal report posted?" (t53_010)
_PUBLISHED_ASKED = re.compile(
    rf"(?i)\b(?:when|what time|at what time|on what (?:day|date)|à quelle (?:heure|date)|"
    rf"quand|quel jour)\b.{{0,40}}\b{_NAMED_WORK}\b.{{0,120}}\b(?:published|posted|"
    rf"put online|publiée?|mise? en ligne|parue?)\b")
# A credit line of the page: "Auteur : AubeDigitale | Editeur : Walt | Jeudi, 06 Janv. 2022 -
# 16h28", "Source : AubeDigitale". Never an answer, but to who wrote, edited or sourced the
# article and when it was published.
_CREDIT_LINE = re.compile(r"(?i)^\s*(?:(?:auteur|autrice|author|[ée]diteur|editor|publié|"
                          r"published|mis à jour|updated|sources?)\s*:|(?:publié|published|"
                          r"mis à jour|updated)\s+(?:le|on)\b|(?:par|by)\s+(?-i:[A-Z])[\w’'-]+"
                          r"(?:\s+(?-i:[A-Z])[\w’'-]+){0,3}\s*(?:\||,|$))")


def byline_asked(question: str) -> bool:
    """Whether the question asks who wrote an article or took a picture."""
    return bool(_ASKED.search(question))


def byline_told(text: str) -> bool:
    """Whether `text` credits an author or a picture."""
    return bool(_TOLD.search(text))


def published_asked(question: str) -> bool:
    """Whether the question asks when the article itself was published."""
    return bool(_PUBLISHED_ASKED.search(question))


def credit_line(text: str) -> bool:
    """Whether `text` is the page's credit line (author, editor, source, date)."""
    return bool(_CREDIT_LINE.search(text))
