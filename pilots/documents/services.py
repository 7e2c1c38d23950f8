"""Writes of the documents: asking for a rendering, and freezing a briefing or evaluation
report as it stands.

WeasyPrint never runs in a web request. A request asks for a `Rendering` and a background
worker (`pilots.documents.tasks`, `manage.py db_worker`) lays it out: a draft into its own
file, an official version into an `OfficialDocument`. An official version is rendered once, in
the organisation's language, and stored with its SHA-256. Nothing here overwrites a stored
version: a later freeze is a new version.
"""

import datetime
import hashlib
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core import scoping
from pilots import permissions
from pilots.approval.models import Outcome, Programme, RevisionStage
from pilots.common.errors import PilotError
from pilots.evaluation.models import ProgrammeEvaluation

from . import context, render
from .models import DocumentKind, OfficialDocument, Rendering

logger = logging.getLogger(__name__)


# A rendering still pending this long after it was asked for lost its worker (a crash, a
# restart in the middle of it): asking again enqueues it again (rendering is idempotent).
STALE_AFTER = datetime.timedelta(minutes=15)


def official_for_stage(*, stage: RevisionStage, kind: str) -> OfficialDocument | None:
    return OfficialDocument.objects.filter(stage=stage, kind=kind).first()


def _enqueue(rendering: Rendering) -> None:
    """Hands the rendering to a worker once the transaction that asked for it commits, in the
    municipality of its programme (the worker enters that scope)."""
    from . import tasks

    rendering_id, municipality_id = rendering.pk, rendering.programme.municipality_id
    assert municipality_id is not None  # every programme belongs to a municipality

    def enqueue():
        tasks.render_document.enqueue(rendering_id=rendering_id, municipality_id=municipality_id)

    enqueue.enqueues_task = True  # type: ignore[attr-defined]
    scoping.on_commit(enqueue)


def _request(
    *,
    programme: Programme,
    kind: str,
    language: str,
    key: str,
    user,
    official: bool,
    html: str = "",
    stage: RevisionStage | None = None,
    retry_failed: bool = True,
) -> Rendering:
    """The rendering for `key`, asked for once: a second request (a double click, a second
    worker, a retried decision) gets the same one. A failed one is tried again (a draft only
    when the reader asks, `retry_failed`), and so is one pending for longer than STALE_AFTER."""
    lookup = {"programme": programme, "kind": kind, "language": language, "key": key}
    rendering = Rendering.objects.filter(**lookup).first()
    if rendering is None:
        try:
            with transaction.atomic():
                rendering = Rendering.objects.create(
                    **lookup, official=official, html=html, stage=stage, requested_by=user
                )
        except IntegrityError:
            rendering = Rendering.objects.get(**lookup)
        else:
            _enqueue(rendering)
            return rendering
    again = (rendering.is_failed and retry_failed) or (
        rendering.is_pending and rendering.requested_at < timezone.now() - STALE_AFTER
    )
    if again:
        # Only one of two requests at the same moment moves it back to pending and enqueues.
        moved = Rendering.objects.filter(pk=rendering.pk, status=rendering.status).update(
            status=Rendering.Status.PENDING, error="", requested_at=timezone.now()
        )
        rendering.refresh_from_db()
        if moved:
            _enqueue(rendering)
    return rendering


def draft_request(*, programme: Programme, kind: str, language: str, user) -> Rendering:
    """The draft rendering of the document as it stands now, in `language`. Builds the HTML
    here (queries and template, no layout) so the draft is keyed by exactly what it shows."""
    html = render.render_html(
        context.document_context(programme_id=programme.pk, kind=kind, language=language),
        language=language,
    )
    key = hashlib.sha256(html.encode("utf-8")).hexdigest()
    return _request(
        programme=programme,
        kind=kind,
        language=language,
        key=key,
        user=user,
        official=False,
        html=html,
        retry_failed=False,
    )


def rendering_retry(*, rendering: Rendering, user) -> Rendering:
    """Asks again for a rendering that failed; one that is pending or ready stays as it is."""
    return _request(
        programme=rendering.programme,
        kind=rendering.kind,
        language=rendering.language,
        key=rendering.key,
        user=user,
        official=rendering.official,
        html=rendering.html,
        stage=rendering.stage,
    )


def rendering_lost(*, rendering: Rendering, user) -> Rendering:
    """A ready draft whose file is gone from storage: asked for again, laid out anew."""
    Rendering.objects.filter(pk=rendering.pk).delete()
    return draft_request(
        programme=rendering.programme, kind=rendering.kind, language=rendering.language, user=user
    )


