"""Every write on programmes that carries a rule: creation, edits, submission, decisions and
substitutes. Each transition locks the programme row, re-checks its guard under the lock,
writes its audit row and notifies after commit."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import scoping
from core.roles import user_roles
from pilots import permissions
from pilots.common.errors import PilotError
from pilots.common.validation import full_clean
from pilots.documents import services as document_services
from procurement.models import CircularStrategy, Dossier

from . import notifications, pages, rules, selectors
from .models import (
    DECISION_OUTCOMES,
    Decision,
    Outcome,
    Phase,
    PhaseType,
    Pilot,
    Programme,
    Revision,
    RevisionStage,
    Substitution,
    default_context,
)
from .rules import fingerprint_of, mat_briefing_refusal


def _lock(programme_id: int) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme_id)


def _require_editable(programme: Programme) -> None:
    refusal = programme.edit_refusal()
    if refusal:
        raise PilotError(refusal)


def _pilot_add(*, programme: Programme, dossier) -> Pilot:
    """A pilot on `dossier`, starting from what the dossier already says, with planned phases
    one after the other from the programme's start date."""
    pilot = Pilot.objects.create(programme=programme, dossier=dossier, scope=dossier.description)
    pilot.circular_strategies.set(dossier.circular_strategies.all())
    start = programme.start_date or timezone.localdate()
    phases = []
    for phase_type in PhaseType.objects.order_by("position"):
        end = start + datetime.timedelta(weeks=phase_type.default_weeks, days=-1)
        phases.append(
            Phase(pilot=pilot, phase_type=phase_type, planned_start=start, planned_end=end)
        )
        start = end + datetime.timedelta(days=1)
    Phase.objects.bulk_create(phases)
    return pilot


def _pilots_sync(*, programme: Programme, dossiers) -> None:
    wanted = {dossier.pk: dossier for dossier in dossiers}
    programme.pilots.exclude(dossier_id__in=wanted).delete()
    present = set(programme.pilots.values_list("dossier_id", flat=True))
    for dossier_id, dossier in wanted.items():
        if dossier_id not in present:
            _pilot_add(programme=programme, dossier=dossier)


@transaction.atomic
def programme_create(
    *,
    user,
    title: str,
    purpose: str,
    context: str | None = None,
    budget: Decimal | None = None,
    funding_channel: str = "",
    start_date: datetime.date | None = None,
    risks: str = "",
    agreements: str = "",
    dossiers: Iterable[Dossier] = (),
    budget_covers: str = "",
    budget_key: str = "",
    feedback_due_on: datetime.date | None = None,
    policy_mandate: bool = False,
) -> Programme:
    """A draft programme with one pilot per dossier. Used by the form and by a closed
    selection round (its selected dossiers)."""
    if not permissions.can_write_programme(user):
        raise PermissionDenied(_("You may not write pilot programmes."))
    programme = Programme(
        title=title,
        purpose=purpose,
        context=default_context() if context is None else context,
        budget=budget,
        funding_channel=funding_channel,
        start_date=start_date,
        risks=risks,
        agreements=agreements,
        budget_covers=budget_covers,
        budget_key=budget_key,
        feedback_due_on=feedback_due_on,
        policy_mandate=policy_mandate,
        created_by=user,
    )
    full_clean(programme)
    programme.save()
    _pilots_sync(programme=programme, dossiers=dossiers)
    return programme


# The programme's fields for the decision note: what its budget pays and on which budget key,
# by when the evaluation is fed back, and whether the strategic cell gets a policy mandate.
NOTE_FIELDS = ("budget_covers", "budget_key", "feedback_due_on", "policy_mandate")


