"""E-mails of the approval chain. Called after commit, so a rolled-back decision never mails.

Mails are written in the organisation's language (Dutch), whoever triggered them.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from core.links import absolute_url

from . import selectors
from .models import Revision, RevisionStage

logger = logging.getLogger(__name__)


def _send(*, template: str, context: dict, recipients) -> int:
    addresses = sorted({user.email for user in recipients if user.email})
    if not addresses:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"pilots/approval/mail/{template}_subject.txt", context).strip()
        body = render_to_string(f"pilots/approval/mail/{template}.txt", context)
    sent = 0
    for address in addresses:
        # The decision is committed by now: a mail server that is down must not turn it
        # into an error page. The failure is logged and the reminder sends it again later.
        try:
            sent += send_mail(subject, body, None, [address])
        except (smtplib.SMTPException, OSError):
            logger.exception("Could not mail %s about %s", address, context["programme"].pk)
    return sent


def _context(programme, **extra) -> dict:
    return {
        "programme": programme,
        "url": absolute_url(programme.get_absolute_url()),
        "organisation": programme.municipality.name,
        **extra,
    }


def stage_opened(*, stage_id: int, reminder: bool = False) -> int:
    """Tells whoever can decide the stage that it is theirs now (or still is)."""
    stage = RevisionStage.objects.select_related("revision__programme").get(pk=stage_id)
    programme = stage.revision.programme
    recipients = selectors.stage_deciders(
        stage=stage, exclude_ids=selectors.submitter_ids(programme=programme)
    )
    return _send(
        template="stage_reminder" if reminder else "stage_opened",
        context=_context(programme, stage=stage, revision=stage.revision),
        recipients=recipients,
    )


def revision_closed(*, revision_id: int) -> int:
    """Tells the submitter how the chain ended: approved, changes requested or rejected."""
    revision = Revision.objects.select_related("programme", "submitted_by").get(pk=revision_id)
    last = revision.decisions.select_related("stage").order_by("-recorded_at", "-pk").first()
    return _send(
        template="revision_closed",
        context=_context(revision.programme, revision=revision, decision=last),
        recipients=[revision.submitted_by],
    )
