"""The scope a queryset is built in stays its scope: one built at import time in no scope is
taken again in the scope that copies it; one built in another scope raises."""

import pytest
from django import forms
from django_scopes import ScopeError

from core.scoping import import_outside_any_scope, municipality_scope, on_commit
from stakeholders.models import Department
from tests.factories import DepartmentFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(municipality):
    neighbour = MunicipalityFactory(name="Gemeente Buurdorp")
    DepartmentFactory(name="Eigen dienst", code="eigen")
    with municipality_scope(neighbour):
        DepartmentFactory(name="Dienst van de buren", code="buren")
    return municipality, neighbour


def _choices(queryset):
    field = forms.ModelChoiceField(queryset=queryset)
    return [label for _value, label in field.choices][1:]


def test_a_choice_list_built_outside_any_scope_follows_the_scope_it_is_used_in(two):
    own, neighbour = two
    built = {}
    import_outside_any_scope(lambda: built.update(queryset=Department.objects.all()))
    with municipality_scope(neighbour):
        assert _choices(built["queryset"]) == ["Dienst van de buren"]
    with municipality_scope(own):
        assert _choices(built["queryset"]) == ["Eigen dienst"]


def test_a_choice_list_built_in_one_municipality_follows_the_scope_it_is_used_in(two):
    own, neighbour = two
    with municipality_scope(own):
        kept = Department.objects.order_by("-name")
    with municipality_scope(neighbour):
        assert _choices(kept) == ["Dienst van de buren"]


def test_a_filtered_queryset_kept_from_one_municipality_raises_in_another(two):
    own, neighbour = two
    with municipality_scope(own):
        kept = Department.objects.filter(name__startswith="Dienst")
    with municipality_scope(neighbour):
        with pytest.raises(ScopeError):
            _choices(kept)
        with pytest.raises(ScopeError):
            list(kept)


def test_a_filtered_queryset_built_outside_any_scope_raises(two):
    with pytest.raises(ScopeError):
        import_outside_any_scope(lambda: Department.objects.filter(name="Eigen dienst"))


def test_a_callback_after_the_commit_runs_in_the_scope_that_registered_it(
    two, django_capture_on_commit_callbacks
):
    _own, neighbour = two
    seen = []
    with django_capture_on_commit_callbacks(execute=True), municipality_scope(neighbour):
        on_commit(lambda: seen.append(list(Department.objects.values_list("name", flat=True))))
        # The callbacks run here, back in the first municipality's scope.
    assert seen == [["Dienst van de buren"]]
