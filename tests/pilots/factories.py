"""Programmes built through the services, as the app builds them."""

import datetime
from decimal import Decimal

from django.utils import timezone

from pilots.approval import services
from tests.factories import DossierFactory


def programme_fields(**overrides) -> dict:
    return {
        "title": "Proeftraject circulair aankopen",
        "purpose": "Leren circulair aankopen met twee pilots.",
        "budget": Decimal("25000.00"),
        "funding_channel": "Budget Aankopen",
        "start_date": timezone.localdate() + datetime.timedelta(days=7),
        "risks": "Langere doorlooptijd.",
        "agreements": "Maandelijkse opvolging.",
        **overrides,
    }


def make_programme(*, user, dossiers=None, **overrides):
    if dossiers is None:
        dossiers = [DossierFactory(), DossierFactory()]
    return services.programme_create(user=user, dossiers=dossiers, **programme_fields(**overrides))


CONTENT_FIELDS = [
    "title",
    "purpose",
    "context",
    "budget",
    "funding_channel",
    "start_date",
    "risks",
    "agreements",
]


def edit_programme(programme, *, user, dossiers=None, **changes):
    """Saves `programme` through the service: what it holds, with `changes` on top; its
    pilots' dossiers unless `dossiers` says otherwise."""
    if dossiers is None:
        dossiers = [pilot.dossier for pilot in programme.pilots.all()]
    values = {name: getattr(programme, name) for name in CONTENT_FIELDS}
    return services.programme_update(
        programme_id=programme.pk, user=user, dossiers=dossiers, **{**values, **changes}
    )
