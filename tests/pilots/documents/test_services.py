"""Official versions: the briefing frozen by a worker when the MAT's stage opens and referenced
by the MAT decision, the evaluation report frozen by a worker when it is fed back to the MAT,
before the MAT decides on it; never changed afterwards."""

import datetime
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader

from pilots.approval import services
from pilots.common.errors import PilotError
from pilots.documents import render
from pilots.documents import services as document_services
from pilots.documents.models import DocumentKind, OfficialDocument, Rendering
from pilots.evaluation import services as evaluation_services
from pilots.models import Decision, Programme, ProgrammeEvaluation, RevisionStage
from tests.pilots.factories import edit_programme, make_programme
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_mat(submitted, decide):
    """Approved by the director and advised by the cell: the MAT's stage is open and a worker
    has frozen its briefing."""
    decide("director", submitted)
    decide("cell", submitted)
    run_tasks()
    submitted.refresh_from_db()
    return submitted


def _stored(document) -> bytes:
    with document.file.open("rb") as stored:
        return stored.read()


def test_it_freezes_the_briefing_when_the_programme_reaches_the_mat(submitted, decide):
    decide("director", submitted)
    assert not OfficialDocument.objects.exists()
    decide("cell", submitted)
    submitted.refresh_from_db()
    # Not in the request that opened the stage: a worker freezes it after the commit.
    assert not OfficialDocument.objects.exists()
    assert Rendering.objects.get().official
    run_tasks()
    document = OfficialDocument.objects.get()
    assert document.kind == DocumentKind.BRIEFING
    assert document.version == 1
    assert document.stage_id == submitted.pending_stage_id
    assert document.language == "nl-be"
    pdf = _stored(document)
    assert pdf.startswith(b"%PDF")
    assert (hashlib.sha256(pdf).hexdigest(), len(pdf)) == (document.sha256, document.size)


def test_the_mat_decision_references_the_briefing_it_was_taken_on(at_mat, decide):
    document = OfficialDocument.objects.get()
    decision = decide("mat", at_mat)
    assert decision.briefing_sha256 == document.sha256
    assert OfficialDocument.objects.count() == 1
    earlier = Decision.objects.exclude(pk=decision.pk)
    assert set(earlier.values_list("briefing_sha256", flat=True)) == {""}


def test_the_frozen_bytes_do_not_change_after_the_programme_is_edited(at_mat, decide, users):
    document = OfficialDocument.objects.get()
    before = _stored(document)
    decide("mat", at_mat, outcome="changes_requested", motivation="Budget herbekijken.")
    at_mat.refresh_from_db()
    edit_programme(at_mat, user=users["officer"], title="Een andere titel", budget=99)
    document.refresh_from_db()
    assert _stored(document) == before
    assert hashlib.sha256(before).hexdigest() == document.sha256


def test_a_new_revision_reaching_the_mat_gets_the_next_version(at_mat, decide, users):
    decide("mat", at_mat, outcome="changes_requested", motivation="Budget herbekijken.")
    services.programme_submit(programme_id=at_mat.pk, user=users["officer"])
    programme = Programme.objects.get(pk=at_mat.pk)
    decide("director", programme)
    decide("cell", programme)
    run_tasks()
    versions = list(
        OfficialDocument.objects.order_by("version").values_list("version", "revision__number")
    )
    assert versions == [(1, 1), (2, 2)]
    decision = decide("mat", programme)
    assert decision.briefing_sha256 == OfficialDocument.objects.get(version=2).sha256


def test_the_mat_cannot_decide_before_a_worker_has_frozen_its_briefing(submitted, decide, users):
    decide("director", submitted)
    decide("cell", submitted)
    with pytest.raises(PilotError, match="wordt nog opgemaakt"):
        services.decision_record(
            programme_id=submitted.pk,
            user=users["mat"],
            outcome="approved",
            meeting_date=timezone.localdate(),
        )
    assert not Decision.objects.filter(stage__role="mat-member").exists()
    decision = decide("mat", submitted)  # runs the queued tasks first
    assert decision.briefing_sha256 == OfficialDocument.objects.get().sha256


