import datetime

from django.core import mail
from django.utils import timezone

from stakeholders import gdpr
from stakeholders.reminders import send_due

from .factories import ActionItemFactory

TODAY = datetime.date(2026, 5, 11)


def _item(days, **kwargs):
    return ActionItemFactory(due_on=TODAY + datetime.timedelta(days=days), **kwargs)


def test_it_reminds_of_overdue_and_soon_due_action_items(db, django_capture_on_commit_callbacks):
    overdue, soon, later = _item(-1), _item(3), _item(4)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due(today=TODAY) == 2
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        f"Actie over tijd: {overdue.description}",
        f"Actie tegen 14/05/2026: {soon.description}",
    ]
    assert later.description not in " ".join(subjects)


def test_it_never_sends_the_same_reminder_twice_on_one_day(db, django_capture_on_commit_callbacks):
    _item(0)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due(today=TODAY) == 1
        assert send_due(today=TODAY) == 0
    assert len(mail.outbox) == 1
    assert send_due(today=TODAY + datetime.timedelta(days=1)) == 1


def test_done_items_and_erased_owners_are_not_reminded(users):
    _item(-2, done_at=timezone.now())
    erased = _item(-2)
    gdpr.person_erase(user=users["admin_user"], person_id=erased.owner_id)
    assert send_due(today=TODAY) == 0


def test_an_owner_without_address_is_skipped(db):
    _item(0, owner__email="")
    assert send_due(today=TODAY) == 0
