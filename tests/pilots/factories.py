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
    return services.programme_create(
        user=user, fields=programme_fields(**overrides), dossiers=dossiers
    )
