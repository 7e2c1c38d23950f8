"""What a user may see (404 otherwise) and change (403 otherwise) of advisor invitations, by
the policy of `pilots.common.access`."""

import datetime

from django.http import Http404
from django.utils import timezone

from pilots.approval.access import programme_for_viewer
from pilots.approval.models import Programme
from pilots.common.access import found_or_404, require

from . import rules, selectors
from .models import Invitation
from .permissions import can_manage_advisors


def invitation_for_advisor(user, pk: int, *, today: datetime.date | None = None) -> Invitation:
    """The advisor's own live invitation, with its programme and municipality; 404 for an
    ended, expired or someone else's invitation, exactly as for one that does not exist."""
    invitation = selectors.advisor_invitation(user=user, pk=pk)
    if not rules.invitation_is_live(invitation, user=user, today=today or timezone.localdate()):
        raise Http404
    return invitation


def programme_for_advisor_manager(user, pk: int) -> Programme:
    """The programme whose advisors the user manages; 404 for whoever may not see it (another
    municipality's id included), 403 for whoever sees it but is not its officer."""
    programme = programme_for_viewer(user, pk)
    require(can_manage_advisors(user, programme))
    return programme


def invitation_for_manager(user, pk: int, invitation_id: int) -> Invitation:
    """An invitation to programme `pk` that the user manages; 404 for one of another
    programme."""
    programme = programme_for_advisor_manager(user, pk)
    invitation = found_or_404(
        lambda: Invitation.objects.select_related("advisor").get(
            programme=programme, pk=invitation_id
        )
    )
    invitation.programme = programme
    return invitation
