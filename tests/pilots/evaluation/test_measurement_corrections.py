"""A mistyped or wrongly dated measurement is corrected or removed with a reason; the old row
stays in the history and only the current ones count. Implausible values warn."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from pilots.common.errors import PilotError
from pilots.evaluation import rules, selectors
from pilots.evaluation import services as evaluation_services
from pilots.models import Measurement
from tests.browser_form import untouched_form_data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def measured(world):
    return Measurement.objects.get(point=world["point"])


def _score(world):
    return selectors.pilot_results(pilot=world["pilot"]).rows[0]


def test_a_correction_replaces_the_value_everywhere_and_keeps_the_old_one(world, users, measured):
    assert _score(world).score == Decimal("40.0")
    correction = evaluation_services.measurement_correct(
        measurement_id=measured.pk,
        user=users["officer"],
        measured_on=TODAY - datetime.timedelta(days=1),
        value=Decimal("21"),
        source="R",
        reason="Typfout: 21, niet 12.",
    )
    row = _score(world)
    assert (row.latest_value, row.latest_on, row.score) == (
        Decimal("21"),
        correction.measured_on,
        Decimal("70.0"),
    )
    assert list(selectors.point_measurements(point=world["point"])) == [correction]
    assert Measurement.objects.filter(point=world["point"]).count() == 2
    assert [
        (c.supersedes, c.reason) for c in selectors.point_measurement_history(point=world["point"])
    ] == [(measured, "Typfout: 21, niet 12.")]


def test_a_removal_takes_the_measurement_out_of_the_score(world, users, measured):
    evaluation_services.measurement_remove(
        measurement_id=measured.pk, user=users["officer"], reason="Dubbel ingevoerd."
    )
    row = _score(world)
    assert (row.measured, row.score) == (False, None)
    assert not selectors.point_measurements(point=world["point"]).exists()
    assert Measurement.objects.get(pk=measured.pk).value == Decimal("12")


def test_a_correction_or_removal_needs_a_reason_and_a_current_measurement(world, users, measured):
    with pytest.raises(PilotError) as refused:
        evaluation_services.measurement_remove(
            measurement_id=measured.pk, user=users["officer"], reason="  "
        )
    assert refused.value.field == "reason"
    evaluation_services.measurement_remove(
        measurement_id=measured.pk, user=users["officer"], reason="Fout"
    )
    with pytest.raises(PilotError):
        evaluation_services.measurement_correct(
            measurement_id=measured.pk,
            user=users["officer"],
            measured_on=TODAY,
            value=Decimal("1"),
            source="R",
            reason="Nog eens",
        )
    with pytest.raises(PermissionDenied):
        evaluation_services.measurement_remove(
            measurement_id=measured.pk, user=users["cell"], reason="x"
        )


def test_the_correction_page_corrects_and_the_point_page_shows_the_history(
    client_for, world, measured
):
    client = client_for("officer")
    url = reverse(
        "pilots:measurement_correct", args=[world["pilot"].pk, world["point"].pk, measured.pk]
    )
    data = untouched_form_data(client.get(url).content.decode(), containing="reason")
    assert data["value"] == ["12.00"]
    data.update({"value": ["21"], "reason": ["Typfout"]})
    response = client.post(url, data)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Correcties en verwijderingen" in page
    assert "Typfout" in page
    assert client.get(url).status_code == 404, "a superseded measurement has no correction page"


def test_the_correction_page_refuses_an_empty_reason_with_a_message(client_for, world, measured):
    client = client_for("officer")
    url = reverse(
        "pilots:measurement_remove", args=[world["pilot"].pk, world["point"].pk, measured.pk]
    )
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert selectors.point_measurements(point=world["point"]).get() == measured


@pytest.mark.parametrize("persona", ["cell", "mat", "staff"])
def test_only_who_records_measurements_may_correct_them(client_for, world, measured, persona):
    url = reverse(
        "pilots:measurement_remove", args=[world["pilot"].pk, world["point"].pk, measured.pk]
    )
    assert client_for(persona).post(url, {"reason": "x"}).status_code == 403
    assert selectors.point_measurements(point=world["point"]).get() == measured


def test_implausible_values_warn_but_are_recorded():
    start = datetime.date(2026, 3, 1)
    assert (
        rules.measurement_warnings(
            value=Decimal("100"), unit="%", measured_on=start, pilot_start=start
        )
        == []
    )
    warnings = rules.measurement_warnings(
        value=Decimal("120"), unit=" % ", measured_on=datetime.date(2026, 2, 1), pilot_start=start
    )
    assert len(warnings) == 2
    assert (
        rules.measurement_warnings(
            value=Decimal("120"), unit="kg", measured_on=start, pilot_start=None
        )
        == []
    )


def test_adding_a_percentage_above_100_before_the_start_shows_the_warnings(client_for, world):
    pilot = world["pilot"]
    pilot.phases.update(
        planned_start=TODAY, planned_end=TODAY + datetime.timedelta(days=30), actual_start=None
    )
    client = client_for("officer")
    url = reverse("pilots:point_detail", args=[pilot.pk, world["point"].pk])
    yesterday = TODAY - datetime.timedelta(days=1)
    response = client.post(
        url, {"measured_on": yesterday.isoformat(), "value": "120", "source": "R"}, follow=True
    )
    shown = [str(m) for m in response.context["messages"]]
    assert any("boven 100" in m for m in shown), shown
    assert any("voor de pilot startte" in m for m in shown), shown
    assert selectors.point_measurements(point=world["point"]).filter(value=Decimal("120")).exists()
