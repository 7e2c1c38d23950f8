from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.exports import export_response
from core.listing import list_render
from procurement.selection.selectors import selection_rounds_closed, selection_selected_dossiers
from stakeholders import permissions as stakeholder_permissions
from stakeholders import selectors as stakeholder_selectors

from . import evaluation_views, permissions, selectors, services
from .exports import PILOT_COLUMNS, PROGRAMME_COLUMNS
from .forms import DecisionForm, PilotForm, ProgrammeForm, SubstitutionForm
from .models import Pilot, Programme


def _require_viewer(user) -> None:
    if not permissions.can_view_programmes(user):
        raise PermissionDenied


def _programme_or_404(user, pk: int) -> Programme:
    """The programme with everything its page shows; 404 for whoever may not see it."""
    if not permissions.can_view_programmes(user):
        raise Http404
    try:
        return selectors.programme_for_detail(pk=pk)
    except Programme.DoesNotExist as error:
        raise Http404 from error


def _programme_to_write(user, pk: int) -> Programme:
    programme = _programme_or_404(user, pk)
    if not permissions.can_write_programme(user):
        raise PermissionDenied
    return programme


def _apply_error(form, error: services.ApprovalError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


@login_required
def programme_list(request):
    _require_viewer(request.user)
    return list_render(
        request,
        filterset=selectors.programme_filter(params=request.GET, user=request.user),
        template="pilots/programme_list.html",
        results_template="pilots/_programme_results.html",
        target="programme-results",
        context={
            "can_create": permissions.can_write_programme(request.user),
            "can_name_substitute": permissions.can_name_substitute(request.user),
        },
    )


@login_required
def programme_export(request, file_format: str):
    _require_viewer(request.user)
    programme_filter = selectors.programme_filter(params=request.GET, user=request.user)
    return export_response(
        file_format=file_format,
        filename=f"programmas-{timezone.localdate():%Y%m%d}",
        sheet_title=_("Pilot programmes"),
        columns=PROGRAMME_COLUMNS,
        rows=programme_filter.qs,
    )


@login_required
def programme_detail(request, pk: int):
    programme = _programme_or_404(request.user, pk)
    fingerprint = selectors.programme_fingerprint(programme=programme)
    roles = selectors.acting_roles(user=request.user)
    submitters = {revision.submitted_by_id for revision in programme.revisions.all()}
    return render(
        request,
        "pilots/programme_detail.html",
        {
            "programme": programme,
            "pilots": programme.pilots.all(),
            "steps": selectors.steps(programme=programme),
            "timeline": selectors.timeline(programme=programme, fingerprint=fingerprint),
            "fingerprint": fingerprint,
            "approval_match": selectors.approval_match(
                programme=programme, fingerprint=fingerprint
            ),
            "can_edit": programme.is_editable and permissions.can_write_programme(request.user),
            "can_submit": permissions.can_submit_programme(request.user)
            and programme.submit_refusal(pilot_count=len(programme.pilots.all())) is None,
            "can_decide": programme.can_be_decided_by(
                user=request.user, roles=roles, submitter_ids=submitters
            ),
            "support": stakeholder_selectors.subject_support(subject=programme, user=request.user),
            "can_read_document_drafts": permissions.can_read_document_drafts(request.user),
            "can_manage_stakeholders": stakeholder_permissions.can_manage_stakeholders(
                request.user
            ),
            "can_record_sensitive": stakeholder_permissions.can_manage_stakeholders(request.user)
            and stakeholder_permissions.can_see_sensitive(request.user),
            **evaluation_views.programme_detail_context(user=request.user, programme=programme),
        },
    )


@login_required
def programme_create(request):
    _require_viewer(request.user)
    if not permissions.can_write_programme(request.user):
        raise PermissionDenied
    # A closed selection round can start the programme: its selected dossiers become the
    # pilots, and the officer can still adjust the choice before saving.
    rounds = list(selection_rounds_closed()[:10])
    chosen_round = next((r for r in rounds if str(r.pk) == request.GET.get("round")), None)
    initial = {}
    if chosen_round is not None:
        initial = {
            "title": _("Pilot programme: %(round)s") % {"round": chosen_round.title},
            "dossiers": [d.pk for d in selection_selected_dossiers(round_id=chosen_round.pk)],
        }
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(
                user=request.user,
                fields=form.service_fields(),
                dossiers=form.cleaned_data["dossiers"],
            )
        except services.ApprovalError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Programme created as a draft."))
            return redirect(programme)
    return render(
        request,
        "pilots/programme_form.html",
        {"form": form, "rounds": rounds, "chosen_round": chosen_round},
    )


@login_required
def programme_update(request, pk: int):
    programme = _programme_to_write(request.user, pk)
    if not programme.is_editable:
        messages.error(request, _("This programme is locked: it is not a draft."))
        return redirect(programme)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(
                programme_id=programme.pk,
                user=request.user,
                fields=form.service_fields(),
                dossiers=form.cleaned_data["dossiers"],
            )
        except services.ApprovalError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(programme)
    return render(request, "pilots/programme_form.html", {"form": form, "programme": programme})


@login_required
@require_http_methods(["GET", "POST"])
def programme_submit(request, pk: int):
    programme = _programme_or_404(request.user, pk)
    if not permissions.can_submit_programme(request.user):
        raise PermissionDenied
    if request.method == "POST":
        try:
            revision = services.programme_submit(programme_id=programme.pk, user=request.user)
        except services.ApprovalError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Revision %(number)s submitted for approval.") % {"number": revision.number},
            )
        return redirect(programme)
    return render(
        request,
        "pilots/programme_submit.html",
        {
            "programme": programme,
            "refusal": programme.submit_refusal(pilot_count=len(programme.pilots.all())),
            "steps": [
                {"stage": stage, "state": "waiting"} for stage in selectors.default_chain_stages()
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_decide(request, pk: int):
    programme = _programme_or_404(request.user, pk)
    roles = selectors.acting_roles(user=request.user)
    submitters = {revision.submitted_by_id for revision in programme.revisions.all()}
    refusal = programme.decision_refusal(user=request.user, roles=roles, submitter_ids=submitters)
    if refusal:
        if request.method == "POST":
            # A second click or a second browser after the stage moved on: say so, calmly.
            messages.error(request, refusal)
            return redirect(programme)
        raise PermissionDenied(refusal)
    stage = programme.pending_stage
    form = DecisionForm(request.POST or None, stage=stage)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_record(
                programme_id=programme.pk, user=request.user, **form.service_fields()
            )
        except services.ApprovalError as error:
            _apply_error(form, error)
        else:
            messages.success(
                request,
                _("%(stage)s: %(outcome)s recorded.")
                % {"stage": stage, "outcome": decision.get_outcome_display().lower()},
            )
            return redirect(programme)
    return render(
        request,
        "pilots/programme_decide.html",
        {
            "programme": programme,
            "stage": stage,
            "form": form,
            "on_behalf_of": roles.get(stage.role),
            "pilots": programme.pilots.all(),
            "fingerprint": selectors.programme_fingerprint(programme=programme),
        },
    )


@login_required
def pilot_list(request):
    _require_viewer(request.user)
    return list_render(
        request,
        filterset=selectors.pilot_filter(params=request.GET),
        template="pilots/pilot_list.html",
        results_template="pilots/_pilot_results.html",
        target="pilot-results",
    )


@login_required
def pilot_export(request, file_format: str):
    _require_viewer(request.user)
    pilot_filter = selectors.pilot_filter(params=request.GET)
    return export_response(
        file_format=file_format,
        filename=f"pilots-{timezone.localdate():%Y%m%d}",
        sheet_title=_("Pilots"),
        columns=PILOT_COLUMNS,
        rows=pilot_filter.qs,
    )


def _pilot_or_404(user, pk: int) -> Pilot:
    if not permissions.can_view_programmes(user):
        raise Http404
    try:
        return selectors.pilot_for_detail(pk=pk)
    except Pilot.DoesNotExist as error:
        raise Http404 from error


@login_required
def pilot_detail(request, pk: int):
    pilot = _pilot_or_404(request.user, pk)
    return render(
        request,
        "pilots/pilot_detail.html",
        {
            "pilot": pilot,
            "can_edit": pilot.programme.is_editable
            and permissions.can_write_programme(request.user),
            **evaluation_views.pilot_detail_context(user=request.user, pilot=pilot),
        },
    )


@login_required
def pilot_update(request, pk: int):
    pilot = _pilot_or_404(request.user, pk)
    if not permissions.can_write_programme(request.user):
        raise PermissionDenied
    if not pilot.programme.is_editable:
        messages.error(request, _("This programme is locked: it is not a draft."))
        return redirect(pilot)
    form = PilotForm(request.POST or None, instance=pilot)
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_update(
                pilot_id=pilot.pk,
                user=request.user,
                fields=form.service_fields(),
                circular_strategies=form.cleaned_data["circular_strategies"],
                phases=form.planned_phases(),
            )
        except services.ApprovalError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Pilot saved."))
            return redirect(pilot.programme)
    return render(request, "pilots/pilot_form.html", {"form": form, "pilot": pilot})


@login_required
def substitution_list(request):
    if not permissions.can_name_substitute(request.user):
        raise PermissionDenied
    form = SubstitutionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.substitution_create(user=request.user, **form.cleaned_data)
        except services.ApprovalError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Substitute named."))
            return redirect("pilots:substitution_list")
    return render(
        request,
        "pilots/substitution_list.html",
        {"form": form, "substitutions": selectors.substitutions_of(user=request.user)},
    )
