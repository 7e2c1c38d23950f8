"""The approval forms ask what the stage or the user needs, nothing more: the decision form
follows its stage, the substitution form offers only the roles one holds, the pilot form the
pilot's phases, and people are named as everywhere else."""

import datetime
from decimal import Decimal

import pytest

from pilots.approval.forms import DecisionForm, PilotForm, ProgrammeForm, SubstitutionForm
from pilots.models import RevisionStage
from procurement.models import Dossier
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db


def _stage(submitted, position: int) -> RevisionStage:
    return RevisionStage.objects.get(revision__programme=submitted, position=position)


def test_the_directors_stage_asks_a_decision_and_its_co_validator(submitted, users):
    form = DecisionForm(stage=_stage(submitted, 1))
    assert set(form.fields) == {
        "outcome",
        "motivation",
        "conditions",
        "co_validator",
        "decided_on",
    }
    assert list(form.fields["co_validator"].queryset) == [users["head"]]
    assert form.fields["co_validator"].label_from_instance(users["head"]) == "Head Persona"


def test_the_advice_stage_asks_advice_and_no_decision(submitted):
    form = DecisionForm(stage=_stage(submitted, 2))
    assert set(form.fields) == {"communication_advice", "scale_up_advice", "decided_on"}


def test_the_mats_stage_asks_the_meeting_date(submitted):
    form = DecisionForm(stage=_stage(submitted, 3))
    assert set(form.fields) == {"outcome", "motivation", "conditions", "meeting_date"}


def test_the_decision_form_hands_the_service_only_what_was_filled_in(submitted, users):
    form = DecisionForm(
        {"outcome": "approved", "co_validator": users["head"].pk}, stage=_stage(submitted, 1)
    )
    assert form.is_valid(), form.errors
    assert form.service_fields() == {
        "outcome": "approved",
        "motivation": "",
        "conditions": "",
        "co_validator": users["head"],
    }


def test_an_unknown_outcome_is_not_a_choice(submitted):
    form = DecisionForm({"outcome": "advised"}, stage=_stage(submitted, 1))
    assert not form.is_valid()
    assert "outcome" in form.errors


def test_a_substitution_hands_over_only_the_approval_roles_one_holds(users):
    director = SubstitutionForm(user=users["director"])
    assert [value for value, _ in director.fields["role"].choices] == ["financial-director"]
    assert users["director"] not in director.fields["substitute"].queryset
    assert users["outsider"] not in director.fields["substitute"].queryset
    assert SubstitutionForm(user=users["staff"]).fields["role"].choices == []


def test_the_pilot_form_plans_each_phase_of_the_pilot(programme):
    pilot = programme.pilots.first()
    phases = list(pilot.phases.all())
    form = PilotForm(instance=pilot)
    assert [row[0] for row in form.phase_rows()] == phases
    start = datetime.date(2026, 3, 2)
    data = {"scope": "Afgebakend", "objectives": "Leren"}
    for index, phase in enumerate(phases):
        data[f"phase_{phase.pk}_start"] = start + datetime.timedelta(weeks=index)
        data[f"phase_{phase.pk}_end"] = start + datetime.timedelta(weeks=index, days=6)
    form = PilotForm(data, instance=pilot)
    assert form.is_valid(), form.errors
    assert form.service_fields() == {
        "scope": "Afgebakend",
        "objectives": "Leren",
        "procurement_budget": "",
    }
    assert form.planned_phases()[phases[0].pk] == (start, start + datetime.timedelta(days=6))


def test_the_programme_form_offers_open_dossiers_and_starts_from_the_pilots(programme):
    closed = DossierFactory(status=Dossier.Status.CLOSED)
    cancelled = DossierFactory(status=Dossier.Status.CANCELLED)
    form = ProgrammeForm(instance=programme)
    offered = set(form.fields["dossiers"].queryset)
    assert closed not in offered
    assert cancelled not in offered
    assert set(form.fields["dossiers"].initial) == {p.dossier_id for p in programme.pilots.all()}


@pytest.mark.parametrize(
    ("typed", "read"),
    [("40.000", "40000.00"), ("40.000,50", "40000.50"), ("40000.5", "40000.50")],
)
def test_the_programme_budget_reads_an_amount_as_people_type_it(typed, read):
    form = ProgrammeForm(data={"title": "Traject", "purpose": "Leren", "budget": typed})
    form.is_valid()
    assert "budget" not in form.errors, form.errors
    assert form.cleaned_data["budget"] == Decimal(read)


def test_a_negative_programme_budget_is_refused():
    form = ProgrammeForm(data={"title": "Traject", "purpose": "Leren", "budget": "-5"})
    assert not form.is_valid()
    assert "budget" in form.errors
