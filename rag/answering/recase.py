"""A question typed in lower case ("combien d'explosions à nur-sultan ?", "kremlin spokesman?")
names what its sources write with a capital: the question is read with those names restored, so
that its focus is found as it is in "... à Nur-Sultan ?". A word is restored only when the
retrieved passages write it capitalised inside a sentence and never in lower case ("russie" is
"Russie"; "guerre", written both ways, stays a word), and only in a question that capitalises
no name of its own after its first word (one that does writes its common words in lower case on
purpose)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.text import STOPWORDS, fold

_WORD = re.compile(r"[^\W\d_][\w-]*")
MIN_LETTERS = 3
# a capital right after the end of a sentence, a line or an opening quote says nothing
_SENTENCE_START = re.compile(r"(?:^|[.!?…:;«\"“(\n]\s*|\n\s*[-—–•]\s*)$")


def _name_form(word: str, text: str) -> str | None:
    """How `text` writes `word` when it is a name there (capitalised mid-sentence, never in
    lower case), else None."""
    form: str | None = None
    for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.I):
        seen = m.group()
        if seen[0].islower():
            return None
        if form is None and not _SENTENCE_START.search(text[max(0, m.start() - 4):m.start()]):
            form = seen
    return form


def recase(question: str, texts: Sequence[str]) -> str:
    """`question` with its lower-case words that `texts` write as names capitalised as there."""
    found = list(_WORD.finditer(question))
    if any(m.group()[0].isupper() for m in found[1:]):
        return question  # who writes "Kazakhstan" means "freedom" as a word, not "Freedom House"
    words = [m for m in found
             if m.group()[0].islower() and len(m.group()) >= MIN_LETTERS
             and fold(m.group()) not in STOPWORDS]
    if not words:
        return question
    blob = "\n".join(texts)
    out = question
    for m in reversed(words):  # from the end: the offsets before each stay valid
        form = _name_form(m.group(), blob)
        if form is not None and form != m.group():
            out = out[:m.start()] + form + out[m.end():]
    return out
