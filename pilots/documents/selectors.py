"""Reads of the official documents."""

import hashlib
import logging

from pilots.approval.models import Programme

from .models import DocumentKind, OfficialDocument

logger = logging.getLogger(__name__)


class StoredFileUnavailable(Exception):
    """The stored file of an official document is gone or no longer matches its SHA-256."""


def official_document_pdf(document: OfficialDocument) -> bytes:
    """The stored bytes of an official version, exactly as frozen; never rendered again.

    A missing or altered file cannot be replaced by a fresh rendering (the data has moved on
    since the MAT saw it): it has to come back from the backup, so it is logged as an error for
    the administrator and the reader gets a page that says so.
    """
    try:
        with document.file.open("rb") as stored:
            pdf = stored.read()
    except (OSError, ValueError):
        logger.error(
            "Stored file %r of official document %s is missing; restore it from the backup",
            document.file.name,
            document.pk,
        )
        raise StoredFileUnavailable(document.pk) from None
    if hashlib.sha256(pdf).hexdigest() != document.sha256:
        logger.error(
            "Stored file %r of official document %s does not match its SHA-256; "
            "restore it from the backup",
            document.file.name,
            document.pk,
        )
        raise StoredFileUnavailable(document.pk)
    return pdf


def official_standing(*, programme: Programme, kind: str) -> OfficialDocument | None:
    """The official version that stands for the programme as it is now: for the briefing,
    the one of the current revision; for the evaluation report, the latest."""
    queryset = OfficialDocument.objects.filter(programme=programme, kind=kind)
    if kind == DocumentKind.BRIEFING:
        queryset = queryset.filter(revision__number=programme.revision_number)
    return queryset.order_by("-version").first()
