"""The stakeholder admin obeys the register's rules: an erased person stays erased and is no
one's owner, head or stakeholder any more."""

import pytest
from django.urls import reverse

from stakeholders.gdpr import person_erase
from stakeholders.models import Concern, Person
from tests.factories import PersonFactory
from tests.stakeholders.factories import ConcernFactory

pytestmark = pytest.mark.django_db


def _form_data(response) -> dict:
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            if value is True:
                data[form.add_prefix(name)] = "on"
            elif value not in (None, False):
                data[form.add_prefix(name)] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.forms:
            add(form)
    return data


@pytest.fixture
def erased(users):
    person = PersonFactory(full_name="Jan Weg", email="jan@example.org")
    person_erase(user=users["admin_user"], person_id=person.pk)
    return Person.objects.get(pk=person.pk)


def test_an_erased_person_is_not_typed_back_in_the_admin(client_for, erased):
    change = reverse("admin:stakeholders_person_change", args=[erased.pk])
    response = client_for("admin_user").post(
        change, {"full_name": "Jan Weg", "email": "jan@example.org"}
    )
    assert response.status_code == 403
    erased.refresh_from_db()
    assert erased.full_name != "Jan Weg"


def test_an_erased_person_owns_no_mitigation_set_in_the_admin(client_for, erased):
    concern = ConcernFactory()
    client = client_for("admin_user")
    change = reverse("admin:stakeholders_concern_change", args=[concern.pk])
    data = {**_form_data(client.get(change)), "owner": erased.pk}
    response = client.post(change, data)
    assert response.status_code == 200
    assert "owner" in response.context["adminform"].form.errors
    assert Concern.objects.get(pk=concern.pk).owner_id != erased.pk
