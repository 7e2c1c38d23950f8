"""Pages of execution: permission per persona and bad input."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

ALL = ["staff", "officer", "head", "director", "cell", "mat", "admin_user", "outsider"]
PROCUREMENT = {"officer", "head"}
TODAY = timezone.localdate()


def _expect(allowed, outsider=404):
    return {
        name: 200 if name in allowed else (outsider if name == "outsider" else 403) for name in ALL
    }


PILOT_PAGES = [
    ("pilots:phases_record", [], PROCUREMENT),
    ("pilots:dialogue_create", [], PROCUREMENT),
]


@pytest.mark.parametrize(("name", "extra", "allowed"), PILOT_PAGES, ids=[p[0] for p in PILOT_PAGES])
@pytest.mark.parametrize("persona", ALL)
def test_pilot_page_permission_per_persona(client_for, world, name, extra, allowed, persona):
    args = [world["pilot"].pk, *(world[key].pk for key in extra)]
    response = client_for(persona).get(reverse(name, args=args))
    assert response.status_code == _expect(allowed)[persona]


def test_anonymous_visitors_are_sent_to_the_login(client, world):
    response = client.get(reverse("pilots:phases_record", args=[world["pilot"].pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_records_phases_through_the_form(client_for, world):
    pilot = world["pilot"]
    phase = pilot.phases.order_by("phase_type__position").first()
    day = TODAY - datetime.timedelta(days=5)
    data = {
        f"phase_{phase.pk}_start": day.isoformat(),
        f"phase_{phase.pk}_end": "",
        f"phase_{phase.pk}_note": "Gestart.",
    }
    response = client_for("officer").post(reverse("pilots:phases_record", args=[pilot.pk]), data)
    assert response.status_code == 302
    phase.refresh_from_db()
    assert (phase.actual_start, phase.note) == (day, "Gestart.")


def test_a_future_actual_date_is_refused_in_dutch_and_nothing_saved(client_for, world):
    pilot = world["pilot"]
    phase = pilot.phases.first()
    data = {f"phase_{phase.pk}_start": (TODAY + datetime.timedelta(days=3)).isoformat()}
    response = client_for("officer").post(reverse("pilots:phases_record", args=[pilot.pk]), data)
    assert response.status_code == 200
    assert "toekomst" in response.content.decode()
    phase.refresh_from_db()
    assert phase.actual_start is None


def test_the_gantt_chart_takes_the_whole_width_and_scrolls_by_keyboard_on_a_phone(
    client_for, world
):
    import re

    page = client_for("staff").get(reverse("pilots:pilot_detail", args=[world["pilot"].pk]))
    figure = re.search(r'<figure class="gantt.*?</figure>', page.content.decode(), re.S).group(0)
    svg = re.search(r"<svg class=\"gantt-chart\"[^>]*>", figure).group(0)
    assert " width=" not in svg, "a fixed width kept the chart at half the card"
    assert re.search(
        r'<div class="gantt-scroll" tabindex="0" role="region" aria-label="[^"]+"', figure
    )
