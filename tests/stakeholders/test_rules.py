import datetime

import pytest
from django.utils import timezone

from stakeholders.models import Quadrant, quadrant_for
from stakeholders.selectors import subject_support, support_barometer

from .factories import InvolvementFactory, SupportAssessmentFactory

Q = Quadrant


@pytest.mark.parametrize(
    ("influence", "interest", "expected"),
    [
        (3, 3, Q.MANAGE_CLOSELY),
        (5, 5, Q.MANAGE_CLOSELY),
        (3, 2, Q.KEEP_SATISFIED),
        (5, 1, Q.KEEP_SATISFIED),
        (2, 3, Q.KEEP_INFORMED),
        (1, 5, Q.KEEP_INFORMED),
        (2, 2, Q.MONITOR),
        (1, 1, Q.MONITOR),
    ],
)
def test_it_places_stakeholders_in_quadrants_with_three_counting_as_high(
    influence, interest, expected
):
    assert quadrant_for(influence=influence, interest=interest) == expected


DAY = datetime.date(2026, 3, 1)


def test_current_support_is_the_latest_by_date_not_by_entry(dossier, users):
    involvement = InvolvementFactory(subject=dossier)
    SupportAssessmentFactory(involvement=involvement, assessed_on=DAY, level=4)
    # Entered later, but about an earlier day: it is history, not the current support.
    SupportAssessmentFactory(
        involvement=involvement, assessed_on=DAY.replace(day=1, month=1), level=1
    )
    support = subject_support(subject=dossier, user=users["officer"])
    assert support.rows[0].current.level == 4


def test_on_the_same_date_the_last_recorded_assessment_is_current(dossier, users):
    involvement = InvolvementFactory(subject=dossier)
    SupportAssessmentFactory(involvement=involvement, assessed_on=DAY, level=2)
    SupportAssessmentFactory(involvement=involvement, assessed_on=DAY, level=3)
    support = subject_support(subject=dossier, user=users["officer"])
    assert support.rows[0].current.level == 3
    assert [a.level for a in support.rows[0].history] == [3, 2]


def test_the_barometer_averages_everyones_standing_support_per_date(dossier):
    first, second = InvolvementFactory(subject=dossier), InvolvementFactory(subject=dossier)
    a = SupportAssessmentFactory(involvement=first, assessed_on=DAY, level=2)
    b = SupportAssessmentFactory(
        involvement=second, assessed_on=DAY + datetime.timedelta(days=10), level=4
    )
    c = SupportAssessmentFactory(
        involvement=first, assessed_on=DAY + datetime.timedelta(days=20), level=4
    )
    points = support_barometer([c, a, b])
    assert [(p["date"].day, p["average"], p["count"]) for p in points] == [
        (1, 2, 1),
        (11, 3, 2),
        (21, 4, 2),
    ]


def test_the_barometer_is_empty_without_assessments():
    assert support_barometer([]) == []


@pytest.mark.django_db
def test_an_action_item_is_overdue_once_its_due_date_has_passed_and_it_is_still_open():
    from stakeholders.models import ActionItem

    today = datetime.date(2026, 3, 10)
    item = ActionItem(due_on=datetime.date(2026, 3, 9))
    assert item.is_overdue(today)
    assert not ActionItem(due_on=today).is_overdue(today)
    item.done_at = timezone.now()
    assert not item.is_overdue(today)


def test_without_a_date_overdue_is_measured_against_today():
    from stakeholders.models import ActionItem

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert ActionItem(due_on=yesterday).is_overdue()
    assert not ActionItem(due_on=timezone.localdate()).is_overdue()
