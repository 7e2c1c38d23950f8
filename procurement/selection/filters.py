import django_filters
from django.utils.translation import gettext_lazy as _

from .models import SelectionRound


class SelectionRoundFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="title", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SelectionRound.Status.choices)
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        empty_label=_("Newest first"),
        fields=[("title", "title"), ("deadline", "deadline"), ("created_at", "opened")],
        field_labels={"title": _("Title"), "deadline": _("Deadline"), "created_at": _("Opened")},
    )

    class Meta:
        model = SelectionRound
        fields = []
