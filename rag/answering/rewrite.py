"""Turn a follow-up ("Et la Biélorussie ?", "Who announced it?") into a standalone question.

With a generative backend the model rewrites it. Without one, a follow-up that looks elliptic
(short, or leaning on a pronoun) is joined to the previous question, which is what retrieval
needs: the new subject plus the context it continues.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answering.anchors import GENERIC
from rag.answering.anchors import fold as fold_name
from rag.answering.prompt import rewrite_messages
from rag.answering.question import analyse_question
from rag.llm.base import LLM, CancelToken, LLMError, Message
from rag.text import STOPWORDS

_ELLIPTIC = re.compile(
    r"^\s*(et|and|mais|but|what about|how about|also|aussi|puis|alors|ensuite|et pour|"
    r"qu'en est-il|qu’en est-il)\b|(?<![-‑])\b(il|elle|ils|elles|lui|leur|eux|celui|celle|ceux|"
    r"cela|ça|"
    r"ce dernier|cette dernière|it|its|he|she|they|them|him|her|their|this|that|these|those|"
    r"there|là)\b",
    re.I,
)
# French inversion: "a-t-il", "est-elle". It repeats a subject the question names ("la Russie
# a-t-elle envoyé"), or it is the subject itself and points back ("Qu'a-t-il fait ?").
_INVERTED = re.compile(r"[-‑](?:t[-‑])?(il|elle|ils|elles)\b", re.I)
# A pronoun standing for one person: "How long did he say ...", "Sur quel réseau a-t-il écrit ?".
# Impersonal French "il" ("y a-t-il", "il faut", "s'agit-il") stands for no one.
_PERSON = re.compile(
    r"(?<![-‑])\b(?:he|she|him|her|his)\b|"
    r"(?<!\by a)(?<!\bagit)(?<![-‑]t)[-‑](?:t[-‑])?(?:il|elle)\b|"
    r"(?<![-‑])\b(?:elle|lui|il)\b(?!\s+(?:y|faut|s['’]agit|semble|paraît)\b)",
    re.I)
_MARKERS = re.compile(r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]")
_NOT_A_NAME = STOPWORDS | GENERIC | {"according", "selon", "source", "sources"}
# Two or more capitalised words with lower case in each: a full name, not an acronym.
# (Each word is matched whole, then checked for lower case: a pattern that looks for the
# lower-case letter inside the word backtracks quadratically on a long run of capitals.)
_NAME_RUN = re.compile(r"[A-ZÀ-Ý][\w’'-]*(?:[ \u00a0]+[A-ZÀ-Ý][\w’'-]*)+")
_LOWER = re.compile(r"[a-zà-ÿ]")
# A name is read from the start of the last answer only.
ANSWER_CHARS = 600


def looks_elliptic(question: str) -> bool:
    """A follow-up that needs the conversation: it opens with "and"/"et", points back with a
    pronoun (an inverted one only when the question names no one), or is short and names
    nothing ("Combien de morts ?"). "Qui est Maria Zakharova ?" is short but complete."""
    if _ELLIPTIC.search(question):
        return True
    names = analyse_question(question).focus
    if _INVERTED.search(question) and not names:
        return True
    return len(question.split()) <= 6 and not names


def last_user_question(history: Sequence[Message]) -> str | None:
    for m in reversed(history):
        if m["role"] == "user" and m["content"].strip():
            return m["content"].strip()
    return None


def last_answer(history: Sequence[Message]) -> str | None:
    """The assistant's last reply, if it comes after the last user question."""
    for m in reversed(history):
        if m["role"] == "user":
            return None
        if m["role"] == "assistant" and m["content"].strip():
            return m["content"].strip()
    return None


def named_person(answer: str) -> str | None:
    """The person an answer names: the whole reply when it is a bare name ("Stanislav Zas
    [1]."), else the first full name in it ("... de l'OTSC, Stanislav Zas, a qualifié ...")."""
    text = " ".join(_MARKERS.sub(" ", answer[:ANSWER_CHARS]).split()).strip(" .")
    if not text:
        return None
    words = text.split()
    if len(words) <= 4 and len(text) <= 80 and all(
            w[:1].isupper() and _LOWER.search(w) for w in words if len(w) > 3):
        return text
    for m in _NAME_RUN.finditer(text):
        parts = m.group(0).split()
        while parts and (fold_name(parts[0]) in _NOT_A_NAME or not _LOWER.search(parts[0])):
            parts.pop(0)
        while parts and not _LOWER.search(parts[-1]):  # "Stanislav Zas KNB": not an acronym
            parts.pop()
        if len(parts) >= 2:
            return " ".join(parts)
    return None


def bounded(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip()


class Rewriter:
    """`max_chars` bounds the standalone question: the user's question met the query limit,
    so its rewrite (which adds context) must not be what gets it refused."""

    def __init__(self, llm: LLM | None, max_tokens: int = 80, max_chars: int | None = None
                 ) -> None:
        self._llm = llm
        self._max_tokens = max_tokens
        self._max_chars = max_chars

    def standalone(self, question: str, history: Sequence[Message],
                   cancel: CancelToken | None = None) -> str:
        """`question` made to stand alone; `cancel` (the client hung up) ends the model's call
        at once and `question` is returned as it is: no one will read what it retrieves."""
        previous = last_user_question(history)
        if previous is None or not looks_elliptic(question):
            return question
        limit = self._max_chars
        if limit is not None and len(question) >= limit:
            return question  # no room for context; the question alone is within its limit
        if self._llm is not None:
            try:
                text = self._llm.complete(rewrite_messages(history, question), self._max_tokens,
                                          cancel)
                text = " ".join(text.strip().strip('"').split())
                if 3 <= len(text) <= 4 * len(question) + 300 and (
                        limit is None or len(text) <= limit):
                    return text
            except LLMError:
                if cancel is not None and cancel.cancelled:
                    return question
                # retrieval still works with the heuristic below
        # "How long did he say ...?" after "Stanislav Zas [1].": he is the person just named,
        # and the previous question ("Who is the Secretary General?") would only pull its own
        # passages back.
        answer = last_answer(history)
        person = named_person(answer) if answer and _PERSON.search(question) else None
        joined = f"{question} {person}" if person else f"{question} {previous}"
        return joined if limit is None else bounded(joined, limit)
