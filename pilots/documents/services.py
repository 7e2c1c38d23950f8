"""Writes of official documents: freezing a briefing or evaluation report as it stands.

An official version is rendered once, in the organisation's language, and stored with its
SHA-256. Nothing here overwrites a stored version: a later freeze is a new version.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pilots import permissions
from pilots.approval.models import Outcome, Programme, RevisionStage
from pilots.common.errors import PilotError

from . import context, render
from .models import DocumentKind, OfficialDocument


def official_for_stage(*, stage: RevisionStage, kind: str) -> OfficialDocument | None:
    return OfficialDocument.objects.filter(stage=stage, kind=kind).first()


def _store(*, programme: Programme, stage: RevisionStage, kind: str, user) -> OfficialDocument:
    """Renders and stores the next version. The caller holds the programme's row lock, so two
    freezes of one programme cannot hand out the same version number. Should the transaction
    roll back after the file is written, the file stays behind unreferenced: never served."""
    version = context.next_version(programme_id=programme.pk, kind=kind)
    edition = context.Edition(version=version, official=True, date=timezone.localdate())
    # Official versions speak the organisation's language, whoever triggers the freeze.
    pdf = render.render_pdf(
        programme_id=programme.pk, kind=kind, language=settings.LANGUAGE_CODE, edition=edition
    )
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


def briefing_freeze(*, programme: Programme, stage: RevisionStage, user) -> OfficialDocument:
    """The briefing as the MAT will see it, frozen when the programme reaches the MAT's
    stage. Called by the approval services inside their transaction, under the row lock."""
    existing = official_for_stage(stage=stage, kind=DocumentKind.BRIEFING)
    if existing is not None:
        return existing
    return _store(programme=programme, stage=stage, kind=DocumentKind.BRIEFING, user=user)


def evaluation_report_store(*, programme: Programme, user) -> OfficialDocument:
    """Stores the evaluation report as it stands as the next official version, attached to
    the MAT stage that approved the programme. The caller holds the programme's row lock and
    has checked that the programme is approved; `programme_evaluation_save` calls this when
    the evaluation is fed back to the MAT, whoever records that."""
    stage = (
        RevisionStage.objects.mat()
        .filter(revision__programme=programme, decisions__outcome=Outcome.APPROVED)
        .order_by("-revision__number")
        .first()
    )
    if stage is None:
        raise PilotError(_("The MAT has not approved this programme."))
    return _store(programme=programme, stage=stage, kind=DocumentKind.EVALUATION, user=user)


@transaction.atomic
def evaluation_report_freeze(*, programme_id: int, user) -> OfficialDocument:
    """The evaluation report as it is fed back to the MAT: a new official version each time,
    attached to the MAT stage that approved the programme."""
    if not permissions.can_freeze_evaluation_report(user):
        raise PermissionDenied(_("You may not make the evaluation report official."))
    programme = Programme.objects.select_for_update().get(pk=programme_id)
    if not programme.is_approved:
        raise PilotError(_("Only an approved programme has an evaluation to feed back."))
    return evaluation_report_store(programme=programme, user=user)
