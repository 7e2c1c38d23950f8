"""The reads of approval that carry logic: the chain's steps and their states, whether the
content still matches the approval, who submitted, the default chain and the acting roles."""

import datetime

import pytest
from django.utils import timezone

from pilots.approval import selectors, services
from pilots.models import ApprovalChain, ApprovalStage, Outcome, Programme, Substitution
from tests.pilots.factories import edit_programme

pytestmark = pytest.mark.django_db


def _states(programme) -> list[str]:
    programme = selectors.programme_for_detail(pk=programme.pk)
    return [step["state"] for step in selectors.steps(programme=programme)]


def test_a_draft_never_submitted_shows_the_default_chain_waiting(programme):
    assert _states(programme) == ["waiting", "waiting", "waiting"]


def test_the_steps_follow_the_decisions(submitted, decide):
    assert _states(submitted) == ["current", "waiting", "waiting"]
    decide("director", submitted)
    assert _states(submitted) == ["done", "current", "waiting"]
    decide("cell", submitted)
    decide("mat", submitted)
    assert _states(submitted) == ["done", "done", "done"]


def test_a_refusal_marks_its_stage_refused_and_skips_the_rest(submitted, decide):
    decide("director", submitted, outcome=Outcome.REJECTED, motivation="Geen budget.")
    assert _states(submitted) == ["refused", "skipped", "skipped"]


def test_a_request_for_changes_marks_its_stage_returned(submitted, decide):
    decide("director", submitted, outcome=Outcome.CHANGES_REQUESTED, motivation="Te krap.")
    assert _states(submitted) == ["returned", "skipped", "skipped"]


def test_the_approval_match_follows_the_last_approving_decision(submitted, decide, users):
    assert selectors.approval_match(programme=submitted, fingerprint="x") is None
    decide("director", submitted)
    decide("cell", submitted)
    mat = decide("mat", submitted, outcome=Outcome.CHANGES_REQUESTED, motivation="Herbekijken.")
    programme = selectors.programme_for_detail(pk=submitted.pk)
    fingerprint = selectors.programme_fingerprint(programme=programme)
    match = selectors.approval_match(programme=programme, fingerprint=fingerprint)
    assert match["decision"].stage.position == 1
    assert match["decision"] != mat
    assert match["matches"]
    edit_programme(programme, user=users["officer"], title="Een andere titel")
    programme = selectors.programme_for_detail(pk=submitted.pk)
    fingerprint = selectors.programme_fingerprint(programme=programme)
    assert not selectors.approval_match(programme=programme, fingerprint=fingerprint)["matches"]


def test_the_submitters_are_whoever_submitted_any_revision(submitted, decide, users):
    decide("director", submitted, outcome=Outcome.CHANGES_REQUESTED, motivation="Te krap.")
    services.programme_submit(programme_id=submitted.pk, user=users["head"])
    programme = Programme.objects.get(pk=submitted.pk)
    expected = {users["officer"].pk, users["head"].pk}
    assert selectors.submitter_ids(programme=programme) == expected
    prefetched = selectors.programme_for_detail(pk=submitted.pk)
    assert selectors.submitter_ids(programme=prefetched) == expected


def test_the_default_chain_stages_come_in_order_with_their_chain():
    other = ApprovalChain.objects.create(name="Andere keten")
    ApprovalStage.objects.create(chain=other, position=1, name="Ander", role="mat-member")
    stages = selectors.default_chain_stages()
    assert [stage.position for stage in stages] == [1, 2, 3]
    assert {stage.chain.is_default for stage in stages} == {True}
    assert [step["state"] for step in selectors.default_steps()] == ["waiting"] * 3


def test_without_a_default_chain_there_are_no_stages():
    ApprovalChain.objects.update(is_default=False)
    assert selectors.default_chain_stages() == []


def test_a_substitute_acts_in_the_absent_deciders_role_and_own_roles_come_first(users):
    today = timezone.localdate()
    Substitution.objects.create(
        principal=users["director"],
        substitute=users["mat"],
        role="financial-director",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=7),
    )
    Substitution.objects.create(
        principal=users["cell"],
        substitute=users["mat"],
        role="mat-member",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=7),
    )
    roles = selectors.acting_roles(user=users["mat"], today=today)
    assert roles == {"financial-director": users["director"], "mat-member": None}
    later = today + datetime.timedelta(days=8)
    assert selectors.acting_roles(user=users["mat"], today=later) == {"mat-member": None}
