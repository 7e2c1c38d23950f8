"""The region's pages: the case library, a case, comparing two, starting from one, sharing
and withdrawing, and the regional figures. Thin: access, form, service, message, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.idempotency import once_per_token
from core.listing import list_render
from pilots.common.access import require
from pilots.documents.selectors import StoredFileUnavailable, stored_file_verified
from pilots.documents.views import document_unavailable

from . import access, permissions, selectors, services
from .forms import CompareForm, CopyForm, PublishForm


@access.region_view
def case_list(request):
    return list_render(
        request,
        filterset=selectors.case_filter(params=request.GET),
        template="region/case_list.html",
        results_template="region/_case_results.html",
        target="case-results",
        context={"can_share": permissions.can_publish(request.user)},
    )


@access.region_view
def case_detail(request, pk: int):
    case = access.case_to_view(pk)
    return render(
        request,
        "region/case_detail.html",
        {
            "case": case,
            "phase_rows": selectors.phase_rows(case.phase_plan),
            "can_withdraw": permissions.can_withdraw(request.user, case),
            "can_copy": permissions.can_copy(request.user),
        },
    )


@access.region_view
def case_report(request, pk: int):
    case = access.case_to_view(pk)
    if not case.report:
        raise Http404
    try:
        pdf = stored_file_verified(
            case.report, sha256=case.report_sha256, label=f"the report of region case {case.pk}"
        )
    except StoredFileUnavailable:
        return document_unavailable(
            request,
            message=_(
                "The stored report of this case is missing or no longer matches its checksum. "
                "An administrator has to restore it from the backup; the problem has been logged."
            ),
            back_url=reverse("region:case_detail", args=[case.pk]),
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="case-{case.pk}-evaluation-report.pdf"'
    return response


@access.region_view
@require_http_methods(["GET", "POST"])
def case_withdraw(request, pk: int):
    case = access.case_to_withdraw(request.user, pk)
    if request.method == "POST":
        try:
            services.case_withdraw(case_id=case.pk, user=request.user)
        except services.RegionError as error:
            messages.error(request, error.message)
            return redirect(case)
        messages.success(request, _("The case is withdrawn from the region's library."))
        return redirect("region:case_list")
    return render(request, "region/case_withdraw.html", {"case": case})


@access.region_view
@require_http_methods(["GET", "POST"])
@once_per_token
def case_copy(request, pk: int):
    case = access.case_to_view(pk)
    access.copy_check(request.user)
    form = CopyForm(
        request.POST or None,
        initial={"title": case.title},
        has_criteria=bool(case.criteria),
    )
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.case_copy(
                case_id=case.pk,
                user=request.user,
                title=form.cleaned_data["title"],
                dossier=form.cleaned_data["dossier"],
                selection_round=form.cleaned_data.get("selection_round"),
            )
        except services.RegionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Draft programme created from the case: %(points)s evaluation points, the "
                    "phase plan and the circular strategies were copied."
                )
                % {"points": len(case.points)},
            )
            return redirect(programme)
    return render(
        request,
        "region/case_copy.html",
        {"case": case, "form": form, "has_dossiers": form.fields["dossier"].queryset.exists()},
    )


@access.region_view
def case_compare(request):
    choices = selectors.case_choices()
    form = CompareForm(request.GET or None, choices=choices)
    cases = []
    if form.is_bound and form.is_valid():
        cases = [
            access.case_to_view(form.cleaned_data["a"]),
            access.case_to_view(form.cleaned_data["b"]),
        ]
    return render(request, "region/case_compare.html", {"form": form, "cases": cases})


@access.region_view
def figures(request):
    return render(request, "region/figures.html", {"figures": selectors.region_figures()})


@login_required
def share_list(request):
    """The active municipality's evaluated pilots, and whether each is shared."""
    require(permissions.can_publish(request.user))
    pilots = list(selectors.publishable_pilots())
    shared = selectors.live_cases_by_pilot(pilot_ids=[p.pk for p in pilots])
    rows = [(pilot, shared.get(pilot.pk)) for pilot in pilots]
    return render(
        request,
        "region/share_list.html",
        {"rows": rows, "has_region": bool(request.workplace.region_ids)},
    )


@login_required
@require_http_methods(["GET", "POST"])
@once_per_token
def case_publish(request, pilot_id: int):
    """The preview of exactly what will be shared, with the optional parts to tick; POST
    publishes."""
    pilot = access.pilot_to_publish(request.user, pilot_id)
    full = selectors.case_snapshot(pilot_id=pilot.pk)
    # An empty POST (nothing ticked) is still a submission.
    data = request.POST if request.method == "POST" else None
    form = PublishForm(data, report_available=full.optional["report"] is not None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_publish(
                pilot_id=pilot.pk,
                user=request.user,
                share_lessons=form.cleaned_data["share_lessons"],
                share_factors=form.cleaned_data["share_factors"],
                share_report=form.cleaned_data.get("share_report", False),
            )
        except services.RegionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The case is shared with the region."))
            return redirect(case)
    return render(
        request,
        "region/case_publish.html",
        {
            "pilot": pilot,
            "case": full.case,
            "phase_rows": selectors.phase_rows(full.case.phase_plan),
            "optional": full.optional,
            "form": form,
            "existing": selectors.live_case_of(pilot=pilot),
        },
    )
