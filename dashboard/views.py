from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from core.roles import works_here
from pilots.advice import selectors as advice_selectors
from region import permissions as region_permissions
from stakeholders.selectors import my_open_action_items, person_for_user

from . import selectors


@login_required
def home(request):
    if not works_here(request.user):
        return _elsewhere(request)
    pipeline = selectors.pipeline_counts()
    return render(
        request,
        "dashboard/home.html",
        {
            "person": person_for_user(request.user),
            "pipeline": pipeline,
            "pipeline_total": sum(row["count"] for row in pipeline) or 1,
            "deadlines": selectors.upcoming_deadlines(),
            "my_dossiers": selectors.my_department_dossiers(user=request.user),
            "inventory_requests": selectors.open_inventory_requests(user=request.user),
            "awaiting": selectors.awaiting_my_decision(user=request.user),
            "my_action_items": my_open_action_items(user=request.user),
        },
    )


def _elsewhere(request):
    """Whoever works for no municipality starts where they have work: a coordinator in the
    region's library, an external advisor at their invitations."""
    if region_permissions.may_see_library_in_nav(request):
        return redirect("region:case_list")
    if advice_selectors.has_running_invitations(user=request.user):
        return redirect("pilots:advice_list")
    return render(request, "dashboard/no_municipality.html")
