"""Searchable pickers for long lists (dossiers, people): the page renders only the chosen
options, the rest is found by search.

A `Picker` names what may be chosen (`queryset`: the one rule, for the form's validation and
for the search alike), how it is searched and labelled, and who may search it. An app
registers its pickers with `register` and puts one on a form's field with `use_picker`:

    PEOPLE = register(Picker("people", queryset=living_people, search_fields=("full_name",),
                             may_use=permissions.can_manage_stakeholders))
    ...
    use_picker(self.fields["owner"], PEOPLE)

The field keeps validating against the queryset (one query for the submitted values, not
for all choices); the widget renders a plain `<select>` with only the chosen values, which
static/js/pickers.js turns into a Tom Select that loads options from
`core:picker_options` (at most `LIMIT`). Without JavaScript, a text box takes the numbers
that the same address shows as a plain search page.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

LIMIT = 20
MAX_QUERY = 100


@dataclass(frozen=True)
class Picker:
    name: str
    queryset: Callable[[], QuerySet]
    search_fields: tuple[str, ...]
    may_use: Callable[..., bool]
    label: Callable[[Model], str] = str
    placeholder: str = field(default="")

    def url(self) -> str:
        return reverse("core:picker_options", kwargs={"name": self.name})

    def search(self, text: str) -> list[Model]:
        """At most LIMIT choices whose search fields hold every word of `text`."""
        queryset = self.queryset()
        for word in text.split()[:5]:
            match = Q()
            for name in self.search_fields:
                match |= Q(**{f"{name}__icontains": word})
            queryset = queryset.filter(match)
        return list(queryset[:LIMIT])


_PICKERS: dict[str, Picker] = {}


def register(picker: Picker) -> Picker:
    _PICKERS[picker.name] = picker
    return picker


def get(name: str) -> Picker | None:
    return _PICKERS.get(name)


def clean_query(text: str) -> str:
    return re.sub(r"[\x00-\x1f]", " ", text or "")[:MAX_QUERY].strip()


class _PickerWidget:
    """Renders only the chosen options of a model choice field; the others are searched."""

    template_name = "core/widgets/picker.html"
    picker: Picker

    def __init__(self, picker: Picker, attrs=None):
        self.picker = picker
        attrs = {k: v for k, v in (attrs or {}).items() if k != "size"}
        super().__init__(attrs=attrs)  # type: ignore[call-arg]

    def _chosen(self, values) -> list[tuple[object, str]]:
        iterator = self.choices  # type: ignore[attr-defined]
        queryset = getattr(iterator, "queryset", None)
        if queryset is None:
            return []
        model_field = iterator.field
        meta = queryset.model._meta
        key_field = (
            meta.get_field(model_field.to_field_name) if model_field.to_field_name else meta.pk
        )
        key = key_field.attname
        cleaned = []
        for value in values:
            if value in ("", None):
                continue
            try:
                cleaned.append(key_field.to_python(value))
            except (ValidationError, ValueError, TypeError):
                continue
        if not cleaned:
            return []
        found = {str(getattr(obj, key)): obj for obj in queryset.filter(**{f"{key}__in": cleaned})}
        return [iterator.choice(found[str(v)]) for v in cleaned if str(v) in found]

    def optgroups(self, name, value, attrs=None):
        groups = []
        index = 0
        if not self.allow_multiple_selected:  # type: ignore[attr-defined]
            empty_label = getattr(getattr(self.choices, "field", None), "empty_label", None)  # type: ignore[attr-defined]
            if empty_label is not None:
                option = self.create_option(name, "", empty_label, False, index, attrs=attrs)  # type: ignore[attr-defined]
                groups.append((None, [option], index))
                index += 1
        for option_value, label in self._chosen(value):
            option = self.create_option(name, option_value, label, True, index, attrs=attrs)  # type: ignore[attr-defined]
            groups.append((None, [option], index))
            index += 1
        return groups

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)  # type: ignore[misc]
        url = self.picker.url()
        context["widget"]["attrs"]["data-picker-url"] = url
        context["widget"]["attrs"]["data-picker-empty"] = str(_("Nothing found."))
        context["widget"]["attrs"]["data-picker-placeholder"] = str(
            self.picker.placeholder or _("Type to search")
        )
        context["picker"] = {
            "url": url,
            "add_name": f"{name}__add",
            "add_id": f"{context['widget']['attrs'].get('id', name)}__add",
        }
        return context

    def use_required_attribute(self, initial):
        # The server says what is missing (the error summary); a `required` on a select that
        # Tom Select hides would stop the browser with a message nobody can reach.
        return False

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)  # type: ignore[misc]
        added = re.findall(r"[\w-]+", data.get(f"{name}__add", "") or "")
        if self.allow_multiple_selected:  # type: ignore[attr-defined]
            return [self._storable(v) for v in [*(value or []), *added]]
        return self._storable(added[0] if added else value)

    def _storable(self, value):
        """A number too large for the database would fail in it (a 500 on SQLite); made
        into text, the field refuses it as "not a valid value"."""
        digits = isinstance(value, str) and value.strip().lstrip("-").isdigit()
        if digits and abs(int(value)) >= 2**63:
            return f"{value.strip()[:12]}…"
        return value

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}__add" not in data


_MEDIA = forms.Media(
    css={"all": ["vendor/tom-select/css/tom-select.bootstrap5.min.css"]},
    js=["vendor/tom-select/js/tom-select.complete.min.js", "js/pickers.js"],
)


class PickerSelect(_PickerWidget, forms.Select):
    media = _MEDIA


class PickerSelectMultiple(_PickerWidget, forms.SelectMultiple):
    media = _MEDIA

    def value_omitted_from_data(self, data, files, name):
        # Like SelectMultiple: an unselected <select multiple> sends nothing.
        return False


def use_picker(model_field: forms.ModelChoiceField, picker: Picker) -> None:
    """Turns a model choice field into a searchable picker: valid are the picker's choices."""
    multiple = isinstance(model_field, forms.ModelMultipleChoiceField)
    widget_class = PickerSelectMultiple if multiple else PickerSelect
    widget = widget_class(picker, attrs=model_field.widget.attrs)
    widget.is_required = model_field.required
    model_field.widget = widget
    model_field.label_from_instance = picker.label  # type: ignore[method-assign]
    model_field.queryset = picker.queryset()
