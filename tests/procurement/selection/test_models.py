"""The pure rules on the selection models: when an answer is late or overdue, and which
outcomes are final."""

import datetime

import pytest
from django.utils import timezone

from procurement.models import Candidate, RoundDepartment, SelectionRound

TODAY = datetime.date(2026, 3, 10)


def invitation(*, deadline, status=RoundDepartment.AnswerStatus.NOT_ANSWERED, decided=False):
    selection_round = SelectionRound(
        deadline=deadline,
        status=SelectionRound.Status.DECIDED if decided else SelectionRound.Status.OPEN,
    )
    return RoundDepartment(round=selection_round, answer_status=status)


def test_an_answer_is_overdue_once_the_deadline_has_passed():
    assert invitation(deadline=TODAY - datetime.timedelta(days=1)).is_overdue(TODAY)
    assert not invitation(deadline=TODAY).is_overdue(TODAY)


@pytest.mark.parametrize(
    "status", [RoundDepartment.AnswerStatus.NOT_ANSWERED, RoundDepartment.AnswerStatus.IN_PROGRESS]
)
def test_an_unfinished_answer_can_be_overdue(status):
    assert invitation(deadline=TODAY - datetime.timedelta(days=1), status=status).is_overdue(TODAY)


def test_a_complete_answer_or_a_decided_round_is_never_overdue():
    past = TODAY - datetime.timedelta(days=5)
    complete = invitation(deadline=past, status=RoundDepartment.AnswerStatus.COMPLETE)
    assert not complete.is_overdue(TODAY)
    assert not invitation(deadline=past, decided=True).is_overdue(TODAY)


def test_without_a_date_overdue_is_measured_against_today():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert invitation(deadline=yesterday).is_overdue()
    assert not invitation(deadline=timezone.localdate()).is_overdue()


def test_an_answer_completed_after_the_deadline_is_late():
    late = invitation(deadline=TODAY, status=RoundDepartment.AnswerStatus.COMPLETE)
    late.completed_at = datetime.datetime(2026, 3, 11, 9, tzinfo=timezone.get_current_timezone())
    on_time = invitation(deadline=TODAY, status=RoundDepartment.AnswerStatus.COMPLETE)
    on_time.completed_at = datetime.datetime(
        2026, 3, 10, 23, tzinfo=timezone.get_current_timezone()
    )
    assert late.is_late
    assert not on_time.is_late
    assert not invitation(deadline=TODAY).is_late


@pytest.mark.parametrize(
    ("outcome", "final"),
    [
        (Candidate.Outcome.PENDING, False),
        (Candidate.Outcome.SHORTLISTED, False),
        (Candidate.Outcome.SELECTED, True),
        (Candidate.Outcome.REJECTED, True),
    ],
)
def test_only_selected_and_rejected_are_final_outcomes(outcome, final):
    assert Candidate(outcome=outcome).has_final_outcome is final
