"""What waits for a person: one list of work items, nearest deadline first, each linking to
the place to act (`/` and `/my-work/`), and the calendar feed built from the same items.

One small function per kind of work. Each asks the room that owns the rule who may act
(approval's `awaiting_queryset` for the stages to decide, `can_answer_for` for an inventory
answer, `action_items_open` for action items, ...) and costs a fixed number of queries,
whatever the number of items.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy, ngettext

from core.models import Municipality
from core.scoping import active_municipality_id
from pilots import permissions as pilots_permissions
from pilots.approval import changes
from pilots.approval import selectors as approval_selectors
from pilots.approval.models import Decision, Outcome, Phase, Pilot, Programme, Revision
from pilots.evaluation.models import EvaluationPoint, Measurement, PilotEvaluation
from pilots.execution import rules as execution_rules
from pilots.execution.selectors import phase_dates
from procurement import permissions as procurement_permissions
from procurement.dossiers.selectors import dossier_queryset
from procurement.selection.selectors import open_requests_for
from stakeholders.models import Concern
from stakeholders.selectors import action_items_open, person_for_user, visible_subjects


class Kind:
    DECIDE = "decide"
    SENT_BACK = "sent_back"
    DRAFT = "draft"
    INVENTORY = "inventory"
    ACTION = "action"
    CONCERN = "concern"
    PHASE = "phase"
    MEASUREMENT = "measurement"
    # In the calendar only: dates to keep in mind rather than work to do.
    PHASE_DATES = "phase_dates"
    AWARD = "award"

    LABELS = {
        DECIDE: gettext_lazy("To decide"),
        SENT_BACK: gettext_lazy("Sent back to you"),
        DRAFT: gettext_lazy("Your draft"),
        INVENTORY: gettext_lazy("Inventory answer"),
        ACTION: gettext_lazy("Action item"),
        CONCERN: gettext_lazy("Concern overdue"),
        PHASE: gettext_lazy("Phase late"),
        MEASUREMENT: gettext_lazy("Measurement due"),
        PHASE_DATES: gettext_lazy("Phase"),
        AWARD: gettext_lazy("Award deadline"),
    }


@dataclass(frozen=True)
class WorkItem:
    kind: str
    title: str
    url: str
    deadline: datetime.date | None
    # One line on the item: the version and what changed, the reason it came back, how late.
    detail: str = ""
    # Stable across requests, for the calendar's UID: the kind and the row it is about.
    key: str = ""
    # A span (a phase's planned dates in the calendar): the last day, inclusive.
    ends_on: datetime.date | None = None

    @property
    def label(self) -> str:
        return str(Kind.LABELS[self.kind])

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.deadline is not None and self.deadline < (today or timezone.localdate())


def _sorted(items: list[WorkItem]) -> list[WorkItem]:
    """Nearest deadline first; work without a deadline (a draft) after all that has one."""
    return sorted(
        items, key=lambda item: (item.deadline is None, item.deadline or datetime.date.max)
    )


def my_work(*, user, today: datetime.date | None = None) -> list[WorkItem]:
    """Everything that waits for `user` in the active municipality, nearest deadline first."""
    today = today or timezone.localdate()
    items = [
        *stages_to_decide(user=user, today=today),
        *programmes_sent_back(user=user),
        *my_drafts(user=user),
        *inventory_answers_due(user=user),
        *action_items(user=user),
        *concerns_overdue(user=user, today=today),
        *phases_late(user=user, today=today),
        *measurements_due(user=user),
    ]
    return _sorted(items)


# --- Programmes -----------------------------------------------------------------------------


def _version_line(revisions: list[Revision]) -> str:
    """Which version waits, and what changed since the version the chain saw before it
    (the last one the previous stages, and often this decider, decided on): the approval
    room's own comparison, on the revisions already loaded."""
    current = revisions[0]
    if len(revisions) < 2:
        return gettext("Version %(number)s, the first.") % {"number": current.number}
    previous = revisions[1]
    rows = changes.content_changes(
        before=previous.content,
        after=current.content,
        before_extra=previous.extra_content,
        after_extra=current.extra_content,
    )
    return gettext("Version %(number)s. %(changes)s") % {
        "number": current.number,
        "changes": changes.summary_of(rows, from_version=previous.number),
    }


