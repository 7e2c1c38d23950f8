"""The library's filters: text, subject, CPV prefix, circular strategy, value range and
conclusion."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import SearchFilter, sort_filter
from pilots.evaluation.models import Conclusion
from procurement.dossiers.filters import AmountFilter
from procurement.models import RLadder, SubjectType

from .models import PilotCase


class CaseFilter(django_filters.FilterSet):
    q = SearchFilter(
        "title__icontains",
        "description__icontains",
        "summary__icontains",
        "lessons__icontains",
        "municipality__name__icontains",
    )
    subject_type = django_filters.ChoiceFilter(
        label=_("Subject"), choices=SubjectType.choices, empty_label=_("All")
    )
    cpv = django_filters.CharFilter(
        label=_("CPV code starts with"), field_name="cpv_code", lookup_expr="startswith"
    )
    strategy = django_filters.ChoiceFilter(
        label=_("Circular strategy"),
        choices=RLadder.choices,
        field_name="strategy_codes",
        lookup_expr="contains",
        empty_label=_("All"),
    )
    value_min = AmountFilter(
        label=_("Value from (€)"), field_name="estimated_value", lookup_expr="gte", min_value=0
    )
    value_max = AmountFilter(
        label=_("Value up to (€)"), field_name="estimated_value", lookup_expr="lte", min_value=0
    )
    conclusion = django_filters.ChoiceFilter(
        label=_("Conclusion"), choices=Conclusion.choices, empty_label=_("All")
    )
    sort = sort_filter(
        ("title", "title", _("Title")),
        ("municipality__name", "municipality", _("Municipality")),
        ("estimated_value", "value", _("Value")),
        ("published_at", "published", _("Published")),
        empty_label=_("Newest first"),
    )

    class Meta:
        model = PilotCase
        fields = []
