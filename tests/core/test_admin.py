"""The organisations in the admin: an administrator who is not a superuser sees the users and
memberships of their own municipality only."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.models import Membership
from core.roles import Role
from tests.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_admin():
    user = UserFactory(username="beheerder", roles=[Role.ADMINISTRATOR])
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "view_membership"])
    )
    return user


def test_the_user_list_shows_only_the_own_municipalitys_people(client, staff_admin):
    neighbour = MunicipalityFactory(name="Gemeente Buurdorp")
    UserFactory(username="van-de-stad")
    UserFactory(username="van-de-buren", roles__municipality=neighbour, roles__member=True)
    Membership.objects.filter(user__username="van-de-buren").exclude(
        municipality=neighbour
    ).delete()
    client.force_login(staff_admin)
    page = client.get(reverse("admin:auth_user_changelist"))
    assert page.status_code == 200
    assert b"van-de-stad" in page.content
    assert b"van-de-buren" not in page.content
    memberships = client.get(reverse("admin:core_membership_changelist"))
    assert b"van-de-stad" in memberships.content
    assert b"van-de-buren" not in memberships.content


def test_only_a_superuser_sees_every_municipality(client, staff_admin, users):
    neighbour = MunicipalityFactory(name="Gemeente Buurdorp")
    client.force_login(staff_admin)
    page = client.get(reverse("admin:core_municipality_changelist"))
    assert page.status_code == 200
    assert b"Gemeente Buurdorp" not in page.content
    client.force_login(users["admin_user"])
    assert b"Gemeente Buurdorp" in client.get(reverse("admin:core_municipality_changelist")).content
    assert (
        client.get(reverse("admin:core_municipality_change", args=[neighbour.pk])).status_code
        == 200
    )


def test_shared_reference_data_is_read_only_for_a_municipalitys_administrator(client, staff_admin):
    from procurement.models import ProcedureType

    staff_admin.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_proceduretype", "change_proceduretype"])
    )
    procedure = ProcedureType.objects.first()
    client.force_login(staff_admin)
    change = reverse("admin:procurement_proceduretype_change", args=[procedure.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    client.post(change, {"name": "Gewijzigd door een gemeente", "code": procedure.code})
    procedure.refresh_from_db()
    assert procedure.name != "Gewijzigd door een gemeente"
