"""Pilot programmes, their pilots and planned phases, and the approval chain they pass.

The chain is data (`ApprovalChain`, `ApprovalStage`). On submission its stages are copied into
the revision (`RevisionStage`), so editing the chain later never alters a proposal already in
approval. Decisions are append-only and carry the fingerprint of the content they decided on.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.roles import Role
from core.scoping import municipality_field, owned_manager
from pilots.common.models import AppendOnlyModel, AppendOnlyQuerySet, BilingualName

DEFAULT_CONTEXT = _(
    "Circular procurement keeps materials and products in use for as long as possible: we buy "
    "less, reuse, repair and refurbish before we buy new, and we ask the market for take-back "
    "and recycling. The pilots let us learn this way of working on a small, visible scale "
    "before it becomes part of our procurement policy, which also weighs local and social "
    "interests."
)


def default_context() -> str:
    return str(DEFAULT_CONTEXT)


class PhaseType(BilingualName):
    """A phase a circular tender goes through: market dialogue, specifications, and so on."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    default_weeks = models.PositiveSmallIntegerField(
        _("default duration in weeks"),
        default=4,
        help_text=_("Used to propose planned dates when a pilot is added to a programme."),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("phase type")
        verbose_name_plural = _("phase types")


class StageKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    ADVICE = "advice", _("Advice")


class ApprovalChainQuerySet(models.QuerySet):
    def default_for(self, municipality_id):
        """The municipality's own default chain, else the shared default chain."""
        own = self.filter(municipality_id=municipality_id, is_default=True)
        shared = self.filter(municipality__isnull=True, is_default=True)
        return own if own.exists() else shared


class ApprovalChain(models.Model):
    """A chain of approval stages. A municipality's own chain overrides the shared one."""

    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the chain every municipality without a chain of its own follows."),
    )
    name = models.CharField(_("name"), max_length=120)
    is_default = models.BooleanField(
        _("default chain"),
        default=False,
        help_text=_("New submissions follow the default chain."),
    )

    objects = ApprovalChainQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("approval chain")
        verbose_name_plural = _("approval chains")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True, municipality__isnull=True),
                name="one_default_chain",
            ),
            models.UniqueConstraint(
                fields=["municipality", "is_default"],
                condition=Q(is_default=True),
                name="one_default_chain_per_municipality",
            ),
        ]

    def __str__(self):
        return self.name


class StageFields(BilingualName):
    """What a stage is: shared by the chain's stages and the copies frozen into a revision."""

    position = models.PositiveSmallIntegerField(_("position"))
    role = models.CharField(_("deciding role"), max_length=30, choices=Role.choices)
    kind = models.CharField(
        _("kind"), max_length=10, choices=StageKind.choices, default=StageKind.DECISION
    )
    co_validator_role = models.CharField(
        _("co-validating role"),
        max_length=30,
        choices=Role.choices,
        blank=True,
        help_text=_("A person of this role validates the decision together with the decider."),
    )
    records_meeting = models.BooleanField(
        _("decided in a meeting"),
        default=False,
        help_text=_("The decision records the meeting date and may be entered by a secretary."),
    )

    class Meta:
        abstract = True
        ordering = ["position"]

    @property
    def label(self) -> str:
        return BilingualName.__str__(self)

    @property
    def is_advice(self) -> bool:
        return self.kind == StageKind.ADVICE

    @property
    def is_mat(self) -> bool:
        """The management team's stage: it decides on the frozen briefing."""
        return self.role == Role.MAT_MEMBER

    def clean(self):
        super().clean()
        if self.is_advice and self.co_validator_role:
            raise ValidationError({"co_validator_role": _("An advice stage has no co-validator.")})


class ApprovalStage(StageFields):
    chain = models.ForeignKey(
        ApprovalChain, verbose_name=_("chain"), on_delete=models.CASCADE, related_name="stages"
    )

    class Meta(StageFields.Meta):
        verbose_name = _("approval stage")
        verbose_name_plural = _("approval stages")
        constraints = [
            models.UniqueConstraint(fields=["chain", "position"], name="stage_position_unique")
        ]


class ProgrammeQuerySet(models.QuerySet):
    def in_approval(self):
        return self.filter(status=Programme.Status.IN_APPROVAL)

    def approved(self):
        return self.filter(status=Programme.Status.APPROVED)


