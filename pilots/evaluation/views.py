"""Pages of evaluation: points, measurements, and the pilot's and the programme's evaluation.
Thin: fetch through `access` (404 for what the user cannot see, 403 for what they cannot
change), bind the form, call the service, show its message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.idempotency import once_per_token
from core.listing import page_of
from pilots import permissions
from pilots.approval.access import pilot_for_viewer
from pilots.approval.models import Pilot, Programme
from pilots.common.errors import PilotError
from pilots.common.forms import apply_error

from . import access, selectors, services
from .forms import (
    MeasurementCorrectionForm,
    MeasurementForm,
    MeasurementRemovalForm,
    PilotEvaluationForm,
    PointForm,
    ProgrammeEvaluationForm,
    ReasonForm,
    UnmeasuredReasonForm,
)
from .models import EvaluationPoint, EvaluationPointTemplate, Measurement


def pilot_section(*, user, pilot: Pilot) -> dict:
    """What the pilot page shows of the evaluation (see `pilots.approval.pages`)."""
    programme = pilot.programme
    can_record = permissions.can_record_evaluation(user)
    return {
        "results": selectors.pilot_results(pilot=pilot),
        "evaluation": selectors.pilot_evaluation_of(pilot=pilot),
        "point_changes": selectors.point_changes(pilot=pilot, limit=10),
        "points_locked": EvaluationPoint.points_locked(programme),
        "can_edit_points": can_record and EvaluationPoint.points_editable(programme),
        "can_measure": permissions.can_record_results(user, programme),
        "can_evaluate": permissions.can_record_results(user, programme),
        "templates": selectors.point_templates() if can_record else [],
    }


def programme_section(*, user, programme: Programme) -> dict:
    """The programme page's evaluation section; only an approved programme has one (see
    `pilots.approval.pages`)."""
    if not programme.is_approved:
        return {"rollup": None}
    return {
        "rollup": selectors.programme_evaluation(programme=programme),
        "can_record_programme_evaluation": permissions.can_record_programme_evaluation(user),
    }


@login_required
@once_per_token
def point_create(request, pk: int):
    pilot = access.pilot_for_evaluator(request.user, pk)
    template = None
    code = request.GET.get("template") or request.POST.get("template")
    if code:
        template = EvaluationPointTemplate.objects.filter(code=code).first()
    return _point_form(request, pilot=pilot, template=template)


@login_required
def point_update(request, pk: int, point_id: int):
    pilot = access.pilot_for_evaluator(request.user, pk)
    point = access.point_for_viewer(pilot=pilot, point_id=point_id)
    return _point_form(request, pilot=pilot, point=point)


def _point_form(request, *, pilot, point=None, template=None):
    """A new point (from `template`, when given) or a change to `point`."""
    locked = EvaluationPoint.points_locked(pilot.programme)
    form = PointForm(request.POST or None, instance=point, locked=locked, template=template)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data.get("reason", "")
        try:
            if point is None:
                services.point_create(
                    pilot_id=pilot.pk,
                    user=request.user,
                    template=template,
                    reason=reason,
                    **form.service_fields(),
                )
            else:
                services.point_update(
                    point_id=point.pk, user=request.user, reason=reason, **form.service_fields()
                )
        except PilotError as error:
            apply_error(form, error)
        else:
            added = point is None
            messages.success(
                request, _("Evaluation point added.") if added else _("Evaluation point saved.")
            )
            return redirect(pilot)
    return render(
        request,
        "pilots/evaluation/point_form.html",
        {
            "pilot": pilot,
            "point": point,
            "form": form,
            "template": template,
            "locked": locked,
            "refusal": EvaluationPoint.change_blocked(pilot.programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def point_delete(request, pk: int, point_id: int):
    pilot = access.pilot_for_evaluator(request.user, pk)
    point = access.point_for_viewer(pilot=pilot, point_id=point_id)
    locked = EvaluationPoint.points_locked(pilot.programme)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.point_delete(
                point_id=point.pk, user=request.user, reason=form.cleaned_data["reason"]
            )
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Evaluation point removed."))
            return redirect(pilot)
    return render(
        request,
        "pilots/evaluation/point_delete.html",
        {
            "pilot": pilot,
            "point": point,
            "form": form,
            "locked": locked,
            "refusal": point.removal_refusal(),
        },
    )


@login_required
@once_per_token
def point_detail(request, pk: int, point_id: int):
    """The point, how its score is reached, its measurements; procurement adds one here."""
    if request.method == "POST":
        pilot = access.pilot_for_evaluator(request.user, pk)
    else:
        pilot = pilot_for_viewer(request.user, pk)
    point = access.point_for_viewer(pilot=pilot, point_id=point_id)
    posted_reason = request.method == "POST" and "save_reason" in request.POST
    reason_form = UnmeasuredReasonForm(
        request.POST if posted_reason else None,
        initial={"unmeasured_reason": point.unmeasured_reason},
    )
    form = MeasurementForm(None if posted_reason else request.POST or None, unit=point.unit)
    if posted_reason and reason_form.is_valid():
        try:
            services.point_unmeasured_reason_save(
                point_id=point.pk,
                user=request.user,
                reason=reason_form.cleaned_data["unmeasured_reason"],
            )
        except PilotError as error:
            apply_error(reason_form, error)
        else:
            messages.success(request, _("Reason saved."))
            return redirect("pilots:point_detail", pk=pilot.pk, point_id=point.pk)
    if form.is_bound and form.is_valid():
        try:
            measurement = services.measurement_add(
                point_id=point.pk, user=request.user, **form.cleaned_data
            )
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Measurement added."))
            _warn_if_implausible(request, measurement)
            return redirect("pilots:point_detail", pk=pilot.pk, point_id=point.pk)
    measurements = page_of(request, selectors.point_measurements(point=point))
    return render(
        request,
        "pilots/evaluation/point_detail.html",
        {
            "pilot": pilot,
            "point": point,
            "result": selectors.results_of([point]).rows[0],
            "page": measurements,
            "form": form,
            "reason_form": reason_form,
            "can_measure": permissions.can_record_results(request.user, pilot.programme),
            "can_edit": permissions.can_record_evaluation(request.user),
            "history": selectors.point_measurement_history(point=point),
            "target": "measurements",
        },
    )


def _warn_if_implausible(request, measurement: Measurement) -> None:
    for warning in selectors.measurement_warnings(measurement=measurement):
        messages.warning(
            request,
            _("%(warning)s If not, correct the measurement below.") % {"warning": warning},
        )


def _measurement_to_change(request, pk: int, point_id: int, measurement_id: int):
    pilot = access.pilot_for_evaluator(request.user, pk)
    point = access.point_for_viewer(pilot=pilot, point_id=point_id)
    measurement = access.measurement_to_change(point=point, measurement_id=measurement_id)
    return pilot, point, measurement


@login_required
@once_per_token
def measurement_correct(request, pk: int, point_id: int, measurement_id: int):
    """A mistyped or wrongly dated measurement, typed again as it should have been, with why."""
    pilot, point, measurement = _measurement_to_change(request, pk, point_id, measurement_id)
    form = MeasurementCorrectionForm(
        request.POST or None,
        unit=point.unit,
        initial={
            "measured_on": measurement.measured_on,
            "value": measurement.value,
            "source": measurement.source,
            "note": measurement.note,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            correction = services.measurement_correct(
                measurement_id=measurement.pk, user=request.user, **form.cleaned_data
            )
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Measurement corrected; the old one is in the history."))
            _warn_if_implausible(request, correction)
            return redirect("pilots:point_detail", pk=pilot.pk, point_id=point.pk)
    return render(
        request,
        "pilots/evaluation/measurement_change.html",
        {
            "pilot": pilot,
            "point": point,
            "measurement": measurement,
            "form": form,
            "removal": False,
        },
    )


@login_required
def measurement_remove(request, pk: int, point_id: int, measurement_id: int):
    """Takes a measurement out of the score, with why; it stays in the history."""
    pilot, point, measurement = _measurement_to_change(request, pk, point_id, measurement_id)
    form = MeasurementRemovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.measurement_remove(
                measurement_id=measurement.pk,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Measurement removed; it stays in the history."))
            return redirect("pilots:point_detail", pk=pilot.pk, point_id=point.pk)
    return render(
        request,
        "pilots/evaluation/measurement_change.html",
        {"pilot": pilot, "point": point, "measurement": measurement, "form": form, "removal": True},
    )


@login_required
def pilot_evaluation_edit(request, pk: int):
    pilot = access.pilot_for_evaluator(request.user, pk)
    evaluation = selectors.pilot_evaluation_of(pilot=pilot)
    form = PilotEvaluationForm(request.POST or None, instance=evaluation)
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_evaluation_save(
                pilot_id=pilot.pk, user=request.user, **form.service_fields()
            )
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Evaluation saved."))
            return redirect(pilot)
    return render(
        request,
        "pilots/evaluation/pilot_evaluation_form.html",
        {"pilot": pilot, "form": form, "results": selectors.pilot_results(pilot=pilot)},
    )


@login_required
def programme_evaluation_edit(request, pk: int):
    programme = access.programme_for_evaluator(request.user, pk)
    rollup = selectors.programme_evaluation(programme=programme)
    initial = {}
    if rollup.evaluation is not None:
        initial = {
            "summary": rollup.evaluation.summary,
            "fed_back_on": rollup.evaluation.fed_back_on,
            "budget_spent": rollup.evaluation.budget_spent,
            "mat_decision": rollup.evaluation.mat_decision,
        }
    form = ProgrammeEvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_evaluation_save(
                programme_id=programme.pk, user=request.user, **form.cleaned_data
            )
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Programme evaluation saved."))
            return redirect(programme)
    return render(
        request,
        "pilots/evaluation/programme_evaluation_form.html",
        {
            "programme": programme,
            "form": form,
            "rollup": rollup,
            "fed_back_report": services.fed_back_report(programme=programme),
        },
    )
