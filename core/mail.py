"""Every e-mail Draagvlak sends goes through here: plain-text rendering, one-line subjects and
a failure that is logged instead of raised.

A title typed by a user reaches the Subject header; a line break in it would make Django refuse
the header (`BadHeaderError`) after the decision or submission that triggered the mail was
already committed, so the user sees a 500 for something that did happen. `subject_line` folds
every run of whitespace to one space. Mail is plain text: the templates render without HTML
escaping, so "R&D" arrives as "R&D", not "R&amp;D".

`mail_send` is called after commit (through `core.scoping.on_commit`) or from a daily
reminder: a mail server that is down, or any other failure, is logged with its traceback and
counts as not sent, so the caller's work stands and the next mail still goes.
"""

import logging

from django.core.mail import send_mail
from django.template import Context
from django.template.loader import get_template

logger = logging.getLogger(__name__)


def subject_line(text: str) -> str:
    """`text` as one header line: newlines, tabs and runs of spaces become a single space."""
    return " ".join(str(text).split())


def mail_render(template_name: str, context: dict) -> str:
    """A Django template rendered as plain text (no HTML escaping)."""
    template = get_template(template_name)
    return template.template.render(Context(context, autoescape=False))  # type: ignore[attr-defined]


def mail_subject(template_name: str, context: dict) -> str:
    """The subject a template renders, as one plain-text line."""
    return subject_line(mail_render(template_name, context))


def mail_send(*, subject: str, body: str, to: list[str], about: str = "") -> int:
    """Sends one mail to `to`; 1 when it left, 0 when it failed (logged, never raised)."""
    if not to:
        return 0
    try:
        return send_mail(subject_line(subject), body, None, to)
    except Exception:
        # Whatever breaks here (the server, a header, the network) must not undo or hide what
        # the user did; the log carries the traceback for the administrator.
        logger.exception("Could not send the mail %r to %s (%s)", subject, ", ".join(to), about)
        return 0
