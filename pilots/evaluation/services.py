"""Every write of evaluation that carries a rule: evaluation points (locked after approval
except with a recorded reason), measurements, and the pilot's and the programme's
evaluation."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pilots import permissions
from pilots.approval.models import Pilot, Programme
from pilots.common.access import require
from pilots.common.errors import PilotError
from pilots.common.validation import full_clean, not_in_future
from pilots.documents import services as document_services

from .models import (
    EvaluationPoint,
    EvaluationPointTemplate,
    Measurement,
    PilotEvaluation,
    PointChange,
    ProgrammeEvaluation,
)
from .rules import mat_decision_refusal

POINT_FIELDS = ["category", "indicator", "unit", "baseline", "target", "direction", "weight"]


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
        after_approval=programme.is_approved,
        reason=reason.strip(),
        changed_by=user,
    )


def _check_change(programme: Programme, reason: str) -> None:
    refusal = EvaluationPoint.change_refusal(programme=programme, reason=reason)
    if refusal:
        field = "reason" if EvaluationPoint.points_locked(programme) else None
        raise PilotError(refusal, field=field)


@transaction.atomic
def point_create(
    *,
    pilot_id: int,
    user,
    category: str,
    indicator: str,
    unit: str,
    baseline: Decimal,
    target: Decimal,
    direction: str,
    weight: int,
    method: str,
    template: EvaluationPointTemplate | None = None,
    reason: str = "",
) -> EvaluationPoint:
    require(permissions.can_record_evaluation(user), _("You may not record evaluations."))
    pilot, programme = _lock_programme_of(pilot_id)
    _check_change(programme, reason)
    point = EvaluationPoint(
        pilot=pilot,
        template=template,
        category=category,
        indicator=indicator,
        unit=unit,
        baseline=baseline,
        target=target,
        direction=direction,
        weight=weight,
        method=method,
    )
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
def point_update(
    *,
    point_id: int,
    user,
    category: str,
    indicator: str,
    unit: str,
    baseline: Decimal,
    target: Decimal,
    direction: str,
    weight: int,
    method: str,
    reason: str = "",
) -> EvaluationPoint:
    require(permissions.can_record_evaluation(user), _("You may not record evaluations."))
    pilot, programme = _lock_programme_of(EvaluationPoint.objects.get(pk=point_id).pilot_id)
    point = EvaluationPoint.objects.select_for_update().get(pk=point_id)
    before = _snapshot(point)
    point.category, point.indicator, point.unit = category, indicator, unit
    point.baseline, point.target, point.direction = baseline, target, direction
    point.weight, point.method = weight, method
    after = _snapshot(point)
    if after == before:
        return point
    _check_change(programme, reason)
    full_clean(point, exclude=["pilot", "template"])
    point.save(update_fields=[*POINT_FIELDS, "method", "updated_at"])
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
    refusal = point.removal_refusal()
    if refusal:
        raise PilotError(refusal)
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
    if not point.pilot.programme.is_approved:
        raise PilotError(_("Measurements are recorded once the programme is approved."))
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


def _lock_current_measurement(*, measurement_id: int, user, reason: str) -> Measurement:
    """The measurement to correct or remove, locked, after the guards: who, when, why, and
    that it still counts (not already corrected or removed by someone else)."""
    require(permissions.can_record_evaluation(user), _("You may not record evaluations."))
    old = (
        Measurement.objects.select_for_update(of=("self",))
        .select_related("point__pilot__programme")
        .get(pk=measurement_id)
    )
    if not old.point.pilot.programme.is_approved:
        raise PilotError(_("Measurements are recorded once the programme is approved."))
    if not Measurement.objects.current().filter(pk=old.pk).exists():
        raise PilotError(
            _("This measurement was already corrected or removed: look at its history.")
        )
    if not reason.strip():
        raise PilotError(_("Say why the measurement is corrected or removed."), field="reason")
    return old


@transaction.atomic
def measurement_correct(
    *,
    measurement_id: int,
    user,
    measured_on: datetime.date,
    value: Decimal,
    source: str,
    note: str = "",
    reason: str,
    today: datetime.date | None = None,
) -> Measurement:
    """Replaces a mistyped or wrongly dated measurement by a new row that supersedes it, with
    the reason; the old row stays in the history."""
    old = _lock_current_measurement(measurement_id=measurement_id, user=user, reason=reason)
    not_in_future(measured_on, field="measured_on", today=today or timezone.localdate())
    correction = Measurement(
        point=old.point,
        measured_on=measured_on,
        value=value,
        source=source.strip(),
        note=note.strip(),
        recorded_by=user,
        kind=Measurement.Kind.CORRECTION,
        supersedes=old,
        reason=reason.strip(),
    )
    full_clean(correction, exclude=["point", "recorded_by", "supersedes"])
    correction.save()
    return correction


@transaction.atomic
def measurement_remove(*, measurement_id: int, user, reason: str) -> Measurement:
    """Takes a measurement out of the scores with a reason. The removal is a row of its own,
    repeating what was removed, so the history shows it."""
    old = _lock_current_measurement(measurement_id=measurement_id, user=user, reason=reason)
    removal = Measurement(
        point=old.point,
        measured_on=old.measured_on,
        value=old.value,
        source=old.source,
        note=old.note,
        recorded_by=user,
        kind=Measurement.Kind.REMOVAL,
        supersedes=old,
        reason=reason.strip(),
    )
    full_clean(removal, exclude=["point", "recorded_by", "supersedes"])
    removal.save()
    return removal


@transaction.atomic
def point_unmeasured_reason_save(*, point_id: int, user, reason: str) -> EvaluationPoint:
    """Records why a point has no measurement (or clears it). It says nothing about the
    point's baseline, target or weight, so it is no point change and needs no reason after
    approval; it is recorded by whoever records the measurements, once they are recorded."""
    require(permissions.can_record_evaluation(user), _("You may not record evaluations."))
    point = EvaluationPoint.objects.select_related("pilot__programme").get(pk=point_id)
    if not point.pilot.programme.is_approved:
        raise PilotError(_("Measurements are recorded once the programme is approved."))
    point.unmeasured_reason = reason.strip()
    full_clean(point, exclude=["pilot", "template"])
    point.save(update_fields=["unmeasured_reason", "updated_at"])
    return point


@transaction.atomic
def pilot_evaluation_save(
    *,
    pilot_id: int,
    user,
    summary: str,
    conclusion: str,
    motivation: str,
    lessons: str = "",
    success_factors: str = "",
    pitfalls: str = "",
) -> PilotEvaluation:
    """Records (or revises) the pilot's evaluation. The conclusion needs its motivation: the
    MAT decides on scaling up from it."""
    require(permissions.can_record_evaluation(user), _("You may not record evaluations."))
    pilot = Pilot.objects.select_for_update().select_related("programme").get(pk=pilot_id)
    if not pilot.programme.is_approved:
        raise PilotError(_("A pilot is evaluated once its programme is approved."))
    motivation = motivation.strip()
    if not motivation:
        raise PilotError(_("Motivate the conclusion."), field="motivation")
    evaluation = PilotEvaluation.objects.filter(pilot=pilot).first() or PilotEvaluation(pilot=pilot)
    evaluation.summary = summary.strip()
    evaluation.lessons = lessons.strip()
    evaluation.success_factors = success_factors.strip()
    evaluation.pitfalls = pitfalls.strip()
    evaluation.conclusion = conclusion
    evaluation.motivation = motivation
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
    budget_spent: Decimal | None = None,
    today: datetime.date | None = None,
) -> ProgrammeEvaluation:
    """Records the programme's evaluation. When the date it was fed back to the MAT is set or
    changes, a worker freezes the evaluation report as it stands, before the MAT decides on
    it; the MAT's decision is recorded afterwards, once that version exists, and is not
    written into the document it decided on."""
    require(
        permissions.can_record_programme_evaluation(user),
        _("You may not record the programme's evaluation."),
    )
    today = today or timezone.localdate()
    programme = Programme.objects.select_for_update().get(pk=programme_id)
    if not programme.is_approved:
        raise PilotError(_("A programme is evaluated once it is approved."))
    summary, mat_decision = summary.strip(), mat_decision.strip()
    if not summary:
        raise PilotError(_("Write the summary of the evaluation."), field="summary")
    not_in_future(fed_back_on, field="fed_back_on", today=today)
    if mat_decision and fed_back_on is None:
        raise PilotError(
            _("Enter the date the evaluation was fed back to the MAT."), field="fed_back_on"
        )
    evaluation = ProgrammeEvaluation.objects.filter(programme=programme).first()
    evaluation = evaluation or ProgrammeEvaluation(programme=programme)
    fed_back_before = evaluation.fed_back_on
    if mat_decision and (mat_decision != evaluation.mat_decision or fed_back_on != fed_back_before):
        # The MAT decides on the report frozen for this feed-back: recorded afterwards.
        same_feed_back = fed_back_before is not None and fed_back_on == fed_back_before
        frozen = (
            fed_back_before is not None
            and same_feed_back
            and (
                document_services.evaluation_report_fed_back(
                    programme=programme, fed_back_on=fed_back_before
                )
                is not None
            )
        )
        refusal = mat_decision_refusal(fed_back_recorded=same_feed_back, report_frozen=frozen)
        if refusal:
            raise PilotError(refusal, field="mat_decision")
    evaluation.summary, evaluation.fed_back_on = summary, fed_back_on
    evaluation.mat_decision, evaluation.recorded_by = mat_decision, user
    evaluation.budget_spent = budget_spent
    full_clean(evaluation, exclude=["programme", "recorded_by"])
    evaluation.save()
    if fed_back_on is not None and fed_back_on != fed_back_before:
        # What the MAT receives becomes an official version, rendered by a worker after the
        # commit so it carries the date. A correction of the summary alone keeps the version
        # the MAT already has.
        try:
            document_services.evaluation_report_request(
                programme=programme, fed_back_on=fed_back_on, user=user
            )
        except PilotError as error:
            raise PilotError(error.message, field="fed_back_on") from error
    return evaluation


def fed_back_report(*, programme: Programme):
    """The official evaluation report of the programme's current feed-back, once a worker
    has frozen it; None before (or without a feed-back)."""
    evaluation = ProgrammeEvaluation.objects.filter(programme=programme).first()
    if evaluation is None or evaluation.fed_back_on is None:
        return None
    return document_services.evaluation_report_fed_back(
        programme=programme, fed_back_on=evaluation.fed_back_on
    )
