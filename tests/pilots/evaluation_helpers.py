"""Builders for the execution and evaluation tests: an approved programme, points and
measurements, made through the services as the app makes them."""

import datetime
from decimal import Decimal

from django.utils import timezone

from pilots.approval import services
from pilots.evaluation import services as evaluation_services
from pilots.models import EvaluationPoint, Measurement, Outcome, Programme, Revision
from tests.tasks import run_tasks

from .factories import make_programme


def approve(programme: Programme, users, *, meeting_date=None) -> Programme:
    """Submits `programme` and walks it through the default chain to the MAT's approval, in
    its meeting of `meeting_date` (today by default). For a meeting in the past the proposal
    was submitted and the earlier stages decided the day before it."""
    services.programme_submit(programme_id=programme.pk, user=users["officer"])
    earlier = None
    if meeting_date is not None and meeting_date < timezone.localdate():
        earlier = meeting_date - datetime.timedelta(days=1)
        Revision.objects.filter(programme=programme).update(
            submitted_at=timezone.make_aware(datetime.datetime.combine(earlier, datetime.time(9)))
        )
    services.decision_record(
        programme_id=programme.pk,
        user=users["director"],
        outcome=Outcome.APPROVED,
        co_validator=users["head"],
        decided_on=earlier,
    )
    services.decision_record(
        programme_id=programme.pk,
        user=users["cell"],
        communication_advice="Kort brieven.",
        decided_on=earlier,
    )
    run_tasks()  # a worker freezes the briefing the MAT decides on
    services.decision_record(
        programme_id=programme.pk,
        user=users["mat"],
        outcome=Outcome.APPROVED,
        meeting_date=meeting_date or timezone.localdate(),
    )
    programme.refresh_from_db()
    return programme


def approved_programme(users, **overrides) -> Programme:
    return approve(make_programme(user=users["officer"], **overrides), users)


def point_fields(**overrides) -> dict:
    return {
        "category": "circularity",
        "indicator": "Aandeel gerecycleerd materiaal",
        "unit": "%",
        "baseline": Decimal("0"),
        "target": Decimal("30"),
        "direction": "higher",
        "weight": 2,
        "method": "Productfiches van de leverancier.",
        **overrides,
    }


def add_point(pilot, user, **overrides) -> EvaluationPoint:
    return evaluation_services.point_create(
        pilot_id=pilot.pk, user=user, **point_fields(**overrides)
    )


def bulk_points(pilot, *, points: int, measurements: int) -> None:
    """Many points and measurements at once, for the query budgets."""
    created = EvaluationPoint.objects.bulk_create(
        [EvaluationPoint(pilot=pilot, **point_fields(indicator=f"Punt {n}")) for n in range(points)]
    )
    start = timezone.localdate() - datetime.timedelta(days=measurements)
    Measurement.objects.bulk_create(
        [
            Measurement(
                point=point,
                measured_on=start + datetime.timedelta(days=day),
                value=Decimal(day),
                source="Register",
            )
            for point in created
            for day in range(measurements)
        ]
    )
