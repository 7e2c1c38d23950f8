"""What a user may see of policy (404 otherwise) and what they may change (403 otherwise), by
the policy of `pilots.common.access`."""

from pilots import permissions
from pilots.common.access import require, visible_or_404

from . import selectors
from .models import PolicyRecommendation


def recommendation_for_viewer(user, pk: int) -> PolicyRecommendation:
    """The recommendation with its evaluations and events, or 404."""
    return visible_or_404(
        allowed=permissions.can_view_policy(user),
        load=lambda: selectors.recommendation_for_detail(pk=pk),
    )


def recommendation_for_manager(user, pk: int) -> PolicyRecommendation:
    """The recommendation whose text the user may change, 403 when they may only read it."""
    recommendation = recommendation_for_viewer(user, pk)
    require(permissions.can_manage_recommendations(user))
    return recommendation
