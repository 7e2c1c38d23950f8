import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from core.scoping import municipality_scope
from pilots.advice import rules, services
from pilots.advice.models import AdvisorAccess, AdvisorComment, Invitation
from pilots.models import OfficialDocument, Programme
from stakeholders.models import Concern, Involvement, SupportAssessment
from tests.factories import DossierFactory, MunicipalityFactory, PersonFactory, UserFactory
from tests.pilots.factories import make_programme

pytestmark = pytest.mark.django_db


def _detail(invitation):
    return reverse("pilots:advice_detail", args=[invitation.pk])


# --- Inviting ------------------------------------------------------------------------------------


def test_the_officer_invites_from_the_form_and_sees_the_advisor_on_the_programme_page(
    client_for, programme, django_capture_on_commit_callbacks
):
    client = client_for("officer")
    url = reverse("pilots:invitation_create", args=[programme.pk])
    assert client.get(url).status_code == 200
    ends_on = timezone.localdate() + datetime.timedelta(days=60)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"email": "an@advies.example", "name": "An Peeters", "ends_on": ends_on.isoformat()},
        )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/programmes/{programme.pk}/#advisors-title")
    invitation = Invitation.objects.get()
    assert invitation.ends_on == ends_on
    assert len(mail.outbox) == 1
    page = client.get(programme.get_absolute_url())
    assert page.context["advice"]["invitations"] == [invitation]
    assert "An Peeters" in page.content.decode()


@pytest.mark.parametrize(
    ("days", "message"), [(-1, "verleden"), (400, "365")], ids=["past", "beyond-a-year"]
)
def test_the_form_shows_a_bad_end_date_in_the_users_language(client_for, programme, days, message):
    ends_on = timezone.localdate() + datetime.timedelta(days=days)
    response = client_for("officer").post(
        reverse("pilots:invitation_create", args=[programme.pk]),
        {"email": "an@advies.example", "name": "An", "ends_on": ends_on.isoformat()},
    )
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["ends_on"])
    assert not Invitation.objects.exists()


def test_the_form_asks_for_an_end_date(client_for, programme):
    response = client_for("officer").post(
        reverse("pilots:invitation_create", args=[programme.pk]),
        {"email": "an@advies.example", "name": "An", "ends_on": ""},
    )
    assert response.status_code == 200
    assert "ends_on" in response.context["form"].errors


@pytest.mark.parametrize("name", ["staff", "director", "mat"])
def test_who_sees_the_programme_but_is_no_officer_gets_403_and_no_section(
    client_for, programme, name
):
    client = client_for(name)
    assert client.get(reverse("pilots:invitation_create", args=[programme.pk])).status_code == 403
    assert client.get(programme.get_absolute_url()).context["advice"] is None


def test_a_forged_programme_id_of_another_municipality_is_404(client_for, users):
    other = MunicipalityFactory()
    with municipality_scope(other):
        officer = UserFactory(roles=[Role.PROCUREMENT_OFFICER], roles__municipality=other)
        theirs = make_programme(user=officer, dossiers=[DossierFactory()])
    client = client_for("officer")
    url = reverse("pilots:invitation_create", args=[theirs.pk])
    ends_on = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    assert client.get(url).status_code == 404
    response = client.post(url, {"email": "x@advies.example", "name": "X", "ends_on": ends_on})
    assert response.status_code == 404
    with municipality_scope(other):
        assert not Invitation.objects.exists()


def test_an_invitation_of_another_programme_is_404_for_its_pages(client_for, users, invitation):
    mine = make_programme(user=users["officer"])
    client = client_for("officer")
    for name in ("pilots:advisor_thread", "pilots:invitation_end"):
        assert client.get(reverse(name, args=[mine.pk, invitation.pk])).status_code == 404


def test_the_officer_ends_an_invitation_through_a_confirmation(client_for, programme, invitation):
    client = client_for("officer")
    url = reverse("pilots:invitation_end", args=[programme.pk, invitation.pk])
    assert client.get(url).status_code == 200
    invitation.refresh_from_db()
    assert invitation.ended_at is None
    assert client.post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.ended_at is not None


# --- The advisor: live, ended, expired, someone else's ------------------------------------------


def test_the_advisor_lists_their_running_invitations_only(
    advisor_client, users, invitation, invite, advisor
):
    other = make_programme(user=users["officer"], title="Ander traject")
    ended = invite(other, advisor)
    services.invitation_end(user=users["officer"], invitation_id=ended.pk)
    response = advisor_client.get(reverse("pilots:advice_list"))
    assert response.status_code == 200
    assert response.context["invitations"] == [invitation]
    assert "Ander traject" not in response.content.decode()


