"""Drop site furniture (menus, share buttons, comment forms, credits) from scraped text.

Scraped pages carry navigation and credits that otherwise get indexed, retrieved and quoted
as if they were article sentences. The rules are deliberately narrow: a wrongly dropped line
loses a fact, a missed one only costs a little noise.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

_T = TypeVar("_T")

# Labels that are furniture when they make up the whole line (compared casefolded, with
# bullets and trailing punctuation removed: "Loading..." -> "loading").
_LABELS = frozenset("""
cela peut vous intéresser|ceci peut vous intéresser|ça peut vous intéresser|vous aimerez aussi
vous aimerez peut-être aussi|à lire aussi|lire aussi|à lire également|lire également|voir aussi
à voir aussi|sur le même sujet|sur le même thème|dans la même rubrique|plus d'actualité
plus d'actualités|toute l'actualité|derniers articles|dernières actualités|dernières infos
articles les plus lus|les plus lus|les plus populaires|articles récents|articles similaires
articles liés|commentaire|commentaires|réagir|envoyer votre commentaire
envoyer votre commentaire avec|laisser un commentaire|ajouter un commentaire
écrire un commentaire|poster un commentaire|fermé|fermer|recherche|rechercher
vous aimez notre site|partager|partager l'article|partager cet article|imprimer
envoyer par e-mail|envoyer par email|s'abonner|abonnez-vous|je m'abonne|se connecter|connexion
s'inscrire|mon compte|menu|accueil|retour en haut|haut de page|retour à l'accueil|publicité
contenu sponsorisé|mentions légales|politique de confidentialité|gérer les cookies
paramètres des cookies|tous droits réservés|chargement|chargement en cours|lire la suite
en savoir plus|suivez-nous|nous suivre|newsletter|fil d'info|à la une|copier le lien|lien copié
you may also like|you might also like|related|related articles|related posts|related stories
read more|read also|see also|more stories|more news|latest|latest news|latest articles
most read|most popular|trending|comments|leave a comment|leave a reply|post a comment
add a comment|close|search|share|share this|share this article|share this story|print|email
subscribe|sign up|sign in|log in|login|my account|home|back to top|skip to content
skip to main content|advertisement|sponsored|sponsored content|privacy policy|terms of use
cookie policy|cookie settings|all rights reserved|loading|follow us|copy link|link copied
facebook|twitter|linkedin|whatsapp|telegram|pinterest|reddit
""".replace("\n", "|").strip("|").split("|"))

_PATTERNS = [re.compile(p) for p in (
    r"^sources?( ?: ?[^.!?]{0,60})?$",                      # "Source : AubeDigitale"
    r"^(à )?(lire|voir) (aussi|également) ?:.{0,200}$",      # "Lire aussi : <other title>"
    r"^(read|see) (also|more) ?:.{0,200}$",
    r"^(partager|share)( (sur|on|via) [\w+ -]{1,20})$",
    r"^(suivez-nous|follow us)( (sur|on) [\w, -]{1,40})$",
    r"^(ajouter|laisser|poster|écrire|envoyer|rédiger) (un|votre) commentaire\b.{0,40}$",
    r"^(leave|post|add|write) (a|your) (comment|reply)\b.{0,30}$",
    r"^\d+ (commentaires?|comments?|réactions?)$",
    r"^(commentaires?|comments?|réactions?) \(\d+\)$",
    r"^(vous devez être connecté|you must be logged in)\b.{0,100}$",
    r"^\(?\d+([.,]\d+)? ?[km]\)?$",                          # follower counters: "(230 K)"
    r"^(https?://|www\.)\S+$",                               # a bare site address
    r"^(©|\(c\) |copyright (©|\(c\)|\d{4})).{0,80}$",
    r"^(crédits?( photos?)?|credits?|photos?|illustration|image) ?:.{0,80}$",
    r"^\((photos?|crédits?|credits?)\b[^)]{0,80}\)$",
)]
# The same, one alternation matched once: a line is tried against them all in one call
# (fifteen `match` calls from a generator were a fifth of `clean_lines`' time).
_ANY_PATTERN = re.compile("|".join(f"(?:{p.pattern})" for p in _PATTERNS))
_NEWSLETTER = re.compile(r"newsletter.*\b(inscri|abonn|recev|subscri|sign up|receive)"
                         r"|\b(inscri|abonn|recev|subscri|sign up|receive).*newsletter")
_COOKIES = re.compile(r"\bcookies?\b.*\b(ce site|notre site|this (web)?site|our (web)?site|"
                      r"en poursuivant|by continuing|nos partenaires|our partners|accept)"
                      r"|\b(ce site|notre site|this (web)?site|our (web)?site|en poursuivant|"
                      r"by continuing|accept)\w*\b.*\bcookies?\b")
_SEPARATOR = re.compile(r"^[\s*\-_=~•·#]{3,}$")
_BYLINE = re.compile(r"^(par|by|auteurs?|authors?|écrit par|written by|rédigé par|"
                     r"propos recueillis par)\s*:?\s+(.+)$", re.I)
_NAME_GLUE = frozenset("et and de du des la le van von da di avec with pour for à".split())
# A credit at the end of a caption line: "... Almaty. ©Reuters", "... 2021 @BelgaImage",
# "... l'OTSC. | EPA/MAXPPP", "... (Photo AFP)". Searched in `_credit_at` only, on the line
# less its trailing white space: a credit starts where a run of white space does (or after
# a non-space), and is followed by at most one space, so no run of spaces in the middle of
# a line is read again from each of its characters (`\s*(...)\s*$` was quadratic).
_TRAILING_CREDIT = re.compile(
    r"(?<!\s)\s*(©[^©.!?»]{0,80}"
    r"|@\w*(?i:Image|Images|Photo|Photos|Press|Pics|Foto)\b"
    r"|\|\s*[A-Z][A-Z0-9/&. -]{1,40}"  # agency names are upper case: "| EPA/MAXPPP"
    r"|\((?i:photos?|crédits?|credits?|images?)\b[^)]{0,80}\))\s?$")
# A link's label glued to the word it marks: "l’UkraineLien externe se tiendra" (the page's
# external-link icon as text). Only glued to a letter, so a sentence about an external link
# keeps its words.
_GLUED_LINK_LABEL = re.compile(r"(?<=[^\W\d_])(?:Lien\s+externe|External\s+link)(?![\w-])")
_BULLET = re.compile(r"^[-–—•*·>|]+\s*")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?…»\"”]$")
_DATE_WORDS = frozenset("""
lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday
saturday sunday janvier février mars avril mai juin juillet août septembre octobre novembre
décembre janv févr fév avr juil sept oct nov déc january february march april may june july
august september october november december jan feb mar apr jun jul aug sep dec le publié mis à
jour updated published on at h min
""".split())

RECURRING_MAX_CHARS = 100
RECURRING_MAX_WORDS = 12
MENU_RUN = 3
# How many lines are read between two calls of a `check` (see `checked`): a few milliseconds.
CHECK_LINES = 4096


def checked(items: Sequence[_T], check: Callable[[], None] | None) -> Iterator[_T]:
    """`items` in order, `check()` called before every CHECK_LINES of them (None: never).
    `check` is how a load's clock stops a long pass (rag.read_clock: it raises ReadTooSlow
    or ReadCancelled); a 20 MB upload of short lines held a worker for minutes, the clock
    being read only between files (forty-seventh review, F2)."""
    if check is None:
        return iter(items)
    return _checking(items, check)


def _checking(items: Sequence[_T], check: Callable[[], None]) -> Iterator[_T]:
    for start in range(0, len(items), CHECK_LINES):
        check()
        yield from items[start:start + CHECK_LINES]


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    dropped: int = 0
    dropped_lines: tuple[str, ...] = ()
    trimmed: int = 0  # lines that kept their text but lost a trailing credit or link label


def _key(line: str) -> str:
    """Comparable form of a line: casefolded, no bullet, no trailing punctuation."""
    s = " ".join(line.replace("’", "'").split()).casefold()
    s = _BULLET.sub("", s)
    return s.rstrip(" :.…!?").strip()


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _is_byline(line: str) -> bool:
    """"Par Jean Dupont", "By Reuters", "Auteur : X | Editeur : Y": names only, no digits."""
    m = _BYLINE.match(_BULLET.sub("", line.strip()))
    if not m or len(line) > 80 or re.search(r"\d|[!?;«»\"]", line):
        return False
    words = _words(m.group(2))
    return 0 < len(words) <= 8 and all(
        w[0].isupper() or w.casefold() in _NAME_GLUE for w in words)


def _credit_at(line: str) -> int | None:
    """Where the line's trailing credit (with the white space before it) begins; None if it
    has none. The same as `\\s*(...)\\s*$` searched in the whole line: a credit ends in a
    non-space, or in an agency name's space, so the trailing white space past its first
    character changes nothing."""
    end = len(line.rstrip())
    if line[end:end + 1] == " ":
        end += 1
    m = _TRAILING_CREDIT.search(line, 0, end)
    return m.start() if m else None


def furniture_reason(line: str) -> str | None:
    """Why this line alone is site furniture, or None for a line to keep."""
    stripped = line.strip()
    if not stripped:
        return None
    if _SEPARATOR.match(stripped):
        return "separator"
    key = _key(stripped)
    if not key:
        return None
    if key in _LABELS:
        return "label"
    if _ANY_PATTERN.match(key):
        return "pattern"
    if len(key) <= 300 and (_NEWSLETTER.search(key) or _COOKIES.search(key)):
        return "banner"
    if _is_byline(stripped):
        return "byline"
    if _credit_at(stripped) == 0:
        return "credit"
    return None


def recurrence_key(line: str) -> str | None:
    """The key a line is counted under across documents; None for a line never dropped for
    recurring (long lines and short sentences: two articles may quote the same words)."""
    key = _key(line)
    words = _words(line)
    if not words or len(key) > RECURRING_MAX_CHARS or len(words) > RECURRING_MAX_WORDS:
        return None
    if len(words) >= 5 and _SENTENCE_END.search(line.strip()):
        return None
    return key


def recurring_lines(texts: Iterable[str], min_docs: int = 2,
                    check: Callable[[], None] | None = None) -> frozenset[str]:
    """Keys of the short lines found in at least `min_docs` of the texts (site furniture
    repeated on every page of a source). `check` is called every CHECK_LINES lines (see
    `checked`). Each distinct line of a text is keyed once."""
    counts: Counter[str] = Counter()
    for text in texts:
        lines = list(dict.fromkeys(text.split("\n")))
        counts.update({k for k in map(recurrence_key, checked(lines, check)) if k})
    return frozenset(k for k, n in counts.items() if n >= min_docs)


def _menu_like(line: str) -> bool:
    """A short label: few words, no sentence punctuation, mostly capitalised."""
    s = line.strip()
    if len(s) > 40:
        return False
    words = _words(s)
    if not words or len(words) > 5:
        return False
    if s.endswith("...") or s.endswith("…"):  # "Loading..."
        s = s.rstrip(".…")
    if re.search(r"[.,;:!?«»\"()]", s):  # "Une ligne." is a sentence
        return False
    return sum(w[0].isupper() for w in words) * 2 > len(words)


def _is_content(line: str) -> bool:
    # eight words are at least fifteen characters: eight letters, seven between them
    return len(line) >= 15 and len(_words(line)) >= 8


def is_date_line(line: str) -> bool:
    """"Vendredi, 19 Avr. 2024", "Publié le 7.1.2022": a date and nothing else."""
    s = line.strip()
    return (len(s) <= 60 and bool(re.search(r"\d", s))
            and all(w.casefold() in _DATE_WORDS for w in _words(s)))


def _menu_runs(lines: list[str], reasons: list[str | None], label: list[bool],
               content: list[int]) -> None:
    """Runs of adjacent short labels are menus when they touch furniture or lie outside the
    article (before its first or after its last full line); a list introduced by a line
    ending in ':' stays. `label[i]`: line i is not blank, and is furniture or `_menu_like`;
    `content`: the rows of the lines kept so far that are `_is_content`, in order."""
    first, last = (content[0], content[-1]) if content else (-1, len(lines))  # no outside
    i = 0
    while i < len(lines):
        if not label[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and label[j]:
            j += 1
        menu = [k for k in range(i, j) if reasons[k] is None]
        before = next((lines[k] for k in range(i - 1, -1, -1) if lines[k].strip()), "")
        outside = j <= first or i > last
        if (len(menu) >= MENU_RUN and not before.rstrip().endswith(":")
                and (outside or len(menu) < j - i)):
            for k in menu:
                reasons[k] = "menu"
        i = j


# What `clean_lines` reads of a line: why it is dropped (None: kept), whether it may be part
# of a menu run (see `_menu_runs`), whether it is content (`_is_content`, of a kept line).
_Verdict = tuple[str | None, bool, bool]


def clean_lines(text: str, recurring: Collection[str] = frozenset(),
                check: Callable[[], None] | None = None) -> Cleaned:
    """The text without its furniture lines; `recurring` holds keys (see `recurring_lines`)
    of lines repeated across the documents of the same source. `check` is called every
    CHECK_LINES lines of each pass (see `checked`)."""
    lines = text.split("\n")
    # each distinct line is read once, however often it comes back (blank lines, a menu);
    # its verdict is one of a few tuples, shared
    verdicts: dict[_Verdict, _Verdict] = {}
    verdict_of: dict[str, _Verdict] = {}
    for line in checked(lines, check):
        if line in verdict_of:
            continue
        reason = furniture_reason(line)
        if reason is None and recurring and recurrence_key(line) in recurring:
            reason = "recurring"
        shown = bool(line.strip())
        verdict = ((reason, shown, False) if reason is not None
                   else (None, shown and _menu_like(line), _is_content(line)))
        verdict_of[line] = verdicts.setdefault(verdict, verdict)
    reasons = [verdict_of[line][0] for line in checked(lines, check)]
    label = [verdict_of[line][1] for line in lines]
    content = [i for i, line in enumerate(lines) if verdict_of[line][2]]
    del verdict_of
    _menu_runs(lines, reasons, label, content)
    out: list[str] = []
    dropped: list[str] = []
    trimmed = 0
    gap = False  # a line was just dropped: do not leave a double blank line behind it
    for line, reason in zip(checked(lines, check), reasons, strict=True):
        if reason is not None:
            dropped.append(line.strip())
            gap = True
            continue
        if not line.strip():
            if gap and (not out or not out[-1].strip()):
                continue
            out.append(line)
            continue
        gap = False
        credit = _credit_at(line)
        cut = _GLUED_LINK_LABEL.sub("", line if credit is None else line[:credit])
        if cut != line:
            trimmed += 1
        out.append(cut)
    result = "\n".join(out)
    if dropped:
        result = result.rstrip() + ("\n" if text.endswith("\n") else "")
        result = result.lstrip("\n")
    return Cleaned(result, len(dropped), tuple(dropped), trimmed)
