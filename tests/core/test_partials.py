"""The list partials of core/templates/core/ render the same markup for every list."""

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def _page(number, count=60, size=25):
    return Paginator(list(range(count)), size).get_page(number)


def _render(template, **context):
    request = RequestFactory().get("/stakeholders/", {"q": "x", "page": "2"})
    return render_to_string(template, context, request=request)


def test_pagination_links_keep_the_filter_and_swap_only_the_results():
    html = _render("core/_pagination.html", page=_page(2), target="person-results")
    assert 'href="?q=x&amp;page=1"' in html
    assert 'href="?q=x&amp;page=3"' in html
    assert html.count('hx-target="#person-results"') == 2


def test_pagination_without_a_target_is_plain_links():
    html = _render("core/_pagination.html", page=_page(2))
    assert "hx-get" not in html
    assert 'href="?q=x&amp;page=3"' in html


def test_one_page_needs_no_pagination():
    assert _render("core/_pagination.html", page=_page(1, count=3)).strip() == ""


@pytest.mark.django_db
def test_the_results_header_shows_the_count_and_exports_the_filtered_list():
    html = _render(
        "core/_results_header.html",
        count_text="3 personen",
        export_url="stakeholders:person_export",
        query="q=x",
    )
    assert "3 personen" in html
    assert 'href="/stakeholders/export.csv?q=x"' in html
    assert 'href="/stakeholders/export.xlsx?q=x"' in html


def test_the_results_header_without_an_export_has_no_buttons():
    html = _render("core/_results_header.html", count_text="3 rondes")
    assert "export" not in html.lower()


def test_the_results_header_warns_when_a_filter_was_ignored():
    class Filter:
        errors = {"held_from": ["Geen datum"]}

    assert "alert-warning" in _render("core/_results_header.html", filter=Filter())
    assert "alert-warning" not in _render("core/_results_header.html")
