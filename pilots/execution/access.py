"""What a user may record of a pilot's execution: the pilot (404 when they may not see it,
403 when they may not record), by the policy of `pilots.common.access`."""

from pilots import permissions
from pilots.approval.access import pilot_for_viewer
from pilots.approval.models import Pilot
from pilots.common.access import found_or_404, require

from .models import MarketDialogue


def pilot_for_recorder(user, pk: int) -> Pilot:
    pilot = pilot_for_viewer(user, pk)
    require(permissions.can_record_execution(user))
    return pilot


def market_dialogue_of(*, pilot: Pilot, dialogue_id: int) -> MarketDialogue:
    """A market dialogue of `pilot`; 404 for one of another pilot."""
    return found_or_404(lambda: MarketDialogue.objects.get(pk=dialogue_id, pilot=pilot))
