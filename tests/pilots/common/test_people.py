"""A user is named the way the register names their person, on every page and document."""

import pytest
from django.template import Context, Template

from pilots.common.people import person_name
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_registers_name_comes_first():
    user = UserFactory(first_name="Jan", last_name="Peeters")
    PersonFactory(user=user, full_name="Jan Peeters-De Smet")
    assert person_name(user) == "Jan Peeters-De Smet"


def test_without_a_person_the_accounts_name_and_then_the_username():
    assert person_name(UserFactory(first_name="Jan", last_name="Peeters")) == "Jan Peeters"
    assert person_name(UserFactory(username="jpeeters", first_name="", last_name="")) == (
        "jpeeters"
    )
    assert person_name(None) == ""


def test_an_erased_persons_empty_name_falls_back_to_the_account():
    user = UserFactory(username="erased-7", first_name="", last_name="")
    PersonFactory(user=user, full_name="")
    assert person_name(user) == "erased-7"


def test_templates_name_people_with_the_same_rule():
    user = UserFactory(first_name="Jan", last_name="Peeters")
    PersonFactory(user=user, full_name="Jan Peeters-De Smet")
    template = Template("{% load pilots_people %}{{ user|person_name }}")
    assert template.render(Context({"user": user})) == "Jan Peeters-De Smet"
