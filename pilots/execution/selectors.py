"""Reads of execution, in a fixed number of queries at any size: the phases with their timing,
the Gantt chart, the lead time against its reference, and the market dialogues.

`pilot_schedule` and `pilot_lead_time` are also what the evaluation roll-up and the PDF
documents read.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from pilots.approval.models import Phase, Pilot
from procurement.models import ProcedureType

from . import rules
from .charts import gantt_chart, gantt_rows
from .models import MarketDialogue


def phase_dates(phase: Phase) -> rules.PhaseDates:
    return rules.PhaseDates(
        code=phase.phase_type.code,
        planned_start=phase.planned_start,
        planned_end=phase.planned_end,
        actual_start=phase.actual_start,
        actual_end=phase.actual_end,
    )


@dataclass
class ScheduleRow:
    phase: Phase
    timing: rules.PhaseTiming


@dataclass
class Schedule:
    rows: list[ScheduleRow]
    chart: dict | None
    today: datetime.date

    @property
    def late(self) -> list[ScheduleRow]:
        return [row for row in self.rows if row.timing.is_late]


def pilot_schedule(*, pilot: Pilot, today: datetime.date | None = None) -> Schedule:
    """Each phase with its timing against the plan, and the Gantt chart. `pilot` comes with
    its phases (and their types) prefetched."""
    today = today or timezone.localdate()
    phases = list(pilot.phases.all())
    rows = [
        ScheduleRow(phase, rules.phase_timing(phase_dates(phase), today=today)) for phase in phases
    ]
    return Schedule(rows=rows, chart=gantt_chart(gantt_rows(rows), today=today), today=today)


@dataclass
class LeadTimeResult:
    lead_time: rules.LeadTime
    procedure: ProcedureType | None


def reference_days(procedure: ProcedureType | None) -> int | None:
    if procedure is None:
        return None
    reference = getattr(procedure, "reference_lead_time", None)
    return reference.days if reference is not None else None


def pilot_lead_time(
    *, pilot: Pilot, today: datetime.date | None = None, procedure: ProcedureType | None = None
) -> LeadTimeResult:
    """Start of preparation → award, against the reference lead time of the dossier's
    effective procedure (`procedure` when the caller has it). `pilot` comes with its phases
    and its dossier's procedures."""
    today = today or timezone.localdate()
    procedure = procedure if procedure is not None else pilot.dossier.effective_procedure
    phases = [phase_dates(phase) for phase in pilot.phases.all()]
    result = rules.lead_time(phases, reference_days=reference_days(procedure), today=today)
    return LeadTimeResult(lead_time=result, procedure=procedure)


def pilot_award_overrun(pilot: Pilot) -> rules.AwardOverrun | None:
    """The pilot's award against its dossier's required award date (see
    `rules.award_overrun`). `pilot` comes with its dossier and its phases (and their types)
    prefetched: no query."""
    phases = [phase_dates(phase) for phase in pilot.phases.all()]
    return rules.award_overrun(phases, required=pilot.dossier.required_award_date)


def pilot_with_phases(*, pilot_id: int) -> Pilot:
    """The pilot with its dossier and phases, for `pilot_award_overrun`."""
    return (
        Pilot.objects.select_related("dossier")
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.select_related("phase_type")))
        .get(pk=pilot_id)
    )


def award_date_overruns(pilots) -> dict[int, rules.AwardOverrun]:
    """The pilots whose award is planned (or was made) after their dossier's required award
    date, by pilot id; a pilot on time is absent. `pilots` come with their dossier and phases
    prefetched (`pilots.approval.selectors.pilots_prefetch`): no query per pilot. The MAT
    briefing, the evaluation report, the programme page and the pilot page all read it."""
    overruns = {}
    for pilot in pilots:
        overrun = pilot_award_overrun(pilot)
        if overrun is not None:
            overruns[pilot.pk] = overrun
    return overruns


def market_dialogues(*, pilot: Pilot):
    return MarketDialogue.objects.filter(pilot=pilot).prefetch_related(
        "organisations", "attachments"
    )
