"""Pages of execution, evaluation and policy. Thin: fetch through a helper that returns 404
for what the user cannot see and 403 for what they cannot change, bind the form, call the
service, show its message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.exports import Column, choice_label, export_response
from core.listing import list_render
from core.roles import Role, user_roles

from . import evaluation_selectors as selectors
from . import evaluation_services as services
from . import execution_services, permissions
from .evaluation_forms import (
    MarketDialogueForm,
    MeasurementForm,
    PhasesForm,
    PilotEvaluationForm,
    PointForm,
    ProgrammeEvaluationForm,
    ReasonForm,
    RecommendationFilter,
    RecommendationForm,
    RecommendationMoveForm,
)
from .evaluation_models import Theme
from .models import (
    EvaluationPoint,
    EvaluationPointTemplate,
    MarketDialogue,
    Pilot,
    PolicyRecommendation,
    Programme,
)
from .selectors import pilot_for_detail


def _apply_error(form, error: services.EvaluationError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _pilot_or_404(user, pk: int) -> Pilot:
    if not permissions.can_view_programmes(user):
        raise Http404
    try:
        return pilot_for_detail(pk=pk)
    except Pilot.DoesNotExist as error:
        raise Http404 from error


def _pilot_to_change(user, pk: int, allowed) -> Pilot:
    pilot = _pilot_or_404(user, pk)
    if not allowed(user):
        raise PermissionDenied
    return pilot


def _points_locked(pilot: Pilot) -> bool:
    return pilot.programme.status == Programme.Status.APPROVED


# --- The pilot page's sections -----------------------------------------------------------


def pilot_detail_context(*, user, pilot: Pilot) -> dict:
    """What the pilot page shows of execution and evaluation; used by `views.pilot_detail`."""
    approved = pilot.programme.status == Programme.Status.APPROVED
    can_record = permissions.can_record_evaluation(user)
    return {
        "schedule": selectors.pilot_schedule(pilot=pilot),
        "lead": selectors.pilot_lead_time(pilot=pilot),
        "dialogues": selectors.market_dialogues(pilot=pilot),
        "results": selectors.pilot_results(pilot=pilot),
        "evaluation": selectors.pilot_evaluation_of(pilot=pilot),
        "point_changes": selectors.point_changes(pilot=pilot, limit=10),
        "points_locked": _points_locked(pilot),
        "can_record_execution": approved and permissions.can_record_execution(user),
        "can_edit_points": can_record
        and EvaluationPoint.change_refusal(programme=pilot.programme, reason="-") is None,
        "can_measure": approved and can_record,
        "can_evaluate": approved and can_record,
        "templates": selectors.point_templates() if can_record else [],
    }


def programme_detail_context(*, user, programme: Programme) -> dict:
    """The programme page's evaluation section; only an approved programme has one."""
    if programme.status != Programme.Status.APPROVED:
        return {"rollup": None}
    return {
        "rollup": selectors.programme_evaluation(programme=programme),
        "can_record_programme_evaluation": permissions.can_record_programme_evaluation(user),
    }


# --- Execution ---------------------------------------------------------------------------


@login_required
def phases_record(request, pk: int):
    pilot = _pilot_to_change(request.user, pk, permissions.can_record_execution)
    form = PhasesForm(request.POST or None, phases=pilot.phases.all())
    if request.method == "POST" and form.is_valid():
        try:
            execution_services.phases_record(
                pilot_id=pilot.pk, user=request.user, phases=form.service_phases()
            )
        except services.EvaluationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Phases saved."))
            return redirect(pilot)
    return render(request, "pilots/execution/phases_form.html", {"pilot": pilot, "form": form})


@login_required
def dialogue_edit(request, pk: int, dialogue_id: int | None = None):
    pilot = _pilot_to_change(request.user, pk, permissions.can_record_execution)
    dialogue = None
    if dialogue_id is not None:
        dialogue = get_object_or_404(MarketDialogue, pk=dialogue_id, pilot=pilot)
    form = MarketDialogueForm(request.POST or None, instance=dialogue)
    if request.method == "POST" and form.is_valid():
        try:
            execution_services.market_dialogue_save(
                pilot_id=pilot.pk,
                user=request.user,
                dialogue_id=dialogue_id,
                fields=form.service_fields(),
                organisations=form.cleaned_data["organisations"],
            )
        except services.EvaluationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Market dialogue saved."))
            return redirect(pilot)
    return render(
        request,
        "pilots/execution/dialogue_form.html",
        {"pilot": pilot, "form": form, "dialogue": dialogue},
    )


# --- Evaluation points and measurements --------------------------------------------------


def _point_or_404(pilot: Pilot, point_id: int) -> EvaluationPoint:
    try:
        return selectors.point_for_detail(pilot=pilot, point_id=point_id)
    except EvaluationPoint.DoesNotExist as error:
        raise Http404 from error


