from core.roles import user_roles
from procurement import permissions as procurement_permissions
from stakeholders import permissions as stakeholder_permissions


def navigation(request):
    """What the navigation shows: only the places the user's roles can reach."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav": {
            "dossiers": procurement_permissions.can_view_dossiers(user),
            "stakeholders": stakeholder_permissions.can_view_register(user),
            "admin": user.is_staff,
            "roles": sorted(user_roles(user)),
        }
    }
