"""Each kind is accepted by what it contains; programs, markup and a content that is not what
the extension says are refused (attachments/content.py, attachments/services.upload_check)."""

import pytest
from django.core.exceptions import ValidationError

from attachments import content, services

from .samples import ODF_TYPES, ooxml, pdf, sample, upload

ACCEPTED = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "odt": ODF_TYPES["odt"],
    "ods": ODF_TYPES["ods"],
    "odp": ODF_TYPES["odp"],
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "txt": "text/plain",
    "csv": "text/csv",
}


@pytest.mark.parametrize("extension", sorted(ACCEPTED))
def test_each_kind_is_accepted_by_its_content(extension):
    checked = content.file_check(upload(f"bestek.{extension}", sample(extension)), "x." + extension)
    assert checked == content.Checked(extension, ACCEPTED[extension])


def test_the_extension_is_read_in_any_case():
    assert content.file_check(upload("BESTEK.PDF", pdf()), "BESTEK.PDF").extension == "pdf"


def _code(data: bytes, name: str) -> str:
    with pytest.raises(ValidationError) as refused:
        services.upload_check(upload(name, data))
    return refused.value.code


REFUSED = [
    # programs, under any name
    (b"MZ\x90\x00" + b"\x00" * 60, "setup.pdf", "program"),
    (b"MZ\x90\x00" + b"\x00" * 60, "leesmij.txt", "program"),
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 20, "rapport.docx", "program"),
    (b"\xcf\xfa\xed\xfe" + b"\x00" * 20, "foto.png", "program"),
    (b"#!/bin/sh\nrm -rf /\n", "notities.txt", "program"),
    # markup a browser would run
    (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "verslag.txt", "markup"),
    (b'  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "tabel.csv", "markup"),
    (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "logo.txt", "markup"),
    # extensions that are never allowed
    (b"<html></html>", "pagina.html", "type"),
    (b"<svg/>", "logo.svg", "type"),
    (b"MZ", "setup.exe", "type"),
    (b"%PDF-1.4", "zonder-extensie", "type"),
    (b"PK\x03\x04", "archief.zip", "type"),
    # content that is not what the extension says
    (sample("png"), "bestek.pdf", "mismatch"),
    (pdf(), "foto.png", "mismatch"),
    (pdf(), "foto.jpg", "mismatch"),
    (sample("odt"), "tabel.ods", "mismatch"),
    (sample("docx"), "tabel.xlsx", "mismatch"),
    (sample("docx"), "tekst.odt", "mismatch"),
    (sample("odt"), "tekst.docx", "mismatch"),
    (b"PK\x03\x04 not really a zip", "tekst.docx", "mismatch"),
    (pdf(), "tekst.odt", "mismatch"),
    (b"tekst met een \x00 erin", "notities.txt", "mismatch"),
    # macros
    (
        ooxml("docx", main_type="application/vnd.ms-word.document.macroEnabled.main+xml"),
        "brief.docx",
        "mismatch",
    ),
    (ooxml("docx", extra={"word/vbaProject.bin": b"\x00"}), "brief.docx", "macros"),
    # no content at all
    (b"", "leeg.pdf", "empty"),
]


@pytest.mark.parametrize(
    ("data", "name", "code"), REFUSED, ids=[r[1] + "-" + r[2] for r in REFUSED]
)
def test_what_is_refused(data, name, code):
    assert _code(data, name) == code


def test_the_size_limit_comes_from_the_settings(settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    assert _code(b"a" * 101, "notities.txt") == "too_large"
    name, checked = services.upload_check(upload("notities.txt", b"a" * 100))
    assert (name, checked.extension) == ("notities.txt", "txt")


def test_the_default_limit_is_twenty_megabytes(settings):
    from config.settings import base

    assert base.ATTACHMENT_MAX_BYTES == 20 * 1024 * 1024


def test_the_refusal_speaks_dutch():
    from django.utils import translation

    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        services.upload_check(upload("foto.png", pdf()))
    assert "extensie" in refused.value.messages[0]
