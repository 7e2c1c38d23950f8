"""The procurement reminders that `send_reminders` finds by this module's name: the selection
rounds' reminders to the departments that have not answered yet."""

import datetime

from .selection import reminders as selection_reminders


def send_due(*, today: datetime.date) -> int:
    return selection_reminders.send_due(today=today)
