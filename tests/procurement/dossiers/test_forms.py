"""The dossier form: who may file for which department, and whose people may own it."""

import pytest

from procurement.dossiers.forms import DossierForm, owner_choices
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_owner_is_chosen_among_the_people_of_the_dossiers_department(
    users, department, other_department
):
    PersonFactory(department=department)
    stranger = PersonFactory(department=other_department)
    form = DossierForm(data={"department": str(other_department.pk)}, user=users["officer"])
    assert list(form.fields["owner"].queryset) == [stranger]


@pytest.mark.parametrize("department_id", [None, "", "x", "1;drop"])
def test_without_a_department_nobody_can_own_the_dossier(department_id, department):
    PersonFactory(department=department)
    assert not owner_choices(department_id).exists()


def test_staff_file_for_their_own_department_which_is_filled_in(users, department):
    form = DossierForm(user=users["staff"])
    assert list(form.fields["department"].queryset) == [department]
    assert form.initial["department"] == department.pk


def test_procurement_files_for_every_department_and_chooses_it(users, department, other_department):
    form = DossierForm(user=users["officer"])
    assert set(form.fields["department"].queryset) == {department, other_department}
    assert "department" not in form.initial


def test_the_service_fields_leave_the_strategies_to_their_own_argument(users, department):
    form = DossierForm(
        data={
            "title": "Werkkledij",
            "department": department.pk,
            "subject_type": "supplies",
            "estimated_value": "48.000",
            "visibility": "medium",
            "willingness": "maybe",
            "status": "planned",
        },
        user=users["staff"],
    )
    assert form.is_valid(), form.errors
    fields = form.service_fields()
    assert "circular_strategies" not in fields
    assert str(fields["estimated_value"]) == "48000"
