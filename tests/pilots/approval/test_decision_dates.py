"""A decision carries the date it was taken: the meeting's date for a stage that decides in a
meeting, else the day the stage decided (today unless the decider says otherwise), never in
the future, never before the revision was submitted, never before the stage before it. The
documents, the programme page and the admin show that date, not the recording time."""

import datetime

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from pilots.approval import rules
from pilots.common.errors import PilotError
from pilots.documents.sections import decision_rows
from pilots.models import Decision, Revision

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)


def _days(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def submitted_long_ago(submitted):
    """The programme as submitted 60 days ago."""
    Revision.objects.filter(programme=submitted).update(
        submitted_at=timezone.now() - datetime.timedelta(days=60)
    )
    return submitted


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (TODAY, None),
        (TODAY + datetime.timedelta(days=1), "decision date cannot lie in the future"),
        (TODAY - datetime.timedelta(days=11), "the version was submitted that day"),
        (TODAY - datetime.timedelta(days=6), "the stage before decided that day"),
        (TODAY - datetime.timedelta(days=5), None),
    ],
)
def test_the_rule_for_the_date_a_decision_carries(date, expected):
    with translation.override("en"):
        refusal = rules.decision_date_refusal(
            date,
            today=TODAY,
            submitted_on=TODAY - datetime.timedelta(days=10),
            previous_on=TODAY - datetime.timedelta(days=5),
            is_meeting=False,
        )
    assert (refusal is None) if expected is None else (expected in refusal)


def test_a_stage_outside_a_meeting_is_dated_today_by_default(submitted, decide):
    decision = decide("director", submitted)
    assert decision.decided_on == timezone.localdate()
    assert decision.date == timezone.localdate()


def test_the_decider_gives_the_day_it_was_decided(submitted_long_ago, decide):
    director = decide("director", submitted_long_ago, decided_on=_days(50))
    cell = decide("cell", submitted_long_ago, decided_on=_days(20))
    mat = decide("mat", submitted_long_ago, meeting_date=_days(10))
    assert (director.date, cell.date, mat.date) == (_days(50), _days(20), _days(10))
    assert mat.decided_on is None


@pytest.mark.parametrize(
    ("days_ago", "message"),
    [
        (-1, "De beslissingsdatum kan niet in de toekomst liggen."),
        (61, "toen werd de versie ingediend"),
    ],
)
def test_a_decision_date_in_the_future_or_before_submission_is_refused_in_dutch(
    submitted_long_ago, decide, days_ago, message
):
    with pytest.raises(PilotError, match=message) as error:
        decide("director", submitted_long_ago, decided_on=_days(days_ago))
    assert error.value.field == "decided_on"
    assert not Decision.objects.exists()


def test_a_meeting_before_the_stage_before_it_decided_is_refused(submitted_long_ago, decide):
    decide("director", submitted_long_ago, decided_on=_days(30))
    decide("cell", submitted_long_ago, decided_on=_days(20))
    with pytest.raises(PilotError, match="toen besliste de vorige stap") as error:
        decide("mat", submitted_long_ago, meeting_date=_days(25))
    assert error.value.field == "meeting_date"
    assert Decision.objects.count() == 2


def test_the_decision_page_refuses_a_future_date_with_a_message_and_keeps_the_input(
    client_for, submitted, users
):
    url = reverse("pilots:programme_decide", args=[submitted.pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = {
        "outcome": "approved",
        "co_validator": users["head"].pk,
        "conditions": "Opvolgen.",
        "decided_on": tomorrow.isoformat(),
    }
    response = client_for("director").post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "De beslissingsdatum kan niet in de toekomst liggen." in page
    assert "Opvolgen." in page
    assert not Decision.objects.exists()


def test_documents_programme_page_and_admin_show_the_decision_date(
    client_for, submitted_long_ago, decide, users
):
    decide("director", submitted_long_ago, decided_on=_days(50))
    shown = _days(50).strftime("%d/%m/%Y")
    recorded = timezone.localdate().strftime("%d/%m/%Y")
    rows = decision_rows(submitted_long_ago)
    assert [row["date"] for row in rows] == [_days(50)]

    page = client_for("director").get(submitted_long_ago.get_absolute_url()).content.decode()
    assert f"beslist op {shown}" in page
    steps = page.split('id="history-title"')[0]
    assert shown in steps
    assert f"Goedgekeurd · {recorded}" not in steps

    admin = site._registry[Decision]
    request = RequestFactory().get("/")
    request.user = users["admin_user"]
    assert "decision_date" in admin.get_list_display(request)
    assert admin.decision_date(Decision.objects.get()) == _days(50)
