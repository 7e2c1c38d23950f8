"""Mail backends for tests: one that is always down, one that refuses a single address."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class DownBackend(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("mail server down")


class RefusingBackend(EmailBackend):
    """Delivers to mail.outbox, except a message to REFUSED, which fails as SMTP would."""

    REFUSED = "weigert@example.org"

    def send_messages(self, messages):
        for message in messages:
            if self.REFUSED in message.to:
                raise smtplib.SMTPRecipientsRefused({self.REFUSED: (550, b"no")})
        return super().send_messages(messages)
