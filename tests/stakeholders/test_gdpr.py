import json

from stakeholders import gdpr
from stakeholders.models import ActionItem, Concern, Consultation, SupportAssessment
from tests.factories import UserFactory

SECRETS = ["Katrien", "Wouters", "Persoonlijke notitie", "Geheime inschatting", "katrien@"]


def _with_personal_data(story):
    person = story["person"]
    person.email, person.phone, person.job_title = "katrien@stad.be", "0470 12 34 56", "Directeur"
    person.user = UserFactory(username="kwouters", email="katrien@stad.be", first_name="Katrien")
    person.save()
    consultation = story["consultation"]
    consultation.minutes = "Katrien Wouters geeft groen licht."
    consultation.save()
    return person


def test_the_export_holds_everything_about_the_person(story, client_for):
    person = _with_personal_data(story)
    response = client_for("admin_user").get(f"/stakeholders/people/{person.pk}/personal-data.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["person"]["email"] == "katrien@stad.be"
    assert data["person"]["notes"] == "Persoonlijke notitie"
    assert data["user_account"]["username"] == "kwouters"
    assert data["involvements"][0]["support_assessments"][0]["note"] == "Geheime inschatting"
    assert data["consultations"][0]["title"] == "Overleg met de directeur"


def test_erasing_leaves_nothing_personal_and_the_history_intact(story, client_for, users):
    person = _with_personal_data(story)
    counts = [m.objects.count() for m in (Consultation, ActionItem, Concern, SupportAssessment)]
    client = client_for("admin_user")

    assert client.get(f"/stakeholders/people/{person.pk}/erase/").status_code == 200
    person.refresh_from_db()
    assert not person.is_erased  # the GET only asks for confirmation

    response = client.post(f"/stakeholders/people/{person.pk}/erase/")
    assert response.status_code == 302

    exported = client.get(f"/stakeholders/people/{person.pk}/personal-data.json").content.decode()
    for secret in SECRETS:
        assert secret not in exported
    person.refresh_from_db()
    assert person.user.is_active is False
    assert not person.user.has_usable_password()
    consultation = Consultation.objects.get()
    assert "Katrien" not in consultation.minutes
    assert str(person) in consultation.minutes
    assert list(consultation.participants.all()) == [person]
    assert [m.objects.count() for m in (Consultation, ActionItem, Concern, SupportAssessment)] == (
        counts
    )
    assert SupportAssessment.objects.get().level == 5


def test_a_person_is_erased_only_once(story, users):
    gdpr.person_erase(user=users["admin_user"], person_id=story["person"].pk)
    try:
        gdpr.person_erase(user=users["admin_user"], person_id=story["person"].pk)
    except gdpr.StakeholderError:
        pass
    else:
        raise AssertionError("a second erasure was accepted")


def test_only_an_administrator_exports_or_erases(story, client_for):
    pk = story["person"].pk
    for persona in ("staff", "officer", "head", "director", "cell", "mat", "outsider"):
        client = client_for(persona)
        assert client.get(f"/stakeholders/people/{pk}/personal-data.json").status_code == 403
        assert client.get(f"/stakeholders/people/{pk}/erase/").status_code == 403
        assert client.post(f"/stakeholders/people/{pk}/erase/").status_code == 403
    story["person"].refresh_from_db()
    assert not story["person"].is_erased


def test_erasing_purges_the_login_records_of_the_account(story, users, client):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.utils import timezone

    person = _with_personal_data(story)
    client.post("/accounts/login/", {"username": "kwouters", "password": "wrong"})
    client.post("/accounts/login/", {"username": "someone-else", "password": "wrong"})
    common = {"ip_address": "203.0.113.9", "user_agent": "Firefox", "http_accept": "*/*"}
    AccessLog.objects.create(username="KWouters", attempt_time=timezone.now(), **common)
    AccessFailureLog.objects.create(username="kwouters", attempt_time=timezone.now(), **common)
    assert AccessAttempt.objects.filter(username="kwouters").exists()

    report = gdpr.person_erase(user=users["admin_user"], person_id=person.pk)

    assert report.login_records_removed == 3
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert not model.objects.filter(username__iexact="kwouters").exists()
    assert AccessAttempt.objects.filter(username="someone-else").exists()
