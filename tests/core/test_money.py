"""One format for money throughout (core/money.py): `€ 120.000,00` in Dutch, `€ 120,000.00`
in English, also for an evaluation point measured in euros."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.money import euro, quantity


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl-be", "€\u00a0120.000,00"), ("en", "€\u00a0120,000.00")],
)
def test_an_amount_reads_with_the_euro_sign_first_and_two_decimals(language, expected):
    with translation.override(language):
        assert euro(Decimal("120000")) == expected
        assert euro("120000.00") == expected
    assert euro(None) == ""


def test_a_point_in_euros_reads_as_money_and_other_units_as_numbers():
    with translation.override("nl-be"):
        assert quantity(Decimal("90000.00"), "€") == "€\u00a090.000,00"
        assert quantity(Decimal("90000"), " EUR ") == "€\u00a090.000,00"
        assert quantity(Decimal("12500.00"), "kg") == "12.500\u00a0kg"
        assert quantity(Decimal("34.50"), "%") == "34,50\u00a0%"
        assert quantity(Decimal("3"), "") == "3"
        assert quantity(Decimal("15"), "werkdagen") == "15 werkdagen"  # may wrap
        rendered = Template("{% load draagvlak %}{{ value|quantity:unit }}").render(
            Context({"value": Decimal("120000"), "unit": "€"})
        )
        assert rendered == "€\u00a0120.000,00"
