import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import sort_filter

from .models import SelectionRound


class SelectionRoundFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="title", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SelectionRound.Status.choices)
    sort = sort_filter(
        ("title", "title", _("Title")),
        ("deadline", "deadline", _("Deadline")),
        ("created_at", "opened", _("Opened")),
        empty_label=_("Newest first"),
    )

    class Meta:
        model = SelectionRound
        fields = []
