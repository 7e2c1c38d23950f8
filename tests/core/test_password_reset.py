"""The password-reset mail in Draagvlak's own words: informal, signed "Draagvlak" (not the
host), Dutch throughout for a Dutch reader, English for one who chose English, text and HTML."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from notifications.models import UserLanguage

pytestmark = pytest.mark.django_db


def _reset(client, user):
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    [message] = mail.outbox
    return message


def test_the_dutch_mail_is_drawn_up_in_our_words_and_signed_draagvlak(client, users, settings):
    message = _reset(client, users["staff"])
    assert message.to == [users["staff"].email]
    assert message.subject == "Kies een nieuw wachtwoord voor Draagvlak"
    body = message.body
    assert body.startswith(f"Hallo {users['staff'].first_name},")
    assert "je Draagvlak-account (staff)" in body
    assert "je wachtwoord blijft zoals het is" in body
    assert body.rstrip().endswith("Draagvlak")
    # The link is built on the site's address, never on the Host of the request.
    assert settings.SITE_URL.rstrip("/") + "/accounts/reset/" in body
    assert "testserver" not in body
    # Nothing of Django's own (formal, English) mail is left.
    for english in ("You're receiving", "Thanks for using", "team", "Your username", "Please"):
        assert english not in body
    assert not re.search(r"\b(u|uw)\b", body)
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert 'lang="nl-be"' in html
    assert "Hallo" in html


def test_someone_who_chose_english_gets_it_in_english(client, users):
    UserLanguage.objects.create(user=users["staff"], language="en")
    message = _reset(client, users["staff"])
    assert message.subject == "Choose a new password for Draagvlak"
    assert message.body.startswith("Hi ")
    assert "Didn't ask for this?" in message.body
