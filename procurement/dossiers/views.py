from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.listing import FilteredList
from procurement import permissions

from . import access, selectors, services
from .exports import DOSSIER_COLUMNS
from .forms import DossierForm, owner_choices
from .procedures import procedure_suggest_from_input

DOSSIERS = FilteredList(
    filterset=lambda request: selectors.dossier_filter(params=request.GET),
    template="procurement/dossiers/dossier_list.html",
    results_template="procurement/dossiers/_dossier_results.html",
    target="dossier-results",
    export_name="dossiers",
    sheet_title=gettext_lazy("Dossiers"),
)


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
    dossier = access.dossier_to_view(request.user, reference=reference)
    return render(
        request,
        "procurement/dossiers/dossier_detail.html",
        {
            "dossier": dossier,
            "history": selectors.dossier_history(dossier=dossier),
            "can_edit": permissions.can_edit_dossier(request.user, dossier),
        },
    )


@login_required
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
    return render(
        request,
        "procurement/dossiers/_procedure_suggestion.html",
        {"suggestion": procedure_suggest_from_input(request.GET)},
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
    return procedure_suggest_from_input(values)
