"""The daily summaries, sent by `manage.py send_reminders` after the other apps' reminders
(this app comes last in INSTALLED_APPS), so today's reminders are in today's summary."""

import datetime

from .services import digests_send


def send_due(*, today: datetime.date) -> int:
    return digests_send(today=today)
