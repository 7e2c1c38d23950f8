"""Evaluation points (locked after approval), measurements, evaluations and recommendations."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from pilots import evaluation_services as services
from pilots.models import (
    EvaluationPoint,
    Measurement,
    PointChange,
    PolicyRecommendation,
    RecommendationEvent,
)

from .evaluation_helpers import add_point, approve, approved_programme, point_fields
from .factories import make_programme

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def draft_pilot(users):
    return make_programme(user=users["officer"]).pilots.first()


@pytest.fixture
def approved_pilot(users):
    return approved_programme(users).pilots.first()


# --- Points ----------------------------------------------------------------------------------


def test_it_adds_a_point_to_a_draft_and_records_the_change(draft_pilot, users):
    point = add_point(draft_pilot, users["officer"])
    change = PointChange.objects.get(point=point)
    assert change.action == "added"
    assert not change.after_approval
    assert change.after["target"] == "30.00"


def test_it_refuses_a_target_equal_to_the_baseline_and_saves_nothing(draft_pilot, users):
    with pytest.raises(services.EvaluationError, match="target equals the baseline"):
        add_point(draft_pilot, users["officer"], target=Decimal("0"))
    assert not EvaluationPoint.objects.exists()
    assert not PointChange.objects.exists()


def test_it_refuses_a_lower_is_better_target_above_the_baseline(draft_pilot, users):
    with pytest.raises(services.EvaluationError) as error:
        add_point(draft_pilot, users["officer"], direction="lower")
    assert error.value.field == "target"


def test_it_refuses_a_weight_outside_one_to_ten(draft_pilot, users):
    with pytest.raises(services.EvaluationError) as error:
        add_point(draft_pilot, users["officer"], weight=11)
    assert error.value.field == "weight"


def test_only_procurement_records_points(draft_pilot, users):
    with pytest.raises(PermissionDenied):
        add_point(draft_pilot, users["cell"])


def test_it_locks_the_points_after_approval_without_a_reason(approved_pilot, users):
    with pytest.raises(services.EvaluationError, match="record why") as error:
        add_point(approved_pilot, users["officer"])
    assert error.value.field == "reason"
    assert not EvaluationPoint.objects.exists()


def test_it_changes_a_locked_point_with_a_recorded_reason(users):
    programme = make_programme(user=users["officer"])
    pilot = programme.pilots.first()
    point = add_point(pilot, users["officer"])
    approve(programme, users)
    with pytest.raises(services.EvaluationError):
        services.point_update(
            point_id=point.pk, user=users["officer"], fields={"target": Decimal("40")}
        )
    services.point_update(
        point_id=point.pk,
        user=users["officer"],
        fields={"target": Decimal("40")},
        reason="De markt biedt meer aan dan verwacht.",
    )
    point.refresh_from_db()
    assert point.target == Decimal("40")
    change = PointChange.objects.filter(action="changed").get()
    assert change.after_approval
    assert change.reason == "De markt biedt meer aan dan verwacht."
    assert (change.before["target"], change.after["target"]) == ("30.00", "40.00")


def test_an_unchanged_save_records_nothing_even_when_locked(users):
    programme = make_programme(user=users["officer"])
    point = add_point(programme.pilots.first(), users["officer"])
    approve(programme, users)
    services.point_update(point_id=point.pk, user=users["officer"], fields={"weight": 2})
    assert PointChange.objects.filter(action="changed").count() == 0


def test_it_refuses_to_change_points_while_the_programme_is_in_approval(users):
    from pilots import services as approval

    programme = make_programme(user=users["officer"])
    approval.programme_submit(programme_id=programme.pk, user=users["officer"])
    with pytest.raises(services.EvaluationError, match="in approval"):
        add_point(programme.pilots.first(), users["officer"], reason="Toch nog.")


def test_it_refuses_to_remove_a_point_with_measurements(approved_pilot, users):
    point = EvaluationPoint.objects.create(pilot=approved_pilot, **point_fields())
    Measurement.objects.create(
        point=point, measured_on=TODAY, value=Decimal("3"), source="Register"
    )
    with pytest.raises(services.EvaluationError, match="has measurements"):
        services.point_delete(point_id=point.pk, user=users["officer"], reason="Overbodig.")
    assert EvaluationPoint.objects.filter(pk=point.pk).exists()


def test_it_removes_a_draft_point_and_keeps_the_change(draft_pilot, users):
    point = add_point(draft_pilot, users["officer"])
    services.point_delete(point_id=point.pk, user=users["officer"])
    assert not EvaluationPoint.objects.exists()
    removed = PointChange.objects.get(action="removed")
    assert removed.point is None
    assert removed.indicator == "Aandeel gerecycleerd materiaal"


# --- Measurements ----------------------------------------------------------------------------


def test_it_adds_a_measurement(approved_pilot, users):
    point = EvaluationPoint.objects.create(pilot=approved_pilot, **point_fields())
    measurement = services.measurement_add(
        point_id=point.pk,
        user=users["officer"],
        measured_on=TODAY,
        value=Decimal("12.5"),
        source=" Productfiches ",
    )
    assert measurement.source == "Productfiches"
    assert measurement.recorded_by == users["officer"]


def test_it_refuses_a_measurement_in_the_future(approved_pilot, users):
    point = EvaluationPoint.objects.create(pilot=approved_pilot, **point_fields())
    with pytest.raises(services.EvaluationError, match="future") as error:
        services.measurement_add(
            point_id=point.pk,
            user=users["officer"],
            measured_on=TODAY + datetime.timedelta(days=1),
            value=Decimal("1"),
            source="Register",
        )
    assert error.value.field == "measured_on"
    assert not Measurement.objects.exists()


def test_it_refuses_a_measurement_before_approval(draft_pilot, users):
    point = add_point(draft_pilot, users["officer"])
    with pytest.raises(services.EvaluationError, match="approved"):
        services.measurement_add(
            point_id=point.pk,
            user=users["officer"],
            measured_on=TODAY,
            value=Decimal("1"),
            source="Register",
        )


def test_it_refuses_a_measurement_without_a_source(approved_pilot, users):
    point = EvaluationPoint.objects.create(pilot=approved_pilot, **point_fields())
    with pytest.raises(services.EvaluationError) as error:
        services.measurement_add(
            point_id=point.pk,
            user=users["officer"],
            measured_on=TODAY,
            value=Decimal("1"),
            source="  ",
        )
    assert error.value.field == "source"


# --- Evaluations -----------------------------------------------------------------------------

EVALUATION = {
    "summary": "Geslaagd.",
    "lessons": "Evaluatiepunten vooraf.",
    "success_factors": "Afgebakend.",
    "pitfalls": "Doorlooptijd.",
    "conclusion": "scale_up",
    "motivation": "Alle punten gehaald.",
}


def test_it_records_and_revises_the_pilot_evaluation(approved_pilot, users):
    services.pilot_evaluation_save(
        pilot_id=approved_pilot.pk, user=users["head"], fields=EVALUATION
    )
    evaluation = services.pilot_evaluation_save(
        pilot_id=approved_pilot.pk,
        user=users["officer"],
        fields={**EVALUATION, "conclusion": "adjust"},
    )
    assert evaluation.conclusion == "adjust"
    assert evaluation.recorded_by == users["officer"]
    assert approved_pilot.__class__.objects.get(pk=approved_pilot.pk).evaluation == evaluation


def test_it_refuses_a_conclusion_without_motivation(approved_pilot, users):
    with pytest.raises(services.EvaluationError, match="Motivate") as error:
        services.pilot_evaluation_save(
            pilot_id=approved_pilot.pk,
            user=users["officer"],
            fields={**EVALUATION, "motivation": "  "},
        )
    assert error.value.field == "motivation"


def test_it_refuses_an_unknown_conclusion(approved_pilot, users):
    with pytest.raises(services.EvaluationError) as error:
        services.pilot_evaluation_save(
            pilot_id=approved_pilot.pk,
            user=users["officer"],
            fields={**EVALUATION, "conclusion": "maybe"},
        )
    assert error.value.field == "conclusion"


def test_it_refuses_to_evaluate_a_pilot_before_approval(draft_pilot, users):
    with pytest.raises(services.EvaluationError, match="approved"):
        services.pilot_evaluation_save(
            pilot_id=draft_pilot.pk, user=users["officer"], fields=EVALUATION
        )


def test_it_records_the_programme_evaluation_fed_back_to_the_mat(users):
    programme = approved_programme(users)
    evaluation = services.programme_evaluation_save(
        programme_id=programme.pk,
        user=users["mat"],
        summary="Beide pilots geslaagd.",
        fed_back_on=TODAY,
        mat_decision="Opschalen.",
    )
    assert (evaluation.fed_back_on, evaluation.mat_decision) == (TODAY, "Opschalen.")


def test_a_mat_decision_needs_the_date_it_was_fed_back(users):
    programme = approved_programme(users)
    with pytest.raises(services.EvaluationError) as error:
        services.programme_evaluation_save(
            programme_id=programme.pk, user=users["officer"], summary="Ok.", mat_decision="Ja."
        )
    assert error.value.field == "fed_back_on"


def test_the_feedback_date_cannot_lie_in_the_future(users):
    programme = approved_programme(users)
    with pytest.raises(services.EvaluationError, match="future"):
        services.programme_evaluation_save(
            programme_id=programme.pk,
            user=users["officer"],
            summary="Ok.",
            fed_back_on=TODAY + datetime.timedelta(days=3),
        )


def test_only_procurement_and_the_mat_record_the_programme_evaluation(users):
    programme = approved_programme(users)
    with pytest.raises(PermissionDenied):
        services.programme_evaluation_save(
            programme_id=programme.pk, user=users["cell"], summary="x"
        )


# --- Recommendations -------------------------------------------------------------------------


def _recommendation(users, **fields):
    return services.recommendation_create(
        user=users["cell"],
        fields={"theme": "circular", "title": "Circulaire criteria", "text": "Altijd.", **fields},
    )


def test_the_strategic_cell_proposes_a_recommendation(users):
    recommendation = _recommendation(users)
    assert recommendation.status == "proposed"
    assert recommendation.owner == "strategic-cell"
    assert RecommendationEvent.objects.get().to_status == "proposed"


def test_only_the_strategic_cell_manages_recommendations(users):
    with pytest.raises(PermissionDenied):
        _recommendation({"cell": users["officer"]})


def test_the_cell_discusses_and_the_mat_adopts(users):
    recommendation = _recommendation(users)
    services.recommendation_move(
        recommendation_id=recommendation.pk, user=users["cell"], status="discussed"
    )
    services.recommendation_move(
        recommendation_id=recommendation.pk,
        user=users["mat"],
        status="adopted",
        meeting_date=TODAY,
    )
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.decided_on) == ("adopted", TODAY)
    assert list(recommendation.events.values_list("to_status", flat=True)) == [
        "proposed",
        "discussed",
        "adopted",
    ]


def test_the_strategic_cell_cannot_adopt_a_recommendation(users):
    recommendation = _recommendation(users)
    with pytest.raises(services.EvaluationError, match="MAT member or secretary"):
        services.recommendation_move(
            recommendation_id=recommendation.pk,
            user=users["cell"],
            status="adopted",
            meeting_date=TODAY,
        )


def test_adoption_needs_the_meeting_date(users):
    recommendation = _recommendation(users)
    with pytest.raises(services.EvaluationError) as error:
        services.recommendation_move(
            recommendation_id=recommendation.pk, user=users["mat"], status="adopted"
        )
    assert error.value.field == "meeting_date"


def test_a_rejection_needs_a_reason(users):
    recommendation = _recommendation(users)
    with pytest.raises(services.EvaluationError) as error:
        services.recommendation_move(
            recommendation_id=recommendation.pk,
            user=users["mat"],
            status="rejected",
            meeting_date=TODAY,
        )
    assert error.value.field == "note"


def test_an_adopted_recommendation_is_final_and_its_text_locked(users):
    recommendation = _recommendation(users)
    services.recommendation_move(
        recommendation_id=recommendation.pk,
        user=users["mat"],
        status="adopted",
        meeting_date=TODAY,
    )
    with pytest.raises(services.EvaluationError, match="cannot move to"):
        services.recommendation_move(
            recommendation_id=recommendation.pk, user=users["cell"], status="proposed"
        )
    with pytest.raises(services.EvaluationError, match="can no longer change"):
        services.recommendation_update(
            recommendation_id=recommendation.pk,
            user=users["cell"],
            fields={"title": "Anders"},
            evaluations=[],
        )
    assert PolicyRecommendation.objects.get().title == "Circulaire criteria"


def test_it_refuses_an_unknown_theme(users):
    with pytest.raises(services.EvaluationError) as error:
        _recommendation(users, theme="astrology")
    assert error.value.field == "theme"
