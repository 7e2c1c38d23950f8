from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout

from .errors import PilotError


def apply_error(form, error: PilotError) -> None:
    """Shows a service's refusal on the form: at its field when the form has it, else on top."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def form_helper(*layout, form_tag: bool = True) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = form_tag
    if layout:
        helper.layout = Layout(*layout)
    return helper
