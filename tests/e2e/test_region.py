"""The neighbour's procurement officer finds the city's case in the region's library and
starts a programme of her own from it, in a real browser."""

import pytest
from playwright.sync_api import expect

from core.models import Municipality
from core.scoping import municipality_scope
from pilots.models import EvaluationPoint, Programme
from tests.e2e.conftest import pick


@pytest.mark.django_db(transaction=True)
def test_the_neighbour_officer_starts_a_programme_from_the_citys_case(
    demo_data, login, page, live_server
):
    login("inkoper-buur")
    page.get_by_role("link", name="Regio").first.click()
    expect(page.get_by_role("heading", name="De pilotcases van de regio")).to_be_visible()

    page.get_by_label("Zoeken", exact=True).fill("werkkledij")
    page.get_by_label("Zoeken", exact=True).press("Enter")
    results = page.locator("#case-results")
    expect(results).to_contain_text("Stad Voorbeeld")
    expect(results).not_to_contain_text("Schoonmaakdiensten")
    results.get_by_role("link", name="Werkkledij technische diensten").click()

    expect(page.get_by_role("heading", name="Werkkledij technische diensten")).to_be_visible()
    page.get_by_role("link", name="Als vertrekpunt gebruiken").click()
    page.get_by_label("Titel van het nieuwe proeftraject").fill("Werkkledij Oostdorp")
    pick(page, "Eigen dossier voor de pilot", "Kantoormeubilair bibliotheek")
    page.get_by_role("button", name="Ontwerp-proeftraject aanmaken").click()

    expect(page.get_by_role("heading", name="Werkkledij Oostdorp")).to_be_visible()
    oostdorp = Municipality.objects.get(nis_code="99001")
    with municipality_scope(oostdorp):
        programme = Programme.objects.get(title="Werkkledij Oostdorp")
        assert programme.status == Programme.Status.DRAFT
        assert EvaluationPoint.objects.filter(pilot__programme=programme).count() == 5
