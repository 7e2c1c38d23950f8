"""Policy: the recommendations for the strategic procurement policy drawn from the pilots'
evaluations, and each change of their status."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.roles import Role
from core.scoping import municipality_field, owned_manager
from pilots.evaluation.models import PilotEvaluation


class Theme(models.TextChoices):
    CIRCULAR = "circular", _("Circular")
    LOCAL = "local", _("Local")
    SOCIAL = "social", _("Social")
    LEGAL_RISK = "legal_risk", _("Legal risk")
    PROCESS = "process", _("Process")
    ORGANISATION = "organisation", _("Organisation")


class PolicyRecommendation(models.Model):
    """A recommendation for the strategic procurement policy, resting on evaluations."""

    municipality = municipality_field()

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        DISCUSSED = "discussed", _("Discussed")
        ADOPTED = "adopted", _("Adopted by the MAT")
        REJECTED = "rejected", _("Rejected")

    # Who may move a recommendation where: the strategic cell proposes and discusses, the MAT
    # decides. A rejected recommendation can be proposed again, reworked.
    TRANSITIONS = {
        Status.PROPOSED: {
            Status.DISCUSSED: Role.STRATEGIC_CELL,
            Status.ADOPTED: Role.MAT_MEMBER,
            Status.REJECTED: Role.MAT_MEMBER,
        },
        Status.DISCUSSED: {
            Status.PROPOSED: Role.STRATEGIC_CELL,
            Status.ADOPTED: Role.MAT_MEMBER,
            Status.REJECTED: Role.MAT_MEMBER,
        },
        Status.ADOPTED: {},
        Status.REJECTED: {Status.PROPOSED: Role.STRATEGIC_CELL},
    }
    DECIDED = frozenset({Status.ADOPTED, Status.REJECTED})

    programme = models.ForeignKey(
        "pilots.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    title = models.CharField(_("recommendation"), max_length=200)
    text = models.TextField(_("explanation"), max_length=5000)
    evaluations = models.ManyToManyField(
        PilotEvaluation,
        verbose_name=_("evaluations it rests on"),
        blank=True,
        related_name="recommendations",
    )
    owner = models.CharField(
        _("owner"), max_length=30, choices=Role.choices, default=Role.STRATEGIC_CELL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    decided_on = models.DateField(_("decided by the MAT on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = owned_manager()

    class Meta:
        ordering = ["theme", "title"]
        verbose_name = _("policy recommendation")
        verbose_name_plural = _("policy recommendations")
        indexes = [
            models.Index(fields=["theme", "title"]),
            models.Index(fields=["status"]),
            models.Index(fields=["title"]),
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pilots:recommendation_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        """The text of a decided recommendation is what the MAT decided on."""
        return self.status not in self.DECIDED

    def next_statuses(self, *, roles) -> list[str]:
        return [status for status, role in self.TRANSITIONS[self.status].items() if role in roles]

    def transition_refusal(self, *, status: str, roles) -> str | None:
        allowed = self.TRANSITIONS.get(self.status, {})
        labels = dict(self.Status.choices)
        values = {
            "current": labels.get(self.status, self.status),
            "next": labels.get(status, status),
        }
        if status not in allowed:
            return (
                gettext("A recommendation with status “%(current)s” cannot move to “%(next)s”.")
                % values
            )
        if allowed[status] not in roles:
            return gettext(
                "Only the role “%(role)s” may move this recommendation to “%(next)s”."
            ) % {**values, "role": Role(allowed[status]).label}
        return None


class RecommendationEvent(models.Model):
    """Each status change of a recommendation: who, when, and why."""

    recommendation = models.ForeignKey(
        PolicyRecommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    from_status = models.CharField(
        _("from"), max_length=10, choices=PolicyRecommendation.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("to"), max_length=10, choices=PolicyRecommendation.Status.choices
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = owned_manager("recommendation__municipality")

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("status change of a recommendation")
        verbose_name_plural = _("status changes of recommendations")

    def __str__(self):
        return f"{self.recommendation}: {self.get_to_status_display()}"
