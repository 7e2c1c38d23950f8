"""The policy forms: a recommendation rests on an approved programme only, and the MAT's
meeting date is asked only when the MAT decides."""

import pytest

from pilots.models import PilotEvaluation, PolicyRecommendation
from pilots.policy.forms import RecommendationFilter, RecommendationForm, RecommendationMoveForm
from tests.pilots.evaluation_helpers import approved_programme

pytestmark = pytest.mark.django_db


def test_only_approved_programmes_are_offered(programme, submitted, users):
    approved = approved_programme(users, title="Goedgekeurd traject")
    form = RecommendationForm(evaluations=PilotEvaluation.objects.all())
    assert list(form.fields["programme"].queryset) == [approved]
    assert list(RecommendationFilter().filters["programme"].get_queryset(None)) == [approved]


def test_the_form_hands_the_service_the_recommendation(users):
    approved = approved_programme(users)
    data = {
        "theme": "circular",
        "title": "Circulaire criteria",
        "text": "Altijd.",
        "programme": approved.pk,
        "owner": "strategic-cell",
    }
    form = RecommendationForm(data, evaluations=PilotEvaluation.objects.all())
    assert form.is_valid(), form.errors
    assert form.service_fields() == {**data, "programme": approved}


@pytest.mark.parametrize(
    ("statuses", "asks_date"),
    [
        (["discussed"], False),
        (["proposed"], False),
        (["discussed", "adopted", "rejected"], True),
    ],
)
def test_the_meeting_date_is_asked_only_when_the_mat_decides(statuses, asks_date):
    form = RecommendationMoveForm(statuses=statuses)
    assert ("meeting_date" in form.fields) is asks_date
    labels = dict(PolicyRecommendation.Status.choices)
    assert form.fields["status"].choices == [(s, labels[s]) for s in statuses]
