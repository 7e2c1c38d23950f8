import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import export_response
from core.forms import amount_parse
from core.listing import list_render

from . import permissions, selectors, services
from .exports import DOSSIER_COLUMNS
from .forms import DossierForm, owner_choices
from .models import Dossier, SubjectType
from .procedures import procedure_suggest


def _dossier_or_404(reference: str) -> Dossier:
    return get_object_or_404(selectors.dossier_queryset(), reference=reference)


@login_required
def dossier_list(request):
    return list_render(
        request,
        filterset=selectors.dossier_filter(params=request.GET),
        template="procurement/dossier_list.html",
        results_template="procurement/_dossier_results.html",
        target="dossier-results",
        context={"can_create": permissions.can_create_dossier(request.user)},
    )


@login_required
def dossier_export(request, file_format: str):
    dossier_filter = selectors.dossier_filter(params=request.GET)
    stamp = timezone.localdate().strftime("%Y%m%d")
    return export_response(
        file_format=file_format,
        filename=f"dossiers-{stamp}",
        sheet_title=_("Dossiers"),
        columns=DOSSIER_COLUMNS,
        rows=dossier_filter.qs,
    )


@login_required
def dossier_detail(request, reference: str):
    dossier = _dossier_or_404(reference)
    return render(
        request,
        "procurement/dossier_detail.html",
        {
            "dossier": dossier,
            "history": selectors.dossier_history(dossier=dossier),
            "can_edit": permissions.can_edit_dossier(request.user, dossier),
        },
    )


@login_required
def dossier_create(request):
    if not permissions.can_create_dossier(request.user):
        raise PermissionDenied
    form = DossierForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        dossier = services.dossier_create(
            user=request.user,
            fields=form.service_fields(),
            circular_strategies=form.cleaned_data["circular_strategies"],
        )
        messages.success(
            request, _("Dossier %(reference)s registered.") % {"reference": dossier.reference}
        )
        return redirect(dossier)
    return render(
        request,
        "procurement/dossier_form.html",
        {"form": form, "suggestion": _suggestion_from(form)},
    )


@login_required
def dossier_update(request, reference: str):
    dossier = _dossier_or_404(reference)
    if not permissions.can_edit_dossier(request.user, dossier):
        raise PermissionDenied
    form = DossierForm(request.POST or None, instance=dossier, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.dossier_update(
            dossier_id=dossier.pk,
            user=request.user,
            fields=form.service_fields(),
            circular_strategies=form.cleaned_data["circular_strategies"],
        )
        messages.success(request, _("Changes to %(reference)s saved.") % {"reference": reference})
        return redirect(dossier)
    return render(
        request,
        "procurement/dossier_form.html",
        {"form": form, "dossier": dossier, "suggestion": _suggestion_from(form)},
    )


@login_required
def owner_options(request):
    """The people of a department, as options for the owner field (htmx partial)."""
    return render(
        request,
        "procurement/_owner_options.html",
        {"people": owner_choices(request.GET.get("department"))},
    )


@login_required
def procedure_suggestion(request):
    """The suggested procedure for the values typed so far (htmx partial of the form)."""
    return render(
        request,
        "procurement/_procedure_suggestion.html",
        {"suggestion": _suggestion_from_values(request.GET)},
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
    return _suggestion_from_values(values)


def _suggestion_from_values(values) -> dict | None:
    subject_type = values.get("subject_type", "")
    value = amount_parse(values.get("estimated_value", ""))
    try:
        on_date = _parse_date(values.get("planned_publication_date")) or timezone.localdate()
    except ValueError:
        return None
    if subject_type not in SubjectType.values or value is None or value < 0:
        return None
    return {
        "procedure": procedure_suggest(subject_type=subject_type, value=value, on_date=on_date),
        "on_date": on_date,
    }


def _parse_date(value) -> datetime.date | None:
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))
