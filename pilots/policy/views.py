"""Pages of policy: the draft policy and the recommendations. Thin: fetch through `access`
(404 for what the user cannot see, 403 for what they cannot change), bind the form, call the
service, show its message."""

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
from core.roles import user_roles
from pilots import permissions
from pilots.common.access import require
from pilots.common.errors import PilotError
from pilots.common.forms import apply_error

from . import access, selectors, services
from .exports import RECOMMENDATION_COLUMNS
from .forms import RecommendationFilter, RecommendationForm, RecommendationMoveForm
from .models import PolicyRecommendation

# One whole sentence per status: "now %(status)s" read "nu aangenomen door het mat".
MOVED = {
    PolicyRecommendation.Status.PROPOSED: gettext_lazy("The recommendation is back to proposed."),
    PolicyRecommendation.Status.DISCUSSED: gettext_lazy(
        "The recommendation is marked as discussed."
    ),
    PolicyRecommendation.Status.ADOPTED: gettext_lazy("The MAT adopted the recommendation."),
    PolicyRecommendation.Status.REJECTED: gettext_lazy("The MAT rejected the recommendation."),
}

RECOMMENDATIONS = FilteredList(
    filterset=lambda request: RecommendationFilter(
        request.GET, queryset=selectors.policy_recommendations()
    ),
    template="pilots/policy/recommendation_list.html",
    results_template="pilots/policy/_recommendation_results.html",
    target="recommendation-results",
    export_name="aanbevelingen",
    sheet_title=gettext_lazy("Policy recommendations"),
)


@login_required
def policy_draft(request):
    require(permissions.can_view_policy(request.user))
    return render(
        request,
        "pilots/policy/policy_draft.html",
        {
            "draft": selectors.policy_draft(),
            "today": timezone.localdate(),
            "can_manage": permissions.can_manage_recommendations(request.user),
        },
    )


@login_required
def recommendation_list(request):
    require(permissions.can_view_policy(request.user))
    return RECOMMENDATIONS.render(
        request, context={"can_manage": permissions.can_manage_recommendations(request.user)}
    )


@login_required
def recommendation_export(request, file_format: str):
    require(permissions.can_view_policy(request.user))
    return RECOMMENDATIONS.export(request, file_format=file_format, columns=RECOMMENDATION_COLUMNS)


@login_required
def recommendation_detail(request, pk: int):
    recommendation = access.recommendation_for_viewer(request.user, pk)
    return render(
        request,
        "pilots/policy/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "can_edit": permissions.can_edit_recommendation(request.user, recommendation),
            "next_statuses": recommendation.next_statuses(roles=user_roles(request.user)),
        },
    )


@login_required
@once_per_token
def recommendation_edit(request, pk: int | None = None):
    if pk is None:
        require(permissions.can_view_policy(request.user))
        require(permissions.can_manage_recommendations(request.user))
        recommendation = None
    else:
        recommendation = access.recommendation_for_manager(request.user, pk)
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
                    evaluations=form.cleaned_data["evaluations"],
                    **form.service_fields(),
                )
            else:
                services.recommendation_update(
                    recommendation_id=recommendation.pk,
                    user=request.user,
                    evaluations=form.cleaned_data["evaluations"],
                    **form.service_fields(),
                )
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Recommendation saved."))
            return redirect(recommendation)
    return render(
        request,
        "pilots/policy/recommendation_form.html",
        {"form": form, "recommendation": recommendation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_move(request, pk: int):
    recommendation = access.recommendation_for_viewer(request.user, pk)
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
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(request, MOVED[event.to_status])
            return redirect(recommendation)
    return render(
        request,
        "pilots/policy/recommendation_move.html",
        {"recommendation": recommendation, "form": form},
    )
