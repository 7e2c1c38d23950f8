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


def _rendering_upload_to(rendering, filename: str) -> str:
    return f"document-drafts/{rendering.programme_id}/{filename}"


class Rendering(models.Model):
    """One job of laying out a document with WeasyPrint, done by a background worker
    (`pilots.documents.tasks`) and never inside a web request.

    A **draft** rendering is keyed by the SHA-256 of the document's HTML as it stands when it
    is asked for (the `html` it lays out), so a draft whose data have moved on is never served:
    another fingerprint asks for another rendering. An **official** one freezes a version; its
    key names what it freezes ("stage-12": the briefing of the MAT stage 12; "fed-back-
    2026-05-04": the evaluation report fed back that day) and `document` is the version it made.
    One rendering per programme, kind, language and key (a double click asks for the same one).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    programme = models.ForeignKey(
        "pilots.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="renderings",
    )
    kind = models.CharField(_("document"), max_length=12, choices=DocumentKind.choices)
    language = models.CharField(_("language"), max_length=10)
    official = models.BooleanField(_("official version"), default=False)
    key = models.CharField(_("fingerprint"), max_length=80)
    html = models.TextField(_("HTML"), blank=True)
    stage = models.ForeignKey(
        "pilots.RevisionStage",
        verbose_name=_("decision stage"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("file"), upload_to=_rendering_upload_to, max_length=200, blank=True)
    document = models.ForeignKey(
        OfficialDocument,
        verbose_name=_("official document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = owned_manager("programme__municipality")

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("rendering")
        verbose_name_plural = _("renderings")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "language", "key"], name="rendering_once_per_key"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.programme_id} {self.key[:16]} {self.status}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED
