"""The personal calendar feed: a private link that opens without logging in, shows its
owner's dates in the municipality it was made in, keeps its events' UIDs from one read to the
next, and answers 404 once it is stopped or replaced."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from core.membership import grant_roles
from core.models import Membership
from core.roles import Role
from core.scoping import municipality_scope
from dashboard import services
from dashboard.models import CalendarFeed
from pilots.approval import services as approval_services
from pilots.models import Phase
from procurement.selection import services as selection_services
from tests.factories import DossierFactory, MunicipalityFactory
from tests.pilots.evaluation_helpers import approve
from tests.pilots.factories import make_programme
from tests.stakeholders.factories import ActionItemFactory

pytestmark = pytest.mark.django_db


def _feed_url(token: str) -> str:
    return reverse("dashboard:calendar_feed", args=[token])


def _events(response) -> dict[str, dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {
        str(event["UID"]): {
            "summary": str(event["SUMMARY"]),
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND"),
        }
        for event in calendar.walk("VEVENT")
    }


def test_the_feed_opens_without_login_and_keeps_its_uids(users, department):
    today = timezone.localdate()
    officer = users["officer"]
    ActionItemFactory(owner=officer.person, description="Bellen", due_on=today)
    DossierFactory(
        department=department,
        title="Schoolmeubilair",
        planned_publication_date=today,
        required_award_date=today + datetime.timedelta(days=60),
    )
    selection_services.round_open(
        user=officer,
        title="Inventaris 2027",
        question="Welke opdrachten?",
        deadline=today + datetime.timedelta(days=14),
        departments=[department],
    )
    token = services.calendar_feed_create(user=officer)
    first = _events(Client().get(_feed_url(token)))
    second = _events(Client().get(_feed_url(token)))
    assert first == second
    summaries = sorted(event["summary"] for event in first.values())
    assert "Actiepunt: Bellen" in summaries
    assert "Antwoord op de inventaris: Inventaris 2027" in summaries
    assert any(
        s.startswith("Uiterste gunningsdatum: ") and "Schoolmeubilair" in s for s in summaries
    )
    action = next(e for e in first.values() if e["summary"] == "Actiepunt: Bellen")
    # An all-day event: it ends on the next day.
    assert (action["start"], action["end"]) == (today, today + datetime.timedelta(days=1))


def test_the_feed_has_the_phases_of_my_pilots_and_the_stages_waiting(users):
    officer = users["officer"]
    approved = approve(make_programme(user=officer, title="In uitvoering"), users)
    waiting = make_programme(user=officer, title="Wacht op de directeur")
    approval_services.programme_submit(programme_id=waiting.pk, user=officer)
    officer_events = _events(Client().get(_feed_url(services.calendar_feed_create(user=officer))))
    phase = Phase.objects.filter(pilot__programme=approved).order_by("planned_start").first()
    span = next(e for e in officer_events.values() if e["start"] == phase.planned_start)
    assert span["end"] == phase.planned_end + datetime.timedelta(days=1)
    director = _events(
        Client().get(_feed_url(services.calendar_feed_create(user=users["director"])))
    )
    assert [e["summary"] for e in director.values()] == [
        "Te beslissen: Wacht op de directeur · Financieel directeur"
    ]


def test_only_the_digest_is_kept_and_a_stopped_or_replaced_link_answers_404(client_for, users):
    client = client_for("staff")
    response = client.post(reverse("dashboard:calendar_feed_create"))
    assert response.status_code == 200
    url = response.context["feed_url"]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    feed = CalendarFeed.objects.get(user=users["staff"])
    assert feed.token_digest == services.token_digest(token)
    assert token not in feed.token_digest
    assert Client().get(_feed_url(token)).status_code == 200
    # A new link replaces the old one.
    again = client.post(reverse("dashboard:calendar_feed_create")).context["feed_url"]
    assert again != url
    assert Client().get(_feed_url(token)).status_code == 404
    new_token = again.rsplit("/", 1)[1].removesuffix(".ics")
    assert Client().get(_feed_url(new_token)).status_code == 200
    # The my-work page no longer shows a link, only that there is one.
    page = client.get(reverse("dashboard:my_work"))
    assert new_token not in page.content.decode()
    assert page.context["feed"] is not None
    response = client.post(reverse("dashboard:calendar_feed_revoke"), follow=True)
    assert "Je agendalink werkt niet meer." in response.content.decode()
    assert Client().get(_feed_url(new_token)).status_code == 404
    assert Client().get(_feed_url("x" * 43)).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_a_link_stops_with_its_owner_s_membership_or_account(users):
    token = services.calendar_feed_create(user=users["staff"])
    Membership.objects.filter(user=users["staff"]).update(is_active=False)
    assert Client().get(_feed_url(token)).status_code == 404
    Membership.objects.filter(user=users["staff"]).update(is_active=True)
    assert Client().get(_feed_url(token)).status_code == 200
    users["staff"].is_active = False
    users["staff"].save(update_fields=["is_active"])
    assert Client().get(_feed_url(token)).status_code == 404


def test_a_link_shows_the_municipality_it_was_made_in_only(users):
    """An officer of two municipalities: the link made in the first shows the first's work,
    never the other's, and the one made in the other the other's."""
    officer = users["officer"]
    ActionItemFactory(owner=officer.person, description="Eerste gemeente")
    other = MunicipalityFactory(name="Gemeente Anderdorp", reference_prefix="AND")
    grant_roles(officer, other, Role.PROCUREMENT_OFFICER)
    first = services.calendar_feed_create(user=officer)
    with municipality_scope(other):
        officer.__dict__.pop("_draagvlak_roles", None)
        officer.__dict__.pop("_draagvlak_person", None)
        make_programme(user=officer, title="Ontwerp Anderdorp")
        second = services.calendar_feed_create(user=officer)
    first_events = [e["summary"] for e in _events(Client().get(_feed_url(first))).values()]
    second_events = [e["summary"] for e in _events(Client().get(_feed_url(second))).values()]
    assert "Actiepunt: Eerste gemeente" in first_events
    assert not any("Anderdorp" in s for s in first_events)
    # The draft and the award dates of its pilots' dossiers, all of the other municipality.
    assert "Jouw ontwerp: Ontwerp Anderdorp" in second_events
    assert len(second_events) == 3
    assert not any("Eerste gemeente" in s for s in second_events)
