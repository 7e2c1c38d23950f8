"""Actual dates of phases (moving the dossier along) and market dialogues."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from pilots.common.errors import PilotError
from pilots.execution import services
from pilots.models import MarketDialogue
from stakeholders.models import Organisation
from tests.pilots.evaluation_helpers import approved_programme
from tests.pilots.factories import make_programme

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def pilot(users):
    return approved_programme(users).pilots.select_related("dossier").first()


def _phases(pilot):
    return {phase.phase_type.code: phase for phase in pilot.phases.select_related("phase_type")}


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


def test_it_records_actual_dates_and_moves_the_dossier_to_published(pilot, users):
    phases = _phases(pilot)
    services.phases_record(
        pilot_id=pilot.pk,
        user=users["officer"],
        phases={
            phases["market-dialogue"].pk: (days_ago(60), days_ago(40), "Infosessie."),
            phases["specifications"].pk: (days_ago(39), days_ago(10), ""),
            phases["publication"].pk: (days_ago(9), None, ""),
        },
    )
    phase = pilot.phases.get(pk=phases["market-dialogue"].pk)
    assert (phase.actual_start, phase.actual_end, phase.note) == (
        days_ago(60),
        days_ago(40),
        "Infosessie.",
    )
    pilot.dossier.refresh_from_db()
    assert pilot.dossier.status == "published"
    latest = pilot.dossier.history.latest()
    assert (latest.status, latest.history_user) == ("published", users["officer"])


def test_an_ended_award_makes_the_dossier_awarded(pilot, users):
    phases = _phases(pilot)
    services.phases_record(
        pilot_id=pilot.pk,
        user=users["head"],
        phases={phases["award"].pk: (days_ago(20), days_ago(2), "")},
    )
    pilot.dossier.refresh_from_db()
    assert pilot.dossier.status == "awarded"


def test_recording_dates_that_imply_no_new_status_leaves_the_dossier_history_alone(pilot, users):
    phases = _phases(pilot)
    before = pilot.dossier.history.count()
    services.phases_record(
        pilot_id=pilot.pk,
        user=users["officer"],
        phases={phases["market-dialogue"].pk: (None, None, "Gepland voor volgende maand.")},
    )
    assert pilot.dossier.history.count() == before


@pytest.mark.parametrize(
    ("dates", "words", "field"),
    [
        ((None, days_ago(1)), "actual start before the actual end", "start"),
        ((days_ago(1), days_ago(5)), "cannot come before", "end"),
        ((days_ago(1), TODAY + datetime.timedelta(days=1)), "future", "end"),
        ((TODAY + datetime.timedelta(days=2), None), "future", "start"),
    ],
)
def test_it_refuses_impossible_actual_dates_and_saves_nothing(pilot, users, dates, words, field):
    phases = _phases(pilot)
    target = phases["specifications"]
    with pytest.raises(PilotError, match=words) as error:
        services.phases_record(
            pilot_id=pilot.pk, user=users["officer"], phases={target.pk: (*dates, "")}
        )
    assert error.value.field == f"phase_{target.pk}_{field}"
    target.refresh_from_db()
    assert (target.actual_start, target.actual_end) == (None, None)


def test_it_refuses_actual_dates_before_approval(users):
    pilot = make_programme(user=users["officer"]).pilots.first()
    phase = pilot.phases.first()
    with pytest.raises(PilotError, match="approved"):
        services.phases_record(
            pilot_id=pilot.pk, user=users["officer"], phases={phase.pk: (days_ago(1), None, "")}
        )


def test_only_procurement_records_the_execution(pilot, users):
    with pytest.raises(PermissionDenied):
        services.phases_record(pilot_id=pilot.pk, user=users["mat"], phases={})


# --- Market dialogues ------------------------------------------------------------------------


@pytest.fixture
def parties(db):
    return [
        Organisation.objects.create(name="Refurb Office bv", kind="market_party"),
        Organisation.objects.create(name="Kringwinkel", kind="market_party"),
    ]


def _dialogue(pilot, user, organisations, **fields):
    return services.market_dialogue_save(
        pilot_id=pilot.pk,
        user=user,
        organisations=organisations,
        **{
            "held_on": days_ago(3),
            "form": "information_session",
            "learned": "Refurbish is haalbaar.",
            **fields,
        },
    )


def test_it_records_a_market_dialogue_with_the_parties_met(pilot, users, parties):
    dialogue = _dialogue(pilot, users["officer"], parties, participant_count=5)
    assert set(dialogue.organisations.all()) == set(parties)
    assert dialogue.recorded_by == users["officer"]
    assert list(parties[0].market_dialogues.all()) == [dialogue]


def test_it_refuses_a_market_dialogue_without_parties(pilot, users):
    with pytest.raises(PilotError) as error:
        _dialogue(pilot, users["officer"], [])
    assert error.value.field == "organisations"
    assert not MarketDialogue.objects.exists()


def test_it_refuses_a_market_dialogue_in_the_future_or_of_an_unknown_form(pilot, users, parties):
    with pytest.raises(PilotError, match="future"):
        _dialogue(pilot, users["officer"], parties, held_on=TODAY + datetime.timedelta(days=1))
    with pytest.raises(PilotError) as error:
        _dialogue(pilot, users["officer"], parties, form="dinner")
    assert error.value.field == "form"
    assert not MarketDialogue.objects.exists()


def test_it_edits_a_market_dialogue(pilot, users, parties):
    dialogue = _dialogue(pilot, users["officer"], parties)
    services.market_dialogue_save(
        pilot_id=pilot.pk,
        user=users["head"],
        dialogue_id=dialogue.pk,
        organisations=parties[:1],
        held_on=days_ago(3),
        form="one_to_one",
        learned="Ook herstel.",
    )
    dialogue.refresh_from_db()
    assert dialogue.form == "one_to_one"
    assert list(dialogue.organisations.all()) == parties[:1]
