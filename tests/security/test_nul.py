"""A NUL character in any input is a clear 400 before the view runs (core/middleware.py): on
PostgreSQL it cannot be stored, and a query with one was a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse, QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from core.middleware import RejectNulMiddleware
from procurement.models import Dossier
from tests.pilots.evaluation_helpers import approved_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def pilot(users):
    return approved_programme(users).pilots.first()


def test_a_nul_in_a_query_value_is_a_400_with_a_page(client_for, pilot):
    """The case of the issue: `?template=%00` on a new evaluation point was a 500 on
    PostgreSQL."""
    client = client_for("officer")
    url = reverse("pilots:point_create", args=[pilot.pk])
    assert client.get(url).status_code == 200
    answer = client.get(url + "?template=%00")
    assert answer.status_code == 400
    assert "400_nul.html" in [t.name for t in answer.templates]
    assert "Je invoer bevat een teken dat niet bewaard kan worden" in answer.content.decode()


def test_the_page_is_in_english_for_who_chose_english(client_for, pilot):
    client = client_for("officer")
    client.cookies["django_language"] = "en"
    answer = client.get(reverse("pilots:point_create", args=[pilot.pk]) + "?template=a%00b")
    assert answer.status_code == 400
    assert "Your input contains a character that cannot be stored" in answer.content.decode()
    translation.activate("nl")


def test_a_nul_in_a_form_value_saves_nothing(client_for, users):
    client = client_for("officer")
    before = Dossier.objects.count()
    answer = client.post(reverse("procurement:dossier_create"), {"title": "Dak\x00werken"})
    assert answer.status_code == 400
    assert Dossier.objects.count() == before


@pytest.mark.parametrize(
    "data",
    [{"ti\x00tle": "x"}, {"title": ["ok", "n\x00"]}],
    ids=["key", "second-value"],
)
def test_a_nul_in_a_key_or_any_value(client_for, users, data):
    answer = client_for("officer").post(reverse("procurement:dossier_create"), data)
    assert answer.status_code == 400


def test_a_nul_in_an_uploaded_file_name_but_not_its_contents(client_for, users, rf):
    """Django's multipart parser drops non-printable characters from a file name already;
    the middleware holds it for any other way a name arrives."""
    upload = SimpleUploadedFile("logo\x00.png", b"data")
    request = rf.post("/")
    request._post, request._files = QueryDict(), MultiValueDict({"file": [upload]})
    answer = RejectNulMiddleware(lambda request: HttpResponse())(request)
    assert answer.status_code == 400
    contents = SimpleUploadedFile("logo.png", b"da\x00ta")
    url = reverse("procurement:dossier_create")
    assert client_for("officer").post(url, {"file": contents}).status_code == 200


def test_a_nul_in_the_path_and_for_anonymous(client):
    assert client.get("/dossiers/%00/").status_code == 400
    assert client.get(reverse("login") + "?next=%00").status_code == 400


def test_input_without_nul_passes(client_for, pilot):
    client = client_for("officer")
    url = reverse("pilots:point_create", args=[pilot.pk])
    assert client.get(url + "?template=%01").status_code == 200
