import subprocess
import sys
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse

from core.templatetags.draagvlak import euro


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


@pytest.mark.django_db
def test_the_login_page_speaks_dutch_by_default(client):
    body = client.get(reverse("login"), headers={"accept-language": "en-US"}).content.decode()
    assert 'lang="nl-BE"' in body
    assert "Aanmelden bij Draagvlak" in body
    assert "Gebruikersnaam" in body


@pytest.mark.django_db
def test_the_language_switcher_turns_the_pages_english(client_for):
    client = client_for("staff")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("dashboard:home")).content.decode()
    assert 'lang="en"' in body
    assert "Pipeline of dossiers" in body


@pytest.mark.django_db
def test_a_missing_page_shows_the_dutch_404_page(client_for):
    response = client_for("staff").get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.django_db
def test_a_forbidden_page_shows_the_dutch_403_page(client_for):
    response = client_for("director").get(reverse("procurement:dossier_create"))
    assert response.status_code == 403
    assert "Je mag dit niet doen" in response.content.decode()


def test_the_500_page_renders_without_a_database(rf):
    from core.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Er ging bij ons iets mis" in response.content.decode()


@pytest.mark.django_db
def test_a_password_reset_sends_a_mail(client, users):
    client.post(reverse("password_reset"), {"email": users["staff"].email})
    assert len(mail.outbox) == 1
    assert users["staff"].email in mail.outbox[0].to


@pytest.mark.django_db
def test_logging_in_and_out_through_the_form(client, users):
    response = client.post(
        reverse("login"), {"username": "staff", "password": "secret-password"}, follow=True
    )
    assert response.context["user"].username == "staff"
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard:home")).status_code == 302


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_for_a_while(client, users):
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "staff", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "staff", "password": "secret-password"})
    assert response.status_code == 429
    assert "Te veel mislukte aanmeldpogingen" in response.content.decode()


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client_for):
    response = client_for("staff").get(reverse("dashboard:home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_the_navigation_shows_administration_only_to_staff_users(client_for):
    assert "Beheer" in client_for("admin_user").get("/").content.decode()
    assert "Beheer" not in client_for("officer").get("/").content.decode()


def test_amounts_read_the_belgian_way():
    from django.utils import translation

    with translation.override("nl-be"):
        assert euro("12345") == "€\xa012.345,00"
    with translation.override("en"):
        assert euro("12345.5") == "€\xa012,345.50"
    assert euro(None) == ""


def test_dates_read_dd_mm_yyyy_in_dutch():
    import datetime

    from django.utils import formats, translation

    with translation.override("nl-be"):
        assert formats.date_format(datetime.date(2026, 3, 7), "SHORT_DATE_FORMAT") == "07/03/2026"


def test_a_malformed_setting_stops_the_start_loudly():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DJANGO_DEBUG": "misschien",
            "PATH": "",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


@pytest.mark.django_db
def test_the_roles_exist_as_groups_after_migrating():
    from django.contrib.auth.models import Group

    from core.roles import Role

    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


@override_settings(DEMO_DATA_ALLOWED=False)
@pytest.mark.django_db
def test_demo_data_is_refused_under_production_settings():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("seed_demo")


@pytest.mark.django_db
def test_a_refusal_with_a_reason_shows_the_reason(rf, users):
    from django.core.exceptions import PermissionDenied

    from core.views import permission_denied

    request = rf.get("/")
    request.user = users["staff"]
    body = permission_denied(request, PermissionDenied("Deze stap is al beslist.")).content
    assert "Deze stap is al beslist." in body.decode()


@pytest.mark.django_db
def test_the_favicon_points_to_the_logo(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/logo.svg")


@pytest.mark.django_db
def test_the_language_menu_applies_with_its_button_not_on_a_change(client_for):
    """WCAG 3.2.2: choosing with the arrow keys must not leave the page; a button applies.
    Signed in, the user's menu has a button per language; signed out, a menu and its button."""
    import re
    from pathlib import Path

    from django.conf import settings
    from django.test import Client

    def language_form(body: str) -> str:
        form = re.search(r'<form[^>]*action="/i18n/setlang/".*?</form>', body, re.S)
        assert form, "the language form"
        return form.group(0)

    body = client_for("staff").get(reverse("dashboard:home")).content.decode()
    form = language_form(body)
    assert "<select" not in form
    buttons = re.findall(r'<button[^>]*type="submit" name="language" value="([^"]+)"', form)
    assert buttons == ["nl-be", "en"]
    assert "submit-on-change" not in body
    form = language_form(Client().get(reverse("login")).content.decode())
    assert "<noscript>" not in form
    assert "<select" in form
    assert re.search(r'<button[^>]*type="submit"[^>]*aria-label="Taal wisselen"', form)
    script = Path(settings.BASE_DIR, "static/js/app.js").read_text()
    assert '"change"' not in script
    assert ".submit()" not in script