def briefing_request(*, programme: Programme, stage: RevisionStage, user) -> Rendering:
    """Asks for the briefing the MAT will decide on, frozen when the programme reaches the
    MAT's stage. Called by the approval services inside their transaction; a worker freezes it
    after the commit."""
    return _request(
        programme=programme,
        kind=DocumentKind.BRIEFING,
        language=settings.LANGUAGE_CODE,
        key=f"stage-{stage.pk}",
        user=user,
        official=True,
        stage=stage,
    )


def _feed_back_key(fed_back_on: datetime.date) -> str:
    return f"fed-back-{fed_back_on.isoformat()}"


def _approving_stage(programme: Programme) -> RevisionStage:
    stage = (
        RevisionStage.objects.mat()
        .filter(revision__programme=programme, decisions__outcome=Outcome.APPROVED)
        .order_by("-revision__number")
        .first()
    )
    if stage is None:
        raise PilotError(_("The MAT has not approved this programme."))
    return stage


def evaluation_report_request(
    *, programme: Programme, fed_back_on: datetime.date, user
) -> Rendering:
    """Asks for the evaluation report fed back to the MAT on `fed_back_on`, frozen by a
    worker as it stands, before the MAT decides on it, and attached to the MAT stage that
    approved the programme. `programme_evaluation_save` calls this when the date is newly set
    or changes; a date fed back before keeps its version."""
    return _request(
        programme=programme,
        kind=DocumentKind.EVALUATION,
        language=settings.LANGUAGE_CODE,
        key=_feed_back_key(fed_back_on),
        user=user,
        official=True,
        stage=_approving_stage(programme),
    )


def evaluation_report_fed_back(
    *, programme: Programme, fed_back_on: datetime.date
) -> OfficialDocument | None:
    """The official evaluation report fed back on that date, once a worker has frozen it."""
    rendering = (
        Rendering.objects.filter(
            programme=programme,
            kind=DocumentKind.EVALUATION,
            key=_feed_back_key(fed_back_on),
            status=Rendering.Status.READY,
        )
        .select_related("document")
        .first()
    )
    if rendering is not None:
        return rendering.document
    if Rendering.objects.filter(
        programme=programme, kind=DocumentKind.EVALUATION, key=_feed_back_key(fed_back_on)
    ).exists():
        return None  # asked for, not frozen yet
    # Fed back before reports were frozen by a worker: the version frozen for it then.
    return (
        OfficialDocument.objects.filter(
            programme=programme,
            kind=DocumentKind.EVALUATION,
            created_at__date__gte=fed_back_on,
        )
        .order_by("version")
        .first()
    )


@transaction.atomic
def evaluation_report_freeze(*, programme_id: int, user) -> Rendering:
    """Asks for a new official version of the evaluation report, attached to the MAT stage
    that approved the programme (by hand, for procurement)."""
    if not permissions.can_freeze_evaluation_report(user):
        raise PermissionDenied(_("You may not make the evaluation report official."))
    programme = Programme.objects.select_for_update().get(pk=programme_id)
    if not programme.is_approved:
        raise PilotError(_("Only an approved programme has an evaluation to feed back."))
    return _request(
        programme=programme,
        kind=DocumentKind.EVALUATION,
        language=settings.LANGUAGE_CODE,
        key=f"by-hand-{timezone.now().isoformat()}",
        user=user,
        official=True,
        stage=_approving_stage(programme),
    )


# --- The worker's side -------------------------------------------------------------------


