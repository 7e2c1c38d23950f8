from .errors import PilotError


def apply_error(form, error: PilotError) -> None:
    """Shows a service's refusal on the form: at its field when the form has it, else on top."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
