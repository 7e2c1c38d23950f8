"""The admin cannot break the rules: decisions are read-only, locked programmes too."""

import pytest
from django.urls import reverse

from pilots.models import Decision

pytestmark = pytest.mark.django_db


def test_decisions_cannot_be_added_changed_or_deleted_in_the_admin(client_for, submitted, decide):
    decision = decide("director", submitted)
    client = client_for("admin_user")
    assert client.get(reverse("admin:pilots_decision_changelist")).status_code == 200
    assert client.get(reverse("admin:pilots_decision_add")).status_code == 403
    change = reverse("admin:pilots_decision_change", args=[decision.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"motivation": "Anders"}).status_code == 403
    delete = reverse("admin:pilots_decision_delete", args=[decision.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Decision.objects.get().motivation == ""


def test_a_programme_in_approval_is_read_only_in_the_admin(client_for, submitted):
    client = client_for("admin_user")
    change = reverse("admin:pilots_programme_change", args=[submitted.pk])
    assert client.post(change, {"title": "Anders"}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.title != "Anders"
    pilot = submitted.pilots.first()
    change = reverse("admin:pilots_pilot_change", args=[pilot.pk])
    assert client.post(change, {"scope": "Anders"}).status_code == 403


def test_the_chain_is_editable_in_the_admin(client_for):
    response = client_for("admin_user").get(reverse("admin:pilots_approvalchain_changelist"))
    assert response.status_code == 200
