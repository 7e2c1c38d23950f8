"""Notifications of the advice room, sent after commit through notifications.notify: recorded
in-app, mailed in the recipient's language as they chose."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.links import absolute_url
from notifications.models import Kind
from notifications.services import notify

from .models import AdvisorComment, Invitation


def _send(*, template: str, context: dict, recipients, link: str) -> int:
    # Committed by now: a failure is logged, never an error page.
    about = f"invitation {context['invitation'].pk}"
    users = {user.pk: user for user in recipients if user is not None}
    return sum(
        notify(
            user,
            kind=Kind.ADVICE,
            link=link,
            mail_template=f"pilots/advice/mail/{template}",
            context=context,
            about=about,
        )
        for _pk, user in sorted(users.items())
    )


def set_password_url(user) -> str:
    """The link with which a new advisor chooses their password (Django's password reset)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute_url(reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token}))


def invitation_sent(*, invitation_id: int) -> int:
    """Tells the advisor they are invited, with the link to the programme; an account without
    a password gets the link to choose one as well."""
    invitation = Invitation.objects.select_related(
        "programme__municipality", "advisor", "invited_by"
    ).get(pk=invitation_id)
    advisor = invitation.advisor
    context = {
        "invitation": invitation,
        "programme": invitation.programme,
        "organisation": invitation.programme.municipality.name,
        "url": absolute_url(reverse("pilots:advice_detail", args=[invitation.pk])),
        "set_password_url": None if advisor.has_usable_password() else set_password_url(advisor),
        "link_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        "username": advisor.get_username(),
    }
    link = reverse("pilots:advice_detail", args=[invitation.pk])
    return _send(template="invitation", context=context, recipients=[advisor], link=link)


def comment_posted(*, comment_id: int) -> int:
    """An advisor's comment goes to whoever invited them; an officer's reply to the advisor."""
    comment = AdvisorComment.objects.select_related(
        "author",
        "invitation__programme__municipality",
        "invitation__advisor",
        "invitation__invited_by",
    ).get(pk=comment_id)
    invitation = comment.invitation
    by_advisor = comment.author_id == invitation.advisor_id
    if by_advisor:
        recipient = invitation.invited_by
        url = reverse("pilots:advisor_thread", args=[invitation.programme_id, invitation.pk])
    else:
        recipient = invitation.advisor
        url = reverse("pilots:advice_detail", args=[invitation.pk])
    context = {
        "invitation": invitation,
        "programme": invitation.programme,
        "comment": comment,
        "by_advisor": by_advisor,
        "organisation": invitation.programme.municipality.name,
        "url": absolute_url(url),
    }
    return _send(template="comment", context=context, recipients=[recipient], link=url)
