"""Form pieces shared by the apps.

- `DateInput`: the browser's date picker, for every date field
  (`widgets = {"due_on": DateInput()}`).
- `form_helper(*layout, submit=..., submit_name="save", form_tag=True)`: the crispy helper a
  form sets as `self.helper`; with `submit` it ends in that button, with a layout it lays
  the fields out, with `form_tag=False` the page writes the `<form>` itself.
- `AmountField`: euros typed as people type them (250.000,50 or 250,000.50).
- `FormRenderer` (settings.FORM_RENDERER): every form's fields leave out the browser's
  `maxlength`, which cuts pasted text silently; the server refuses text over the limit with
  a message, and static/js/forms.js counts the characters from `data-maxlength`.
"""

import re
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils import formats
from django.utils.translation import gettext as _


class DateInput(forms.DateInput):
    """The browser's own date picker; it shows dd/mm/jjjj to a Belgian user."""

    input_type = "date"

    def __init__(self, attrs=None):
        # The picker only accepts ISO dates, whatever the language of the page.
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class LimitedBoundField(BoundField):
    """A field whose length limit the server says, instead of the browser cutting."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        limit = attrs.get("maxlength", widget.attrs.get("maxlength"))
        if limit not in (None, False):
            attrs["maxlength"] = False  # Django's widgets leave out an attribute that is False
            attrs["data-maxlength"] = limit
            # The counter's words; {n}, {max} and {extra} are filled in as one types.
            attrs["data-counter"] = _("{n} of {max} characters")
            attrs["data-counter-over"] = _("{extra} too many: shorten the text.")
        return attrs


class FormRenderer(DjangoTemplates):
    bound_field_class = LimitedBoundField


def form_helper(*layout, submit=None, submit_name: str = "save", form_tag: bool = True):
    """The crispy helper of a form. The label of `submit` is the form's own (each app's
    catalogue translates its buttons), so there is no default."""
    helper = FormHelper()
    helper.form_tag = form_tag
    # A layout lists its visible fields; hidden ones (the one-time token of core/idempotency)
    # are rendered without being listed.
    helper.render_hidden_fields = True
    if layout:
        helper.layout = Layout(*layout)
    if submit is not None:
        helper.add_input(Submit(submit_name, submit))
    return helper


# 250.000 or 1,250,000: one to three digits, then groups of three after one kind of mark.
_GROUPED = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")


def amount_parse(text) -> Decimal | None:
    """Reads an amount as people type it: 250.000,50 or 250,000.50 or 250000.50.

    With both marks, the last one is the decimal mark. A mark followed by groups of exactly
    three digits is a thousands separator (euros have two decimals), so 250.000 is never read
    as 250. Any other single mark is the decimal mark. Spaces and a euro sign are ignored.
    None when the text is no amount."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", str(text or ""))
    sign = ""
    if cleaned[:1] in ("-", "+"):
        sign, cleaned = ("-" if cleaned[0] == "-" else ""), cleaned[1:]
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(group_mark, "").replace(decimal_mark, ".")
    elif _GROUPED.match(cleaned):
        cleaned = cleaned.replace(".", "").replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", cleaned):
        return None
    return Decimal(sign + cleaned)


class AmountInput(forms.TextInput):
    """A text field for euros: shows 72.000,00 in Dutch and lets the keyboard offer digits."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return formats.number_format(value, 2, use_l10n=True, force_grouping=True)
        return super().format_value(value)


class AmountField(forms.DecimalField):
    widget = AmountInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        amount = amount_parse(value)
        if amount is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return amount

    def widget_attrs(self, widget):
        # No min/step attributes: they belong to number inputs, which this one is not.
        return {}
