import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone, translation

from procurement.models import (
    Candidate,
    Criterion,
    HandScore,
    RoundDepartment,
    SelectionEvent,
    SelectionRound,
    SubjectType,
)
from procurement.selection import services
from procurement.selection.reminders import reminder_stage, send_due
from procurement.selection.selectors import (
    round_ranking,
    selection_rounds_closed,
    selection_selected_dossiers,
)
from tests.factories import DossierFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages are matched in English; the Dutch ones are checked on the pages."""
    with translation.override("en"):
        yield


def add(users, selection_round, dossier, who="staff"):
    return services.candidate_add(
        user=users[who],
        round_id=selection_round.pk,
        department_id=dossier.department_id,
        dossier=dossier,
    )


# --- Opening ------------------------------------------------------------------------------


def test_opening_a_round_copies_the_default_criteria_and_mails_after_commit(
    users, department, other_department, django_capture_on_commit_callbacks
):
    department.head = PersonFactory(department=department, email="hoofd@stad.be")
    department.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        selection_round = services.round_open(
            user=users["officer"],
            title="Inventaris",
            question="Welke opdrachten?",
            deadline=timezone.localdate() + datetime.timedelta(days=20),
            departments=[department, other_department],
        )
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert selection_round.criteria.count() == len(services.DEFAULT_CRITERIA)
    assert selection_round.invitations.count() == 2
    # One mail each (in their own language) for the department's head and staff user; the
    # other department has no one.
    assert sorted(message.to for message in mail.outbox) == sorted(
        [["hoofd@stad.be"], [users["staff"].email]]
    )


def test_it_refuses_a_deadline_in_the_past(users, department):
    with pytest.raises(services.SelectionError, match="past"):
        services.round_open(
            user=users["officer"],
            title="Inventaris",
            question="Welke?",
            deadline=timezone.localdate() - datetime.timedelta(days=1),
            departments=[department],
        )
    assert not SelectionRound.objects.exists()


def test_only_procurement_opens_a_round(users, department):
    with pytest.raises(services.SelectionError):
        services.round_open(
            user=users["staff"],
            title="x",
            question="y",
            deadline=timezone.localdate(),
            departments=[department],
        )


# --- Answering ----------------------------------------------------------------------------


def test_staff_answer_for_their_own_department(users, selection_round, own_dossier):
    candidate = add(users, selection_round, own_dossier)
    assert candidate.willingness == own_dossier.willingness
    invitation = selection_round.invitations.get(department=own_dossier.department)
    assert invitation.answer_status == RoundDepartment.AnswerStatus.IN_PROGRESS


def test_it_refuses_staff_answering_for_another_department(users, selection_round, other_dossier):
    with pytest.raises(services.SelectionError, match="own department"):
        add(users, selection_round, other_dossier)
    assert not Candidate.objects.exists()


def test_it_refuses_a_dossier_of_another_department(users, selection_round, department):
    foreign = DossierFactory()
    with pytest.raises(services.SelectionError):
        services.candidate_add(
            user=users["officer"],
            round_id=selection_round.pk,
            department_id=department.pk,
            dossier=foreign,
        )


def test_it_refuses_the_same_dossier_twice(users, selection_round, own_dossier):
    add(users, selection_round, own_dossier)
    with pytest.raises(services.SelectionError, match="already"):
        add(users, selection_round, own_dossier)


def test_staff_register_a_new_dossier_as_part_of_the_answer(users, selection_round, department):
    candidate = services.candidate_register(
        user=users["staff"],
        round_id=selection_round.pk,
        department_id=department.pk,
        title="Nieuwe opdracht",
        department=department,
        subject_type=SubjectType.SUPPLIES,
        estimated_value=Decimal("20000"),
    )
    assert candidate.dossier.reference
    assert candidate.dossier.created_by == users["staff"]


def test_completing_the_answer_records_who_and_when(users, selection_round, department):
    invitation = services.answer_complete(
        user=users["staff"], round_id=selection_round.pk, department_id=department.pk, note="Ok"
    )
    assert invitation.is_complete
    assert invitation.completed_by == users["staff"]
    assert SelectionEvent.objects.filter(kind=SelectionEvent.Kind.ANSWER_COMPLETED).exists()
    with pytest.raises(services.SelectionError):
        services.answer_complete(
            user=users["staff"], round_id=selection_round.pk, department_id=department.pk
        )


# --- Criteria and scores ------------------------------------------------------------------


def _rows(selection_round, **changes):
    rows = []
    for criterion in selection_round.criteria.all():
        row = {
            "id": criterion.pk,
            "name": criterion.name,
            "description": criterion.description,
            "source": criterion.source,
            "weight": criterion.weight,
            "position": criterion.position,
            "delete": False,
        }
        row.update(changes)
        rows.append(row)
    return rows


def test_it_refuses_zero_weights_and_saves_nothing(users, selection_round):
    before = list(selection_round.criteria.values_list("weight", flat=True))
    with pytest.raises(services.SelectionError, match="zero"):
        services.criteria_save(
            user=users["officer"],
            round_id=selection_round.pk,
            rows=_rows(selection_round, weight=0),
        )
    assert list(selection_round.criteria.values_list("weight", flat=True)) == before


@pytest.mark.parametrize("weight", ["-5", "101", "veel", "NaN"])
def test_it_refuses_weights_that_make_no_sense(users, selection_round, weight):
    rows = _rows(selection_round)
    rows[0]["weight"] = weight
    with pytest.raises(services.SelectionError, match="0 to 100"):
        services.criteria_save(user=users["officer"], round_id=selection_round.pk, rows=rows)
    assert not Criterion.objects.filter(weight__lt=0).exists()


def test_the_officer_changes_weights_and_adds_a_criterion(users, selection_round):
    rows = _rows(selection_round)
    rows[0]["weight"] = "40"
    rows.append(
        {"id": None, "name": "Marktrijpheid", "source": "hand", "weight": "10", "position": 9}
    )
    services.criteria_save(user=users["officer"], round_id=selection_round.pk, rows=rows)
    assert selection_round.criteria.count() == len(services.DEFAULT_CRITERIA) + 1
    assert selection_round.criteria.get(name="Marktrijpheid").direction == "higher"


@pytest.mark.parametrize("score", [6, -1, 2.5])
def test_it_refuses_a_hand_score_out_of_range(users, selection_round, own_dossier, score):
    candidate = add(users, selection_round, own_dossier)
    hand = selection_round.criteria.get(source=Criterion.Source.HAND)
    with pytest.raises(services.SelectionError, match="0 to 5"):
        services.hand_scores_save(
            user=users["officer"], candidate_id=candidate.pk, scores={hand.pk: (score, "")}
        )
    assert not HandScore.objects.exists()


def test_an_override_needs_a_written_rationale(users, selection_round, own_dossier):
    candidate = add(users, selection_round, own_dossier)
    with pytest.raises(services.SelectionError, match="rationale"):
        services.candidate_override(
            user=users["officer"], candidate_id=candidate.pk, total=90, rationale=" "
        )
    candidate.refresh_from_db()
    assert candidate.override_total is None
    services.candidate_override(
        user=users["officer"], candidate_id=candidate.pk, total=90, rationale="Strategisch"
    )
    candidate.refresh_from_db()
    assert candidate.override_total == Decimal("90.00")


def test_the_ranking_scores_derived_and_hand_criteria(users, selection_round, department):
    small = DossierFactory(department=department, estimated_value=Decimal("10000"))
    large = DossierFactory(department=department, estimated_value=Decimal("90000"))
    for dossier in (small, large):
        add(users, selection_round, dossier, who="officer")
    ranking = round_ranking(selection_round=selection_round)
    assert [row.candidate.dossier for row in ranking.rows] == [small, large]
    value_line = ranking.rows[0].explained[0]
    assert value_line.criterion.source == Criterion.Source.VALUE
    assert value_line.line.normalised == Decimal("100.00")


# --- Deciding -----------------------------------------------------------------------------


def _decided_round(users, selection_round, own_dossier, other_dossier):
    chosen = add(users, selection_round, own_dossier, who="officer")
    add(users, selection_round, other_dossier, who="officer")
    services.candidate_outcome_set(
        user=users["officer"], candidate_id=chosen.pk, outcome="selected", rationale="Klein"
    )
    services.round_decide(
        user=users["officer"],
        round_id=selection_round.pk,
        rationale="Twee pilots",
        rest_rationale="Lager totaal",
        decide_without_answers=True,
    )
    return chosen


def test_selecting_needs_a_rationale(users, selection_round, own_dossier):
    candidate = add(users, selection_round, own_dossier)
    with pytest.raises(services.SelectionError, match="rationale"):
        services.candidate_outcome_set(
            user=users["officer"], candidate_id=candidate.pk, outcome="selected", rationale=""
        )


def test_it_refuses_a_decision_without_a_selected_candidate(users, selection_round, own_dossier):
    add(users, selection_round, own_dossier)
    with pytest.raises(services.SelectionError, match="at least one"):
        services.round_decide(
            user=users["officer"], round_id=selection_round.pk, rationale="x", rest_rationale="y"
        )
    selection_round.refresh_from_db()
    assert selection_round.is_open


def test_the_decision_records_who_when_and_rejects_the_rest(
    users, selection_round, own_dossier, other_dossier
):
    chosen = _decided_round(users, selection_round, own_dossier, other_dossier)
    selection_round.refresh_from_db()
    assert selection_round.status == SelectionRound.Status.DECIDED
    assert selection_round.decided_by == users["officer"]
    assert selection_round.decided_at
    rest = Candidate.objects.exclude(pk=chosen.pk).get()
    assert rest.outcome == "rejected"
    assert rest.outcome_rationale == "Lager totaal"
    assert rest.rank_at_decision is not None
    assert list(selection_rounds_closed()) == [selection_round]
    assert list(selection_selected_dossiers(round_id=selection_round.pk)) == [own_dossier]


def test_a_closed_round_refuses_edits(users, selection_round, own_dossier, other_dossier):
    chosen = _decided_round(users, selection_round, own_dossier, other_dossier)
    hand = selection_round.criteria.get(source=Criterion.Source.HAND)
    attempts = [
        lambda: add(users, selection_round, DossierFactory(department=own_dossier.department)),
        lambda: services.hand_scores_save(
            user=users["officer"], candidate_id=chosen.pk, scores={hand.pk: (5, "")}
        ),
        lambda: services.criteria_save(
            user=users["officer"], round_id=selection_round.pk, rows=_rows(selection_round)
        ),
        lambda: services.candidate_outcome_set(
            user=users["officer"], candidate_id=chosen.pk, outcome="rejected", rationale="x"
        ),
        lambda: services.answer_complete(
            user=users["staff"],
            round_id=selection_round.pk,
            department_id=own_dossier.department_id,
        ),
    ]
    for attempt in attempts:
        with pytest.raises(services.SelectionError, match="closed"):
            attempt()
    assert not HandScore.objects.exists()


def test_reopening_needs_a_reason_and_keeps_the_history(
    users, selection_round, own_dossier, other_dossier
):
    _decided_round(users, selection_round, own_dossier, other_dossier)
    with pytest.raises(services.SelectionError, match="reason"):
        services.round_reopen(user=users["officer"], round_id=selection_round.pk, reason="")
    services.round_reopen(
        user=users["officer"], round_id=selection_round.pk, reason="Nieuwe informatie"
    )
    selection_round.refresh_from_db()
    assert selection_round.is_open
    kinds = list(selection_round.events.values_list("kind", flat=True))
    assert "decided" in kinds
    assert "reopened" in kinds
    reopened = selection_round.events.get(kind="reopened")
    assert "Nieuwe informatie" in reopened.detail
    assert "Twee pilots" in reopened.detail


# --- Reminders ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_left", "stage"),
    [(9, None), (8, None), (7, 7), (5, 7), (2, 2), (1, 2), (0, 0), (-1, None)],
)
def test_the_reminder_stage_for_the_days_left(days_left, stage):
    assert reminder_stage(days_left) == stage


def test_reminders_go_to_unanswered_departments_once_per_stage(
    users, selection_round, department, other_department
):
    other_user = UserFactory(username="ruimte", roles=["department-staff"])
    PersonFactory(user=other_user, department=other_department)
    services.answer_complete(
        user=users["staff"], round_id=selection_round.pk, department_id=department.pk
    )
    seven_before = selection_round.deadline - datetime.timedelta(days=7)
    assert send_due(today=seven_before) == 1
    assert mail.outbox[-1].to == [other_user.email]
    assert send_due(today=seven_before) == 0
    assert send_due(today=seven_before + datetime.timedelta(days=1)) == 0
    assert send_due(today=selection_round.deadline - datetime.timedelta(days=2)) == 1
    assert send_due(today=selection_round.deadline) == 1
    assert send_due(today=selection_round.deadline + datetime.timedelta(days=1)) == 0
    assert len(mail.outbox) == 3


def test_no_reminders_for_a_decided_round(users, selection_round, own_dossier, other_dossier):
    _decided_round(users, selection_round, own_dossier, other_dossier)
    assert send_due(today=selection_round.deadline) == 0
