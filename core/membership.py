"""Which municipality a user works for in this request, and in which roles."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef

from .models import Membership, Municipality

SESSION_KEY = "draagvlak_municipality"

# Figures an app above core adds to each municipality a user may work in, read with the same
# query, so the navigation pays no query for them (the notifications' unread count): an
# attribute name and a function of the user giving the annotation's expression.
_figures: dict[str, Callable] = {}


def workplace_figure_register(name: str, expression_for: Callable) -> None:
    _figures[name] = expression_for


@dataclass(frozen=True)
class Workplace:
    """The municipality a request works in, the ones the user may switch to, and the user's
    roles there."""

    municipality: Municipality | None
    choices: tuple[Municipality, ...] = ()
    roles: frozenset[str] = frozenset()

    @property
    def region_ids(self) -> list[int]:
        """The region whose shared cases a member may read; a coordinator's regions are
        added by the region's own pages."""
        if self.municipality is None or not self.municipality.region_id:
            return []
        return [self.municipality.region_id]


def workplace_of(user, chosen_id=None) -> Workplace:
    """Two queries a request. Active memberships are read every time, so a user removed from
    a municipality loses access at the next request. A superuser may work in any."""
    if not user.is_authenticated:
        return Workplace(None)
    memberships = Municipality.objects.filter(memberships__user=user, memberships__is_active=True)
    figures = {name: expression_for(user) for name, expression_for in _figures.items()}
    if user.is_superuser:
        # Any municipality; the ones they are a member of first, so that one is the default.
        choices = tuple(
            Municipality.objects.annotate(
                member=Exists(memberships.filter(pk=OuterRef("pk"))), **figures
            ).order_by("-member", "name")
        )
    else:
        choices = tuple(memberships.annotate(**figures))
    if not choices:
        return Workplace(None)
    municipality = next((m for m in choices if m.pk == chosen_id), choices[0])
    roles = frozenset(
        Group.objects.filter(
            memberships__user=user,
            memberships__municipality=municipality,
            memberships__is_active=True,
        ).values_list("name", flat=True)
    )
    return Workplace(municipality, choices, roles)


def grant_roles(user, municipality: Municipality, *roles: str) -> Membership:
    """Makes `user` work for `municipality` (again), in `roles` besides any they hold."""
    membership, _created = Membership.objects.get_or_create(user=user, municipality=municipality)
    if not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    membership.roles.add(*Group.objects.filter(name__in=roles))
    return membership


FIRST_NIS_CODE = "00000"


def first_municipality() -> Municipality:
    """The municipality an installation of one city has; every row from before the region
    belongs to it (see the migration core.0002)."""
    return Municipality.objects.get_or_create(
        nis_code=FIRST_NIS_CODE, defaults={"name": "Stad Voorbeeld"}
    )[0]
