"""Login input that does not fit the login-attempt log is no 500 (found by the form fuzzing on
PostgreSQL, which enforces the column's length)."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_username_longer_than_the_column_is_a_wrong_login(client):
    answer = client.post(reverse("login"), {"username": "x" * 100_000, "password": "Fuzz"})
    assert answer.status_code == 200
    assert answer.context["form"].errors
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "x" * 150
