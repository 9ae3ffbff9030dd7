"""Markdown to plain text: the syntax goes, the words stay, in time linear in the text.

Every line here can come from an uploaded .md file, so none may make a pattern backtrack:
the heading pattern once took 31 s over a 2.5 KB line, holding the server's GIL.
"""

from __future__ import annotations

import pytest

from rag import markup
from rag.markup import split_front_matter, strip_markdown
from tests.cpu import cpu_spent
from tests.rag.deadline import deadline

N = 100_000  # the former patterns took 30 s to hours over each line below (N to 6 N)

_MARKDOWN = """# Le sommet de Genève #

## Deuxième  partie ##\x20\x20\x20
   ### Trois espaces
    # pas un titre (code indenté)
#pas un titre
####### sept dièses
# ###

Le **sommet** s'est tenu à [Genève](https://example.org/geneve) *lundi*, __vraiment__.
Un **gras avec *italique* dedans** et ~~barré~~, `code`, <https://example.org/a>.
Une image ![carte](carte.png) et une autre ![logo][l], un [lien][ref] et [vide]().
**a** et **b**, ***tout***, **pas fermé et _ouvert_ et a_b_c.
> Une citation
* une puce
+ une autre

| col | col |
|:---|---:|
| a | b |
- - -
***
[ref]: https://example.org/ref
```
# dans le code **reste**
```
"""

_PLAIN = """Le sommet de Genève

Deuxième  partie
Trois espaces
    # pas un titre (code indenté)
#pas un titre
####### sept dièses
#

Le sommet s'est tenu à Genève lundi, vraiment.
Un gras avec italique dedans et barré, code, https://example.org/a.
Une image  et une autre , un lien et vide.
a et b, tout, **pas fermé et ouvert et a_b_c.
Une citation
- une puce
- une autre

| col | col |
| a | b |
# dans le code **reste**
"""


def test_markdown_syntax_goes_and_the_words_stay() -> None:
    assert strip_markdown(_MARKDOWN) == _PLAIN


def test_first_heading_is_the_title() -> None:
    assert markup.first_heading(_MARKDOWN) == "Le sommet de Genève"
    assert markup.first_heading("Pas de titre\n#hashtag\n    # code\n") is None
    assert markup.first_heading("Intro\n\n  ## Second ##  \n# Troisième\n") == "Second"


def test_front_matter_keys_and_lists() -> None:
    meta, rest = split_front_matter(
        "---\ntitle: \"Le sommet\"\nauthor:   Jeanne Martin  \ntags:\n  - diplomatie\n"
        "  -\tOTAN \nempty:\n---\n\nCorps\n")
    assert meta == {"title": "Le sommet", "author": "Jeanne Martin",
                    "tags": ["diplomatie", "OTAN"], "empty": []}
    assert rest == "Corps\n"
    text = "---\ntitle:sans espace\n---\nCorps\n"  # not `key: value`: no front matter
    assert split_front_matter(text) == ({}, text)


@pytest.mark.parametrize(("line", "plain"), [
    pytest.param("# a" + " " * N + "b", "a" + " " * N + "b", id="heading"),
    pytest.param(" " * N + "x", " " * N + "x", id="table-rule"),
    pytest.param("---" + " " * (N * 3 // 2) + "x", "---" + " " * (N * 3 // 2) + "x",
                 id="table-rule-end"),
    pytest.param("**a " * (N * 3 // 8), "**a " * (N * 3 // 8), id="strong"),
    pytest.param("~~a " * (N * 3 // 8), "~~a " * (N * 3 // 8), id="strikethrough"),
    pytest.param("[" * N, "[" * N, id="links"),
    pytest.param("[a](" * (N * 3 // 2), "[a](" * (N * 3 // 2), id="link-target-unclosed"),
    pytest.param("![" * (N * 5 // 2), "![" * (N * 5 // 2), id="images"),
    pytest.param("<http://" * (N * 3 // 8), "<http://" * (N * 3 // 8), id="autolinks"),
])
def test_a_long_line_takes_linear_time(line: str, plain: str) -> None:
    with deadline(10):
        assert strip_markdown(line) == plain


def test_a_long_heading_line_is_found_in_linear_time() -> None:
    with deadline(10):
        assert markup.first_heading("Intro\n\n# a" + " " * N + "b\n") == "a" + " " * N + "b"


@pytest.mark.parametrize(("front", "meta"), [
    pytest.param("title: a" + " " * N + "b", {"title": "a" + " " * N + "b"}, id="key-value"),
    pytest.param("tags:\n- a" + " " * N + "b", {"tags": ["a" + " " * N + "b"]}, id="list"),
])
def test_a_long_front_matter_line_takes_linear_time(front: str, meta: dict[str, object]) -> None:
    with deadline(10):
        assert split_front_matter(f"---\n{front}\n---\ntexte\n") == (meta, "texte\n")


def test_blank_lines_cost_no_regex() -> None:
    """Eighteenth review L1: every line of a Markdown file went through a dozen regexes, blank
    ones too: "x" and 2,000,000 newlines took 26.9 s as .md (1.7 s as .txt)."""
    text = "x" + "\n" * 300_000
    with cpu_spent() as spent:
        out = strip_markdown(text)
    assert out == text
    assert spent.seconds < 1.0, spent.seconds
