from django.utils import translation

from region.templatetags.region_cases import case_number


def test_a_stored_number_reads_in_the_readers_language():
    with translation.override("nl"):
        assert case_number("30.00") == "30"
        assert case_number("12.50") == "12,50"
        assert case_number("120000.00") == "120.000"
    with translation.override("en"):
        assert case_number("12.50") == "12.50"


def test_an_empty_or_odd_value_reads_as_it_is():
    assert case_number(None) == "—"
    assert case_number("") == "—"
    assert case_number("n.v.t.") == "n.v.t."
