import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.models import Municipality
from pilots.approval import reminders
from pilots.models import RevisionStage
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def _age(programme, days):
    opened = timezone.now() - datetime.timedelta(days=days)
    RevisionStage.objects.filter(pk=programme.pending_stage_id).update(opened_at=opened)


def test_it_reminds_the_deciders_of_a_stage_pending_too_long(submitted, users, settings):
    Municipality.objects.update(approval_reminder_days=5)
    _age(submitted, 6)
    assert reminders.send_due(today=timezone.localdate()) == 1
    assert mail.outbox[0].to == [users["director"].email]


def test_the_mat_is_reminded_only_once_its_briefing_is_frozen(submitted, users, decide):
    Municipality.objects.update(approval_reminder_days=5)
    decide("director", submitted)
    decide("cell", submitted)
    submitted.refresh_from_db()
    _age(submitted, 6)
    assert reminders.send_due(today=timezone.localdate()) == 0  # nothing to decide on yet
    run_tasks()
    assert reminders.send_due(today=timezone.localdate()) == 1
    assert mail.outbox[-1].to == [users["mat"].email]


def test_it_does_not_remind_a_fresh_stage(submitted, settings):
    Municipality.objects.update(approval_reminder_days=5)
    _age(submitted, 2)
    assert reminders.send_due(today=timezone.localdate()) == 0


def test_it_reminds_once_per_period_not_every_day(submitted, settings):
    Municipality.objects.update(approval_reminder_days=5)
    _age(submitted, 6)
    today = timezone.localdate()
    assert reminders.send_due(today=today) == 1
    assert reminders.send_due(today=today + datetime.timedelta(days=1)) == 0
    assert reminders.send_due(today=today + datetime.timedelta(days=5)) == 1


def test_send_reminders_runs_the_pilots_reminders(submitted, settings, capsys):
    Municipality.objects.update(approval_reminder_days=1)
    _age(submitted, 3)
    call_command("send_reminders")
    assert "1 reminder(s) sent." in capsys.readouterr().out
