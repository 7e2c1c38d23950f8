"""The procurement officer sees on one page who supports the demo programme and why; department
staff see who is involved, not their support: only averages over groups large enough, and the
concerns without who raised them."""

import pytest
from playwright.sync_api import expect


@pytest.mark.django_db(transaction=True)
def test_support_is_followed_by_procurement_and_hidden_from_department_staff(
    demo_data, login, live_server
):
    page = login("inkoper")
    page.get_by_role("link", name="Programma's").first.click()
    page.get_by_role("link", name="Proeftraject circulair aankopen").click()
    expect(page.get_by_role("heading", name="Draagvlak", exact=True)).to_be_visible()

    expect(page.get_by_role("heading", name="Invloed-belangmatrix")).to_be_visible()
    expect(page.get_by_role("img", name="Invloed-belangmatrix")).to_be_visible()
    grid_table = page.get_by_role("table", name="Belanghebbenden per kwadrant")
    expect(grid_table.get_by_role("row", name="Katrien Wouters")).to_contain_text("Trekker")
    expect(page.get_by_role("heading", name="Draagvlakbarometer")).to_be_visible()
    concerns = page.get_by_role("table", name="Openstaande bezorgdheden en hun maatregelen")
    expect(concerns).to_contain_text("Langere doorlooptijd")

    page.get_by_role("link", name="Terugkoppeling van de evaluatie aan de diensten").click()
    expect(page.get_by_role("heading", name="Beslissingen")).to_be_visible()
    page.get_by_role(
        "link", name="Markeren als afgewerkt Resultaten delen met de regionale samenwerking"
    ).click()
    expect(page.get_by_role("heading", name="Actie als afgewerkt markeren?")).to_be_visible()
    page.get_by_role("button", name="Markeren als afgewerkt").click()
    expect(page.get_by_role("alert")).to_contain_text("Actie gemarkeerd als afgewerkt.")

    page.goto(f"{live_server.url}/")
    card = page.get_by_role("region", name="Mijn werk")
    expect(card).to_be_visible()
    expect(card).not_to_contain_text("Resultaten delen met de regionale samenwerking")

    # One journey: the demo data is seeded once per test, and a second transactional test
    # would start without the role groups that a migration created.
    page.context.clear_cookies()
    page = login("gebouwen")
    page.get_by_role("link", name="Belanghebbenden").first.click()
    expect(page.get_by_role("heading", name="Belanghebbenden")).to_be_visible()
    page.get_by_role("link", name="Draagvlak per onderwerp").click()
    page.get_by_role("link", name="Proeftraject circulair aankopen").click()
    expect(page.get_by_role("table", name="Belanghebbenden per kwadrant")).to_contain_text(
        "Katrien Wouters"
    )
    expect(page.get_by_role("columnheader", name="Huidige steun", exact=True)).to_have_count(0)
    # Support only as averages over 3 or more people, concerns without who raised them.
    expect(page.get_by_role("heading", name="Draagvlakbarometer")).to_be_visible()
    concerns = page.get_by_role("table", name="Openstaande bezorgdheden en hun maatregelen")
    expect(concerns).to_contain_text("Langere doorlooptijd")
    expect(concerns.get_by_role("columnheader", name="Geuit door")).to_have_count(0)
