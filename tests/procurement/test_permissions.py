"""Every dossier page for every persona: who may read, who may register, who may edit."""

import pytest
from django.urls import reverse

from tests.factories import DossierFactory

READ_ALL = {
    p: 200
    for p in ["staff", "officer", "head", "director", "cell", "mat", "admin_user", "outsider"]
}
CREATE = {**{p: 403 for p in READ_ALL}, "staff": 200, "officer": 200, "head": 200}


@pytest.fixture
def own_dossier(department):
    return DossierFactory(department=department)


@pytest.fixture
def foreign_dossier(other_department):
    return DossierFactory(department=other_department)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(READ_ALL))
@pytest.mark.parametrize(
    "page", ["list", "detail", "export_csv", "export_xlsx", "dashboard", "suggestion"]
)
def test_every_logged_in_persona_reads_dossiers(client_for, persona, page, own_dossier):
    url = {
        "list": reverse("procurement:dossier_list"),
        "detail": own_dossier.get_absolute_url(),
        "export_csv": reverse("procurement:dossier_export", args=["csv"]),
        "export_xlsx": reverse("procurement:dossier_export", args=["xlsx"]),
        "dashboard": reverse("dashboard:home"),
        "suggestion": reverse("procurement:procedure_suggestion"),
    }[page]
    assert client_for(persona).get(url).status_code == READ_ALL[persona]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(CREATE))
def test_registering_is_for_department_staff_and_procurement(client_for, persona):
    assert (
        client_for(persona).get(reverse("procurement:dossier_create")).status_code
        == CREATE[persona]
    )


def edit_form(dossier, **overrides) -> dict:
    """The edit form of `dossier` as its page fills it in, with `overrides` typed over it."""
    return {
        "title": dossier.title,
        "department": dossier.department_id,
        "subject_type": dossier.subject_type,
        "estimated_value": str(dossier.estimated_value),
        "planned_publication_date": dossier.planned_publication_date.isoformat(),
        "required_award_date": dossier.required_award_date.isoformat(),
        "visibility": dossier.visibility,
        "willingness": dossier.willingness,
        "status": dossier.status,
        **overrides,
    }


def assert_edits_only_when_allowed(client, dossier, *, allowed: bool):
    url = reverse("procurement:dossier_update", args=[dossier.reference])
    assert client.get(url).status_code == (200 if allowed else 403)
    response = client.post(url, edit_form(dossier, title="Overgenomen"))
    assert response.status_code == (302 if allowed else 403)
    dossier.refresh_from_db()
    assert (dossier.title == "Overgenomen") is allowed


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(CREATE))
def test_editing_an_own_department_dossier(client_for, persona, own_dossier):
    assert_edits_only_when_allowed(client_for(persona), own_dossier, allowed=CREATE[persona] == 200)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(CREATE))
def test_editing_another_departments_dossier_is_for_procurement_only(
    client_for, persona, foreign_dossier
):
    assert_edits_only_when_allowed(
        client_for(persona), foreign_dossier, allowed=persona in ("officer", "head")
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("procurement:dossier_list", []),
        ("procurement:dossier_create", []),
        ("procurement:dossier_export", ["csv"]),
        ("dashboard:home", []),
    ],
)
def test_anonymous_visitors_are_sent_to_the_login_page(client, url_name, args):
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_anonymous_visitors_cannot_open_a_dossier(client, own_dossier):
    response = client.get(own_dossier.get_absolute_url())
    assert response.status_code == 302


@pytest.mark.django_db
def test_only_staff_users_reach_the_admin(client_for):
    assert client_for("admin_user").get("/admin/").status_code == 200
    assert client_for("officer").get("/admin/").status_code == 302
