from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.idempotency import once_done, once_per_token
from core.listing import FilteredList
from procurement import permissions

from . import access, selectors, services
from .exports import DOSSIER_COLUMNS
from .forms import DossierForm, ParticipationForm, ShareForm, owner_choices
from .procedures import procedure_suggest_from_input

DOSSIERS = FilteredList(
    filterset=lambda request: selectors.dossier_filter(params=request.GET),
    template="procurement/dossiers/dossier_list.html",
    results_template="procurement/dossiers/_dossier_results.html",
    target="dossier-results",
    export_name="dossiers",
    sheet_title=gettext_lazy("Dossiers"),
)


# The element of the detail page that the participant forms swap.
PARTICIPANTS_TARGET = "joint-participants"


@login_required
def dossier_list(request):
    return DOSSIERS.render(
        request, context={"can_create": permissions.can_create_dossier(request.user)}
    )


@login_required
def dossier_export(request, file_format: str):
    return DOSSIERS.export(request, file_format=file_format, columns=DOSSIER_COLUMNS)


@login_required
def dossier_detail(request, reference: str):
    dossier = access.dossier_to_view(
        request.user, reference=reference, lead_id=request.GET.get("lead")
    )
    return _detail_render(request, dossier)


def _detail_render(request, dossier, *, add_form=None, share_error=None, notice=None):
    """The detail page; an htmx request gets the joint procurement section alone."""
    internals = permissions.can_see_dossier_internals(request.user, dossier)
    can_manage = permissions.can_manage_participants(request.user, dossier)
    participations = list(dossier.participations.all())
    if can_manage:
        add_form = add_form or ParticipationForm(dossier=dossier)
        for participation in participations:
            participation.share_form = ShareForm(
                initial={"share": participation.share},
                auto_id=f"id_share_{participation.pk}_%s",
            )
    context = {
        "dossier": dossier,
        "participations": participations,
        "internals": internals,
        "history": selectors.dossier_history(dossier=dossier) if internals else [],
        "participation_history": (
            selectors.participation_history(dossier=dossier) if can_manage else []
        ),
        "can_edit": permissions.can_edit_dossier(request.user, dossier),
        "can_manage": can_manage,
        "add_form": add_form,
        "share_error": share_error,
        "notice": notice,
        "target": PARTICIPANTS_TARGET,
    }
    template = "procurement/dossiers/dossier_detail.html"
    if request.htmx and request.htmx.target == PARTICIPANTS_TARGET:
        template = "procurement/dossiers/_participants.html"
    return render(request, template, context)


def _after_participants_change(request, reference: str, message: str):
    """Back to the dossier: the refreshed section with the message for htmx, the page for a
    plain form."""
    if request.htmx and request.htmx.target == PARTICIPANTS_TARGET:
        dossier = access.dossier_to_lead(request.user, reference=reference)
        return _detail_render(request, dossier, notice=message)
    messages.success(request, message)
    return redirect("procurement:dossier_detail", reference=reference)


@login_required
@require_POST
@once_per_token
def participation_add(request, reference: str):
    dossier = access.dossier_to_lead(request.user, reference=reference)
    form = ParticipationForm(request.POST, dossier=dossier)
    if form.is_valid():
        try:
            participation = services.participation_add(
                user=request.user,
                dossier_id=dossier.pk,
                municipality=form.cleaned_data["municipality"],
                share=form.cleaned_data["share"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            once_done(request, dossier.get_absolute_url())
            return _after_participants_change(
                request,
                reference,
                _("%(municipality)s takes part in %(reference)s.")
                % {"municipality": participation.municipality, "reference": reference},
            )
    return _detail_render(request, dossier, add_form=form)


@login_required
@require_POST
def participation_change(request, reference: str, participation_id: int):
    dossier = access.dossier_to_lead(request.user, reference=reference)
    participation = access.participation_to_manage(dossier, participation_id=participation_id)
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            services.participation_change(
                user=request.user,
                dossier_id=dossier.pk,
                participation_id=participation.pk,
                share=form.cleaned_data["share"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _after_participants_change(
                request,
                reference,
                _("The share of %(municipality)s is saved.")
                % {"municipality": participation.municipality},
            )
    share_error = {"participation": participation, "messages": _error_messages(form)}
    return _detail_render(request, dossier, share_error=share_error)


@login_required
def participation_remove(request, reference: str, participation_id: int):
    dossier = access.dossier_to_lead(request.user, reference=reference)
    participation = access.participation_to_manage(dossier, participation_id=participation_id)
    if request.method == "POST":
        services.participation_remove(
            user=request.user, dossier_id=dossier.pk, participation_id=participation.pk
        )
        return _after_participants_change(
            request,
            reference,
            _("%(municipality)s no longer takes part in %(reference)s.")
            % {"municipality": participation.municipality, "reference": reference},
        )
    return render(
        request,
        "procurement/dossiers/participation_remove.html",
        {"dossier": dossier, "participation": participation},
    )


def _error_messages(form) -> list[str]:
    return [message for errors in form.errors.values() for message in errors]


@login_required
@once_per_token
def dossier_create(request):
    access.dossier_register_check(request.user)
    form = DossierForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        dossier = services.dossier_create(
            user=request.user,
            circular_strategies=form.cleaned_data["circular_strategies"],
            **form.service_fields(),
        )
        messages.success(
            request, _("Dossier %(reference)s registered.") % {"reference": dossier.reference}
        )
        return redirect(dossier)
    return render(
        request,
        "procurement/dossiers/dossier_form.html",
        {"form": form, "suggestion": _suggestion_from(form)},
    )


@login_required
def dossier_update(request, reference: str):
    dossier = access.dossier_to_edit(request.user, reference=reference)
    form = DossierForm(request.POST or None, instance=dossier, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.dossier_update(
            dossier_id=dossier.pk,
            user=request.user,
            circular_strategies=form.cleaned_data["circular_strategies"],
            **form.service_fields(),
        )
        messages.success(request, _("Changes to %(reference)s saved.") % {"reference": reference})
        return redirect(dossier)
    return render(
        request,
        "procurement/dossiers/dossier_form.html",
        {"form": form, "dossier": dossier, "suggestion": _suggestion_from(form)},
    )


@login_required
def owner_options(request):
    """The people of a department, as options for the owner field (htmx partial)."""
    return render(
        request,
        "procurement/dossiers/_owner_options.html",
        {"people": owner_choices(request.GET.get("department"))},
    )


@login_required
def procedure_suggestion(request):
    """The suggested procedure for the values typed so far (htmx partial of the form)."""
    shares = selectors.participation_shares(reference=request.GET.get("dossier"))
    return render(
        request,
        "procurement/dossiers/_procedure_suggestion.html",
        {"suggestion": procedure_suggest_from_input(request.GET, shares=shares)},
    )


def _suggestion_from(form) -> dict | None:
    values = (
        form.data
        if form.is_bound
        else {
            "subject_type": form.initial.get("subject_type", ""),
            "estimated_value": form.initial.get("estimated_value", ""),
            "planned_publication_date": form.initial.get("planned_publication_date") or "",
        }
    )
    shares = selectors.participation_shares(reference=form.instance.reference or None)
    return procedure_suggest_from_input(values, shares=shares)
