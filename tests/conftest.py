"""Persona fixtures: one logged-in client per role of docs/design.md, plus an outsider.

`department` is the department of the `staff` persona; `other_department` belongs to nobody.
"""

import hashlib
import os

import pytest

from core.membership import first_municipality
from core.roles import Role
from core.scoping import municipality_scope
from tests.factories import DepartmentFactory, PersonFactory, UserFactory
from tests.reference_data import reference_data_missing, reference_data_restore
from tests.stand_in_pdf import stand_in_pdf

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


# Tests under these folders read the documents they make as documents (pages, positions,
# tags, fonts); every other test gets a stand-in. The browser tests read the documents' HTML
# previews, never the PDF, so they get the stand-in too.
DOCUMENT_READERS = ("tests/pilots/documents/",)


class _Renderer:
    """WeasyPrint takes one to twenty seconds a document, and half the suite approves a
    programme, which freezes its briefing. A test that does not read documents as documents
    gets a stand-in (tests/stand_in_pdf.py): a PDF whose text is the text of the HTML, which
    is still rendered from the templates, so a test can look for data in it (the isolation
    matrix does). A test that does gets WeasyPrint's bytes, rendered once per distinct HTML
    and test process: many tests seed the demo, which freezes the same four documents. The
    test is the one pytest is running, its module-scoped fixtures included."""

    def __init__(self, weasyprint_render):
        self.weasyprint_render = weasyprint_render
        self.rendered: dict[str, bytes] = {}

    def __call__(self, html: str) -> bytes:
        running = os.environ.get("PYTEST_CURRENT_TEST", "")
        if not any(folder in running for folder in DOCUMENT_READERS):
            return stand_in_pdf(html)
        key = hashlib.sha256(html.encode()).hexdigest()
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
