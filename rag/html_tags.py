"""Bound how many attributes a tag may carry before lxml reads a page.

lxml's HTML parser (libxml2 2.14) builds an element's attributes in time that grows with the
square of their number: one `<div a0=x a1=x ... a39999=x>` (400 KB) took 2 s to parse and
11 s through trafilatura, so a page anyone can publish stalls an ingest or a fetched URL.
`bound_tag_attributes` drops every attribute past the `MAX_TAG_ATTRIBUTES`th of a tag, in one
linear pass that reads the markup as libxml2's tokenizer does (tags, comments, doctype, the
raw text of script, style, title, textarea and the like, script's escaped states), so a tag
hidden from a simpler reader (inside what looks like a quoted value, say) is still bounded;
a page whose tags are within the bound comes back byte for byte.
"""

from __future__ import annotations

import re

MAX_TAG_ATTRIBUTES = 256

_WS = rb"\t\n\x0c\r "
_SKIP_WS = re.compile(rb"[" + _WS + rb"]*")
_TAG_NAME_END = re.compile(rb"[" + _WS + rb"/>]")
_ATTR_NAME_END = re.compile(rb"[" + _WS + rb"/>=]")
_UNQUOTED_END = re.compile(rb"[" + _WS + rb">]")
_COMMENT_END = re.compile(rb"--!?>")
_SCRIPT_MARKS = re.compile(rb"<!--|-->|</?script[" + _WS + rb"/>]", re.IGNORECASE)

# elements whose text runs to their own end tag ("</title", then a space, "/" or ">")
_RAW_TEXT_END = {name: re.compile(rb"</" + name + rb"[" + _WS + rb"/>]", re.IGNORECASE)
                 for name in (b"title", b"textarea", b"style", b"xmp", b"iframe", b"noembed",
                              b"noframes")}


def _letter(b: int) -> bool:
    return 65 <= b <= 90 or 97 <= b <= 122


def bound_tag_attributes(data: bytes, limit: int = MAX_TAG_ATTRIBUTES) -> bytes:
    """`data` (the bytes lxml will parse) with no tag holding more than `limit` attributes:
    the ones past it are replaced by one space, up to the tag's own end."""
    drops: list[tuple[int, int]] = []
    n = len(data)
    i = 0
    while i < n:
        i = data.find(b"<", i)
        if i < 0:
            break
        nxt = data[i + 1] if i + 1 < n else -1
        if nxt == 0x2F:  # "</": an end tag, "</>" or a bogus comment
            if i + 2 >= n:
                break
            if data[i + 2] == 0x3E:
                i += 3
            elif _letter(data[i + 2]):
                i, _, _ = _tag(data, i + 2, limit, drops)
            else:
                i = _past(data, b">", i + 2)
        elif nxt == 0x21:  # "<!"
            if data[i + 2:i + 9].upper() == b"DOCTYPE":
                i = _past(data, b">", i + 9)
            elif data[i + 2:i + 4] == b"--":
                i = _comment(data, i + 4)
            else:
                i = _past(data, b">", i + 2)
        elif nxt == 0x3F:  # "<?"
            i = _past(data, b">", i + 1)
        elif nxt != -1 and _letter(nxt):
            i, name, opened = _tag(data, i + 1, limit, drops)
            if opened and name == b"plaintext":
                break
            if opened and name in _RAW_TEXT_END:
                m = _RAW_TEXT_END[name].search(data, i)
                if m is None:
                    break
                i = m.start()
            elif opened and name == b"script":
                i = _script_end(data, i)
        else:
            i += 1
    if not drops:
        return data
    out: list[bytes] = []
    last = 0
    for start, end in drops:
        out.append(data[last:start])
        out.append(b" ")
        last = end
    out.append(data[last:])
    return b"".join(out)


def _past(data: bytes, mark: bytes, start: int) -> int:
    k = data.find(mark, start)
    return len(data) if k < 0 else k + len(mark)


def _comment(data: bytes, start: int) -> int:
    """After "<!--": "<!-->" and "<!--->" are whole comments, else up to "-->" or "--!>"."""
    if data[start:start + 1] == b">":
        return start + 1
    if data[start:start + 2] == b"->":
        return start + 2
    m = _COMMENT_END.search(data, start)
    return len(data) if m is None else m.end()


def _tag(data: bytes, start: int, limit: int,
         drops: list[tuple[int, int]]) -> tuple[int, bytes, bool]:
    """Read the tag whose name starts at `start`: (the position after it, its lower-case
    name, whether it ended with ">" rather than "/>" or the end of the data). Attributes past
    `limit` go into `drops`, from the first of them to the tag's end."""
    n = len(data)
    m = _TAG_NAME_END.search(data, start + 1)
    p = n if m is None else m.start()
    name = data[start:p].lower()
    count = 0
    cut = -1
    while True:
        p = _SKIP_WS.match(data, p).end()  # type: ignore[union-attr]
        if p >= n:
            if cut >= 0:
                drops.append((cut, n))
            return n, name, False
        c = data[p]
        if c == 0x3E or (c == 0x2F and data[p + 1:p + 2] == b">"):
            if cut >= 0:
                drops.append((cut, p))
            return (p + 1, name, True) if c == 0x3E else (p + 2, name, False)
        if c == 0x2F:
            p += 1
            continue
        count += 1
        if count > limit and cut < 0:
            cut = p
        m = _ATTR_NAME_END.search(data, p + 1)  # the name's first character is always its
        p = n if m is None else m.start()        # own, even "=" or a quote
        p = _SKIP_WS.match(data, p).end()  # type: ignore[union-attr]
        if p < n and data[p] == 0x3D:  # "="
            p = _SKIP_WS.match(data, p + 1).end()  # type: ignore[union-attr]
            if p < n and data[p] in (0x22, 0x27):
                p = _past(data, data[p:p + 1], p + 1)
            else:
                m = _UNQUOTED_END.search(data, p)
                p = n if m is None else m.start()


def _script_end(data: bytes, start: int) -> int:
    """Where a script's text ends (its "</script"), following libxml2's script data states:
    "<!--" escapes, a "<script" inside an escape nests once more, "-->" unescapes."""
    mode = 0  # 0 script data, 1 escaped, 2 double escaped
    p = start
    while True:
        m = _SCRIPT_MARKS.search(data, p)
        if m is None:
            return len(data)
        tok = m.group()
        if tok == b"<!--":
            if mode == 0:
                mode = 1
        elif tok == b"-->":
            if mode:
                mode = 0
        elif tok[1:2] == b"/":
            if mode == 2:
                mode = 1
            else:
                return m.start()
        elif mode == 1:
            mode = 2
        p = m.start() + 1
