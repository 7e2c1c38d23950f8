import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import SearchFilter, sort_filter
from procurement.models import CircularStrategy

from .models import Pilot, Programme


class ProgrammeFilter(django_filters.FilterSet):
    # Searching a programme's pilots joins them: one row per programme all the same.
    q = SearchFilter(
        "title__icontains",
        "purpose__icontains",
        "pilots__dossier__title__icontains",
        "pilots__dossier__reference__icontains",
        distinct=True,
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Programme.Status.choices, widget=forms.SelectMultiple
    )
    awaiting = django_filters.BooleanFilter(
        label=_("Awaiting my decision"),
        method="filter_awaiting",
        widget=forms.CheckboxInput,
    )
    sort = sort_filter(
        ("title", "title", _("Title")),
        ("status", "status", _("Status")),
        ("budget", "budget", _("Budget")),
        ("start_date", "start", _("Start date")),
        ("updated_at", "updated", _("Last change")),
    )

    class Meta:
        model = Programme
        fields = []

    def __init__(self, *args, awaiting, **kwargs):
        super().__init__(*args, **kwargs)
        self.awaiting = awaiting

    def filter_awaiting(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=self.awaiting.values("pk"))


class PilotFilter(django_filters.FilterSet):
    q = SearchFilter(
        "dossier__title__icontains",
        "dossier__reference__icontains",
        "programme__title__icontains",
        "scope__icontains",
    )
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
    sort = sort_filter(
        ("dossier__reference", "reference", _("Reference")),
        ("dossier__title", "title", _("Dossier")),
        ("programme__title", "programme", _("Programme")),
        ("dossier__estimated_value", "value", _("Value")),
        ("programme__status", "status", _("Status")),
    )

    class Meta:
        model = Pilot
        fields = []
