"""The city's officer changes the participants of the demo's joint dossier in place, and the
neighbour's officer finds it read only in their register."""

import re

import pytest
from playwright.sync_api import expect

from procurement.demo import JOINT_TITLE


@pytest.mark.django_db(transaction=True)
def test_the_lead_changes_participants_and_a_neighbour_reads_the_dossier(
    demo_data, login, page, live_server, axe
):
    login("inkoper")
    page.goto(f"{live_server.url}/dossiers/?register=joint")
    page.locator("#dossier-results").get_by_role("link", name=re.compile(r"\d{4}-\d{4}")).click()
    expect(page.get_by_role("heading", name=JOINT_TITLE)).to_be_visible()
    suggested = page.locator("#dossier-suggested-procedure")
    expect(suggested).to_have_text("Openbare procedure")

    section = page.locator("#joint-participants")
    section.get_by_label("Aandeel van Gemeente Westveld").fill("40.000")
    section.get_by_role("row", name=re.compile("Westveld")).get_by_role(
        "button", name="Opslaan"
    ).click()
    expect(section.get_by_role("status")).to_contain_text("Het aandeel van Gemeente Westveld")
    expect(section).to_contain_text("€\u00a0215.000,00")
    expect(suggested).to_contain_text("Vereenvoudigde onderhandelingsprocedure")

    page.once("dialog", lambda dialog: dialog.accept())
    section.get_by_role("row", name=re.compile("Oostdorp")).get_by_role(
        "button", name="Verwijderen"
    ).click()
    expect(section.get_by_role("status")).to_contain_text("neemt niet langer deel")
    section.get_by_label("Gemeente", exact=True).select_option(label="Gemeente Oostdorp")
    section.get_by_label("Aandeel excl. btw (€)").fill("65.000")
    section.get_by_role("button", name="Toevoegen").click()
    expect(section.get_by_role("status")).to_contain_text("Gemeente Oostdorp neemt deel")
    expect(section).to_contain_text("€\u00a0215.000,00")

    axe.check(page)
    axe.assert_clean()

    page.context.clear_cookies()
    login("inkoper-buur")
    page.goto(f"{live_server.url}/dossiers/")
    row = page.locator("#dossier-results").get_by_role("row", name=re.compile(JOINT_TITLE))
    expect(row).to_contain_text("gezamenlijk, getrokken door Stad Voorbeeld")
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", name=JOINT_TITLE)).to_be_visible()
    expect(page.locator("#joint-participants")).to_contain_text("alleen ter inzage")
    expect(page.get_by_role("link", name="Bewerken")).to_have_count(0)
    expect(page.locator("#joint-participants form")).to_have_count(0)
