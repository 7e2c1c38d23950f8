from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.idempotency import once_per_token
from core.listing import FilteredList
from pilots import permissions
from pilots.common.access import require
from pilots.common.errors import PilotError
from pilots.common.forms import apply_error
from procurement.selection.selectors import selection_rounds_closed, selection_selected_dossiers
from stakeholders import permissions as stakeholder_permissions
from stakeholders import selectors as stakeholder_selectors

from . import access, pages, selectors, services
from .exports import PILOT_COLUMNS, PROGRAMME_COLUMNS
from .forms import DecisionForm, PilotForm, ProgrammeForm, SubstitutionForm
from .models import Outcome

# One whole sentence per outcome: "%(outcome)s recorded" read "goedgekeurd geregistreerd".
RECORDED = {
    Outcome.APPROVED: gettext_lazy("%(stage)s: your approval is recorded."),
    Outcome.CHANGES_REQUESTED: gettext_lazy("%(stage)s: your request for changes is recorded."),
    Outcome.REJECTED: gettext_lazy("%(stage)s: your rejection is recorded."),
    Outcome.ADVISED: gettext_lazy("%(stage)s: your advice is recorded."),
}

PROGRAMMES = FilteredList(
    filterset=lambda request: selectors.programme_filter(params=request.GET, user=request.user),
    template="pilots/approval/programme_list.html",
    results_template="pilots/approval/_programme_results.html",
    target="programme-results",
    export_name="programmas",
    sheet_title=gettext_lazy("Pilot programmes"),
)
PILOTS = FilteredList(
    filterset=lambda request: selectors.pilot_filter(params=request.GET),
    template="pilots/approval/pilot_list.html",
    results_template="pilots/approval/_pilot_results.html",
    target="pilot-results",
    export_name="pilots",
    sheet_title=gettext_lazy("Pilots"),
)


@login_required
def programme_list(request):
    require(permissions.can_view_programmes(request.user))
    return PROGRAMMES.render(
        request,
        context={
            "can_create": permissions.can_write_programme(request.user),
            "can_name_substitute": permissions.can_name_substitute(request.user),
        },
    )


@login_required
def programme_export(request, file_format: str):
    require(permissions.can_view_programmes(request.user))
    return PROGRAMMES.export(request, file_format=file_format, columns=PROGRAMME_COLUMNS)


@login_required
def programme_detail(request, pk: int):
    programme = access.programme_for_viewer(request.user, pk, detail=True)
    fingerprint = selectors.programme_fingerprint(programme=programme)
    legacy_fingerprint = selectors.programme_legacy_fingerprint(programme=programme)
    decision_refusal, _roles = selectors.decision_refusal(programme=programme, user=request.user)
    stage = programme.pending_stage
    # Theirs to decide once the briefing is frozen: say why they cannot yet.
    briefing_pending = (
        decision_refusal is not None
        and stage is not None
        and selectors.mat_briefing_refusal_at(stage=stage) == decision_refusal
    )
    return render(
        request,
        "pilots/approval/programme_detail.html",
        {
            "programme": programme,
            "briefing_pending": decision_refusal if briefing_pending else None,
            "pilots": programme.pilots.all(),
            "steps": selectors.steps(programme=programme),
            "timeline": selectors.timeline(
                programme=programme,
                fingerprint=fingerprint,
                legacy_fingerprint=legacy_fingerprint,
            ),
            "fingerprint": fingerprint,
            "approval_match": selectors.approval_match(
                programme=programme,
                fingerprint=fingerprint,
                legacy_fingerprint=legacy_fingerprint,
            ),
            "can_edit": permissions.can_edit_programme(request.user, programme),
            "can_submit": permissions.can_submit_programme(request.user)
            and programme.submit_refusal(pilot_count=len(programme.pilots.all())) is None,
            "can_decide": decision_refusal is None,
            "changes": selectors.changes_since_previous_version(programme=programme),
            "changes_requested": selectors.changes_requested_decision(programme=programme),
            "support": stakeholder_selectors.subject_support(subject=programme, user=request.user),
            "can_read_document_drafts": permissions.can_read_document_drafts(request.user),
            "can_manage_stakeholders": stakeholder_permissions.can_manage_stakeholders(
                request.user
            ),
            "can_record_sensitive": stakeholder_permissions.can_record_sensitive(request.user),
            **pages.programme_page_sections(user=request.user, programme=programme),
        },
    )


@login_required
@once_per_token
def programme_create(request):
    require(permissions.can_view_programmes(request.user))
    require(permissions.can_write_programme(request.user))
    # A closed selection round can start the programme: its selected dossiers become the
    # pilots, and the officer can still adjust the choice before saving.
    rounds = list(selection_rounds_closed()[:10])
    # The round asked for may be older than the ten newest (its page links here).
    asked = request.GET.get("round", "")
    chosen_round = (
        selection_rounds_closed().filter(pk=int(asked)).first() if asked.isdigit() else None
    )
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
                user=request.user, dossiers=form.cleaned_data["dossiers"], **form.service_fields()
            )
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Programme created as a draft."))
            return redirect(programme)
    return render(
        request,
        "pilots/approval/programme_form.html",
        {"form": form, "rounds": rounds, "chosen_round": chosen_round},
    )


