import django_filters
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.filters import SearchFilter, sort_filter
from core.forms import DateInput

from .models import Consultation, Department, Organisation, Person


class Affiliation(models.TextChoices):
    INTERNAL = "internal", _("Internal (a department)")
    EXTERNAL = "external", _("External")


class PersonFilter(django_filters.FilterSet):
    q = SearchFilter(
        "full_name__icontains",
        "job_title__icontains",
        "email__icontains",
        "organisation__name__icontains",
    )
    affiliation = django_filters.ChoiceFilter(
        label=_("Internal or external"), choices=Affiliation.choices, method="filter_affiliation"
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.all()
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.all()
    )
    sort = sort_filter(
        ("full_name", "name", _("Name")),
        ("job_title", "job_title", _("Job title")),
        ("department__name", "department", _("Department")),
        ("organisation__name", "organisation", _("Organisation")),
    )

    class Meta:
        model = Person
        fields = []

    def filter_affiliation(self, queryset, name, value):
        if value == Affiliation.INTERNAL:
            return queryset.filter(department__isnull=False)
        if value == Affiliation.EXTERNAL:
            return queryset.filter(department__isnull=True)
        return queryset


class OrganisationFilter(django_filters.FilterSet):
    q = SearchFilter("name__icontains", "description__icontains")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices)
    sort = sort_filter(
        ("name", "name", _("Name")),
        ("kind", "kind", _("Kind")),
        ("people_count", "people", _("People")),
    )

    class Meta:
        model = Organisation
        fields = []


class ConsultationFilter(django_filters.FilterSet):
    q = SearchFilter("title__icontains", "minutes__icontains")
    held_from = django_filters.DateFilter(
        label=_("From"),
        field_name="held_on",
        lookup_expr="gte",
        widget=DateInput(),
    )
    held_until = django_filters.DateFilter(
        label=_("Until"),
        field_name="held_on",
        lookup_expr="lte",
        widget=DateInput(),
    )
    participant = django_filters.ModelChoiceFilter(
        label=_("Participant"),
        field_name="participants",
        queryset=lambda request: Person.objects.filter(erased_at__isnull=True),
        distinct=True,
    )
    sort = sort_filter(("held_on", "date", _("Date")), ("title", "title", _("Subject")))

    class Meta:
        model = Consultation
        fields = []