class Programme(models.Model):
    """A pilot programme (proeftraject): a delimited trajectory grouping a few pilots."""

    municipality = municipality_field()

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_APPROVAL = "in_approval", _("In approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=5000)
    context = models.TextField(
        _("why circular, and the broader context"), max_length=5000, default=default_context
    )
    budget = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    funding_channel = models.CharField(_("funding channel"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    risks = models.TextField(_("risks"), max_length=5000, blank=True)
    agreements = models.TextField(_("practical agreements"), max_length=5000, blank=True)
    budget_covers = models.TextField(
        _("what the programme's budget pays"),
        max_length=2000,
        blank=True,
        help_text=_(
            "For example the guidance of the pilots: market dialogue, legal advice, training. "
            "The procurements themselves are paid from the budget of each pilot's department."
        ),
    )
    budget_key = models.CharField(
        _("budget key"),
        max_length=200,
        blank=True,
        help_text=_("The budget key (budgetsleutel) the programme's budget is booked on."),
    )
    feedback_due_on = models.DateField(
        _("evaluation fed back by"),
        null=True,
        blank=True,
        help_text=_("By when the evaluation of the pilots is fed back to the MAT."),
    )
    policy_mandate = models.BooleanField(
        _("mandate for the strategic procurement policy"),
        default=False,
        help_text=_(
            "The MAT is asked to give the strategic cell the mandate to prepare a strategic "
            "procurement policy from the evaluation."
        ),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    revision_number = models.PositiveIntegerField(_("revision"), default=1)
    # The stage whose decision is awaited; kept on the programme so "awaiting me" is one
    # indexed query instead of a scan over every revision's stages.
    pending_stage = models.ForeignKey(
        "RevisionStage",
        verbose_name=_("pending stage"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
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
    objects = owned_manager(queryset=ProgrammeQuerySet)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("pilot programme")
        verbose_name_plural = _("pilot programmes")
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["title"]),
            models.Index(fields=["budget"]),
            models.Index(fields=["start_date"]),
            models.Index(fields=["updated_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="programme_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pilots:programme_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        """Only a draft can change: under approval, approved or rejected, the content is what
        the deciders saw."""
        return self.status == self.Status.DRAFT

    def edit_refusal(self) -> str | None:
        """Why the programme's content (its pilots and their phases too) cannot change now, or
        None for a draft. The services and the admin ask here."""
        if self.is_editable:
            return None
        return gettext("This programme cannot be edited: it is %(status)s.") % {
            "status": self.get_status_display().lower()
        }

    @property
    def is_in_approval(self) -> bool:
        return self.status == self.Status.IN_APPROVAL

    @property
    def is_approved(self) -> bool:
        """Approved by the whole chain: from here on it is executed and evaluated."""
        return self.status == self.Status.APPROVED

    @property
    def is_rejected(self) -> bool:
        return self.status == self.Status.REJECTED

    def submit_refusal(self, *, pilot_count: int) -> str | None:
        if not self.is_editable:
            return gettext("Only a draft programme can be submitted.")
        if pilot_count == 0:
            return gettext("Add at least one pilot before submitting the programme.")
        return None

    def decision_refusal(self, *, user, roles, submitter_ids) -> str | None:
        """Why `user` may not decide the pending stage, or None when they may. `roles` are the
        roles the user acts in today (their own and those they substitute for)."""
        if not self.is_in_approval or self.pending_stage is None:
            return gettext("This programme is not awaiting a decision.")
        if user.pk in submitter_ids:
            return gettext("You submitted this programme, so you cannot decide on it.")
        if self.pending_stage.role not in roles:
            return gettext("The pending stage is not yours to decide.")
        return None

    def can_be_decided_by(self, *, user, roles, submitter_ids) -> bool:
        return self.decision_refusal(user=user, roles=roles, submitter_ids=submitter_ids) is None

    def advance_after(self, *, outcome: str, next_stage) -> str:
        """Moves the programme on after a decision; returns the revision's new status (or
        PENDING while the chain goes on). Pure: the caller saves."""
        if outcome in (Outcome.APPROVED, Outcome.ADVISED) and next_stage is not None:
            self.pending_stage = next_stage
            return Revision.Status.PENDING
        self.pending_stage = None
        if outcome == Outcome.CHANGES_REQUESTED:
            # The next submission is a new revision; this one keeps its decisions.
            self.status = self.Status.DRAFT
            self.revision_number += 1
            return Revision.Status.CHANGES_REQUESTED
        if outcome == Outcome.REJECTED:
            self.status = self.Status.REJECTED
            return Revision.Status.REJECTED
        self.status = self.Status.APPROVED
        return Revision.Status.APPROVED

    def content(self, *, pilots, legacy: bool = False) -> dict:
        """The proposal as decided on: the programme, its pilots and their planned phases.
        `pilots` come prefetched with their strategies and phases. Execution data (actual
        dates, notes) is left out: recording progress does not change what was approved.
        `legacy`: the content as it was before it carried the dossier fields the programme
        shows, to compare with what was decided before then (see `Pilot.content`)."""
        return {
            "title": self.title,
            "purpose": self.purpose,
            "context": self.context,
            "budget": None if self.budget is None else f"{self.budget:.2f}",
            "funding_channel": self.funding_channel,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "risks": self.risks,
            "agreements": self.agreements,
            "pilots": sorted(
                (pilot.content(legacy=legacy) for pilot in pilots),
                key=lambda pilot: pilot["dossier"],
            ),
            **_set_only(
                budget_covers=self.budget_covers,
                budget_key=self.budget_key,
                feedback_due_on=self.feedback_due_on.isoformat() if self.feedback_due_on else None,
                policy_mandate=self.policy_mandate,
            ),
        }


def _set_only(**fields) -> dict:
    """The fields of the content added after proposals were first decided on, only when they
    hold a value: the content of a proposal without them, and so its fingerprint, stays what
    it was when it was decided."""
    return {name: value for name, value in fields.items() if value not in (None, "", False)}


class Pilot(models.Model):
    """One dossier tendered circularly within a programme."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="pilots"
    )
    dossier = models.ForeignKey(
        "procurement.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        related_name="pilots",
    )
    scope = models.TextField(_("scope and delimitation"), max_length=5000, blank=True)
    objectives = models.TextField(_("objectives"), max_length=5000, blank=True)
    procurement_budget = models.CharField(
        _("budget that pays the procurement"),
        max_length=300,
        blank=True,
        help_text=_(
            "The department's budget and budget key that pay the procurement itself. Empty: "
            "the budget of the dossier's department."
        ),
    )
    circular_strategies = models.ManyToManyField(
        "procurement.CircularStrategy",
        verbose_name=_("circular strategies"),
        blank=True,
        related_name="pilots",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Deleting the object deletes its attachments and their files (attachments app).
    attachments = GenericRelation("attachments.Attachment")
    objects = owned_manager("programme__municipality")

    class Meta:
        ordering = ["dossier__reference"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        constraints = [
            models.UniqueConstraint(fields=["programme", "dossier"], name="pilot_dossier_once")
        ]

    def __str__(self):
        return self.dossier.title

    def get_absolute_url(self):
        return reverse("pilots:pilot_detail", args=[self.pk])

    def content(self, *, legacy: bool = False) -> dict:
        """What the deciders see of the pilot. It carries the dossier's title, department and
        estimated value because the programme page and the decision page show them: a value
        raised after approval must not read as approved. `legacy` leaves them out, as the
        content was before, so a decision recorded then can still be compared."""
        shown = {} if legacy else self.dossier_content()
        return {
            **shown,
            "dossier": self.dossier.reference,
            "scope": self.scope,
            "objectives": self.objectives,
            "strategies": sorted(strategy.code for strategy in self.circular_strategies.all()),
            "phases": [phase.content() for phase in self.phases.all()],
            **_set_only(procurement_budget=self.procurement_budget),
        }

    def dossier_content(self) -> dict:
        dossier = self.dossier
        return {
            "dossier_title": dossier.title,
            "dossier_department": dossier.department.name,
            "dossier_value": (
                None if dossier.estimated_value is None else f"{dossier.estimated_value:.2f}"
            ),
        }


class Phase(models.Model):
    """A planned phase of a pilot; actual dates are recorded during execution."""

    pilot = models.ForeignKey(
        Pilot, verbose_name=_("pilot"), on_delete=models.CASCADE, related_name="phases"
    )
    phase_type = models.ForeignKey(
        PhaseType, verbose_name=_("phase"), on_delete=models.PROTECT, related_name="+"
    )
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)

    objects = owned_manager("pilot__programme__municipality")

    class Meta:
        ordering = ["phase_type__position"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["pilot", "phase_type"], name="phase_type_once"),
            models.CheckConstraint(
                condition=Q(planned_end__gte=F("planned_start")),
                name="phase_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gte=F("actual_start")),
                name="phase_actual_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.pilot}: {self.phase_type}"

    def clean(self):
        super().clean()
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError({"planned_end": _("The end cannot come before the start.")})

    def content(self) -> dict:
        return {
            "phase": self.phase_type.code,
            "planned_start": self.planned_start.isoformat(),
            "planned_end": self.planned_end.isoformat(),
        }


class Revision(models.Model):
    """One submission of a programme, with the chain's stages frozen at that moment."""

    class Status(models.TextChoices):
        PENDING = "pending", _("In approval")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        REJECTED = "rejected", _("Rejected")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("revision"))
    chain = models.ForeignKey(
        ApprovalChain,
        verbose_name=_("chain"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    content = models.JSONField(_("content as submitted"))
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    # What the deciders also saw of each pilot but the fingerprint leaves out, because it may
    # change after approval with a reason of its own (the evaluation points): per dossier
    # reference, as the rooms built on approval hand it in (`pages.pilot_extras`). Empty on a
    # revision submitted before it was kept, so a comparison leaves it out there.
    extra_content = models.JSONField(_("also shown when submitted"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = owned_manager("programme__municipality")

    class Meta:
        ordering = ["-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="revision_number_once")
        ]

    def __str__(self):
        return f"{self.programme} r{self.number}"

    @property
    def is_pending(self) -> bool:
        """Still going through its chain: no stage has closed it yet."""
        return self.status == self.Status.PENDING


class RevisionStageQuerySet(models.QuerySet):
    def mat(self):
        """The management team's stages (see `StageFields.is_mat`)."""
        return self.filter(role=Role.MAT_MEMBER)


class RevisionStage(StageFields):
    revision = models.ForeignKey(
        Revision, verbose_name=_("revision"), on_delete=models.CASCADE, related_name="stages"
    )
    opened_at = models.DateTimeField(_("pending since"), null=True, blank=True)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)

    objects = owned_manager("revision__programme__municipality", RevisionStageQuerySet)

    class Meta(StageFields.Meta):
        verbose_name = _("stage of a revision")
        verbose_name_plural = _("stages of a revision")
        indexes = [models.Index(fields=["role"])]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "position"], name="revision_stage_position_unique"
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.label}"


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    REJECTED = "rejected", _("Rejected")
    ADVISED = "advised", _("Advice given")


DECISION_OUTCOMES = [Outcome.APPROVED, Outcome.CHANGES_REQUESTED, Outcome.REJECTED]


class Decision(AppendOnlyModel):
    """The decision or advice of one stage. Never changed or deleted once written."""

    append_only_message = "Decisions are append-only."

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="decisions"
    )
    revision = models.ForeignKey(
        Revision, verbose_name=_("revision"), on_delete=models.PROTECT, related_name="decisions"
    )
    stage = models.ForeignKey(
        RevisionStage, verbose_name=_("stage"), on_delete=models.PROTECT, related_name="decisions"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    motivation = models.TextField(_("motivation"), max_length=5000, blank=True)
    conditions = models.TextField(_("conditions"), max_length=5000, blank=True)
    communication_advice = models.TextField(
        _("communication advice to the MAT"), max_length=5000, blank=True
    )
    scale_up_advice = models.TextField(_("scale-up advice"), max_length=5000, blank=True)
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    # The day a stage outside a meeting decided; a meeting's stage carries `meeting_date`.
    # Empty on decisions recorded before decisions carried their own date.
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    co_validator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-validated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("as substitute for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    fingerprint = models.CharField(_("fingerprint of the content"), max_length=64)
    # Empty for every stage but the MAT's: there, the official briefing the MAT decided on.
    briefing_sha256 = models.CharField(_("SHA-256 of the briefing"), max_length=64, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = owned_manager("programme__municipality", AppendOnlyQuerySet)

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            # With the row lock in decision_record, the last line of defence against two
            # people deciding the same stage at the same moment.
            models.UniqueConstraint(fields=["stage"], name="decision_once_per_stage")
        ]

    def __str__(self):
        return f"{self.stage}: {self.get_outcome_display()}"

    @property
    def date(self):
        """The date the decision carries: its meeting's, else the day it was decided; for a
        decision recorded before decisions were dated, the day it was recorded."""
        if self.meeting_date is not None:
            return self.meeting_date
        if self.decided_on is not None:
            return self.decided_on
        return timezone.localdate(self.recorded_at)


class Substitution(models.Model):
    """An absent decider's substitute for a period: the substitute acts in `role`."""

    municipality = municipality_field()

    principal = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("absent decider"),
        on_delete=models.CASCADE,
        related_name="substitutions_given",
    )
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("substitute"),
        on_delete=models.CASCADE,
        related_name="substitutions_taken",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Ended before its period is over: kept, so the history shows who could decide when.
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True, editable=False)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = owned_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("substitution")
        verbose_name_plural = _("substitutions")
        indexes = [models.Index(fields=["substitute", "starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="substitution_period_valid"
            ),
            models.CheckConstraint(
                condition=~Q(substitute=F("principal")), name="substitution_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.substitute} → {self.principal} ({self.get_role_display()})"

    @property
    def is_ended(self) -> bool:
        return self.ended_at is not None


class LegalBasis(models.Model):
    """A rule a decision note of the municipality rests on: a legal ground (a decree, a law)
    or the delegation under which the management team decides. Kept by the municipality's
    administrator; every MAT briefing lists them under "Legal basis"."""

    municipality = municipality_field()

    class Kind(models.TextChoices):
        LEGAL_GROUND = "legal_ground", _("Legal ground")
        DELEGATION = "delegation", _("Delegation")

    title = models.CharField(_("title"), max_length=300)
    citation = models.CharField(
        _("article or reference"),
        max_length=300,
        blank=True,
        help_text=_("For example: art. 56, § 3, 5°; or the date and subject of the decision."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.LEGAL_GROUND
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = owned_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")

    def __str__(self):
        return f"{self.title} ({self.citation})" if self.citation else self.title
