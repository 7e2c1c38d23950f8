from decimal import Decimal

import pytest
from django.utils import translation

from core.forms import AmountField, amount_parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("250000", "250000"),
        ("250.000", "250000"),
        ("250,000", "250000"),
        ("1.250.000", "1250000"),
        ("250.000,50", "250000.50"),
        ("250,000.50", "250000.50"),
        ("72000.00", "72000.00"),
        ("72000,5", "72000.5"),
        ("€ 12.345,00", "12345.00"),
        ("12 345,00", "12345.00"),
        ("-1", "-1"),
        ("0", "0"),
    ],
)
def test_amounts_are_read_as_people_type_them(text, expected):
    assert amount_parse(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "veel", "1.2.3", "1,2.3,4", "12e5", "NaN", "--1", "€"])
def test_what_is_no_amount_is_refused(text):
    assert amount_parse(text) is None


def test_the_field_shows_amounts_in_the_users_language():
    field = AmountField(max_digits=14, decimal_places=2)
    with translation.override("nl-be"):
        assert field.widget.format_value(Decimal("72000")) == "72.000,00"
    with translation.override("en"):
        assert field.widget.format_value(Decimal("72000")) == "72,000.00"


def test_the_field_refuses_text_with_the_dutch_message():
    from django import forms

    field = AmountField(max_digits=14, decimal_places=2)
    with translation.override("nl-be"), pytest.raises(forms.ValidationError) as error:
        field.clean("veel")
    assert "Voer een getal in" in str(error.value)
