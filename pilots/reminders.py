"""The pilots app's reminders, for `send_reminders`: the stages pending too long."""

from .approval.reminders import send_due

__all__ = ["send_due"]
