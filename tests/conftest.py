"""Persona fixtures: one logged-in client per role of docs/design.md, plus an outsider.

`department` is the department of the `staff` persona; `other_department` belongs to nobody.
"""

import hashlib

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


# Tests under these folders read the documents they make (their text, pages, tags; the
# isolation matrix looks for another municipality's data in their text), and so does any test
# marked `documents`; every other test gets a stand-in PDF (see below).
DOCUMENT_READERS = ("tests/pilots/documents/", "tests/isolation/", "tests/e2e/")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if any(folder in item.nodeid for folder in DOCUMENT_READERS):
            item.add_marker(pytest.mark.documents)


class _Renderer:
    """WeasyPrint takes one to twenty seconds a document, and half the suite approves a
    programme, which freezes its briefing. A test that does not read the document gets a
    stand-in: a fixed PDF followed by a comment with the checksum of the HTML, so different
    documents still differ byte for byte, and the HTML is still rendered from the templates.
    A test that reads documents gets WeasyPrint's bytes, rendered once per distinct HTML and
    test process: many tests seed the demo, which freezes the same four documents."""

    def __init__(self, weasyprint_render):
        self.weasyprint_render = weasyprint_render
        self.real = True
        self.rendered: dict[str, bytes] = {}
        self.stand_in = b""

    def __call__(self, html: str) -> bytes:
        key = hashlib.sha256(html.encode()).hexdigest()
        if not self.real:
            if not self.stand_in:
                self.stand_in = self.weasyprint_render("<p>Stand-in</p>")
            return self.stand_in + f"%{key}\n".encode()
        if key not in self.rendered:
            self.rendered[key] = self.weasyprint_render(html)
        return self.rendered[key]


@pytest.fixture(autouse=True, scope="session")
def _renderer():
    from pilots.documents import render

    renderer = _Renderer(render.html_to_pdf)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "html_to_pdf", renderer)
        yield renderer


@pytest.fixture(autouse=True)
def _documents_rendered_where_read(request, _renderer):
    _renderer.real = request.node.get_closest_marker("documents") is not None
    yield
    _renderer.real = True


@pytest.fixture(autouse=True)
def _default_language():
    """A test that switches the language (the language menu, translation.activate) would
    leave it active in the test process: every test starts in the product's own language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


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
