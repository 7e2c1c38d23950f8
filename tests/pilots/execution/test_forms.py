"""The execution forms: one row of actual dates and a note per phase, handed to the service
by phase; the market dialogue offers the market parties and keeps the ones already linked."""

import datetime

import pytest

from pilots.execution.forms import MarketDialogueForm, PhasesForm
from pilots.models import MarketDialogue
from stakeholders.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_phases_form_hands_each_phase_its_dates_and_note(programme):
    phases = list(programme.pilots.first().phases.select_related("phase_type"))
    first, second = phases[0], phases[1]
    start = datetime.date(2026, 3, 2)
    data = {f"phase_{first.pk}_start": start, f"phase_{second.pk}_note": "  Later  "}
    form = PhasesForm(data, phases=phases)
    assert form.is_valid(), form.errors
    assert [row[0] for row in form.rows()] == phases
    handed = form.service_phases()
    assert set(handed) == {phase.pk for phase in phases}
    assert handed[first.pk] == (start, None, "")
    assert handed[second.pk] == (None, None, "Later")


def test_the_dialogue_offers_market_parties_and_keeps_a_linked_other(programme, users):
    party = Organisation.objects.create(name="Refurb bv", kind=Organisation.Kind.MARKET_PARTY)
    other = Organisation.objects.create(name="Buurtcomité", kind=Organisation.Kind.ADVISOR)
    assert list(MarketDialogueForm().fields["organisations"].queryset) == [party]
    dialogue = MarketDialogue.objects.create(
        pilot=programme.pilots.first(),
        held_on=datetime.date(2026, 3, 2),
        form=MarketDialogue.Form.ONE_TO_ONE,
        learned="Veel.",
    )
    dialogue.organisations.set([other])
    form = MarketDialogueForm(instance=dialogue)
    assert set(form.fields["organisations"].queryset) == {party, other}
    assert form.fields["organisations"].initial == [other]
