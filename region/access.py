"""What a user may see of the region (404 otherwise) and change (403 otherwise), and the
scope the region's pages read in.

The middleware activates the user's municipality and its region; the region's pages add the
regions the user coordinates (`region_view`), in this one place, so a coordinator reads the
library and the figures while the municipality dimension stays as it was: a coordinator who
works for no municipality still sees no internal data at all.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _
from django_scopes import scope

from pilots.common.access import found_or_404, require

from . import permissions, selectors
from .models import PilotCase


def region_view(view):
    """A login-required view that reads inside the regions the user may see; 404 for a user
    who may see none."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        region_ids = permissions.library_region_ids(request)
        if not region_ids:
            raise Http404
        with scope(region=region_ids):
            return view(request, *args, **kwargs)

    return wrapped


def case_to_view(case_id) -> PilotCase:
    return found_or_404(lambda: selectors.live_cases().get(pk=case_id))


def case_to_withdraw(user, case_id) -> PilotCase:
    case = case_to_view(case_id)
    require(
        permissions.can_withdraw(user, case),
        _("Only procurement of the municipality that shared a case withdraws it."),
    )
    return case


def pilot_to_publish(user, pilot_id):
    """The active municipality's evaluated pilot (404 for another's or an unknown id); 403
    for a user who may not publish."""
    pilot = found_or_404(lambda: selectors.publishable_pilots().get(pk=pilot_id))
    require(permissions.can_publish(user))
    return pilot


def copy_check(user) -> None:
    require(permissions.can_copy(user))
