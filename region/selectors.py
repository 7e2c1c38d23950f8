"""Reads of the region: the library's cases, the evaluated pilots a municipality may share,
the snapshot a publication would store, and the regional figures.

Cases are read through their region-scoped manager; pilots through their municipality-scoped
ones. The snapshot is the only place where a pilot's data becomes a case, so the preview and
the publication can never differ.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from core.scoping import active_municipality_ids
from pilots.approval.models import Phase, PhaseType, Pilot
from pilots.documents.models import DocumentKind, OfficialDocument
from pilots.documents.selectors import official_standing
from pilots.evaluation.models import Conclusion
from pilots.evaluation.selectors import pilot_results
from pilots.execution.selectors import pilot_lead_time
from procurement.models import RLadder
from procurement.selection.models import Candidate, Criterion

from . import rules
from .filters import CaseFilter
from .models import LIVE_CASE, PilotCase


def live_cases():
    """The published, not withdrawn cases of the regions in scope, with their publisher."""
    return PilotCase.objects.filter(LIVE_CASE).select_related("municipality", "region")


def case_filter(*, params) -> CaseFilter:
    return CaseFilter(params, queryset=live_cases())


def case_choices():
    """The live cases, as (id, label) for the compare page's choices."""
    return [
        (case.pk, f"{case.title} ({case.municipality.name})")
        for case in live_cases().order_by("title", "pk")
    ]


def publishable_pilots():
    """The active municipality's evaluated pilots, with what their page in the region's
    publish list shows."""
    return (
        Pilot.objects.filter(evaluation__isnull=False)
        .select_related("dossier", "evaluation", "programme")
        .order_by("-evaluation__updated_at", "pk")
    )


def live_case_of(*, pilot: Pilot) -> PilotCase | None:
    return (
        PilotCase.objects.filter(LIVE_CASE)
        .filter(municipality=pilot.programme.municipality, source_pilot_id=pilot.pk)
        .first()
    )


def live_cases_by_pilot(*, pilot_ids) -> dict[int, PilotCase]:
    """The live case of each of `pilot_ids` (of the active municipality), one query."""
    return {
        case.source_pilot_id: case
        for case in PilotCase.objects.filter(LIVE_CASE).filter(
            municipality_id__in=active_municipality_ids(), source_pilot_id__in=list(pilot_ids)
        )
    }


@dataclass
class PhaseRow:
    label: str
    days: int


def phase_rows(plan: list[dict]) -> list[PhaseRow]:
    """The phase plan with the phase types' names in the reader's language (a phase type
    this instance no longer knows keeps its code). One query."""
    names = {phase_type.code: str(phase_type) for phase_type in PhaseType.objects.all()}
    return [PhaseRow(names.get(row["phase"], row["phase"]), int(row["days"])) for row in plan]


# --- The snapshot ----------------------------------------------------------------------------


def _decimal(value) -> str | None:
    return None if value is None else f"{Decimal(value):.2f}"


def _criteria_of(pilot: Pilot) -> list[dict]:
    """The criteria of the round that selected the pilot's dossier, if a round did."""
    candidate = (
        Candidate.objects.filter(dossier_id=pilot.dossier_id, outcome=Candidate.Outcome.SELECTED)
        .order_by("-round__decided_at", "-pk")
        .first()
    )
    if candidate is None:
        return []
    return [
        {
            "name": criterion.name,
            "description": criterion.description,
            "weight": _decimal(criterion.weight),
            "direction": criterion.direction,
            "kind": criterion.source,
        }
        for criterion in Criterion.objects.filter(round_id=candidate.round_id)
    ]


def evaluation_report_of(pilot: Pilot) -> OfficialDocument | None:
    """The latest official evaluation report of the pilot's programme, if it was frozen."""
    return official_standing(programme=pilot.programme, kind=DocumentKind.EVALUATION)


@dataclass
class Snapshot:
    """What a publication stores: the case (unsaved) and the report it would copy."""

    case: PilotCase
    report: OfficialDocument | None = None
    optional: dict = field(default_factory=dict)


