"""The region's pilot case library.

A pilot case is a *snapshot*: what the publishing municipality chose to share of one of its
evaluated pilots, copied when it was published. The library never reads another
municipality's internal rows (its pilots, dossiers or stakeholders); those stay behind the
municipality scope. The cases are region-shared, so their manager is scoped by region: a
query outside a region scope raises.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.scoping import region_manager
from pilots.models import Conclusion
from procurement.models import SubjectType

# Published and not withdrawn: what the library shows.
LIVE_CASE = Q(withdrawn_at__isnull=True)


def _report_upload_to(case, filename: str) -> str:
    return f"region-cases/{case.region_id}/{filename}"


class PilotCase(models.Model):
    """One evaluated pilot as its municipality shared it with the region."""

    region = models.ForeignKey(
        "core.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("published by municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A plain number, no foreign key: the pilot is the publisher's internal row. With the
    # municipality it finds the pilot back for a withdrawal and "one live case per pilot".
    source_pilot_id = models.PositiveIntegerField(_("pilot in the publishing municipality"))

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what was bought"), max_length=5000, blank=True)
    objectives = models.TextField(_("objectives"), max_length=5000, blank=True)
    cpv_code = models.CharField(_("CPV code"), max_length=10, blank=True)
    subject_type = models.CharField(_("subject"), max_length=10, choices=SubjectType.choices)
    estimated_value = models.DecimalField(
        _("estimated value excl. VAT"), max_digits=14, decimal_places=2
    )
    # The R-ladder codes, space-separated ("R2 R5"): a snapshot, and a filter any database
    # runs (JSON containment is not available on SQLite).
    strategy_codes = models.CharField(_("circular strategies"), max_length=40, blank=True)

    summary = models.TextField(_("summary of the evaluation"), max_length=5000, blank=True)
    conclusion = models.CharField(_("conclusion"), max_length=10, choices=Conclusion.choices)
    motivation = models.TextField(_("motivation of the conclusion"), max_length=5000, blank=True)
    lead_time_days = models.PositiveIntegerField(_("lead time in days"), null=True, blank=True)
    reference_lead_time_days = models.PositiveIntegerField(
        _("reference lead time in days"), null=True, blank=True
    )
    # [{"name", "category", "unit", "target", "result", "met"}]
    results = models.JSONField(_("evaluation results"), default=list, blank=True)
    lessons = models.TextField(_("lessons learned"), max_length=5000, blank=True)
    success_factors = models.TextField(_("success factors"), max_length=5000, blank=True)
    pitfalls = models.TextField(_("pitfalls"), max_length=5000, blank=True)
    # What "use as a starting point" copies:
    # [{"category", "indicator", "unit", "baseline", "target", "direction", "weight", "method"}]
    points = models.JSONField(_("evaluation points"), default=list, blank=True)
    # [{"name", "description", "weight", "direction", "kind"}]
    criteria = models.JSONField(_("selection criteria"), default=list, blank=True)
    # [{"phase", "days"}] in the order of the phases
    phase_plan = models.JSONField(_("phase plan"), default=list, blank=True)
    report = models.FileField(
        _("evaluation report"), upload_to=_report_upload_to, max_length=200, blank=True
    )
    report_sha256 = models.CharField(_("SHA-256 of the report"), max_length=64, blank=True)

    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = region_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("pilot case")
        verbose_name_plural = _("pilot cases")
        indexes = [
            models.Index(fields=["region", "withdrawn_at", "-published_at"]),
            models.Index(fields=["conclusion"]),
            models.Index(fields=["estimated_value"]),
        ]
        constraints = [
            # With the row lock in case_publish, the last line of defence against a second
            # live case of one pilot.
            models.UniqueConstraint(
                fields=["municipality", "source_pilot_id"],
                condition=Q(withdrawn_at__isnull=True),
                name="pilot_case_live_once",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("region:case_detail", args=[self.pk])

    @property
    def strategies(self) -> list[str]:
        return self.strategy_codes.split()

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None

    @property
    def lead_time_difference(self) -> int | None:
        if self.lead_time_days is None or self.reference_lead_time_days is None:
            return None
        return self.lead_time_days - self.reference_lead_time_days

    @property
    def points_met(self) -> int:
        return sum(1 for row in self.results if row.get("met"))