@transaction.atomic
def programme_update(
    *,
    programme_id: int,
    user,
    title: str,
    purpose: str,
    context: str,
    budget: Decimal | None,
    funding_channel: str,
    start_date: datetime.date | None,
    risks: str,
    agreements: str,
    dossiers: Iterable[Dossier],
    **note_fields,
) -> Programme:
    """`note_fields` are the fields the decision note reads (`NOTE_FIELDS`); one left out
    keeps its value."""
    if not permissions.can_write_programme(user):
        raise PermissionDenied(_("You may not write pilot programmes."))
    programme = _lock(programme_id)
    _require_editable(programme)
    programme.title, programme.purpose, programme.context = title, purpose, context
    programme.budget, programme.funding_channel = budget, funding_channel
    programme.start_date, programme.risks, programme.agreements = start_date, risks, agreements
    unknown = set(note_fields) - set(NOTE_FIELDS)
    if unknown:
        raise TypeError(f"programme_update() got unexpected fields: {sorted(unknown)}")
    for name, value in note_fields.items():
        setattr(programme, name, value)
    full_clean(programme)
    programme.save(
        update_fields=[
            *NOTE_FIELDS,
            "title",
            "purpose",
            "context",
            "budget",
            "funding_channel",
            "start_date",
            "risks",
            "agreements",
            "updated_at",
        ]
    )
    _pilots_sync(programme=programme, dossiers=dossiers)
    return programme


@transaction.atomic
def pilot_update(
    *,
    pilot_id: int,
    user,
    scope: str,
    objectives: str,
    circular_strategies: Iterable[CircularStrategy],
    phases: dict[int, tuple[datetime.date, datetime.date]],
    procurement_budget: str | None = None,
) -> Pilot:
    """`phases` maps a phase id to its (planned start, planned end); `procurement_budget`
    None keeps the budget that pays the procurement as it is."""
    if not permissions.can_write_programme(user):
        raise PermissionDenied(_("You may not write pilot programmes."))
    pilot = Pilot.objects.get(pk=pilot_id)
    programme = _lock(pilot.programme_id)
    _require_editable(programme)
    pilot.scope, pilot.objectives = scope, objectives
    if procurement_budget is not None:
        pilot.procurement_budget = procurement_budget
    full_clean(pilot, exclude=["programme", "dossier"])
    pilot.save(update_fields=["scope", "objectives", "procurement_budget"])
    pilot.circular_strategies.set(circular_strategies)
    for phase in pilot.phases.select_related("phase_type"):
        if phase.pk not in phases:
            continue
        phase.planned_start, phase.planned_end = phases[phase.pk]
        if phase.planned_end < phase.planned_start:
            raise PilotError(
                _("%(phase)s: the planned end cannot come before the planned start.")
                % {"phase": phase.phase_type}
            )
        phase.save(update_fields=["planned_start", "planned_end"])
    programme.save(update_fields=["updated_at"])
    return pilot


@transaction.atomic
def programme_submit(*, programme_id: int, user) -> Revision:
    """Freezes the content and the default chain into a new revision and opens its first
    stage."""
    if not permissions.can_submit_programme(user):
        raise PermissionDenied(_("You may not submit pilot programmes."))
    programme = _lock(programme_id)
    refusal = programme.submit_refusal(pilot_count=programme.pilots.count())
    if refusal:
        raise PilotError(refusal)
    chain_stages = selectors.default_chain_stages()
    if not chain_stages:
        raise PilotError(_("No default approval chain is configured; ask an administrator."))
    pilots = _pilots_for_content(programme.pk)
    content = programme.content(pilots=pilots)
    revision = Revision.objects.create(
        programme=programme,
        number=programme.revision_number,
        chain=chain_stages[0].chain,
        submitted_by=user,
        content=content,
        fingerprint=fingerprint_of(content),
        extra_content=pages.pilot_extras(pilots=pilots),
    )
    now = timezone.now()
    stages = RevisionStage.objects.bulk_create(
        [
            RevisionStage(
                revision=revision,
                position=stage.position,
                name=stage.name,
                name_en=stage.name_en,
                role=stage.role,
                kind=stage.kind,
                co_validator_role=stage.co_validator_role,
                records_meeting=stage.records_meeting,
                opened_at=now if index == 0 else None,
            )
            for index, stage in enumerate(chain_stages)
        ]
    )
    first = RevisionStage.objects.get(revision=revision, position=stages[0].position)
    programme.status = Programme.Status.IN_APPROVAL
    programme.pending_stage = first
    programme.save(update_fields=["status", "pending_stage", "updated_at"])
    _stage_opened(programme=programme, stage=first, user=user)
    return revision


