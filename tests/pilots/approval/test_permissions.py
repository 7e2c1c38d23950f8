"""Every page, every persona: 200 where the role may, 403 where it may not change, 404 where
it may not see (the outsider has an account but no role)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ALL = ["staff", "officer", "head", "director", "cell", "mat", "admin_user", "outsider"]


def _expect(allowed, forbidden=403, outsider=403):
    return {
        name: 200 if name in allowed else (outsider if name == "outsider" else forbidden)
        for name in ALL
    }


READERS = {"staff", "officer", "head", "director", "cell", "mat", "admin_user"}
WRITERS = {"officer", "head"}

CASES = [
    ("pilots:programme_list", None, _expect(READERS)),
    ("pilots:programme_create", None, _expect(WRITERS)),
    ("pilots:pilot_list", None, _expect(READERS)),
    ("pilots:substitution_list", None, _expect({"head", "director", "cell", "mat"})),
    ("pilots:programme_detail", "programme", _expect(READERS, outsider=404)),
    ("pilots:programme_update", "programme", _expect(WRITERS, outsider=404)),
    ("pilots:programme_submit", "programme", _expect(WRITERS, outsider=404)),
    ("pilots:programme_decide", "submitted", _expect({"director"}, outsider=404)),
    ("pilots:pilot_detail", "pilot", _expect(READERS, outsider=404)),
    ("pilots:pilot_update", "pilot", _expect(WRITERS, outsider=404)),
]


@pytest.mark.parametrize(("name", "target", "expected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("persona", ALL)
def test_page_permission_per_persona(request, client_for, name, target, expected, persona):
    args = []
    if target == "pilot":
        args = [request.getfixturevalue("programme").pilots.first().pk]
    elif target:
        args = [request.getfixturevalue(target).pk]
    response = client_for(persona).get(reverse(name, args=args))
    assert response.status_code == expected[persona]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("name", ["pilots:programme_export", "pilots:pilot_export"])
@pytest.mark.parametrize("persona", ALL)
def test_exports_per_persona(client_for, programme, name, file_format, persona):
    response = client_for(persona).get(reverse(name, args=[file_format]))
    assert response.status_code == (403 if persona == "outsider" else 200)


@pytest.mark.parametrize(
    "name",
    ["pilots:programme_list", "pilots:programme_create", "pilots:pilot_list"],
)
def test_anonymous_visitors_are_sent_to_the_login(client_for, name):
    response = client_for(None).get(reverse(name))
    assert response.status_code == 302
    assert reverse("login") in response.url
