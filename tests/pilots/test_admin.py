"""The app's admin cannot break the rules (decisions are read-only, locked programmes too), and
reference lead times, the chain and point templates are data an administrator edits there."""

import pytest
from django.urls import reverse

from pilots.approval import services
from pilots.models import (
    ApprovalChain,
    Decision,
    EvaluationPointTemplate,
    PointChange,
    PolicyRecommendation,
    Programme,
    ReferenceLeadTime,
)
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


def test_decisions_cannot_be_added_changed_or_deleted_in_the_admin(client_for, submitted, decide):
    decision = decide("director", submitted, motivation="Goed onderbouwd.")
    client = client_for("admin_user")
    assert client.get(reverse("admin:pilots_decision_changelist")).status_code == 200
    assert client.get(reverse("admin:pilots_decision_add")).status_code == 403
    change = reverse("admin:pilots_decision_change", args=[decision.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert not page.context["adminform"].form.fields
    assert b'name="_save"' not in page.content
    assert client.post(change, {"motivation": "Anders"}).status_code == 403
    delete = reverse("admin:pilots_decision_delete", args=[decision.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Decision.objects.get().motivation == "Goed onderbouwd."


def test_a_programme_in_approval_is_read_only_in_the_admin(client_for, programme, users):
    client = client_for("admin_user")
    programme_change = reverse("admin:pilots_programme_change", args=[programme.pk])
    pilot = programme.pilots.first()
    pilot_change = reverse("admin:pilots_pilot_change", args=[pilot.pk])
    # Taken from the draft, where the admin may still edit: complete, valid forms.
    programme_data = {**admin_form_data(client.get(programme_change)), "title": "Anders"}
    pilot_data = {**admin_form_data(client.get(pilot_change)), "scope": "Anders"}
    services.programme_submit(programme_id=programme.pk, user=users["officer"])

    page = client.get(programme_change)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.post(programme_change, programme_data).status_code == 403
    assert client.post(pilot_change, pilot_data).status_code == 403
    delete = reverse("admin:pilots_programme_delete", args=[programme.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    programme.refresh_from_db()
    pilot.refresh_from_db()
    assert programme.title != "Anders"
    assert pilot.scope != "Anders"


def test_a_draft_programme_is_editable_in_the_admin(client_for, programme):
    client = client_for("admin_user")
    change = reverse("admin:pilots_programme_change", args=[programme.pk])
    data = {**admin_form_data(client.get(change)), "title": "Anders"}
    assert client.post(change, data).status_code == 302
    programme.refresh_from_db()
    assert programme.title == "Anders"
    assert Programme.objects.get().status == Programme.Status.DRAFT


def test_the_chain_is_editable_in_the_admin(client_for):
    chain = ApprovalChain.objects.get(is_default=True)
    client = client_for("admin_user")
    change = reverse("admin:pilots_approvalchain_change", args=[chain.pk])
    data = admin_form_data(client.get(change))
    data["stages-1-name"] = "Strategische cel (advies)"
    assert client.post(change, data).status_code == 302
    assert chain.stages.get(position=2).name == "Strategische cel (advies)"


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


@pytest.mark.parametrize(
    ("model", "name"),
    [(PointChange, "pointchange"), (PolicyRecommendation, "policyrecommendation")],
)
def test_what_users_record_is_read_only_in_the_admin(client_for, world, users, model, name):
    from pilots.policy import services as policy_services

    policy_services.recommendation_create(
        user=users["cell"], theme="circular", title="Circulair", text="Altijd."
    )
    record = model.objects.first()
    client = client_for("admin_user")
    assert client.get(reverse(f"admin:pilots_{name}_add")).status_code == 403
    change = reverse(f"admin:pilots_{name}_change", args=[record.pk])
    assert b'name="_save"' not in client.get(change).content
    assert client.post(change, {}).status_code == 403
    delete = reverse(f"admin:pilots_{name}_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=record.pk).exists()


def test_an_administrator_changes_a_reference_lead_time(client_for):
    reference = ReferenceLeadTime.objects.get(procedure_type__code="openbare-procedure")
    url = reverse("admin:pilots_referenceleadtime_change", args=[reference.pk])
    response = client_for("admin_user").post(
        url, {"procedure_type": reference.procedure_type_id, "days": "200", "source": "Nieuw"}
    )
    assert response.status_code == 302
    reference.refresh_from_db()
    assert reference.days == 200


# --- The admin obeys the services' rules (issue 12, item 4) ---------------------------------


def _pilot_add_data(programme, dossier) -> dict:
    return {
        "programme": programme.pk,
        "dossier": dossier.pk,
        "scope": "Via de admin",
        "objectives": "",
        "phases-TOTAL_FORMS": "0",
        "phases-INITIAL_FORMS": "0",
        "phases-MIN_NUM_FORMS": "0",
        "phases-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.parametrize("state", ["in_approval", "approved"])
def test_the_admin_adds_no_pilot_to_a_programme_past_its_draft(client_for, users, state):
    from tests.factories import DossierFactory
    from tests.pilots.evaluation_helpers import approve
    from tests.pilots.factories import make_programme

    programme = make_programme(user=users["officer"])
    if state == "approved":
        approve(programme, users)
    else:
        services.programme_submit(programme_id=programme.pk, user=users["officer"])
    pilots_before = set(programme.pilots.values_list("pk", flat=True))
    response = client_for("admin_user").post(
        reverse("admin:pilots_pilot_add"), _pilot_add_data(programme, DossierFactory())
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    assert set(programme.pilots.values_list("pk", flat=True)) == pilots_before


def test_the_admin_still_adds_a_pilot_to_a_draft(client_for, programme):
    from tests.factories import DossierFactory

    response = client_for("admin_user").post(
        reverse("admin:pilots_pilot_add"), _pilot_add_data(programme, DossierFactory())
    )
    assert response.status_code == 302
    assert programme.pilots.filter(scope="Via de admin").exists()


def test_the_admin_moves_no_pilot_to_another_programme(client_for, programme, users):
    from tests.pilots.factories import make_programme

    approved = make_programme(user=users["officer"], title="Goedgekeurd")
    from tests.pilots.evaluation_helpers import approve

    approve(approved, users)
    pilot = programme.pilots.first()
    change = reverse("admin:pilots_pilot_change", args=[pilot.pk])
    client = client_for("admin_user")
    data = {**admin_form_data(client.get(change)), "programme": approved.pk}
    client.post(change, data)
    pilot.refresh_from_db()
    assert pilot.programme == programme


def _substitution_data(users, *, principal, substitute, role):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    return {
        "principal": users[principal].pk,
        "substitute": users[substitute].pk,
        "role": role,
        "starts_on": today.isoformat(),
        "ends_on": (today + datetime.timedelta(days=3)).isoformat(),
    }


@pytest.mark.parametrize(
    ("principal", "substitute", "role"),
    [
        ("director", "officer", "financial-director"),  # a lower role
        ("officer", "mat", "financial-director"),  # a principal without the role
    ],
)
def test_the_admin_refuses_a_substitution_the_service_refuses(
    client_for, users, principal, substitute, role
):
    from pilots.models import Substitution

    response = client_for("admin_user").post(
        reverse("admin:pilots_substitution_add"),
        _substitution_data(users, principal=principal, substitute=substitute, role=role),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Substitution.objects.exists()


def test_the_admin_names_a_substitution_the_service_allows(client_for, users):
    from pilots.models import Substitution

    response = client_for("admin_user").post(
        reverse("admin:pilots_substitution_add"),
        _substitution_data(
            users, principal="director", substitute="mat", role="financial-director"
        ),
    )
    assert response.status_code == 302
    assert Substitution.objects.get().substitute == users["mat"]


def test_a_substitution_is_not_changed_or_deleted_in_the_admin_but_ended(client_for, users):
    import datetime

    from django.utils import timezone

    substitution = services.substitution_create(
        user=users["director"],
        substitute=users["mat"],
        role="financial-director",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    client = client_for("admin_user")
    change = reverse("admin:pilots_substitution_change", args=[substitution.pk])
    data = _substitution_data(
        users, principal="director", substitute="staff", role="financial-director"
    )
    assert client.post(change, data).status_code == 403
    delete = reverse("admin:pilots_substitution_delete", args=[substitution.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    substitution.refresh_from_db()
    assert substitution.substitute == users["mat"]
    changelist = reverse("admin:pilots_substitution_changelist")
    client.post(changelist, {"action": "end_now", "_selected_action": [substitution.pk]})
    substitution.refresh_from_db()
    assert substitution.ended_by == users["admin_user"]
