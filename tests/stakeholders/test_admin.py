"""The register in the Django admin follows the register's rules: a staff user without a
sensitive role (here the administrator, a superuser) reads no support assessment, no personal
note and not who raised a concern; an erased person stays erased and is no one's owner, head
or stakeholder any more."""

import pytest
from django.test import Client
from django.urls import reverse

from core.roles import Role
from stakeholders.gdpr import person_erase
from stakeholders.models import Concern, Person
from tests.admin_forms import admin_form_data
from tests.factories import PersonFactory, UserFactory
from tests.stakeholders.factories import ConcernFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(users):
    """The administrator persona: staff and superuser, without a sensitive role."""
    client = Client()
    client.force_login(users["admin_user"])
    return client


@pytest.fixture
def sensitive_admin_client(db):
    user = UserFactory(username="inkoper-admin", roles=[Role.PROCUREMENT_OFFICER])
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def _page(client, name, *args) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, name
    return response.content.decode()


def test_the_admin_shows_no_personal_notes_without_sensitive_access(
    admin_client, sensitive_admin_client, story
):
    person = story["person"]
    assert 'name="notes"' not in _page(admin_client, "admin:stakeholders_person_change", person.pk)
    shown = _page(sensitive_admin_client, "admin:stakeholders_person_change", person.pk)
    assert "Persoonlijke notitie</textarea>" in shown


def test_the_admin_shows_no_support_assessment_without_sensitive_access(
    admin_client, sensitive_admin_client, story
):
    involvement = story["involvement"]
    hidden = _page(admin_client, "admin:stakeholders_involvement_change", involvement.pk)
    assert "Geheime inschatting" not in hidden
    assert 'name="assessments-TOTAL_FORMS"' not in hidden
    shown = _page(sensitive_admin_client, "admin:stakeholders_involvement_change", involvement.pk)
    assert "Geheime inschatting" in shown


def test_the_admin_shows_a_concern_without_who_raised_it(
    admin_client, sensitive_admin_client, story
):
    concern = story["concern"]
    page = _page(admin_client, "admin:stakeholders_concern_change", concern.pk)
    assert "Geheime bezorgdheid" in page
    assert "Katrien Wouters" not in page
    assert "Katrien Wouters" not in _page(admin_client, "admin:stakeholders_concern_changelist")
    assert "Katrien Wouters" in _page(
        sensitive_admin_client, "admin:stakeholders_concern_change", concern.pk
    )


def test_a_staff_user_without_sensitive_access_records_no_concern_in_the_admin(admin_client, story):
    response = admin_client.get(reverse("admin:stakeholders_concern_add"))
    assert response.status_code == 403
    response = admin_client.post(
        reverse("admin:stakeholders_concern_change", args=[story["concern"].pk]),
        {"category": "budget", "description": "Anders", "raised_on": "2026-01-01"},
    )
    assert response.status_code == 403
    story["concern"].refresh_from_db()
    assert story["concern"].description == "Geheime bezorgdheid"


def test_the_deletion_summary_names_assessments_and_concerns_by_kind_only(
    admin_client, sensitive_admin_client, story
):
    person = story["person"]
    hidden = _page(admin_client, "admin:stakeholders_person_delete", person.pk)
    assert "Trekker" not in hidden  # the assessment's level (5, champion)
    assert "Geheime bezorgdheid" not in hidden
    assert "Inschatting van het draagvlak" in hidden
    shown = _page(sensitive_admin_client, "admin:stakeholders_person_delete", person.pk)
    assert "Trekker" in shown
    assert "Geheime bezorgdheid" in shown


@pytest.fixture
def erased(users):
    person = PersonFactory(full_name="Jan Weg", email="jan@example.org")
    person_erase(user=users["admin_user"], person_id=person.pk)
    return Person.objects.get(pk=person.pk)


def test_an_erased_person_is_not_typed_back_in_the_admin(client_for, erased):
    change = reverse("admin:stakeholders_person_change", args=[erased.pk])
    response = client_for("admin_user").post(
        change, {"full_name": "Jan Weg", "email": "jan@example.org"}
    )
    assert response.status_code == 403
    erased.refresh_from_db()
    assert erased.full_name != "Jan Weg"


def test_an_erased_person_owns_no_mitigation_set_in_the_admin(sensitive_admin_client, erased):
    # Who owns a mitigation is sensitive: only a staff user with a sensitive role edits it.
    concern = ConcernFactory()
    client = sensitive_admin_client
    change = reverse("admin:stakeholders_concern_change", args=[concern.pk])
    data = {**admin_form_data(client.get(change)), "owner": erased.pk}
    response = client.post(change, data)
    assert response.status_code == 200
    assert "owner" in response.context["adminform"].form.errors
    assert Concern.objects.get(pk=concern.pk).owner_id != erased.pk
