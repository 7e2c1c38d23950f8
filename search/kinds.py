"""What the search finds, kind by kind, and who sees it.

Each kind names the permission and the queryset of its own list page, so the search shows
exactly what that list would show the same user: one rule, in its own app's place. The
fields are those the kind is found by: `references` (also found by any part of them),
`names` (titles and names, also found with a typo by trigram similarity on PostgreSQL) and
`texts` (descriptions, by their words only).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from pilots import permissions as pilots_permissions
from pilots.approval import selectors as approval_selectors
from procurement import permissions as procurement_permissions
from procurement.dossiers import selectors as dossier_selectors
from procurement.selection import selectors as selection_selectors
from stakeholders import permissions as stakeholder_permissions
from stakeholders import selectors as stakeholder_selectors


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class Kind:
    key: str
    label: object
    visible: Callable[[object], bool]
    queryset: Callable[[object], QuerySet]
    names: tuple[str, ...]
    texts: tuple[str, ...]
    hit: Callable[[object], Hit]
    list_url: str | None = None
    references: tuple[str, ...] = ()

    def list_link(self, query: str) -> str | None:
        """The kind's own list, filtered by its search box with the same words."""
        if self.list_url is None:
            return None
        return f"{reverse(self.list_url)}?{urlencode({'q': query})}"


def _dossier_hit(dossier) -> Hit:
    url = dossier.get_absolute_url()
    if not dossier.is_own:
        url += f"?lead={dossier.municipality_id}"
    return Hit(
        title=f"{dossier.reference} · {dossier.title}",
        url=url,
        detail=str(dossier.get_status_display()),
    )


def _round_hit(selection_round) -> Hit:
    return Hit(
        title=selection_round.title,
        url=selection_round.get_absolute_url(),
        detail=f"{selection_round.get_status_display()} · "
        f"{date_format(selection_round.deadline, 'SHORT_DATE_FORMAT')}",
    )


def _programme_hit(programme) -> Hit:
    return Hit(
        title=programme.title,
        url=programme.get_absolute_url(),
        detail=str(programme.get_status_display()),
    )


def _pilot_hit(pilot) -> Hit:
    return Hit(
        title=f"{pilot.dossier.reference} · {pilot.dossier.title}",
        url=pilot.get_absolute_url(),
        detail=pilot.programme.title,
    )


def _person_hit(person) -> Hit:
    affiliation = person.department or person.organisation
    parts = [part for part in (person.job_title, str(affiliation or "")) if part]
    return Hit(title=str(person), url=person.get_absolute_url(), detail=" · ".join(parts))


def _organisation_hit(organisation) -> Hit:
    return Hit(
        title=organisation.name,
        url=organisation.get_absolute_url(),
        detail=str(organisation.get_kind_display()),
    )


def _consultation_hit(consultation) -> Hit:
    return Hit(
        title=consultation.title,
        url=consultation.get_absolute_url(),
        detail=date_format(consultation.held_on, "SHORT_DATE_FORMAT"),
    )


KINDS: tuple[Kind, ...] = (
    Kind(
        key="dossiers",
        label=_("Dossiers"),
        visible=procurement_permissions.can_view_dossiers,
        queryset=lambda user: dossier_selectors.visible_dossiers(),
        references=("reference",),
        names=("title",),
        texts=("description",),
        hit=_dossier_hit,
        list_url="procurement:dossier_list",
    ),
    Kind(
        key="rounds",
        label=_("Inventory rounds"),
        visible=procurement_permissions.can_view_selection,
        queryset=lambda user: selection_selectors.round_queryset(),
        names=("title",),
        texts=("question",),
        hit=_round_hit,
        list_url="selection:round_list",
    ),
    Kind(
        key="programmes",
        label=_("Programmes"),
        visible=pilots_permissions.can_view_programmes,
        queryset=lambda user: approval_selectors.programme_queryset(),
        names=("title",),
        texts=("purpose",),
        hit=_programme_hit,
        list_url="pilots:programme_list",
    ),
    Kind(
        key="pilots",
        label=_("Pilots"),
        visible=pilots_permissions.can_view_programmes,
        queryset=lambda user: approval_selectors.pilot_queryset(),
        references=("dossier__reference",),
        names=("dossier__title",),
        texts=("scope",),
        hit=_pilot_hit,
        list_url="pilots:pilot_list",
    ),
    Kind(
        key="people",
        label=_("People"),
        visible=stakeholder_permissions.can_view_register,
        queryset=lambda user: stakeholder_selectors.person_queryset().filter(
            erased_at__isnull=True
        ),
        names=("full_name",),
        texts=("job_title",),
        hit=_person_hit,
        list_url="stakeholders:person_list",
    ),
    Kind(
        key="organisations",
        label=_("Organisations"),
        visible=stakeholder_permissions.can_view_register,
        queryset=lambda user: stakeholder_selectors.organisation_queryset(),
        names=("name",),
        texts=("description",),
        hit=_organisation_hit,
        list_url="stakeholders:organisation_list",
    ),
    Kind(
        key="consultations",
        label=_("Consultations"),
        visible=stakeholder_permissions.can_view_register,
        queryset=lambda user: stakeholder_selectors.consultation_queryset(user=user),
        names=("title",),
        texts=("minutes",),
        hit=_consultation_hit,
        list_url="stakeholders:consultation_list",
    ),
)


def kinds_for(user) -> list[Kind]:
    """The kinds `user` may search: those whose list page they may open."""
    return [kind for kind in KINDS if kind.visible(user)]
