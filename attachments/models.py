"""A file attached to a dossier, a programme, a pilot, a market dialogue or a consultation.

One model for every app, with a generic relation to what it is attached to: the apps that own
those objects sit above this one and register them (`registry.py`), so this app knows none of
them. The file is stored under a random name (`attachments/<random>`, no extension) and only
ever served by `views.attachment_download`, which asks the owner whether the reader may see the
object; the name the uploader gave is kept for display and for the download.
"""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scoping import municipality_field, owned_manager


def stored_name(attachment, filename: str) -> str:
    """A name nobody can guess, that says nothing of the original."""
    return f"attachments/{secrets.token_urlsafe(24)}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", _("PDF")
        PNG = "png", _("PNG image")
        JPG = "jpg", _("JPEG image")
        JPEG = "jpeg", _("JPEG image")
        ODT = "odt", _("Text document (OpenDocument)")
        ODS = "ods", _("Spreadsheet (OpenDocument)")
        ODP = "odp", _("Presentation (OpenDocument)")
        DOCX = "docx", _("Word document")
        XLSX = "xlsx", _("Excel spreadsheet")
        PPTX = "pptx", _("PowerPoint presentation")
        TXT = "txt", _("Text")
        CSV = "csv", _("CSV table")

    municipality = municipality_field()
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("attached to (type)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("attached to (id)"))
    target = GenericForeignKey("content_type", "object_id")

    file = models.FileField(_("file"), upload_to=stored_name, max_length=200)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    media_type = models.CharField(_("media type"), max_length=120, editable=False)
    size = models.PositiveBigIntegerField(_("size"), editable=False)
    sha256 = models.CharField(_("checksum"), max_length=64, editable=False)
    in_annexes = models.BooleanField(
        _("include in the document's annexes"),
        default=False,
        help_text=_("Listed by name in the annexes of the MAT briefing and the evaluation report."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = owned_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.name
