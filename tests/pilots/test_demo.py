"""The demo tells the execution and evaluation story, and telling it twice adds nothing; its
dates tell one consistent story in both documents, whatever day it is seeded."""

import datetime
import io
import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from core.demo_story import MAT_MEETING_DAYS_AGO
from core.membership import first_municipality
from core.scoping import municipality_scope
from pilots.approval.selectors import pilots_prefetch
from pilots.demo import WAITING_TITLE
from pilots.documents.context import document_context
from pilots.documents.render import render_html
from pilots.documents.sections import decision_rows
from pilots.evaluation.selectors import programme_evaluation
from pilots.execution.selectors import award_date_overruns, pilot_schedule
from pilots.models import (
    EvaluationPoint,
    MarketDialogue,
    Measurement,
    PilotEvaluation,
    PointChange,
    PolicyRecommendation,
    Programme,
    ProgrammeEvaluation,
    Revision,
)
from procurement.models import SelectionRound
from stakeholders.models import Concern, Consultation

pytestmark = pytest.mark.django_db


def test_the_demo_executes_evaluates_and_recommends_once():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (EvaluationPoint.objects.count(), Measurement.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (EvaluationPoint.objects.count(), Measurement.objects.count()) == counts

    programme = Programme.objects.get(title="Proeftraject circulair aankopen")
    rollup = programme_evaluation(programme=programme)
    assert rollup.evaluation.fed_back_on is not None
    assert rollup.evaluation.mat_decision
    furniture = next(r for r in rollup.pilots if r.pilot.dossier.title.startswith("Kantoor"))
    schedule = pilot_schedule(pilot=furniture.pilot)
    late = {row.phase.phase_type.code for row in schedule.late}
    assert "specifications" in late
    assert furniture.results.score.missing == ["Aandeel lokale leveranciers"]
    assert furniture.pilot.dossier.status == "closed"
    # Points were set before approval: none were changed afterwards.
    assert not PointChange.objects.filter(after_approval=True).exists()

    evaluations = PilotEvaluation.objects.filter(pilot__programme=programme)
    assert {e.conclusion for e in evaluations} == {"scale_up", "adjust"}
    assert all("specifieke evaluatiepunten" in e.success_factors for e in evaluations)
    statuses = set(PolicyRecommendation.objects.values_list("status", flat=True))
    assert statuses == {"adopted", "discussed", "proposed"}


# --- The demo's dates tell one story, whatever day it is seeded ------------------------------


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo seeded once for the date checks below, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        with municipality_scope(first_municipality()):
            call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded):
    return Programme.objects.get(title="Proeftraject circulair aankopen")


def _chain(programme):
    revision = Revision.objects.get(programme=programme)
    decisions = list(revision.decisions.select_related("stage").order_by("stage__position"))
    return revision, decisions


def _consultation(programme, starts_with):
    return Consultation.objects.get(
        content_type=ContentType.objects.get_for_model(Programme),
        object_id=programme.pk,
        title__startswith=starts_with,
    )


def test_the_demo_decisions_carry_the_storys_dates_in_order(demo):
    revision, decisions = _chain(demo)
    dates = [decision.date for decision in decisions]
    mat_meeting = timezone.localdate() - datetime.timedelta(days=MAT_MEETING_DAYS_AGO)
    submitted = timezone.localdate(revision.submitted_at)
    # Not the day of seeding, but the days of the story: none recorded 14 months late.
    assert dates[-1] == mat_meeting
    assert submitted < dates[0] < dates[1] < dates[2]
    assert timezone.localdate(revision.closed_at) == mat_meeting
    assert [row["date"] for row in decision_rows(demo)] == dates


def test_the_demo_selection_round_is_decided_before_the_programme_is_submitted(demo):
    revision, _ = _chain(demo)
    selection_round = (
        SelectionRound.objects.filter(candidates__dossier__pilots__programme=demo).distinct().get()
    )
    assert selection_round.deadline < timezone.localdate(selection_round.decided_at)
    assert timezone.localdate(selection_round.decided_at) < timezone.localdate(
        revision.submitted_at
    )


def test_the_demo_consultations_come_before_the_decisions_they_inform(demo):
    _, (director, cell, mat) = _chain(demo)
    selection_round = (
        SelectionRound.objects.filter(candidates__dossier__pilots__programme=demo).distinct().get()
    )
    presentation = _consultation(demo, "Voorstelling proeftraject aan financieel directeur")
    cell_meeting = _consultation(demo, "Overleg strategische cel")
    mat_meeting = _consultation(demo, "Managementteam")
    # The programme is presented once its pilots are chosen.
    assert timezone.localdate(selection_round.decided_at) < presentation.held_on
    assert presentation.held_on <= director.date
    assert cell_meeting.held_on <= cell.date
    assert mat_meeting.held_on == mat.date


