from django import template

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
