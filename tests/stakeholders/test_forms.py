"""What the register's forms check and leave out."""

import pytest
from django.utils import timezone

from stakeholders.forms import ConcernForm, InvolvementForm, PersonForm
from stakeholders.models import Involvement
from tests.factories import DepartmentFactory

from .factories import ConcernFactory, InvolvementFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_who_may_not_read_personal_notes_gets_no_field_for_them():
    assert "notes" not in PersonForm(sensitive=False).fields
    assert "notes" in PersonForm(sensitive=True).fields


def test_someone_works_for_a_department_or_an_organisation_not_both():
    form = PersonForm(
        data={
            "full_name": "Eva",
            "department": DepartmentFactory().pk,
            "organisation": OrganisationFactory().pk,
        },
        sensitive=False,
    )
    assert not form.is_valid()
    assert form.non_field_errors()


def test_a_new_involvement_names_exactly_one_stakeholder():
    organisation = OrganisationFactory()
    neither = InvolvementForm(data={"influence": 3, "interest": 3})
    one = InvolvementForm(data={"organisation": organisation.pk, "influence": 3, "interest": 3})
    assert not neither.is_valid()
    assert neither.non_field_errors()
    assert one.is_valid(), one.errors


def test_an_existing_involvement_keeps_its_stakeholder():
    form = InvolvementForm(instance=InvolvementFactory())
    assert "person" not in form.fields
    assert "organisation" not in form.fields


def test_erased_people_are_not_offered_as_stakeholders():
    involvement = InvolvementFactory()
    person = involvement.person
    person.erased_at = timezone.now()
    person.save()
    assert person not in InvolvementForm().fields["person"].queryset


def test_a_concern_is_raised_against_the_subjects_own_stakeholders():
    involvement = InvolvementFactory()
    other = InvolvementFactory()
    form = ConcernForm(involvements=Involvement.objects.filter(pk=involvement.pk))
    choices = form.fields["involvement"].queryset
    assert involvement in choices
    assert other not in choices
    assert (
        "involvement" not in ConcernForm(instance=_concern(involvement), involvements=None).fields
    )


def _concern(involvement):

    return ConcernFactory(involvement=involvement)
