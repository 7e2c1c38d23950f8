"""Notifications of the approval chain. Called after commit, so a rolled-back decision never
tells anyone. Each goes through notifications.notify: recorded in-app, mailed in the
recipient's language as they chose (a stage to decide is always mailed at once).
"""

from core.links import absolute_url
from notifications.models import Kind
from notifications.services import notify

from . import selectors
from .models import Revision, RevisionStage


def _send(*, template: str, context: dict, recipients, kind: str) -> int:
    users = {user.pk: user for user in recipients if user is not None}
    # The decision is committed by now: a failure is logged (and the reminder sends it again
    # later), never an error page.
    about = f"programme {context['programme'].pk}"
    return sum(
        notify(
            user,
            kind=kind,
            link=context["programme"].get_absolute_url(),
            mail_template=f"pilots/approval/mail/{template}",
            context=context,
            about=about,
        )
        for _pk, user in sorted(users.items())
    )


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
        kind=Kind.DECISION,
    )


def revision_closed(*, revision_id: int) -> int:
    """Tells the submitter how the chain ended: approved, changes requested or rejected."""
    revision = Revision.objects.select_related("programme", "submitted_by").get(pk=revision_id)
    last = revision.decisions.select_related("stage").order_by("-recorded_at", "-pk").first()
    return _send(
        template="revision_closed",
        context=_context(revision.programme, revision=revision, decision=last),
        recipients=[revision.submitted_by],
        kind=Kind.OUTCOME,
    )
