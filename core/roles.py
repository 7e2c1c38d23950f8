"""The roles of Draagvlak. Each role is a Django group; the group's name is the role's value.

A role holds within a municipality: a membership gives a user roles in one municipality, and
only the roles of the active municipality count. Every permission module asks through these
helpers, so a role is spelled in one place. The middleware puts the active roles on the user
once per request; elsewhere (commands, reminders, tests) they are read for the active scope.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Membership
from .scoping import active_municipality_ids


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
        cached = frozenset(
            Membership.objects.filter(
                user=user, is_active=True, municipality_id__in=active_municipality_ids()
            ).values_list("roles__name", flat=True)
        ) - {None}
        user._draagvlak_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return not user_roles(user).isdisjoint(roles)


def is_procurement(user) -> bool:
    return has_role(user, *PROCUREMENT_ROLES)


def holds_role_q(*roles: str, prefix: str = "") -> Q:
    """Users (reached through `prefix`, e.g. "user__") who hold one of `roles` in the active
    municipality. One Q, so that every condition is about the same membership."""
    return Q(
        **{
            f"{prefix}memberships__roles__name__in": roles,
            f"{prefix}memberships__municipality_id__in": active_municipality_ids(),
            f"{prefix}memberships__is_active": True,
        }
    )


def works_here(user) -> bool:
    """Whether `user` works for the active municipality (an active membership, or a
    superuser working in it). A coordinator or an external advisor does not: they see no
    municipality's internal pages."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_draagvlak_works_here", None)
    if cached is None:
        ids = active_municipality_ids()
        cached = bool(ids) and (
            user.is_superuser
            or Membership.objects.filter(
                user=user, is_active=True, municipality_id__in=ids
            ).exists()
        )
        user._draagvlak_works_here = cached
    return cached
