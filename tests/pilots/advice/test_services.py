import datetime
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from core.membership import first_municipality
from core.roles import Role
from core.scoping import municipality_scope
from pilots.advice import rules, services
from pilots.advice.models import AdvisorAccess, AdvisorComment, Invitation
from pilots.common.errors import PilotError
from pilots.models import Programme
from tests.factories import DossierFactory, MunicipalityFactory, UserFactory
from tests.pilots.factories import make_programme

pytestmark = pytest.mark.django_db


def _invite(
    users, programme, *, by="officer", email="nieuw@advies.example", name="An Peeters", ends_on=None
):
    return services.invitation_create(
        user=users[by],
        programme_id=programme.pk,
        email=email,
        name=name,
        ends_on=ends_on or timezone.localdate() + datetime.timedelta(days=30),
    )


# --- Who may invite, and until when ------------------------------------------------------------


@pytest.mark.parametrize("name", ["officer", "head"])
def test_procurement_invites_an_advisor(users, programme, name, advisor):
    invitation = _invite(users, programme, by=name, email=advisor.email)
    assert invitation.advisor == advisor
    assert invitation.invited_by == users[name]
    assert invitation.programme.municipality == first_municipality()


@pytest.mark.parametrize("name", ["staff", "director", "cell", "mat", "outsider"])
def test_nobody_else_invites(users, programme, name, advisor):
    with pytest.raises(PilotError, match="aankopers"):
        _invite(users, programme, by=name, email=advisor.email)
    assert not Invitation.objects.exists()


def test_the_creator_of_a_programme_invites_without_a_procurement_role(users, advisor):
    creator = UserFactory(roles=[Role.DEPARTMENT_STAFF])
    programme = make_programme(user=users["officer"])
    programme.created_by = creator
    programme.save(update_fields=["created_by"])
    users["creator"] = creator
    assert _invite(users, programme, by="creator", email=advisor.email).invited_by == creator


@pytest.mark.parametrize(
    ("days", "message"),
    [(-1, "verleden"), (366, "hoogstens 365 dagen")],
)
def test_the_end_date_must_lie_between_today_and_a_year_from_now(
    users, programme, advisor, days, message
):
    with pytest.raises(PilotError, match=message) as raised:
        _invite(
            users,
            programme,
            email=advisor.email,
            ends_on=timezone.localdate() + datetime.timedelta(days=days),
        )
    assert raised.value.field == "ends_on"


def test_another_municipalitys_programme_does_not_exist_for_the_officer(users, advisor):
    other = MunicipalityFactory()
    with municipality_scope(other):
        officer = UserFactory(roles=[Role.PROCUREMENT_OFFICER], roles__municipality=other)
        theirs = make_programme(user=officer, dossiers=[DossierFactory()])
    with pytest.raises(Programme.DoesNotExist):
        _invite(users, theirs, email=advisor.email)


# --- The advisor's account -----------------------------------------------------------------------


