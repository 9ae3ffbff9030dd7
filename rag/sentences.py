"""Sentence spans with exact offsets, for French and English news text and LLM answers.

A sentence ends at `.`, `!`, `?` or `…` (closing quotes, brackets and `[n]` citation markers
stay with it) before whitespace, or at a line break. It does not end after a title or an
abbreviation ("M. Tokaïev", "Dr. Smith", "p. ex.", "cf. Le Monde"), an initial ("J. Borrell"),
a dotted acronym ("U.S. State Department"), a month cut short before a number ("Jan. 19"), or
when the next word is lower-case ("…, a-t-il dit", "Pourquoi ? demande-t-il"). After "etc." or
an acronym a boundary needs a word that usually starts a sentence ("The", "Le", ...). Numbers
("3.5", "7.1.2022") never end one: no space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str  # == source[start:end]


# Closing punctuation that belongs to the sentence before it; » and ” may follow a space.
# A candidate starts at the first terminator of a run and takes the run whole (possessive):
# tried from every terminator of "....x", the run was read again each time (20,000 dots: 20 s).
_CANDIDATE = re.compile(
    r"(?<![.!?…])(?:[.!?…]++)"
    r"(?:[\s\u00a0\u202f]*[»”]|[\"’')\]])*"
    r"(?:[ \t\u00a0\u202f]*\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\])*"
    r"(?=\s|$)"
)
_WORD_BEFORE = re.compile(r"([^\s(«\"“\[]+)$")
WORD_WINDOW = 200  # characters read back from a dot for the word it ends
_NEXT_WORD = re.compile(r"[\s\u00a0\u202f]*([^\s\u00a0\u202f]*)")
_OPENERS = "«\"“‘'([¿¡-–—*•"
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")

# Always followed by a name or a number: never a boundary after them.
TITLES = frozenset("""
    M MM Mme Mmes Mlle Mlles Me Mgr Dr Drs Pr Pre St Ste Sts Mr Mrs Ms Messrs Prof Gen Gén Gal
    Col Cdt Capt Cpt Lt Sgt Maj Adm Gov Sen Rep Rev Hon Pres Sup Inc Ltd Corp Co Cie Bros Mt
    No Nos Nº n° nº no nos art Art p pp vol Vol fig Fig ch chap Chap sect éd ed coll av apr
    env cf Cf vs ex e.g i.e c.-à-d c.-à.-d ca approx tél Tél
""".split())
# A month cut short: no boundary before the day or the year ("until Jan. 19", "le 5 janv. 2022").
MONTH_ABBREVIATIONS = frozenset("""
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec janv févr fév avr juil oct nov déc
    Janv Févr Fév Avr Juil Déc
""".split())  # not "sept", also a number: "Ils étaient sept. 19 sont partis."
# May end a sentence: a boundary only before a word that usually starts one.
OPEN_ENDED = frozenset("etc Jr Sr al".split())
STARTERS = frozenset("""
    The This That These Those It Its He She They We I You There Here In On At As But And Or So
    Yet If When While After Before A An His Her Their Our Some Many Most No Not What Who Why How
    Le La Les L Un Une Des Il Elle Ils Elles On Nous Vous Je Ce Cet Cette Ces C Mais Et Ou Donc
    Or Ni Car En Dans Selon Pour Par Sur Avec Depuis Après Avant Lors Si Quand Comme Puis Ainsi
    Cependant Pourtant Toutefois Enfin Aussi Au Aux Du De D Son Sa Ses Leur Leurs Selon
