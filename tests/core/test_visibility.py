"""The registry through which an app says who may see its objects when another app shows them."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from core import visibility
from core.visibility import subject_visibility_register, subject_visible


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test; the apps' own rules are back afterwards."""
    monkeypatch.setattr(visibility, "_predicates", {})


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
