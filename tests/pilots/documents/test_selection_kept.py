"""Reopening a selection round warns and names the programmes built on it; a programme
submitted or approved on the decision keeps it in its briefing, ranks and all."""

import pytest
from django.urls import reverse

from pilots.documents.briefing import _submitted_at, briefing_selection
from pilots.models import Programme
from procurement.selection import services as selection_services
from tests.factories import DossierFactory
from tests.pilots.evaluation_helpers import approve
from tests.pilots.factories import make_programme
from tests.procurement.factories import RoundDepartmentFactory, SelectionRoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def selection_round(department, other_department):
    selection_round = SelectionRoundFactory(title="Inventaris test")
    RoundDepartmentFactory(round=selection_round, department=department)
    RoundDepartmentFactory(round=selection_round, department=other_department)
    return selection_round


@pytest.fixture
def own_dossier(department):
    return DossierFactory(department=department, title="Werkkledij")


@pytest.fixture
def other_dossier(other_department):
    return DossierFactory(department=other_department, title="Speeltoestellen")


@pytest.fixture
def decided(users, selection_round, own_dossier, other_dossier):
    """A round that selected `own_dossier` (and rejected the other), decided."""
    for dossier in (own_dossier, other_dossier):
        selection_services.candidate_add(
            user=users["officer"],
            round_id=selection_round.pk,
            department_id=dossier.department_id,
            dossier=dossier,
        )
    chosen = selection_round.candidates.get(dossier=own_dossier)
    selection_services.candidate_outcome_set(
        user=users["officer"], candidate_id=chosen.pk, outcome="selected", rationale="Klein"
    )
    selection_services.round_decide(
        user=users["officer"],
        round_id=selection_round.pk,
        rationale="Eén kleine pilot",
        rest_rationale="Groter",
        decide_without_answers=True,
    )
    return selection_round


def _reopen(users, selection_round):
    selection_services.round_reopen(
        user=users["officer"], round_id=selection_round.pk, reason="Nieuwe kandidaat"
    )


def _selection(programme):
    programme = Programme.objects.get(pk=programme.pk)
    pilots = list(programme.pilots.select_related("dossier"))
    return briefing_selection(pilots, as_of=_submitted_at(programme))


def test_an_approved_programme_keeps_the_selection_it_was_approved_on(users, decided, own_dossier):
    programme = approve(make_programme(user=users["officer"], dossiers=[own_dossier]), users)
    before = _selection(programme)
    assert before["round"].title == decided.title
    _reopen(users, decided)
    after = _selection(programme)
    assert after is not None
    assert after["round"].decision_rationale == "Eén kleine pilot"
    assert [(c.dossier_id, c.rank_at_decision, c.outcome) for c in after["candidates"]] == [
        (c.dossier_id, c.rank_at_decision, c.outcome) for c in before["candidates"]
    ]
    assert [c["name"] for c in after["criteria"]] == [c["name"] for c in before["criteria"]]


def test_a_draft_shows_the_selection_again_only_once_it_is_decided_anew(
    users, decided, own_dossier
):
    programme = make_programme(user=users["officer"], dossiers=[own_dossier])
    assert _selection(programme)["round"].title == decided.title
    _reopen(users, decided)
    assert _selection(programme) is None
    selection_services.round_decide(
        user=users["officer"],
        round_id=decided.pk,
        rationale="Opnieuw beslist",
        decide_without_answers=True,
    )
    assert _selection(programme)["round"].decision_rationale == "Opnieuw beslist"


def test_reopening_names_the_programmes_built_on_the_round(client_for, users, decided, own_dossier):
    programme = make_programme(
        user=users["officer"], dossiers=[own_dossier], title="Proeftraject werkkledij"
    )
    page = client_for("officer").get(reverse("selection:reopen", args=[decided.pk]))
    content = page.content.decode()
    assert "Eén programma bouwt op deze selectie" in content
    assert "Proeftraject werkkledij" in content
    assert programme.get_absolute_url() in content
    _reopen(users, decided)
    event = decided.events.get(kind="reopened")
    assert "Proeftraject werkkledij" in event.detail
    assert event.snapshot["rationale"] == "Eén kleine pilot"


def test_a_round_without_programmes_reopens_without_a_warning(client_for, decided):
    page = client_for("officer").get(reverse("selection:reopen", args=[decided.pk]))
    assert "bouwt op deze selectie" not in page.content.decode()
