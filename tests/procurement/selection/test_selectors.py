"""The selection reads: what a department may still put forward, what awaits its answer, the
ranking's filters and its note on limited-value contracts."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from procurement.dossiers.procedures import LIMITED_VALUE_PROCEDURE
from procurement.models import Candidate, Dossier, ProcedureThreshold, RoundDepartment
from procurement.selection.selectors import (
    linkable_dossiers,
    open_requests_for,
    ranking_rows_filtered,
    round_outcomes,
    round_ranking,
)
from tests.factories import DossierFactory
from tests.procurement.factories import CandidateFactory

pytestmark = pytest.mark.django_db


def test_a_department_puts_forward_its_open_dossiers_not_yet_in_the_answer(
    selection_round, department, own_dossier, other_dossier
):
    DossierFactory(department=department, status=Dossier.Status.CLOSED)
    DossierFactory(department=department, status=Dossier.Status.CANCELLED)
    in_execution = DossierFactory(department=department, status=Dossier.Status.IN_EXECUTION)
    answered = DossierFactory(department=department)
    CandidateFactory(round=selection_round, dossier=answered)
    linkable = linkable_dossiers(selection_round=selection_round, department_id=department.pk)
    assert set(linkable) == {own_dossier, in_execution}


def test_the_requests_awaiting_a_department_leave_out_complete_and_decided_rounds(
    users, selection_round, department
):
    assert [i.round for i in open_requests_for(user=users["staff"])] == [selection_round]
    RoundDepartment.objects.filter(department=department).update(
        answer_status=RoundDepartment.AnswerStatus.COMPLETE
    )
    assert list(open_requests_for(user=users["staff"])) == []
    assert open_requests_for(user=users["outsider"]) == []


def _local_candidate(selection_round, dossier, value):
    Dossier.objects.filter(pk=dossier.pk).update(estimated_value=value)
    return CandidateFactory(round=selection_round, dossier=dossier, local_preference=True)


def test_the_low_value_note_follows_the_threshold_rows(selection_round, own_dossier):
    _local_candidate(selection_round, own_dossier, Decimal("40000"))
    ranking = round_ranking(selection_round=selection_round)
    assert ranking.low_value_limit == Decimal("30000")
    assert not ranking.rows[0].low_value
    ProcedureThreshold.objects.filter(procedure_type__code=LIMITED_VALUE_PROCEDURE).update(
        upper_limit=Decimal("50000")
    )
    ranking = round_ranking(selection_round=selection_round)
    assert ranking.low_value_limit == Decimal("50000")
    assert ranking.rows[0].low_value


def test_the_low_value_limit_is_the_one_valid_on_the_rankings_reference_date(
    selection_round, own_dossier
):
    _local_candidate(selection_round, own_dossier, Decimal("32000"))
    today = timezone.localdate()
    rows = ProcedureThreshold.objects.filter(procedure_type__code=LIMITED_VALUE_PROCEDURE)
    old = rows.get()
    rows.update(valid_until=today - datetime.timedelta(days=1))
    ProcedureThreshold.objects.create(
        procedure_type=old.procedure_type, upper_limit=Decimal("35000"), valid_from=today
    )
    ranking = round_ranking(selection_round=selection_round)
    assert ranking.low_value_limit == Decimal("35000")
    assert ranking.rows[0].low_value


def test_without_a_valid_limit_no_dossier_is_called_low_value(selection_round, own_dossier):
    _local_candidate(selection_round, own_dossier, Decimal("1000"))
    ProcedureThreshold.objects.filter(procedure_type__code=LIMITED_VALUE_PROCEDURE).delete()
    ranking = round_ranking(selection_round=selection_round)
    assert ranking.low_value_limit is None
    assert not ranking.rows[0].low_value


def test_the_ranking_filters_by_department_outcome_and_words(
    selection_round, own_dossier, other_dossier, department
):
    own = CandidateFactory(round=selection_round, dossier=own_dossier)
    other = CandidateFactory(
        round=selection_round, dossier=other_dossier, outcome=Candidate.Outcome.SELECTED
    )
    ranking = round_ranking(selection_round=selection_round)

    def keys(**filters):
        return {row.key for row in ranking_rows_filtered(ranking=ranking, **filters)}

    assert keys() == {own.pk, other.pk}
    assert keys(department_id=department.pk) == {own.pk}
    assert keys(outcome=Candidate.Outcome.SELECTED) == {other.pk}
    assert keys(q=" werkKLEDIJ ") == {own.pk}
    assert keys(q=own_dossier.reference) == {own.pk}


def test_the_outcomes_so_far_leave_out_the_undecided(selection_round, own_dossier, other_dossier):
    CandidateFactory(round=selection_round, dossier=own_dossier)
    rejected = CandidateFactory(
        round=selection_round, dossier=other_dossier, outcome=Candidate.Outcome.REJECTED
    )
    assert list(round_outcomes(selection_round=selection_round)) == [rejected]
