"""Official versions of the programme documents, and the organisation they speak for.

An official version is what the MAT was shown: rendered once, stored with its SHA-256 and
served from storage ever after. Like decisions, it is append-only.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.scoping import owned_manager
from pilots.common.models import AppendOnlyModel, AppendOnlyQuerySet


class DocumentKind(models.TextChoices):
    BRIEFING = "briefing", _("MAT briefing")
    EVALUATION = "evaluation", _("Evaluation report")


def _official_upload_to(document, filename: str) -> str:
    return f"official-documents/{document.programme_id}/{filename}"


class OfficialDocument(AppendOnlyModel):
    """One official version of a briefing or evaluation report. Never changed or deleted."""

    append_only_message = "Official documents are written once."

    programme = models.ForeignKey(
        "pilots.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="official_documents",
    )
    kind = models.CharField(_("document"), max_length=12, choices=DocumentKind.choices)
    version = models.PositiveIntegerField(_("version"))
    revision = models.ForeignKey(
        "pilots.Revision",
        verbose_name=_("revision"),
        on_delete=models.PROTECT,
        related_name="official_documents",
    )
    stage = models.ForeignKey(
        "pilots.RevisionStage",
        verbose_name=_("decision stage"),
        on_delete=models.PROTECT,
        related_name="official_documents",
    )
    language = models.CharField(_("language"), max_length=10)
    file = models.FileField(_("file"), upload_to=_official_upload_to, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("frozen at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("frozen by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = owned_manager("programme__municipality", AppendOnlyQuerySet)

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "version"], name="official_document_version_once"
            ),
            # The MAT decides on one briefing; an evaluation may be fed back more than once.
            models.UniqueConstraint(
                fields=["stage"],
                condition=models.Q(kind="briefing"),
                name="official_briefing_once_per_stage",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.programme} v{self.version}"

    def get_absolute_url(self):
        return reverse("pilots:official_document", args=[self.programme_id, self.pk])

    @property
    def filename(self) -> str:
        return f"{self.kind}-{self.programme_id}-v{self.version}.pdf"
