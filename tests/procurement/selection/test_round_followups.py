"""After the selection: deciding while departments may still answer asks for a confirmation;
the selected pilots come by rank; a decided round starts a programme."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from procurement.models import RoundDepartment, SelectionEvent
from procurement.selection import selectors, services
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db


def _add(users, selection_round, dossier):
    return services.candidate_add(
        user=users["officer"],
        round_id=selection_round.pk,
        department_id=dossier.department_id,
        dossier=dossier,
    )


def _select(users, candidate, total=None):
    if total is not None:
        services.candidate_override(
            user=users["officer"], candidate_id=candidate.pk, total=total, rationale="Inschatting"
        )
    services.candidate_outcome_set(
        user=users["officer"], candidate_id=candidate.pk, outcome="selected", rationale="Klein"
    )


def _decide(users, selection_round, **extra):
    return services.round_decide(
        user=users["officer"], round_id=selection_round.pk, rationale="Besluit", **extra
    )


@pytest.fixture
def ready(users, selection_round, own_dossier):
    """An open round with one selected candidate; neither department has answered yet."""
    _select(users, _add(users, selection_round, own_dossier))
    return selection_round


def test_deciding_before_the_deadline_without_every_answer_needs_a_confirmation(users, ready):
    with translation.override("en"), pytest.raises(services.SelectionError) as refused:
        _decide(users, ready)
    assert "Gebouwen" in str(refused.value)
    assert "Ruimte" in str(refused.value)
    ready.refresh_from_db()
    assert ready.is_open
    _decide(users, ready, decide_without_answers=True)
    ready.refresh_from_db()
    assert not ready.is_open
    event = ready.events.get(kind=SelectionEvent.Kind.DECIDED)
    assert "Gebouwen" in event.detail


def test_no_confirmation_once_everyone_answered_or_the_deadline_passed(users, ready):
    ready.invitations.update(answer_status=RoundDepartment.AnswerStatus.COMPLETE)
    assert selectors.unanswered_before_deadline(selection_round=ready) == []
    ready.invitations.update(answer_status=RoundDepartment.AnswerStatus.NOT_ANSWERED)
    tomorrow = ready.deadline + datetime.timedelta(days=1)
    assert selectors.unanswered_before_deadline(selection_round=ready, today=tomorrow) == []
    type(ready).objects.filter(pk=ready.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    _decide(users, ready)  # the deadline has passed: no confirmation asked
    ready.refresh_from_db()
    assert not ready.is_open


def test_the_decision_page_warns_and_asks_to_tick_the_box(client_for, ready):
    client = client_for("officer")
    url = reverse("selection:decide", args=[ready.pk])
    content = client.get(url).content.decode()
    assert "2 diensten hebben hun antwoord nog niet afgerond" in content
    assert 'name="decide_without_answers"' in content
    response = client.post(url, {"rationale": "Besluit"}, follow=True)
    assert "Vink aan dat je beslist zonder hen" in response.content.decode()
    ready.refresh_from_db()
    assert ready.is_open
    client.post(url, {"rationale": "Besluit", "decide_without_answers": "on"})
    ready.refresh_from_db()
    assert not ready.is_open


def test_the_selected_pilots_come_by_rank_not_by_reference(users, selection_round, department):
    first_by_reference = DossierFactory(department=department, title="A")
    second_by_reference = DossierFactory(department=department, title="B")
    assert first_by_reference.reference < second_by_reference.reference
    low = _add(users, selection_round, first_by_reference)
    high = _add(users, selection_round, second_by_reference)
    _select(users, low, total=Decimal("10"))
    _select(users, high, total=Decimal("90"))
    _decide(users, selection_round, decide_without_answers=True)
    selected = list(selectors.selected_candidates(selection_round=selection_round))
    assert [c.pk for c in selected] == [high.pk, low.pk]
    assert [c.rank_at_decision for c in selected] == [1, 2]
    dossiers = list(selectors.selection_selected_dossiers(round_id=selection_round.pk))
    assert dossiers == [second_by_reference, first_by_reference]


def test_the_decision_page_lists_the_outcomes_by_rank(users, selection_round, department):
    low = _add(users, selection_round, DossierFactory(department=department))
    high = _add(users, selection_round, DossierFactory(department=department))
    _select(users, low, total=Decimal("10"))
    _select(users, high, total=Decimal("90"))
    outcomes = selectors.round_outcomes(selection_round=selection_round)
    assert [(c.pk, c.rank) for c in outcomes] == [(high.pk, 1), (low.pk, 2)]


@pytest.mark.parametrize(("persona", "offered"), [("officer", True), ("staff", False)])
def test_a_decided_round_offers_to_start_a_programme(client_for, users, ready, persona, offered):
    link = f"{reverse('pilots:programme_create')}?round={ready.pk}"
    assert link not in client_for("officer").get(ready.get_absolute_url()).content.decode()
    _decide(users, ready, decide_without_answers=True)
    content = client_for(persona).get(ready.get_absolute_url()).content.decode()
    assert (link in content) is offered
    if offered:
        assert "Start een programma vanuit deze ronde" in content


def test_the_programme_form_fills_in_the_round_asked_for_also_an_older_one(
    client_for, users, ready, own_dossier
):
    _decide(users, ready, decide_without_answers=True)
    # Ten newer decided rounds: the one asked for is not among the buttons any more.
    type(ready).objects.filter(pk=ready.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=400)
    )
    for n in range(10):
        newer = type(ready).objects.create(
            title=f"Nieuwer {n}",
            question="?",
            deadline=ready.deadline,
            status="decided",
            decided_at=timezone.now(),
        )
        assert newer.pk
    response = client_for("officer").get(f"{reverse('pilots:programme_create')}?round={ready.pk}")
    form = response.context["form"]
    assert list(form.initial["dossiers"]) == [own_dossier.pk]
    assert response.context["chosen_round"] == ready
