"""Evaluation: the points a pilot is measured on, their measurements, and the pilot's and the
programme's evaluation.

Scores are not stored: they follow from the latest measurement by `rules`, so a correction of
a measurement or a point is reflected everywhere at once.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core.scoping import owned_manager

from . import rules


class Category(models.TextChoices):
    CIRCULARITY = "circularity", _("Circularity")
    ENVIRONMENT = "environment", _("Environment")
    COST = "cost", _("Cost")
    MARKET_RESPONSE = "market_response", _("Market response")
    PROCESS = "process", _("Process")
    INTERNAL_SUPPORT = "internal_support", _("Internal support")
    LOCAL_ECONOMY = "local_economy", _("Local economy")
    SOCIAL = "social", _("Social")


class Direction(models.TextChoices):
    HIGHER = rules.HIGHER, _("Higher is better")
    LOWER = rules.LOWER, _("Lower is better")


class PointFields(models.Model):
    """What an evaluation point says; shared by the templates and the points themselves."""

    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    unit = models.CharField(_("unit"), max_length=30)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("From 1 to 10: how much the point counts in the pilot score."),
    )

    class Meta:
        abstract = True


class EvaluationPointTemplate(PointFields):
    """A common evaluation point a pilot can start from. Data, kept in the admin."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    indicator = models.CharField(_("indicator (Dutch)"), max_length=200)
    indicator_en = models.CharField(_("indicator (English)"), max_length=200, blank=True)
    method = models.TextField(_("measurement method (Dutch)"), max_length=2000, blank=True)
    method_en = models.TextField(_("measurement method (English)"), max_length=2000, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "indicator"]
        verbose_name = _("evaluation point template")
        verbose_name_plural = _("evaluation point templates")

    def __str__(self):
        return self.indicator_label

    def _english(self) -> bool:
        return (get_language() or "").startswith("en")

    @property
    def indicator_label(self) -> str:
        return self.indicator_en if self.indicator_en and self._english() else self.indicator

    @property
    def method_label(self) -> str:
        return self.method_en if self.method_en and self._english() else self.method


