"""My work: each kind of work reaches the one who acts on it, and nobody else; one list,
nearest deadline first, each line linking to the place to act."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard import work
from dashboard.work import Kind
from pilots.approval import changes
from pilots.approval import services as approval_services
from pilots.evaluation import services as evaluation_services
from pilots.models import Outcome, Phase
from procurement.selection import services as selection_services
from stakeholders.models import Concern
from tests.factories import DossierFactory
from tests.pilots.evaluation_helpers import add_point, approve
from tests.pilots.factories import edit_programme, make_programme
from tests.stakeholders.factories import ActionItemFactory, ConcernFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["staff", "officer", "head", "director", "cell", "mat", "admin_user", "outsider"]


def _kinds(users) -> dict[str, list[tuple[str, str]]]:
    """Per persona, its work as (kind, title)."""
    return {
        name: [(item.kind, item.title) for item in work.my_work(user=users[name])]
        for name in PERSONAS
    }


def _only(users, name, expected) -> None:
    found = _kinds(users)
    assert found[name] == expected
    assert all(not found[other] for other in PERSONAS if other != name), found


def _submitted(users, **overrides):
    programme = make_programme(user=users["officer"], **overrides)
    approval_services.programme_submit(programme_id=programme.pk, user=users["officer"])
    return programme


def test_a_stage_to_decide_reaches_only_its_decider_with_the_version_and_the_decision_page(
    users,
):
    programme = _submitted(users, title="Traject speelruimte")
    [item] = work.my_work(user=users["director"])
    assert item.kind == Kind.DECIDE
    assert item.url == reverse("pilots:programme_decide", args=[programme.pk])
    assert item.detail == "Versie 1, de eerste."
    # Due when the reminder goes out: the municipality's reminder days after it opened.
    assert item.deadline == timezone.localdate() + datetime.timedelta(days=5)
    found = _kinds(users)
    assert all(not found[name] for name in PERSONAS if name != "director"), found


def test_version_two_says_what_changed_since_version_one(users):
    programme = _submitted(users, title="Traject speelruimte")
    approval_services.decision_record(
        programme_id=programme.pk,
        user=users["director"],
        outcome=Outcome.CHANGES_REQUESTED,
        motivation="Het budget is te krap.",
        co_validator=users["head"],
    )
    programme.refresh_from_db()
    edit_programme(programme, user=users["officer"], budget=Decimal("40000.00"), risks="Minder.")
    approval_services.programme_submit(programme_id=programme.pk, user=users["officer"])
    [item] = work.my_work(user=users["director"])
    assert item.detail == "Versie 2. Gewijzigd sinds versie 1: budget, risico's."


def test_a_programme_sent_back_reaches_its_submitter_with_the_reason(users):
    programme = _submitted(users, title="Traject speelruimte")
    approval_services.decision_record(
        programme_id=programme.pk,
        user=users["director"],
        outcome=Outcome.CHANGES_REQUESTED,
        motivation="Het budget is te krap.",
        co_validator=users["head"],
    )
    [item] = work.my_work(user=users["officer"])
    assert item.kind == Kind.SENT_BACK
    assert "Het budget is te krap." in item.detail
    assert item.url == reverse("pilots:programme_update", args=[programme.pk])
    _only(users, "officer", [(Kind.SENT_BACK, "Traject speelruimte")])


def test_a_draft_reaches_the_one_who_started_it(users):
    make_programme(user=users["officer"], title="Mijn ontwerp", start_date=None)
    _only(users, "officer", [(Kind.DRAFT, "Mijn ontwerp")])
    [item] = work.my_work(user=users["officer"])
    assert item.deadline is None


def test_an_inventory_answer_reaches_who_may_answer_for_the_department(users, department):
    selection_services.round_open(
        user=users["officer"],
        title="Inventaris 2027",
        question="Welke opdrachten?",
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        departments=[department],
    )
    found = _kinds(users)
    # Department staff answers for its own department, procurement for every one; the deciders
    # who happen to work in the department do not answer for it.
    for name in ("staff", "officer", "head"):
        assert found[name] == [(Kind.INVENTORY, "Inventaris 2027")], name
    for name in ("director", "cell", "mat", "admin_user", "outsider"):
        assert not found[name], name
    [item] = work.my_work(user=users["staff"])
    assert item.url == reverse("selection:answer", args=[item_round_pk(item), department.pk])


def item_round_pk(item) -> int:
    return int(item.url.strip("/").split("/")[1])


def test_an_action_item_reaches_its_owner(users):
    ActionItemFactory(owner=users["staff"].person, description="Bellen met de leverancier")
    _only(users, "staff", [(Kind.ACTION, "Bellen met de leverancier")])


def test_only_an_open_concern_past_its_due_date_reaches_its_owner(users):
    today = timezone.localdate()
    owner = users["cell"].person
    ConcernFactory(owner=owner, due_on=today - datetime.timedelta(days=1))
    ConcernFactory(owner=owner, due_on=today + datetime.timedelta(days=1))
    ConcernFactory(
        owner=owner, due_on=today - datetime.timedelta(days=3), status=Concern.Status.MITIGATED
    )
    _only(users, "cell", [(Kind.CONCERN, "Juridisch risico")])


def _approved_with_phases(users, *, title="Traject in uitvoering"):
    programme = approve(make_programme(user=users["officer"], title=title), users)
    return programme


def test_a_late_phase_of_my_pilot_reaches_me_and_a_phase_on_time_does_not(users):
    programme = _approved_with_phases(users)
    today = timezone.localdate()
    pilot = programme.pilots.first()
    phases = list(Phase.objects.filter(pilot=pilot).order_by("planned_start"))
    Phase.objects.filter(pk=phases[0].pk).update(
        planned_start=today - datetime.timedelta(days=20),
        planned_end=today - datetime.timedelta(days=3),
        actual_start=today - datetime.timedelta(days=20),
    )
    found = _kinds(users)
    assert [kind for kind, _title in found["officer"]] == [Kind.PHASE]
    [item] = work.my_work(user=users["officer"])
    assert item.detail == "3 dagen achter op de planning."
    assert item.url == reverse("pilots:phases_record", args=[pilot.pk])
    # The head of procurement did not start this programme and owns none of its dossiers.
    assert not found["head"]
    Phase.objects.filter(pk=phases[0].pk).update(actual_end=today - datetime.timedelta(days=1))
    assert not work.my_work(user=users["officer"])


def test_a_point_without_measurement_is_due_until_it_is_measured(users):
    programme = make_programme(user=users["officer"], title="Traject in uitvoering")
    pilot = programme.pilots.first()
    point = add_point(pilot, users["officer"], indicator="Aandeel hergebruik")
    approve(programme, users)
    [item] = work.my_work(user=users["officer"])
    assert (item.kind, item.url) == (
        Kind.MEASUREMENT,
        reverse("pilots:point_detail", args=[pilot.pk, point.pk]),
    )
    evaluation_services.measurement_add(
        point_id=point.pk,
        user=users["officer"],
        measured_on=timezone.localdate(),
        value=Decimal("12"),
        source="Leverancier",
    )
    assert not work.my_work(user=users["officer"])


def test_a_point_whose_only_measurement_was_removed_is_due_again(users):
    programme = make_programme(user=users["officer"], title="Traject in uitvoering")
    point = add_point(programme.pilots.first(), users["officer"], indicator="Aandeel hergebruik")
    approve(programme, users)
    measurement = evaluation_services.measurement_add(
        point_id=point.pk,
        user=users["officer"],
        measured_on=timezone.localdate(),
        value=Decimal("12"),
        source="Leverancier",
    )
    assert not work.my_work(user=users["officer"])
    evaluation_services.measurement_remove(
        measurement_id=measurement.pk, user=users["officer"], reason="Verkeerde eenheid."
    )
    assert [item.kind for item in work.my_work(user=users["officer"])] == [Kind.MEASUREMENT]


def test_the_work_of_a_dossier_owner_follows_the_dossier(users):
    """A pilot is also the work of whoever owns its dossier: the head of procurement here."""
    dossier = DossierFactory(owner=users["head"].person)
    programme = make_programme(user=users["officer"], dossiers=[dossier, DossierFactory()])
    pilot = programme.pilots.get(dossier=dossier)
    add_point(pilot, users["officer"], indicator="Aandeel hergebruik")
    approve(programme, users)
    assert [item.kind for item in work.my_work(user=users["head"])] == [Kind.MEASUREMENT]


def test_the_list_runs_nearest_deadline_first_and_undated_work_last(users):
    today = timezone.localdate()
    person = users["officer"].person
    make_programme(user=users["officer"], title="Zonder datum", start_date=None)
    ActionItemFactory(owner=person, description="Later", due_on=today + datetime.timedelta(9))
    ActionItemFactory(owner=person, description="Eerst", due_on=today - datetime.timedelta(2))
    ConcernFactory(owner=person, due_on=today - datetime.timedelta(days=1))
    titles = [item.title for item in work.my_work(user=users["officer"])]
    assert titles == ["Eerst", "Juridisch risico", "Later", "Zonder datum"]


def test_my_work_page_and_home_show_the_items_with_their_links(client_for, users):
    ActionItemFactory(owner=users["staff"].person, description="Bellen met de leverancier")
    client = client_for("staff")
    for name in ("dashboard:my_work", "dashboard:home"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "Bellen met de leverancier" in response.content.decode()
    assert (
        "Niets wacht op jou" in client_for("mat").get(reverse("dashboard:my_work")).content.decode()
    )


def test_what_changed_follows_the_programme_s_order_whatever_the_stored_order():
    """PostgreSQL's jsonb gives the keys back in an order of its own."""
    before = {"risks": "A", "budget": "1", "title": "T", "pilots": []}
    after = {"title": "T", "pilots": [], "risks": "B", "budget": "2"}
    rows = changes.content_changes(before=before, after=after, before_extra=None, after_extra=None)
    assert changes.summary_of(rows, from_version=1) == "Gewijzigd sinds versie 1: budget, risico's."
