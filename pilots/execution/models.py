"""Execution of a pilot: the reference lead time per procedure type and the market dialogues.

The phases themselves (`Phase`, with planned and actual dates) live in `pilots.approval.models`,
because their planned dates are part of the approved proposal.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scoping import owned_manager


class ReferenceLeadTime(models.Model):
    """How many days a procedure type usually takes from the start of preparation to the
    award. Data, kept by an administrator, because practice and the law change."""

    procedure_type = models.OneToOneField(
        "procurement.ProcedureType",
        verbose_name=_("procedure type"),
        on_delete=models.CASCADE,
        related_name="reference_lead_time",
    )
    days = models.PositiveIntegerField(
        _("reference lead time in days"),
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["procedure_type__position"]
        verbose_name = _("reference lead time")
        verbose_name_plural = _("reference lead times")
        constraints = [
            models.CheckConstraint(condition=models.Q(days__gte=1), name="reference_days_positive")
        ]

    def __str__(self):
        return f"{self.procedure_type}: {self.days}"


class MarketDialogue(models.Model):
    """A meeting with market parties before the specifications are written."""

    class Form(models.TextChoices):
        INFORMATION_SESSION = "information_session", _("Information session")
        ONE_TO_ONE = "one_to_one", _("One-to-one meeting")
        REQUEST_FOR_INFORMATION = "request_for_information", _("Request for information")

    pilot = models.ForeignKey(
        "pilots.Pilot",
        verbose_name=_("pilot"),
        on_delete=models.CASCADE,
        related_name="market_dialogues",
    )
    held_on = models.DateField(_("date"))
    form = models.CharField(_("form"), max_length=30, choices=Form.choices)
    organisations = models.ManyToManyField(
        "stakeholders.Organisation",
        verbose_name=_("market parties"),
        related_name="market_dialogues",
    )
    participant_count = models.PositiveSmallIntegerField(
        _("number of participants"),
        null=True,
        blank=True,
        help_text=_("People present, if more than one per party."),
    )
    learned = models.TextField(_("what we learned"), max_length=5000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Deleting the object deletes its attachments and their files (attachments app).
    attachments = GenericRelation("attachments.Attachment")
    objects = owned_manager("pilot__programme__municipality")

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("market dialogue")
        verbose_name_plural = _("market dialogues")
        indexes = [models.Index(fields=["pilot", "held_on"])]

    def __str__(self):
        return f"{self.get_form_display()} ({self.held_on:%d/%m/%Y})"
