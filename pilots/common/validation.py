"""Checks the services share: they turn a refusal into a `PilotError` the form can show."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .errors import PilotError


def full_clean(instance, **kwargs) -> None:
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise PilotError(messages[0], field=None if field == "__all__" else field) from error


def not_in_future(value: datetime.date | None, *, field: str, today: datetime.date) -> None:
    if value is not None and value > today:
        raise PilotError(_("This date lies in the future."), field=field)