def _pilots_for_content(programme_id: int):
    return (
        Programme.objects.prefetch_related(selectors.pilots_prefetch())
        .get(pk=programme_id)
        .pilots.all()
    )


def _stage_opened(*, programme: Programme, stage: RevisionStage, user) -> None:
    """A stage now awaits its decision and its deciders are mailed once the transaction
    commits. The MAT's stage first gets its briefing frozen by a worker after the commit
    (`document_services.briefing_request`); its deciders are mailed when the briefing is
    ready, since they cannot decide before."""
    if stage.is_mat:
        document_services.briefing_request(programme=programme, stage=stage, user=user)
        return
    stage_id = stage.pk
    scoping.on_commit(lambda: notifications.stage_opened(stage_id=stage_id))


def decision_record(*, programme_id: int, user, **values) -> Decision:
    """Records the decision (or advice) of the pending stage and moves the chain on. The MAT
    decides on its frozen briefing only: while a worker is still preparing it, the decision is
    refused, and a stage that opened before briefings were frozen asks for it here (after
    this refused transaction, so the request is not rolled back with it)."""
    try:
        return _decision_record(programme_id=programme_id, user=user, **values)
    except BriefingPending as pending:
        briefing_ask(programme_id=programme_id, user=user)
        raise PilotError(pending.message) from None


class BriefingPending(PilotError):
    """The MAT's stage awaits the frozen briefing it decides on."""


@transaction.atomic
def briefing_ask(*, programme_id: int, user) -> None:
    """Asks a worker for the briefing of the MAT's pending stage when it is missing (a stage
    that opened before briefings were frozen, or whose freeze failed); idempotent."""
    programme = _lock(programme_id)
    stage = programme.pending_stage
    if stage is not None and stage.is_mat:
        document_services.briefing_request(programme=programme, stage=stage, user=user)


@transaction.atomic
def _decision_record(
    *,
    programme_id: int,
    user,
    outcome: str = "",
    motivation: str = "",
    conditions: str = "",
    communication_advice: str = "",
    scale_up_advice: str = "",
    meeting_date: datetime.date | None = None,
    decided_on: datetime.date | None = None,
    co_validator=None,
    today: datetime.date | None = None,
) -> Decision:
    today = today or timezone.localdate()
    # Two deciders clicking at the same moment queue here; the second one re-reads the
    # programme after the first commits and finds its stage already decided.
    programme = _lock(programme_id)
    stage, roles, submitters = _decision_guard(programme=programme, user=user, today=today)
    motivation, conditions = motivation.strip(), conditions.strip()
    communication_advice, scale_up_advice = communication_advice.strip(), scale_up_advice.strip()
    outcome = _decision_outcome(
        stage=stage,
        outcome=outcome,
        motivation=motivation,
        advice=communication_advice or scale_up_advice,
    )
    _check_co_validator(stage=stage, user=user, co_validator=co_validator, submitters=submitters)
    meeting_date, decided_on = _decision_dates(
        stage=stage, meeting_date=meeting_date, decided_on=decided_on, today=today
    )
    briefing_sha256 = _briefing_decided_on(stage=stage)
    decision = _decision_create(
        programme=programme,
        stage=stage,
        outcome=outcome,
        motivation=motivation,
        conditions=conditions,
        communication_advice=communication_advice,
        scale_up_advice=scale_up_advice,
        meeting_date=meeting_date,
        decided_on=decided_on,
        co_validator=co_validator if stage.co_validator_role else None,
        recorded_by=user,
        on_behalf_of=roles[stage.role],
        briefing_sha256=briefing_sha256,
    )
    _chain_advance(programme=programme, stage=stage, outcome=outcome, user=user)
    return decision


