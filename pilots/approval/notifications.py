"""E-mails of the approval chain. Called after commit, so a rolled-back decision never mails.

Mails are written in the organisation's language (Dutch), whoever triggered them.
"""

from django.conf import settings
from django.utils import translation

from core.links import absolute_url
from core.mail import mail_render, mail_send, mail_subject

from . import selectors
from .models import Revision, RevisionStage


def _send(*, template: str, context: dict, recipients) -> int:
    addresses = sorted({user.email for user in recipients if user.email})
    if not addresses:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = mail_subject(f"pilots/approval/mail/{template}_subject.txt", context)
        body = mail_render(f"pilots/approval/mail/{template}.txt", context)
    # The decision is committed by now: a failure is logged (and the reminder sends it again
    # later), never an error page.
    about = f"programme {context['programme'].pk}"
    return sum(mail_send(subject=subject, body=body, to=[a], about=about) for a in addresses)


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
