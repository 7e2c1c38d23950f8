"""The financial director approves the demo programme that waits for her, in a real browser."""

import pytest
from playwright.sync_api import expect

from pilots.models import Decision, Programme


@pytest.mark.django_db(transaction=True)
def test_the_financial_director_approves_the_waiting_demo_programme(
    demo_data, login, page, live_server
):
    page = login("financieel-directeur")
    awaiting = page.get_by_role("region", name="Mijn werk")
    awaiting.get_by_role("link", name="Proeftraject circulaire speelruimte").click()

    expect(page.get_by_role("heading", name="Beslissing – Financieel directeur")).to_be_visible()
    page.get_by_label("Goedgekeurd").check()
    page.get_by_label("Mee gevalideerd door").select_option(label="Marc Janssens")
    page.get_by_label("Voorwaarden").fill("Maandelijkse opvolging van het budget.")
    page.get_by_role("button", name="Beslissing registreren").click()

    expect(page.get_by_role("heading", name="Proeftraject circulaire speelruimte")).to_be_visible()
    steps = page.get_by_role("list", name="Goedkeuringsketen")
    expect(steps.locator('[aria-current="step"]')).to_contain_text("Strategische cel")
    version_two = page.get_by_role("region", name="Versie 2")
    expect(version_two.get_by_text("Mee gevalideerd door Marc Janssens")).to_be_visible()
    programme = Programme.objects.get(title="Proeftraject circulaire speelruimte")
    # Version 1 was sent back for changes (the demo); version 2 has its first decision now.
    assert Decision.objects.filter(programme=programme).count() == 2
    assert programme.pending_stage.position == 2
