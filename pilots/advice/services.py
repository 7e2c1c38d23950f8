"""Every write of the advice room: inviting an advisor, ending an invitation, a comment on
its thread and the log of an advisor's access. Each locks the row it changes, checks its
rule under the lock and mails after commit."""

import datetime
import uuid
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core import scoping
from core.models import Membership
from pilots.approval.models import Programme
from pilots.common.errors import PilotError

from . import notifications, rules
from .models import AdvisorAccess, AdvisorComment, Invitation
from .permissions import can_manage_advisors

User = get_user_model()


def _free_username(email: str) -> str:
    base = email.lower()[:140]
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _advisor_for(*, email: str, name: str) -> tuple[Any, bool]:
    """The account with this e-mail address, or a new one without a password: the advisor
    chooses it through the link in the invitation. Returns the account and whether it is new."""
    existing = User.objects.filter(email__iexact=email).order_by("-is_active", "pk").first()
    if existing is not None:
        if not existing.is_active:
            raise PilotError(
                _("The account with this e-mail address is disabled; ask an administrator."),
                field="email",
            )
        return existing, False
    if not name.strip():
        raise PilotError(
            _("Give the advisor's name: a new account is made for them."), field="name"
        )
    first_name, _sep, last_name = name.strip().partition(" ")
    user = User(
        username=_free_username(email),
        email=email,
        first_name=first_name[:150],
        last_name=last_name.strip()[:150],
    )
    user.set_unusable_password()
    user.save()
    return user, True


def _works_for(user, municipality_id: int | None) -> bool:
    return municipality_id is not None and (
        Membership.objects.filter(
            user_id=user.pk, municipality_id=municipality_id, is_active=True
        ).exists()
    )


@transaction.atomic
def invitation_create(
    *,
    user,
    programme_id: int,
    email: str,
    name: str = "",
    ends_on: datetime.date | None,
    note: str = "",
    today: datetime.date | None = None,
) -> Invitation:
    """Invites the person with `email` (an existing account, else a new one named `name`) to
    read and comment on the programme until `ends_on`."""
    today = today or timezone.localdate()
    # Found in the active scope only: another municipality's programme does not exist here.
    programme = Programme.objects.select_for_update().get(pk=programme_id)
    if not can_manage_advisors(user, programme):
        raise PilotError(_("Only the programme's officers invite advisors."))
    refusal = rules.ends_on_refusal(ends_on=ends_on, today=today)
    if refusal:
        raise PilotError(refusal, field="ends_on")
    assert ends_on is not None  # ends_on_refusal refuses None
    email = email.strip()
    if not email:
        raise PilotError(_("Give the advisor's e-mail address."), field="email")
    advisor, _created = _advisor_for(email=email, name=name)
    if _works_for(advisor, programme.municipality_id):
        raise PilotError(
            _("%(name)s works for this municipality: give them a role instead of an invitation.")
            % {"name": advisor.get_full_name() or advisor.get_username()},
            field="email",
        )
    open_one = (
        Invitation.objects.select_for_update()
        .filter(programme=programme, advisor=advisor, ended_at__isnull=True)
        .first()
    )
    if open_one is not None:
        if open_one.is_running(today=today):
            raise PilotError(
                _("%(name)s is already invited until %(date)s.")
                % {
                    "name": advisor.get_full_name() or advisor.get_username(),
                    "date": formats.date_format(open_one.ends_on, "SHORT_DATE_FORMAT"),
                },
                field="email",
            )
        # Expired without being ended: close it, so the new one is the only open one.
        open_one.ended_at = timezone.now()
        open_one.ended_by = user
        open_one.save(update_fields=["ended_at", "ended_by"])
    invitation = Invitation.objects.create(
        programme=programme,
        advisor=advisor,
        ends_on=ends_on,
        note=note.strip(),
        invited_by=user,
    )
    scoping.on_commit(partial(notifications.invitation_sent, invitation_id=invitation.pk))
    return invitation


@transaction.atomic
def invitation_end(*, user, invitation_id: int) -> Invitation:
    """Ends the invitation now: from the next request on the advisor sees nothing of the
    programme."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
    if not can_manage_advisors(user, invitation.programme):
        raise PilotError(_("Only the programme's officers end an invitation."))
    if invitation.ended_at is not None:
        raise PilotError(_("This invitation has already ended."))
    invitation.ended_at = timezone.now()
    invitation.ended_by = user
    invitation.save(update_fields=["ended_at", "ended_by"])
    return invitation


@transaction.atomic
def comment_add(
    *,
    user,
    invitation_id: int,
    text: str,
    client_token: uuid.UUID | None = None,
    today: datetime.date | None = None,
) -> tuple[AdvisorComment, bool]:
    """A comment on the invitation's thread: by its advisor while it is live, or an officer's
    reply while it runs. Returns the comment and whether it is new: the same form sent twice
    (its token), or the same text again within seconds, gives the comment already made."""
    today = today or timezone.localdate()
    # The lock makes a double submit wait for the first, which the checks below then see.
    invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
    if invitation.advisor_id == user.pk:
        if not rules.invitation_is_live(invitation, user=user, today=today):
            raise PilotError(_("Your invitation to this programme has ended."))
    else:
        if not can_manage_advisors(user, invitation.programme):
            raise PilotError(_("Only the programme's officers reply to an advisor."))
        if not invitation.is_running(today=today):
            raise PilotError(
                _("This invitation has ended: the advisor can no longer read a reply.")
            )
    text = text.strip()
    if not text:
        raise PilotError(_("Write a comment."), field="text")
    if len(text) > rules.COMMENT_MAX_LENGTH:
        raise PilotError(
            _("A comment has at most %(count)s characters.") % {"count": rules.COMMENT_MAX_LENGTH},
            field="text",
        )
    comments = AdvisorComment.objects.filter(invitation=invitation)
    if client_token is not None:
        sent_before = comments.filter(client_token=client_token).first()
        if sent_before is not None:
            return sent_before, False
    previous = comments.filter(author=user).order_by("-created_at", "-pk").first()
    now = timezone.now()
    if previous is not None and rules.is_duplicate_comment(
        text=text, previous_text=previous.text, previous_at=previous.created_at, now=now
    ):
        return previous, False
    comment = AdvisorComment.objects.create(
        invitation=invitation,
        author=user,
        text=text,
        client_token=client_token or uuid.uuid4(),
    )
    scoping.on_commit(partial(notifications.comment_posted, comment_id=comment.pk))
    return comment, True


def access_record(*, invitation: Invitation, user, path: str) -> AdvisorAccess:
    """Logs one request of the advisor on the invitation's programme."""
    return AdvisorAccess.objects.create(invitation=invitation, user=user, path=path[:500])


def accesses_record(*, invitations, user, path: str) -> None:
    """Logs one request that showed several invitations (the advisor's list): one row each,
    in one query."""
    AdvisorAccess.objects.bulk_create(
        [
            AdvisorAccess(invitation=invitation, user=user, path=path[:500])
            for invitation in invitations
        ]
    )
