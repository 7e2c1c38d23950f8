"""The rules that live on the approval models: where a programme stands and which stage is the
MAT's."""

import pytest

from pilots.approval import services
from pilots.models import ApprovalStage, Programme, RevisionStage
from tests.pilots.evaluation_helpers import approve
from tests.pilots.factories import make_programme

pytestmark = pytest.mark.django_db


def _states(programme) -> tuple[bool, bool, bool, bool]:
    return (
        programme.is_editable,
        programme.is_in_approval,
        programme.is_approved,
        programme.is_rejected,
    )


def test_a_programme_is_in_exactly_one_state(programme, users, decide):
    assert _states(programme) == (True, False, False, False)
    services.programme_submit(programme_id=programme.pk, user=users["officer"])
    programme.refresh_from_db()
    assert _states(programme) == (False, True, False, False)
    decide("director", programme, outcome="rejected", motivation="Geen budget.")
    programme.refresh_from_db()
    assert _states(programme) == (False, False, False, True)


def test_an_approved_programme_is_approved_and_nothing_else(programme, users):
    approve(programme, users)
    assert _states(programme) == (False, False, True, False)


def test_the_querysets_list_the_programmes_in_their_state(programme, users):
    in_approval = make_programme(user=users["officer"], title="In goedkeuring")
    services.programme_submit(programme_id=in_approval.pk, user=users["officer"])
    approved = approve(make_programme(user=users["officer"], title="Goedgekeurd"), users)
    assert list(Programme.objects.in_approval()) == [in_approval]
    assert list(Programme.objects.approved()) == [approved]


def test_a_revision_is_pending_until_its_chain_closes_it(submitted, decide):
    revision = submitted.revisions.get()
    assert revision.is_pending
    decide("director", submitted, outcome="rejected", motivation="Geen budget.")
    revision.refresh_from_db()
    assert not revision.is_pending


def test_only_the_mats_stage_is_the_mats(submitted):
    chain = {stage.position: stage.is_mat for stage in ApprovalStage.objects.all()}
    assert chain == {1: False, 2: False, 3: True}
    frozen = RevisionStage.objects.filter(revision__programme=submitted)
    assert [stage.is_mat for stage in frozen.order_by("position")] == [False, False, True]
    assert list(frozen.mat()) == [frozen.get(position=3)]
