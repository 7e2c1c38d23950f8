"""Where the apps meet: a programme starts from a closed selection round, and the programme page
shows the support for it (with the sensitive parts only for those who may see them)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from pilots.models import Programme
from procurement.selection.selectors import selection_rounds_closed, selection_selected_dossiers


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def log_in(client, username):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))


@pytest.mark.django_db
def test_a_closed_round_fills_in_the_pilots_of_a_new_programme(demo, client):
    log_in(client, "inkoper")
    closed = selection_rounds_closed().first()
    response = client.get(reverse("pilots:programme_create"), {"round": closed.pk})
    form = response.context["form"]
    selected = {d.pk for d in selection_selected_dossiers(round_id=closed.pk)}
    assert len(selected) == 2
    assert set(form.initial["dossiers"]) == selected
    assert closed.title in form.initial["title"]
    assert "Vertrekken van een selectieronde" in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_round_leaves_the_form_empty(demo, client):
    log_in(client, "inkoper")
    response = client.get(reverse("pilots:programme_create"), {"round": "999999"})
    assert response.status_code == 200
    assert "dossiers" not in response.context["form"].initial


@pytest.mark.django_db
def test_the_programme_page_shows_individual_support_to_procurement_only(demo, client):
    programme = Programme.objects.get(title="Proeftraject circulair aankopen")
    url = reverse("pilots:programme_detail", args=[programme.pk])
    log_in(client, "inkoper")
    officer_page = client.get(url).content.decode()
    assert "Invloed-belangmatrix" in officer_page
    assert "Draagvlakbarometer" in officer_page
    assert 'class="support-badge' in officer_page
    client.logout()
    log_in(client, "gebouwen")
    staff_page = client.get(url).content.decode()
    assert "Invloed-belangmatrix" in staff_page
    # Averages over 3 or more people, no individual level.
    assert "Draagvlakbarometer" in staff_page
    assert 'class="support-badge' not in staff_page