""".split())


def _is_boundary(text: str, dot: int, after: int) -> bool:
    """`dot` is where the terminator run starts, `after` where the candidate ends."""
    nxt = _NEXT_WORD.match(text, after)
    word = nxt.group(1) if nxt else ""
    if not word:
        return True
    if not (word[0].isupper() or word[0].isdigit() or word[0] in _OPENERS):
        return False  # lower case, or a comma or closing quote after "!" / "?"
    if re.match(r"[.!?…]+", text[dot:after]).group() != ".":  # type: ignore[union-attr]
        return True  # "!", "?", "…", "..." before a capital
    m = _WORD_BEFORE.search(text, max(0, dot - WORD_WINDOW), dot)  # from 0: quadratic
    token = m.group(1) if m else ""
    token = token.lstrip("'’-")
    if not token:
        return True
    bare = _without_trailing_marks(word)
    if token in TITLES or token.lower() in {"e.g", "i.e", "p.ex", "c.-à-d"}:
        return False
    if token in MONTH_ABBREVIATIONS and word[0].isdigit():
        return False  # "until Jan. 19"
    if len(token) == 1 and token.isalpha() and token.isupper():
        return False  # an initial: "J. Borrell"
    if token.endswith(".-C") or _ACRONYM.match(token) or token in OPEN_ENDED:
        return bare in STARTERS
    return True


def _without_trailing_marks(word: str) -> str:
    r"""`word` without the punctuation it ends with, read back from its end once: a pattern
    anchored at the end (`[^\w]+$`) was tried from each mark of a run ("A" + 20,000 "«" + "b"
    after a dot: 4 s a split, 50 s a /verify request; thirty-sixth review, F1)."""
    end = len(word)
    while end and not (word[end - 1].isalnum() or word[end - 1] == "_"):
        end -= 1
    return word[:end]


def _split_line(text: str, start: int, end: int, out: list[Span]) -> None:
    pos = start
    for m in _CANDIDATE.finditer(text, start, end):
        if m.start() < pos:
            continue
        if _is_boundary(text, m.start(), m.end()):
            _emit(text, pos, m.end(), out)
            pos = m.end()
    _emit(text, pos, end, out)


def _emit(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Span(start, end, text[start:end]))


def split_sentences(text: str) -> list[Span]:
    """Sentences of `text` as spans; `span.text == text[span.start:span.end]`, no blanks."""
    out: list[Span] = []
    pos = 0
    for m in re.finditer(r"\r\n|[\n\r\u2028\u2029]", text):
        _split_line(text, pos, m.start(), out)
        pos = m.end()
    _split_line(text, pos, len(text), out)
    return out


_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029]")
_NONBLANK = re.compile(r"\S")


# What may still follow a terminator and make it a sentence's end: its closing quotes and an
# unfinished citation marker (".[" -> ".[1]"), read in the last TAIL_REACH characters
_PENDING_TAIL = re.compile(r"[\s\u00a0\u202f»”\"’')\]\[\d,–-]*")
TAIL_REACH = 64
_TERMINATORS = ".!?…"


def last_sentence_start(text: str, resume: int = 0) -> tuple[int | None, int]:
    """For text that only grows (a streamed answer): where its last sentence starts when it
    holds two or more (`split_sentences(text)[-1].start`, else None), and the offset to resume
    from once more text has come: past every terminator and line break whose reading can no
    longer change. `resume` is such an offset from the call before on a prefix of `text`,
    which must start a sentence. Re-splitting the whole text on every streamed piece was
    quadratic where dots end no sentence ("J. J. J.": 2,000 pieces 16 s, twelfth review F1) or
    blank lines follow (review 12b, N1)."""
    ends: list[tuple[int, int]] = []  # (where a sentence ends, where the next one begins)
    unsettled = None  # the first terminator or line break whose reading may still change
    pos = resume
    while True:
        brk = _BREAK.search(text, pos)
        line_end = brk.start() if brk else len(text)
        for m in _CANDIDATE.finditer(text, pos, line_end):
            if unsettled is None and brk is None:  # (a break after it ends the sentence anyway)
                nxt = _NEXT_WORD.match(text, m.end())
                if nxt is None or nxt.end() >= len(text):
                    unsettled = m.start()  # the word after it is not complete yet
            if _is_boundary(text, m.start(), m.end()):
                ends.append((m.end(), m.end()))
        if brk is None:
            break
        ends.append((brk.start(), brk.end()))
        pos = brk.end()
        if unsettled is None and not _NONBLANK.search(text, pos):
            # only blank text after it: re-read from the last break of the run once text comes
            last = brk
            while (following := _BREAK.search(text, last.end())) is not None:
                last = following
            unsettled = last.start()
            ends.append((last.start(), last.end()))
            break
    # a terminator the text's end may still make a sentence's end (".[1" before "]")
    tail = max(text.rfind(c, max(pos, len(text) - TAIL_REACH)) for c in _TERMINATORS)
    if tail >= 0 and _PENDING_TAIL.fullmatch(text, tail + 1):
        run = tail
        while run > max(resume, tail - TAIL_REACH) and text[run - 1] in _TERMINATORS:
            run -= 1
        unsettled = run if unsettled is None else min(unsettled, run)
    starts: list[int] = []
    begin = 0
    for end, after in [*ends, (len(text), len(text))]:
        first = _NONBLANK.search(text, begin, end)
        if first:
            starts.append(first.start())
        begin = after
    settled = len(text) if unsettled is None else unsettled
    if len(starts) < 2:
        return None, settled
    return starts[-1], max(settled, starts[-1])


# Longer "sentences" (a table, a list run together) are never embedded or scored one by one.
MAX_SENTENCE_CHARS = 1200
# Sentences up to this long may be cached by their text: a cache keeps what it is given, and
# a passage may be one long run without a full stop (20,000 characters on POST /verify, any
# length from the library), which a cache would hold after the request.
CACHED_SENTENCE_CHARS = 4_000


def continues(text: str) -> bool:
    """A fragment that continues the sentence before it (", explique X ...", "a-t-il dit")."""
    head = text.lstrip()
    return bool(head) and (head[0] in ",;:)»”" or head[0].islower())


def joined_sentences(text: str) -> list[Span]:
    """Sentences, with a fragment that continues the one before (", explique Marie Dumoulin,
    directrice ...", after a quote cut by a line break) joined back to it: the units the
    evidence step scores and the index embeds."""
    out: list[Span] = []
    for span in split_sentences(text):
        if out and continues(span.text):
            prev = out[-1]
            out[-1] = Span(prev.start, span.end, text[prev.start:span.end])
            continue
        out.append(span)
    return out


def embedded_text(span: Span) -> str:
    """What is embedded for a sentence (whitespace collapsed): one key for ingest and answers."""
    return " ".join(span.text.split())
