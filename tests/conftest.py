"""Persona fixtures: one logged-in client per role of docs/design.md, plus an outsider.

`department` is the department of the `staff` persona; `other_department` belongs to nobody.
"""

import pytest

from core.membership import first_municipality
from core.roles import Role
from core.scoping import municipality_scope
from tests.factories import DepartmentFactory, PersonFactory, UserFactory
from tests.reference_data import reference_data_missing, reference_data_restore

PERSONAS = {
    "staff": [Role.DEPARTMENT_STAFF],
    "officer": [Role.PROCUREMENT_OFFICER],
    "head": [Role.HEAD_OF_PROCUREMENT],
    "director": [Role.FINANCIAL_DIRECTOR],
    "cell": [Role.STRATEGIC_CELL],
    "mat": [Role.MAT_MEMBER],
    "admin_user": [Role.ADMINISTRATOR],
    "outsider": [],
}


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Every database test starts with the roles and reference tables of the migrations."""
    uses_db = {"db", "transactional_db", "django_db_setup"} & set(request.fixturenames)
    if request.node.get_closest_marker("django_db") is None and not uses_db:
        return
    request.getfixturevalue("_django_db_helper")
    if reference_data_missing():
        reference_data_restore()


@pytest.fixture(autouse=True)
def _municipality_scope(request, _reference_data):
    """Every database test works inside the first municipality's scope, as a request of
    one of its users would; `@pytest.mark.unscoped` tests work outside any scope."""
    uses_db = {"db", "transactional_db", "django_db_setup"} & set(request.fixturenames)
    marked = request.node.get_closest_marker("django_db") is not None
    if request.node.get_closest_marker("unscoped") or not (marked or uses_db):
        yield
        return
    with municipality_scope(first_municipality()):
        yield


@pytest.fixture
def municipality(db):
    return first_municipality()


@pytest.fixture
def department(db):
    return DepartmentFactory(name="Gebouwen", code="geb")


@pytest.fixture
def other_department(db):
    return DepartmentFactory(name="Ruimte", code="ruim")


def _persona(username, roles, department):
    user = UserFactory(username=username, roles=roles)
    PersonFactory(user=user, full_name=f"{username.title()} Persona", department=department)
    if username == "admin_user":
        user.is_staff = user.is_superuser = True
        user.save()
    return user


@pytest.fixture
def users(db, department):
    """Every persona by name; all but the outsider work in `department`."""
    return {
        name: _persona(name, roles, department if name != "outsider" else None)
        for name, roles in PERSONAS.items()
    }


@pytest.fixture
def client_for(client, users):
    """client_for("officer") is a test client logged in as that persona (None: anonymous)."""

    def login(name):
        client.logout()
        if name is not None:
            client.force_login(users[name])
        return client

    return login