# The field's default, for a stage read outside a single municipality.
DEFAULT_REMINDER_DAYS = 5


def reminder_days() -> int:
    """After how many days a pending stage is reminded: the active municipality's setting."""
    municipality_id = active_municipality_id()
    if municipality_id is None:
        return DEFAULT_REMINDER_DAYS
    return Municipality.objects.values_list("approval_reminder_days", flat=True).get(
        pk=municipality_id
    )


def stages_to_decide(*, user, today: datetime.date) -> list[WorkItem]:
    """The programmes whose pending stage `user` may decide (approval's own rule), due when
    the reminder would go out. Three queries."""
    programmes = list(
        approval_selectors.awaiting_queryset(user=user, today=today)
        .select_related("pending_stage")
        .prefetch_related(
            Prefetch(
                "revisions",
                queryset=Revision.objects.only(
                    "pk", "programme_id", "number", "content", "extra_content"
                ),
            )
        )
        .order_by("pending_stage__opened_at", "pk")
    )
    if not programmes:
        return []
    days = reminder_days()
    items = []
    for programme in programmes:
        stage = programme.pending_stage
        opened = timezone.localdate(stage.opened_at) if stage.opened_at else today
        items.append(
            WorkItem(
                kind=Kind.DECIDE,
                title=f"{programme.title} · {stage.label}",
                url=reverse("pilots:programme_decide", args=[programme.pk]),
                deadline=opened + datetime.timedelta(days=days),
                detail=_version_line(list(programme.revisions.all())),
                key=f"stage-{stage.pk}",
            )
        )
    return items


def programmes_sent_back(*, user) -> list[WorkItem]:
    """Drafts whose last version `user` submitted and a stage sent back, with its reason.
    One query."""
    if not pilots_permissions.can_write_programme(user):
        return []
    decisions = Decision.objects.filter(
        outcome=Outcome.CHANGES_REQUESTED,
        programme__status=Programme.Status.DRAFT,
        revision__number=F("programme__revision_number") - 1,
        revision__submitted_by=user,
    ).select_related("programme", "stage")
    return [
        WorkItem(
            kind=Kind.SENT_BACK,
            title=decision.programme.title,
            url=reverse("pilots:programme_update", args=[decision.programme_id]),
            deadline=decision.programme.start_date,
            detail=gettext("%(stage)s asks for changes: %(reason)s")
            % {
                "stage": decision.stage.label,
                "reason": decision.motivation or gettext("no reason given"),
            },
            key=f"sent-back-{decision.pk}",
        )
        for decision in decisions
    ]


def my_drafts(*, user) -> list[WorkItem]:
    """Programmes `user` started and never submitted. One query."""
    if not pilots_permissions.can_write_programme(user):
        return []
    drafts = Programme.objects.filter(
        status=Programme.Status.DRAFT, created_by=user, revision_number=1
    ).order_by("start_date", "pk")
    return [
        WorkItem(
            kind=Kind.DRAFT,
            title=programme.title,
            url=reverse("pilots:programme_detail", args=[programme.pk]),
            deadline=programme.start_date,
            detail=gettext("Not submitted yet.")
            + (
                " " + gettext("Starts on %(date)s.") % {"date": _date(programme.start_date)}
                if programme.start_date
                else ""
            ),
            key=f"draft-{programme.pk}",
        )
        for programme in drafts
    ]


# --- Inventory and the register ------------------------------------------------------------


