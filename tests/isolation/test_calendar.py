"""A calendar link is its owner's key: it opens their work in the municipality it was made
in, and nothing of another. The matrix (test_matrix.py) requests the feed with a replaced
link, which answers 404 to everyone."""

import pytest
from django.test import Client
from django.urls import reverse

from .world import MARK

pytestmark = pytest.mark.django_db


def _feed(token: str) -> str:
    response = Client().get(reverse("dashboard:calendar_feed", args=[token]))
    assert response.status_code == 200
    # iCalendar folds long lines (RFC 5545, 3.1): unfold them before looking for a marker.
    return response.content.decode().replace("\r\n ", "")


def test_a_calendar_link_shows_its_own_municipality_and_nothing_of_another(worlds):
    own, other = _feed(worlds["a"]["calendar_token"]), _feed(worlds["b"]["calendar_token"])
    assert "A-EIGEN" in own
    assert MARK not in own
    assert MARK in other
    assert "A-EIGEN" not in other


def test_a_replaced_link_opens_nothing(worlds):
    for world in worlds.values():
        token = world["calendar_token_replaced"]
        response = Client().get(reverse("dashboard:calendar_feed", args=[token]))
        assert response.status_code == 404
