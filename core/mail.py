"""Every e-mail Draagvlak sends goes through here: plain text with an HTML alternative, one-line
subjects, the recipient's language, and a failure that is logged instead of raised.

A title typed by a user reaches the Subject header; a line break in it would make Django refuse
the header (`BadHeaderError`) after the decision or submission that triggered the mail was
already committed, so the user sees a 500 for something that did happen. `subject_line` folds
every run of whitespace to one space. The text part is rendered without HTML escaping, so
"R&D" arrives as "R&D", not "R&amp;D"; the HTML part is that same text, escaped, in
`core/mail/message.html` (paragraphs and clickable links), so the two parts never disagree.

A mail is written in its recipient's language: `recipient_language(user)` asks the function
the notifications app registers (`language_register`), which knows the language the user
chose, and falls back to Dutch. Render inside `translation.override(...)` of that language.

`mail_send` is called after commit (through `core.scoping.on_commit`) or from a daily
reminder: a mail server that is down, or any other failure, is logged with its traceback and
counts as not sent, so the caller's work stands and the next mail still goes.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

_language_of: Callable[[object], str | None] | None = None


def language_register(func: Callable[[object], str | None]) -> None:
    """Registers the function that gives a user's chosen language (None: not chosen)."""
    global _language_of
    _language_of = func


def recipient_language(user) -> str:
    """The language to write to `user` in: the one they chose, else the site's (Dutch)."""
    chosen = _language_of(user) if _language_of is not None and user is not None else None
    supported = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in supported else settings.LANGUAGE_CODE


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


def mail_html(*, subject: str, body: str) -> str:
    """The HTML part of a mail: its text, escaped, as paragraphs with clickable links."""
    return render_to_string("core/mail/message.html", {"subject": subject, "body": body})


def mail_send(
    *,
    subject: str,
    body: str,
    to: list[str],
    about: str = "",
    html: str = "",
    language: str | None = None,
) -> int:
    """Sends one mail to `to`, as text and HTML (`html`, else the text as HTML, marked as
    `language`, the one the text is written in); 1 when it left, 0 when it failed (logged,
    never raised)."""
    if not to:
        return 0
    try:
        subject = subject_line(subject)
        message = EmailMultiAlternatives(subject, body, None, to)
        if not html:
            with translation.override(language or translation.get_language()):
                html = mail_html(subject=subject, body=body)
        message.attach_alternative(html, "text/html")
        return message.send()
    except Exception:
        # Whatever breaks here (the server, a header, the network) must not undo or hide what
        # the user did; the log carries the traceback for the administrator.
        logger.exception("Could not send the mail %r to %s (%s)", subject, ", ".join(to), about)
        return 0
