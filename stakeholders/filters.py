import django_filters
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput

from .models import Consultation, Department, Organisation, Person


class Affiliation(models.TextChoices):
    INTERNAL = "internal", _("Internal (a department)")
    EXTERNAL = "external", _("External")


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    affiliation = django_filters.ChoiceFilter(
        label=_("Internal or external"), choices=Affiliation.choices, method="filter_affiliation"
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.all()
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.all()
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=[
            ("full_name", "name"),
            ("job_title", "job_title"),
            ("department__name", "department"),
            ("organisation__name", "organisation"),
        ],
        field_labels={
            "full_name": _("Name"),
            "job_title": _("Job title"),
            "department__name": _("Department"),
            "organisation__name": _("Organisation"),
        },
    )

    class Meta:
        model = Person
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(full_name__icontains=value)
            | Q(job_title__icontains=value)
            | Q(email__icontains=value)
            | Q(organisation__name__icontains=value)
        )

    def filter_affiliation(self, queryset, name, value):
        if value == Affiliation.INTERNAL:
            return queryset.filter(department__isnull=False)
        if value == Affiliation.EXTERNAL:
            return queryset.filter(department__isnull=True)
        return queryset


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices)
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=[("name", "name"), ("kind", "kind"), ("people_count", "people")],
        field_labels={"name": _("Name"), "kind": _("Kind"), "people_count": _("People")},
    )

    class Meta:
        model = Organisation
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))


class ConsultationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
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
        queryset=Person.objects.filter(erased_at__isnull=True),
        distinct=True,
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=[("held_on", "date"), ("title", "title")],
        field_labels={"held_on": _("Date"), "title": _("Subject")},
    )

    class Meta:
        model = Consultation
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(minutes__icontains=value))
