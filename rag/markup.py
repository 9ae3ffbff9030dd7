"""Markup the loaders read around: Markdown syntax and front matter, the HTML head's title.

The stored text is what answers quote, so it must not carry `**`, `[t](u)` or `#`; the
titles must be the page's own, not a heading trafilatura met first (a hidden dialog's).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import partial
from html.parser import HTMLParser
from typing import Any

# Every pattern here runs on text anyone can upload or publish, so none may backtrack over
# a long run: adjacent quantifiers over the same characters (`\s*\|?\s*`, `(.+?)\s*#*\s*$`)
# and a lazy `.+?` re-scanned from every opener were quadratic to cubic in the line's
# length (a 2.5 KB heading line held the GIL for 31 s). What a regex cannot say in linear
# time is scanned by hand below, giving what the former pattern gave, match for match.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KEY = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*:")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}([-*_=])([ \t]*\1){2,}[ \t]*$")  # --- *** ___ and === underlines
# `| :--- | ---: |`; possessive, so a run of spaces is not split between two `\s*`
_TABLE_RULE = re.compile(
    r"^\s*+\|?\s*+:?-{3,}+:?\s*+(?:\|\s*+:?-{3,}+:?\s*+)*+\|?\s*+$")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_SPACE = re.compile(r"\s*")
_URL_END = re.compile(r"[>\s]")


def _scalar(value: str) -> Any:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    if value.startswith("[") and value.endswith("]"):
        return [_scalar(v) for v in value[1:-1].split(",") if v.strip()]
    return value


def _list_item(line: str) -> str | None:
    """`  - item  ` -> "item" (was `^[ \\t]*-[ \\t]+(.*?)[ \\t]*$`); None for another line."""
    rest = line.lstrip(" \t")
    if not rest.startswith("-") or rest[1:2] not in (" ", "\t"):
        return None
    return rest[1:].strip(" \t")


def _key_value(line: str) -> tuple[str, str | None] | None:
    """`key: value` -> (key, "value"), `key:` -> (key, None) (was
    `^([A-Za-z_][\\w.-]*)[ \\t]*:(?:[ \\t]+(.*?))?[ \\t]*$`); None for another line."""
    m = _KEY.match(line)
    if not m:
        return None
    rest = line[m.end():]
    if not rest:
        return m.group(1), None
    if rest[0] not in " \t":
        return None
    return m.group(1), rest.strip(" \t")


# Front matter becomes a document's metadata, which an upload stores up to 64 KiB of JSON
# (rag.loaders.MAX_METADATA_BYTES); a block past 1 MiB is refused before its lines are read:
# 17-20 MB of `key: value` lines took 5 s of CPU and 400 MB to build a dict of 2,000,000 keys
# that the upload then refused whole (twenty-ninth review).
MAX_FRONT_MATTER_CHARS = 1024 * 1024


class FrontMatterTooLarge(ValueError):
    """The front matter block is longer than MAX_FRONT_MATTER_CHARS."""


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """`---` / `key: value` lines / `---` at the very top -> (metadata, the rest). Plain
    `key: value` pairs, inline `[a, b]` and `- item` lists; anything else means it was not
    front matter (a rule under a first line, say) and the text is left whole.
    FrontMatterTooLarge when the block passes MAX_FRONT_MATTER_CHARS."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    if m.end(1) - m.start(1) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterTooLarge(f"front matter longer than {MAX_FRONT_MATTER_CHARS} characters")
    meta: dict[str, Any] = {}
    key: str | None = None
    for line in m.group(1).split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _list_item(line)
        kv = _key_value(line)
        if item is not None and key is not None and isinstance(meta[key], list):
            meta[key].append(_scalar(item))
        elif kv is not None:
            key, value = kv
            meta[key] = _scalar(value) if value else []
        else:
            return {}, text
    if not meta:
        return {}, text
    return meta, text[m.end():].lstrip("\n")


