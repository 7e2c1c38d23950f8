"""notify: always recorded, mailed at once / in the daily summary / not, per preference, in
the recipient's language, as text and HTML."""

import datetime
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext as _

from core.scoping import municipality_scope
from notifications import services
from notifications.models import (
    Delivery,
    DigestSent,
    Kind,
    Notification,
    NotificationPreference,
    UserLanguage,
)
from pilots.approval import services as approval_services
from tests.factories import MunicipalityFactory, UserFactory
from tests.pilots.factories import make_programme

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


def _message():
    return _("Choose a new password for Draagvlak"), _("Notifications") + "\nhttps://x.test/a"


def _notify(user, kind=Kind.OUTCOME, **kwargs):
    return services.notify(user, kind=kind, link="/programmes/1/", message=_message, **kwargs)


def test_by_default_it_is_recorded_and_mailed_at_once_as_text_and_html(users):
    officer = users["officer"]
    assert _notify(officer) == 1
    [notification] = Notification.objects.filter(recipient=officer)
    assert notification.title == "Kies een nieuw wachtwoord voor Draagvlak"
    assert notification.read_at is None
    assert notification.mailed_at is not None
    [message] = mail.outbox
    assert message.to == [officer.email]
    assert message.body.startswith("Meldingen")
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert '<a href="https://x.test/a"' in html
    assert 'lang="nl-be"' in html


def test_a_kind_turned_off_is_recorded_but_not_mailed(users):
    officer = users["officer"]
    NotificationPreference.objects.create(user=officer, kind=Kind.OUTCOME, delivery=Delivery.OFF)
    assert _notify(officer) == 1
    assert Notification.objects.filter(recipient=officer, in_digest=False).count() == 1
    assert mail.outbox == []


def test_a_decision_asked_of_you_is_mailed_even_when_a_row_says_off(users):
    # The preferences form and the admin refuse such a row; should one exist, it is ignored.
    director = users["director"]
    NotificationPreference.objects.create(user=director, kind=Kind.DECISION, delivery=Delivery.OFF)
    _notify(director, kind=Kind.DECISION)
    assert [m.to for m in mail.outbox] == [[director.email]]


def test_submitting_a_programme_notifies_the_decider_in_app_and_by_mail(
    users, django_capture_on_commit_callbacks
):
    programme = make_programme(user=users["officer"], title="Groen\nbouwen")
    with django_capture_on_commit_callbacks(execute=True):
        approval_services.programme_submit(programme_id=programme.pk, user=users["officer"])
    [notification] = Notification.objects.filter(recipient=users["director"])
    assert notification.kind == Kind.DECISION
    assert notification.link == programme.get_absolute_url()
    assert "Groen bouwen" in notification.title
    assert [m.to for m in mail.outbox] == [[users["director"].email]]


def test_the_digest_gathers_the_day_once_and_a_second_run_sends_nothing(users):
    officer = users["officer"]
    NotificationPreference.objects.create(user=officer, kind=Kind.OUTCOME, delivery=Delivery.DIGEST)
    _notify(officer, title="Eerste melding")
    _notify(officer, title="Tweede melding")
    assert mail.outbox == []
    assert services.digests_send(today=TODAY) == 1
    [digest] = mail.outbox
    assert digest.to == [officer.email]
    assert "(2)" in digest.subject
    assert "Eerste melding" in digest.body
    assert "Tweede melding" in digest.body
    assert "/programmes/1/" in digest.body
    assert digest.alternatives
    assert not Notification.objects.filter(in_digest=True).exists()
    # Run again the same day, even with something new waiting: nothing more today.
    _notify(officer, title="Derde melding")
    assert services.digests_send(today=TODAY) == 0
    assert len(mail.outbox) == 1
    # The next day it goes.
    assert services.digests_send(today=TODAY + datetime.timedelta(days=1)) == 1
    assert "Derde melding" in mail.outbox[-1].body


def test_send_reminders_sends_the_digest_once_when_run_twice(users):
    officer = users["officer"]
    NotificationPreference.objects.create(user=officer, kind=Kind.OUTCOME, delivery=Delivery.DIGEST)
    _notify(officer, title="Wacht op de samenvatting")
    call_command("send_reminders")
    call_command("send_reminders")
    digests = [m for m in mail.outbox if "Wacht op de samenvatting" in m.body]
    assert len(digests) == 1
    assert DigestSent.objects.filter(user=officer, sent_on=timezone.localdate()).count() == 1


def test_a_digest_that_fails_is_tried_again_at_the_next_run(users, settings, caplog):
    officer = users["officer"]
    NotificationPreference.objects.create(user=officer, kind=Kind.OUTCOME, delivery=Delivery.DIGEST)
    _notify(officer, title="Gaat niet weg")
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    with caplog.at_level(logging.ERROR, logger="core.mail"):
        assert services.digests_send(today=TODAY) == 0
    assert Notification.objects.filter(in_digest=True).count() == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.digests_send(today=TODAY) == 1


def test_mails_and_notifications_are_written_in_the_recipients_language(users):
    english, dutch = users["officer"], users["head"]
    UserLanguage.objects.create(user=english, language="en")
    NotificationPreference.objects.create(user=english, kind=Kind.OUTCOME, delivery=Delivery.DIGEST)
    _notify(english)
    _notify(dutch)
    assert Notification.objects.get(recipient=english).title == (
        "Choose a new password for Draagvlak"
    )
    [to_dutch] = mail.outbox
    assert to_dutch.subject == "Kies een nieuw wachtwoord voor Draagvlak"
    services.digests_send(today=TODAY)
    digest = mail.outbox[-1]
    assert digest.to == [english.email]
    assert digest.subject.startswith("Draagvlak: your summary")
    assert "This happened in Draagvlak" in digest.body
    assert 'lang="en"' in digest.alternatives[0][0]


def test_a_department_address_of_an_account_is_told_as_that_user_chose(users):
    english = users["staff"]
    UserLanguage.objects.create(user=english, language="en")
    told = services.notify_addresses(
        [english.email.upper(), "hoofd@stad.be"],
        kind=Kind.INVENTORY,
        link="/selection/",
        message=_message,
    )
    assert told == 2
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        english.email: "Choose a new password for Draagvlak",
        "hoofd@stad.be": "Kies een nieuw wachtwoord voor Draagvlak",
    }
    assert Notification.objects.filter(recipient=english, kind=Kind.INVENTORY).count() == 1


def test_notifications_belong_to_the_municipality_they_happened_in(users):
    officer = users["officer"]
    other = MunicipalityFactory()
    _notify(officer, title="Hier")
    with municipality_scope(other):
        _notify(officer, title="Daar")
        assert list(Notification.objects.values_list("title", flat=True)) == ["Daar"]
    assert list(Notification.objects.values_list("title", flat=True)) == ["Hier"]


def test_reading_marks_only_ones_own(users):
    officer, head = users["officer"], users["head"]
    _notify(officer)
    _notify(officer)
    _notify(head)
    mine = Notification.objects.filter(recipient=officer).first()
    services.notification_read(user=officer, notification_id=mine.pk)
    with pytest.raises(Notification.DoesNotExist):
        services.notification_read(user=head, notification_id=mine.pk)
    assert services.notifications_read_all(user=officer) == 1
    assert Notification.objects.unread().get().recipient == head


def test_a_user_without_an_address_is_still_told_in_the_app(users):
    nobody = UserFactory(username="geenmail", email="")
    assert _notify(nobody) == 0
    assert Notification.objects.filter(recipient=nobody).count() == 1
    assert mail.outbox == []
