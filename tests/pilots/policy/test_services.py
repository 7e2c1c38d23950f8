"""Policy recommendations: who proposes, discusses, adopts or rejects them, and when."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from pilots.common.errors import PilotError
from pilots.models import PolicyRecommendation, RecommendationEvent
from pilots.policy import services

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _recommendation(users, **fields):
    return services.recommendation_create(
        user=users["cell"],
        **{"theme": "circular", "title": "Circulaire criteria", "text": "Altijd.", **fields},
    )


def test_the_strategic_cell_proposes_a_recommendation(users):
    recommendation = _recommendation(users)
    assert recommendation.status == "proposed"
    assert recommendation.owner == "strategic-cell"
    assert RecommendationEvent.objects.get().to_status == "proposed"


def test_only_the_strategic_cell_manages_recommendations(users):
    with pytest.raises(PermissionDenied):
        _recommendation({"cell": users["officer"]})


def test_the_cell_discusses_and_the_mat_adopts(users):
    recommendation = _recommendation(users)
    services.recommendation_move(
        recommendation_id=recommendation.pk, user=users["cell"], status="discussed"
    )
    services.recommendation_move(
        recommendation_id=recommendation.pk,
        user=users["mat"],
        status="adopted",
        meeting_date=TODAY,
    )
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.decided_on) == ("adopted", TODAY)
    assert list(recommendation.events.values_list("to_status", flat=True)) == [
        "proposed",
        "discussed",
        "adopted",
    ]


def test_the_strategic_cell_cannot_adopt_a_recommendation(users):
    recommendation = _recommendation(users)
    with pytest.raises(PilotError, match="MAT member or secretary"):
        services.recommendation_move(
            recommendation_id=recommendation.pk,
            user=users["cell"],
            status="adopted",
            meeting_date=TODAY,
        )


def test_adoption_needs_the_meeting_date(users):
    recommendation = _recommendation(users)
    with pytest.raises(PilotError) as error:
        services.recommendation_move(
            recommendation_id=recommendation.pk, user=users["mat"], status="adopted"
        )
    assert error.value.field == "meeting_date"


def test_a_rejection_needs_a_reason(users):
    recommendation = _recommendation(users)
    with pytest.raises(PilotError) as error:
        services.recommendation_move(
            recommendation_id=recommendation.pk,
            user=users["mat"],
            status="rejected",
            meeting_date=TODAY,
        )
    assert error.value.field == "note"


def test_an_adopted_recommendation_is_final_and_its_text_locked(users):
    recommendation = _recommendation(users)
    services.recommendation_move(
        recommendation_id=recommendation.pk,
        user=users["mat"],
        status="adopted",
        meeting_date=TODAY,
    )
    with pytest.raises(PilotError, match="cannot move to"):
        services.recommendation_move(
            recommendation_id=recommendation.pk, user=users["cell"], status="proposed"
        )
    with pytest.raises(PilotError, match="can no longer change"):
        services.recommendation_update(
            recommendation_id=recommendation.pk,
            user=users["cell"],
            theme="circular",
            title="Anders",
            text="Altijd.",
            programme=None,
            owner="strategic-cell",
            evaluations=[],
        )
    assert PolicyRecommendation.objects.get().title == "Circulaire criteria"


def test_it_refuses_an_unknown_theme(users):
    with pytest.raises(PilotError) as error:
        _recommendation(users, theme="astrology")
    assert error.value.field == "theme"
