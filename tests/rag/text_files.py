"""Hand-built Word and PDF files that read as much more text, or cost pypdf much more, than
their size: for the text-limit tests of the loaders and of the upload route."""

from __future__ import annotations

import io
import zipfile
import zlib

from tests.pdf_files import pdf_file

SENTENCE = "Le soldat dort. "


def word_file(body_xml: str) -> bytes:
    """A .docx of the three parts Word and python-docx need, its body `body_xml` (python-docx's
    template is 36 KB zipped, its styles mostly)."""
    types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.'
             'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    document = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                f'main"><w:body><w:p><w:r><w:t>Titre</w:t></w:r></w:p>{body_xml}</w:body>'
                '</w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
    return out.getvalue()


def word_of_chars(chars: int, paragraph_chars: int = 4096) -> bytes:
    """A .docx of `chars` characters of one repeated sentence, in paragraphs of
    `paragraph_chars`: the finding's bomb read 60 M characters from 174 KB."""
    text = (SENTENCE * (paragraph_chars // len(SENTENCE) + 1))[:paragraph_chars]
    para = f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
    return word_file(para * (chars // paragraph_chars + 1))


def cmap_pdf(codes: int, chars_per_code: int) -> bytes:
    """A one-page PDF whose /ToUnicode maps the byte 0x01 to `chars_per_code` letters and
    whose page shows it `codes` times with one Tj: `codes * chars_per_code` characters."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
            b"1 begincodespacerange <00> <FF> endcodespacerange "
            b"1 beginbfchar <01> <" + b"0061" * chars_per_code + b"> endbfchar "
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    return _one_page_pdf(b"BT /F1 12 Tf (" + b"\x01" * codes + b") Tj ET\n",
                         b"/ToUnicode 6 0 R ",
                         b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")


def drawing_pdf(content_kb: int, sentence: bytes = b"Le lac est bleu.") -> bytes:
    """A one-page PDF of one sentence and `content_kb` KB of path operators (12 bytes each,
    over the 8 an operator may cost), compressed to a few KB: pypdf parses every operator
    (~0.4 s for 500 KB), the text stays one line."""
    ops = b"BT /F1 12 Tf 72 712 Td (" + sentence + b") Tj ET\n"
    line = b"100.25 200.25 m 300.25 400.25 l S\n"
    ops += line * (content_kb * 1024 // len(line))
    return _one_page_pdf(ops)


def _one_page_pdf(ops: bytes, font_extra: bytes = b"", *more: bytes) -> bytes:
    """One page showing `ops` (compressed) in Helvetica as /F1; `more` objects from 6 on."""
    content = zlib.compress(ops, 9)
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica " + font_extra + b">>",
        *more])
