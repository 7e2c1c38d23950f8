"""The password-reset mail in Draagvlak's own words: informal, signed "Draagvlak", in the
account holder's language, with the link built on the site's address (DRAAGVLAK_SITE_URL),
never on the Host header of the request that asked for it, and sent through core.mail."""

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.urls import reverse
from django.utils import translation

from .links import absolute_url
from .mail import mail_render, mail_send, mail_subject, recipient_language

SUBJECT_TEMPLATE = "registration/password_reset_subject.txt"
BODY_TEMPLATE = "registration/password_reset_email.txt"


class PasswordResetForm(auth_forms.PasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        user = context["user"]
        link = reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        values = {
            **context,
            "reset_url": absolute_url(link),
            "link_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        }
        language = recipient_language(user)
        with translation.override(language):
            subject = mail_subject(SUBJECT_TEMPLATE, values)
            body = mail_render(BODY_TEMPLATE, values)
        mail_send(
            subject=subject,
            body=body,
            to=[to_email],
            about=f"password reset of user {user.pk}",
            language=language,
        )