def test_a_new_advisor_gets_an_account_without_password_and_a_link_to_choose_one(
    users, programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invitation = _invite(users, programme, email="An.Peeters@Advies.example")
        assert mail.outbox == []  # only after commit
    assert len(callbacks) == 1
    advisor = invitation.advisor
    assert advisor.email == "An.Peeters@Advies.example"
    assert (advisor.first_name, advisor.last_name) == ("An", "Peeters")
    assert not advisor.has_usable_password()
    assert not advisor.memberships.exists()
    [message] = mail.outbox
    assert message.to == ["An.Peeters@Advies.example"]
    assert "/accounts/reset/" in message.body
    assert f"/advice/{invitation.pk}/" in message.body


def test_an_existing_account_is_found_by_its_address_and_gets_no_password_link(
    users, programme, advisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(users, programme, email=advisor.email.upper(), name="")
    assert invitation.advisor == advisor
    assert get_user_model().objects.filter(email__iexact=advisor.email).count() == 1
    [message] = mail.outbox
    assert "/accounts/reset/" not in message.body


def test_a_new_account_needs_a_name(users, programme):
    with pytest.raises(PilotError) as raised:
        _invite(users, programme, email="nieuw@advies.example", name=" ")
    assert raised.value.field == "name"
    assert not get_user_model().objects.filter(email="nieuw@advies.example").exists()


def test_the_subject_is_one_line_whatever_the_title(
    users, programme, advisor, django_capture_on_commit_callbacks
):
    type(programme).objects.filter(pk=programme.pk).update(title="Traject\nBcc: iemand@x.example")
    with django_capture_on_commit_callbacks(execute=True):
        _invite(users, programme, email=advisor.email)
    [message] = mail.outbox
    assert "\n" not in message.subject
    assert "Traject Bcc" in message.subject


def test_someone_who_works_for_the_municipality_is_not_invited_as_an_advisor(users, programme):
    with pytest.raises(PilotError, match="werkt voor deze gemeente"):
        _invite(users, programme, email=users["staff"].email)


def test_an_officer_of_a_neighbour_can_be_an_advisor(users, programme):
    neighbour = UserFactory(
        roles=[Role.PROCUREMENT_OFFICER], roles__municipality=MunicipalityFactory()
    )
    assert _invite(users, programme, email=neighbour.email).advisor == neighbour


def test_a_running_invitation_is_not_made_twice_and_an_expired_one_is_replaced(
    users, programme, advisor
):
    first = _invite(users, programme, email=advisor.email)
    with pytest.raises(PilotError, match="al uitgenodigd"):
        _invite(users, programme, email=advisor.email)
    Invitation.objects.filter(pk=first.pk).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    second = _invite(users, programme, email=advisor.email)
    first.refresh_from_db()
    assert first.ended_at is not None
    assert second.pk != first.pk


# --- Ending --------------------------------------------------------------------------------------


def test_an_officer_ends_an_invitation_once(users, invitation):
    ended = services.invitation_end(user=users["head"], invitation_id=invitation.pk)
    assert ended.ended_at is not None
    assert ended.ended_by == users["head"]
    with pytest.raises(PilotError, match="al beëindigd"):
        services.invitation_end(user=users["officer"], invitation_id=invitation.pk)


def test_staff_do_not_end_an_invitation(users, invitation):
    with pytest.raises(PilotError):
        services.invitation_end(user=users["staff"], invitation_id=invitation.pk)
    invitation.refresh_from_db()
    assert invitation.ended_at is None


# --- Comments ------------------------------------------------------------------------------------


def test_the_advisor_comments_and_the_officer_replies_on_the_same_thread(
    users, invitation, advisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment, created = services.comment_add(
            user=advisor, invitation_id=invitation.pk, text="  Meet ook de CO₂.  "
        )
        reply, _created = services.comment_add(
            user=users["officer"], invitation_id=invitation.pk, text="Goed idee."
        )
    assert created
    assert comment.text == "Meet ook de CO₂."
    assert comment.is_by_advisor
    assert not reply.is_by_advisor
    assert list(invitation.comments.values_list("text", flat=True)) == [
        "Meet ook de CO₂.",
        "Goed idee.",
    ]
    # The advice goes to whoever invited; the reply to the advisor.
    assert [m.to for m in mail.outbox] == [[users["officer"].email], [advisor.email]]


def test_the_same_form_sent_twice_makes_one_comment(invitation, advisor, monkeypatch):
    # The token alone: the check on the same text within seconds is out of play.
    monkeypatch.setattr(rules, "DUPLICATE_WINDOW", datetime.timedelta(0))
    token = uuid.uuid4()
    first, created = services.comment_add(
        user=advisor, invitation_id=invitation.pk, text="Eén opmerking.", client_token=token
    )
    again, created_again = services.comment_add(
        user=advisor, invitation_id=invitation.pk, text="Eén opmerking.", client_token=token
    )
    assert created
    assert not created_again
    assert again == first
    assert AdvisorComment.objects.count() == 1


def test_the_same_text_again_within_seconds_makes_one_comment_and_later_a_second(
    invitation, advisor
):
    services.comment_add(user=advisor, invitation_id=invitation.pk, text="Zelfde tekst.")
    _comment, created = services.comment_add(
        user=advisor, invitation_id=invitation.pk, text="Zelfde tekst."
    )
    assert not created
    AdvisorComment.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=1))
    _comment, created = services.comment_add(
        user=advisor, invitation_id=invitation.pk, text="Zelfde tekst."
    )
    assert created
    assert AdvisorComment.objects.count() == 2


def test_the_database_refuses_a_second_comment_with_the_same_token(invitation, advisor):
    comment, _created = services.comment_add(
        user=advisor, invitation_id=invitation.pk, text="Eerste."
    )
    with pytest.raises(IntegrityError):
        AdvisorComment.objects.create(
            invitation=invitation, author=advisor, text="Tweede.", client_token=comment.client_token
        )


@pytest.mark.parametrize(("text", "field"), [("   ", "text"), ("x" * 5001, "text")])
def test_a_comment_is_not_empty_and_not_too_long(invitation, advisor, text, field):
    with pytest.raises(PilotError) as raised:
        services.comment_add(user=advisor, invitation_id=invitation.pk, text=text)
    assert raised.value.field == field


def test_no_comment_after_the_invitation_ended(users, invitation, advisor):
    services.invitation_end(user=users["officer"], invitation_id=invitation.pk)
    with pytest.raises(PilotError, match="beëindigd"):
        services.comment_add(user=advisor, invitation_id=invitation.pk, text="Nog dit.")
    with pytest.raises(PilotError, match="beëindigd"):
        services.comment_add(user=users["officer"], invitation_id=invitation.pk, text="Dank.")


def test_nobody_but_the_advisor_and_the_officers_comments(users, invitation):
    with pytest.raises(PilotError, match="aankopers"):
        services.comment_add(user=users["staff"], invitation_id=invitation.pk, text="Ik ook.")
    other_advisor = UserFactory(roles__member=False)
    with pytest.raises(PilotError, match="aankopers"):
        services.comment_add(user=other_advisor, invitation_id=invitation.pk, text="Ik ook.")


# --- The access log ------------------------------------------------------------------------------


def test_the_access_log_is_append_only(invitation, advisor):
    entry = services.access_record(invitation=invitation, user=advisor, path="/advice/1/")
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AdvisorAccess.objects.all().delete()
    with pytest.raises(TypeError):
        AdvisorAccess.objects.update(path="/")
