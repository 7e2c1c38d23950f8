"""Login lockout (django-axes) and password-reset throttling: who is told, what is limited.

axes locks a username from one client address (config/settings/base.py, AXES_*). The account
holder is mailed when that happens, so an attack on their account does not go unnoticed;
the mail goes after commit and a mail failure is logged, never shown to the one who typed.
"""

from datetime import timedelta

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .links import absolute_url
from .mail import mail_render, mail_send, recipient_language
from .scoping import on_commit


@receiver(user_locked_out, dispatch_uid="core.lockout.account_holder_told")
def _account_locked(sender, request=None, username=None, ip_address=None, **kwargs):
    # axes sends the signal again for every attempt during a lockout; only the attempt that
    # started it has counted its failures (axes leaves the count None for the others).
    if request is not None and getattr(request, "axes_failures_since_start", None) is None:
        return
    if not username:
        return
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None or not user.email:
        return
    user_id, address = user.pk, ip_address or "?"
    on_commit(lambda: lockout_mail_send(user_id=user_id, ip_address=address))


def lockout_mail_send(*, user_id: int, ip_address: str) -> int:
    user = get_user_model().objects.get(pk=user_id)
    until = timezone.localtime() + timedelta(hours=settings.AXES_COOLOFF_TIME)
    context = {
        "user": user,
        "ip_address": ip_address,
        "until": until,
        "failures": settings.AXES_FAILURE_LIMIT,
        "reset_url": absolute_url(reverse("password_reset")),
    }
    language = recipient_language(user)
    with translation.override(language):
        subject = _("Draagvlak: logging in to your account was paused")
        body = mail_render("core/mail/account_locked.txt", context)
    return mail_send(
        subject=subject,
        body=body,
        to=[user.email],
        about=f"lockout of user {user_id}",
        language=language,
    )


def password_reset_allowed(*, email: str, ip_address: str | None) -> bool:
    """Counts one password-reset request against the hour's allowance of the e-mail address
    and of the client address; False once either is used up. The limits keep the reset form
    from being used to flood someone's mailbox, or to mail every address from one client."""
    limit = settings.DRAAGVLAK_PASSWORD_RESET_LIMIT
    keys = [f"password-reset:email:{email.strip().lower()}"]
    if ip_address:
        keys.append(f"password-reset:ip:{ip_address}")
    allowed = True
    for key in keys:
        cache.add(key, 0, timeout=60 * 60)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=60 * 60)
            count = 1
        allowed = allowed and count <= limit
    return allowed
