"""A stand-in for WeasyPrint in tests: a one-page PDF whose text layer is the text of the
HTML, without its layout. A test can still look for data in a document (the isolation matrix
looks for another municipality's markers), and two different documents still differ."""

import re

from django.utils.html import strip_tags

_STYLE = re.compile(r"<(style|script)\b.*?</\1>", re.S | re.I)
_SPACE = re.compile(r"\s+")


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1", "replace") + b")"


def stand_in_pdf(html: str) -> bytes:
    text = _SPACE.sub(" ", strip_tags(_STYLE.sub(" ", html))).strip()
    # One line, however long: a marker is never split where pypdf would put a line break.
    content = b"BT /F1 6 Tf 20 820 Td " + _pdf_string(text) + b" Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    pdf = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)
