"""`rag.terminal.printable` shows what would steer a terminal's layout as escapes: controls
(C0 but newline and tab, DEL, C1) and the invisible format and separator characters (Unicode
Cf, Zl, Zp): a title holding U+202E RIGHT-TO-LEFT OVERRIDE printed the rest of its line
backwards ("Rapport \\u202efdp.exe" reads "Rapport exe.pdf")."""

from __future__ import annotations

import logging
import unicodedata
from pathlib import Path

import pytest

from rag.terminal import PrintableFormatter, printable
from tests.rag.test_cli import rag


@pytest.mark.parametrize(("raw", "shown"), [
    ("Rapport \u202efdp.exe", r"Rapport \u202efdp.exe"),  # RLO: the rest reads backwards
    ("a\u2066b\u2069c", r"a\u2066b\u2069c"),  # isolates
    ("a\u200fb\u200ec", r"a\u200fb\u200ec"),  # RLM, LRM
    ("ligne\u2028fausse\u2029", r"ligne\u2028fausse\u2029"),  # Zl, Zp
    ("zéro\u200blargeur\ufeff", r"zéro\u200blargeur\ufeff"),  # ZWSP, BOM
    ("tag\U000e0041", r"tag\U000e0041"),  # a tag character, outside the BMP
    ("\xadcoupure", r"\xadcoupure"),  # soft hyphen (Cf) below U+0100
    ("titre\x1b]0;X\x07", r"titre\x1b]0;X\x07"),  # controls, as before
])
def test_invisible_characters_are_escaped(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_ordinary_text_is_kept() -> None:
    text = ("Le président Tokaïev — « état d’urgence » jusqu’au 19 janvier.\n"
            "\tالعربية עברית 中文 Ελληνικά 😀 👍🏽 ½ ﬁ\n")
    assert printable(text) == text
    assert printable(42) == "42"


def test_nothing_invisible_survives() -> None:
    every = "".join(chr(c) for c in range(0x110000)
                    if unicodedata.category(chr(c)) in ("Cf", "Zl", "Zp", "Cc")
                    and chr(c) not in "\n\t")
    shown = printable(every)
    assert shown.isascii() and shown.isprintable(), [c for c in shown if not c.isprintable()]


def test_json_output_escapes_them_too() -> None:
    """`--json` output (rag.cli._json) is read in terminals too: the same characters come out
    as JSON escapes, and the JSON reads back to the same strings."""
    import json

    from rag.cli import _json

    data = {"title": "Rapport \u202efdp.exe", "t": "a\u2066b\u2028c\x9b é 😀 \U000e0041"}
    out = _json(data)
    assert all(unicodedata.category(ch) not in ("Cf", "Zl", "Zp", "Cc") for ch in out)
    assert "é 😀" in out and json.loads(out) == data


def test_log_lines_of_the_cli_are_printable(tmp_path: Path) -> None:
    """Review 33 F3: a URL a user sent was logged as written (`rag serve` and `rag ingest`
    log to the operator's terminal): its C1 CSI and bidi override reached it raw. The real
    CLI, a URL that cannot resolve (.invalid is reserved: nothing leaves the machine)."""
    url = "http://example.invalid/?q=\u009b31m\u202eexe"
    out = rag("ingest", url, "--index", str(tmp_path / "idx"), timeout=120)
    assert out.returncode == 1
    assert "\u009b" not in out.stderr and "\u202e" not in out.stderr, out.stderr
    warning = next(line for line in out.stderr.splitlines() if line.startswith("WARNING"))
    assert "\\x9b31m\\u202eexe" in warning, warning


def test_printable_formatter_escapes_the_message_and_its_arguments() -> None:
    record = logging.LogRecord("rag.fetch", logging.WARNING, __file__, 1, "skipped %s",
                               ("a\x1b]0;X\x07\u202eb",), None)
    line = PrintableFormatter("%(levelname)s %(name)s: %(message)s").format(record)
    assert line == "WARNING rag.fetch: skipped a\\x1b]0;X\\x07\\u202eb"