def _decision_guard(*, programme: Programme, user, today: datetime.date):
    """The pending stage, the roles the user acts in and the submitters, once the user may
    decide that stage; else the refusal."""
    refusal, roles = selectors.decision_refusal(
        programme=programme, user=user, today=today, briefing=False
    )
    if refusal:
        raise PilotError(refusal)
    submitters = selectors.submitter_ids(programme=programme)
    stage = programme.pending_stage
    if stage is None:
        raise PilotError(_("This programme is not awaiting a decision."))
    return stage, roles, submitters


def _decision_outcome(*, stage: RevisionStage, outcome: str, motivation: str, advice: str) -> str:
    """The outcome to record: an advice stage gives advice, a decision stage one of the
    decisions, motivated unless it approves."""
    if stage.is_advice:
        if not advice:
            raise PilotError(
                _("Write the advice: to the MAT, on scaling up, or both."),
                field="communication_advice",
            )
        return Outcome.ADVISED
    if outcome not in DECISION_OUTCOMES:
        raise PilotError(_("Choose a decision."), field="outcome")
    if outcome != Outcome.APPROVED and not motivation:
        raise PilotError(
            _("Motivate a decision that does not approve the programme."), field="motivation"
        )
    return outcome


def _decision_dates(
    *,
    stage: RevisionStage,
    meeting_date: datetime.date | None,
    decided_on: datetime.date | None,
    today: datetime.date,
) -> tuple[datetime.date | None, datetime.date | None]:
    """The date the decision carries, as (meeting date, decision date): a stage that decides
    in a meeting gives the meeting's date, any other stage the day it decided (today unless
    said otherwise). Checked by `rules.decision_date_refusal`."""
    if stage.records_meeting:
        if meeting_date is None:
            raise PilotError(_("Enter the date of the meeting."), field="meeting_date")
        date, field = meeting_date, "meeting_date"
    else:
        date, field = decided_on or today, "decided_on"
    revision = Revision.objects.get(pk=stage.revision_id)
    previous = (
        Decision.objects.filter(revision_id=stage.revision_id, stage__position__lt=stage.position)
        .order_by("-stage__position")
        .first()
    )
    refusal = rules.decision_date_refusal(
        date,
        today=today,
        submitted_on=timezone.localdate(revision.submitted_at),
        previous_on=previous.date if previous else None,
        is_meeting=stage.records_meeting,
    )
    if refusal:
        raise PilotError(refusal, field=field)
    return (date, None) if stage.records_meeting else (None, date)


def _briefing_decided_on(*, stage: RevisionStage) -> str:
    """The SHA-256 of the briefing the MAT decides on (frozen by a worker when its stage
    opened); empty for every other stage."""
    if not stage.is_mat:
        return ""
    briefing = document_services.official_for_stage(stage=stage, kind=selectors.BRIEFING)
    refusal = mat_briefing_refusal(is_mat=True, briefing_frozen=briefing is not None)
    if briefing is None or refusal:
        raise BriefingPending(refusal or "")
    return briefing.sha256


def _decision_create(*, programme: Programme, stage: RevisionStage, **values) -> Decision:
    try:
        with transaction.atomic():
            return Decision.objects.create(
                programme=programme,
                revision_id=stage.revision_id,
                stage=stage,
                fingerprint=selectors.programme_fingerprint_fresh(programme_id=programme.pk),
                **values,
            )
    except IntegrityError as error:
        raise PilotError(_("This stage has already been decided.")) from error