def rendering_run(*, rendering_id: int) -> str:
    """Lays out one rendering (the body of `tasks.render_document`, in the scope of its
    programme's municipality). Safe to run twice or in two workers at once: a finished one is
    left alone, and an official version is stored once (row locks, and the unique constraints
    of `OfficialDocument` where the database has no row locks)."""
    rendering = Rendering.objects.select_related("programme", "stage").get(pk=rendering_id)
    if not rendering.is_pending:
        return rendering.status
    Rendering.objects.filter(pk=rendering.pk).update(attempts=F("attempts") + 1)
    try:
        if rendering.official:
            _freeze(rendering)
        else:
            _draft(rendering)
    except Exception as error:
        logger.exception(
            "Rendering %s of programme %s failed", rendering.pk, rendering.programme_id
        )
        Rendering.objects.filter(pk=rendering.pk, status=Rendering.Status.PENDING).update(
            status=Rendering.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        raise
    return Rendering.Status.READY


def _draft(rendering: Rendering) -> None:
    pdf = render.html_to_pdf(rendering.html)
    name = f"{rendering.kind}-{rendering.programme_id}-{rendering.key[:16]}.pdf"
    rendering.file.save(name, ContentFile(pdf), save=False)
    Rendering.objects.filter(pk=rendering.pk, status=Rendering.Status.PENDING).update(
        status=Rendering.Status.READY, file=rendering.file.name, html="", finished_at=timezone.now()
    )
    # Older drafts of the same document and language are out of date now.
    for old in Rendering.objects.filter(
        programme_id=rendering.programme_id,
        kind=rendering.kind,
        language=rendering.language,
        official=False,
        requested_at__lt=rendering.requested_at,
    ).exclude(status=Rendering.Status.PENDING):
        if old.file:
            old.file.delete(save=False)
        old.delete()


def _official_date(rendering: Rendering, stage: RevisionStage) -> datetime.date:
    """The date an official version carries: for the briefing the day the MAT's stage opened
    (the note is put on the MAT's agenda), for the evaluation report the day it was fed back;
    never the day a worker happened to lay it out."""
    if rendering.kind == DocumentKind.BRIEFING and stage.opened_at is not None:
        return timezone.localdate(stage.opened_at)
    if rendering.kind == DocumentKind.EVALUATION:
        fed_back_on = (
            ProgrammeEvaluation.objects.filter(programme_id=rendering.programme_id)
            .values_list("fed_back_on", flat=True)
            .first()
        )
        if fed_back_on is not None:
            return fed_back_on
    return timezone.localdate(rendering.requested_at)


def _freeze(rendering: Rendering) -> None:
    """Renders the next official version outside any lock (it takes seconds), then stores it
    under the programme's row lock unless another worker stored it first."""
    programme_id, kind = rendering.programme_id, rendering.kind
    user = get_user_model().objects.get(pk=rendering.requested_by_id)
    stage = rendering.stage
    assert stage is not None  # an official rendering names the stage it is attached to
    for _attempt in range(3):
        version = context.next_version(programme_id=programme_id, kind=kind)
        edition = context.Edition(
            version=version, official=True, date=_official_date(rendering, stage)
        )
        # Official versions speak the organisation's language, whoever triggers the freeze.
        pdf = render.render_pdf(
            programme_id=programme_id, kind=kind, language=rendering.language, edition=edition
        )
        with transaction.atomic():
            programme = Programme.objects.select_for_update().get(pk=programme_id)
            locked = Rendering.objects.select_for_update().get(pk=rendering.pk)
            if not locked.is_pending:
                return
            existing = None
            if kind == DocumentKind.BRIEFING:
                existing = official_for_stage(stage=stage, kind=kind)
            if existing is None:
                if context.next_version(programme_id=programme_id, kind=kind) != version:
                    continue  # another version was frozen meanwhile: render with the next number
                try:
                    with transaction.atomic():
                        existing = _store(
                            programme=programme,
                            stage=stage,
                            kind=kind,
                            user=user,
                            pdf=pdf,
                            version=version,
                        )
                except IntegrityError:
                    continue
                if kind == DocumentKind.BRIEFING:
                    _mat_stage_ready(stage_id=stage.pk)
            locked.status, locked.document, locked.finished_at = (
                Rendering.Status.READY,
                existing,
                timezone.now(),
            )
            locked.save(update_fields=["status", "document", "finished_at"])
            return
    raise RuntimeError(f"Could not store {kind} of programme {programme_id}: versions kept moving")


def _mat_stage_ready(*, stage_id: int) -> None:
    """The MAT's stage can be decided now that its briefing exists: tell its deciders."""
    from pilots.approval import notifications

    scoping.on_commit(lambda: notifications.stage_opened(stage_id=stage_id))


def _store(
    *, programme: Programme, stage: RevisionStage, kind: str, user, pdf: bytes, version: int
) -> OfficialDocument:
    """Stores the rendered version. The caller holds the programme's row lock, so two freezes
    of one programme cannot hand out the same version number (and the unique constraints hold
    where there are no row locks). Should the transaction roll back after the file is written,
    the file stays behind unreferenced: never served."""
    sha256 = hashlib.sha256(pdf).hexdigest()
    document = OfficialDocument(
        programme=programme,
        kind=kind,
        version=version,
        revision_id=stage.revision_id,
        stage=stage,
        language=settings.LANGUAGE_CODE,
        sha256=sha256,
        size=len(pdf),
        created_by=user,
    )
    document.file.save(f"{kind}-v{version}-{sha256[:12]}.pdf", ContentFile(pdf), save=False)
    document.save()
    return document


def renderings_run_pending(*, programme: Programme) -> None:
    """Runs the programme's pending official renderings here and now, for a command (the
    demo) that goes on to use them; never called in a web request."""
    for rendering_id in Rendering.objects.filter(
        programme=programme, official=True, status=Rendering.Status.PENDING
    ).values_list("pk", flat=True):
        rendering_run(rendering_id=rendering_id)
