"""The selection round in the admin obeys the services: its status and decision change only
through `round_decide` / `round_reopen`, and a decided round is closed for edits."""

import pytest
from django.urls import reverse

from procurement.models import Candidate, SelectionRound
from tests.admin_forms import admin_form_data
from tests.procurement.factories import CandidateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate(selection_round, own_dossier):
    return CandidateFactory(round=selection_round, dossier=own_dossier)


def test_the_admin_does_not_change_an_open_rounds_status(client_for, selection_round):
    client = client_for("admin_user")
    change = reverse("admin:procurement_selectionround_change", args=[selection_round.pk])
    data = {
        **admin_form_data(client.get(change)),
        "title": "Nieuwe titel",
        "status": SelectionRound.Status.DECIDED,
        "decision_rationale": "Via de admin",
    }
    assert client.post(change, data).status_code == 302
    selection_round.refresh_from_db()
    assert selection_round.title == "Nieuwe titel"
    assert selection_round.status == SelectionRound.Status.OPEN
    assert selection_round.decision_rationale == ""


def test_a_decided_round_is_read_only_in_the_admin(client_for, selection_round):
    client = client_for("admin_user")
    change = reverse("admin:procurement_selectionround_change", args=[selection_round.pk])
    data = {**admin_form_data(client.get(change)), "title": "Anders"}
    # Decided on its page (round_decide needs candidates; the state is what matters here).
    SelectionRound.objects.filter(pk=selection_round.pk).update(
        status=SelectionRound.Status.DECIDED
    )
    data["status"] = SelectionRound.Status.OPEN
    assert client.post(change, data).status_code == 403
    selection_round.refresh_from_db()
    assert selection_round.status == SelectionRound.Status.DECIDED
    assert selection_round.title != "Anders"


def test_rounds_are_opened_in_the_app_not_the_admin(client_for):
    assert (
        client_for("admin_user").get(reverse("admin:procurement_selectionround_add")).status_code
        == 403
    )


def test_the_admin_sets_no_candidates_outcome(client_for, candidate):
    client = client_for("admin_user")
    change = reverse("admin:procurement_candidate_change", args=[candidate.pk])
    data = {
        **admin_form_data(client.get(change)),
        "motivation": "Gecorrigeerd",
        "outcome": Candidate.Outcome.SELECTED,
        "override_total": "99",
    }
    assert client.post(change, data).status_code == 302
    candidate.refresh_from_db()
    assert candidate.motivation == "Gecorrigeerd"
    assert candidate.outcome == Candidate.Outcome.PENDING
    assert candidate.override_total is None


def test_a_value_changed_in_the_admin_changes_the_suggested_procedure(client_for, users):
    from decimal import Decimal

    from procurement.dossiers import services as dossier_services
    from tests.factories import DossierFactory

    dossier = DossierFactory(estimated_value=Decimal("20000"), subject_type="supplies")
    dossier.suggested_procedure = dossier_services.suggestion_for(dossier)
    dossier.save()
    low = dossier.suggested_procedure
    client = client_for("admin_user")
    change = reverse("admin:procurement_dossier_change", args=[dossier.pk])
    data = {**admin_form_data(client.get(change)), "estimated_value": "900000.00"}
    assert client.post(change, data).status_code == 302
    dossier.refresh_from_db()
    assert dossier.estimated_value == Decimal("900000.00")
    assert dossier.suggested_procedure != low
    assert dossier.suggested_procedure == dossier_services.suggestion_for(dossier)
