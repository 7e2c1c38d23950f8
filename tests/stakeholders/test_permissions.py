"""The rules of stakeholders/permissions.py per persona."""

import pytest
from django.utils import timezone

from stakeholders import permissions
from tests.conftest import PERSONAS

RECORDERS = {"officer", "head"}


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_only_procurement_records_support_and_concerns(persona, users):
    assert permissions.can_record_sensitive(users[persona]) is (persona in RECORDERS)


def test_the_strategic_cell_sees_what_is_sensitive_without_recording_it(users):
    assert permissions.can_see_sensitive(users["cell"])
    assert not permissions.can_record_sensitive(users["cell"])


def test_nobody_changes_an_erased_person(users):
    person = users["staff"].person
    assert permissions.can_change_person(users["officer"], person)
    person.erased_at = timezone.now()
    assert not permissions.can_change_person(users["officer"], person)
    assert not permissions.can_change_person(users["staff"], users["cell"].person)
