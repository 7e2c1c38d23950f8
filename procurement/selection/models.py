"""Selection rounds: the inventory among the departments, the criteria, the scores and the
selection decision. The app's models.py imports them, so Django registers them in the
procurement app."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.scoping import municipality_field, owned_manager
from procurement.dossiers.models import Willingness

from .scoring import HAND_SCALE_MAX, HIGHER, LOWER


class SelectionRound(models.Model):
    municipality = municipality_field()

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DECIDED = "decided", _("Decided")

    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question to the departments"), max_length=5000)
    deadline = models.DateField(_("deadline for answers"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    departments = models.ManyToManyField(
        "stakeholders.Department",
        through="RoundDepartment",
        verbose_name=_("departments asked"),
        related_name="selection_rounds",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_rationale = models.TextField(_("rationale of the decision"), blank=True)

    objects = owned_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("selection round")
        verbose_name_plural = _("selection rounds")
        indexes = [
            models.Index(fields=["status", "-decided_at"]),
            models.Index(fields=["deadline"]),
            models.Index(fields=["title"]),
            models.Index(fields=["-created_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("selection:round_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def can_be_decided(self) -> bool:
        return self.is_open

    def can_be_reopened(self) -> bool:
        return self.status == self.Status.DECIDED


class RoundDepartment(models.Model):
    """A department asked in a round, and where its answer stands."""

    class AnswerStatus(models.TextChoices):
        NOT_ANSWERED = "not_answered", _("Not answered")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETE = "complete", _("Complete")

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="invitations")
    department = models.ForeignKey(
        "stakeholders.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="selection_invitations",
    )
    answer_status = models.CharField(
        _("answer"),
        max_length=12,
        choices=AnswerStatus.choices,
        default=AnswerStatus.NOT_ANSWERED,
    )
    answer_note = models.TextField(_("note with the answer"), max_length=2000, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = owned_manager("round__municipality")

    class Meta:
        ordering = ["department__name"]
        verbose_name = _("department asked")
        verbose_name_plural = _("departments asked")
        constraints = [
            models.UniqueConstraint(fields=["round", "department"], name="round_department_once")
        ]
        indexes = [models.Index(fields=["department", "answer_status"])]

    def __str__(self):
        return f"{self.round} · {self.department}"

    @property
    def is_complete(self) -> bool:
        return self.answer_status == self.AnswerStatus.COMPLETE

    @property
    def is_in_progress(self) -> bool:
        return self.answer_status == self.AnswerStatus.IN_PROGRESS

    @property
    def is_late(self) -> bool:
        """Completed, but after the deadline."""
        if self.completed_at is None:
            return False
        return timezone.localtime(self.completed_at).date() > self.round.deadline

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Still to complete while the round is open and its deadline has passed. Templates
        call it without `today`: it is then today."""
        return (
            not self.is_complete
            and self.round.is_open
            and self.round.deadline < (today or timezone.localdate())
        )


class ReminderSent(models.Model):
    """One reminder mailed to a department, so the same reminder never goes out twice."""

    invitation = models.ForeignKey(
        RoundDepartment, on_delete=models.CASCADE, related_name="reminders"
    )
    days_before = models.SmallIntegerField(_("days before the deadline"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    objects = owned_manager("invitation__round__municipality")

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "days_before"], name="reminder_once_per_stage"
            )
        ]

    def __str__(self):
        return f"{self.invitation} · {self.days_before}"


class CriterionQuerySet(models.QuerySet):
    def hand(self):
        """The criteria a person scores by hand."""
        return self.filter(source=self.model.Source.HAND)


