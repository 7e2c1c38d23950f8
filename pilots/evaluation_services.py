"""Every write of evaluation and policy that carries a rule: evaluation points (locked after
approval except with a recorded reason), measurements, the pilot's and the programme's
evaluation, and policy recommendations with their status changes."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.roles import user_roles

from . import document_services, permissions
from .models import (
    EvaluationPoint,
    Measurement,
    Pilot,
    PilotEvaluation,
    PointChange,
    PolicyRecommendation,
    Programme,
    ProgrammeEvaluation,
    RecommendationEvent,
)
from .services import ApprovalError

POINT_FIELDS = ["category", "indicator", "unit", "baseline", "target", "direction", "weight"]


class EvaluationError(Exception):
    """A rule of execution, evaluation or policy refused the action; the message is shown to
    the user. `field` names the form field it belongs to, when there is one."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def full_clean(instance, **kwargs) -> None:
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise EvaluationError(messages[0], field=None if field == "__all__" else field) from error


def not_in_future(value: datetime.date | None, *, field: str, today: datetime.date) -> None:
    if value is not None and value > today:
        raise EvaluationError(_("This date lies in the future."), field=field)


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _lock_programme_of(pilot_id: int) -> tuple[Pilot, Programme]:
    """The pilot and its programme, the programme row locked: its status decides whether the
    points may change, and the MAT's decision must not slip in between check and write."""
    pilot = Pilot.objects.select_related("dossier").get(pk=pilot_id)
    programme = Programme.objects.select_for_update().get(pk=pilot.programme_id)
    return pilot, programme


def _snapshot(point: EvaluationPoint) -> dict:
    return {
        name: f"{value:.2f}" if isinstance(value, Decimal) else value
        for name, value in ((name, getattr(point, name)) for name in [*POINT_FIELDS, "method"])
    }


def _log(*, pilot, point, action, before, after, programme, reason, user) -> None:
    PointChange.objects.create(
        pilot=pilot,
        point=point,
        indicator=point.indicator,
        action=action,
        before=before,
        after=after,
        after_approval=programme.status == Programme.Status.APPROVED,
        reason=reason.strip(),
        changed_by=user,
    )


def _check_change(programme: Programme, reason: str) -> None:
    refusal = EvaluationPoint.change_refusal(programme=programme, reason=reason)
    if refusal:
        field = "reason" if programme.status == Programme.Status.APPROVED else None
        raise EvaluationError(refusal, field=field)


@transaction.atomic
def point_create(*, pilot_id: int, user, fields: dict, template=None, reason: str = ""):
    require(permissions.can_record_evaluation(user), _("You may not record evaluations."))
    pilot, programme = _lock_programme_of(pilot_id)
    _check_change(programme, reason)
    point = EvaluationPoint(pilot=pilot, template=template, **fields)
    full_clean(point, exclude=["pilot", "template"])
    point.save()
    _log(
        pilot=pilot,
        point=point,
        action=PointChange.Action.ADDED,
        before={},
        after=_snapshot(point),
        programme=programme,
        reason=reason,
        user=user,
    )
    return point


@transaction.atomic
def point_update(*, point_id: int, user, fields: dict, reason: str = "") -> EvaluationPoint:
    require(permissions.can_record_evaluation(user), _("You may not record evaluations."))
    pilot, programme = _lock_programme_of(EvaluationPoint.objects.get(pk=point_id).pilot_id)
    point = EvaluationPoint.objects.select_for_update().get(pk=point_id)
    before = _snapshot(point)
    for name, value in fields.items():
        setattr(point, name, value)
    after = _snapshot(point)
    if after == before:
        return point
    _check_change(programme, reason)
    full_clean(point, exclude=["pilot", "template"])
    point.save(update_fields=[*fields, "updated_at"])
    _log(
        pilot=pilot,
        point=point,
        action=PointChange.Action.CHANGED,
        before=before,
        after=after,
        programme=programme,
        reason=reason,
        user=user,
    )
    return point