@login_required
def point_create(request, pk: int):
    pilot = _pilot_to_change(request.user, pk, permissions.can_record_evaluation)
    template = None
    code = request.GET.get("template") or request.POST.get("template")
    if code:
        template = EvaluationPointTemplate.objects.filter(code=code).first()
    locked = _points_locked(pilot)
    form = PointForm(request.POST or None, locked=locked, template=template)
    if request.method == "POST" and form.is_valid():
        try:
            services.point_create(
                pilot_id=pilot.pk,
                user=request.user,
                fields=form.service_fields(),
                template=template,
                reason=form.cleaned_data.get("reason", ""),
            )
        except services.EvaluationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Evaluation point added."))
            return redirect(pilot)
    return render(
        request,
        "pilots/evaluation/point_form.html",
        {
            "pilot": pilot,
            "form": form,
            "template": template,
            "locked": locked,
            "refusal": EvaluationPoint.change_refusal(programme=pilot.programme, reason="-"),
        },
    )


@login_required
def point_update(request, pk: int, point_id: int):
    pilot = _pilot_to_change(request.user, pk, permissions.can_record_evaluation)
    point = _point_or_404(pilot, point_id)
    locked = _points_locked(pilot)
    form = PointForm(request.POST or None, instance=point, locked=locked)
    if request.method == "POST" and form.is_valid():
        try:
            services.point_update(
                point_id=point.pk,
                user=request.user,
                fields=form.service_fields(),
                reason=form.cleaned_data.get("reason", ""),
            )
        except services.EvaluationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Evaluation point saved."))
            return redirect(pilot)
    return render(
        request,
        "pilots/evaluation/point_form.html",
        {
            "pilot": pilot,
            "point": point,
            "form": form,
            "locked": locked,
            "refusal": EvaluationPoint.change_refusal(programme=pilot.programme, reason="-"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def point_delete(request, pk: int, point_id: int):
    pilot = _pilot_to_change(request.user, pk, permissions.can_record_evaluation)
    point = _point_or_404(pilot, point_id)
    locked = _points_locked(pilot)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.point_delete(
                point_id=point.pk, user=request.user, reason=form.cleaned_data["reason"]
            )
        except services.EvaluationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Evaluation point removed."))
            return redirect(pilot)
    return render(
        request,
        "pilots/evaluation/point_delete.html",
        {"pilot": pilot, "point": point, "form": form, "locked": locked},
    )


@login_required
def point_detail(request, pk: int, point_id: int):
    """The point, how its score is reached, its measurements; procurement adds one here."""
    pilot = _pilot_or_404(request.user, pk)
    point = _point_or_404(pilot, point_id)
    can_measure = (
        permissions.can_record_evaluation(request.user)
        and pilot.programme.status == Programme.Status.APPROVED
    )
    form = MeasurementForm(request.POST or None, unit=point.unit)
    if request.method == "POST":
        if not permissions.can_record_evaluation(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.measurement_add(point_id=point.pk, user=request.user, **form.cleaned_data)
            except services.EvaluationError as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("Measurement added."))
                return redirect("pilots:point_detail", pk=pilot.pk, point_id=point.pk)
    measurements = Paginator(selectors.point_measurements(point=point), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "pilots/evaluation/point_detail.html",
        {
            "pilot": pilot,
            "point": point,
            "result": selectors.results_of([point]).rows[0],
            "page": measurements,
            "form": form,
            "can_measure": can_measure,
            "can_edit": permissions.can_record_evaluation(request.user),
            "target": "measurements",
        },
    )


@login_required
def pilot_evaluation_edit(request, pk: int):
    pilot = _pilot_to_change(request.user, pk, permissions.can_record_evaluation)
    evaluation = selectors.pilot_evaluation_of(pilot=pilot)
    form = PilotEvaluationForm(request.POST or None, instance=evaluation)
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_evaluation_save(
                pilot_id=pilot.pk, user=request.user, fields=form.service_fields()
            )
        except services.EvaluationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Evaluation saved."))
            return redirect(pilot)
    return render(
        request,
        "pilots/evaluation/pilot_evaluation_form.html",
        {"pilot": pilot, "form": form, "results": selectors.pilot_results(pilot=pilot)},
    )


# --- Programme evaluation ----------------------------------------------------------------


@login_required
def programme_evaluation_edit(request, pk: int):
    if not permissions.can_view_programmes(request.user):
        raise Http404
    programme = get_object_or_404(Programme, pk=pk)
    if not permissions.can_record_programme_evaluation(request.user):
        raise PermissionDenied
    rollup = selectors.programme_evaluation(programme=programme)
    initial = {}
    if rollup.evaluation is not None:
        initial = {
            "summary": rollup.evaluation.summary,
            "fed_back_on": rollup.evaluation.fed_back_on,
            "mat_decision": rollup.evaluation.mat_decision,
        }
    form = ProgrammeEvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_evaluation_save(
                programme_id=programme.pk, user=request.user, **form.cleaned_data
            )
        except services.EvaluationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Programme evaluation saved."))
            return redirect(programme)
    return render(
        request,
        "pilots/evaluation/programme_evaluation_form.html",
        {"programme": programme, "form": form, "rollup": rollup},
    )


# --- Policy ------------------------------------------------------------------------------


def _require_policy_viewer(user) -> None:
    if not permissions.can_view_policy(user):
        raise PermissionDenied


@login_required
def policy_draft(request):
    _require_policy_viewer(request.user)
    return render(
        request,
        "pilots/evaluation/policy_draft.html",
        {
            "draft": selectors.policy_draft(),
            "today": timezone.localdate(),
            "can_manage": permissions.can_manage_recommendations(request.user),
        },
    )


def _recommendation_filter(request) -> RecommendationFilter:
    return RecommendationFilter(request.GET, queryset=selectors.policy_recommendations())


@login_required
def recommendation_list(request):
    _require_policy_viewer(request.user)
    return list_render(
        request,
        filterset=_recommendation_filter(request),
        template="pilots/evaluation/recommendation_list.html",
        results_template="pilots/evaluation/_recommendation_results.html",
        target="recommendation-results",
        context={"can_manage": permissions.can_manage_recommendations(request.user)},
    )


_theme = choice_label(Theme.choices)
_status = choice_label(PolicyRecommendation.Status.choices)
_owner = choice_label(Role.choices)

RECOMMENDATION_COLUMNS = [
    Column(gettext_lazy("Recommendation"), lambda r: r.title),
    Column(gettext_lazy("Theme"), lambda r: _theme(r.theme)),
    Column(gettext_lazy("Status"), lambda r: _status(r.status)),
    Column(gettext_lazy("Decided by the MAT on"), lambda r: r.decided_on, "date"),
    Column(gettext_lazy("Programme"), lambda r: r.programme.title if r.programme else ""),
    Column(gettext_lazy("Owner"), lambda r: _owner(r.owner)),
    Column(
        gettext_lazy("Evaluations it rests on"),
        lambda r: ", ".join(e.pilot.dossier.title for e in r.evaluations.all()),
    ),
    Column(gettext_lazy("Explanation"), lambda r: r.text),
]


@login_required
def recommendation_export(request, file_format: str):
    _require_policy_viewer(request.user)
    return export_response(
        file_format=file_format,
        filename=f"aanbevelingen-{timezone.localdate():%Y%m%d}",
        sheet_title=_("Policy recommendations"),
        columns=RECOMMENDATION_COLUMNS,
        rows=_recommendation_filter(request).qs,
    )


def _recommendation_or_404(user, pk: int) -> PolicyRecommendation:
    if not permissions.can_view_policy(user):
        raise Http404
    try:
        return selectors.recommendation_for_detail(pk=pk)
    except PolicyRecommendation.DoesNotExist as error:
        raise Http404 from error


@login_required
def recommendation_detail(request, pk: int):
    recommendation = _recommendation_or_404(request.user, pk)
    return render(
        request,
        "pilots/evaluation/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "can_edit": recommendation.is_editable
            and permissions.can_manage_recommendations(request.user),
            "next_statuses": recommendation.next_statuses(roles=user_roles(request.user)),
        },
    )


@login_required
def recommendation_edit(request, pk: int | None = None):
    if pk is None:
        _require_policy_viewer(request.user)
        recommendation = None
    else:
        recommendation = _recommendation_or_404(request.user, pk)
    if not permissions.can_manage_recommendations(request.user):
        raise PermissionDenied
    if recommendation is not None and not recommendation.is_editable:
        messages.error(
            request, _("The MAT has decided on this recommendation; its text can no longer change.")
        )
        return redirect(recommendation)
    form = RecommendationForm(
        request.POST or None,
        instance=recommendation,
        evaluations=selectors.evaluations_for_choice(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if recommendation is None:
                recommendation = services.recommendation_create(
                    user=request.user,
                    fields=form.service_fields(),
                    evaluations=form.cleaned_data["evaluations"],
                )
            else:
                services.recommendation_update(
                    recommendation_id=recommendation.pk,
                    user=request.user,
                    fields=form.service_fields(),
                    evaluations=form.cleaned_data["evaluations"],
                )
        except services.EvaluationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Recommendation saved."))
            return redirect(recommendation)
    return render(
        request,
        "pilots/evaluation/recommendation_form.html",
        {"form": form, "recommendation": recommendation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_move(request, pk: int):
    recommendation = _recommendation_or_404(request.user, pk)
    statuses = recommendation.next_statuses(roles=user_roles(request.user))
    if not statuses:
        if request.method == "POST":
            messages.error(request, _("You cannot change the status of this recommendation now."))
            return redirect(recommendation)
        raise PermissionDenied
    form = RecommendationMoveForm(request.POST or None, statuses=statuses)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.recommendation_move(
                recommendation_id=recommendation.pk,
                user=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                meeting_date=form.cleaned_data.get("meeting_date"),
            )
        except services.EvaluationError as error:
            _apply_error(form, error)
        else:
            messages.success(
                request,
                _("The recommendation is now %(status)s.")
                % {"status": event.get_to_status_display().lower()},
            )
            return redirect(recommendation)
    return render(
        request,
        "pilots/evaluation/recommendation_move.html",
        {"recommendation": recommendation, "form": form},
    )