def test_a_mat_stage_opened_before_freezing_existed_asks_for_it_and_waits(
    submitted, decide, users, monkeypatch
):
    decide("director", submitted)
    with monkeypatch.context() as patched:
        patched.setattr(document_services, "briefing_request", lambda **kwargs: None)
        decide("cell", submitted)
    assert not Rendering.objects.exists()
    with pytest.raises(PilotError, match="wordt nog opgemaakt"):
        services.decision_record(
            programme_id=submitted.pk,
            user=users["mat"],
            outcome="approved",
            meeting_date=timezone.localdate(),
        )
    # The refusal asked a worker for the briefing, outside the refused transaction.
    assert Rendering.objects.get().is_pending
    assert not OfficialDocument.objects.exists()
    decision = decide("mat", submitted)
    assert decision.briefing_sha256 == OfficialDocument.objects.get().sha256


def test_a_retried_task_or_a_second_worker_makes_no_second_version(submitted, decide):
    decide("director", submitted)
    decide("cell", submitted)
    rendering = Rendering.objects.get()
    run_tasks()
    # The same job again, and a second worker that had already rendered before the first
    # stored: still one version.
    document_services.rendering_run(rendering_id=rendering.pk)
    Rendering.objects.filter(pk=rendering.pk).update(status=Rendering.Status.PENDING)
    document_services.rendering_run(rendering_id=rendering.pk)
    assert OfficialDocument.objects.count() == 1
    assert Rendering.objects.get().document == OfficialDocument.objects.get()


def test_a_failed_freeze_is_asked_for_again_and_the_mat_waits(submitted, decide, users):
    decide("director", submitted)
    decide("cell", submitted)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(render, "html_to_pdf", _broken)
        results = run_tasks(failures_expected=True)
    assert [result.status for result in results] == ["FAILED"]
    assert Rendering.objects.get().is_failed
    assert "WeasyPrint broke" in Rendering.objects.get().error
    with pytest.raises(PilotError, match="wordt nog opgemaakt"):
        services.decision_record(
            programme_id=submitted.pk,
            user=users["mat"],
            outcome="approved",
            meeting_date=timezone.localdate(),
        )
    assert Rendering.objects.get().is_pending  # asked for again
    decision = decide("mat", submitted)
    assert decision.briefing_sha256 == OfficialDocument.objects.get().sha256


def _broken(html):
    raise RuntimeError("WeasyPrint broke")


def test_official_versions_are_written_once(at_mat):
    document = OfficialDocument.objects.get()
    document.size = 1
    with pytest.raises(TypeError):
        document.save()
    with pytest.raises(TypeError):
        document.delete()
    with pytest.raises(TypeError):
        OfficialDocument.objects.update(size=1)


def test_the_evaluation_report_is_frozen_when_fed_back(at_mat, decide, users):
    decide("mat", at_mat)
    document_services.evaluation_report_freeze(programme_id=at_mat.pk, user=users["officer"])
    run_tasks()
    document_services.evaluation_report_freeze(programme_id=at_mat.pk, user=users["officer"])
    run_tasks()
    first, second = _reports()
    assert (first.kind, first.version, second.version) == (DocumentKind.EVALUATION, 1, 2)
    assert first.stage.role == "mat-member"
    assert _stored(first).startswith(b"%PDF")


def test_it_refuses_to_freeze_the_evaluation_of_a_programme_not_approved(at_mat, users):
    with pytest.raises(PilotError):
        document_services.evaluation_report_freeze(programme_id=at_mat.pk, user=users["officer"])
    with pytest.raises(PermissionDenied):
        document_services.evaluation_report_freeze(programme_id=at_mat.pk, user=users["staff"])
    assert not OfficialDocument.objects.filter(kind=DocumentKind.EVALUATION).exists()


# --- The evaluation report, frozen when the evaluation is fed back to the MAT ---------------


def _feed_back(programme, user, **fields):
    values = {"summary": "Beide pilots geëvalueerd.", **fields}
    return evaluation_services.programme_evaluation_save(
        programme_id=programme.pk, user=user, **values
    )


def _reports():
    return OfficialDocument.objects.filter(kind=DocumentKind.EVALUATION).order_by("version")


@pytest.fixture
def approved(at_mat, decide):
    decide("mat", at_mat)
    at_mat.refresh_from_db()
    return at_mat


