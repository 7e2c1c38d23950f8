"""The reads of execution that carry logic: the lead time is compared with the reference of
the dossier's effective procedure (the chosen one, else the suggested one), and the schedule
names the late phases."""

import datetime

import pytest
from django.utils import timezone

from pilots.approval import selectors as approval_selectors
from pilots.execution import selectors
from pilots.models import Phase
from procurement.models import ProcedureType
from tests.factories import DossierFactory
from tests.pilots.evaluation_helpers import approved_programme

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _lead(users, **dossier):
    programme = approved_programme(users, dossiers=[DossierFactory(**dossier)])
    pilot = approval_selectors.pilot_for_detail(pk=programme.pilots.get().pk)
    return selectors.pilot_lead_time(pilot=pilot)


def test_the_chosen_procedure_wins_over_the_suggested_one(users):
    chosen = ProcedureType.objects.get(code="openbare-procedure")
    suggested = ProcedureType.objects.get(code="niet-openbare-procedure")
    lead = _lead(users, procedure=chosen, suggested_procedure=suggested)
    assert (lead.procedure, lead.lead_time.reference_days) == (chosen, 180)


def test_without_a_chosen_procedure_the_suggested_one_counts(users):
    suggested = ProcedureType.objects.get(code="niet-openbare-procedure")
    lead = _lead(users, suggested_procedure=suggested)
    assert (lead.procedure, lead.lead_time.reference_days) == (suggested, 240)


def test_without_any_procedure_there_is_no_reference(users):
    lead = _lead(users)
    assert (lead.procedure, lead.lead_time.reference_days) == (None, None)


def test_the_schedule_names_a_phase_not_started_after_its_planned_start(users):
    programme = approved_programme(users)
    pilot = programme.pilots.first()
    late = pilot.phases.first()
    Phase.objects.filter(pk=late.pk).update(planned_start=TODAY - datetime.timedelta(days=3))
    schedule = selectors.pilot_schedule(
        pilot=approval_selectors.pilot_for_detail(pk=pilot.pk), today=TODAY
    )
    assert [row.phase.pk for row in schedule.late] == [late.pk]
    assert schedule.chart is not None
