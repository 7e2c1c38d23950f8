"""The fingerprint covers the dossier fields the programme shows: a dossier's value raised
after approval no longer reads as approved. Decisions recorded before it did still match on
what they covered."""

from decimal import Decimal

import pytest

from pilots.approval import selectors
from pilots.models import Decision
from procurement.models import Dossier

pytestmark = pytest.mark.django_db


def _match(programme):
    programme = selectors.programme_for_detail(pk=programme.pk)
    return selectors.approval_match(
        programme=programme,
        fingerprint=selectors.programme_fingerprint(programme=programme),
        legacy_fingerprint=selectors.programme_legacy_fingerprint(programme=programme),
    )


@pytest.fixture
def approved(submitted, decide):
    decide("director", submitted)
    decide("cell", submitted)
    decide("mat", submitted)
    return submitted


def test_a_dossier_value_raised_after_approval_no_longer_matches(approved):
    assert _match(approved)["matches"]
    dossier = approved.pilots.first().dossier
    Dossier.objects.filter(pk=dossier.pk).update(
        estimated_value=dossier.estimated_value + Decimal("50000")
    )
    assert not _match(approved)["matches"]


@pytest.mark.parametrize("field", ["title", "department"])
def test_the_dossier_title_and_department_are_covered_too(approved, field):
    dossier = approved.pilots.first().dossier
    if field == "title":
        Dossier.objects.filter(pk=dossier.pk).update(title="Een andere titel")
    else:
        other = type(dossier.department).objects.exclude(pk=dossier.department_id).first()
        Dossier.objects.filter(pk=dossier.pk).update(department=other)
    assert not _match(approved)["matches"]


def test_a_decision_recorded_before_the_dossier_fields_counted_still_matches(approved):
    programme = selectors.programme_for_detail(pk=approved.pk)
    legacy = selectors.programme_legacy_fingerprint(programme=programme)
    assert legacy != selectors.programme_fingerprint(programme=programme)
    legacy_pilots = programme.content(pilots=programme.pilots.all(), legacy=True)["pilots"]
    assert not any(key.startswith("dossier_") for pilot in legacy_pilots for key in pilot)
    decided = Decision.objects.filter(programme=approved).order_by("-pk").first().fingerprint
    # Such a decision carries the older fingerprint: the current one no longer equals it.
    match = selectors.approval_match(
        programme=programme, fingerprint="newer", legacy_fingerprint=decided
    )
    assert match["matches"]
    assert not selectors.approval_match(programme=programme, fingerprint="newer")["matches"]
