"""When a pilot's evaluation points may change: freely in a draft, never in approval or after
a rejection, and after the approval only with a recorded reason."""

import pytest
from django.utils import translation

from pilots.approval import services
from pilots.models import EvaluationPoint
from tests.pilots.evaluation_helpers import approve

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _rules(programme) -> tuple[bool, bool, str | None, str | None]:
    return (
        EvaluationPoint.points_editable(programme),
        EvaluationPoint.points_locked(programme),
        EvaluationPoint.change_refusal(programme=programme, reason=""),
        EvaluationPoint.change_refusal(programme=programme, reason="De markt biedt meer."),
    )


def test_a_drafts_points_change_freely(programme):
    assert _rules(programme) == (True, False, None, None)
    assert EvaluationPoint.change_blocked(programme) is None


def test_in_approval_the_points_cannot_change_whatever_the_reason(programme, users):
    services.programme_submit(programme_id=programme.pk, user=users["officer"])
    programme.refresh_from_db()
    editable, locked, without, with_reason = _rules(programme)
    assert (editable, locked) == (False, False)
    assert "in approval" in without
    assert without == with_reason
    assert EvaluationPoint.change_blocked(programme) == without


def test_after_a_rejection_the_points_are_closed(submitted, decide):
    decide("director", submitted, outcome="rejected", motivation="Geen budget.")
    submitted.refresh_from_db()
    editable, locked, without, with_reason = _rules(submitted)
    assert (editable, locked) == (False, False)
    assert "rejected" in without
    assert without == with_reason


def test_after_the_approval_a_change_needs_a_reason(programme, users):
    approve(programme, users)
    editable, locked, without, with_reason = _rules(programme)
    assert (editable, locked) == (True, True)
    assert "record why" in without
    assert with_reason is None
    assert EvaluationPoint.change_blocked(programme) is None