def case_snapshot(
    *,
    pilot_id: int,
    share_lessons: bool = False,
    share_factors: bool = False,
    share_report: bool = False,
    today: datetime.date | None = None,
) -> Snapshot:
    """The case a publication of the active municipality's pilot `pilot_id` would store,
    with the optional parts as chosen. Only the fields named here ever leave the
    municipality: no person, no support level, no concern, no note, no department."""
    today = today or timezone.localdate()
    pilot = (
        Pilot.objects.select_related(
            "programme__municipality",
            "evaluation",
            "dossier__procedure__reference_lead_time",
            "dossier__suggested_procedure__reference_lead_time",
        )
        .prefetch_related(
            "circular_strategies",
            Prefetch("phases", queryset=Phase.objects.select_related("phase_type")),
        )
        .get(pk=pilot_id)
    )
    evaluation, dossier = pilot.evaluation, pilot.dossier
    lead = pilot_lead_time(pilot=pilot, today=today).lead_time
    results = pilot_results(pilot=pilot)
    report = evaluation_report_of(pilot)
    case = PilotCase(
        region_id=pilot.programme.municipality.region_id,
        municipality=pilot.programme.municipality,
        source_pilot_id=pilot.pk,
        title=dossier.title,
        description=pilot.scope or dossier.description,
        objectives=pilot.objectives,
        cpv_code=dossier.cpv_code,
        subject_type=dossier.subject_type,
        estimated_value=dossier.estimated_value,
        strategy_codes=" ".join(sorted(s.code for s in pilot.circular_strategies.all())),
        summary=evaluation.summary,
        conclusion=evaluation.conclusion,
        motivation=evaluation.motivation,
        lead_time_days=lead.days,
        reference_lead_time_days=lead.reference_days,
        results=[
            {
                "name": row.point.indicator,
                "category": row.point.category,
                "unit": row.point.unit,
                "target": _decimal(row.point.target),
                "result": _decimal(row.latest_value),
                "met": rules.point_met(row.score),
            }
            for row in results.rows
        ],
        lessons=evaluation.lessons if share_lessons else "",
        success_factors=evaluation.success_factors if share_factors else "",
        pitfalls=evaluation.pitfalls if share_factors else "",
        points=[
            {
                "category": row.point.category,
                "indicator": row.point.indicator,
                "unit": row.point.unit,
                "baseline": _decimal(row.point.baseline),
                "target": _decimal(row.point.target),
                "direction": row.point.direction,
                "weight": row.point.weight,
                "method": row.point.method,
            }
            for row in results.rows
        ],
        criteria=_criteria_of(pilot),
        phase_plan=[
            {
                "phase": phase.phase_type.code,
                "days": (phase.planned_end - phase.planned_start).days + 1,
            }
            for phase in pilot.phases.all()
        ],
    )
    return Snapshot(
        case=case,
        report=report if share_report else None,
        optional={
            "lessons": evaluation.lessons,
            "success_factors": evaluation.success_factors,
            "pitfalls": evaluation.pitfalls,
            "report": report,
        },
    )


# --- Regional figures ------------------------------------------------------------------------


@dataclass
class FigureRow:
    value: str
    label: str
    figure: rules.Figure


@dataclass
class RegionFigures:
    total: rules.Figure
    conclusions: list[FigureRow]
    lead_time: rules.Figure
    reference_lead_time: rules.Figure
    strategies: list[FigureRow]
    minimum: int = rules.MIN_CONTRIBUTORS


def region_figures() -> RegionFigures:
    """The live cases of the regions in scope, counted and averaged; every figure resting on
    fewer than three municipalities comes without its value (see `rules`). One query."""
    rows = list(
        live_cases().values_list(
            "municipality_id",
            "conclusion",
            "lead_time_days",
            "reference_lead_time_days",
            "strategy_codes",
        )
    )
    by_conclusion: dict[str, list[int]] = defaultdict(list)
    by_strategy: dict[str, list[int]] = defaultdict(list)
    timed = []
    for municipality_id, conclusion, days, reference, codes in rows:
        by_conclusion[conclusion].append(municipality_id)
        for code in codes.split():
            by_strategy[code].append(municipality_id)
        if days is not None and reference is not None:
            timed.append((municipality_id, days, reference))
    return RegionFigures(
        total=rules.count_figure(m for m, *_rest in rows),
        conclusions=[
            FigureRow(value, str(label), rules.count_figure(by_conclusion.get(value, [])))
            for value, label in Conclusion.choices
        ],
        lead_time=rules.average_figure((m, days) for m, days, _ref in timed),
        reference_lead_time=rules.average_figure((m, ref) for m, _days, ref in timed),
        strategies=[
            FigureRow(value, str(label), rules.count_figure(by_strategy[value]))
            for value, label in RLadder.choices
            if value in by_strategy
        ],
    )
