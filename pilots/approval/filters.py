import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from procurement.models import CircularStrategy

from .models import Pilot, Programme


class ProgrammeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Programme.Status.choices, widget=forms.SelectMultiple
    )
    awaiting = django_filters.BooleanFilter(
        label=_("Awaiting my decision"),
        method="filter_awaiting",
        widget=forms.CheckboxInput,
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=[
            ("title", "title"),
            ("status", "status"),
            ("budget", "budget"),
            ("start_date", "start"),
            ("updated_at", "updated"),
        ],
        field_labels={
            "title": _("Title"),
            "status": _("Status"),
            "budget": _("Budget"),
            "start_date": _("Start date"),
            "updated_at": _("Last change"),
        },
    )

    class Meta:
        model = Programme
        fields = []

    def __init__(self, *args, awaiting, **kwargs):
        super().__init__(*args, **kwargs)
        self.awaiting = awaiting

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(purpose__icontains=value)
            | Q(pilots__dossier__title__icontains=value)
            | Q(pilots__dossier__reference__icontains=value)
        ).distinct()

    def filter_awaiting(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=self.awaiting.values("pk"))


class PilotFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    programme_status = django_filters.MultipleChoiceFilter(
        label=_("Programme status"),
        field_name="programme__status",
        choices=Programme.Status.choices,
        widget=forms.SelectMultiple,
    )
    strategy = django_filters.ModelMultipleChoiceFilter(
        label=_("Circular strategy"),
        field_name="circular_strategies",
        queryset=CircularStrategy.objects.all(),
        distinct=True,
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=[
            ("dossier__reference", "reference"),
            ("dossier__title", "title"),
            ("programme__title", "programme"),
            ("dossier__estimated_value", "value"),
            ("programme__status", "status"),
        ],
        field_labels={
            "dossier__reference": _("Reference"),
            "dossier__title": _("Dossier"),
            "programme__title": _("Programme"),
            "dossier__estimated_value": _("Value"),
            "programme__status": _("Status"),
        },
    )

    class Meta:
        model = Pilot
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(dossier__title__icontains=value)
            | Q(dossier__reference__icontains=value)
            | Q(programme__title__icontains=value)
            | Q(scope__icontains=value)
        )
