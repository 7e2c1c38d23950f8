"""Small groups are not anonymous (stakeholders/disclosure.py): the support figures that a
reader without sensitive access gets, on the subject page's grid and barometer."""

import datetime

import pytest

from stakeholders import disclosure
from stakeholders.selectors import subject_support
from tests.stakeholders.factories import InvolvementFactory, SupportAssessmentFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)


@pytest.mark.parametrize(
    ("sizes", "hidden"),
    [
        ({"a": 5, "b": 4}, set()),
        ({"a": 0, "b": 3}, set()),
        ({"a": 1, "b": 5}, {"a", "b"}),  # b beside the total would give a away
        ({"a": 1, "b": 4, "c": 6}, {"a", "b"}),  # the smallest other is hidden with it
        ({"a": 1, "b": 2, "c": 6}, {"a", "b"}),  # together they count 3
        ({"a": 1, "b": 1}, {"a", "b"}),  # 2 in all
        ({"a": 0, "b": 0}, set()),
    ],
)
def test_groups_to_suppress_hides_small_groups_and_what_would_give_them_away(sizes, hidden):
    assert disclosure.groups_to_suppress(sizes) == hidden


def test_the_threshold_is_three():
    assert disclosure.MIN_GROUP_SIZE == 3
    assert [disclosure.discloses(n) for n in range(5)] == [True, False, False, True, True]


def _assess(dossier, name, *, level, on=DAY, influence=4, interest=4):
    involvement = InvolvementFactory(
        subject=dossier, person__full_name=name, influence=influence, interest=interest
    )
    SupportAssessmentFactory(involvement=involvement, level=level, assessed_on=on)
    return involvement


def test_the_grid_summary_hides_a_lone_stakeholders_support_from_department_staff(
    dossier, users, client_for, subject_path
):
    for index in range(3):
        _assess(dossier, f"Groot {index}", level=4)
    _assess(dossier, "Alleen", level=1, influence=5, interest=1)
    staff = subject_support(subject=dossier, user=users["staff"])
    groups = {group["quadrant"]: group for group in staff.summary["groups"]}
    assert groups["keep_satisfied"]["suppressed"]
    assert groups["keep_satisfied"]["count"] == 1
    assert groups["keep_satisfied"]["average"] is None
    assert groups["manage_closely"]["suppressed"]  # else the total gives "Alleen" away
    # The officer sees every assessment, so the summary hides nothing.
    officer = subject_support(subject=dossier, user=users["officer"])
    assert not officer.summary["suppressed"]
    content = client_for("staff").get(subject_path).content.decode()
    assert "minder dan 3 ingeschat: niet getoond" in content


def test_the_barometer_shows_no_average_that_differs_by_one_person(dossier, users):
    for index in range(3):
        _assess(dossier, f"Vroeg {index}", level=3)
    _assess(dossier, "Later", level=5, on=DAY + datetime.timedelta(days=7))
    officer = subject_support(subject=dossier, user=users["officer"])
    assert [point["count"] for point in officer.barometer] == [3, 4]
    staff = subject_support(subject=dossier, user=users["staff"])
    # 4 × 3.5 − 3 × 3.0 would be the level of whoever was assessed second.
    assert [point["count"] for point in staff.barometer] == [4]
    assert staff.barometer_suppressed


def test_the_barometer_keeps_points_between_which_three_or_more_changed(dossier, users):
    early = [_assess(dossier, f"Vroeg {index}", level=3) for index in range(3)]
    for involvement in early:
        SupportAssessmentFactory(
            involvement=involvement, level=4, assessed_on=DAY + datetime.timedelta(days=7)
        )
    staff = subject_support(subject=dossier, user=users["staff"])
    assert [point["average"] for point in staff.barometer] == [3.0, 4.0]
    assert not staff.barometer_suppressed


def test_the_barometer_is_empty_below_three_assessed_people(
    dossier, users, client_for, subject_path
):
    _assess(dossier, "Eerste", level=2)
    _assess(dossier, "Tweede", level=4)
    staff = subject_support(subject=dossier, user=users["staff"])
    assert staff.barometer == []
    assert staff.barometer_chart is None
    assert staff.summary["total_suppressed"]
    assert staff.summary["average"] is None
    content = client_for("staff").get(subject_path).content.decode()
    assert "Niet getoond: minder dan 3 belanghebbenden zijn ingeschat." in content
