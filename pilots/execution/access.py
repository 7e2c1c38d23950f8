"""What a user may record of a pilot's execution: the pilot (404 when they may not see it,
403 when they may not record), by the policy of `pilots.common.access`."""

from pilots import permissions
from pilots.approval.access import pilot_for_viewer
from pilots.approval.models import Pilot
from pilots.common.access import found_or_404, require, visible_or_404

from .models import MarketDialogue


def pilot_for_recorder(user, pk: int) -> Pilot:
    pilot = pilot_for_viewer(user, pk)
    require(permissions.can_record_execution(user))
    return pilot


def market_dialogue_of(*, pilot: Pilot, dialogue_id: int) -> MarketDialogue:
    """A market dialogue of `pilot`; 404 for one of another pilot."""
    return found_or_404(lambda: MarketDialogue.objects.get(pk=dialogue_id, pilot=pilot))


def market_dialogue_for_viewer(user, pk: int) -> MarketDialogue:
    """A market dialogue, or 404 for whoever may not see programmes."""
    return visible_or_404(
        allowed=permissions.can_view_programmes(user),
        load=lambda: MarketDialogue.objects.select_related("pilot").get(pk=pk),
    )
