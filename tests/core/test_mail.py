"""Mail: subjects are one plain-text line built in core.mail, mail leaves after commit, and a
mail that fails is logged without undoing or breaking what the user did."""

import datetime
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.mail import mail_send, mail_subject, subject_line
from pilots.approval import services as approval_services
from pilots.models import Decision, Programme, Revision
from procurement.selection.models import SelectionRound
from stakeholders.models import Department
from tests.factories import PersonFactory
from tests.mail_backends import RefusingBackend
from tests.pilots.factories import make_programme
from tests.stakeholders.factories import ActionItemFactory

TITLE = "Groen & circulair\nDeel 2"
ONE_LINE = "Groen & circulair Deel 2"
DOWN = "tests.mail_backends.DownBackend"
REFUSING = "tests.mail_backends.RefusingBackend"


@pytest.fixture
def programme(users):
    return make_programme(user=users["officer"])


@pytest.fixture
def submitted(programme, users):
    approval_services.programme_submit(programme_id=programme.pk, user=users["officer"])
    programme.refresh_from_db()
    return programme


def test_a_subject_is_folded_to_one_line():
    assert subject_line(" Dit\r\nen\tdat  \n") == "Dit en dat"


def test_a_subject_template_renders_plain_text():
    subject = mail_subject(
        "pilots/approval/mail/stage_opened_subject.txt", {"programme": {"title": TITLE}}
    )
    assert subject.endswith(ONE_LINE)
    assert "&amp;" not in subject


def test_a_failing_mail_is_logged_and_counts_as_not_sent(settings, caplog):
    settings.EMAIL_BACKEND = DOWN
    with caplog.at_level(logging.ERROR, logger="core.mail"):
        assert mail_send(subject="x", body="y", to=["a@example.org"], about="test") == 0
    assert "Could not send the mail" in caplog.text


@pytest.mark.django_db
def test_a_programme_title_with_a_newline_and_ampersand_submits_and_mails_one_line(
    client_for, programme, users, django_capture_on_commit_callbacks
):
    Programme.objects.filter(pk=programme.pk).update(title=TITLE)
    url = reverse("pilots:programme_submit", args=[programme.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("officer").post(url)
    assert response.status_code == 302
    assert Revision.objects.count() == 1
    [message] = mail.outbox
    assert ONE_LINE in message.subject
    assert "\n" not in message.subject
    assert "Groen & circulair" in message.body


@pytest.mark.django_db
def test_a_decision_stands_when_the_mail_server_is_down(
    client_for, submitted, users, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = DOWN
    url = reverse("pilots:programme_decide", args=[submitted.pk])
    with (
        caplog.at_level(logging.ERROR, logger="core.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for("director").post(
            url, {"outcome": "approved", "co_validator": users["head"].pk}
        )
    assert response.status_code == 302
    assert Decision.objects.count() == 1
    assert "Could not send the mail" in caplog.text
    assert client_for("director").get(response.url).status_code == 200


@pytest.mark.django_db
def test_a_round_title_with_a_newline_opens_the_round_and_mails_one_line(
    client_for, users, department, django_capture_on_commit_callbacks
):
    data = {
        "title": TITLE,
        "question": "Welke opdrachten?",
        "deadline": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
        "departments": [department.pk],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("officer").post(reverse("selection:round_create"), data)
    assert response.status_code == 302
    assert SelectionRound.objects.count() == 1
    [message] = mail.outbox
    assert message.subject.endswith(ONE_LINE)


@pytest.mark.django_db
def test_send_reminders_sends_the_others_when_one_fails(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    due = timezone.localdate()
    ActionItemFactory(description="Eerste & zo", due_on=due)
    ActionItemFactory(description="Mislukt", due_on=due, owner__email=RefusingBackend.REFUSED)
    ActionItemFactory(description="Met\nregeleinde", due_on=due)
    with (
        caplog.at_level(logging.ERROR, logger="core.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_reminders")
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 2
    assert any(s.endswith("Eerste & zo") for s in subjects)
    assert any(s.endswith("Met regeleinde") for s in subjects)
    assert "Mislukt" in caplog.text


@pytest.mark.django_db
def test_a_round_reminder_with_a_newline_in_its_title_is_sent(settings, users, department):
    from procurement.selection import reminders, services

    department.head = PersonFactory(department=department, email="hoofd@stad.be")
    department.save()
    services.round_open(
        user=users["officer"],
        title=TITLE,
        question="?",
        deadline=timezone.localdate() + datetime.timedelta(days=2),
        departments=[Department.objects.get(pk=department.pk)],
    )
    mail.outbox.clear()
    assert reminders.send_due(today=timezone.localdate()) == 1
    assert mail.outbox[0].subject.startswith("Herinnering: " + ONE_LINE)


def test_a_mail_is_text_and_html_and_the_html_escapes_what_was_typed():
    body = "Groen & circulair <b>nu</b>\n\nKijk op https://draagvlak.example/p/1/"
    assert mail_send(subject="R&D\nnu", body=body, to=["a@example.org"], language="en") == 1
    [message] = mail.outbox
    assert message.subject == "R&D nu"
    assert message.body == body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "Groen &amp; circulair &lt;b&gt;nu&lt;/b&gt;" in html
    assert '<a href="https://draagvlak.example/p/1/"' in html
    assert '<html lang="en">' in html
