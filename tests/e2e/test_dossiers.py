"""A procurement officer logs in, filters the dossier register, opens a dossier and edits it."""

import re

import pytest
from playwright.sync_api import expect


@pytest.mark.django_db(transaction=True)
def test_an_officer_filters_opens_and_edits_a_dossier(demo_data, login, page, live_server):
    login("inkoper")
    expect(page.get_by_role("heading", name="Welkom, Sofie Peeters")).to_be_visible()

    page.get_by_role("link", name="Dossiers").first.click()
    expect(page.get_by_role("heading", name="Dossiers overheidsopdrachten")).to_be_visible()

    page.get_by_label("Dienst").select_option(label="Mens")
    results = page.locator("#dossier-results")
    expect(results.get_by_role("link", name=re.compile(r"^\d{4}-\d{4}$")).first).to_be_visible()
    expect(results).to_contain_text("Werkkledij technische diensten")
    expect(results).not_to_contain_text("Kantoormeubilair")
    expect(page).to_have_url(re.compile(r"department=\d+"))

    results.get_by_role("row", name=re.compile("Werkkledij")).get_by_role("link").click()
    expect(page.get_by_role("heading", name="Werkkledij technische diensten")).to_be_visible()

    page.get_by_role("link", name="Bewerken").click()
    page.get_by_label("Geraamde waarde excl. btw").fill("52000")
    page.get_by_label("Geraamde waarde excl. btw").dispatch_event("change")
    expect(page.locator("#procedure-suggestion")).to_contain_text("Onderhandelingsprocedure")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("alert")).to_contain_text("opgeslagen")
    # The estimate, beside the value the contract was awarded for.
    expect(page.locator("dd", has_text="€").first).to_contain_text("€\u00a052.000,00")
    expect(page.locator(".history-list")).to_contain_text("€\u00a048.000,00 → €\u00a052.000,00")


@pytest.mark.django_db(transaction=True)
def test_pages_pass_an_automated_accessibility_check(demo_data, login, page, live_server, axe):
    login("inkoper")
    for path in ["/", "/dossiers/", "/dossiers/new/"]:
        page.goto(f"{live_server.url}{path}")
        axe.check(page)
    axe.assert_clean()