def _chain_advance(*, programme: Programme, stage: RevisionStage, outcome: str, user) -> None:
    """Opens the next stage, or closes the revision with the chain's outcome."""
    next_stage = (
        RevisionStage.objects.filter(revision_id=stage.revision_id, position__gt=stage.position)
        .order_by("position")
        .first()
    )
    revision_status = programme.advance_after(outcome=outcome, next_stage=next_stage)
    programme.save(update_fields=["status", "pending_stage", "revision_number", "updated_at"])
    if revision_status == Revision.Status.PENDING and next_stage is not None:
        next_stage.opened_at = timezone.now()
        next_stage.save(update_fields=["opened_at"])
        _stage_opened(programme=programme, stage=next_stage, user=user)
        return
    Revision.objects.filter(pk=stage.revision_id).update(
        status=revision_status, closed_at=timezone.now()
    )
    revision_id = stage.revision_id
    scoping.on_commit(lambda: notifications.revision_closed(revision_id=revision_id))


def _check_co_validator(*, stage, user, co_validator, submitters) -> None:
    if not stage.co_validator_role:
        return
    if co_validator is None:
        raise PilotError(
            _("Name the %(role)s who validated this decision with you.")
            % {"role": stage.get_co_validator_role_display().lower()},
            field="co_validator",
        )
    if stage.co_validator_role not in user_roles(co_validator):
        raise PilotError(
            _("The co-validator must be a %(role)s.")
            % {"role": stage.get_co_validator_role_display().lower()},
            field="co_validator",
        )
    if co_validator.pk == user.pk or co_validator.pk in submitters:
        raise PilotError(
            _("The co-validator must be someone else than the decider and the submitter."),
            field="co_validator",
        )


def substitution_refusal(
    *, principal, substitute, role: str, starts_on: datetime.date, ends_on: datetime.date
) -> PilotError | None:
    """Why `principal` may not hand `role` to `substitute` for the period, or None. The page
    and the admin both ask here."""
    if not permissions.can_name_substitute(principal) or role not in user_roles(principal):
        return PilotError(_("You can only hand over a role you hold."), field="role")
    if substitute.pk == principal.pk:
        return PilotError(_("Choose someone else as your substitute."), field="substitute")
    if not substitute.is_active or not permissions.may_substitute(
        substitute_roles=user_roles(substitute), role=role
    ):
        return PilotError(
            _("A substitute must hold the same or a higher role."), field="substitute"
        )
    if ends_on < starts_on:
        return PilotError(_("The period cannot end before it starts."), field="ends_on")
    if ends_on < timezone.localdate():
        return PilotError(_("The period lies in the past."), field="ends_on")
    return None


@transaction.atomic
def substitution_create(
    *, user, substitute, role: str, starts_on: datetime.date, ends_on: datetime.date
) -> Substitution:
    refusal = substitution_refusal(
        principal=user, substitute=substitute, role=role, starts_on=starts_on, ends_on=ends_on
    )
    if refusal:
        raise refusal
    return Substitution.objects.create(
        principal=user, substitute=substitute, role=role, starts_on=starts_on, ends_on=ends_on
    )


@transaction.atomic
def substitution_end(*, substitution_id: int, user) -> Substitution:
    """Ends a substitution now: from this moment the substitute no longer acts in the role.
    The row stays, with who ended it and when."""
    substitution = Substitution.objects.select_for_update().get(pk=substitution_id)
    if not permissions.can_end_substitution(user, substitution):
        raise PermissionDenied(
            _("Only the absent decider or an administrator ends a substitution.")
        )
    if substitution.is_ended:
        raise PilotError(_("This substitution has already been ended."))
    if substitution.ends_on < timezone.localdate():
        raise PilotError(_("This substitution is already over."))
    substitution.ended_at, substitution.ended_by = timezone.now(), user
    substitution.save(update_fields=["ended_at", "ended_by"])
    return substitution