@login_required
def programme_update(request, pk: int):
    programme = access.programme_for_writer(request.user, pk, detail=True)
    if not permissions.can_edit_programme(request.user, programme):
        messages.error(request, _("This programme is locked: it is not a draft."))
        return redirect(programme)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(
                programme_id=programme.pk,
                user=request.user,
                dossiers=form.cleaned_data["dossiers"],
                **form.service_fields(),
            )
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(programme)
    return render(
        request,
        "pilots/approval/programme_form.html",
        {
            "form": form,
            "programme": programme,
            "changes_requested": selectors.changes_requested_decision(programme=programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_submit(request, pk: int):
    programme = access.programme_for_submitter(request.user, pk, detail=True)
    if request.method == "POST":
        try:
            revision = services.programme_submit(programme_id=programme.pk, user=request.user)
        except PilotError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Version %(number)s submitted for approval.") % {"number": revision.number},
            )
        return redirect(programme)
    return render(
        request,
        "pilots/approval/programme_submit.html",
        {
            "programme": programme,
            "refusal": programme.submit_refusal(pilot_count=len(programme.pilots.all())),
            "steps": selectors.default_steps(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_decide(request, pk: int):
    programme = access.programme_for_viewer(request.user, pk, detail=True)
    refusal, roles = selectors.decision_refusal(
        programme=programme, user=request.user, briefing=False
    )
    if refusal:
        if request.method == "POST":
            # A second click or a second browser after the stage moved on: say so, calmly.
            messages.error(request, refusal)
            return redirect(programme)
        raise PermissionDenied(refusal)
    stage = programme.pending_stage
    # The MAT decides on its frozen briefing: while a worker prepares it the page says so
    # (and asks for it, for a stage that opened before briefings were frozen); a decision
    # sent meanwhile is refused with the form kept.
    briefing_pending = selectors.mat_briefing_refusal_at(stage=stage)
    if briefing_pending and request.method == "GET":
        services.briefing_ask(programme_id=programme.pk, user=request.user)
    form = DecisionForm(request.POST or None, stage=stage)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_record(
                programme_id=programme.pk, user=request.user, **form.service_fields()
            )
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(request, RECORDED[decision.outcome] % {"stage": stage.label})
            return redirect(programme)
    return render(
        request,
        "pilots/approval/programme_decide.html",
        {
            "programme": programme,
            "stage": stage,
            "form": form,
            "on_behalf_of": roles.get(stage.role),
            "briefing_pending": briefing_pending,
            "pilots": programme.pilots.all(),
            "fingerprint": selectors.programme_fingerprint(programme=programme),
            "changes": selectors.changes_since_previous_version(programme=programme),
        },
    )


@login_required
def pilot_list(request):
    require(permissions.can_view_programmes(request.user))
    return PILOTS.render(request)


@login_required
def pilot_export(request, file_format: str):
    require(permissions.can_view_programmes(request.user))
    return PILOTS.export(request, file_format=file_format, columns=PILOT_COLUMNS)


@login_required
def pilot_detail(request, pk: int):
    pilot = access.pilot_for_viewer(request.user, pk)
    return render(
        request,
        "pilots/approval/pilot_detail.html",
        {
            "pilot": pilot,
            "can_edit": permissions.can_edit_programme(request.user, pilot.programme),
            **pages.pilot_page_sections(user=request.user, pilot=pilot),
        },
    )


@login_required
def pilot_update(request, pk: int):
    pilot = access.pilot_for_writer(request.user, pk)
    if not permissions.can_edit_programme(request.user, pilot.programme):
        messages.error(request, _("This programme is locked: it is not a draft."))
        return redirect(pilot)
    form = PilotForm(request.POST or None, instance=pilot)
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_update(
                pilot_id=pilot.pk,
                user=request.user,
                **form.service_fields(),
                circular_strategies=form.cleaned_data["circular_strategies"],
                phases=form.planned_phases(),
            )
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Pilot saved."))
            return redirect(pilot.programme)
    return render(request, "pilots/approval/pilot_form.html", {"form": form, "pilot": pilot})


@login_required
@once_per_token
def substitution_list(request):
    require(permissions.can_name_substitute(request.user))
    form = SubstitutionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.substitution_create(user=request.user, **form.cleaned_data)
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Substitute named."))
            return redirect("pilots:substitution_list")
    substitutions = list(selectors.substitutions_of(user=request.user))
    today = timezone.localdate()
    return render(
        request,
        "pilots/approval/substitution_list.html",
        {
            "form": form,
            "substitutions": substitutions,
            "endable_ids": {
                substitution.pk
                for substitution in substitutions
                if not substitution.is_ended
                and substitution.ends_on >= today
                and permissions.can_end_substitution(request.user, substitution)
            },
        },
    )


@login_required
@require_http_methods(["POST"])
def substitution_end(request, pk: int):
    substitution = access.substitution_for_ender(request.user, pk)
    try:
        services.substitution_end(substitution_id=substitution.pk, user=request.user)
    except PilotError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Substitution ended."))
    return redirect("pilots:substitution_list")
