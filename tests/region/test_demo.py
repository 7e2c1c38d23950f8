import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scope

from core.demo import neighbours
from core.membership import first_municipality
from core.models import Region
from core.scoping import municipality_scope
from procurement.models import Dossier
from region.models import LIVE_CASE, PilotCase


@pytest.mark.django_db
def test_the_demo_shares_one_case_per_municipality_and_is_idempotent(client):
    call_command("seed_demo", stdout=io.StringIO())
    region = Region.objects.get(name="Regio Voorbeeld")
    with scope(region=[region.pk]):
        first = sorted(PilotCase.objects.filter(LIVE_CASE).values_list("municipality_id", "title"))
    call_command("seed_demo", stdout=io.StringIO())
    with scope(region=[region.pk]):
        again = sorted(PilotCase.objects.filter(LIVE_CASE).values_list("municipality_id", "title"))
        city_case = PilotCase.objects.get(municipality=first_municipality())
    assert again == first
    assert {municipality for municipality, _title in first} == {
        first_municipality().pk,
        *(n.pk for n in neighbours()),
    }
    assert city_case.title == "Werkkledij technische diensten"
    assert city_case.report
    assert city_case.lessons
    for neighbour in neighbours():
        with municipality_scope(neighbour):
            references = list(Dossier.objects.values_list("reference", flat=True))
        assert len(references) == 3
        assert all(ref.startswith(neighbour.reference_prefix + "-") for ref in references)

    coordinator = get_user_model().objects.get(username="regio")
    client.force_login(coordinator)
    assert client.get(reverse("region:case_list")).context["page"].paginator.count == 3
    figures = client.get(reverse("region:figures")).context["figures"]
    assert figures.total.count == 3
    assert figures.lead_time.shown
