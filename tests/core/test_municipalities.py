"""Working for a municipality: the switch, memberships read at every request, references
numbered per municipality, and the scope a request runs in."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.membership import grant_roles
from core.models import Membership
from core.roles import Role
from core.scoping import municipality_scope
from procurement.dossiers import services
from procurement.models import Dossier, SubjectType
from tests.factories import DepartmentFactory, DossierFactory, MunicipalityFactory, UserFactory
from tests.procurement.dossiers.test_views import valid_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbour():
    return MunicipalityFactory(name="Gemeente Buurdorp", reference_prefix="BUU")


@pytest.fixture
def neighbour_dossier(neighbour):
    with municipality_scope(neighbour):
        return DossierFactory(title="Dossier van de buren", department=DepartmentFactory())


def _register(user, department, title):
    return services.dossier_create(
        user=user,
        title=title,
        department=department,
        subject_type=SubjectType.SUPPLIES,
        estimated_value=Decimal("10000"),
    )


def test_a_member_of_two_municipalities_switches_and_sees_only_the_chosen_ones_data(
    client, users, municipality, neighbour, neighbour_dossier
):
    officer = users["officer"]
    grant_roles(officer, neighbour, Role.PROCUREMENT_OFFICER)
    client.force_login(officer)
    client.post(reverse("core:switch_municipality"), {"municipality": municipality.pk})
    page = client.get(reverse("procurement:dossier_list"))
    assert b"Dossier van de buren" not in page.content
    assert b'name="municipality"' in page.content  # the switch in the navigation

    answer = client.post(reverse("core:switch_municipality"), {"municipality": neighbour.pk})
    assert answer.status_code == 302
    page = client.get(reverse("procurement:dossier_list"))
    assert b"Dossier van de buren" in page.content
    assert page.wsgi_request.municipality == neighbour


def test_switching_to_a_municipality_one_does_not_work_for_is_refused(
    client_for, neighbour, neighbour_dossier
):
    client = client_for("officer")
    client.post(reverse("core:switch_municipality"), {"municipality": neighbour.pk}, follow=True)
    page = client.get(reverse("procurement:dossier_list"))
    assert page.wsgi_request.municipality != neighbour
    assert b"Dossier van de buren" not in page.content


def test_a_user_removed_from_the_municipality_loses_access_at_the_next_request(
    client_for, users, department
):
    DossierFactory(title="Werkkledij voor de stadsdiensten", department=department)
    client = client_for("officer")
    assert (
        b"Werkkledij voor de stadsdiensten"
        in client.get(reverse("procurement:dossier_list")).content
    )
    Membership.objects.filter(user=users["officer"]).update(is_active=False)
    page = client.get(reverse("procurement:dossier_list"))
    assert b"Werkkledij voor de stadsdiensten" not in page.content
    assert page.wsgi_request.municipality is None


def test_roles_hold_in_their_own_municipality_only(client, neighbour, neighbour_dossier):
    # An officer of the neighbour without a role in the first municipality edits nothing here.
    user = UserFactory(roles=[Role.PROCUREMENT_OFFICER], roles__municipality=neighbour)
    Membership.objects.filter(user=user).exclude(municipality=neighbour).delete()
    edit = reverse("procurement:dossier_update", args=[neighbour_dossier.reference])
    client.force_login(user)
    assert client.get(edit).status_code == 200
    own = DossierFactory(title="Dossier van de stad", reference="2026-9999")
    # The same reference may exist in both; the first municipality's stays out of reach.
    assert client.get(reverse("procurement:dossier_update", args=[own.reference])).status_code in (
        200,
        404,
    )
    page = client.get(reverse("procurement:dossier_detail", args=[own.reference]))
    assert b"Dossier van de stad" not in page.content


def test_each_municipality_numbers_its_references_on_its_own(users, department, neighbour):
    first = _register(users["officer"], department, "Eerste van de stad")
    with municipality_scope(neighbour):
        neighbour_officer = UserFactory(
            roles=[Role.PROCUREMENT_OFFICER], roles__municipality=neighbour
        )
        theirs = _register(neighbour_officer, DepartmentFactory(code="geb"), "Eerste van de buren")
        again = _register(neighbour_officer, DepartmentFactory(code="geb"), "Tweede van de buren")
    assert first.reference.endswith("-0001")
    assert theirs.reference == f"BUU-{first.reference.split('-')[0]}-0001"
    assert again.reference.endswith("-0002")
    assert theirs.municipality == neighbour
    assert first.municipality != neighbour


def test_a_forged_municipality_in_a_form_is_ignored(client_for, department, neighbour):
    data = valid_form(department, title="Met vervalste gemeente", municipality=neighbour.pk)
    client_for("officer").post(reverse("procurement:dossier_create"), data)
    created = Dossier.objects.get(title="Met vervalste gemeente")
    assert created.municipality != neighbour
    with municipality_scope(neighbour):
        assert not Dossier.objects.filter(title="Met vervalste gemeente").exists()


def test_a_superuser_may_work_anywhere_and_starts_in_their_own_municipality(
    users, municipality, neighbour
):
    from core.membership import workplace_of

    admin = users["admin_user"]
    workplace = workplace_of(admin)
    assert workplace.municipality == municipality
    assert set(workplace.choices) >= {municipality, neighbour}
    assert workplace_of(admin, chosen_id=neighbour.pk).municipality == neighbour
    assert workplace_of(users["officer"], chosen_id=neighbour.pk).municipality == municipality
