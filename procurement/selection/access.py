"""What a user may see and change in the selection rounds, by the policy of
`procurement/access.py`: a round is hidden from who may not view the selection, refused to
who may view but not run it; an answer is refused to who may not answer for its department."""

from django.shortcuts import get_object_or_404

from procurement import permissions
from procurement.access import hidden_unless, refused_unless

from .models import Candidate, RoundDepartment, SelectionRound


def round_list_check(user) -> None:
    refused_unless(permissions.can_view_selection(user))


def round_open_check(user) -> None:
    refused_unless(permissions.can_run_selection(user))


def round_to_view(user, *, round_id: int) -> SelectionRound:
    hidden_unless(permissions.can_view_selection(user))
    return get_object_or_404(SelectionRound, pk=round_id)


def round_to_run(user, *, round_id: int) -> SelectionRound:
    selection_round = round_to_view(user, round_id=round_id)
    refused_unless(permissions.can_run_selection(user))
    return selection_round


def invitation_to_answer(user, *, round_id: int, department_id: int) -> RoundDepartment:
    selection_round = round_to_view(user, round_id=round_id)
    invitation = get_object_or_404(
        RoundDepartment.objects.select_related("department", "round", "completed_by"),
        round=selection_round,
        department_id=department_id,
    )
    refused_unless(permissions.can_answer_for(user, invitation))
    return invitation


def candidate_to_answer(user, *, round_id: int, candidate_id: int) -> Candidate:
    candidate = get_object_or_404(
        Candidate.objects.select_related("dossier__department", "round"),
        pk=candidate_id,
        round_id=round_id,
    )
    invitation_to_answer(user, round_id=round_id, department_id=candidate.dossier.department_id)
    return candidate


def candidate_to_score(user, *, round_id: int, candidate_id: int) -> Candidate:
    selection_round = round_to_run(user, round_id=round_id)
    return get_object_or_404(
        Candidate.objects.select_related("dossier__department", "round"),
        pk=candidate_id,
        round=selection_round,
    )
