"""The procedure suggestion at every threshold boundary: just below, at, just above."""

import datetime
from decimal import Decimal

import pytest

from procurement.dossiers.procedures import low_value_limit, procedure_suggest

ON_2026 = datetime.date(2026, 6, 1)
ON_2025 = datetime.date(2025, 6, 1)
CENT = Decimal("0.01")

LOW_VALUE = "beperkte-waarde"
NEGOTIATED = "onderhandelingsprocedure-zonder-bekendmaking"
SIMPLIFIED = "vereenvoudigde-onderhandelingsprocedure"
OPEN = "openbare-procedure"


def suggest(subject, value, on_date=ON_2026):
    procedure = procedure_suggest(subject_type=subject, value=Decimal(value), on_date=on_date)
    return procedure.code if procedure else None


@pytest.mark.django_db
@pytest.mark.parametrize("subject", ["works", "supplies", "services"])
@pytest.mark.parametrize(
    ("limit", "below", "at_and_above"),
    [(Decimal("30000"), LOW_VALUE, NEGOTIATED), (Decimal("143000"), NEGOTIATED, SIMPLIFIED)],
)
def test_shared_thresholds_apply_to_every_subject(subject, limit, below, at_and_above):
    assert suggest(subject, limit - CENT) == below
    assert suggest(subject, limit) == at_and_above
    assert suggest(subject, limit + CENT) == at_and_above


@pytest.mark.django_db
def test_works_stay_simplified_below_750000():
    assert suggest("works", Decimal("750000") - CENT) == SIMPLIFIED
    assert suggest("works", "750000") == OPEN
    assert suggest("works", Decimal("750000") + CENT) == OPEN


@pytest.mark.django_db
@pytest.mark.parametrize("subject", ["supplies", "services"])
def test_supplies_and_services_follow_the_eu_threshold_of_2026(subject):
    assert suggest(subject, Decimal("216000") - CENT) == SIMPLIFIED
    assert suggest(subject, "216000") == OPEN
    assert suggest(subject, Decimal("216000") + CENT) == OPEN


@pytest.mark.django_db
@pytest.mark.parametrize("subject", ["supplies", "services"])
def test_the_eu_threshold_of_2024_2025_applies_on_its_own_dates(subject):
    assert suggest(subject, "218000", on_date=ON_2025) == SIMPLIFIED
    assert suggest(subject, "218000", on_date=ON_2026) == OPEN
    assert suggest(subject, Decimal("221000") - CENT, on_date=ON_2025) == SIMPLIFIED
    assert suggest(subject, "221000", on_date=ON_2025) == OPEN


@pytest.mark.django_db
def test_the_last_day_of_a_threshold_still_counts():
    assert suggest("supplies", "218000", on_date=datetime.date(2025, 12, 31)) == SIMPLIFIED
    assert suggest("supplies", "218000", on_date=datetime.date(2026, 1, 1)) == OPEN


@pytest.mark.django_db
def test_zero_is_a_low_value_contract():
    assert suggest("supplies", "0") == LOW_VALUE


@pytest.mark.django_db
def test_no_suggestion_before_the_threshold_data_starts():
    assert suggest("supplies", "1000", on_date=datetime.date(2023, 12, 31)) is None


@pytest.mark.django_db
def test_a_new_threshold_row_changes_the_suggestion_without_code(django_db_setup):
    from procurement.models import ProcedureThreshold, ProcedureType

    ProcedureThreshold.objects.create(
        procedure_type=ProcedureType.objects.get(code=NEGOTIATED),
        upper_limit=Decimal("150000"),
        valid_from=datetime.date(2028, 1, 1),
    )
    assert suggest("services", "145000", on_date=datetime.date(2027, 12, 31)) == SIMPLIFIED
    assert suggest("services", "145000", on_date=datetime.date(2028, 1, 1)) == NEGOTIATED


@pytest.mark.django_db
def test_the_low_value_limit_is_read_from_the_row_valid_on_the_date():
    from procurement.models import ProcedureThreshold

    rows = ProcedureThreshold.objects.filter(procedure_type__code=LOW_VALUE)
    rows.update(valid_until=datetime.date(2027, 12, 31))
    ProcedureThreshold.objects.create(
        procedure_type=rows.get().procedure_type,
        upper_limit=Decimal("35000"),
        valid_from=datetime.date(2028, 1, 1),
    )
    assert low_value_limit(on_date=datetime.date(2027, 12, 31)) == Decimal("30000")
    assert low_value_limit(on_date=datetime.date(2028, 1, 1)) == Decimal("35000")
    assert low_value_limit(on_date=datetime.date(2023, 12, 31)) is None


@pytest.mark.django_db
def test_when_low_value_rows_overlap_the_most_recent_one_counts():
    from procurement.models import ProcedureThreshold

    old = ProcedureThreshold.objects.get(procedure_type__code=LOW_VALUE)
    ProcedureThreshold.objects.create(
        procedure_type=old.procedure_type,
        upper_limit=Decimal("25000"),
        valid_from=datetime.date(2028, 1, 1),
    )
    assert low_value_limit(on_date=datetime.date(2028, 6, 1)) == Decimal("25000")
    assert low_value_limit(on_date=datetime.date(2027, 6, 1)) == Decimal("30000")
