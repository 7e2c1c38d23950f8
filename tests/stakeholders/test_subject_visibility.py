"""A subject's title (and what was said about it) reaches only whoever may see the subject:
an account without a role works for the municipality and sees the register, but no
programme, so no programme's consultations, involvement or title either
(`core.visibility`, applied by the register's selectors)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.pilots.factories import make_programme
from tests.stakeholders.factories import (
    ConsultationFactory,
    InvolvementFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "Geheim proeftraject Zuid"


@pytest.fixture
def programme_story(users):
    programme = make_programme(user=users["officer"], title=SECRET)
    organisation = OrganisationFactory(name="Adviesbureau Noord")
    person_involvement = InvolvementFactory(subject=programme, person__full_name="Els Maes")
    InvolvementFactory(subject=programme, person=None, organisation=organisation)
    consultation = ConsultationFactory(
        subject=programme, title="Overleg zuid", minutes="Besproken: de raming."
    )
    consultation.participants.add(person_involvement.person)
    consultation.organisations.add(organisation)
    return {
        "programme": programme,
        "person": person_involvement.person,
        "organisation": organisation,
        "consultation": consultation,
    }


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


PAGES = {
    "consultations": lambda s: reverse("stakeholders:consultation_list"),
    "consultations.csv": lambda s: reverse("stakeholders:consultation_export", args=["csv"]),
    "subjects": lambda s: reverse("stakeholders:subject_list"),
    "person": lambda s: reverse("stakeholders:person_detail", args=[s["person"].pk]),
    "organisation": lambda s: reverse(
        "stakeholders:organisation_detail", args=[s["organisation"].pk]
    ),
}


@pytest.mark.parametrize("where", list(PAGES))
def test_an_account_without_a_role_reads_no_programme_title_in_the_register(
    client_for, programme_story, where
):
    url = PAGES[where](programme_story)
    hidden = client_for("outsider").get(url)
    assert hidden.status_code == 200
    assert SECRET not in _text(hidden)
    # Department staff may see programmes, so they read the title where it is relevant.
    shown = client_for("staff").get(url)
    assert SECRET in _text(shown)


def test_an_account_without_a_role_sees_no_action_item_of_a_programmes_consultation(
    client_for, programme_story, users
):
    from tests.stakeholders.factories import ActionItemFactory

    ActionItemFactory(
        consultation=programme_story["consultation"],
        owner=users["outsider"].person,
        description="Raming nakijken",
    )
    assert "Raming nakijken" not in client_for("outsider").get("/").content.decode()
    person_page = reverse("stakeholders:person_detail", args=[users["outsider"].person.pk])
    assert "Overleg zuid" not in client_for("outsider").get(person_page).content.decode()
    assert "Overleg zuid" in client_for("staff").get(person_page).content.decode()


def test_an_account_without_a_role_does_not_open_a_consultation_about_a_programme(
    client_for, programme_story
):
    url = reverse("stakeholders:consultation_detail", args=[programme_story["consultation"].pk])
    assert client_for("outsider").get(url).status_code == 404
    shown = client_for("staff").get(url)
    assert shown.status_code == 200
    assert "Besproken: de raming." in shown.content.decode()


def test_consultations_about_dossiers_stay_in_the_list_of_an_account_without_a_role(
    client_for, programme_story, dossier
):
    ConsultationFactory(subject=dossier, title="Overleg over werkkledij")
    content = client_for("outsider").get(reverse("stakeholders:consultation_list")).content
    assert "Overleg over werkkledij" in content.decode()
    assert "Overleg zuid" not in content.decode()


def test_the_subject_list_and_the_visible_subjects_agree(users, programme_story):
    from stakeholders.selectors import subjects_with_support

    content_type = ContentType.objects.get_for_model(programme_story["programme"])
    pair = (content_type.pk, programme_story["programme"].pk)
    assert pair in list(subjects_with_support(user=users["staff"]))
    assert pair not in list(subjects_with_support(user=users["outsider"]))
