"""Reads of the official documents."""

import hashlib
import logging

from pilots.approval.models import Programme

from .models import DocumentKind, OfficialDocument, Rendering

logger = logging.getLogger(__name__)


class StoredFileUnavailable(Exception):
    """The stored file of an official document is gone or no longer matches its SHA-256."""


def official_document_pdf(document: OfficialDocument) -> bytes:
    """The stored bytes of an official version, exactly as frozen; never rendered again.

    A missing or altered file cannot be replaced by a fresh rendering (the data has moved on
    since the MAT saw it): it has to come back from the backup, so it is logged as an error for
    the administrator and the reader gets a page that says so.
    """
    return stored_file_verified(
        document.file, sha256=document.sha256, label=f"official document {document.pk}"
    )


def stored_file_verified(file, *, sha256: str, label: str) -> bytes:
    """The bytes of a stored file that must match its recorded SHA-256 (an official version,
    or the region's copy of one), or StoredFileUnavailable after logging what to restore."""
    try:
        with file.open("rb") as stored:
            content = stored.read()
    except (OSError, ValueError):
        logger.error(
            "Stored file %r of %s is missing; restore it from the backup", file.name, label
        )
        raise StoredFileUnavailable(label) from None
    if hashlib.sha256(content).hexdigest() != sha256:
        logger.error(
            "Stored file %r of %s does not match its SHA-256; restore it from the backup",
            file.name,
            label,
        )
        raise StoredFileUnavailable(label)
    return content


def official_standing(*, programme: Programme, kind: str) -> OfficialDocument | None:
    """The official version that stands for the programme as it is now: for the briefing,
    the one of the current revision; for the evaluation report, the latest."""
    queryset = OfficialDocument.objects.filter(programme=programme, kind=kind)
    if kind == DocumentKind.BRIEFING:
        queryset = queryset.filter(revision__number=programme.revision_number)
    return queryset.order_by("-version").first()


def draft_pdf(rendering: Rendering) -> bytes:
    """The bytes a worker laid out for a draft rendering; StoredFileUnavailable when its file
    is gone (a draft is simply laid out again)."""
    try:
        with rendering.file.open("rb") as stored:
            return stored.read()
    except (OSError, ValueError):
        logger.warning(
            "Draft file %r of rendering %s is missing", rendering.file.name, rendering.pk
        )
        raise StoredFileUnavailable(f"rendering {rendering.pk}") from None