def strip_fences(text: str) -> str:
    """Text with fenced code blocks blanked, so that a `# comment` in code is no heading."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            out.append("")
        else:
            out.append("" if fenced else line)
    return "\n".join(out)


def _heading(text: str, start: int = 0) -> str | None:
    """The text of an ATX heading (`## Title ##`) on the line of `text` that begins at
    `start`, None if that line is none: what `^\\s{0,3}#{1,6}\\s+(.+?)\\s*#*\\s*$` (re.M)
    captured there, in linear time. As with that pattern, the white space after the `#`s
    runs over line ends: a lone `#` line is headed by the next non-blank line."""
    stop = text.find("\n", start)
    line = text[start:] if stop < 0 else text[start:stop]
    body = line.lstrip()
    if len(line) - len(body) > 3 or not body.startswith("#"):
        return None
    rest = body.lstrip("#")
    if len(body) - len(rest) > 6:
        return None
    after = start + len(line) - len(rest)  # just past the `#`s
    space = _SPACE.match(text, after)  # `\s+`: over line ends too
    words = space.end() if space else after
    if words == after:  # `#hashtag`, `#######`
        return None
    if words < len(text):
        stop = text.find("\n", words)
        content = text[words:] if stop < 0 else text[words:stop]
        return content.rstrip().rstrip("#").rstrip() or content[0]  # `# ###` keeps a `#`
    # nothing but white space to the end: the pattern's `.` took its last character that is
    # not a line break
    tail = text[after + 1:words].rstrip("\n")
    return tail[-1] if tail else None


def first_heading(text: str) -> str | None:
    """The text of the first ATX heading in `text` (blank fenced code first: see
    `strip_fences`); None when there is none."""
    start = 0
    while True:
        found = _heading(text, start)
        if found is not None:
            return found
        start = text.find("\n", start) + 1
        if not start:
            return None


def _brackets(line: str, opener: str, least: int, target: str, keep: bool) -> str:
    """`[label](url)` or `[label][ref]` (`opener` "![" for images) -> the label when `keep`,
    else nothing; `least`: the fewest characters a label has. As re.sub did with
    `\\[([^\\]]+)\\]\\([^)]*\\)` and its kin, without re-reading the rest of the line from
    each of a thousand `[`."""
    close = ")" if target == "(" else "]"
    out: list[str] = []
    done = 0
    at = line.find(opener)
    while at >= 0:
        start = at + len(opener)
        label_end = line.find("]", start)  # a label holds no `]`
        if label_end < 0:
            break
        if label_end - start >= least and line.startswith(target, label_end + 1):
            end = line.find(close, label_end + 2)
            if end < 0:
                break  # no later opener can close either
            out += [line[done:at], line[start:label_end] if keep else ""]
            done = end + 1
            at = line.find(opener, done)
        else:  # each opener before label_end has this label end, and fails the same way
            at = line.find(opener, label_end)
    return "".join(out) + line[done:]


def _autolinks(line: str) -> str:
    """`<https://…>` -> the address (was `<(https?://[^>\\s]+)>`)."""
    out: list[str] = []
    done = 0
    at = line.find("<")
    while at >= 0:
        if line.startswith("http://", at + 1):
            start = at + 8
        elif line.startswith("https://", at + 1):
            start = at + 9
        else:
            at = line.find("<", at + 1)
            continue
        stop = _URL_END.search(line, start)
        if stop is None:
            break
        end = stop.start()
        if end > start and line[end] == ">":
            out += [line[done:at], line[at + 1:end]]
            done = end + 1
            at = line.find("<", done)
        else:  # each `<http` before `end` stops there too, and fails the same way
            at = line.find("<", end)
    return "".join(out) + line[done:]


def _pairs(line: str, marks: tuple[str, ...]) -> str:
    """`**strong**`, `__strong__`, `~~struck~~` -> the words between the two-character marks
    (was `(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1`, quadratic on a line of `**a `): an opener
    followed by non-space closes at the first same mark, preceded by non-space, at least
    one character on, on the same line."""
    if "\n" in line:
        return "\n".join(_pairs(part, marks) for part in line.split("\n"))
    if not any(mark in line for mark in marks):
        return line
    closers: dict[str, list[int]] = {}
    openers: list[tuple[int, str]] = []
    for mark in marks:
        found = [m.start() for m in re.finditer(f"(?={re.escape(mark)})", line)]  # overlapping
        closers[mark] = [i for i in found if i and not line[i - 1].isspace()]
        openers += [(i, mark) for i in found]
    out: list[str] = []
    done = 0
    for at, mark in sorted(openers):
        start = at + len(mark)
        if at < done or start >= len(line) or line[start].isspace():
            continue
        ends = closers[mark]
        k = bisect_left(ends, start + 1)
        if k < len(ends):
            out += [line[done:at], line[start:ends[k]]]
            done = ends[k] + len(mark)
    return "".join(out) + line[done:]


def _sub(pattern: str, repl: str) -> Callable[[str], str]:
    return partial(re.compile(pattern).sub, repl)


_INLINE: list[Callable[[str], str]] = [
    partial(_brackets, opener="![", least=0, target="(", keep=False),  # images: dropped
    partial(_brackets, opener="![", least=0, target="[", keep=False),
    partial(_brackets, opener="[", least=1, target="(", keep=True),    # [text](url) -> text
    partial(_brackets, opener="[", least=1, target="[", keep=True),    # [text][ref] -> text
    _autolinks,                                                         # <url> -> url
    _sub(r"`([^`\n]+)`", r"\1"),
    partial(_pairs, marks=("**", "__")),
    _sub(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])", r"\1"),
    _sub(r"(?<![\w])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w])", r"\1"),
    partial(_pairs, marks=("~~",)),
    _sub(r"\\([\\`*_{}\[\]()#+\-.!>~|])", r"\1"),                      # \* -> *
]


def _inline(line: str) -> str:
    for step in _INLINE:
        line = step(line)
    return line


def strip_markdown(text: str) -> str:
    """Markdown to plain text line by line: headings, emphasis, links, images, quotes and
    rules lose their syntax; fenced code keeps its lines verbatim, fences go."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if not line.strip():  # (kept as is, without a regex: a blank line costs nothing)
            out.append(line)
            continue
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            out.append(line)
            continue
        if _RULE.match(line) or _TABLE_RULE.match(line) or _LINK_DEF.match(line):
            continue
        heading = _heading(line)
        if heading is not None:
            line = heading
        line = re.sub(r"^\s{0,3}(>\s?)+", "", line)          # block quotes
        line = re.sub(r"^(\s*)[*+]\s+", r"\1- ", line)       # bullets as "- "
        out.append(_inline(line))
    return "\n".join(out)


