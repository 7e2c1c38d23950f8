"""The query budget of the home page and of my work, with every kind of work for every
persona: they cost the same number of queries with nine of everything as with two."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pilots.approval import services as approval_services
from pilots.models import EvaluationPoint, Outcome, Phase
from procurement.selection import services as selection_services
from tests.factories import DossierFactory
from tests.pilots.evaluation_helpers import approve, point_fields
from tests.pilots.factories import make_programme
from tests.stakeholders.factories import ActionItemFactory, ConcernFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["staff", "officer", "head", "director", "cell", "mat", "admin_user", "outsider"]
PAGES = ["dashboard:home", "dashboard:my_work"]
# The budget of each page, for the persona that costs most.
BUDGET = {"dashboard:home": 19, "dashboard:my_work": 15}


def _fill(users, department, pilots, *, size: int) -> None:
    """`size` more of every kind of work: programmes awaiting the director, drafts and
    programmes sent back to the officer, dossiers of the department due within 90 days, open
    inventory rounds asking the department, open action items and overdue concerns of every
    persona, late phases and unmeasured points of the officer's pilots."""
    today = timezone.localdate()
    officer = users["officer"]
    for n in range(size):
        programme = make_programme(user=officer, title=f"Traject {size}-{n}")
        approval_services.programme_submit(programme_id=programme.pk, user=officer)
        sent_back = make_programme(user=officer, title=f"Terug {size}-{n}")
        approval_services.programme_submit(programme_id=sent_back.pk, user=officer)
        approval_services.decision_record(
            programme_id=sent_back.pk,
            user=users["director"],
            outcome=Outcome.CHANGES_REQUESTED,
            motivation="Meer uitleg.",
            co_validator=users["head"],
        )
        make_programme(user=officer, title=f"Ontwerp {size}-{n}")
        DossierFactory(
            department=department,
            planned_publication_date=today + datetime.timedelta(days=10),
            required_award_date=today + datetime.timedelta(days=30 + n),
        )
        selection_services.round_open(
            user=officer,
            title=f"Inventaris {size}-{n}",
            question="Welke opdrachten komen in aanmerking?",
            deadline=today + datetime.timedelta(days=14),
            departments=[department],
        )
        for user in users.values():
            person = getattr(user, "person", None)
            if person is not None:
                ActionItemFactory(owner=person)
                ConcernFactory(owner=person, due_on=today - datetime.timedelta(days=1 + n))
        pilot = pilots.pop()
        Phase.objects.filter(pilot=pilot).update(
            planned_start=today - datetime.timedelta(days=30),
            planned_end=today - datetime.timedelta(days=2),
            actual_start=None,
            actual_end=None,
        )
        EvaluationPoint.objects.bulk_create(
            [EvaluationPoint(pilot=pilot, **point_fields(indicator=f"Punt {k}")) for k in range(2)]
        )


def _measure(clients) -> dict[tuple[str, str], tuple[int, int]]:
    """Per persona and page: the queries and the number of work items it lists."""
    found = {}
    for persona, client in clients.items():
        for name in PAGES:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse(name))
            assert response.status_code == 200, (persona, name)
            found[persona, name] = (len(queries), len(response.context["work_items"]))
    return found


def test_home_and_my_work_cost_the_same_queries_with_nine_of_everything_as_with_two(
    users, department
):
    approved = approve(
        make_programme(user=users["officer"], dossiers=[DossierFactory() for _ in range(9)]),
        users,
    )
    pilots = list(approved.pilots.all())
    clients = {}
    for persona in PERSONAS:
        clients[persona] = Client()
        clients[persona].force_login(users[persona])
    _fill(users, department, pilots, size=2)
    two = _measure(clients)
    _fill(users, department, pilots, size=7)
    nine = _measure(clients)
    for persona in PERSONAS:
        for name in PAGES:
            assert two[persona, name][0] == nine[persona, name][0], (persona, name, two, nine)
            assert nine[persona, name][0] <= BUDGET[name], (persona, name, nine)
    # The officer: 9 sent back, 9 drafts, 9 inventory answers, 9 action items, 9 concerns,
    # 9 late phases (of 9 pilots, one a pilot: the others are not started yet) and 18 points.
    officer = nine["officer", "dashboard:my_work"][1]
    assert officer >= 9 * 6
    assert nine["officer", "dashboard:home"][1] == 8
    assert nine["director", "dashboard:my_work"][1] == 9 + 9 + 9  # to decide, actions, concerns
    # A member without a role still owns their action items and concerns about a dossier.
    assert nine["outsider", "dashboard:my_work"][1] == 9 + 9
