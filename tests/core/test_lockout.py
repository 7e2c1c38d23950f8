"""Login lockout by username and client address, without a restart of the pause, with a mail
to the account holder and an unlock in the admin; password-reset mails throttled."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from core.client_ip import client_ip
from core.roles import Role
from tests.factories import UserFactory

LOGIN = "/accounts/login/"
ATTACKER, HOLDER, PROXY = "203.0.113.66", "198.51.100.7", "192.0.2.1"


@pytest.fixture
def director(db):
    return UserFactory(
        username="director", email="director@stad.be", roles=[Role.FINANCIAL_DIRECTOR]
    )


def _login(client, password, address, **extra):
    return client.post(
        LOGIN, {"username": "director", "password": password}, REMOTE_ADDR=address, **extra
    )


def _lock_from(client, address):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong", address)


def test_the_attacker_address_is_locked_and_the_holder_elsewhere_still_logs_in(client, director):
    _lock_from(client, ATTACKER)
    assert _login(client, "secret-password", ATTACKER).status_code == 429

    response = _login(client, "secret-password", HOLDER)
    assert response.status_code == 302
    assert response.wsgi_request.user == director


def test_attempts_during_a_lockout_do_not_extend_it(client, director):
    _lock_from(client, ATTACKER)
    almost_over = (
        timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME) + timedelta(minutes=1)
    )
    AccessAttempt.objects.update(attempt_time=almost_over)

    assert _login(client, "wrong", ATTACKER).status_code == 429
    assert _login(client, "wrong", ATTACKER).status_code == 429
    attempt = AccessAttempt.objects.get()
    assert attempt.attempt_time == almost_over
    assert attempt.failures_since_start == settings.AXES_FAILURE_LIMIT

    # Two minutes later the pause is over, however often it was tried in between.
    AccessAttempt.objects.update(attempt_time=almost_over - timedelta(minutes=2))
    assert _login(client, "secret-password", ATTACKER).status_code == 302


def test_the_account_holder_is_mailed_once_when_locked(
    client, director, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _lock_from(client, ATTACKER)
        _login(client, "wrong", ATTACKER)
        _login(client, "wrong", ATTACKER)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["director@stad.be"]
    assert ATTACKER in message.body
    assert "/accounts/password_reset/" in message.body
    assert "&" not in message.subject


def test_a_failing_mail_server_is_logged_not_shown(client, director, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("core.mail.EmailMultiAlternatives.send", refuse)
    from core.lockout import lockout_mail_send

    assert lockout_mail_send(user_id=director.pk, ip_address=ATTACKER) == 0
    assert "lockout" in caplog.text


def test_an_unknown_username_sends_no_mail(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(LOGIN, {"username": "nobody", "password": "x"}, REMOTE_ADDR=ATTACKER)
    assert mail.outbox == []


def test_the_administrator_unlocks_in_the_admin(client, client_for, director):
    _lock_from(client, ATTACKER)
    admin = client_for("admin_user")
    changelist = "/admin/axes/accessattempt/"
    assert admin.get(changelist).status_code == 200
    attempt = AccessAttempt.objects.get()
    response = admin.post(
        changelist, {"action": "unlock", "_selected_action": [attempt.pk]}, follow=True
    )
    assert response.status_code == 200
    assert not AccessAttempt.objects.exists()
    admin.logout()
    assert _login(client, "secret-password", ATTACKER).status_code == 302


def test_a_municipal_administrator_sees_only_their_colleagues_lockouts(client, director):
    from tests.factories import MunicipalityFactory

    stranger = UserFactory(username="stranger", roles__municipality=MunicipalityFactory())
    _lock_from(client, ATTACKER)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": stranger.username, "password": "x"}, REMOTE_ADDR=ATTACKER)
    administrator = UserFactory(roles=[Role.ADMINISTRATOR])
    administrator.is_staff = True
    administrator.save()
    client.force_login(administrator)
    response = client.get("/admin/axes/accessattempt/")
    assert response.status_code == 200
    assert "director" in response.content.decode()
    assert "stranger" not in response.content.decode()


# --- The client address behind the proxy ---------------------------------------------------


class _Request:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


def test_without_a_configured_proxy_x_forwarded_for_is_ignored():
    assert client_ip(_Request(ATTACKER, forwarded=HOLDER)) == ATTACKER


@override_settings(DRAAGVLAK_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_appended_counts_not_what_the_client_sent():
    spoofed = f"{HOLDER}, {ATTACKER}"  # the client sent HOLDER, the proxy appended ATTACKER
    assert client_ip(_Request(PROXY, forwarded=spoofed)) == ATTACKER
    assert client_ip(_Request(PROXY, forwarded="not-an-address")) == PROXY
    assert client_ip(_Request(PROXY)) == PROXY


@override_settings(DRAAGVLAK_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_each_client_is_locked_on_its_own(client, director):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong", PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert AccessAttempt.objects.get().ip_address == ATTACKER
    response = _login(client, "secret-password", PROXY, HTTP_X_FORWARDED_FOR=HOLDER)
    assert response.status_code == 302


# --- Password reset ------------------------------------------------------------------------


@pytest.fixture
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


RESET = "/accounts/password_reset/"


@pytest.mark.usefixtures("_fresh_cache")
def test_password_reset_mails_are_limited_per_address(client, director):
    answers = [
        client.post(RESET, {"email": director.email}, REMOTE_ADDR=f"198.51.100.{n}")
        for n in range(settings.DRAAGVLAK_PASSWORD_RESET_LIMIT + 2)
    ]
    assert len(mail.outbox) == settings.DRAAGVLAK_PASSWORD_RESET_LIMIT
    # The throttled answers are the same as the others: nothing to learn from them.
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, "/accounts/password_reset/done/")
    }


@pytest.mark.usefixtures("_fresh_cache")
def test_password_reset_mails_are_limited_per_client(client, db):
    people = [UserFactory(email=f"p{n}@stad.be") for n in range(5)]
    for person in people:
        client.post(RESET, {"email": person.email}, REMOTE_ADDR=ATTACKER)
    assert len(mail.outbox) == settings.DRAAGVLAK_PASSWORD_RESET_LIMIT
    client.post(RESET, {"email": people[-1].email}, REMOTE_ADDR=HOLDER)
    assert len(mail.outbox) == settings.DRAAGVLAK_PASSWORD_RESET_LIMIT + 1


@pytest.mark.usefixtures("_fresh_cache")
def test_an_unknown_address_gets_the_same_answer(client, db):
    response = client.post(RESET, {"email": "nobody@stad.be"}, REMOTE_ADDR=ATTACKER)
    assert (response.status_code, response["Location"]) == (302, "/accounts/password_reset/done/")
    assert mail.outbox == []
