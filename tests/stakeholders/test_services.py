import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from stakeholders import services
from stakeholders.models import Involvement, SupportAssessment
from tests.factories import DepartmentFactory, PersonFactory

from .factories import ActionItemFactory, InvolvementFactory, OrganisationFactory


def test_it_involves_a_person_in_a_dossier(dossier, users):
    person = PersonFactory()
    involvement = services.involvement_create(
        user=users["officer"], subject=dossier, person=person, influence=4, interest=2
    )
    assert involvement.subject == dossier
    assert involvement.quadrant == "keep_satisfied"


def test_it_refuses_a_stakeholder_twice_on_one_subject(dossier, users):
    existing = InvolvementFactory(subject=dossier)
    with pytest.raises(services.StakeholderError, match="al betrokken"):
        services.involvement_create(
            user=users["officer"], subject=dossier, person=existing.person, influence=1, interest=1
        )


def test_it_refuses_both_a_person_and_an_organisation(dossier, users):
    with pytest.raises(services.StakeholderError):
        services.involvement_create(
            user=users["officer"],
            subject=dossier,
            person=PersonFactory(),
            organisation=OrganisationFactory(),
            influence=3,
            interest=3,
        )
    assert not Involvement.objects.exists()


def test_it_refuses_a_score_outside_one_to_five(dossier, users):
    with pytest.raises(services.StakeholderError):
        services.involvement_create(
            user=users["officer"], subject=dossier, person=PersonFactory(), influence=6, interest=0
        )
    assert not Involvement.objects.exists()


def test_it_refuses_a_subject_that_is_not_a_programme_pilot_or_dossier(users):
    with pytest.raises(services.StakeholderError):
        services.involvement_create(
            user=users["officer"],
            subject=DepartmentFactory(),
            person=PersonFactory(),
            influence=3,
            interest=3,
        )


def test_department_staff_cannot_manage_stakeholders(dossier, users):
    with pytest.raises(PermissionDenied):
        services.involvement_create(
            user=users["staff"], subject=dossier, person=PersonFactory(), influence=3, interest=3
        )


def test_it_refuses_support_assessed_in_the_future(dossier, users):
    involvement = InvolvementFactory(subject=dossier)
    with pytest.raises(services.StakeholderError):
        services.support_assess(
            user=users["officer"],
            involvement_id=involvement.pk,
            assessed_on=timezone.localdate() + datetime.timedelta(days=1),
            level=4,
        )
    assert not SupportAssessment.objects.exists()


def test_the_strategic_cell_sees_support_but_does_not_record_it(dossier, users):
    involvement = InvolvementFactory(subject=dossier)
    with pytest.raises(PermissionDenied):
        services.support_assess(
            user=users["cell"],
            involvement_id=involvement.pk,
            assessed_on=timezone.localdate(),
            level=4,
        )


def test_the_owner_completes_their_own_action_item(users):
    item = ActionItemFactory(owner=users["staff"].person)
    services.action_item_complete(user=users["staff"], action_item_id=item.pk)
    item.refresh_from_db()
    assert item.is_done
    assert item.done_by == users["staff"]


def test_someone_else_cannot_complete_an_action_item(users):
    item = ActionItemFactory()
    with pytest.raises(PermissionDenied):
        services.action_item_complete(user=users["staff"], action_item_id=item.pk)


def test_it_refuses_to_complete_an_action_item_twice(users):
    item = ActionItemFactory()
    services.action_item_complete(user=users["officer"], action_item_id=item.pk)
    with pytest.raises(services.StakeholderError):
        services.action_item_complete(user=users["officer"], action_item_id=item.pk)


def test_notes_are_not_written_by_who_may_not_read_them(users):
    # A manager who is not a sensitive reader does not exist today; the guard still holds.
    person = services.person_save(user=users["officer"], full_name="Nieuw", notes="mag")
    assert person.notes == "mag"
