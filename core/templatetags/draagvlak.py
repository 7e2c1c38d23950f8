from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def euro(value):
    """€ 12.345,00 in Dutch, € 12,345.00 in English; empty for a missing amount."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return value
    number = formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"€\u00a0{number}"


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