@transaction.atomic
def point_delete(*, point_id: int, user, reason: str = "") -> None:
    require(permissions.can_record_evaluation(user), _("You may not record evaluations."))
    pilot, programme = _lock_programme_of(EvaluationPoint.objects.get(pk=point_id).pilot_id)
    point = EvaluationPoint.objects.select_for_update().get(pk=point_id)
    _check_change(programme, reason)
    if point.measurements.exists():
        raise EvaluationError(
            _("This point has measurements; it cannot be removed. Change it instead.")
        )
    _log(
        pilot=pilot,
        point=point,
        action=PointChange.Action.REMOVED,
        before=_snapshot(point),
        after={},
        programme=programme,
        reason=reason,
        user=user,
    )
    point.delete()


@transaction.atomic
def measurement_add(
    *,
    point_id: int,
    user,
    measured_on: datetime.date,
    value: Decimal,
    source: str,
    note: str = "",
    today: datetime.date | None = None,
) -> Measurement:
    require(permissions.can_record_evaluation(user), _("You may not record evaluations."))
    today = today or timezone.localdate()
    point = EvaluationPoint.objects.select_related("pilot__programme").get(pk=point_id)
    if point.pilot.programme.status != Programme.Status.APPROVED:
        raise EvaluationError(_("Measurements are recorded once the programme is approved."))
    not_in_future(measured_on, field="measured_on", today=today)
    measurement = Measurement(
        point=point,
        measured_on=measured_on,
        value=value,
        source=source.strip(),
        note=note.strip(),
        recorded_by=user,
    )
    full_clean(measurement, exclude=["point", "recorded_by"])
    measurement.save()
    return measurement


EVALUATION_FIELDS = [
    "summary",
    "lessons",
    "success_factors",
    "pitfalls",
    "conclusion",
    "motivation",
]


@transaction.atomic
def pilot_evaluation_save(*, pilot_id: int, user, fields: dict) -> PilotEvaluation:
    """Records (or revises) the pilot's evaluation. The conclusion needs its motivation: the
    MAT decides on scaling up from it."""
    require(permissions.can_record_evaluation(user), _("You may not record evaluations."))
    pilot = Pilot.objects.select_for_update().select_related("programme").get(pk=pilot_id)
    if pilot.programme.status != Programme.Status.APPROVED:
        raise EvaluationError(_("A pilot is evaluated once its programme is approved."))
    fields = {
        name: (value.strip() if isinstance(value, str) else value) for name, value in fields.items()
    }
    if not fields.get("motivation"):
        raise EvaluationError(_("Motivate the conclusion."), field="motivation")
    evaluation = PilotEvaluation.objects.filter(pilot=pilot).first() or PilotEvaluation(pilot=pilot)
    for name, value in fields.items():
        setattr(evaluation, name, value)
    evaluation.recorded_by = user
    full_clean(evaluation, exclude=["pilot", "recorded_by"])
    evaluation.save()
    return evaluation


