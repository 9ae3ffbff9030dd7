"""Markup the loaders read around: Markdown syntax and front matter, the HTML head's title.

The stored text is what answers quote, so it must not carry `**`, `[t](u)` or `#`; the
titles must be the page's own, not a heading trafilatura met first (a hidden dialog's).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.M)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$")
_LIST_ITEM = re.compile(r"^[ \t]*-[ \t]+(.*?)[ \t]*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}([-*_=])([ \t]*\1){2,}[ \t]*$")  # --- *** ___ and === underlines
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),                        # images: dropped
    (re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),                    # [text](url) -> text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),                   # [text][ref] -> text
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),                     # <url> -> url
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),             # \* -> *
]


def _scalar(value: str) -> Any:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    if value.startswith("[") and value.endswith("]"):
        return [_scalar(v) for v in value[1:-1].split(",") if v.strip()]
    return value


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """`---` / `key: value` lines / `---` at the very top -> (metadata, the rest). Plain
    `key: value` pairs, inline `[a, b]` and `- item` lists; anything else means it was not
    front matter (a rule under a first line, say) and the text is left whole."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, Any] = {}
    key: str | None = None
    for line in m.group(1).split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _LIST_ITEM.match(line)
        kv = _KEY_VALUE.match(line)
        if item and key is not None and isinstance(meta[key], list):
            meta[key].append(_scalar(item.group(1)))
        elif kv:
            key = kv.group(1)
            meta[key] = _scalar(kv.group(2)) if kv.group(2) else []
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


def _inline(line: str) -> str:
    for pattern, repl in _INLINE:
        line = pattern.sub(repl, line)
    return line


def strip_markdown(text: str) -> str:
    """Markdown to plain text line by line: headings, emphasis, links, images, quotes and
    rules lose their syntax; fenced code keeps its lines verbatim, fences go."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            out.append(line)
            continue
        if _RULE.match(line) or _TABLE_RULE.match(line) or _LINK_DEF.match(line):
            continue
        heading = MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = re.sub(r"^\s{0,3}(>\s?)+", "", line)          # block quotes
        line = re.sub(r"^(\s*)[*+]\s+", r"\1- ", line)       # bullets as "- "
        out.append(_inline(line))
    return "\n".join(out)


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
    parser.feed(html[: end.start() if end else 500_000])
    og = " ".join(parser.og_title.split())
    if og:
        return og
    title = " ".join("".join(parser.title).split())
    for name in filter(None, (parser.site_name.strip(), site_name.strip())):
        for sep in (" | ", " - ", " – ", " — ", " · "):
            if title.endswith(sep + name) and len(title) > len(sep + name):
                return title[: -len(sep + name)].strip()
    return title
