"""What an uploaded file is, read from its bytes: the name's extension must say the same.

An attachment is downloaded from Draagvlak's own address, so a file that a browser would run
(an HTML page, an SVG with a script) or a program must never be stored, whatever its name
says. The extension names the kind the uploader claims; the content must be that kind:

* PDF, PNG and JPEG by their signature;
* OpenDocument (odt, ods, odp) by the `mimetype` entry of the zip, which must name the kind;
* Office Open XML (docx, xlsx, pptx) by `[Content_Types].xml`, which must declare the main
  part of that kind (a macro-enabled document declares another one and is refused);
* text and CSV: no NUL byte, UTF-8 (or Windows-1252, as Excel writes CSV here), and not a
  page of markup.

A program (Windows, Linux, macOS, a script with `#!`) is refused under any name.
"""

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEAD_BYTES = 8192
# What a zip's small entries may weigh when read: a content-types list, a mimetype.
ENTRY_LIMIT = 1024 * 1024

ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
OOXML = {
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}
SIGNATURES = {
    "pdf": (b"%PDF-", "application/pdf"),
    "png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    "jpg": (b"\xff\xd8\xff", "image/jpeg"),
    "jpeg": (b"\xff\xd8\xff", "image/jpeg"),
}
TEXT = {"txt": "text/plain", "csv": "text/csv"}

EXTENSIONS = (*SIGNATURES, *ODF, *OOXML, *TEXT)

PROGRAMS = (
    b"MZ",  # Windows (exe, dll)
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # macOS (Mach-O, 32 and 64 bit, both byte orders, universal)
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",  # a script
)
MARKUP = (b"<!doctype", b"<html", b"<svg", b"<script", b"<?xml", b"<body", b"<head", b"<iframe")


@dataclass(frozen=True)
class Checked:
    extension: str
    media_type: str


def extension_of(name: str) -> str:
    _stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot else ""


def _refused(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params)


def _mismatch(extension: str) -> ValidationError:
    return _refused(
        _("This file's content is not what its extension .%(extension)s says."),
        "mismatch",
        extension=extension,
    )


def file_check(file, name: str) -> Checked:
    """The kind of `file` (an uploaded file, read from the start), when its content is the
    kind its `name` claims; ValidationError otherwise. The file is left at its start."""
    extension = extension_of(name)
    if extension not in EXTENSIONS:
        raise _refused(
            _("Files of this type cannot be attached. Allowed: %(allowed)s."),
            "type",
            allowed=", ".join(EXTENSIONS),
        )
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if head.startswith(PROGRAMS):
        raise _refused(_("A program or script cannot be attached."), "program")
    try:
        if extension in SIGNATURES:
            signature, media_type = SIGNATURES[extension]
            if not head.startswith(signature):
                raise _mismatch(extension)
            return Checked(extension, media_type)
        if extension in ODF:
            return Checked(extension, _odf_check(file, extension))
        if extension in OOXML:
            return Checked(extension, _ooxml_check(file, extension))
        return Checked(extension, _text_check(file, extension))
    finally:
        file.seek(0)


def _zip_entry(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > ENTRY_LIMIT:
        return None
    with archive.open(info) as entry:
        return entry.read(ENTRY_LIMIT)


def _zip_open(file, extension: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _mismatch(extension) from None


def _odf_check(file, extension: str) -> str:
    expected = ODF[extension]
    try:
        with _zip_open(file, extension) as archive:
            mimetype = _zip_entry(archive, "mimetype")
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        raise _mismatch(extension) from None
    if mimetype is None or mimetype.strip() != expected.encode():
        raise _mismatch(extension)
    return expected


def _ooxml_check(file, extension: str) -> str:
    media_type, main_part = OOXML[extension]
    try:
        with _zip_open(file, extension) as archive:
            types = _zip_entry(archive, "[Content_Types].xml")
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        raise _mismatch(extension) from None
    if types is None or f'ContentType="{main_part}"'.encode() not in types:
        raise _mismatch(extension)
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise _refused(_("A document with macros cannot be attached."), "macros")
    return media_type


def _text_check(file, extension: str) -> str:
    data = file.read()
    if b"\x00" in data:
        raise _mismatch(extension)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise _mismatch(extension) from None
    start = text.lstrip()[:HEAD_BYTES].lower().encode("utf-8", "replace")
    if start.startswith(b"<") and any(tag in start for tag in MARKUP):
        raise _refused(_("A web page or an SVG image cannot be attached."), "markup")
    return TEXT[extension]
