from decimal import Decimal

import pytest
from django.utils import timezone

from pilots.approval import services
from pilots.models import Measurement, Outcome
from tests.tasks import run_tasks

from .evaluation_helpers import add_point, approve
from .factories import make_programme


@pytest.fixture
def programme(users):
    """A draft with two pilots, written by the procurement officer."""
    return make_programme(user=users["officer"])


@pytest.fixture
def submitted(programme, users):
    """The draft, submitted by the officer: awaiting the financial director."""
    services.programme_submit(programme_id=programme.pk, user=users["officer"])
    programme.refresh_from_db()
    return programme


@pytest.fixture
def decide(users):
    """decide("director", programme) records that persona's stage with valid defaults; the
    MAT's after the queued tasks have run (its briefing frozen)."""

    def record(name, programme, **fields):
        if name == "mat":
            run_tasks()  # a worker freezes the briefing the MAT decides on
        defaults = {
            "director": {"outcome": Outcome.APPROVED, "co_validator": users["head"]},
            "cell": {"communication_advice": "Kort brieven.", "scale_up_advice": "Beleid."},
            "mat": {
                "outcome": Outcome.APPROVED,
                "meeting_date": timezone.localdate(),
                "conditions": "Evaluatie terugkoppelen.",
            },
        }.get(name, {})
        return services.decision_record(
            programme_id=programme.pk, user=users[name], **{**defaults, **fields}
        )

    return record


@pytest.fixture
def world(users):
    """An approved programme whose first pilot has a point with a measurement and a market
    dialogue."""
    programme = make_programme(user=users["officer"])
    pilot = programme.pilots.first()
    point = add_point(pilot, users["officer"])
    approve(programme, users)
    Measurement.objects.create(
        point=point, measured_on=timezone.localdate(), value=Decimal("12"), source="R"
    )
    return {"programme": programme, "pilot": pilot, "point": point}
