"""Every write of policy that carries a rule: recommendations and their status changes."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.roles import Role, user_roles
from pilots import permissions
from pilots.approval.models import Programme
from pilots.common.access import require
from pilots.common.errors import PilotError
from pilots.common.validation import full_clean, not_in_future
from pilots.evaluation.models import PilotEvaluation

from .models import PolicyRecommendation, RecommendationEvent


@transaction.atomic
def recommendation_create(
    *,
    user,
    theme: str,
    title: str,
    text: str,
    programme: Programme | None = None,
    owner: str = Role.STRATEGIC_CELL,
    evaluations: Iterable[PilotEvaluation] = (),
) -> PolicyRecommendation:
    require(
        permissions.can_manage_recommendations(user),
        _("Only the strategic cell manages policy recommendations."),
    )
    recommendation = PolicyRecommendation(
        programme=programme, theme=theme, title=title, text=text, owner=owner, created_by=user
    )
    full_clean(recommendation)
    recommendation.save()
    recommendation.evaluations.set(evaluations)
    RecommendationEvent.objects.create(
        recommendation=recommendation,
        to_status=recommendation.status,
        recorded_by=user,
    )
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    recommendation_id: int,
    user,
    theme: str,
    title: str,
    text: str,
    programme: Programme | None,
    owner: str,
    evaluations: Iterable[PilotEvaluation],
) -> PolicyRecommendation:
    require(
        permissions.can_manage_recommendations(user),
        _("Only the strategic cell manages policy recommendations."),
    )
    recommendation = PolicyRecommendation.objects.select_for_update().get(pk=recommendation_id)
    if not recommendation.is_editable:
        raise PilotError(
            _("The MAT has decided on this recommendation; its text can no longer change.")
        )
    recommendation.programme, recommendation.theme, recommendation.owner = programme, theme, owner
    recommendation.title, recommendation.text = title, text
    full_clean(recommendation)
    recommendation.save(
        update_fields=["programme", "theme", "title", "text", "owner", "updated_at"]
    )
    recommendation.evaluations.set(evaluations)
    return recommendation


@transaction.atomic
def recommendation_move(
    *,
    recommendation_id: int,
    user,
    status: str,
    note: str = "",
    meeting_date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> RecommendationEvent:
    """Moves a recommendation along: the strategic cell discusses (or re-proposes) it, the MAT
    adopts or rejects it in a meeting."""
    today = today or timezone.localdate()
    recommendation = PolicyRecommendation.objects.select_for_update().get(pk=recommendation_id)
    refusal = recommendation.transition_refusal(status=status, roles=user_roles(user))
    if refusal:
        raise PilotError(refusal)
    note = note.strip()
    decided = status in PolicyRecommendation.DECIDED
    if decided:
        if meeting_date is None:
            raise PilotError(_("Enter the date of the MAT meeting."), field="meeting_date")
        not_in_future(meeting_date, field="meeting_date", today=today)
        if status == PolicyRecommendation.Status.REJECTED and not note:
            raise PilotError(_("Say why the MAT rejects it."), field="note")
    else:
        meeting_date = None
    event = RecommendationEvent.objects.create(
        recommendation=recommendation,
        from_status=recommendation.status,
        to_status=status,
        note=note,
        meeting_date=meeting_date,
        recorded_by=user,
    )
    recommendation.status = status
    recommendation.decided_on = meeting_date
    recommendation.save(update_fields=["status", "decided_on", "updated_at"])
    return event
