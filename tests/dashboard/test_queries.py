"""The dashboard's query budget, with something in every card: it costs the same number of
queries with nine of everything as with two."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pilots.approval import services as approval_services
from procurement.selection import services as selection_services
from tests.factories import DossierFactory
from tests.pilots.factories import make_programme
from tests.stakeholders.factories import ActionItemFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["staff", "officer", "head", "director", "cell", "mat", "admin_user", "outsider"]


def _fill(users, department, *, size: int) -> None:
    """`size` more of everything the cards show: programmes awaiting the director, dossiers of
    the department due within 90 days, open inventory rounds asking the department, and open
    action items of every persona."""
    today = timezone.localdate()
    for n in range(size):
        programme = make_programme(user=users["officer"], title=f"Traject {size}-{n}")
        approval_services.programme_submit(programme_id=programme.pk, user=users["officer"])
        DossierFactory(
            department=department,
            planned_publication_date=today + datetime.timedelta(days=10),
            required_award_date=today + datetime.timedelta(days=30 + n),
        )
        selection_services.round_open(
            user=users["officer"],
            title=f"Inventaris {size}-{n}",
            question="Welke opdrachten komen in aanmerking?",
            deadline=today + datetime.timedelta(days=14),
            departments=[department],
        )
        for user in users.values():
            person = getattr(user, "person", None)
            if person is not None:
                ActionItemFactory(owner=person)


def _cards(response) -> dict:
    context = response.context
    return {
        name: len(context[name])
        for name in ("awaiting", "deadlines", "my_dossiers", "inventory_requests")
    } | {"my_action_items": len(context["my_action_items"])}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_dashboard_costs_the_same_queries_with_nine_of_everything_as_with_two(
    client_for, users, department, persona
):
    client = client_for(persona)
    counts, cards = [], []
    # Two of everything, then seven more: nine, beyond what each card shows.
    for more in (2, 7):
        _fill(users, department, size=more)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("dashboard:home"))
        assert response.status_code == 200
        counts.append(len(queries))
        cards.append(_cards(response))
    assert counts[0] == counts[1] <= 14
    if persona == "director":
        assert cards[0]["awaiting"] == 2
        assert cards[1]["awaiting"] == 8
    if persona == "staff":
        assert cards[0]["my_dossiers"] == 2
        assert cards[1]["my_dossiers"] == 8
        assert cards[1]["inventory_requests"] == 5
        assert cards[0]["my_action_items"] == 2
        assert cards[1]["my_action_items"] == 8
