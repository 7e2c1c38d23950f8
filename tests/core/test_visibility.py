"""The registry through which an app says who may see its objects when another app shows them."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db.models import Q

from core import visibility
from core.visibility import (
    NOTHING,
    subject_visibility_register,
    subject_visible,
    visible_subjects_q,
)


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test; the apps' own rules are back afterwards."""
    monkeypatch.setattr(visibility, "_predicates", {})
    monkeypatch.setattr(visibility, "_filters", {})


def test_an_object_of_an_unregistered_model_is_seen_by_nobody(registry, users):
    assert not subject_visible(users["admin_user"], Group(name="x"))


def test_the_registered_rule_decides_per_user_and_object(registry, users):
    subject_visibility_register(Group, lambda user, obj: user.username == obj.name)
    assert subject_visible(users["officer"], Group(name="officer"))
    assert not subject_visible(users["staff"], Group(name="officer"))


def test_registering_a_model_again_replaces_its_rule(registry, users):
    subject_visibility_register(Group, lambda user, obj: True)
    subject_visibility_register(Group, lambda user, obj: False)
    assert not subject_visible(users["officer"], Group(name="x"))


@pytest.mark.parametrize(
    ("model", "persona", "visible"),
    [
        ("pilots.Programme", "officer", True),
        ("pilots.Programme", "staff", True),
        ("pilots.Programme", "outsider", False),
        ("pilots.Pilot", "mat", True),
        ("pilots.Pilot", "outsider", False),
        ("procurement.Dossier", "outsider", True),
    ],
)
def test_the_apps_register_who_may_see_their_subjects(model, persona, visible, users):
    assert subject_visible(users[persona], apps.get_model(model)()) is visible


def _visible_groups(user) -> set[str]:
    """The names of the groups that the registered filter lets `user` see, read through the
    generic relation of the register's involvements, as the register reads its subjects."""
    from stakeholders.models import Involvement
    from tests.stakeholders.factories import InvolvementFactory

    for group in Group.objects.filter(name__in=["a", "b"]):
        InvolvementFactory(subject=group)
    involvements = Involvement.objects.filter(visible_subjects_q(user, [Group]))
    return {Group.objects.get(pk=involvement.object_id).name for involvement in involvements}


def test_a_list_shows_nothing_of_a_model_registered_without_a_filter(registry, users):
    subject_visibility_register(Group, lambda user, obj: True)
    assert visible_subjects_q(users["officer"], [Group]) == NOTHING


def test_the_registered_filter_decides_what_a_list_shows(registry, users):
    Group.objects.bulk_create([Group(name="a"), Group(name="b")])
    subject_visibility_register(Group, lambda user, obj: obj.name == "a", lambda user: Q(name="a"))
    assert _visible_groups(users["officer"]) == {"a"}
