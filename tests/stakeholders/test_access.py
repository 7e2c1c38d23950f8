"""Who reaches which stakeholder page: 404 for what a user may not see, 403 for what they may
see but not change (stakeholders/access.py)."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from core import visibility
from tests.conftest import PERSONAS
from tests.factories import DossierFactory

from .factories import InvolvementFactory


@pytest.fixture
def programme(users):
    return apps.get_model("pilots", "Programme").objects.create(
        title="Proeftraject speelpleinen", purpose="Leren.", created_by=users["officer"]
    )


@pytest.fixture
def pilot(programme):
    return apps.get_model("pilots", "Pilot").objects.create(
        programme=programme, dossier=DossierFactory()
    )


def _subject_path(subject, suffix=""):
    content_type = ContentType.objects.get_for_model(subject)
    return f"/stakeholders/subjects/{content_type.pk}/{subject.pk}/{suffix}"


def test_an_outsider_does_not_learn_a_programmes_title_from_its_stakeholder_page(
    programme, client_for
):
    InvolvementFactory(subject=programme)
    response = client_for("outsider").get(_subject_path(programme))
    assert response.status_code == 404
    assert "speelpleinen" not in response.content.decode()


def test_department_staff_and_the_officer_see_a_programmes_stakeholder_page(programme, client_for):
    for persona in ("staff", "officer"):
        response = client_for(persona).get(_subject_path(programme))
        assert response.status_code == 200, persona
        assert "speelpleinen" in response.content.decode()


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_the_stakeholder_page_of_a_programme_answers_as_the_programme_page(
    persona, programme, client_for
):
    client = client_for(persona)
    expected = client.get(programme.get_absolute_url()).status_code
    assert client.get(_subject_path(programme)).status_code == expected


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_the_stakeholder_page_of_a_pilot_answers_as_the_pilot_page(persona, pilot, client_for):
    client = client_for(persona)
    expected = client.get(pilot.get_absolute_url()).status_code
    assert client.get(_subject_path(pilot)).status_code == expected


@pytest.mark.parametrize("suffix", ["stakeholders/new/", "concerns/new/", "consultations/new/"])
def test_the_forms_under_an_invisible_subject_are_not_found(suffix, programme, client_for):
    assert client_for("outsider").get(_subject_path(programme, suffix)).status_code == 404
    assert client_for("officer").get(_subject_path(programme, suffix)).status_code == 200


def test_every_logged_in_user_sees_a_dossiers_stakeholder_page_as_its_dossier_page(
    dossier, client_for
):
    client = client_for("outsider")
    assert client.get(dossier.get_absolute_url()).status_code == 200
    assert client.get(_subject_path(dossier)).status_code == 200


def test_a_subject_whose_app_registered_no_rule_is_seen_by_nobody(dossier, client_for, monkeypatch):
    monkeypatch.setattr(visibility, "_predicates", {})
    assert client_for("officer").get(_subject_path(dossier)).status_code == 404


def test_what_does_not_exist_is_not_found_before_any_right_is_weighed(client_for, story):
    client = client_for("staff")
    assert client.get("/stakeholders/people/999999/edit/").status_code == 404
    assert client.get(f"/stakeholders/people/{story['person'].pk}/edit/").status_code == 403
    assert client.get("/stakeholders/involvements/999999/support/").status_code == 404
    assert client.get("/stakeholders/consultations/999999/actions/new/").status_code == 404


def test_an_erased_person_can_be_seen_but_not_changed(client_for, story, users):
    from stakeholders import gdpr

    gdpr.person_erase(user=users["admin_user"], person_id=story["person"].pk)
    client = client_for("officer")
    assert client.get(f"/stakeholders/people/{story['person'].pk}/").status_code == 200
    assert client.get(f"/stakeholders/people/{story['person'].pk}/edit/").status_code == 403
