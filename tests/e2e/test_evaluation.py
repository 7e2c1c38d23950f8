"""The procurement officer follows a demo pilot: is it on time, how does it score and why,
adds a measurement, revises the evaluation and reads the draft policy, in a real browser."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pilots.models import Measurement, PilotEvaluation

FURNITURE = "Kantoormeubilair administratief centrum"


@pytest.mark.django_db(transaction=True)
def test_the_officer_follows_a_pilot_from_schedule_to_policy(demo_data, login, page, live_server):
    page = login("inkoper")
    nav = page.get_by_role("navigation", name="Hoofdnavigatie")
    nav.get_by_role("link", name="Programma's").click()
    page.get_by_role("link", name="Proeftraject circulair aankopen").click()
    rollup = page.get_by_role("region", name="Evaluatie van het programma")
    expect(rollup.get_by_role("row", name=FURNITURE)).to_contain_text("3 fasen te laat")
    rollup.get_by_role("link", name=FURNITURE).click()

    expect(page.get_by_role("heading", name=FURNITURE, level=1)).to_be_visible()
    schedule = page.get_by_role("region", name="Fasen en doorlooptijd")
    expect(schedule.get_by_text("Trager dan de referentiedoorlooptijd")).to_be_visible()
    expect(
        schedule.get_by_role("img", name="Gantt-grafiek van " + FURNITURE, exact=False)
    ).to_be_visible()
    specifications = schedule.get_by_role("row", name="Opmaak bestek")
    expect(specifications).to_contain_text("Te laat afgerond")

    results = page.get_by_role("region", name="Evaluatiepunten en scores")
    expect(results.get_by_text("Nog geen meting voor: Aandeel lokale leveranciers")).to_be_visible()
    expect(results.get_by_role("row", name="Doorlooptijd boven de referentie")).to_contain_text(
        "slechter dan de nulmeting"
    )
    results.get_by_role("link", name="Aandeel lokale leveranciers").click()

    expect(page.get_by_role("heading", name="Aandeel lokale leveranciers")).to_be_visible()
    page.get_by_label("Datum").fill(timezone.localdate().isoformat())
    page.get_by_label("Waarde (%)").fill("19")
    page.get_by_label("Bron").fill("Facturen leveranciers")
    page.get_by_role("button", name="Meting toevoegen").click()
    expect(page.get_by_text("Meting toegevoegd.")).to_be_visible()
    expect(page.get_by_text("60,0 % van de weg")).to_be_visible()
    assert Measurement.objects.filter(point__indicator="Aandeel lokale leveranciers").count() == 1

    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name=FURNITURE).click()
    page.get_by_role("link", name="Evaluatie bewerken").click()
    page.get_by_label("Opschalen").check()
    page.get_by_label("Motivering van de conclusie").fill("Met het modelbestek kan het breder.")
    page.get_by_role("button", name="Evaluatie opslaan").click()
    expect(page.get_by_text("Evaluatie opgeslagen.")).to_be_visible()
    evaluation = PilotEvaluation.objects.get(pilot__dossier__title=FURNITURE)
    assert evaluation.conclusion == "scale_up"

    nav.get_by_role("link", name="Beleid").click()
    expect(page.get_by_role("heading", name="Strategisch aankoopbeleid — ontwerp")).to_be_visible()
    circular = page.get_by_role("region", name="1. Circulair")
    expect(circular).to_contain_text("Aangenomen door het MAT")
    expect(circular.get_by_role("link", name=FURNITURE)).to_be_visible()
