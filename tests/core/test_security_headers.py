"""Headers and sessions: a Permissions-Policy on every response, a session that ends after a
working day without a request, HSTS preloading only on purpose, and no server banner."""

import datetime
import os
import runpy
import subprocess
import sys
import types
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from core.middleware import SESSION_ACTIVITY_KEY

ROOT = Path(__file__).resolve().parents[2]
DENIED = ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]


def _policy(response) -> list[str]:
    return [part.strip() for part in response["Permissions-Policy"].split(",")]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [None, "staff"])
@pytest.mark.parametrize("path", ["/accounts/login/", "/", "/does-not-exist/"])
def test_every_response_carries_a_permissions_policy(client, client_for, persona, path):
    browser = client_for(persona) if persona else client
    policy = _policy(browser.get(path))
    assert set(DENIED) <= set(policy)


def test_the_session_lasts_a_working_day_not_two_weeks():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert not settings.SESSION_SAVE_EVERY_REQUEST


def _session():
    return Session.objects.get()


@pytest.mark.django_db
def test_a_login_expires_after_the_idle_time(client_for):
    client_for("staff")
    remaining = _session().expire_date - timezone.now()
    assert datetime.timedelta(hours=7, minutes=59) < remaining <= datetime.timedelta(hours=8)


@pytest.mark.django_db
def test_a_request_soon_after_login_writes_no_session(client_for):
    client = client_for("staff")
    before = _session().expire_date
    client.get(reverse("dashboard:home"))
    assert _session().expire_date == before


@pytest.mark.django_db
def test_an_active_session_is_extended(client_for):
    client = client_for("staff")
    session = client.session
    session[SESSION_ACTIVITY_KEY] -= settings.SESSION_ACTIVITY_REFRESH + 1
    session.save()
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(hours=1))
    assert client.get(reverse("dashboard:home")).status_code == 200
    remaining = _session().expire_date - timezone.now()
    assert remaining > datetime.timedelta(hours=7, minutes=59)


@pytest.mark.django_db
def test_an_idle_session_is_logged_out(client_for):
    client = client_for("staff")
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


PRODUCTION = """
import importlib, os
import config.settings.production as production
print(production.SECURE_HSTS_PRELOAD, "security.W021" in getattr(production, "SILENCED_SYSTEM_CHECKS", []))
os.environ["DJANGO_SECURE_HSTS_PRELOAD"] = "true"
importlib.reload(importlib.import_module("config.settings.base"))
del production.SILENCED_SYSTEM_CHECKS
production = importlib.reload(production)
print(production.SECURE_HSTS_PRELOAD, "security.W021" in getattr(production, "SILENCED_SYSTEM_CHECKS", []))
"""


def test_hsts_preload_is_off_unless_configured():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_SECURE_HSTS", "DJANGO_SETTINGS"))
    }
    env["DJANGO_SECRET_KEY"] = "x" * 50
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split("\n")[:2] == ["False True", "True False"]


def test_gunicorn_sends_no_server_banner(monkeypatch):
    from gunicorn.http import wsgi

    monkeypatch.setattr(wsgi.Response, "default_headers", wsgi.Response.default_headers)
    request = types.SimpleNamespace(method="GET", version=(1, 1), should_close=lambda: False)
    response = wsgi.Response(request, sock=None, cfg=None)
    response.status_code, response.response_length = 200, 0
    assert any(line.startswith("Server:") for line in response.default_headers())
    runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    headers = response.default_headers()
    assert not any(line.lower().startswith("server:") for line in headers)
    assert any(line.startswith("Date:") for line in headers)
