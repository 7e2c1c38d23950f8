"""Invitations of external advisors to a programme, their comments, and the log of every
access they make.

An advisor works for no municipality: their scope is empty. What they may read of the one
programme they are invited to follows from a live invitation (`rules.invitation_is_live`),
checked on every request. The access log and the comments are append-only.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.scoping import owned_manager
from pilots.common.models import AppendOnlyModel, AppendOnlyQuerySet

from . import rules


class InvitationQuerySet(models.QuerySet):
    def running(self, *, today):
        """Not ended early and not expired: the advisor can still read the programme."""
        return self.filter(ended_at__isnull=True, ends_on__gte=today)


class Invitation(models.Model):
    """An external advisor's access to one programme, until `ends_on` (or until an officer
    ends it early)."""

    programme = models.ForeignKey(
        "pilots.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="advisor_invitations",
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisor"),
        on_delete=models.PROTECT,
        related_name="advisor_invitations",
    )
    ends_on = models.DateField(_("until"))
    note = models.TextField(_("note to the advisor"), max_length=2000, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True, editable=False)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = owned_manager("programme__municipality", InvitationQuerySet)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("advisor invitation")
        verbose_name_plural = _("advisor invitations")
        indexes = [models.Index(fields=["advisor", "ends_on"])]
        constraints = [
            # One open invitation per advisor and programme: a second one would make "end
            # the invitation" ambiguous. An expired one is closed before a new one is made.
            models.UniqueConstraint(
                fields=["programme", "advisor"],
                condition=Q(ended_at__isnull=True),
                name="advisor_invitation_open_once",
            )
        ]

    def __str__(self):
        return f"{self.advisor} → {self.programme}"

    def is_running(self, *, today) -> bool:
        return rules.invitation_is_running(
            ended=self.ended_at is not None, ends_on=self.ends_on, today=today
        )


class AdvisorComment(models.Model):
    """A comment on the thread of an invitation: by the advisor, or an officer's reply."""

    invitation = models.ForeignKey(
        Invitation, verbose_name=_("invitation"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("comment"), max_length=rules.COMMENT_MAX_LENGTH)
    # Set by the form when it is shown: a second submit of the same form carries the same
    # token, and the constraint below turns it into the comment already made.
    client_token = models.UUIDField(_("form token"), default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    objects = owned_manager("invitation__programme__municipality")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("advisor comment")
        verbose_name_plural = _("advisor comments")
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "client_token"], name="advisor_comment_token_once"
            )
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def is_by_advisor(self) -> bool:
        return self.author_id == self.invitation.advisor_id


class AdvisorAccess(AppendOnlyModel):
    """One request of an advisor: a page of the programme they are invited to, or one of its
    documents. Never changed or deleted."""

    append_only_message = "The access log is append-only."

    invitation = models.ForeignKey(
        Invitation, verbose_name=_("invitation"), on_delete=models.PROTECT, related_name="accesses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    path = models.CharField(_("path"), max_length=500)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    objects = owned_manager("invitation__programme__municipality", AppendOnlyQuerySet)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("advisor access")
        verbose_name_plural = _("advisor accesses")

    def __str__(self):
        return f"{self.user} {self.path} {self.at:%Y-%m-%d %H:%M}"
