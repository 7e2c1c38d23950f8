"""Filter pieces shared by the lists.

- `SearchFilter(*lookups)`: the search box of a list; what was typed, without the spaces
  around it, matches any of the lookups (`SearchFilter("title__icontains", "cpv__startswith")`).
- `sort_filter(*columns, empty_label=None)`: the `?sort=` of a list, one `(field, name, label)`
  per column; `name` is what the column header's `sort_header` asks for, `-name` reversed.
"""

import operator
from functools import reduce

import django_filters
from django.db.models import Q
from django.forms.utils import pretty_name
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class SearchFilter(django_filters.CharFilter):
    def __init__(self, *lookups: str, **kwargs):
        kwargs.setdefault("label", _("Search"))
        super().__init__(**kwargs)
        self.lookups = lookups

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        if self.distinct:
            qs = qs.distinct()
        return qs.filter(reduce(operator.or_, (Q(**{lookup: value}) for lookup in self.lookups)))


def _descending(label) -> str:
    return gettext("%s (descending)") % label


descending_label = lazy(_descending, str)


class SortFilter(django_filters.OrderingFilter):
    """django-filter formats "(descending)" when the list's class is built, once per process,
    in whatever language the first request had: the labels here stay lazy, so each page
    shows them in its reader's language."""

    def build_choices(self, fields, labels):
        ascending = [
            (param, labels.get(field, pretty_name(param))) for field, param in fields.items()
        ]
        descending = [
            (f"-{param}", labels.get(f"-{param}", descending_label(label)))
            for param, label in ascending
        ]
        return [choice for pair in zip(ascending, descending, strict=True) for choice in pair]


def sort_filter(
    *columns: tuple[str, str, object], empty_label=None
) -> django_filters.OrderingFilter:
    extra = {} if empty_label is None else {"empty_label": empty_label}
    return SortFilter(
        label=_("Sort by"),
        fields=[(field, name) for field, name, _label in columns],
        field_labels={field: label for field, _name, label in columns},
        **extra,
    )