def test_feeding_the_evaluation_back_freezes_the_report_the_mat_received(approved, users):
    today = timezone.localdate()
    _feed_back(approved, users["officer"], fed_back_on=today)
    assert not _reports().exists()  # a worker freezes it, after the commit
    run_tasks()
    # The MAT's decision comes afterwards and is not written into the report it decided on.
    _feed_back(approved, users["mat"], fed_back_on=today, mat_decision="Opschalen tot 2028.")
    assert ProgrammeEvaluation.objects.get().mat_decision == "Opschalen tot 2028."
    report = _reports().get()
    assert (report.version, report.created_by, report.language) == (1, users["officer"], "nl-be")
    assert report.stage.role == "mat-member"
    pdf = _stored(report)
    assert hashlib.sha256(pdf).hexdigest() == report.sha256
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Teruggekoppeld aan het MAT op" in text
    assert "Opschalen tot 2028" not in text
    assert "CONCEPT" not in text


def test_the_mat_decision_waits_for_the_report_it_decides_on(approved, users):
    today = timezone.localdate()
    with pytest.raises(PilotError, match="Sla eerst de datum") as refused:
        _feed_back(approved, users["officer"], fed_back_on=today, mat_decision="Opschalen.")
    assert refused.value.field == "mat_decision"
    assert not ProgrammeEvaluation.objects.exists()
    _feed_back(approved, users["officer"], fed_back_on=today)
    with pytest.raises(PilotError, match="wordt nog opgemaakt"):
        _feed_back(approved, users["officer"], fed_back_on=today, mat_decision="Opschalen.")
    run_tasks()
    _feed_back(approved, users["officer"], fed_back_on=today, mat_decision="Opschalen.")
    assert ProgrammeEvaluation.objects.get().mat_decision == "Opschalen."
    assert _reports().count() == 1


def test_a_later_edit_keeps_the_frozen_bytes_and_the_same_version(approved, users):
    today = timezone.localdate()
    _feed_back(approved, users["officer"], fed_back_on=today)
    run_tasks()
    report = _reports().get()
    before = _stored(report)
    _feed_back(approved, users["officer"], fed_back_on=today, summary="Een andere samenvatting.")
    run_tasks()
    assert _reports().count() == 1
    report.refresh_from_db()
    assert _stored(report) == before
    assert hashlib.sha256(before).hexdigest() == report.sha256


def test_a_second_feed_back_makes_version_two(approved, users):
    today = timezone.localdate()
    _feed_back(approved, users["officer"], fed_back_on=today - datetime.timedelta(days=30))
    run_tasks()
    _feed_back(approved, users["mat"], fed_back_on=today)
    run_tasks()
    first, second = _reports()
    assert (first.version, second.version) == (1, 2)
    assert second.created_by == users["mat"]  # the MAT's secretary records the feed-back
    assert first.sha256 != second.sha256


def test_an_evaluation_not_yet_fed_back_freezes_nothing(approved, users):
    _feed_back(approved, users["officer"])
    run_tasks()
    assert not _reports().exists()


def test_who_may_record_the_feed_back_is_unchanged(approved, users):
    with pytest.raises(PermissionDenied):
        _feed_back(approved, users["staff"], fed_back_on=timezone.localdate())
    with pytest.raises(PermissionDenied):
        document_services.evaluation_report_freeze(programme_id=approved.pk, user=users["mat"])
    assert not _reports().exists()
    assert not ProgrammeEvaluation.objects.exists()


def test_an_official_version_carries_the_day_its_stage_opened_not_the_day_it_was_laid_out(
    users, decide
):
    programme = make_programme(user=users["officer"])
    services.programme_submit(programme_id=programme.pk, user=users["officer"])
    decide("director", programme)
    decide("cell", programme)
    opened = timezone.now() - datetime.timedelta(days=3)
    RevisionStage.objects.mat().filter(revision__programme=programme).update(opened_at=opened)
    run_tasks()
    briefing = OfficialDocument.objects.get(programme=programme, kind=DocumentKind.BRIEFING)
    text = "".join(page.extract_text() for page in PdfReader(briefing.file.open("rb")).pages)
    with translation.override("nl-be"):
        assert date_format(timezone.localdate(opened), "j F Y") in text
        assert date_format(timezone.localdate(), "j F Y") not in text
