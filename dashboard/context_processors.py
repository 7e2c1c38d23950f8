from core.roles import user_roles
from notifications import selectors as notification_selectors
from pilots import permissions as pilots_permissions
from pilots.advice import selectors as advice_selectors
from pilots.approval import selectors as pilots_selectors
from procurement import permissions as procurement_permissions
from region import permissions as region_permissions
from stakeholders import permissions as stakeholder_permissions


def navigation(request):
    """What the navigation shows: only the places the user's roles can reach."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    programmes = pilots_permissions.can_view_programmes(user)
    return {
        "nav": {
            "dossiers": procurement_permissions.can_view_dossiers(user),
            "selection": procurement_permissions.can_view_selection(user),
            "programmes": programmes,
            "pilots": programmes,
            "policy": pilots_permissions.can_view_policy(user),
            "awaiting": pilots_selectors.awaiting_count(user=user) if programmes else 0,
            "stakeholders": stakeholder_permissions.can_view_register(user),
            "region": region_permissions.may_see_library_in_nav(request),
            "admin": user.is_staff,
            # An external advisor has no role here; only then is it worth a query.
            "advice": not programmes and advice_selectors.has_running_invitations(user=user),
            "roles": sorted(user_roles(user)),
            "unread": notification_selectors.unread_in_navigation(request),
        }
    }
