"""The permissions that depend on where the programme stands: procurement edits a draft,
records the execution and the results of an approved programme; the strategic cell rewrites
a recommendation until the MAT decided on it."""

import pytest
from django.utils import timezone

from pilots import permissions
from pilots.approval import services
from pilots.policy import services as policy_services

from .evaluation_helpers import approve

pytestmark = pytest.mark.django_db

PROCUREMENT = ("officer", "head")
OTHERS = ["staff", "director", "cell", "mat", "outsider"]


@pytest.mark.parametrize("persona", [*PROCUREMENT, *OTHERS])
def test_procurement_edits_a_draft_and_nobody_edits_it_in_approval(programme, users, persona):
    assert permissions.can_edit_programme(users[persona], programme) is (persona in PROCUREMENT)
    services.programme_submit(programme_id=programme.pk, user=users["officer"])
    programme.refresh_from_db()
    assert permissions.can_edit_programme(users[persona], programme) is False


@pytest.mark.parametrize("persona", [*PROCUREMENT, *OTHERS])
def test_execution_and_results_are_recorded_once_the_programme_is_approved(
    programme, users, persona
):
    user = users[persona]
    assert not permissions.can_record_phases(user, programme)
    assert not permissions.can_record_results(user, programme)
    approve(programme, users)
    assert permissions.can_record_phases(user, programme) is (persona in PROCUREMENT)
    assert permissions.can_record_results(user, programme) is (persona in PROCUREMENT)


@pytest.mark.parametrize("persona", ["cell", "mat", "officer"])
def test_the_cell_rewrites_a_recommendation_until_the_mat_decides(users, persona):
    recommendation = policy_services.recommendation_create(
        user=users["cell"], theme="circular", title="Circulair", text="Altijd."
    )
    assert permissions.can_edit_recommendation(users[persona], recommendation) is (
        persona == "cell"
    )
    recommendation = policy_services.recommendation_move(
        recommendation_id=recommendation.pk,
        user=users["mat"],
        status="adopted",
        meeting_date=timezone.localdate(),
    ).recommendation
    assert permissions.can_edit_recommendation(users[persona], recommendation) is False
