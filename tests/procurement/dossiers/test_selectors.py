"""The dossier reads: which dossiers are open, which procedure a dossier follows, and the
list's filters."""

from decimal import Decimal

import pytest

from procurement.dossiers.selectors import dossier_filter
from procurement.models import Dossier, ProcedureType
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", Dossier.Status.values)
def test_a_dossier_is_open_until_it_is_closed_or_cancelled(status):
    DossierFactory(status=status)
    finished = status in (Dossier.Status.CLOSED, Dossier.Status.CANCELLED)
    assert Dossier.objects.open().exists() is not finished


def test_the_effective_procedure_is_the_chosen_one_else_the_suggested_one():
    low = ProcedureType.objects.get(code="beperkte-waarde")
    public = ProcedureType.objects.get(code="openbare-procedure")
    chosen = DossierFactory(procedure=public, suggested_procedure=low)
    suggested = DossierFactory(suggested_procedure=public)
    DossierFactory(suggested_procedure=low)
    DossierFactory()
    assert (chosen.effective_procedure, suggested.effective_procedure) == (public, public)
    assert chosen.effective_procedure_id == suggested.effective_procedure_id == public.pk
    assert set(Dossier.objects.with_procedure(public)) == {chosen, suggested}
    assert set(dossier_filter(params={"procedure": public.pk}).qs) == {chosen, suggested}


@pytest.mark.parametrize("typed", ["300.000", "300000", "300.000,00", "300,000.00"])
def test_the_amount_filter_reads_an_amount_as_people_type_it(typed):
    DossierFactory(estimated_value=Decimal("250000"))
    large = DossierFactory(estimated_value=Decimal("350000"))
    assert list(dossier_filter(params={"value_min": typed}).qs) == [large]
    assert large not in dossier_filter(params={"value_max": typed}).qs


def test_an_amount_that_is_no_amount_is_ignored_with_a_message():
    DossierFactory()
    dossiers = dossier_filter(params={"value_min": "veel"})
    assert dossiers.qs.count() == 1
    assert "value_min" in dossiers.errors


def test_the_list_sorts_by_the_names_its_columns_use():
    cheap = DossierFactory(estimated_value=Decimal("1000"), title="B")
    dear = DossierFactory(estimated_value=Decimal("9000"), title="A")
    assert list(dossier_filter(params={"sort": "-value"}).qs) == [dear, cheap]
    assert list(dossier_filter(params={"sort": "title"}).qs) == [dear, cheap]
    assert list(dossier_filter(params={}).qs) == sorted(
        [cheap, dear], key=lambda d: d.reference, reverse=True
    )
