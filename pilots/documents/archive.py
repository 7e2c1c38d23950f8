"""Which official documents still carry a person's name after their erasure, and why.

An official document is the frozen record of what the MAT was shown and decided on. It is
kept unchanged (GDPR art. 17(3)(b) and (d): a public task, and archiving in the public
interest), so erasure leaves it as it is and says so: the erasure report lists each document
whose text contains the name.
"""

import logging

from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from stakeholders.gdpr import ArchivedCopy

from .models import OfficialDocument

logger = logging.getLogger(__name__)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _text(document: OfficialDocument) -> str | None:
    try:
        with document.file.open("rb") as handle:
            reader = PdfReader(handle)
            return _folded(" ".join(page.extract_text() or "" for page in reader.pages))
    except (OSError, PdfReadError, ValueError):
        logger.warning("Official document %s could not be read for the erasure report", document.pk)
        return None


def documents_carrying(names: list[str]) -> list[ArchivedCopy]:
    """The official documents (of the active municipality) whose text holds one of `names`.

    Every document is read: a name may stand in a stakeholder table, a decision's author or
    a motivation, and only the frozen bytes say what the MAT was shown."""
    wanted = [_folded(name) for name in names if name.strip()]
    if not wanted:
        return []
    found = []
    for document in OfficialDocument.objects.select_related("programme").order_by("pk"):
        text = _text(document)
        if text is None:
            found.append(
                ArchivedCopy(
                    label=str(document),
                    url=document.get_absolute_url(),
                    reason=_("the file could not be read; check it by hand"),
                )
            )
        elif any(name in text for name in wanted):
            found.append(
                ArchivedCopy(
                    label=str(document),
                    url=document.get_absolute_url(),
                    reason=_(
                        "it is the frozen record of a public decision (what the MAT was shown) "
                        "and is kept unchanged for archiving in the public interest (GDPR "
                        "article 17(3)(b) and (d))"
                    ),
                )
            )
    return found
