"""Small files of each kind, made in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

ODF_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
OOXML_PARTS = {
    "docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
}


def pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def image(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(out, format=kind)
    return out.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def odf(extension: str) -> bytes:
    return _zip({"mimetype": ODF_TYPES[extension].encode(), "content.xml": b"<office/>"})


def ooxml(extension: str, *, main_type: str | None = None, extra: dict | None = None) -> bytes:
    part, suffix = OOXML_PARTS[extension]
    main_type = main_type or f"application/vnd.openxmlformats-officedocument.{suffix}"
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/{part}" ContentType="{main_type}"/></Types>'
    )
    return _zip({"[Content_Types].xml": types.encode(), part: b"<x/>", **(extra or {})})


def sample(extension: str) -> bytes:
    if extension == "pdf":
        return pdf()
    if extension == "png":
        return image("PNG")
    if extension in ("jpg", "jpeg"):
        return image("JPEG")
    if extension in ODF_TYPES:
        return odf(extension)
    if extension in OOXML_PARTS:
        return ooxml(extension)
    if extension == "csv":
        return "naam;waarde\nstoel;12,50\ncafé;3\n".encode("cp1252")
    return b"Verslag van de marktconsultatie.\nTweede regel.\n"


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type)
