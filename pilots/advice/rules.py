"""The rules of an invitation, pure: no database, the date passed in."""

import datetime
from typing import Any

from django.utils.translation import gettext as _

COMMENT_MAX_LENGTH = 5000
# An invitation is for a piece of advice, not a standing seat: at most a year, then invite
# again.
MAX_INVITATION_DAYS = 365
# A comment whose text is the same as the author's previous one on the thread, written this
# shortly before, is the same comment sent twice (a second tab, a refresh before the token).
DUPLICATE_WINDOW = datetime.timedelta(seconds=10)


def invitation_is_running(*, ended: bool, ends_on: datetime.date, today: datetime.date) -> bool:
    """Not ended early, and its last day is today or later."""
    return not ended and ends_on >= today


def invitation_is_live(invitation: Any, *, user: Any, today: datetime.date) -> bool:
    """May `user` read the programme of `invitation` today? The one check of every advisor
    page and download: the invitation is theirs, not ended early and not expired."""
    return (
        invitation is not None
        and getattr(user, "is_authenticated", False)
        and invitation.advisor_id == user.pk
        and invitation_is_running(
            ended=invitation.ended_at is not None, ends_on=invitation.ends_on, today=today
        )
    )


def ends_on_refusal(*, ends_on: datetime.date | None, today: datetime.date) -> str | None:
    """Why `ends_on` cannot end an invitation made today, or None."""
    if ends_on is None:
        return _("Give the last day of the invitation.")
    if ends_on < today:
        return _("The last day of the invitation cannot lie in the past.")
    if ends_on > today + datetime.timedelta(days=MAX_INVITATION_DAYS):
        return _("An invitation runs for at most %(days)s days; invite again afterwards.") % {
            "days": MAX_INVITATION_DAYS
        }
    return None


def is_duplicate_comment(
    *,
    text: str,
    previous_text: str | None,
    previous_at: datetime.datetime | None,
    now: datetime.datetime,
) -> bool:
    """The same text as the author's last comment on the thread, within the window."""
    if previous_text is None or previous_at is None:
        return False
    return previous_text.strip() == text.strip() and now - previous_at <= DUPLICATE_WINDOW
