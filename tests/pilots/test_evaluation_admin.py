"""Reference lead times and point templates are data an administrator edits."""

import pytest
from django.urls import reverse

from pilots.models import EvaluationPointTemplate, ReferenceLeadTime

pytestmark = pytest.mark.django_db


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