@transaction.atomic
def programme_evaluation_save(
    *,
    programme_id: int,
    user,
    summary: str,
    fed_back_on: datetime.date | None = None,
    mat_decision: str = "",
    today: datetime.date | None = None,
) -> ProgrammeEvaluation:
    """Records the programme's evaluation. When the date it was fed back to the MAT is set or
    changes, the evaluation report as it stands is frozen as the next official version."""
    require(
        permissions.can_record_programme_evaluation(user),
        _("You may not record the programme's evaluation."),
    )
    today = today or timezone.localdate()
    programme = Programme.objects.select_for_update().get(pk=programme_id)
    if programme.status != Programme.Status.APPROVED:
        raise EvaluationError(_("A programme is evaluated once it is approved."))
    summary, mat_decision = summary.strip(), mat_decision.strip()
    if not summary:
        raise EvaluationError(_("Write the summary of the evaluation."), field="summary")
    not_in_future(fed_back_on, field="fed_back_on", today=today)
    if mat_decision and fed_back_on is None:
        raise EvaluationError(
            _("Enter the date the evaluation was fed back to the MAT."), field="fed_back_on"
        )
    evaluation = ProgrammeEvaluation.objects.filter(programme=programme).first()
    evaluation = evaluation or ProgrammeEvaluation(programme=programme)
    fed_back_before = evaluation.fed_back_on
    evaluation.summary, evaluation.fed_back_on = summary, fed_back_on
    evaluation.mat_decision, evaluation.recorded_by = mat_decision, user
    full_clean(evaluation, exclude=["programme", "recorded_by"])
    evaluation.save()
    if fed_back_on is not None and fed_back_on != fed_back_before:
        # What the MAT received becomes an official version, rendered after the save so it
        # carries the date, and under the programme's lock so versions are numbered once. A
        # correction of the summary alone keeps the version the MAT already has.
        try:
            document_services.evaluation_report_store(programme=programme, user=user)
        except ApprovalError as error:
            raise EvaluationError(error.message, field="fed_back_on") from error
    return evaluation


RECOMMENDATION_FIELDS = ["programme", "theme", "title", "text", "owner"]


@transaction.atomic
def recommendation_create(*, user, fields: dict, evaluations=()) -> PolicyRecommendation:
    require(
        permissions.can_manage_recommendations(user),
        _("Only the strategic cell manages policy recommendations."),
    )
    recommendation = PolicyRecommendation(**fields, created_by=user)
    full_clean(recommendation)
    recommendation.save()
    recommendation.evaluations.set(evaluations)
    RecommendationEvent.objects.create(
        recommendation=recommendation,
        to_status=recommendation.status,
        recorded_by=user,
    )
    return recommendation


@transaction.atomic
def recommendation_update(
    *, recommendation_id: int, user, fields: dict, evaluations
) -> PolicyRecommendation:
    require(
        permissions.can_manage_recommendations(user),
        _("Only the strategic cell manages policy recommendations."),
    )
    recommendation = PolicyRecommendation.objects.select_for_update().get(pk=recommendation_id)
    if not recommendation.is_editable:
        raise EvaluationError(
            _("The MAT has decided on this recommendation; its text can no longer change.")
        )
    for name, value in fields.items():
        setattr(recommendation, name, value)
    full_clean(recommendation)
    recommendation.save(update_fields=[*fields, "updated_at"])
    recommendation.evaluations.set(evaluations)
    return recommendation


@transaction.atomic
def recommendation_move(
    *,
    recommendation_id: int,
    user,
    status: str,
    note: str = "",
    meeting_date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> RecommendationEvent:
    """Moves a recommendation along: the strategic cell discusses (or re-proposes) it, the MAT
    adopts or rejects it in a meeting."""
    today = today or timezone.localdate()
    recommendation = PolicyRecommendation.objects.select_for_update().get(pk=recommendation_id)
    refusal = recommendation.transition_refusal(status=status, roles=user_roles(user))
    if refusal:
        raise EvaluationError(refusal)
    note = note.strip()
    decided = status in PolicyRecommendation.DECIDED
    if decided:
        if meeting_date is None:
            raise EvaluationError(_("Enter the date of the MAT meeting."), field="meeting_date")
        not_in_future(meeting_date, field="meeting_date", today=today)
        if status == PolicyRecommendation.Status.REJECTED and not note:
            raise EvaluationError(_("Say why the MAT rejects it."), field="note")
    else:
        meeting_date = None
    event = RecommendationEvent.objects.create(
        recommendation=recommendation,
        from_status=recommendation.status,
        to_status=status,
        note=note,
        meeting_date=meeting_date,
        recorded_by=user,
    )
    recommendation.status = status
    recommendation.decided_on = meeting_date
    recommendation.save(update_fields=["status", "decided_on", "updated_at"])
    return event