def inventory_answers_due(*, user) -> list[WorkItem]:
    """Open inventory rounds that still wait for the answer of `user`'s department, when
    they may answer for it. One query (and the person, read once per request)."""
    invitations = [
        invitation
        for invitation in open_requests_for(user=user, limit=None)
        if procurement_permissions.can_answer_for(user, invitation)
    ]
    return [
        WorkItem(
            kind=Kind.INVENTORY,
            title=invitation.round.title,
            url=reverse("selection:answer", args=[invitation.round_id, invitation.department_id]),
            deadline=invitation.round.deadline,
            detail=gettext("Answer for %(department)s.") % {"department": invitation.department},
            key=f"inventory-{invitation.pk}",
        )
        for invitation in invitations
    ]


def action_items(*, user) -> list[WorkItem]:
    """`user`'s open action items, of consultations about subjects they may see. One query."""
    return [
        WorkItem(
            kind=Kind.ACTION,
            title=item.description,
            url=item.consultation.get_absolute_url(),
            deadline=item.due_on,
            detail=str(item.consultation),
            key=f"action-{item.pk}",
        )
        for item in action_items_open(person=person_for_user(user), user=user)
    ]


def concerns_overdue(*, user, today: datetime.date) -> list[WorkItem]:
    """Open concerns whose mitigation `user` owns, past their due date, about subjects they
    may see. Who raised a concern is not shown: that is sensitive. One query."""
    person = person_for_user(user)
    if person is None:
        return []
    concerns = Concern.objects.filter(
        visible_subjects(user, prefix="involvement__"),
        owner=person,
        status__in=Concern.OPEN_STATUSES,
        due_on__lt=today,
    ).select_related("involvement")
    return [
        WorkItem(
            kind=Kind.CONCERN,
            title=concern.get_category_display(),
            url=reverse(
                "stakeholders:subject_support",
                args=[concern.involvement.content_type_id, concern.involvement.object_id],
            ),
            deadline=concern.due_on,
            detail=concern.description[:200],
            key=f"concern-{concern.pk}",
        )
        for concern in concerns.order_by("due_on", "pk")
    ]


# --- Execution and evaluation of my pilots --------------------------------------------------


def my_pilots_q(user, *, prefix: str = "") -> Q:
    """The pilots that are `user`'s: of a programme they started, or of a dossier they own."""
    person = person_for_user(user)
    mine = Q(**{f"{prefix}programme__created_by": user})
    if person is not None:
        mine |= Q(**{f"{prefix}dossier__owner": person})
    return mine


def phases_late(*, user, today: datetime.date) -> list[WorkItem]:
    """Phases of `user`'s pilots in execution that have passed their planned start or end
    without it (`execution.rules.phase_timing`), when they record phases. Once a pilot is
    evaluated its phases are history, not work. One query."""
    if not pilots_permissions.can_record_execution(user):
        return []
    phases = (
        Phase.objects.filter(
            my_pilots_q(user, prefix="pilot__"),
            pilot__programme__status=Programme.Status.APPROVED,
            actual_end__isnull=True,
        )
        .exclude(Exists(PilotEvaluation.objects.filter(pilot=OuterRef("pilot"))))
        .filter(Q(planned_end__lt=today) | Q(actual_start__isnull=True, planned_start__lt=today))
        .select_related("phase_type", "pilot__dossier")
        .order_by("planned_end", "pk")
    )
    items = []
    for phase in phases:
        timing = execution_rules.phase_timing(phase_dates(phase), today=today)
        if timing.state != execution_rules.Timing.OVERDUE:
            continue
        started = phase.actual_start is not None
        items.append(
            WorkItem(
                kind=Kind.PHASE,
                title=f"{phase.pilot.dossier.title} · {phase.phase_type}",
                url=reverse("pilots:phases_record", args=[phase.pilot_id]),
                deadline=phase.planned_end if started else phase.planned_start,
                detail=ngettext(
                    "%(days)s day behind plan.", "%(days)s days behind plan.", timing.delay_days
                )
                % {"days": timing.delay_days},
                key=f"phase-{phase.pk}",
            )
        )
    return items


