"""The roles of Draagvlak. Each role is a Django group; the group's name is the role's value.

Every permission module asks through these helpers, so a role is spelled in one place. The
user's group names are read once per request and cached on the user object.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DEPARTMENT_STAFF = "department-staff", _("Department staff")
    PROCUREMENT_OFFICER = "procurement-officer", _("Procurement officer")
    HEAD_OF_PROCUREMENT = "head-of-procurement", _("Head of procurement")
    FINANCIAL_DIRECTOR = "financial-director", _("Financial director")
    STRATEGIC_CELL = "strategic-cell", _("Strategic cell")
    MAT_MEMBER = "mat-member", _("MAT member or secretary")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that run the procurement side: edit all dossiers, run selection, write proposals.
PROCUREMENT_ROLES = frozenset({Role.PROCUREMENT_OFFICER, Role.HEAD_OF_PROCUREMENT})


def user_roles(user) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_draagvlak_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._draagvlak_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return not user_roles(user).isdisjoint(roles)


def is_procurement(user) -> bool:
    return has_role(user, *PROCUREMENT_ROLES)