def test_the_advisor_reads_the_programme_of_a_live_invitation(advisor_client, invitation):
    response = advisor_client.get(_detail(invitation))
    assert response.status_code == 200
    body = response.content.decode()
    programme = invitation.programme
    assert programme.purpose in body
    for pilot in programme.pilots.all():
        assert pilot.dossier.title in body
    assert "Aandeel gerecycleerd materiaal" in body  # the evaluation point
    decisions = list(response.context["programme"].decisions.all())
    assert len(decisions) == 3
    for decision in decisions:
        assert decision.stage.label in body
    assert "Graag advies over de evaluatiepunten." in body  # the invitation's note


def test_the_last_day_still_counts(advisor_client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(ends_on=timezone.localdate())
    assert advisor_client.get(_detail(invitation)).status_code == 200


def test_an_expired_invitation_is_404(advisor_client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert advisor_client.get(_detail(invitation)).status_code == 404
    assert advisor_client.get(reverse("pilots:advice_list")).context["invitations"] == []


def test_an_ended_invitation_is_404_at_the_next_request(advisor_client, users, invitation):
    assert advisor_client.get(_detail(invitation)).status_code == 200
    services.invitation_end(user=users["officer"], invitation_id=invitation.pk)
    assert advisor_client.get(_detail(invitation)).status_code == 404
    document = OfficialDocument.objects.first()
    url = reverse("pilots:advice_document", args=[invitation.pk, document.pk])
    assert advisor_client.get(url).status_code == 404
    response = advisor_client.post(_detail(invitation), {"text": "Nog dit."})
    assert response.status_code == 404
    assert not AdvisorComment.objects.exists()


def test_another_advisors_invitation_is_404(client, invitation):
    stranger = UserFactory(roles__member=False)
    client.force_login(stranger)
    assert client.get(_detail(invitation)).status_code == 404
    document = OfficialDocument.objects.first()
    url = reverse("pilots:advice_document", args=[invitation.pk, document.pk])
    assert client.get(url).status_code == 404


def test_staff_of_the_municipality_do_not_read_it_as_an_advisor(client_for, invitation):
    assert client_for("officer").get(_detail(invitation)).status_code == 404


def test_anonymous_is_sent_to_the_login(client, invitation):
    response = client.get(_detail(invitation))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_document_of_another_programme_is_404(advisor_client, users, invitation):
    from tests.pilots.evaluation_helpers import approve

    other = approve(make_programme(user=users["officer"], title="Ander traject"), users)
    theirs = OfficialDocument.objects.filter(programme=other).first()
    url = reverse("pilots:advice_document", args=[invitation.pk, theirs.pk])
    assert advisor_client.get(url).status_code == 404


# --- The access log -------------------------------------------------------------------------------


def test_every_access_is_logged(advisor_client, advisor, invitation):
    document = OfficialDocument.objects.get(programme=invitation.programme)
    advisor_client.get(reverse("pilots:advice_list"))
    advisor_client.get(_detail(invitation))
    advisor_client.get(_detail(invitation) + "?tab=2")
    response = advisor_client.get(
        reverse("pilots:advice_document", args=[invitation.pk, document.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == b"%PDF-1.7 fake"
    log = list(AdvisorAccess.objects.order_by("at", "pk").values_list("invitation", "user", "path"))
    assert log == [
        (invitation.pk, advisor.pk, "/advice/"),
        (invitation.pk, advisor.pk, _detail(invitation)),
        (invitation.pk, advisor.pk, _detail(invitation) + "?tab=2"),
        (invitation.pk, advisor.pk, f"/advice/{invitation.pk}/documents/{document.pk}.pdf"),
    ]


def test_a_refused_request_is_not_logged_as_an_access(client, invitation):
    client.force_login(UserFactory(roles__member=False))
    client.get(_detail(invitation))
    assert not AdvisorAccess.objects.exists()


def test_the_officer_sees_the_accesses_on_the_thread(client_for, advisor_client, invitation):
    advisor_client.get(_detail(invitation))
    response = client_for("officer").get(
        reverse("pilots:advisor_thread", args=[invitation.programme_id, invitation.pk])
    )
    assert response.status_code == 200
    assert len(response.context["accesses"]) == 1


def test_a_document_whose_file_does_not_match_its_checksum_is_not_served(
    advisor_client, invitation
):
    document = OfficialDocument.objects.get(programme=invitation.programme)
    with document.file.open("wb") as stored:
        stored.write(b"tampered")
    response = advisor_client.get(
        reverse("pilots:advice_document", args=[invitation.pk, document.pk])
    )
    assert response.status_code == 503
    assert response.context["back_url"] == _detail(invitation)


def test_a_document_whose_file_is_missing_is_a_page_not_an_error(advisor_client, invitation):
    document = OfficialDocument.objects.get(programme=invitation.programme)
    document.file.storage.delete(document.file.name)
    response = advisor_client.get(
        reverse("pilots:advice_document", args=[invitation.pk, document.pk])
    )
    assert response.status_code == 503
    assert "de gemeente is verwittigd" in response.content.decode()


# --- Comments -------------------------------------------------------------------------------------


def _token(response):
    return response.context["form"]["client_token"].value()


def test_the_advisor_comments_and_a_double_submit_makes_one_comment(
    advisor_client, invitation, monkeypatch
):
    monkeypatch.setattr(rules, "DUPLICATE_WINDOW", datetime.timedelta(0))
    page = advisor_client.get(_detail(invitation))
    data = {"text": "Meet ook de CO₂-besparing.", "client_token": _token(page)}
    first = advisor_client.post(_detail(invitation), data)
    second = advisor_client.post(_detail(invitation), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == _detail(invitation)
    assert AdvisorComment.objects.count() == 1
    followed = advisor_client.get(_detail(invitation))
    assert followed.content.decode().count("Meet ook de CO₂-besparing.") == 1


def test_an_empty_comment_is_refused_on_the_page(advisor_client, invitation):
    page = advisor_client.get(_detail(invitation))
    response = advisor_client.post(
        _detail(invitation), {"text": "   ", "client_token": _token(page)}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not AdvisorComment.objects.exists()


def test_the_officer_replies_from_the_programme_page_once(
    client_for, users, advisor, programme, invitation
):
    services.comment_add(user=advisor, invitation_id=invitation.pk, text="Een vraag.")
    client = client_for("officer")
    page = client.get(programme.get_absolute_url())
    body = page.content.decode()
    assert "Een vraag." in body
    [shown] = page.context["advice"]["invitations"]
    token = shown.reply_form["client_token"].value()
    url = reverse("pilots:advisor_thread", args=[programme.pk, invitation.pk])
    data = {"text": "Een antwoord.", "client_token": token, "back": "programme"}
    response = client.post(url, data)
    assert response["Location"].endswith("#advisors-title")
    client.post(url, data)
    assert list(AdvisorComment.objects.values_list("author", "text")) == [
        (advisor.pk, "Een vraag."),
        (users["officer"].pk, "Een antwoord."),
    ]


def test_no_reply_on_an_ended_invitation(client_for, users, programme, invitation):
    services.invitation_end(user=users["officer"], invitation_id=invitation.pk)
    client = client_for("officer")
    url = reverse("pilots:advisor_thread", args=[programme.pk, invitation.pk])
    assert client.get(url).context["form"] is None
    client.post(url, {"text": "Te laat.", "client_token": "6f1c2a0e-8a55-4b1e-9a52-2d5e4d0b1f00"})
    assert not AdvisorComment.objects.exists()


# --- The advisor sees nothing else ----------------------------------------------------------------


def _sensitive(programme):
    person = PersonFactory(full_name="Griet Geheim")
    involvement = Involvement.objects.create(
        content_type=ContentType.objects.get_for_model(Programme),
        object_id=programme.pk,
        person=person,
        influence=4,
        interest=4,
    )
    SupportAssessment.objects.create(
        involvement=involvement,
        assessed_on=timezone.localdate(),
        level=1,
        note="VERTROUWELIJKE NOTITIE",
    )
    Concern.objects.create(
        involvement=involvement,
        category=Concern.Category.choices[0][0],
        description="ZORG OVER JURIDISCH RISICO",
        raised_on=timezone.localdate(),
    )


def test_the_advisor_page_shows_no_stakeholder_data(advisor_client, invitation):
    _sensitive(invitation.programme)
    body = advisor_client.get(_detail(invitation)).content.decode()
    for secret in ("Griet Geheim", "VERTROUWELIJKE NOTITIE", "ZORG OVER JURIDISCH RISICO"):
        assert secret not in body


def test_the_advisor_sees_no_data_on_the_apps_own_pages(advisor_client, invitation):
    programme = invitation.programme
    _sensitive(programme)
    titles = [programme.title] + [pilot.dossier.title for pilot in programme.pilots.all()]
    assert advisor_client.get(programme.get_absolute_url()).status_code == 404
    pilot = programme.pilots.first()
    assert advisor_client.get(pilot.get_absolute_url()).status_code == 404
    assert advisor_client.get(pilot.dossier.get_absolute_url()).status_code == 404
    assert (
        advisor_client.get(reverse("pilots:document_list", args=[programme.pk])).status_code == 404
    )
    for url in ("/", "/dossiers/", "/programmes/", "/pilots/", "/stakeholders/"):
        response = advisor_client.get(url)
        # The dashboard sends an advisor to their invitations.
        assert response.status_code in (200, 302, 403, 404), url
        body = response.content.decode()
        for title in [*titles, "Griet Geheim"]:
            assert title not in body, (url, title)


def test_an_officer_of_a_neighbour_invited_as_advisor_brings_no_roles(client, users, programme):
    neighbour = MunicipalityFactory()
    officer = UserFactory(roles=[Role.PROCUREMENT_OFFICER], roles__municipality=neighbour)
    invitation = services.invitation_create(
        user=users["officer"],
        programme_id=programme.pk,
        email=officer.email,
        ends_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    client.force_login(officer)
    response = client.get(_detail(invitation))
    assert response.status_code == 200
    # The navigation of their own municipality's roles is not drawn in the city's scope.
    assert response.context["nav"]["programmes"] is False
    assert client.get(programme.get_absolute_url()).status_code == 404


# --- Query budget ---------------------------------------------------------------------------------


def _grow(programme, users, *, pilots: int, points: int):
    from pilots.models import EvaluationPoint, Pilot
    from tests.pilots.evaluation_helpers import point_fields

    for _ in range(pilots):
        Pilot.objects.create(programme=programme, dossier=DossierFactory())
    EvaluationPoint.objects.bulk_create(
        [
            EvaluationPoint(pilot=pilot, **point_fields(indicator=f"Punt {n}"))
            for pilot in programme.pilots.all()
            for n in range(points)
        ]
    )


@pytest.mark.parametrize(("pilots", "points", "comments"), [(0, 0, 1), (10, 6, 20)])
def test_the_advisor_page_keeps_its_query_budget(
    advisor_client,
    advisor,
    users,
    invitation,
    pilots,
    points,
    comments,
    django_assert_num_queries,
):
    _grow(invitation.programme, users, pilots=pilots, points=points)
    for n in range(comments):
        AdvisorComment.objects.create(invitation=invitation, author=advisor, text=f"Opmerking {n}")
    # Session, user and workplace; the invitation and the access log; the programme with its
    # pilots, strategies, points, decisions and documents; the thread; the navigation's checks
    # for a coordinated region and for running invitations.
    with django_assert_num_queries(QUERIES) as captured:
        response = advisor_client.get(_detail(invitation))
    assert response.status_code == 200
    assert len(captured) == QUERIES


QUERIES = 14


def test_the_navigation_offers_the_advisor_their_invitations_while_one_runs(
    advisor_client, users, invitation
):
    url = reverse("pilots:advice_list")
    assert advisor_client.get("/").url == url  # the dashboard sends them there
    home = advisor_client.get(url)
    assert home.context["nav"]["advice"] is True
    assert advisor_client.get(url).content.decode().count(f'href="{url}"') == 1
    services.invitation_end(user=users["officer"], invitation_id=invitation.pk)
    ended = advisor_client.get("/")
    assert ended.context["nav"]["advice"] is False
    assert "werkt (niet meer) voor een gemeente" in ended.content.decode()


def test_the_programme_pages_advisors_section_costs_the_same_for_one_or_six_advisors(
    client_for, programme, invite
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(advisors):
        for n in advisors:
            advisor = UserFactory(username=f"adviseur{n}", roles__member=False)
            invitation = invite(programme, advisor)
            for text in ("Vraag", "Nog een vraag"):
                AdvisorComment.objects.create(invitation=invitation, author=advisor, text=text)

    def cost():
        client = client_for("officer")
        with CaptureQueriesContext(connection) as captured:
            response = client.get(programme.get_absolute_url())
        return len(response.context["advice"]["invitations"]), len(captured)

    add(range(1))
    cost()  # the first request fills the process's caches (content types)
    shown, one = cost()
    assert shown == 1
    add(range(1, 6))
    shown, six = cost()
    assert shown == 6
    assert six == one
