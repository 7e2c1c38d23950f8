"""`notify`: the one function every service calls to tell a user something.

It always records the notification for the in-app list, then mails it at once, keeps it for
the daily summary, or mails nothing, as the user chose for its kind (`rules.delivery_for`:
a decision asked of you always goes at once). The mail is written in the user's language
and sent through core.mail (text and HTML, one-line subject, a failure logged).

Call it after commit (`core.scoping.on_commit`) or from a reminder, inside the scope of the
municipality the notification belongs to.
"""

import datetime
import logging
from collections.abc import Callable
from itertools import groupby

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.links import absolute_url
from core.mail import mail_render, mail_send, mail_subject, recipient_language, subject_line
from core.scoping import active_municipality_id

from . import rules, selectors
from .models import Delivery, DigestSent, Notification, NotificationPreference, UserLanguage

logger = logging.getLogger(__name__)


def notify(
    user,
    *,
    kind: str,
    title="",
    link: str = "",
    mail_template: str = "",
    context: dict | None = None,
    message: Callable[[], tuple[str, str]] | None = None,
    about: str = "",
) -> int:
    """Records a notification of `kind` for `user` and mails it as they chose: 1 when they
    were told so (the mail left, or it waits for the summary, or they chose no mail), 0 when
    a mail due now did not leave (no address, or it failed: logged).

    The mail is rendered from `mail_template` + "_subject.txt" and + ".txt" with `context`,
    or by `message()` (subject and body), in the user's language. The title is `title` (a
    lazy string is stored in the user's language), else the mail's subject; `link` is the
    path the notification points to."""
    chosen = NotificationPreference.objects.filter(user=user, kind=kind).first()
    delivery = rules.delivery_for(kind, chosen.delivery if chosen else None)
    values = {**(context or {}), "recipient": user}
    language = recipient_language(user)
    with translation.override(language):
        if message is not None:
            subject, body = message()
        elif mail_template:
            subject = mail_subject(f"{mail_template}_subject.txt", values)
            body = mail_render(f"{mail_template}.txt", values)
        else:
            subject = body = ""
        title = subject_line(str(title or subject))[
            : Notification._meta.get_field("title").max_length
        ]
    notification = None
    if active_municipality_id() is not None:
        notification = Notification.objects.create(
            recipient=user,
            kind=kind,
            title=title,
            link=link,
            in_digest=delivery == Delivery.DIGEST,
        )
    else:
        logger.warning("A %s notification outside any municipality was not kept (%s)", kind, about)
    address = getattr(user, "email", "")
    if delivery != Delivery.IMMEDIATELY:
        return 1
    if not address or not body:
        return 0
    sent = mail_send(
        subject=subject,
        body=body,
        to=[address],
        about=about or f"user {user.pk}",
        language=language,
    )
    if sent and notification is not None:
        Notification.objects.filter(pk=notification.pk).update(mailed_at=timezone.now())
    return sent


def notify_addresses(
    addresses,
    *,
    kind: str,
    link: str,
    message: Callable[[], tuple[str, str]],
    about: str = "",
) -> int:
    """`notify` for mails addressed to e-mail addresses (a department's people): an address
    of one account tells that user as they chose; any other gets the mail in Dutch. The
    number of addresses told."""
    accounts = selectors.accounts_by_address(addresses)
    told = 0
    for address in sorted({address.lower(): address for address in addresses}.values()):
        user = accounts.get(address.lower())
        if user is not None:
            told += notify(user, kind=kind, link=link, message=message, about=about)
            continue
        language = recipient_language(None)
        with translation.override(language):
            subject, body = message()
        told += mail_send(subject=subject, body=body, to=[address], about=about, language=language)
    return told


def notification_read(*, user, notification_id: int) -> Notification:
    """Marks one of the user's notifications as read (a second time changes nothing)."""
    notification = Notification.objects.get(pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_read_all(*, user) -> int:
    """Marks every unread notification of the user in this municipality as read."""
    return Notification.objects.unread().filter(recipient=user).update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, user, deliveries: dict[str, str]) -> None:
    """Stores the user's delivery per kind; a kind the user may not choose for is refused."""
    for kind, delivery in deliveries.items():
        refusal = rules.delivery_refusal(kind, delivery)
        if refusal:
            raise ValueError(refusal)
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": delivery}
        )


def language_save(*, user, language: str) -> None:
    """Remembers the language the user chose, for their mails."""
    if not getattr(user, "is_authenticated", False):
        return
    UserLanguage.objects.update_or_create(user=user, defaults={"language": language})


def digests_send(*, today: datetime.date) -> int:
    """Mails every user of the active municipality the summary of what waited for it: once per
    user and day (`DigestSent`), so a second run the same day sends nothing. A summary that
    could not be sent is forgotten, and its notifications wait for the next run."""
    sent = 0
    pending = list(selectors.pending_digests())
    for _user_id, group in groupby(pending, key=lambda n: n.recipient_id):
        items = list(group)
        user = items[0].recipient
        if not user.email:
            continue
        try:
            with transaction.atomic():
                record = DigestSent.objects.create(user=user, sent_on=today)
        except IntegrityError:
            continue  # today's summary went already
        language = recipient_language(user)
        with translation.override(language):
            context = {
                "recipient": user,
                "items": [(n, absolute_url(n.link) if n.link else "") for n in items],
                "list_url": absolute_url(reverse("notifications:list")),
                "preferences_url": absolute_url(reverse("notifications:preferences")),
            }
            subject = _("Draagvlak: your summary of today (%(count)d)") % {"count": len(items)}
            body = mail_render("notifications/mail/digest.txt", context)
        if not mail_send(
            subject=subject, body=body, to=[user.email], about="daily summary", language=language
        ):
            record.delete()
            continue
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(
            in_digest=False, mailed_at=timezone.now()
        )
        sent += 1
    return sent
