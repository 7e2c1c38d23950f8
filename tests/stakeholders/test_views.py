"""Every page per persona, and what each persona sees of the sensitive parts."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from stakeholders.models import Concern, Involvement, Person, SupportAssessment

ALL = ["staff", "officer", "head", "director", "cell", "mat", "admin_user", "outsider"]
MANAGERS = {"officer", "head"}
SENSITIVE = {"officer", "head", "cell"}


@pytest.fixture
def pages(story, subject_path):
    person, consultation = story["person"], story["consultation"]
    return {
        "register": "/stakeholders/",
        "organisations": "/stakeholders/organisations/",
        "consultations": "/stakeholders/consultations/",
        "subjects": "/stakeholders/subjects/",
        "subject": subject_path,
        "person": f"/stakeholders/people/{person.pk}/",
        "consultation": f"/stakeholders/consultations/{consultation.pk}/",
    }


@pytest.mark.parametrize("persona", ALL)
def test_every_persona_reads_the_register(persona, pages, client_for):
    client = client_for(persona)
    for path in pages.values():
        assert client.get(path).status_code == 200, path


def test_anonymous_visitors_are_sent_to_the_login(pages, client_for):
    client = client_for(None)
    for path in pages.values():
        response = client.get(path)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ALL)
def test_only_procurement_opens_the_forms(persona, story, subject_path, client_for):
    involvement, consultation = story["involvement"], story["consultation"]
    paths = [
        "/stakeholders/people/new/",
        f"/stakeholders/people/{story['person'].pk}/edit/",
        "/stakeholders/organisations/new/",
        f"{subject_path}stakeholders/new/",
        f"{subject_path}consultations/new/",
        f"/stakeholders/involvements/{involvement.pk}/edit/",
        f"/stakeholders/consultations/{consultation.pk}/edit/",
        f"/stakeholders/consultations/{consultation.pk}/decisions/new/",
        f"/stakeholders/consultations/{consultation.pk}/actions/new/",
        f"/stakeholders/involvements/{involvement.pk}/support/",
        f"{subject_path}concerns/new/",
        f"/stakeholders/concerns/{story['concern'].pk}/edit/",
        f"/stakeholders/actions/{story['item'].pk}/done/",
    ]
    client = client_for(persona)
    expected = 200 if persona in MANAGERS else 403
    for path in paths:
        assert client.get(path).status_code == expected, path


@pytest.mark.parametrize("persona", ALL)
def test_support_and_concerns_show_only_to_sensitive_readers(persona, pages, client_for):
    """Support levels and notes are sensitive everywhere; a concern is sensitive on a
    person's page, where it is attributed to them."""
    client = client_for(persona)
    for name in ("subject", "person"):
        content = client.get(pages[name]).content.decode()
        secrets = ["Geheime inschatting" if name == "person" else "support-5"]
        if name == "person":
            secrets.append("Geheime bezorgdheid")
        for secret in secrets:
            assert (secret in content) == (persona in SENSITIVE), (name, secret)
    person_page = client.get(pages["person"]).content.decode()
    assert ("Persoonlijke notitie" in person_page) == (persona in SENSITIVE)


@pytest.mark.parametrize("persona", ALL)
def test_a_subjects_concerns_show_to_everyone_and_who_raised_them_only_to_sensitive_readers(
    persona, pages, client_for
):
    response = client_for(persona).get(pages["subject"])
    content = response.content.decode()
    assert "Geheime bezorgdheid" in content
    concerns = content[content.index('id="concerns-title"') :]
    concerns = concerns[: concerns.index("</table>")]
    assert ("Katrien Wouters" in concerns) == (persona in SENSITIVE)
    assert ("Geuit door" in concerns) == (persona in SENSITIVE)
    (concern,) = response.context["support"].open_concerns
    assert ("involvement" in concern._state.fields_cache) == (persona in SENSITIVE)


def test_it_hides_support_from_department_staff_in_the_grid(pages, client_for):
    content = client_for("staff").get(pages["subject"]).content.decode()
    assert "Katrien Wouters" in content  # who is involved is not sensitive
    assert "support-5" not in content
    assert '<th scope="col">Huidige steun</th>' not in content
    # One assessed stakeholder: the summary per quadrant shows no figure of support.
    assert "minder dan 3 ingeschat: niet getoond" in content


@pytest.mark.parametrize("persona", ALL)
def test_the_register_export_carries_notes_only_for_sensitive_readers(persona, story, client_for):
    client = client_for(persona)
    response = client.get("/stakeholders/export.csv")
    content = b"".join(response.streaming_content).decode()
    assert "Katrien Wouters" in content
    assert ("Persoonlijke notitie" in content) == (persona in SENSITIVE)
    assert client.get("/stakeholders/export.xlsx").status_code == 200
    assert client.get("/stakeholders/organisations/export.csv").status_code == 200
    consultations = client.get("/stakeholders/consultations/export.xlsx")
    assert consultations.status_code == 200


