"""Reads of policy: the recommendations with what they rest on, and the draft policy.

`policy_recommendations` is also what the evaluation report reads.
"""

from django.db.models import Prefetch

from pilots.approval.models import Programme
from pilots.evaluation.models import PilotEvaluation

from .models import PolicyRecommendation, RecommendationEvent, Theme


def policy_recommendations(*, programme: Programme | None = None, statuses=None):
    """Recommendations with the evaluations they rest on (and those evaluations' pilots),
    ordered by theme."""
    queryset = PolicyRecommendation.objects.select_related("programme").prefetch_related(
        Prefetch(
            "evaluations",
            queryset=PilotEvaluation.objects.select_related("pilot__dossier").order_by(
                "pilot__dossier__reference"
            ),
        )
    )
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    if statuses is not None:
        queryset = queryset.filter(status__in=statuses)
    return queryset.order_by("theme", "title", "pk")


# The draft policy reads adopted recommendations first, then those still on the table.
DRAFT_ORDER = {
    PolicyRecommendation.Status.ADOPTED: 0,
    PolicyRecommendation.Status.DISCUSSED: 1,
    PolicyRecommendation.Status.PROPOSED: 2,
}


def policy_draft(*, programme: Programme | None = None) -> dict:
    """The draft strategic procurement policy: per theme (in the order of `Theme`), the
    recommendations that are not rejected, adopted ones first. Rejected ones are counted."""
    recommendations = list(policy_recommendations(programme=programme))
    themes = []
    for value, label in Theme.choices:
        items = sorted(
            (
                r
                for r in recommendations
                if r.theme == value and r.status != PolicyRecommendation.Status.REJECTED
            ),
            key=lambda r: (DRAFT_ORDER[r.status], r.title),
        )
        if items:
            themes.append({"value": value, "label": label, "recommendations": items})
    statuses = PolicyRecommendation.Status
    return {
        "themes": themes,
        "adopted": sum(r.status == statuses.ADOPTED for r in recommendations),
        "open": sum(r.status in (statuses.PROPOSED, statuses.DISCUSSED) for r in recommendations),
        "rejected": [r for r in recommendations if r.status == statuses.REJECTED],
    }


def recommendation_for_detail(*, pk: int) -> PolicyRecommendation:
    events = RecommendationEvent.objects.select_related("recorded_by__person")
    return policy_recommendations().prefetch_related(Prefetch("events", queryset=events)).get(pk=pk)


def evaluations_for_choice():
    return PilotEvaluation.objects.select_related("pilot__dossier", "pilot__programme").order_by(
        "pilot__programme__title", "pilot__dossier__reference"
    )
