"""Pure rules on attachments: the name kept for display and download, and the size limit."""

import unicodedata

from .content import extension_of

NAME_LIMIT = 200


def display_name(raw: str, *, fallback_stem: str = "attachment") -> str:
    """The uploader's file name without a folder, control characters (NUL, newlines, tabs),
    or leading dots, in Unicode NFC, at most NAME_LIMIT characters with its extension kept.
    Safe to show and to put in a Content-Disposition header (which Django encodes)."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char for char in name
    )
    name = " ".join(name.split())
    extension = extension_of(name)
    stem = name[: -len(extension) - 1] if extension else name
    stem = stem.lstrip(". ").rstrip()
    if not stem:
        stem = fallback_stem
    suffix = f".{extension}" if extension else ""
    return stem[: NAME_LIMIT - len(suffix)].rstrip() + suffix


def size_refusal(size: int, *, limit: int) -> str:
    """'empty', 'too_large' or ''."""
    if size <= 0:
        return "empty"
    if size > limit:
        return "too_large"
    return ""
