from django import template
from django.forms.widgets import ChoiceWidget

from core import money

register = template.Library()


@register.filter
def euro(value):
    """€ 12.345,00 in Dutch, € 12,345.00 in English; empty for a missing amount
    (`core.money`)."""
    return money.euro(value)


@register.filter
def quantity(value, unit=""):
    """A value with its unit (`12.500 kg`); an amount in euros as money (`core.money`)."""
    return money.quantity(value, unit)


@register.inclusion_tag("core/_sort_header.html", takes_context=True)
def sort_header(context, key, label, target=""):
    """A column header that sorts the list by `key`, and reverses on a second click."""
    request = context["request"]
    current = request.GET.get("sort", "")
    if current == key:
        next_sort, state = f"-{key}", "ascending"
    elif current == f"-{key}":
        next_sort, state = key, "descending"
    else:
        next_sort, state = key, "none"
    query = request.GET.copy()
    query["sort"] = next_sort
    query.pop("page", None)
    return {
        "label": label,
        "url": f"?{query.urlencode()}",
        "state": state,
        "target": target,
    }


@register.inclusion_tag("core/_error_summary.html")
def error_summary(form, heading=""):
    """The errors of a bound form, listed at its top with a link to each field
    (static/js/forms.js moves the focus to it). Shown once per form: a page that places it
    itself keeps crispy's errors.html from repeating it."""
    if form is None or not getattr(form, "is_bound", False) or not form.errors:
        return {"items": []}
    if getattr(form, "_error_summary_shown", False):
        return {"items": []}
    form._error_summary_shown = True
    items = [{"href": "", "label": "", "message": error} for error in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            items.append(
                {
                    "href": "" if field.is_hidden else f"#{_anchor(field)}",
                    "label": "" if field.is_hidden else field.label,
                    "message": error,
                }
            )
    prefix = f"{form.prefix}-" if form.prefix else ""
    return {"items": items, "heading": heading, "summary_id": f"{prefix}error-summary"}


def _anchor(field) -> str:
    """The id of the element a field's error leads to: the field, or the first of its
    radio buttons or checkboxes."""
    widget = field.field.widget
    if isinstance(widget, ChoiceWidget) and widget.input_type in ("radio", "checkbox"):
        return widget.id_for_label(field.auto_id, "0")
    return field.id_for_label or field.auto_id
