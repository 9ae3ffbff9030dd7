"""The attribute bound read as lxml (libxml2 2.14) reads tags: checked against lxml itself."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped]

from rag.html_tags import MAX_TAG_ATTRIBUTES, bound_tag_attributes

ROOT = Path(__file__).resolve().parents[2]


def parse(data: bytes) -> etree._Element | None:
    parser = etree.HTMLParser(collect_ids=False, remove_comments=True, remove_pis=True,
                              encoding="utf-8")
    return etree.fromstring(data, parser)


def most_attributes(data: bytes) -> int:
    root = parse(data)
    return 0 if root is None else max(len(el.attrib) for el in root.iter())


def shape(data: bytes) -> list[tuple[object, object, object]]:
    root = parse(data)
    return [] if root is None else [(el.tag, el.text, el.tail) for el in root.iter()]


def attrs(n: int, start: int = 0) -> str:
    return " ".join(f"a{i}=x" for i in range(start, start + n))


def test_a_page_within_the_bound_is_the_same_object() -> None:
    page = f"<html><body><div {attrs(MAX_TAG_ATTRIBUTES)}>text</div></body></html>".encode()
    assert bound_tag_attributes(page) is page


def test_attributes_past_the_bound_are_dropped_and_the_text_kept() -> None:
    page = f"<p>before</p><div {attrs(10)}>inside</div><p>after</p>".encode()
    out = bound_tag_attributes(page, limit=3)
    root = parse(out)
    assert root is not None
    div = root.find(".//div")
    assert list(div.attrib) == ["a0", "a1", "a2"]
    assert div.text == "inside"
    assert shape(out) == shape(page)


def test_self_closing_tags_stay_self_closing() -> None:
    page = f"<div><br {attrs(6)} />tail</div><div {attrs(5)} a9/>tail</div>".encode()
    out = bound_tag_attributes(page, limit=2)
    assert out.count(b"/>tail</div>") == 2
    assert shape(out) == shape(page)


@pytest.mark.parametrize("page", [
    # a ">" inside a quoted value does not end the tag
    b"<div a='x>y' b=\">\" c d e f>text</div>",
    # a tag after a script whose text looks like an unclosed quoted value
    b"<script><a title='</script><div a0 a1 a2 a3 a4 a5>'",
    # "--!>" ends a comment
    b"<!-- x --!><div a0 a1 a2 a3 a4>t</div>",
    # "<!-->" and "<!--->" are whole comments
    b"<!--><div a0 a1 a2 a3 a4>t</div>",
    b"<!---><div a0 a1 a2 a3 a4>t</div>",
    # a bogus comment ("<?", "<!x", "</1") ends at the first ">"
    b"<? <a x='> <div a0 a1 a2 a3 a4> '",
    b"<!x <a x='> <div a0 a1 a2 a3 a4> '",
    b"</1 <a x='> <div a0 a1 a2 a3 a4> '",
    # a doctype ends at the first ">", quotes or not
    b"<!DOCTYPE html PUBLIC '> <div a0 a1 a2 a3 a4> '",
    # raw text ends at its own end tag, whatever the case
    b"<STYLE>x</sTyLe ><div a0 a1 a2 a3 a4>t</div>",
    b"<title><a x='</title><div a0 a1 a2 a3 a4>'",
    # an escaped script ends at its end tag; "-->" unescapes
    b"<script><!-- --></script><div a0 a1 a2 a3 a4>t</div>",
    # "/" between attributes is skipped, "=" may start a name
    b"<div a0/ =a1 a2/a3 'a4 a5>t</div>",
    # an end tag's attributes are read too (their quotes hide a ">")
    b"</p a='>'><div a0 a1 a2 a3 a4>t</div>",
])
def test_tags_lxml_sees_are_bounded(page: bytes) -> None:
    assert most_attributes(page) > 2  # the case is real: lxml sees the big tag
    out = bound_tag_attributes(page, limit=2)
    assert most_attributes(out) <= 2
    assert shape(out) == shape(page)


@pytest.mark.parametrize("page", [
    b"<script>var s = '<div a0 a1 a2 a3 a4>';</script>",
    b"<title><div a0 a1 a2 a3 a4></title>",
    b"<textarea><div a0 a1 a2 a3 a4></textarea>",
    b"<!-- <div a0 a1 a2 a3 a4> -->",
    b"<script><!--<script></script><div a0 a1 a2 a3 a4></script>",
    b"<plaintext><div a0 a1 a2 a3 a4>",
    b"<div a='<p a0 a1 a2 a3 a4>'>t</div>",
])
def test_what_lxml_reads_as_text_is_left_alone(page: bytes) -> None:
    assert bound_tag_attributes(page, limit=2) is page


_PIECES = [
    "<div", "<p", "<a", "<br", "</div", "</p", "</a", "<script>", "</script>", "<script ",
    "<style>", "</style>", "<title>", "</title>", "<textarea>", "<xmp>", "</xmp>",
    "<plaintext>", "<!--", "-->", "--!>", "<!-->", "<!DOCTYPE ", "<?", "<!x", "</1", "</>",
    ">", "/>", "/", "=", "'", '"', " ", "\n", "a", "b", "c", "x=y", "k='v'", 'q="w"', "text",
    "<", "&amp;", "é", "=\"", "SCRIPT", "<sCrIpT>", "</SCRIPT ",
]


def test_random_markup_is_bounded_as_lxml_reads_it() -> None:
    rng = random.Random(20261203)
    for _ in range(2000):
        page = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 60))).encode()
        out = bound_tag_attributes(page, limit=2)
        assert most_attributes(out) <= 2, page
        assert shape(out) == shape(page), page
        if most_attributes(page) <= 1:  # no tag near the bound: nothing to change
            assert out is page or most_attributes(page) == most_attributes(out), page


def test_the_shipped_pages_are_unchanged() -> None:
    pages = [p for p in (ROOT / "tests").rglob("*.htm*") if p.is_file()]
    for path in pages:
        data = path.read_bytes()
        assert bound_tag_attributes(data) is data, path


def test_forty_thousand_attributes_are_cut_to_the_bound() -> None:
    page = f"<div {attrs(40_000)}>inside</div>".encode()
    out = bound_tag_attributes(page)
    root = parse(out)
    assert root is not None
    div = root.find(".//div")
    assert len(div.attrib) == MAX_TAG_ATTRIBUTES
    assert div.text == "inside"