def test_the_demo_pilots_dossiers_are_dated_as_their_plan_and_award_on_time(demo):
    pilots = list(
        Programme.objects.prefetch_related(pilots_prefetch()).get(pk=demo.pk).pilots.all()
    )
    for pilot in pilots:
        phases = {phase.phase_type.code: phase for phase in pilot.phases.all()}
        dossier = pilot.dossier
        # No 2027 publication date in the evaluation of a pilot published in 2026.
        assert dossier.planned_publication_date == phases["publication"].planned_start
        assert phases["publication"].actual_start.year == dossier.planned_publication_date.year
        assert phases["award"].planned_end <= dossier.required_award_date
        ordered = list(pilot.phases.order_by("phase_type__position"))
        for before, after in itertools.pairwise(ordered):
            assert before.planned_end < after.planned_start
            assert before.actual_end <= after.actual_start
    overruns = award_date_overruns(pilots)
    # The plan kept the award on time; the furniture pilot's delay made its award late, and
    # the evaluation report says so.
    assert {
        p.dossier.title: (o.planned_days, o.actual_days) for p, o in _by_pilot(pilots, overruns)
    } == {"Kantoormeubilair administratief centrum": (0, 11)}


def _by_pilot(pilots, overruns):
    return [(pilot, overruns[pilot.pk]) for pilot in pilots if pilot.pk in overruns]


def test_the_waiting_programme_shows_its_late_award_on_purpose(demo):
    waiting = Programme.objects.prefetch_related(pilots_prefetch()).get(title=WAITING_TITLE)
    (overrun,) = award_date_overruns(waiting.pilots.all()).values()
    assert overrun.planned_days == 12
    context = document_context(programme_id=waiting.pk, kind="briefing", language="nl-be")
    assert "gepland 12 dagen na de vereiste gunningsdatum" in render_html(context, language="nl-be")


def test_the_demo_measurements_and_dialogues_fall_within_the_pilot(demo):
    start, today = demo.start_date, timezone.localdate()
    measured = Measurement.objects.filter(point__pilot__programme=demo)
    assert measured.exists()
    assert all(start <= m.measured_on <= today for m in measured)
    dialogues = MarketDialogue.objects.filter(pilot__programme=demo)
    assert all(start <= d.held_on <= today for d in dialogues)


def test_the_demo_evaluation_is_fed_back_the_day_its_report_is_dated(demo):
    evaluation = ProgrammeEvaluation.objects.get(programme=demo)
    report = demo.official_documents.get(kind="evaluation")
    mat_meeting = timezone.localdate() - datetime.timedelta(days=MAT_MEETING_DAYS_AGO)
    assert mat_meeting < evaluation.fed_back_on == timezone.localdate(report.created_at)


def test_the_concerns_in_the_mat_briefing_belong_to_the_time_of_the_meeting(demo):
    mat_meeting = timezone.localdate() - datetime.timedelta(days=MAT_MEETING_DAYS_AGO)
    concerns = Concern.objects.filter(
        involvement__content_type=ContentType.objects.get_for_model(Programme),
        involvement__object_id=demo.pk,
    )
    assert concerns.filter(status="open").exists()
    # Raised before the meeting that saw them, and due before the pilots' market dialogue ends,
    # not a year after the meeting.
    assert all(concern.raised_on < mat_meeting for concern in concerns)
    assert all(
        concern.due_on < mat_meeting + datetime.timedelta(days=60)
        for concern in concerns.exclude(status="mitigated")
    )


def test_the_mat_briefing_lists_no_consultation_of_the_meeting_it_prepares(demo):
    official = demo.official_documents.get(kind="briefing")
    with official.file.open("rb") as stored:
        text = " ".join(page.extract_text() for page in PdfReader(stored).pages)
    assert "Voorstelling proeftraject aan financieel directeur" in text
    assert "Managementteam: beslissing over het proeftraject" not in text
    # The meeting is recorded afterwards, on the programme's page and in the report.
    assert _consultation(demo, "Managementteam").held_on == (
        timezone.localdate() - datetime.timedelta(days=MAT_MEETING_DAYS_AGO)
    )


def test_the_waiting_programme_is_at_its_second_version_sent_back_once(demo):
    from pilots.approval.selectors import changes_requested_decision, changes_since_previous_version
    from pilots.models import Decision, Outcome

    waiting = Programme.objects.get(title=WAITING_TITLE)
    assert waiting.revision_number == 2
    (sent_back,) = Decision.objects.filter(programme=waiting)
    assert sent_back.outcome == Outcome.CHANGES_REQUESTED
    assert changes_requested_decision(programme=waiting) is None  # it waits, not in a draft
    changes = changes_since_previous_version(programme=waiting)
    assert {row["key"] for row in changes["rows"]} == {"budget", "budget_covers"}
