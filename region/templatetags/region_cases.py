"""How a case's stored numbers read: 30 or 12,50 in the reader's language, — when empty."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def case_number(value):
    """A case keeps its numbers as text ("30.00"), as they were when it was published."""
    if value in (None, ""):
        return "—"
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return value
    if number == number.to_integral():
        return number_format(number.to_integral(), 0, use_l10n=True, force_grouping=True)
    return number_format(number, 2, use_l10n=True, force_grouping=True)