def test_an_unknown_export_format_is_not_found(client_for):
    assert client_for("officer").get("/stakeholders/export.pdf").status_code == 404


def test_a_subject_that_is_not_a_programme_pilot_or_dossier_is_not_found(client_for, users):
    person_type = ContentType.objects.get_for_model(Person)
    person = users["staff"].person
    path = f"/stakeholders/subjects/{person_type.pk}/{person.pk}/"
    assert client_for("officer").get(path).status_code == 404
    assert client_for("officer").get("/stakeholders/subjects/99999/1/").status_code == 404


def test_bad_involvement_input_shows_a_dutch_message_and_saves_nothing(
    story, subject_path, client_for
):
    client = client_for("officer")
    response = client.post(
        f"{subject_path}stakeholders/new/", {"person": "", "influence": "9", "interest": "x"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kies een persoon of een organisatie." in content
    assert Involvement.objects.count() == 1


def test_adding_the_same_stakeholder_twice_is_refused_with_a_message(
    story, subject_path, client_for
):
    response = client_for("officer").post(
        f"{subject_path}stakeholders/new/",
        {"person": story["person"].pk, "influence": "3", "interest": "3"},
    )
    assert response.status_code == 200
    assert "is al betrokken" in response.content.decode()
    assert Involvement.objects.count() == 1


def test_the_officer_records_support_and_a_concern(story, subject_path, client_for):
    client = client_for("officer")
    involvement = story["involvement"]
    response = client.post(
        f"/stakeholders/involvements/{involvement.pk}/support/",
        {"assessed_on": "2026-01-15", "level": "2", "note": "Twijfelt"},
    )
    assert response.status_code == 302
    assert SupportAssessment.objects.filter(level=2, note="Twijfelt").exists()
    response = client.post(
        f"{subject_path}concerns/new/",
        {
            "involvement": involvement.pk,
            "category": "workload",
            "description": "Te veel werk",
            "raised_on": "2026-01-15",
            "status": "open",
        },
    )
    assert response.status_code == 302
    assert Concern.objects.filter(description="Te veel werk").exists()


def test_bad_filters_do_not_break_the_lists(story, client_for):
    client = client_for("officer")
    assert client.get("/stakeholders/?department=abc&sort=nonsense&page=x").status_code == 200
    assert client.get("/stakeholders/consultations/?held_from=31/02/2026").status_code == 200
    assert client.get("/stakeholders/organisations/?kind=zzz").status_code == 200


def test_the_register_searches_and_filters(story, client_for):
    client = client_for("officer")
    assert "Katrien Wouters" in client.get("/stakeholders/?q=wouters").content.decode()
    assert "Katrien Wouters" not in client.get("/stakeholders/?q=niemand").content.decode()


def test_a_consultation_with_decision_and_action_item(story, client_for):
    client = client_for("officer")
    consultation = story["consultation"]
    base = f"/stakeholders/consultations/{consultation.pk}/"
    assert client.post(f"{base}decisions/new/", {"text": "Groen licht"}).status_code == 302
    response = client.post(
        f"{base}actions/new/",
        {"description": "Bestek schrijven", "owner": story["person"].pk, "due_on": "2026-12-01"},
    )
    assert response.status_code == 302
    page = client.get(base).content.decode()
    assert "Groen licht" in page
    assert "Bestek schrijven" in page


def test_the_owner_ticks_off_an_action_item_after_confirming(story, client_for, users):
    item = story["item"]
    item.owner = users["staff"].person
    item.save()
    client = client_for("staff")
    assert client.get(f"/stakeholders/actions/{item.pk}/done/").status_code == 200
    item.refresh_from_db()
    assert not item.is_done
    assert client.post(f"/stakeholders/actions/{item.pk}/done/").status_code == 302
    item.refresh_from_db()
    assert item.is_done


def test_the_dashboard_lists_my_open_action_items(story, client_for, users):
    item = story["item"]
    item.owner = users["staff"].person
    item.save()
    content = client_for("staff").get("/").content.decode()
    assert "Mijn werk" in content
    assert "Briefing opstellen" in content


def test_the_consultation_marks_an_action_item_overdue_as_the_model_says(story, client_for):
    item = story["item"]
    path = f"/stakeholders/consultations/{story['consultation'].pk}/"
    assert "Over tijd" not in client_for("officer").get(path).content.decode()
    item.due_on = timezone.localdate() - datetime.timedelta(days=1)
    item.save()
    assert "Over tijd" in client_for("officer").get(path).content.decode()


def test_the_dashboard_marks_my_overdue_action_items(story, client_for, users):
    item = story["item"]
    item.owner = users["staff"].person
    item.save()
    assert "over tijd" not in client_for("staff").get("/").content.decode()
    item.due_on = timezone.localdate() - datetime.timedelta(days=1)
    item.save()
    assert "over tijd" in client_for("staff").get("/").content.decode()
