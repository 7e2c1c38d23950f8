"""Who may do what with the region's case library, by role and by region.

Members of a municipality read the cases of their municipality's region; a regional
coordinator (`Region.coordinators`) reads the cases and figures of the regions they
coordinate, and nothing of any member's internal data. Publishing, withdrawing and copying
are procurement's, in the municipality the user works for.
"""

from core.roles import is_procurement
from core.scoping import active_municipality_id
from pilots import permissions as pilots_permissions


def library_region_ids(request) -> list[int]:
    """The regions whose cases `request`'s user may read: their municipality's region and
    the regions they coordinate. One query, only for a user outside any region (a
    coordinator usually works for no municipality)."""
    workplace = getattr(request, "workplace", None)
    own = list(workplace.region_ids) if workplace is not None else []
    user = request.user
    if not user.is_authenticated:
        return []
    cached = getattr(request, "_region_coordinated", None)
    if cached is None:
        cached = list(user.coordinated_regions.values_list("pk", flat=True))
        request._region_coordinated = cached
    return sorted(set(own) | set(cached))


def may_see_library_in_nav(request) -> bool:
    """The navigation's "Region" item, without a query for a member of a region: a member of
    a municipality outside any region is asked only when they work for no municipality."""
    workplace = getattr(request, "workplace", None)
    if workplace is not None and workplace.region_ids:
        return True
    if workplace is not None and workplace.municipality is not None:
        return False
    return bool(library_region_ids(request))


def can_publish(user) -> bool:
    """Procurement of the municipality that owns the pilot (the pilot is read through the
    municipality scope, so it is always the active municipality's)."""
    return is_procurement(user)


def can_withdraw(user, case) -> bool:
    return is_procurement(user) and case.municipality_id == active_municipality_id()


def can_copy(user) -> bool:
    """Starting a programme of one's own from a case: who writes programmes."""
    return active_municipality_id() is not None and pilots_permissions.can_write_programme(user)
