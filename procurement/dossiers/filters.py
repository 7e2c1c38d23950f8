import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.filters import SearchFilter, sort_filter
from core.forms import AmountField
from stakeholders.models import Department

from .models import CircularStrategy, Dossier, ProcedureType, SubjectType


class AmountFilter(django_filters.NumberFilter):
    """A number filter that reads 500.000 as five hundred thousand, as a Belgian types it."""

    field_class = AmountField


class Register(models.TextChoices):
    """Which part of the register: the municipality's own dossiers (those it leads jointly
    included), every joint dossier, or the joint dossiers another municipality leads."""

    OWN = "own", _("Own dossiers")
    JOINT = "joint", _("Joint procurement")
    LED_BY_OTHERS = "participating", _("Joint, led by another municipality")


class DossierFilter(django_filters.FilterSet):
    """Filters `selectors.visible_dossiers()`, whose annotations the register filter reads."""

    register = django_filters.ChoiceFilter(
        label=_("Register"),
        choices=Register.choices,
        method="filter_register",
        empty_label=_("All"),
    )
    q = SearchFilter(
        "title__icontains", "reference__icontains", "description__icontains", "cpv_code__startswith"
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.all(), empty_label=_("All")
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Dossier.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    procedure = django_filters.ModelChoiceFilter(
        label=_("Procedure"),
        queryset=ProcedureType.objects.all(),
        method="filter_procedure",
        empty_label=_("All"),
    )
    willingness = django_filters.ChoiceFilter(
        label=_("Willing to tender circularly"),
        choices=Dossier.Willingness.choices,
        empty_label=_("All"),
    )
    subject_type = django_filters.ChoiceFilter(
        label=_("Subject"), choices=SubjectType.choices, empty_label=_("All")
    )
    value_min = AmountFilter(
        label=_("Value from (€)"), field_name="estimated_value", lookup_expr="gte", min_value=0
    )
    value_max = AmountFilter(
        label=_("Value up to (€)"), field_name="estimated_value", lookup_expr="lte", min_value=0
    )
    strategy = django_filters.ModelMultipleChoiceFilter(
        label=_("Circular strategy"),
        field_name="circular_strategies",
        queryset=CircularStrategy.objects.all(),
        distinct=True,
        widget=forms.CheckboxSelectMultiple,
    )
    sort = sort_filter(
        ("reference", "reference", _("Reference")),
        ("title", "title", _("Title")),
        ("department__name", "department", _("Department")),
        ("estimated_value", "value", _("Value")),
        ("status", "status", _("Status")),
        ("planned_publication_date", "publication", _("Publication")),
        ("required_award_date", "award", _("Award")),
        ("updated_at", "updated", _("Last change")),
        empty_label=_("Newest first"),
    )

    class Meta:
        model = Dossier
        fields = []

    def filter_procedure(self, queryset, name, value):
        return queryset.with_procedure(value)

    def filter_register(self, queryset, name, value):
        if value == Register.OWN:
            return queryset.filter(is_own=True)
        if value == Register.JOINT:
            return queryset.filter(has_participants=True)
        return queryset.filter(is_own=False)
