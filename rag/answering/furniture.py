"""Sentences that can never be an answer: questions, photo captions and credits, bylines,
headlines and site navigation, and lines of their own without closing punctuation."""

from __future__ import annotations

import re

from rag.sentences import Span
from rag.text import STOPWORDS, fold

# "photo" then an agency later on the line. From each "photo", the line is read no further than
# the next "photo": read to the line's end from each (`\bphoto\b.*`), a line of "photo photo
# ..." (or "photo-photo-...") was quadratic, 0.03 s for 2,000 characters, 0.11 s for 4,000
# (security review 53). The same lines match: an agency after some "photo" is after the last
# "photo" before it.
_CAPTION = re.compile(r"(©|\(c\)|@\w+\s*$|\bphoto\b(?:(?!\bphoto\b).)*\b(afp|reuters|ap|belga|"
                      r"getty|epa)\b|"
                      r"\b(crédit|credit|copyright)\s*:|^\s*(par|by)\s+[A-ZÀ-Ý][\w-]+"
                      r"(\s+[A-ZÀ-Ý][\w-]+){0,3}\s*$)", re.I)
_NAVIGATION = re.compile(r"^\s*(lire aussi|à lire|voir aussi|read more|related|partager|"
                         r"share|commentaires?|comments?|loading|chargement|derniers articles|"
                         r"articles les plus lus|cela peut vous intéresser|newsletter|"
                         r"abonnez-vous|subscribe|publicité|advertisement)\b|"
                         r"^\s*(auteur|author|[ée]diteur|editor|publié|published|mis à jour|"
                         r"updated|source)\s*:|\s\|\s.*\s\|\s", re.I)


# A title line this short, that does not end as a sentence does, is a headline: each of its
# sentences is one (a first line that titles a text without a title and ends with a full stop
# is its first paragraph)
HEADLINE_CHARS = 160


def is_furniture(text: str, title: str, alone: bool = False, title_line: bool = False,
                 captions: bool = False) -> bool:
    """Questions, captions, credits, bylines, headlines and navigation are never answers.
    `title_line`: the sentence is on the line the title was taken from (a text without a title
    is titled by its first line), where only the title itself, repeated whole, is a headline.
    `captions`: the question asks what a photo's caption says, so a caption may answer it."""
    t = " ".join(text.split())
    if t.endswith("?") or t.endswith("?»") or t.endswith("? »"):
        return True
    if (_CAPTION.search(t) and not captions) or _NAVIGATION.search(t):
        return True
    words = t.split()
    if len(words) < 4 or (len(words) < 8 and not re.search(r"[.!…»”\"]$", t)):
        return True  # a label, a menu entry or a caption fragment, not a sentence
    # the headline, repeated as the article's first line or reworded as its standfirst: all
    # its content words are the title's (unless it is all the text there is)
    if alone or not title:
        return False
    if title_line:
        whole = fold(" ".join(title.split())).rstrip(" .")
        # ... and a headline of several sentences is one in each ("Kazakhstan. Des dizaines
        # de manifestants tués, ...": the second is no answer either)
        return fold(t).rstrip(" .") == whole or (
            len(whole) <= HEADLINE_CHARS and not title.rstrip().endswith((".", "!", "…"))
            and fold(t).rstrip(" .") in whole)
    mine = set(re.findall(r"\w+", fold(t))) - STOPWORDS
    return len(mine) >= 3 and mine <= set(re.findall(r"\w+", fold(title)))


def title_head(title: str) -> str:
    """What a line starts with when the title was taken from it (once per passage)."""
    return fold(" ".join(title.split())).rstrip(" .…")[:200]


def on_title_line(chunk_text: str, span: Span, head: str) -> bool:
    """Whether the span lies on the line the title is (`head`: `title_head(title)`)."""
    if not head:
        return False
    start = chunk_text.rfind("\n", 0, span.start) + 1
    end = chunk_text.find("\n", span.end)
    line = fold(" ".join(chunk_text[start:end if end >= 0 else len(chunk_text)].split()))
    return line.startswith(head)


_ENDS_SENTENCE = re.compile(r"[.!?…:;»”\"')\]]\s*$")
# ... but a line that reports who said what is a wire flash, a statement of its own ("LE
# PRÉSIDENT KAZAKH DÉCLARE QUE LES PROTESTATIONS SONT UNE AGRESSION EXTÉRIEURE : TASS")
_FLASH = re.compile(r"(?<!\bqui\s)(?<!,\s)\b(?:d[ée]clare|affirme|annonce|assure|estime|dit|"
                    r"a\s+(?:d[ée]clar[ée]|affirm[ée]|annonc[ée]|dit)|says|said|declares|"
                    r"announces|claims)\s+(?:que\b|qu['’]|that\b)", re.I)
# ... written in capitals, as a wire's flash is (a caption that says who says what is not)
FLASH_CAPITALS = 0.6


def _flash(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= FLASH_CAPITALS * len(
        letters) and bool(_FLASH.search(line))


def unpunctuated_line(chunk_text: str, span: Span) -> bool:
    """A line of its own without closing punctuation is a caption, a headline or a label
    ("Le président russe ... à Moscou, le 21 août 2021" once its photo credit is cleaned),
    not a sentence. A text of one line (a paragraph) keeps its last sentence."""
    if _ENDS_SENTENCE.search(span.text) or _flash(span.text):
        return False
    head, tail = chunk_text[:span.start], chunk_text[span.end:]
    if not tail.strip():  # the chunk's last line: a line of its own only after other lines
        return head.rstrip(" \t").endswith("\n")
    nxt = tail.lstrip()[:1]  # a hard-wrapped sentence goes on in lower case (or with its ".")
    return ((head.strip(" \t") == "" or head.rstrip(" \t").endswith("\n"))
            and tail.lstrip(" \t").startswith("\n") and (nxt.isupper() or nxt.isdigit()
                                                         or nxt in "«\"“"))
