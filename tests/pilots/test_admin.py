"""The app's admin cannot break the rules (decisions are read-only, locked programmes too), and
reference lead times and point templates are data an administrator edits there."""

import pytest
from django.urls import reverse

from pilots.models import Decision, EvaluationPointTemplate, ReferenceLeadTime

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


def test_the_migrations_seed_reference_lead_times_and_templates():
    assert ReferenceLeadTime.objects.get(procedure_type__code="openbare-procedure").days == 180
    codes = set(EvaluationPointTemplate.objects.values_list("code", flat=True))
    assert {"co2e-avoided", "tco-vs-linear", "internal-support", "social-economy"} <= codes


@pytest.mark.parametrize(
    "name",
    [
        "admin:pilots_referenceleadtime_changelist",
        "admin:pilots_evaluationpointtemplate_changelist",
        "admin:pilots_pointchange_changelist",
        "admin:pilots_policyrecommendation_changelist",
    ],
)
def test_the_admin_lists_load(client_for, name):
    assert client_for("admin_user").get(reverse(name)).status_code == 200


def test_an_administrator_changes_a_reference_lead_time(client_for):
    reference = ReferenceLeadTime.objects.get(procedure_type__code="openbare-procedure")
    url = reverse("admin:pilots_referenceleadtime_change", args=[reference.pk])
    response = client_for("admin_user").post(
        url, {"procedure_type": reference.procedure_type_id, "days": "200", "source": "Nieuw"}
    )
    assert response.status_code == 302
    reference.refresh_from_db()
    assert reference.days == 200