MAX_HEAD_CHARS = 500_000  # of a page read for its title


class _Head(HTMLParser):
    """Collects `<title>` (outside any `<svg>`), `og:title` and `og:site_name`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.og_title = ""
        self.site_name = ""
        self._in_title = False
        self._title_done = False
        self._svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self._svg += 1
        elif tag == "title" and not self._svg and not self._title_done:
            self._in_title = True
        elif tag == "meta":
            a = {k.lower(): v or "" for k, v in attrs}
            prop = (a.get("property") or a.get("name") or "").lower()
            if prop == "og:title" and not self.og_title:
                self.og_title = a.get("content", "")
            elif prop == "og:site_name" and not self.site_name:
                self.site_name = a.get("content", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self._svg:
            self._svg -= 1
        elif tag == "title" and self._in_title:
            self._in_title = False
            self._title_done = True

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)


def html_title(html: str, site_name: str = "") -> str:
    """The page's title from its head: `og:title`, else `<title>` less a " | Site" suffix
    naming the site; "" when the head has neither."""
    end = re.search(r"</head\s*>|<body[\s>]", html, re.I)
    parser = _Head()
    # at most MAX_HEAD_CHARS, wherever the head ends: html.parser builds a list of every
    # attribute of a tag, and a 5 MB head of `a=b ` took 1 GB and 3 s (twenty-ninth review)
    parser.feed(html[: min(end.start() if end else MAX_HEAD_CHARS, MAX_HEAD_CHARS)])
    og = " ".join(parser.og_title.split())
    if og:
        return og
    title = " ".join("".join(parser.title).split())
    for name in filter(None, (parser.site_name.strip(), site_name.strip())):
        for sep in (" | ", " - ", " – ", " — ", " · "):
            if title.endswith(sep + name) and len(title) > len(sep + name):
                return title[: -len(sep + name)].strip()
    return title
