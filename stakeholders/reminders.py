"""Daily reminders of open action items: due within a few days, or overdue.

The reminder row is written before the mail leaves, in the same transaction; its unique
(action item, day) makes a second run on the same day send nothing.
"""

import datetime
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core import scoping
from core.links import absolute_url
from core.mail import mail_send
from notifications.models import Kind
from notifications.services import notify

from .models import ActionItem, ActionItemReminder

DUE_SOON_DAYS = 3


def due_items(*, today: datetime.date):
    return (
        ActionItem.objects.filter(
            done_at__isnull=True,
            due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
            owner__erased_at__isnull=True,
        )
        .exclude(reminders__sent_on=today)
        .select_related("owner__user", "consultation")
        .order_by("due_on", "pk")
    )


def _address(item: ActionItem) -> str:
    owner = item.owner
    return owner.email or (owner.user.email if owner.user_id else "")


def send_due(*, today: datetime.date) -> int:
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for item in due_items(today=today):
            address = _address(item)
            if not address:
                continue
            try:
                with transaction.atomic():
                    ActionItemReminder.objects.create(action_item=item, sent_on=today)
                    if item.owner.user_id and item.owner.user.email == address:
                        # An owner with an account hears of it as they chose, in their language.
                        scoping.on_commit(partial(_notify, item, today=today))
                    else:
                        subject, body = _message(item, today=today)
                        scoping.on_commit(
                            lambda s=subject, b=body, a=address, pk=item.pk: mail_send(
                                subject=s, body=b, to=[a], about=f"action item {pk}"
                            )
                        )
            except IntegrityError:
                # Another run reminded this item today already.
                continue
            sent += 1
    return sent


def _notify(item: ActionItem, *, today: datetime.date) -> int:
    return notify(
        item.owner.user,
        kind=Kind.ACTION_ITEM,
        link=reverse("stakeholders:consultation_detail", args=[item.consultation_id]),
        message=partial(_message, item, today=today),
        about=f"action item {item.pk}",
    )


def _message(item: ActionItem, *, today: datetime.date) -> tuple[str, str]:
    values = {
        "action": item.description,
        "due": item.due_on.strftime("%d/%m/%Y"),
        "consultation": item.consultation.title,
        "path": absolute_url(
            reverse("stakeholders:consultation_detail", args=[item.consultation_id])
        ),
    }
    if item.due_on < today:
        subject = _("Overdue action item: %(action)s") % values
        lead = _("This action item was due on %(due)s and is not done yet.") % values
    else:
        subject = _("Action item due on %(due)s: %(action)s") % values
        lead = _("This action item is due on %(due)s.") % values
    body = "\n\n".join(
        [
            lead,
            item.description,
            _("Agreed in the consultation “%(consultation)s”: %(path)s") % values,
            _("Mark it as done in Draagvlak once it is."),
        ]
    )
    return subject, body
