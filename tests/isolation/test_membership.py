"""Who works where: forged municipality ids, a membership ended, a person working for two
municipalities, and roles that hold in one municipality only."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from core.membership import SESSION_KEY, grant_roles, workplace_of
from core.models import Membership
from core.roles import Role, has_role
from core.scoping import municipality_scope
from pilots.approval import services as approval_services
from pilots.common.errors import PilotError
from pilots.models import Outcome, Programme
from procurement.models import CircularStrategy, Dossier
from stakeholders.models import Person
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def a(worlds):
    return worlds["a"]


@pytest.fixture
def b(worlds):
    return worlds["b"]


def _client(user, municipality=None) -> Client:
    client = Client()
    client.force_login(user)
    if municipality is not None:
        session = client.session
        session[SESSION_KEY] = municipality.pk
        session.save()
    return client


def _dossier_form(own_department, **overrides) -> dict:
    return {
        "title": "Vervalste gemeente",
        "department": own_department.pk,
        "subject_type": "supplies",
        "estimated_value": "36000.00",
        "planned_publication_date": "2027-02-01",
        "required_award_date": "2027-04-01",
        "visibility": "high",
        "willingness": "yes",
        "status": "planned",
        "circular_strategies": [CircularStrategy.objects.get(code="R2").pk],
        **overrides,
    }


# --- Forged municipality ids ----------------------------------------------------------------


def test_a_forged_municipality_id_in_the_dossier_form_is_ignored(a, b):
    client = _client(a.users["officer"])
    data = _dossier_form(a["department"], municipality=b.municipality.pk)
    response = client.post(reverse("procurement:dossier_create"), data)
    assert response.status_code == 302
    with municipality_scope(a.municipality):
        created = Dossier.objects.get(title="Vervalste gemeente")
        assert created.municipality_id == a.municipality.pk
    with municipality_scope(b.municipality):
        assert not Dossier.objects.filter(title="Vervalste gemeente").exists()


@pytest.mark.parametrize(
    ("url_name", "form", "field"),
    [
        ("procurement:dossier_create", lambda a, b: _dossier_form(a["department"], department=b["department"].pk), "department"),
        ("procurement:dossier_create", lambda a, b: _dossier_form(a["department"], owner=b["person"].pk), "owner"),
        ("pilots:programme_create", lambda a, b: {"title": "Vervalst", "purpose": "Doel", "context": "Context", "dossiers": [b["dossier"].pk]}, "dossiers"),
        ("stakeholders:person_create", lambda a, b: {"full_name": "Vervalst", "department": b["department"].pk}, "department"),
        ("stakeholders:person_create", lambda a, b: {"full_name": "Vervalst", "organisation": b["organisation"].pk}, "organisation"),
    ],
    ids=["dossier-department", "dossier-owner", "programme-dossier", "person-department", "person-organisation"],
)  # fmt: skip
def test_another_municipality_id_in_a_form_is_an_invalid_choice(a, b, url_name, form, field):
    client = _client(a.users["officer"])
    response = client.post(reverse(url_name), form(a, b))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    with municipality_scope(a.municipality):
        assert not Dossier.objects.filter(title="Vervalste gemeente").exists()
        assert not Programme.objects.filter(title="Vervalst").exists()
        assert not Person.objects.filter(full_name="Vervalst").exists()
    with municipality_scope(b.municipality):
        assert not Person.objects.filter(full_name="Vervalst").exists()


# --- A membership ended --------------------------------------------------------------------


def test_a_user_whose_membership_is_ended_loses_access_at_the_next_request(a):
    user = a.users["officer"]
    client = _client(user)
    dossier = a["dossier"]
    detail = reverse("procurement:dossier_detail", args=[dossier.reference])
    listing = reverse("procurement:dossier_list")
    assert client.get(detail).status_code == 200
    assert dossier.title in client.get(listing).content.decode()

    Membership.objects.filter(user=user, municipality=a.municipality).update(is_active=False)

    assert client.get(detail).status_code == 404
    titles = [d.title for d in (dossier, *a["dossiers"])]
    shown = client.get(listing).content.decode()
    assert not [title for title in titles if title in shown]
    assert client.get(reverse("procurement:dossier_create")).status_code == 403
    export = client.get(reverse("procurement:dossier_export", args=["csv"]))
    exported = b"".join(export.streaming_content).decode("utf-8", "replace")
    assert not [title for title in titles if title in exported]


# --- Working for two municipalities --------------------------------------------------------


@pytest.fixture
def commuter(a, b):
    """A financial director of A who is a procurement officer in B."""
    user = UserFactory(
        username="pendelaar", roles=[Role.FINANCIAL_DIRECTOR], roles__municipality=a.municipality
    )
    grant_roles(user, b.municipality, Role.PROCUREMENT_OFFICER)
    return get_user_model().objects.get(pk=user.pk)


def test_a_member_of_two_works_in_the_one_chosen(commuter, a, b):
    in_a = workplace_of(commuter, a.municipality.pk)
    in_b = workplace_of(commuter, b.municipality.pk)
    assert (in_a.municipality, in_a.roles) == (a.municipality, {Role.FINANCIAL_DIRECTOR})
    assert (in_b.municipality, in_b.roles) == (b.municipality, {Role.PROCUREMENT_OFFICER})
    assert set(in_a.choices) == set(in_b.choices) == {a.municipality, b.municipality}


def test_choosing_a_municipality_one_is_no_member_of_changes_nothing(commuter, a, b):
    outsider = UserFactory(username="alleen-a", roles=[Role.PROCUREMENT_OFFICER])
    place = workplace_of(outsider, b.municipality.pk)
    assert place.municipality == a.municipality
    assert place.choices == (a.municipality,)
    client = _client(outsider, b.municipality)
    detail = reverse("procurement:dossier_detail", args=[b["dossier"].reference])
    assert client.get(detail).status_code == 404


def test_the_chosen_municipality_decides_what_the_pages_show(commuter, a, b):
    listing = reverse("procurement:dossier_list")
    shown_in_a = _client(commuter, a.municipality).get(listing).content.decode()
    shown_in_b = _client(commuter, b.municipality).get(listing).content.decode()
    assert a["dossier"].title in shown_in_a
    assert b.prefix not in shown_in_a
    assert b["dossier"].title in shown_in_b
    assert a.prefix not in shown_in_b


def test_the_switch_moves_a_member_of_two_to_the_other_municipality(commuter, a, b):
    client = _client(commuter, a.municipality)
    listing = reverse("procurement:dossier_list")
    assert a["dossier"].title in client.get(listing).content.decode()
    switched = client.post(
        reverse("core:switch_municipality"), {"municipality": b.municipality.pk}, follow=True
    )
    assert b.municipality.name in switched.content.decode()
    shown = client.get(listing).content.decode()
    assert b["dossier"].title in shown
    assert a["dossier"].title not in shown


def test_the_switch_refuses_a_municipality_one_is_no_member_of(a, b):
    client = _client(a.users["officer"])
    client.post(reverse("core:switch_municipality"), {"municipality": b.municipality.pk})
    shown = client.get(reverse("procurement:dossier_list")).content.decode()
    assert a["dossier"].title in shown
    assert b.prefix not in shown


def test_a_membership_ended_in_one_municipality_leaves_the_other(commuter, a, b):
    Membership.objects.filter(user=commuter, municipality=b.municipality).update(is_active=False)
    place = workplace_of(commuter, b.municipality.pk)
    assert place.municipality == a.municipality
    assert place.choices == (a.municipality,)


# --- Roles hold per municipality ------------------------------------------------------------


def test_a_director_of_a_decides_nothing_in_b(commuter, a, b):
    decide = "pilots:programme_decide"
    in_a = _client(commuter, a.municipality)
    in_b = _client(commuter, b.municipality)
    assert in_a.get(reverse(decide, args=[a["submitted"].pk])).status_code == 200
    # In B the commuter is an officer: B's programme is visible, its decision is not theirs.
    assert in_b.get(reverse("pilots:programme_detail", args=[b["submitted"].pk])).status_code == 200
    assert in_b.get(reverse(decide, args=[b["submitted"].pk])).status_code == 403
    posted = in_b.post(
        reverse(decide, args=[b["submitted"].pk]),
        {"outcome": Outcome.APPROVED, "co_validator": b.users["head"].pk},
        follow=True,
    )
    assert "niet aan jou om te beslissen" in posted.content.decode()
    with municipality_scope(b.municipality):
        programme = Programme.objects.get(pk=b["submitted"].pk)
        assert programme.pending_stage.role == Role.FINANCIAL_DIRECTOR
        assert not programme.decisions.exists()


def test_the_services_read_the_roles_of_the_active_municipality(commuter, a, b):
    with municipality_scope(b.municipality):
        user = get_user_model().objects.get(pk=commuter.pk)
        assert not has_role(user, Role.FINANCIAL_DIRECTOR)
        assert has_role(user, Role.PROCUREMENT_OFFICER)
        with pytest.raises((PilotError, PermissionDenied)):
            approval_services.decision_record(
                programme_id=b["submitted"].pk,
                user=user,
                outcome=Outcome.APPROVED,
                co_validator=b.users["head"],
            )
    with municipality_scope(a.municipality):
        user = get_user_model().objects.get(pk=commuter.pk)
        assert has_role(user, Role.FINANCIAL_DIRECTOR)
        approval_services.decision_record(
            programme_id=a["submitted"].pk,
            user=user,
            outcome=Outcome.APPROVED,
            co_validator=a.users["head"],
        )
        assert Programme.objects.get(pk=a["submitted"].pk).decisions.exists()