def measurements_due(*, user) -> list[WorkItem]:
    """Evaluation points of `user`'s pilots in execution without a measurement and without a
    reason why not, while the pilot is not evaluated yet; due when the evaluation is fed back
    to the MAT. One query."""
    if not pilots_permissions.can_record_evaluation(user):
        return []
    points = (
        EvaluationPoint.objects.filter(
            my_pilots_q(user, prefix="pilot__"),
            pilot__programme__status=Programme.Status.APPROVED,
            unmeasured_reason="",
        )
        # What counts as measured is the evaluation room's rule: a removed one does not.
        .exclude(Exists(Measurement.objects.current().filter(point=OuterRef("pk"))))
        .exclude(Exists(PilotEvaluation.objects.filter(pilot=OuterRef("pilot"))))
        .select_related("pilot__dossier", "pilot__programme")
        .order_by("pilot__programme__feedback_due_on", "pk")
    )
    return [
        WorkItem(
            kind=Kind.MEASUREMENT,
            title=f"{point.pilot.dossier.title} · {point.indicator}",
            url=reverse("pilots:point_detail", args=[point.pilot_id, point.pk]),
            deadline=point.pilot.programme.feedback_due_on,
            detail=gettext("No measurement yet."),
            key=f"point-{point.pk}",
        )
        for point in points
    ]


# --- Only in the calendar -------------------------------------------------------------------


def phase_dates_of_my_pilots(*, user) -> list[WorkItem]:
    """The planned phases of `user`'s pilots of approved programmes, as spans. One query."""
    if not pilots_permissions.can_view_programmes(user):
        return []
    phases = (
        Phase.objects.filter(
            my_pilots_q(user, prefix="pilot__"),
            pilot__programme__status=Programme.Status.APPROVED,
        )
        .select_related("phase_type", "pilot__dossier")
        .order_by("planned_start", "pk")
    )
    return [
        WorkItem(
            kind=Kind.PHASE_DATES,
            title=f"{phase.pilot.dossier.title} · {phase.phase_type}",
            url=reverse("pilots:pilot_detail", args=[phase.pilot_id]),
            deadline=phase.actual_start or phase.planned_start,
            ends_on=phase.actual_end or phase.planned_end,
            key=f"phase-dates-{phase.pk}",
        )
        for phase in phases
    ]


def award_deadlines(*, user) -> list[WorkItem]:
    """The required award dates of the open dossiers that are `user`'s: those they own, of
    their department, and of their pilots. One query."""
    if not procurement_permissions.can_view_dossiers(user):
        return []
    person = person_for_user(user)
    mine = Q(pk__in=Pilot.objects.filter(my_pilots_q(user)).values("dossier"))
    if person is not None:
        mine |= Q(owner=person)
        if person.department_id is not None:
            mine |= Q(department_id=person.department_id)
    dossiers = (
        dossier_queryset()
        .open()
        .filter(mine, required_award_date__isnull=False)
        .order_by("required_award_date", "pk")
    )
    return [
        WorkItem(
            kind=Kind.AWARD,
            title=f"{dossier.reference} {dossier.title}",
            url=dossier.get_absolute_url(),
            deadline=dossier.required_award_date,
            key=f"award-{dossier.pk}",
        )
        for dossier in dossiers
    ]


def calendar_items(*, user, today: datetime.date | None = None) -> list[WorkItem]:
    """What the calendar feed shows: the work with a deadline, the phase dates of the user's
    pilots and the award deadlines of their dossiers."""
    today = today or timezone.localdate()
    items = [
        *[item for item in my_work(user=user, today=today) if item.deadline is not None],
        *phase_dates_of_my_pilots(user=user),
        *award_deadlines(user=user),
    ]
    return _sorted(items)


def _date(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")
