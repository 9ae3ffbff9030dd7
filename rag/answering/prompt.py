"""Prompts for generative backends: numbered passages, [n] after each claim, worked examples.

The system prompt and examples never change, so llama.cpp keeps their KV cache between
requests and only the passages and question are processed per request.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answering.inert import neutralise_markers
from rag.llm.base import Message
from rag.retrieval import Hit

NOT_IN_SOURCES = "NOT_IN_SOURCES"

SYSTEM = (
    "You answer questions using only the numbered sources given with each question.\n"
    "Rules:\n"
    "1. Answer in the language of the question (French question: French answer; English "
    "question: English answer), even when the sources are in another language.\n"
    "2. Put the number of the source in brackets after every claim, like [1] or [2].\n"
    "3. Use only facts stated in the sources. Never add outside knowledge.\n"
    "4. Copy names, numbers and dates exactly as the source writes them (\"2 600\", "
    "\"Tokaïev\").\n"
    f"5. If the sources do not contain the answer, reply with exactly: {NOT_IN_SOURCES}\n"
    "6. Be brief: one or two sentences."
)

_EXAMPLES: list[tuple[str, str]] = [
    (
        "Sources:\n[1] Le Tour de France 2023 a été remporté par le Danois Jonas Vingegaard, "
        "devant Tadej Pogačar.\n[2] La course s'est terminée le 23 juillet à Paris.\n\n"
        "Question: Qui a gagné le Tour de France 2023 et quand la course a-t-elle fini ?",
        "Le Danois Jonas Vingegaard a gagné le Tour de France 2023 [1], qui s'est terminé le "
        "23 juillet à Paris [2].",
    ),
    (
        "Sources:\n[1] La ville de Lyon compte environ 520 000 habitants.\n[2] Lyon est "
        "connue pour sa gastronomie.\n\nQuestion: How many people live in Lyon?",
        "Lyon has about 520 000 inhabitants [1].",
    ),
    (
        "Sources:\n[1] Le musée du Louvre a accueilli 8,9 millions de visiteurs en 2023.\n\n"
        "Question: Combien coûte un billet d'entrée au Louvre ?",
        NOT_IN_SOURCES,
    ),
]

_WS = re.compile(r"\s+")


def format_passages(passages: Sequence[Hit], texts: Sequence[str] | None = None,
                    max_chars: int = 900, title_chars: int = 32) -> str:
    """Numbered sources; `texts` replaces the passages' own text (the evidence sentences), and
    a passage whose text is empty is left out (its number stays free, so citations still
    point to the right passage). A "[3]" inside a source becomes "(3)": the model must not
    copy it as a citation of passage 3."""
    lines = []
    for i, h in enumerate(passages, 1):
        raw = texts[i - 1] if texts is not None else h.chunk.text
        if not raw.strip():
            continue
        text = neutralise_markers(_WS.sub(" ", raw).strip())[:max_chars]
        title = neutralise_markers(_WS.sub(" ", h.chunk.title).strip()) if title_chars else ""
        if len(title) > title_chars:
            title = title[: title_chars].rsplit(" ", 1)[0] + "…"
        lines.append(f"[{i}] ({title}) {text}" if title else f"[{i}] {text}")
    return "\n".join(lines)


_ANSWER_IN = {"fr": "Réponds en français.", "en": "Answer in English."}


def answer_messages(question: str, passages: Sequence[Hit],
                    texts: Sequence[str] | None = None, lang: str | None = None,
                    instructions: str = "", titles: int = 32) -> list[Message]:
    """The fixed prefix (system, examples) first, so its KV cache is reused; `lang` adds an
    explicit answer-language line after the question (small models drift to English), and
    `instructions` (e.g. a client's system message) goes into the last turn, never into the
    cached prefix. `titles` cuts each passage's title to that many characters (0: none; the
    evidence prompt leaves them out: ten tokens each, and a second of prompt on a laptop)."""
    msgs = _fixed_prefix()
    tail = f"\n{_ANSWER_IN[lang]}" if lang in _ANSWER_IN else ""
    extra = f"Instructions: {' '.join(instructions.split())[:1000]}\n\n" if instructions else ""
    msgs.append({"role": "user", "content":
                 f"{extra}Sources:\n{format_passages(passages, texts, title_chars=titles)}"
                 f"\n\nQuestion: {question}"
                 f"{tail}"})
    return msgs


def _fixed_prefix() -> list[Message]:
    """The system prompt and worked examples: the same tokens on every request, so
    llama.cpp's one slot keeps them cached whichever request (answer or translation) came
    last."""
    msgs: list[Message] = [{"role": "system", "content": SYSTEM}]
    for user, assistant in _EXAMPLES:
        msgs.append({"role": "user", "content": user})
        msgs.append({"role": "assistant", "content": assistant})
    return msgs


LANGUAGE_NAMES = {"fr": "French", "en": "English"}


def translate_messages(pieces: Sequence[tuple[int, str]], lang: str) -> list[Message]:
    """Ask for `pieces` ((passage number, sentence) in order) in `lang`, each followed by its
    `[n]`. The answer prompt's fixed prefix comes first and the request is put as one more
    sourced question: a separate system prompt would evict that prefix from the model's one
    KV-cache slot, and the next answer would pay for it again."""
    lines: list[str] = []
    for n, text in pieces:
        text = neutralise_markers(_WS.sub(" ", text).strip())
        if lines and lines[-1].startswith(f"[{n}] "):
            lines[-1] += f" {text}"
        else:
            lines.append(f"[{n}] {text}")
    name = LANGUAGE_NAMES[lang]
    msgs = _fixed_prefix()
    msgs.append({"role": "user", "content":
                 "Sources:\n" + "\n".join(lines) + "\n\nQuestion: What do these sources "
                 f"say, translated into {name}? Translate every sentence, in order, and put "
                 "its source number in brackets after it, like [1]."
                 f"\n{_ANSWER_IN[lang]}"})
    return msgs


REWRITE_SYSTEM = (
    "Rewrite the user's last question so that it can be understood without the conversation: "
    "replace pronouns and elliptic phrases with what they refer to. Keep the language of the "
    "question. Output only the rewritten question, nothing else."
)


def rewrite_messages(history: Sequence[Message], question: str) -> list[Message]:
    convo = "\n".join(f"{m['role']}: {_WS.sub(' ', m['content'])[:500]}" for m in history[-6:])
    return [
        {"role": "system", "content": REWRITE_SYSTEM},
        {"role": "user", "content": "Conversation:\nuser: Qui dirige le Kazakhstan ?\n"
         "assistant: Kassym-Jomart Tokaïev [1].\n\nLast question: Quel âge a-t-il ?"},
        {"role": "assistant", "content": "Quel âge a Kassym-Jomart Tokaïev ?"},
        {"role": "user", "content": f"Conversation:\n{convo}\n\nLast question: {question}"},
    ]


def says_not_in_sources(text: str) -> bool:
    t = text.strip().lower()
    return (NOT_IN_SOURCES.lower() in t or t.startswith(("not in the sources",
            "the sources do not", "les sources ne", "je ne sais pas", "i don't know")))
