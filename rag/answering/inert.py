"""Source text made inert before it reaches an answer, a prompt or a rendered list.

Two things in a document must never act: bracketed numbers, which `check_citations` would
read as citations of *other* passages ("selon l'OTSC [3]."), and markup, which a chat client
rendering markdown or HTML would turn into images, links or tags.

Markers become parentheses, `[3]` -> `(3)`: plain ASCII that reads as a reference, that no
citation reader (ours, a model's, the widget's) takes for a marker, and that Unicode
normalisation cannot turn back into brackets. Whatever a reader could take for a marker is
one: any number of digits (`[1000]`), a backslash-escaped one (`\\[2\\]`, which markdown shows as
`[2]`), and forms NFKC folds into one (fullwidth `［3］`, superscript or circled digits).

Markup is escaped CommonMark's way, and only what can form it: a backslash before the
characters of code and emphasis (a backtick, `*`, a backslash, `_` at a word edge), before
`[` after `!` (an image) and before `(` or `:` right after `]` (a link "[x](u)", a link
definition "[x]: u"); without those a bracket is plain text, so editorial brackets ("[du
Kazakhstan]") stay as written. An `&` starting a character reference is escaped too
("&#91;3&#93;" would read "[3]" once decoded). `<` becomes `&lt;`: neither a markdown nor an
HTML renderer then sees a tag or an autolink. Apostrophes, guillemets, hyphens, "3 000", `!`,
`(`, `>` and `&` elsewhere stay as written. An escape already in place is kept, so escaping
twice changes nothing (answers are escaped where they are built and again where they are
checked).

Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are dropped
from what `inert` gives, before markers and markup are looked for: in a quoted title or
sentence they reorder what the client shows after them, past the quote itself when they are
left open ("x\\u202etxt.exe" reads "exe.txt" backwards; forty-seventh review, F3). They are
removed rather than balanced: a quote cut from a document may hold one half of a pair. The
marks (U+200E, U+200F, U+061C) stay: Arabic and Hebrew text needs them, and they reorder
only the neutral characters beside them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Characters NFKC folds to a bracket, a digit or a separator of a marker: a client that
# normalises text before it looks for `[n]` finds one in `［３］`, `[¹]`, `[①]` or `[1，2]`.
OPEN = r"[\[\uff3b\ufe47]"
CLOSE = r"[\]\uff3d\ufe48]"
DIGIT = (r"[\d\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2473\u24ea"
         r"\u3251-\u325f\u32b1-\u32bf]")
SEP = r"[,\-–\uff0c\ufe50\uff0d\ufe63]"
NUMBERS = rf"{DIGIT}+(?:\s*{SEP}\s*{DIGIT}+)*"
# A citation-like group: [3], [1, 2], [2-4], [ 3 ], [1000], \[2\], ［3］ (a superset of what
# check_citations reads).
SOURCE_MARKER = re.compile(rf"\\?{OPEN}\s*({NUMBERS})\s*\\?{CLOSE}")

# An escape already in place (backslash + ASCII punctuation other than "<"), or one character
# that can start markup. `_` only at a word edge: intraword it never makes emphasis ("a_b").
MARKUP = re.compile(
    r"\\[!-/:;=>?@\[-`{-~]"  # an escape already in place
    r"|[\\`*<]"  # code, emphasis, a lone backslash, a tag or an autolink
    # a character reference ("&#91;3&#93;" would read "[3]"), but the "&lt;" made here
    r"|&(?=#[0-9A-Za-z]{1,32};|(?!lt;)[A-Za-z][0-9A-Za-z]{0,31};)"
    r"|(?<=!)\["  # an image "![x](u)"
    r"|(?<=\])[(:]"  # a link "[x](u)" or a definition "[1]: u" (which makes every [1] a link)
    r"|(?<![^\W_])_|_(?![^\W_])")


# Embeddings LRE RLE, PDF, overrides LRO RLO; isolates LRI RLI FSI, PDI.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def drop_bidi_controls(text: str) -> str:
    """`text` without its bidirectional embedding, override and isolate controls."""
    return BIDI_CONTROLS.sub("", text) if BIDI_CONTROLS.search(text) else text


def neutralise_markers(text: str) -> str:
    """`[3]`, `[1, 2]`, `[2-4]`, `\\[5\\]`, `［6］` in source text -> `(3)`, `(1, 2)`,
    `(2-4)`, `(5)`, `(6)`."""
    return SOURCE_MARKER.sub(lambda m: f"({unicodedata.normalize('NFKC', m.group(1))})", text)


def escape_one(token: str) -> str:
    """The inert form of one `MARKUP` match."""
    if len(token) == 2:  # an escape already in place
        return token
    if token == "<":
        return "&lt;"
    return "\\" + token  # "&" too: "\\&#91;" is shown as written


def rewrite(text: str, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str],
            before: str = "") -> str:
    """`text` with each match of `pattern` replaced by `replace(match)`; `before` is the text
    already emitted ahead of it (its last character decides a leading "(", "[" or "_")."""
    ctx = before[-1:]
    s = ctx + text
    out: list[str] = []
    last = len(ctx)
    for m in pattern.finditer(s, len(ctx)):
        out.append(s[last:m.start()])
        out.append(replace(m))
        last = m.end()
    out.append(s[last:])
    return "".join(out)


def escape_markup(text: str, before: str = "") -> str:
    """`text` with every markup character escaped (see `rewrite` for `before`)."""
    return rewrite(text, MARKUP, lambda m: escape_one(m.group()), before)


def inert(text: str) -> str:
    """Source text ready to be quoted in a rendered answer: no bidirectional controls, no
    markers, no live markup. The controls go first: "!\\u202e[x](u)" is no image until one
    is dropped, so the markup is read on the text without them."""
    return escape_markup(neutralise_markers(drop_bidi_controls(text)))
