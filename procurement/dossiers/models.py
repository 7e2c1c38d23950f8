"""The dossier register: planned procurements, their references, the R-ladder and the
procedure types with their thresholds."""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.scoping import municipality_field, owned_manager

from . import rules


class Willingness(models.TextChoices):
    """Whether a department is willing to tender a procurement circularly."""

    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class SubjectType(models.TextChoices):
    WORKS = "works", _("Works")
    SUPPLIES = "supplies", _("Supplies")
    SERVICES = "services", _("Services")


class RLadder(models.TextChoices):
    """The R-ladder of circular strategies; a lower rung is more circular."""

    R0 = "R0", _("R0 Refuse")
    R1 = "R1", _("R1 Rethink")
    R2 = "R2", _("R2 Reduce")
    R3 = "R3", _("R3 Reuse")
    R4 = "R4", _("R4 Repair")
    R5 = "R5", _("R5 Refurbish")
    R6 = "R6", _("R6 Remanufacture")
    R7 = "R7", _("R7 Repurpose")
    R8 = "R8", _("R8 Recycle")
    R9 = "R9", _("R9 Recover")


class CircularStrategy(models.Model):
    """One rung of the R-ladder, stored so dossiers and pilots can refer to several."""

    code = models.CharField(_("code"), max_length=2, choices=RLadder.choices, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("circular strategy")
        verbose_name_plural = _("circular strategies")

    def __str__(self):
        return self.get_code_display()

    @property
    def rung(self) -> int:
        return int(self.code[1:])

    @property
    def circularity(self) -> int:
        """10 for R0 (refuse) down to 1 for R9 (recover): higher rungs count as more circular."""
        return 10 - self.rung


class ProcedureType(models.Model):
    """A procedure of the law of 17 June 2016. Names are legal terms, kept as data."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    legal_reference = models.CharField(
        _("legal reference"),
        max_length=300,
        blank=True,
        help_text=_(
            "The article of the law that governs the procedure, e.g. art. 42 of the law of "
            "17 June 2016."
        ),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("procedure type")
        verbose_name_plural = _("procedure types")

    def __str__(self):
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class ProcedureThreshold(models.Model):
    """Below `upper_limit` (excl. VAT) this procedure is suggested, for the subject type and
    during the validity period. Thresholds change by royal decree and EU regulation, so they
    are rows with dates, never constants in code."""

    procedure_type = models.ForeignKey(
        ProcedureType,
        verbose_name=_("procedure type"),
        on_delete=models.CASCADE,
        related_name="thresholds",
    )
    subject_type = models.CharField(
        _("subject type"),
        max_length=10,
        choices=SubjectType.choices,
        blank=True,
        help_text=_("Leave empty when the threshold applies to every subject type."),
    )
    upper_limit = models.DecimalField(
        _("upper limit excl. VAT"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Values strictly below this limit qualify. Empty means no upper limit."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        ordering = ["valid_from", "upper_limit"]
        verbose_name = _("procedure threshold")
        verbose_name_plural = _("procedure thresholds")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="threshold_valid_until_after_valid_from",
            ),
            models.CheckConstraint(
                condition=Q(upper_limit__isnull=True) | Q(upper_limit__gt=0),
                name="threshold_upper_limit_positive",
            ),
        ]

    def __str__(self):
        return f"{self.procedure_type} < {self.upper_limit or '∞'} ({self.valid_from})"


class DossierCounter(models.Model):
    """The last reference number a municipality handed out in a year; locked row by row
    while numbering."""

    municipality = municipality_field()
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    objects = owned_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="counter_once_a_year")
        ]

    def __str__(self):
        return f"{self.year}: {self.last_number}"


cpv_code_validator = RegexValidator(
    regex=r"^\d{8}-\d$",
    message=_("Enter a CPV code as eight digits, a hyphen and a check digit, e.g. 39130000-2."),
)


# Kept by name so the services can write one history row for a save and its strategies.
dossier_history_recorder = HistoricalRecords(
    m2m_fields=["circular_strategies"], excluded_fields=["updated_at"]
)
# simple-history's marks of a history row: the registration, and a change.
HISTORY_CREATED, HISTORY_CHANGED = "+", "~"


class DossierQuerySet(models.QuerySet):
    def open(self):
        """The dossiers still under way: neither closed nor cancelled."""
        return self.exclude(status__in=self.model.FINISHED_STATUSES)

    def with_procedure(self, procedure):
        """The dossiers whose effective procedure is `procedure`: the chosen one, else the
        suggested one (see `Dossier.effective_procedure`)."""
        return self.filter(
            Q(procedure=procedure) | Q(procedure__isnull=True, suggested_procedure=procedure)
        )


class Dossier(models.Model):
    """A planned public procurement (overheidsopdracht) of a department."""

    municipality = municipality_field()

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PREPARATION = "in_preparation", _("In preparation")
        MARKET_CONSULTATION = "market_consultation", _("Market consultation")
        PUBLISHED = "published", _("Published")
        AWARDED = "awarded", _("Awarded")
        IN_EXECUTION = "in_execution", _("In execution")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    class Visibility(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    Willingness = Willingness

    FINISHED_STATUSES = (Status.CLOSED, Status.CANCELLED)
    AWARDED_STATUSES = (Status.AWARDED, Status.IN_EXECUTION, Status.CLOSED)

    reference = models.CharField(_("reference"), max_length=20, editable=False)
    title = models.CharField(_("title"), max_length=200)
    department = models.ForeignKey(
        "stakeholders.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    owner = models.ForeignKey(
        "stakeholders.Person",
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_dossiers",
    )
    subject_type = models.CharField(_("subject"), max_length=10, choices=SubjectType.choices)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    estimated_value = models.DecimalField(
        _("estimated value excl. VAT"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    suggested_procedure = models.ForeignKey(
        ProcedureType,
        verbose_name=_("suggested procedure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    procedure = models.ForeignKey(
        ProcedureType,
        verbose_name=_("chosen procedure"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cpv_code = models.CharField(
        _("CPV code"), max_length=10, blank=True, validators=[cpv_code_validator]
    )
    planned_publication_date = models.DateField(
        _("planned publication date"), null=True, blank=True
    )
    required_award_date = models.DateField(_("required award date"), null=True, blank=True)
    awarded_value = models.DecimalField(
        _("awarded value excl. VAT"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_(
            "The value of the contract as awarded, on the same footing as the estimated value."
        ),
    )
    visibility = models.CharField(
        _("visibility"), max_length=6, choices=Visibility.choices, default=Visibility.MEDIUM
    )
    willingness = models.CharField(
        _("willing to tender circularly"),
        max_length=5,
        choices=Willingness.choices,
        default=Willingness.MAYBE,
    )
    willingness_motivation = models.TextField(_("motivation"), max_length=2000, blank=True)
    circular_strategies = models.ManyToManyField(
        CircularStrategy,
        verbose_name=_("circular opportunities"),
        blank=True,
        related_name="dossiers",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
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

    # Deleting the object deletes its attachments and their files (attachments app).
    attachments = GenericRelation("attachments.Attachment")
    objects = owned_manager(queryset=DossierQuerySet)
    history = dossier_history_recorder

    class Meta:
        ordering = ["-reference"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["title"]),
            models.Index(fields=["estimated_value"]),
            models.Index(fields=["planned_publication_date"]),
            models.Index(fields=["required_award_date"]),
            models.Index(fields=["willingness"]),
            models.Index(fields=["subject_type"]),
            models.Index(fields=["updated_at"]),
        ]
        constraints = [
            # The year is part of the reference: unique per municipality and year.
            models.UniqueConstraint(
                fields=["municipality", "reference"], name="dossier_reference_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(estimated_value__gte=0), name="dossier_value_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(awarded_value__isnull=True) | Q(awarded_value__gte=0),
                name="dossier_awarded_value_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(required_award_date__isnull=True)
                | Q(planned_publication_date__isnull=True)
                | Q(required_award_date__gte=F("planned_publication_date")),
                name="dossier_award_not_before_publication",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("procurement:dossier_detail", args=[self.reference])

    def clean(self):
        super().clean()
        publication, award = self.planned_publication_date, self.required_award_date
        if publication and award and award < publication:
            raise ValidationError(
                {"required_award_date": _("The award cannot come before the publication.")}
            )
        if self.awarded_value is not None and self.status not in self.AWARDED_STATUSES:
            raise ValidationError(
                {
                    "awarded_value": _(
                        "Record the awarded value once the dossier is awarded: set its status "
                        "to awarded, in execution or closed."
                    )
                }
            )

    @property
    def effective_procedure(self) -> ProcedureType | None:
        """The procedure the dossier follows: the chosen one, else the suggested one."""
        return self.procedure or self.suggested_procedure

    @property
    def effective_procedure_id(self) -> int | None:
        """The id of `effective_procedure`, without a query."""
        return self.procedure_id or self.suggested_procedure_id

    @property
    def total_value(self) -> Decimal:
        """The value of the whole purchase: the own estimated value plus the participants'
        shares (`rules.total_value`). Reads the participations the selectors prefetch; a
        participant must read them through `selectors.visible_dossiers`, since its scope
        does not see the lead's rows."""
        return rules.total_value(
            own_value=self.estimated_value, shares=[p.share for p in self.participations.all()]
        )

    @property
    def is_joint(self) -> bool:
        """Bought together with other municipalities (see `total_value` on reading them)."""
        return bool(self.participations.all())


class JointParticipation(models.Model):
    """A municipality on whose behalf the dossier's own municipality (the lead) buys, with its
    share of the estimated value excl. VAT. The row is the lead's: only the lead's scope sees
    and changes it; a participant reads it through `selectors.visible_dossiers`. That the
    participant is of the lead's region, and not the lead itself, is `rules.participant_refusal`,
    checked by the services."""

    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("participating municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    share = models.DecimalField(
        _("share of the estimated value excl. VAT"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = owned_manager("dossier__municipality")
    # Who added, changed or removed a participant and when; the dossier's own history shows
    # the suggested procedure that changed with it.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("joint participation")
        verbose_name_plural = _("joint participations")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "municipality"], name="participation_once_per_dossier"
            ),
            models.CheckConstraint(
                condition=Q(share__gte=0), name="participation_share_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.dossier.reference}: {self.municipality}"
