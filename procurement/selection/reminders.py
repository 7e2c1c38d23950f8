"""Reminders to the departments that have not completed their answer as a round's deadline
nears: 7 days before, 2 days before and on the day. Each stage is recorded per department, so
a rerun (or a missed day followed by a run) never mails the same reminder twice."""

import datetime
from functools import partial

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.models import Kind
from notifications.services import notify_addresses

from .models import ReminderSent, RoundDepartment, SelectionRound
from .services import answer_url, recipients_for

STAGES = (7, 2, 0)


def reminder_stage(days_left: int) -> int | None:
    """The stage due with `days_left` days to go: the nearest stage not yet passed, so a
    missed run still sends the reminder of its stage; nothing before 7 days or after the day."""
    if days_left < 0 or days_left > max(STAGES):
        return None
    return min(stage for stage in STAGES if stage >= days_left)


def send_due(*, today: datetime.date) -> int:
    invitations = list(
        RoundDepartment.objects.select_related("round", "department")
        .filter(
            round__status=SelectionRound.Status.OPEN,
            round__deadline__gte=today,
            round__deadline__lte=today + datetime.timedelta(days=max(STAGES)),
        )
        .exclude(answer_status=RoundDepartment.AnswerStatus.COMPLETE)
    )
    recipients = recipients_for({i.department_id for i in invitations})
    sent = 0
    for invitation in invitations:
        stage = reminder_stage((invitation.round.deadline - today).days)
        to = sorted(recipients.get(invitation.department_id, ()))
        if stage is None or not to:
            continue
        try:
            with transaction.atomic():
                reminder = ReminderSent.objects.create(invitation=invitation, days_before=stage)
        except IntegrityError:
            continue  # this stage was already reminded
        delivered = notify_addresses(
            to,
            kind=Kind.INVENTORY,
            link=reverse("selection:answer", args=[invitation.round_id, invitation.department_id]),
            message=partial(_message, invitation),
            about=f"reminder of round {invitation.round_id}",
        )
        if not delivered:
            # Not sent (logged): forget the stage so the next run tries it again.
            reminder.delete()
            continue
        sent += 1
    return sent


def _message(invitation: RoundDepartment) -> tuple[str, str]:
    """The reminder's subject and body, in the active language."""
    subject = _("Reminder: %(title)s, answer by %(deadline)s") % {
        "title": invitation.round.title,
        "deadline": invitation.round.deadline.strftime("%d/%m/%Y"),
    }
    body = _(
        "Your department (%(department)s) has not completed its answer to the "
        "inventory round yet. Please answer here: %(url)s"
    ) % {
        "department": invitation.department,
        "url": answer_url(invitation.round, invitation.department_id),
    }
    return subject, body
