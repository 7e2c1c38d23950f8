"""The selection forms that turn what was typed into what the services take."""

from decimal import Decimal

import pytest

from procurement.models import Criterion
from procurement.selection.forms import CriterionFormSet, HandScoresForm
from tests.procurement.factories import CandidateFactory, HandScoreFactory

pytestmark = pytest.mark.django_db


def _criteria_data(*rows):
    data = {
        "criteria-TOTAL_FORMS": str(len(rows) + 1),
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"criteria-{index}-{name}": value for name, value in row.items()})
    return data


def test_the_criteria_come_in_the_order_shown_with_their_deletions():
    formset = CriterionFormSet(
        _criteria_data(
            {"id": "7", "name": "Klein", "source": "value", "weight": "20"},
            {"name": "Zichtbaar", "source": "visibility", "weight": "15", "DELETE": "on"},
        ),
        prefix="criteria",
    )
    assert formset.is_valid(), formset.errors
    rows = formset.rows()
    assert [(r["name"], r["position"], r["delete"]) for r in rows] == [
        ("Klein", 1, False),
        ("Zichtbaar", 2, True),
    ]
    assert rows[0]["id"] == 7
    assert rows[1]["id"] is None
    assert rows[0]["weight"] == Decimal("20")


def test_the_hand_scores_form_asks_one_score_and_comment_per_hand_criterion(selection_round):
    candidate = CandidateFactory(round=selection_round)
    hand = selection_round.criteria.get(source=Criterion.Source.HAND)
    HandScoreFactory(candidate=candidate, criterion=hand, score=2, comment="Matig")
    scores = {s.criterion_id: s for s in candidate.hand_scores.all()}
    unbound = HandScoresForm(criteria=[hand], scores=scores)
    assert set(unbound.fields) == {f"score_{hand.pk}", f"comment_{hand.pk}"}
    assert unbound.fields[f"score_{hand.pk}"].initial == 2
    bound = HandScoresForm(
        {f"score_{hand.pk}": "", f"comment_{hand.pk}": "Nog te bekijken"},
        criteria=[hand],
        scores=scores,
    )
    assert bound.is_valid(), bound.errors
    assert bound.scores() == {hand.pk: (None, "Nog te bekijken")}


def test_a_hand_score_above_the_scale_is_refused(selection_round):
    hand = selection_round.criteria.get(source=Criterion.Source.HAND)
    form = HandScoresForm({f"score_{hand.pk}": "6"}, criteria=[hand], scores={})
    assert not form.is_valid()
