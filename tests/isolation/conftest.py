"""Municipality A's personas and municipality B's world, built once per test module.

Building a world through the services takes a few seconds, so the module-scoped fixtures build
it once inside a transaction that stays open for the module: every test then runs in a
savepoint of it (pytest-django's own per-test atomic), and the transaction is rolled back when
the module is done, so nothing of it outlives the module. The test modules here carry
`pytestmark = pytest.mark.django_db`, so that pytest-django sets up the test database even
when only a module-scoped fixture asks for it.
"""

from contextlib import contextmanager

import pytest
from django.db import transaction

from core.membership import first_municipality
from core.models import Region
from core.scoping import municipality_scope
from tests.conftest import PERSONAS, _persona
from tests.factories import DepartmentFactory, MunicipalityFactory, UserFactory
from tests.reference_data import reference_data_missing, reference_data_restore

from .world import World, build_other_municipality, build_world


def _personas_of_a() -> dict:
    """The personas of tests/conftest.py: they work for the first municipality (A)."""
    with municipality_scope(first_municipality()):
        department = DepartmentFactory(name="Gebouwen", code="geb")
        return {
            name: _persona(name, roles, department if name != "outsider" else None)
            for name, roles in PERSONAS.items()
        }


@contextmanager
def _module_transaction(django_db_blocker):
    """A transaction open for the whole module, rolled back at its end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock():
            # A browser test earlier on this worker may have flushed the migrations' data.
            if reference_data_missing():
                reference_data_restore()
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> World:
    """B's world, with A's personas as `world.a_users` and A's own world (marked "A-EIGEN")
    as `world.own`."""
    with _module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            built = build_other_municipality()
            built.a_users = _personas_of_a()
            built.own = build_world(first_municipality(), prefix="A-EIGEN")
        yield built


@pytest.fixture(scope="module")
def worlds(django_db_setup, django_db_blocker) -> dict[str, World]:
    """A's world (the first municipality, marked "A-EIGEN", in a region of its own with a
    partner for its joint dossier) and B's."""
    with _module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            first = first_municipality()
            first.region = Region.objects.create(name="Regio Eigen")
            first.save(update_fields=["region"])
            MunicipalityFactory(name="Gemeente Partner", region=first.region)
            own = build_world(first, prefix="A-EIGEN")
            other = build_other_municipality()
        yield {"a": own, "b": other}


@contextmanager
def own_world(django_db_blocker):
    """A's own world (marked "A-EIGEN", in a region of its own with a partner for its joint
    dossier) with the personas by name as `a_users`: those of tests/conftest.py, `staff_own`
    (department staff of the department A's objects belong to), A's external `advisor` and a
    `coordinator` of A's region who works for no municipality. For the permission matrix and
    the form fuzzing; WeasyPrint is a stub while it lasts (what a PDF shows is not their
    business, and rendering is slow)."""
    with pytest.MonkeyPatch.context() as patch, _module_transaction(django_db_blocker):
        patch.setattr("pilots.documents.render.html_to_pdf", lambda html: b"%PDF-1.7 stub")
        with django_db_blocker.unblock():
            first = first_municipality()
            first.region = Region.objects.create(name="Regio Eigen")
            first.save(update_fields=["region"])
            MunicipalityFactory(name="Gemeente Partner", region=first.region)
            built = build_world(first, prefix="A-EIGEN")
            users = _personas_of_a()
            users["staff_own"] = built.users["staff"]
            users["advisor"] = built.users["advisor"]
            coordinator = UserFactory(username="coordinator", roles__member=False)
            first.region.coordinators.add(coordinator)
            users["coordinator"] = coordinator
            built.a_users = users
        yield built
