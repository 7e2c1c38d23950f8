"""On a phone (375 px) the lists show every row as a card with its value and status in view,
and a table that still scrolls sideways is a named region the keyboard reaches and scrolls."""

import pytest
from playwright.sync_api import expect

from pilots.models import Pilot
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)

# (path, the columns that must be in view in the first card)
LISTS = [
    ("/dossiers/", ["Waarde excl. btw", "Status"]),
    ("/programmes/", ["Status", "Budget"]),
    ("/pilots/", ["Status", "Waarde excl. btw"]),
    ("/selection/", ["Status", "Uiterste datum"]),
    ("/stakeholders/consultations/", ["Deelnemers", "Openstaande acties"]),
    ("/stakeholders/", ["Dienst", "Organisatie"]),
    ("/policy/recommendations/", ["Status"]),
]

IN_VIEW = """cell => {
  const box = cell.getBoundingClientRect();
  return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth;
}"""


def test_lists_on_a_phone_are_cards_with_value_and_status(demo_data, as_role, live_server, axe):
    page = as_role("inkoper")
    page.set_viewport_size(PHONE)
    for path, columns in LISTS:
        page.goto(live_server.url + path)
        row = page.locator("table.table-cards tbody tr").first
        for column in columns:
            cell = row.locator(f'td[data-label="{column}"]')
            expect(cell).to_have_count(1)
            assert cell.evaluate(IN_VIEW), f"{path}: {column} is not in view at 375 px"
        # The page itself does not scroll sideways.
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
        assert axe.check(page, widths=(PHONE,)) == [], path


def test_a_schedule_that_scrolls_is_reached_and_scrolled_by_keyboard(
    demo_data, as_role, live_server, axe
):
    page = as_role("inkoper")
    page.set_viewport_size(PHONE)
    pilot = Pilot.objects.get(dossier__title="Kantoormeubilair administratief centrum")
    page.goto(live_server.url + pilot.get_absolute_url())
    schedule = page.get_by_role("region", name="Fasen en doorlooptijd")
    scroller = schedule.locator(".table-responsive").first
    expect(scroller).to_have_attribute("tabindex", "0")
    scroller.focus()
    expect(scroller).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=scroller.element_handle())
    assert axe.check(page, widths=(PHONE,)) == []
    # At the desktop width the table fits and is no extra stop for the keyboard.
    page.set_viewport_size({"width": 1366, "height": 900})
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    expect(scroller).not_to_have_attribute("tabindex", "0")
