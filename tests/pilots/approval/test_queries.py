"""Query budgets: the pages cost the same number of queries for 50 programmes as for 2."""

import pytest
from django.urls import reverse

from pilots.approval import services
from tests.factories import DossierFactory
from tests.pilots.factories import make_programme
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(users, decide):
    programmes = [make_programme(user=users["officer"], title=f"Traject {n}") for n in range(50)]
    for programme in programmes[:20]:
        services.programme_submit(programme_id=programme.pk, user=users["officer"])
    return programmes


@pytest.mark.parametrize("name", ["pilots:programme_list", "pilots:pilot_list"])
def test_the_lists_keep_their_query_budget(client_for, many, name, django_assert_max_num_queries):
    client = client_for("director")
    with django_assert_max_num_queries(10):
        response = client.get(reverse(name), {"sort": "title"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 25


def test_the_detail_page_keeps_its_query_budget_with_a_long_history(
    client_for, users, decide, django_assert_max_num_queries
):
    programme = make_programme(user=users["officer"], dossiers=DossierFactory.create_batch(8))
    for _ in range(3):
        services.programme_submit(programme_id=programme.pk, user=users["officer"])
        programme.refresh_from_db()
        decide("director", programme, outcome="changes_requested", motivation="Nog niet.")
        programme.refresh_from_db()
    services.programme_submit(programme_id=programme.pk, user=users["officer"])
    programme.refresh_from_db()
    decide("director", programme)
    decide("cell", programme)
    run_tasks()  # a worker freezes the briefing the MAT decides on
    client = client_for("mat")
    # The support section (stakeholders) adds its own fixed handful of queries.
    with django_assert_max_num_queries(23):
        response = client.get(reverse("pilots:programme_detail", args=[programme.pk]))
    assert response.status_code == 200
    with django_assert_max_num_queries(16):
        response = client.get(reverse("pilots:programme_decide", args=[programme.pk]))
    assert response.status_code == 200


def test_the_pilot_detail_page_keeps_its_query_budget(
    client_for, programme, django_assert_max_num_queries
):
    client = client_for("staff")
    # Its execution and evaluation sections (schedule, lead time, dialogues, points, the
    # evaluation and the changes to the points) add their own fixed handful; its attachments
    # one.
    with django_assert_max_num_queries(14):
        client.get(reverse("pilots:pilot_detail", args=[programme.pilots.first().pk]))
