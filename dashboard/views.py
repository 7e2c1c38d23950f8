from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from stakeholders.selectors import my_open_action_items, person_for_user

from . import selectors


@login_required
def home(request):
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
