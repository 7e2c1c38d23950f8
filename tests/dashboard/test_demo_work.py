"""Each demo account's "my work" shows exactly its work: the demo's story, seeded here, read
through the page as the account sees it (its own municipality, its own roles)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from dashboard.work import Kind
from pilots.demo import WAITING_TITLE

pytestmark = pytest.mark.django_db

EXPECTED = {
    "financieel-directeur": [(Kind.DECIDE, f"{WAITING_TITLE} · Financieel directeur")],
    "gebouwen": [(Kind.ACTION, "Gebruikers van de werkkledij bevragen")],
    "hoofd-aankopen": [(Kind.ACTION, "Sjabloon circulaire gunningscriteria opstellen")],
    # The mitigations of two concerns about the approved programme were due long ago.
    "inkoper": [
        (Kind.CONCERN, "Angst voor een onbekende manier van werken"),
        (Kind.CONCERN, "Langere doorlooptijd"),
        (Kind.ACTION, "Resultaten delen met de regionale samenwerking"),
    ],
    "strategische-cel": [(Kind.CONCERN, "Lokaal tegenover circulair")],
}
# Who works for no municipality starts elsewhere: the regional library, the invitations.
ELSEWHERE = {"regio": "/region/", "adviseur": "/advice/"}


def test_each_demo_account_sees_exactly_its_work():
    call_command("seed_demo", stdout=io.StringIO())
    accounts = list(get_user_model().objects.order_by("username"))
    assert {"inkoper", "mat", "inkoper-buur", "westveld-mat"} <= {u.username for u in accounts}
    found = {}
    for user in accounts:
        client = Client()
        client.force_login(user)
        response = client.get(reverse("dashboard:my_work"))
        if user.username in ELSEWHERE:
            assert response.status_code == 302
            assert response["Location"].startswith(ELSEWHERE[user.username])
            continue
        assert response.status_code == 200, user.username
        found[user.username] = [(item.kind, item.title) for item in response.context["work_items"]]
    expected = {username: EXPECTED.get(username, []) for username in found}
    assert found == expected
    # The decider's line links to the decision page and names the version.
    client = Client()
    client.force_login(get_user_model().objects.get(username="financieel-directeur"))
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "/decide/" in page
    assert (
        "Versie 2. Gewijzigd sinds versie 1: budget, wat het budget van het programma betaalt."
        in page
    )