class Criterion(models.Model):
    class Source(models.TextChoices):
        VALUE = "value", _("Estimated value (smaller is better)")
        DAYS_TO_AWARD = "days_to_award", _("Days until the required award date (more is better)")
        VISIBILITY = "visibility", _("Visibility (higher is better)")
        WILLINGNESS = "willingness", _("Willingness (yes > maybe > no)")
        STRATEGIES = "strategies", _("R-strategies: number and rung (more and higher is better)")
        HAND = "hand", _("Scored by hand (0–5)")

    class Direction(models.TextChoices):
        HIGHER = HIGHER, _("higher is better")
        LOWER = LOWER, _("lower is better")

    DEFAULT_DIRECTIONS: dict[str, str] = {Source.VALUE: LOWER}

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=500, blank=True)
    source = models.CharField(_("scored from"), max_length=15, choices=Source.choices)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = owned_manager("round__municipality", CriterionQuerySet)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("selection criterion")
        verbose_name_plural = _("selection criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=0) & Q(weight__lte=100), name="criterion_weight_0_100"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_hand(self) -> bool:
        return self.source == self.Source.HAND


class Candidate(models.Model):
    """A dossier a department put forward in a round, with its answer and the outcome."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not decided")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        SELECTED = "selected", _("Selected")
        REJECTED = "rejected", _("Rejected")

    # An outcome that ends the candidate's part in the round; it needs a rationale, and the
    # decision rejects every candidate without one.
    FINAL_OUTCOMES = (Outcome.SELECTED, Outcome.REJECTED)

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="candidates")
    dossier = models.ForeignKey(
        "procurement.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        related_name="selection_candidates",
    )
    willingness = models.CharField(
        _("willing to tender circularly"),
        max_length=5,
        choices=Willingness.choices,
        default=Willingness.MAYBE,
    )
    motivation = models.TextField(_("motivation"), max_length=2000, blank=True)
    local_preference = models.BooleanField(
        _("strong preference for local suppliers"), default=False
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    override_total = models.DecimalField(
        _("overridden total"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    override_rationale = models.TextField(_("rationale of the override"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_rationale = models.TextField(_("rationale"), blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("outcome recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)
    total_at_decision = models.DecimalField(
        _("total at the decision"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    rank_at_decision = models.PositiveIntegerField(_("rank at the decision"), null=True, blank=True)

    objects = owned_manager("round__municipality")

    class Meta:
        ordering = ["round", "dossier__reference"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            models.UniqueConstraint(fields=["round", "dossier"], name="candidate_once_per_round"),
            models.CheckConstraint(
                condition=Q(override_total__isnull=True)
                | (Q(override_total__gte=0) & Q(override_total__lte=100)),
                name="candidate_override_0_100",
            ),
        ]
        indexes = [models.Index(fields=["round", "outcome"])]

    def __str__(self):
        return str(self.dossier)

    @property
    def is_pending(self) -> bool:
        return self.outcome == self.Outcome.PENDING

    @property
    def is_selected(self) -> bool:
        return self.outcome == self.Outcome.SELECTED

    @property
    def is_rejected(self) -> bool:
        return self.outcome == self.Outcome.REJECTED

    @property
    def has_final_outcome(self) -> bool:
        return self.outcome in self.FINAL_OUTCOMES


class HandScore(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="hand_scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="hand_scores")
    score = models.PositiveSmallIntegerField(
        _("score (0–5)"), validators=[MinValueValidator(0), MaxValueValidator(HAND_SCALE_MAX)]
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scored by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    scored_at = models.DateTimeField(_("scored"), auto_now=True)

    objects = owned_manager("candidate__round__municipality")

    class Meta:
        verbose_name = _("hand score")
        verbose_name_plural = _("hand scores")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "criterion"], name="hand_score_once"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=HAND_SCALE_MAX),
                name="hand_score_0_5",
            ),
        ]

    def __str__(self):
        return f"{self.candidate_id} · {self.criterion}: {self.score}"


class SelectionEvent(models.Model):
    """The round's audit trail: append-only, so a reopened decision keeps its history."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Round opened")
        ANSWER_COMPLETED = "answer_completed", _("Answer completed")
        CRITERIA_CHANGED = "criteria_changed", _("Criteria changed")
        OVERRIDE = "override", _("Total overridden")
        OUTCOME = "outcome", _("Outcome recorded")
        DECIDED = "decided", _("Selection decided")
        REOPENED = "reopened", _("Decision reopened")

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="events")
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    detail = models.TextField(_("detail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    # On a decision, and on the reopening that undoes one: the decision as it stood (when,
    # why, the criteria, each candidate's rank, total and outcome), so what was built on it —
    # an approved programme's briefing — keeps what it was approved on.
    snapshot = models.JSONField(_("the decision as it stood"), null=True, blank=True)

    objects = owned_manager("round__municipality")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("selection event")
        verbose_name_plural = _("selection events")
        indexes = [models.Index(fields=["round", "-at"])]

    def __str__(self):
        return f"{self.round} · {self.get_kind_display()}"
