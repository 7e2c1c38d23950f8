"""Evaluation points (locked after approval), measurements and evaluations."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from pilots.common.errors import PilotError
from pilots.evaluation import services
from pilots.models import (
    EvaluationPoint,
    Measurement,
    PointChange,
)
from tests.pilots.evaluation_helpers import add_point, approve, approved_programme, point_fields
from tests.pilots.factories import make_programme
from tests.tasks import run_tasks

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
    with pytest.raises(PilotError, match="target equals the baseline"):
        add_point(draft_pilot, users["officer"], target=Decimal("0"))
    assert not EvaluationPoint.objects.exists()
    assert not PointChange.objects.exists()


def test_it_refuses_a_lower_is_better_target_above_the_baseline(draft_pilot, users):
    with pytest.raises(PilotError) as error:
        add_point(draft_pilot, users["officer"], direction="lower")
    assert error.value.field == "target"


def test_it_refuses_a_weight_outside_one_to_ten(draft_pilot, users):
    with pytest.raises(PilotError) as error:
        add_point(draft_pilot, users["officer"], weight=11)
    assert error.value.field == "weight"


def test_only_procurement_records_points(draft_pilot, users):
    with pytest.raises(PermissionDenied):
        add_point(draft_pilot, users["cell"])


def test_it_locks_the_points_after_approval_without_a_reason(approved_pilot, users):
    with pytest.raises(PilotError, match="record why") as error:
        add_point(approved_pilot, users["officer"])
    assert error.value.field == "reason"
    assert not EvaluationPoint.objects.exists()


def test_it_changes_a_locked_point_with_a_recorded_reason(users):
    programme = make_programme(user=users["officer"])
    pilot = programme.pilots.first()
    point = add_point(pilot, users["officer"])
    approve(programme, users)
    with pytest.raises(PilotError):
        services.point_update(
            point_id=point.pk, user=users["officer"], **point_fields(target=Decimal("40"))
        )
    services.point_update(
        point_id=point.pk,
        user=users["officer"],
        reason="De markt biedt meer aan dan verwacht.",
        **point_fields(target=Decimal("40")),
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
    services.point_update(point_id=point.pk, user=users["officer"], **point_fields(weight=2))
    assert PointChange.objects.filter(action="changed").count() == 0


def test_it_refuses_to_change_points_while_the_programme_is_in_approval(users):
    from pilots.approval import services as approval

    programme = make_programme(user=users["officer"])
    approval.programme_submit(programme_id=programme.pk, user=users["officer"])
    with pytest.raises(PilotError, match="in approval"):
        add_point(programme.pilots.first(), users["officer"], reason="Toch nog.")


def test_it_refuses_to_remove_a_point_with_measurements(approved_pilot, users):
    point = EvaluationPoint.objects.create(pilot=approved_pilot, **point_fields())
    Measurement.objects.create(
        point=point, measured_on=TODAY, value=Decimal("3"), source="Register"
    )
    with pytest.raises(PilotError, match="has measurements"):
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
    with pytest.raises(PilotError, match="future") as error:
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
    with pytest.raises(PilotError, match="approved"):
        services.measurement_add(
            point_id=point.pk,
            user=users["officer"],
            measured_on=TODAY,
            value=Decimal("1"),
            source="Register",
        )


def test_it_refuses_a_measurement_without_a_source(approved_pilot, users):
    point = EvaluationPoint.objects.create(pilot=approved_pilot, **point_fields())
    with pytest.raises(PilotError) as error:
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
    services.pilot_evaluation_save(pilot_id=approved_pilot.pk, user=users["head"], **EVALUATION)
    evaluation = services.pilot_evaluation_save(
        pilot_id=approved_pilot.pk,
        user=users["officer"],
        **{**EVALUATION, "conclusion": "adjust"},
    )
    assert evaluation.conclusion == "adjust"
    assert evaluation.recorded_by == users["officer"]
    assert approved_pilot.__class__.objects.get(pk=approved_pilot.pk).evaluation == evaluation


def test_it_refuses_a_conclusion_without_motivation(approved_pilot, users):
    with pytest.raises(PilotError, match="Motivate") as error:
        services.pilot_evaluation_save(
            pilot_id=approved_pilot.pk,
            user=users["officer"],
            **{**EVALUATION, "motivation": "  "},
        )
    assert error.value.field == "motivation"


def test_it_refuses_an_unknown_conclusion(approved_pilot, users):
    with pytest.raises(PilotError) as error:
        services.pilot_evaluation_save(
            pilot_id=approved_pilot.pk,
            user=users["officer"],
            **{**EVALUATION, "conclusion": "maybe"},
        )
    assert error.value.field == "conclusion"


def test_it_refuses_to_evaluate_a_pilot_before_approval(draft_pilot, users):
    with pytest.raises(PilotError, match="approved"):
        services.pilot_evaluation_save(pilot_id=draft_pilot.pk, user=users["officer"], **EVALUATION)


def test_it_records_the_programme_evaluation_fed_back_to_the_mat(users):
    programme = approved_programme(users)
    fields = {"summary": "Beide pilots geslaagd.", "fed_back_on": TODAY}
    services.programme_evaluation_save(programme_id=programme.pk, user=users["mat"], **fields)
    run_tasks()  # a worker freezes the report fed back; the MAT decides on it afterwards
    evaluation = services.programme_evaluation_save(
        programme_id=programme.pk, user=users["mat"], mat_decision="Opschalen.", **fields
    )
    assert (evaluation.fed_back_on, evaluation.mat_decision) == (TODAY, "Opschalen.")


def test_a_mat_decision_needs_the_date_it_was_fed_back(users):
    programme = approved_programme(users)
    with pytest.raises(PilotError) as error:
        services.programme_evaluation_save(
            programme_id=programme.pk, user=users["officer"], summary="Ok.", mat_decision="Ja."
        )
    assert error.value.field == "fed_back_on"


def test_the_feedback_date_cannot_lie_in_the_future(users):
    programme = approved_programme(users)
    with pytest.raises(PilotError, match="future"):
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


def test_it_records_why_a_point_is_not_measured_without_a_point_change(approved_pilot, users):
    point = approved_pilot.evaluation_points.first() or add_point(
        approved_pilot, users["officer"], reason="Erbij."
    )
    changes = PointChange.objects.count()
    services.point_unmeasured_reason_save(
        point_id=point.pk, user=users["officer"], reason="  Nog geen jaarafrekening.  "
    )
    point.refresh_from_db()
    assert point.unmeasured_reason == "Nog geen jaarafrekening."
    # It moves no goalpost: no change of the point is logged, none needs a reason.
    assert PointChange.objects.count() == changes
    with pytest.raises(PermissionDenied):
        services.point_unmeasured_reason_save(point_id=point.pk, user=users["cell"], reason="x")


def test_it_refuses_a_reason_for_not_measuring_before_approval(draft_pilot, users):
    point = add_point(draft_pilot, users["officer"])
    with pytest.raises(PilotError, match="once the programme is approved"):
        services.point_unmeasured_reason_save(
            point_id=point.pk, user=users["officer"], reason="Nog niet."
        )
