"""The shared list filters: the search box and the sort order."""

import django_filters
import pytest

from core.filters import SearchFilter, sort_filter
from stakeholders.models import Organisation
from tests.stakeholders.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


class OrganisationList(django_filters.FilterSet):
    q = SearchFilter("name__icontains", "description__icontains")
    sort = sort_filter(("name", "title", "Name"), ("kind", "kind", "Kind"), empty_label="Any")

    class Meta:
        model = Organisation
        fields = []


def names(params):
    return [o.name for o in OrganisationList(params, queryset=Organisation.objects.all()).qs]


def test_the_search_matches_any_of_its_lookups_without_the_spaces_typed_around_it():
    OrganisationFactory(name="Kringwinkel", description="")
    OrganisationFactory(name="Adviesbureau", description="Circulaire kringloop")
    OrganisationFactory(name="Bakkerij", description="")
    assert sorted(names({"q": "  KRING "})) == ["Adviesbureau", "Kringwinkel"]
    assert len(names({"q": "   "})) == 3


def test_the_sort_uses_the_names_of_the_columns_and_reverses_with_a_minus():
    OrganisationFactory(name="B")
    OrganisationFactory(name="A")
    assert names({"sort": "title"}) == ["A", "B"]
    assert names({"sort": "-title"}) == ["B", "A"]
    field = OrganisationList().form.fields["sort"]
    assert [label for _value, label in field.choices][:3] == ["Any", "Name", "Name (aflopend)"]


def test_the_sort_labels_follow_the_language_of_each_request_in_one_process():
    """django-filter built "(descending)" once per process: English pages said "(aflopend)"."""
    from django.utils import translation
    from django.utils.translation import gettext_lazy

    with translation.override("nl"):

        class Built(django_filters.FilterSet):
            sort = sort_filter(("name", "title", gettext_lazy("Name")))

            class Meta:
                model = Organisation
                fields = []

        dutch = [str(label) for _value, label in Built().form.fields["sort"].choices]
    with translation.override("en"):
        english = [str(label) for _value, label in Built().form.fields["sort"].choices]
    with translation.override("nl"):
        again = [str(label) for _value, label in Built().form.fields["sort"].choices]
    assert english[-2:] == ["Name", "Name (descending)"]
    assert dutch[-2:] == again[-2:] == ["Naam", "Naam (aflopend)"]