class EvaluationPoint(PointFields):
    """What a pilot is measured on, set before it starts: from a baseline towards a target."""

    pilot = models.ForeignKey(
        "pilots.Pilot",
        verbose_name=_("pilot"),
        on_delete=models.CASCADE,
        related_name="evaluation_points",
    )
    template = models.ForeignKey(
        EvaluationPointTemplate,
        verbose_name=_("template"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    indicator = models.CharField(_("indicator"), max_length=200)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    method = models.TextField(_("measurement method"), max_length=2000)
    # Not part of what the point says (no point change, no reason needed after approval):
    # why it has no measurement, which the evaluation report shows instead of a silent gap.
    unmeasured_reason = models.TextField(
        _("why it is not measured"),
        max_length=2000,
        blank=True,
        help_text=_("Shown in the evaluation report as long as the point has no measurement."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = owned_manager("pilot__programme__municipality")

    class Meta:
        ordering = ["pilot", "category", "pk"]
        verbose_name = _("evaluation point")
        verbose_name_plural = _("evaluation points")
        indexes = [models.Index(fields=["pilot", "category"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(target=F("baseline")),
                name="point_target_differs_from_baseline",
                violation_error_message=rules.TARGET_EQUALS_BASELINE,
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=1) & Q(weight__lte=10), name="point_weight_1_to_10"
            ),
        ]

    def __str__(self):
        return self.indicator

    def clean(self):
        super().clean()
        # Target = baseline is the database constraint's to report, once.
        if self.baseline is None or self.target is None or self.baseline == self.target:
            return
        refusal = rules.target_refusal(
            baseline=self.baseline, target=self.target, direction=self.direction
        )
        if refusal:
            raise ValidationError({"target": refusal})

    def removal_refusal(self) -> str | None:
        """Why this point cannot be removed, or None: what was measured on it stays."""
        if self.measurements.exists():
            return gettext("This point has measurements; it cannot be removed. Change it instead.")
        return None

    @staticmethod
    def points_locked(programme) -> bool:
        """Once the MAT approved the programme, a change of its points needs a recorded
        reason, so the evaluation cannot quietly move its own goalposts."""
        return programme.is_approved

    @staticmethod
    def change_blocked(programme) -> str | None:
        """Why the points of a pilot in `programme` cannot change at all now, or None. Points
        are set while the programme is a draft and, with a reason, after its approval."""
        if programme.is_in_approval:
            return gettext(
                "The programme is in approval: its evaluation points cannot change until the "
                "decision is taken."
            )
        if programme.is_rejected:
            return gettext("The programme was rejected: its evaluation points are closed.")
        return None

    @classmethod
    def points_editable(cls, programme) -> bool:
        return cls.change_blocked(programme) is None

    @classmethod
    def change_refusal(cls, *, programme, reason: str) -> str | None:
        """Why this change of the points cannot be made, or None: blocked outright, or locked
        and without a reason."""
        blocked = cls.change_blocked(programme)
        if blocked:
            return blocked
        if cls.points_locked(programme) and not reason.strip():
            return gettext(
                "The programme is approved, so the evaluation points are locked: record why "
                "this change is needed."
            )
        return None


class PointChange(models.Model):
    """The audit trail of evaluation points: every change, and after approval its reason."""

    class Action(models.TextChoices):
        ADDED = "added", _("Added")
        CHANGED = "changed", _("Changed")
        REMOVED = "removed", _("Removed")

    pilot = models.ForeignKey(
        "pilots.Pilot",
        verbose_name=_("pilot"),
        on_delete=models.CASCADE,
        related_name="point_changes",
    )
    point = models.ForeignKey(
        EvaluationPoint,
        verbose_name=_("evaluation point"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="changes",
    )
    indicator = models.CharField(_("indicator"), max_length=200)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    before = models.JSONField(_("before"), default=dict)
    after = models.JSONField(_("after"), default=dict)
    after_approval = models.BooleanField(_("after approval"), default=False)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    objects = owned_manager("pilot__programme__municipality")

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("change of an evaluation point")
        verbose_name_plural = _("changes of evaluation points")
        indexes = [models.Index(fields=["pilot", "changed_at"])]

    def __str__(self):
        return f"{self.indicator}: {self.get_action_display()}"


class MeasurementQuerySet(models.QuerySet):
    def current(self):
        """The measurements that count, the one rule every score, figure and document reads:
        neither corrected by a later row nor a removal."""
        return self.exclude(kind=Measurement.Kind.REMOVAL).filter(superseded_by__isnull=True)


class Measurement(models.Model):
    """A measurement of a point. Rows are never changed: a correction or removal is a new row
    that supersedes the old one and says why, so the history of what was measured stays."""

    class Kind(models.TextChoices):
        RECORDED = "recorded", _("Recorded")
        CORRECTION = "correction", _("Correction")
        REMOVAL = "removal", _("Removal")

    point = models.ForeignKey(
        EvaluationPoint,
        verbose_name=_("evaluation point"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=200)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.RECORDED)
    # One-to-one: a measurement is superseded once, so two people correcting it at the same
    # time cannot both win.
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    reason = models.TextField(_("reason"), max_length=2000, blank=True)

    objects = owned_manager("point__pilot__programme__municipality", MeasurementQuerySet)

    class Meta:
        ordering = ["-measured_on", "-pk"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        indexes = [models.Index(fields=["point", "-measured_on", "-id"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="recorded") & Q(supersedes__isnull=True))
                | (~Q(kind="recorded") & Q(supersedes__isnull=False) & ~Q(reason="")),
                name="measurement_correction_says_what_and_why",
            ),
        ]

    def __str__(self):
        return f"{self.point}: {self.value} ({self.measured_on:%d/%m/%Y})"


class Conclusion(models.TextChoices):
    SCALE_UP = "scale_up", _("Scale up")
    ADJUST = "adjust", _("Adjust")
    STOP = "stop", _("Stop")


class PilotEvaluation(models.Model):
    """What the pilot taught, and whether to scale it up, adjust it or stop."""

    pilot = models.OneToOneField(
        "pilots.Pilot",
        verbose_name=_("pilot"),
        on_delete=models.CASCADE,
        related_name="evaluation",
    )
    summary = models.TextField(_("summary"), max_length=5000)
    lessons = models.TextField(_("lessons learned"), max_length=5000, blank=True)
    success_factors = models.TextField(_("success factors"), max_length=5000, blank=True)
    pitfalls = models.TextField(_("pitfalls"), max_length=5000, blank=True)
    conclusion = models.CharField(_("conclusion"), max_length=10, choices=Conclusion.choices)
    motivation = models.TextField(_("motivation of the conclusion"), max_length=5000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = owned_manager("pilot__programme__municipality")

    class Meta:
        verbose_name = _("pilot evaluation")
        verbose_name_plural = _("pilot evaluations")
        indexes = [models.Index(fields=["conclusion"])]

    def __str__(self):
        return gettext("Evaluation of %(pilot)s") % {"pilot": self.pilot}


class ProgrammeEvaluation(models.Model):
    """The programme's evaluation as fed back to the MAT, and what the MAT decided on it."""

    programme = models.OneToOneField(
        "pilots.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="evaluation",
    )
    summary = models.TextField(_("summary"), max_length=5000)
    fed_back_on = models.DateField(_("fed back to the MAT on"), null=True, blank=True)
    budget_spent = models.DecimalField(
        _("budget spent"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("What the programme spent of its own budget, excl. VAT."),
    )
    mat_decision = models.TextField(_("decision of the MAT"), max_length=5000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = owned_manager("programme__municipality")

    class Meta:
        verbose_name = _("programme evaluation")
        verbose_name_plural = _("programme evaluations")

    def __str__(self):
        return gettext("Evaluation of %(programme)s") % {"programme": self.programme}
