"""The selection journey in a real browser: staff answer for their own department, the
procurement officer opens a round, scores, reads the explanation, selects and decides."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_runs_a_round_and_staff_answer_it(page, live_server, login, demo_data):
    login("inkoper")
    page.get_by_role("link", name="Selectie").first.click()
    page.get_by_role("link", name="Een ronde openen").click()
    page.get_by_label("Titel").fill("Inventaris volgend jaar")
    page.get_by_label("Vraag aan de diensten").fill("Welke opdrachten plant u volgend jaar?")
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    page.get_by_label("Uiterste antwoorddatum").fill(deadline.isoformat())
    page.get_by_role("button", name="Ronde openen").click()
    expect(page.get_by_role("heading", name="Inventaris volgend jaar")).to_be_visible()
    expect(page.get_by_text("Niet beantwoord").first).to_be_visible()
    round_url = page.url

    # The Gebouwen staff member sees the request on the dashboard and answers it.
    page.get_by_role("button", name="Sofie Peeters").click()
    page.get_by_role("button", name="Afmelden").click()
    login("gebouwen")
    page.get_by_role("link", name="Inventaris volgend jaar").click()
    select = page.locator("#id_dossier")
    option = select.locator("option", has_text="Zonnepanelen").get_attribute("value")
    select.select_option(option)
    page.get_by_label("Bereid om circulair aan te besteden").select_option("yes")
    page.get_by_label("Motivering").fill("Terugname van de panelen is bespreekbaar.")
    page.get_by_role("button", name="Aan het antwoord toevoegen").click()
    expect(page.get_by_text("Dossier aan het antwoord toegevoegd.")).to_be_visible()
    page.get_by_role("link", name="Antwoord als volledig markeren").click()
    page.get_by_role("button", name="Antwoord als volledig markeren").click()
    expect(page.get_by_text("Bedankt: het antwoord is volledig.")).to_be_visible()

    # The officer reads the ranking with its explanation, selects and decides.
    page.get_by_role("button", name="Tom Maes").click()
    page.get_by_role("button", name="Afmelden").click()
    login("inkoper")
    page.goto(round_url)
    expect(page.get_by_text("Volledig").first).to_be_visible()
    page.get_by_role("link", name="Rangschikking").first.click()
    page.get_by_text("Hoe dit totaal tot stand kwam").first.click()
    expect(page.get_by_role("rowheader", name="Lage tijdsdruk").first).to_be_visible()
    page.get_by_role("link", name="Scoren en beslissen").first.click()
    page.get_by_label("Leerwaarde: score (0–5)").fill("4")
    page.get_by_role("button", name="Scores opslaan").click()
    expect(page.get_by_text("Scores opgeslagen.")).to_be_visible()
    page.locator("#id_outcome-outcome").select_option("selected")
    page.locator("#id_outcome-rationale").fill("Zichtbaar en bereid.")
    page.get_by_role("button", name="Uitkomst vastleggen").click()
    expect(page.get_by_text("Uitkomst vastgelegd.")).to_be_visible()
    page.goto(round_url)
    page.get_by_role("link", name="De selectie beslissen").click()
    page.get_by_label("Motivering van de beslissing").fill("Eén proeftraject dit jaar.")
    page.get_by_role("button", name="Beslissen en de ronde afsluiten").click()
    expect(
        page.get_by_text("Over de selectie is beslist en de ronde is afgesloten.")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Geselecteerde proeftrajecten")).to_be_visible()
