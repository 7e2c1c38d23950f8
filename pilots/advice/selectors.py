"""Reads of invitations, comments and the programme as an advisor sees it, each in a fixed
number of queries."""

import datetime

from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils import timezone

from core.scoping import scopes_disabled
from pilots.approval.models import Decision, Pilot, Programme
from pilots.documents.models import OfficialDocument
from pilots.evaluation.models import EvaluationPoint
from procurement.models import CircularStrategy

from .models import AdvisorComment, Invitation


def advisor_invitation(*, user, pk: int) -> Invitation | None:
    """The invitation `pk` if it is `user`'s, with its programme and municipality.

    An advisor works for no municipality, so their own scope is empty; their invitation is
    found outside it, by its id and its advisor together, and nothing else is read that way.
    Whether it still gives access is `rules.invitation_is_live`'s to say."""
    if not user.is_authenticated:
        return None
    with scopes_disabled():
        return (
            Invitation.objects.select_related("programme__municipality")
            .filter(pk=pk, advisor=user)
            .first()
        )


def advisor_invitations(*, user, today: datetime.date | None = None) -> list[Invitation]:
    """The advisor's running invitations, soonest ending first. Read outside the scope for the
    same reason as `advisor_invitation`, filtered on the advisor."""
    today = today or timezone.localdate()
    with scopes_disabled():
        return list(
            Invitation.objects.running(today=today)
            .filter(advisor=user)
            .select_related("programme__municipality")
            .order_by("ends_on", "pk")
        )


def has_running_invitations(*, user, today: datetime.date | None = None) -> bool:
    """Whether the navigation offers the advisor their invitations (one indexed query)."""
    if not user.is_authenticated:
        return False
    with scopes_disabled():
        return (
            Invitation.objects.running(today=today or timezone.localdate())
            .filter(advisor=user)
            .exists()
        )


def _comments() -> Prefetch:
    return Prefetch(
        "comments",
        queryset=AdvisorComment.objects.select_related("author__person").order_by(
            "created_at", "pk"
        ),
    )


def advisor_programme(*, programme_id: int) -> Programme:
    """The programme as the advisor reads it, inside its municipality's scope: its pilots
    with their dossier, strategies and evaluation points, the decisions so far and the
    official documents. No stakeholder data is read at all."""
    pilots = Pilot.objects.select_related("dossier").prefetch_related(
        Prefetch("circular_strategies", queryset=CircularStrategy.objects.order_by("code")),
        Prefetch("evaluation_points", queryset=EvaluationPoint.objects.order_by("category", "pk")),
    )
    return (
        Programme.objects.select_related("municipality")
        .prefetch_related(
            Prefetch("pilots", queryset=pilots),
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("stage", "revision").order_by(
                    "recorded_at", "pk"
                ),
            ),
            Prefetch(
                "official_documents",
                queryset=OfficialDocument.objects.order_by("kind", "-version"),
            ),
        )
        .get(pk=programme_id)
    )


def invitation_comments(*, invitation: Invitation) -> QuerySet[AdvisorComment]:
    """The thread, oldest first; through the invitation, so each comment knows it without a
    query (`AdvisorComment.is_by_advisor`)."""
    return invitation.comments.select_related("author__person").order_by("created_at", "pk")


def programme_invitations(*, programme: Programme) -> list[Invitation]:
    """The programme's invitations for its officers, newest first, each with its thread and
    how often and when last the advisor came."""
    return list(
        Invitation.objects.filter(programme=programme)
        .select_related("advisor__person", "invited_by__person", "ended_by")
        .annotate(access_count=Count("accesses"), last_access=Max("accesses__at"))
        .prefetch_related(_comments())
        .order_by("-created_at", "-pk")
    )


def invitation_accesses(*, invitation: Invitation, limit: int = 50):
    return invitation.accesses.order_by("-at", "-pk")[:limit]


def official_document_of(*, programme: Programme, document_id: int) -> OfficialDocument | None:
    return OfficialDocument.objects.filter(programme=programme, pk=document_id).first()
