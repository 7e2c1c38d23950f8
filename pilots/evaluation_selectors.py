"""Reads of execution, evaluation and policy, in a fixed number of queries at any size.

The functions without a leading underscore are also what the PDF documents (MAT briefing,
evaluation report) read: `pilot_schedule`, `pilot_lead_time`, `pilot_results`,
`programme_evaluation`, `policy_recommendations` and `policy_draft`.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from procurement.models import ProcedureType

from . import evaluation_rules as rules
from .evaluation_models import Theme
from .models import (
    EvaluationPoint,
    EvaluationPointTemplate,
    MarketDialogue,
    Measurement,
    Phase,
    Pilot,
    PilotEvaluation,
    PointChange,
    PolicyRecommendation,
    Programme,
    ProgrammeEvaluation,
)

# --- Phases, Gantt chart and lead time ------------------------------------------------------


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
    return Schedule(rows=rows, chart=gantt_chart(rows, today=today), today=today)


# Presentation attributes, not style attributes: the CSP forbids inline styles. Colours keep a
# 4.5:1 contrast to white text and 3:1 to the background.
GANTT = {
    "width": 760,
    "label": 200,
    "right": 16,
    "top": 30,
    "row": 44,
    "bar": 13,
    "planned_fill": "#d8e6df",
    "planned_stroke": "#1f5f4a",
    "actual_fill": "#1f5f4a",
    "running_fill": "#4f8a3c",
    "late_fill": "#b42318",
}


def _f(value: float) -> str:
    """A number for an SVG attribute: always a dot decimal, whatever the page's language."""
    return f"{value:.1f}"


def _month_ticks(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = 1 if months <= 12 else 2 if months <= 24 else 3
    tick = datetime.date(first.year, first.month, 1)
    ticks = []
    index = 0
    while tick <= last:
        if tick >= first and index % step == 0:
            ticks.append(tick)
        index += 1
        tick = datetime.date(tick.year + tick.month // 12, tick.month % 12 + 1, 1)
    return ticks


def gantt_chart(rows: list[ScheduleRow], *, today: datetime.date) -> dict | None:
    """Coordinates for the server-rendered SVG: per phase a planned bar above an actual bar;
    a late phase's actual bar is red and hatched, and its label says so in words."""
    if not rows:
        return None
    g = GANTT
    dates = [today]
    for row in rows:
        phase = row.phase
        dates += [phase.planned_start, phase.planned_end]
        dates += [d for d in (phase.actual_start, phase.actual_end) if d]
    first, last = min(dates), max(dates)
    span = max((last - first).days + 1, 1)
    plot = g["width"] - g["label"] - g["right"]

    def x(day: datetime.date) -> float:
        return g["label"] + plot * (day - first).days / span

    def width(start: datetime.date, end: datetime.date) -> float:
        return max(plot * ((end - start).days + 1) / span, 2)

    bars = []
    for index, row in enumerate(rows):
        phase, timing = row.phase, row.timing
        top = g["top"] + index * g["row"]
        entry = {
            "label": str(phase.phase_type),
            "state": timing.label,
            "late": timing.is_late,
            "delay": timing.delay_days,
            "label_y": _f(top + 16),
            "state_y": _f(top + 32),
            "planned": {
                "x": _f(x(phase.planned_start)),
                "y": _f(top + 4),
                "w": _f(width(phase.planned_start, phase.planned_end)),
            },
            "actual": None,
            "line_y": _f(top + g["row"] - 1),
        }
        if phase.actual_start:
            end = phase.actual_end or today
            fill = g["actual_fill"]
            if timing.is_late:
                fill = g["late_fill"]
            elif phase.actual_end is None:
                fill = g["running_fill"]
            entry["actual"] = {
                "x": _f(x(phase.actual_start)),
                "y": _f(top + 4 + g["bar"] + 4),
                "w": _f(width(phase.actual_start, max(end, phase.actual_start))),
                "fill": fill,
                "hatched": timing.is_late,
            }
        bars.append(entry)
    height = g["top"] + len(rows) * g["row"] + 8
    return {
        "width": g["width"],
        "height": height,
        "bar": g["bar"],
        "label_x": 8,
        "plot_left": g["label"],
        "plot_right": g["width"] - g["right"],
        "bottom": _f(height - 4),
        "bars": bars,
        "ticks": [
            {"x": _f(x(tick)), "label": date_format(tick, "M Y")}
            for tick in _month_ticks(first, last)
        ],
        "today": {"x": _f(x(today) + plot / span / 2), "label": _("today")},
        "colours": g,
    }


@dataclass
class LeadTimeResult:
    lead_time: rules.LeadTime
    procedure: ProcedureType | None


def _reference_days(procedure: ProcedureType | None) -> int | None:
    if procedure is None:
        return None
    reference = getattr(procedure, "reference_lead_time", None)
    return reference.days if reference is not None else None


def _procedure_of(pilot: Pilot) -> ProcedureType | None:
    procedure_id = pilot.dossier.procedure_id or pilot.dossier.suggested_procedure_id
    if procedure_id is None:
        return None
    return (
        ProcedureType.objects.select_related("reference_lead_time").filter(pk=procedure_id).first()
    )


def pilot_lead_time(
    *, pilot: Pilot, today: datetime.date | None = None, procedure: ProcedureType | None = None
) -> LeadTimeResult:
    """Start of preparation → award, against the reference lead time of the pilot's procedure
    type (the chosen procedure, else the suggested one). `pilot` comes with its phases."""
    today = today or timezone.localdate()
    procedure = procedure if procedure is not None else _procedure_of(pilot)
    phases = [phase_dates(phase) for phase in pilot.phases.all()]
    result = rules.lead_time(phases, reference_days=_reference_days(procedure), today=today)
    return LeadTimeResult(lead_time=result, procedure=procedure)


def market_dialogues(*, pilot: Pilot):
    return MarketDialogue.objects.filter(pilot=pilot).prefetch_related("organisations")


# --- Points and scores -----------------------------------------------------------------------


def points_queryset():
    """Points with their latest measurement, one subquery each (indexed on point and date), so
    a page never loads every measurement to find the last one."""
    latest = Measurement.objects.filter(point=OuterRef("pk")).order_by("-measured_on", "-pk")
    count = (
        Measurement.objects.filter(point=OuterRef("pk"))
        .order_by()
        .values("point")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return EvaluationPoint.objects.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_on=Subquery(latest.values("measured_on")[:1]),
        latest_source=Subquery(latest.values("source")[:1]),
        measurement_count=Coalesce(Subquery(count), 0),
    ).order_by("category", "pk")


@dataclass
class PointResult:
    point: EvaluationPoint
    latest_value: Decimal | None
    latest_on: datetime.date | None
    latest_source: str
    score: Decimal | None
    explanation: str
    capped: bool = False

    @property
    def measured(self) -> bool:
        return self.latest_value is not None


@dataclass
class PilotResults:
    rows: list[PointResult]
    score: rules.PilotScore
    chart: dict | None = None


def _point_result(point: EvaluationPoint) -> PointResult:
    try:
        outcome = rules.point_score(
            baseline=point.baseline,
            target=point.target,
            direction=point.direction,
            value=point.latest_value,
            unit=point.unit,
        )
    except rules.RuleError as error:
        # The database refuses target = baseline and the form the wrong direction; a row
        # changed outside the app is still shown, with the reason it has no score.
        return PointResult(point, point.latest_value, point.latest_on, "", None, str(error))
    return PointResult(
        point=point,
        latest_value=point.latest_value,
        latest_on=point.latest_on,
        latest_source=point.latest_source or "",
        score=outcome.score,
        explanation=outcome.explanation,
        capped=outcome.capped,
    )


def score_chart(rows: list[PointResult], *, pilot_score: Decimal | None) -> dict | None:
    """Horizontal bars 0–100, one per point and one for the pilot; the score is written next
    to each bar, and "no measurement" where there is none."""
    if not rows:
        return None
    label, plot, row_height, top = 290, 380, 26, 24
    bars = []
    entries = [(r.point.indicator, r.score, False) for r in rows]
    entries.append((_("Pilot score (weighted)"), pilot_score, True))
    for index, (name, score, total) in enumerate(entries):
        y = top + index * row_height + (8 if total else 0)
        width = plot * float(score) / 100 if score is not None else 0
        bars.append(
            {
                "label": name if len(name) <= 40 else name[:39] + "…",
                "full_label": name,
                "score": score,
                "total": total,
                "y": _f(y),
                "text_y": _f(y + 14),
                "w": _f(max(width, 0)),
                "value_x": _f(label + max(width, 0) + 6),
            }
        )
    return {
        "width": label + plot + 70,
        "height": top + len(entries) * row_height + 14,
        "left": label,
        "right": label + plot,
        "ticks": [{"x": _f(label + plot * value / 100), "value": value} for value in (0, 50, 100)],
        "bars": bars,
        "bottom": _f(top + len(entries) * row_height + 10),
    }


def results_of(points) -> PilotResults:
    """Scores of annotated points (see `points_queryset`) and their weighted pilot score."""
    rows = [_point_result(point) for point in points]
    score = rules.pilot_score(
        [rules.WeightedScore(row.score, row.point.weight, row.point.indicator) for row in rows]
    )
    return PilotResults(rows=rows, score=score, chart=score_chart(rows, pilot_score=score.score))


def pilot_results(*, pilot: Pilot) -> PilotResults:
    """Per point: baseline, target, latest measurement, score and explanation; and the
    weighted pilot score with the points that have no measurement yet."""
    return results_of(points_queryset().filter(pilot=pilot))


def point_for_detail(*, pilot: Pilot, point_id: int) -> EvaluationPoint:
    return points_queryset().select_related("template").get(pilot=pilot, pk=point_id)


def point_measurements(*, point: EvaluationPoint):
    return Measurement.objects.filter(point=point).select_related("recorded_by")


def point_changes(*, pilot: Pilot, limit: int = 50):
    return PointChange.objects.filter(pilot=pilot).select_related("changed_by")[:limit]


def point_templates():
    return EvaluationPointTemplate.objects.all()


def pilot_evaluation_of(*, pilot: Pilot) -> PilotEvaluation | None:
    return PilotEvaluation.objects.filter(pilot=pilot).select_related("recorded_by").first()


# --- Programme roll-up -----------------------------------------------------------------------


@dataclass
class PilotRollUp:
    pilot: Pilot
    results: PilotResults
    lead_time: LeadTimeResult
    late_phases: int
    evaluation: PilotEvaluation | None


@dataclass
class ProgrammeRollUp:
    programme: Programme
    evaluation: ProgrammeEvaluation | None
    pilots: list[PilotRollUp]

    @property
    def score(self) -> Decimal | None:
        """The plain average of the pilot scores: every pilot counts the same."""
        scores = [p.results.score.score for p in self.pilots if p.results.score.score is not None]
        if not scores:
            return None
        return (sum(scores) / len(scores)).quantize(Decimal("0.1"))

    @property
    def conclusions(self) -> dict:
        counts: dict = {}
        for row in self.pilots:
            if row.evaluation is not None:
                label = row.evaluation.get_conclusion_display()
                counts[label] = counts.get(label, 0) + 1
        return counts


def programme_evaluation(
    *, programme: Programme, today: datetime.date | None = None
) -> ProgrammeRollUp:
    """Every pilot of the programme with its score, lead time, late phases and evaluation,
    and the programme's own evaluation as fed back to the MAT. Six queries, whatever the
    number of pilots, points or measurements."""
    today = today or timezone.localdate()
    pilots = list(
        Pilot.objects.filter(programme=programme)
        .select_related("dossier", "evaluation")
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.select_related("phase_type")))
        .order_by("dossier__reference")
    )
    points: dict[int, list] = {pilot.pk: [] for pilot in pilots}
    for point in points_queryset().filter(pilot__programme=programme):
        points[point.pilot_id].append(point)
    procedure_ids = {p.dossier.procedure_id or p.dossier.suggested_procedure_id for p in pilots} - {
        None
    }
    procedures = {
        procedure.pk: procedure
        for procedure in ProcedureType.objects.select_related("reference_lead_time").filter(
            pk__in=procedure_ids
        )
    }
    rows = []
    for pilot in pilots:
        procedure = procedures.get(
            pilot.dossier.procedure_id or pilot.dossier.suggested_procedure_id
        )
        lead = rules.lead_time(
            [phase_dates(phase) for phase in pilot.phases.all()],
            reference_days=_reference_days(procedure),
            today=today,
        )
        late = sum(
            rules.phase_timing(phase_dates(phase), today=today).is_late
            for phase in pilot.phases.all()
        )
        rows.append(
            PilotRollUp(
                pilot=pilot,
                results=results_of(points[pilot.pk]),
                lead_time=LeadTimeResult(lead, procedure),
                late_phases=late,
                evaluation=getattr(pilot, "evaluation", None),
            )
        )
    evaluation = ProgrammeEvaluation.objects.filter(programme=programme).first()
    return ProgrammeRollUp(programme=programme, evaluation=evaluation, pilots=rows)


# --- Policy ----------------------------------------------------------------------------------


def policy_recommendations(*, programme: Programme | None = None, statuses=None):
    """Recommendations with the evaluations they rest on (and those evaluations' pilots),
    ordered by theme."""
    queryset = PolicyRecommendation.objects.select_related("programme").prefetch_related(
        Prefetch(
            "evaluations",
            queryset=PilotEvaluation.objects.select_related("pilot__dossier").order_by(
                "pilot__dossier__reference"
            ),
        )
    )
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    if statuses is not None:
        queryset = queryset.filter(status__in=statuses)
    return queryset.order_by("theme", "title", "pk")


# The draft policy reads adopted recommendations first, then those still on the table.
DRAFT_ORDER = {
    PolicyRecommendation.Status.ADOPTED: 0,
    PolicyRecommendation.Status.DISCUSSED: 1,
    PolicyRecommendation.Status.PROPOSED: 2,
}


def policy_draft(*, programme: Programme | None = None) -> dict:
    """The draft strategic procurement policy: per theme (in the order of `Theme`), the
    recommendations that are not rejected, adopted ones first. Rejected ones are counted."""
    recommendations = list(policy_recommendations(programme=programme))
    themes = []
    for value, label in Theme.choices:
        items = sorted(
            (
                r
                for r in recommendations
                if r.theme == value and r.status != PolicyRecommendation.Status.REJECTED
            ),
            key=lambda r: (DRAFT_ORDER[r.status], r.title),
        )
        if items:
            themes.append({"value": value, "label": label, "recommendations": items})
    statuses = PolicyRecommendation.Status
    return {
        "themes": themes,
        "adopted": sum(r.status == statuses.ADOPTED for r in recommendations),
        "open": sum(r.status in (statuses.PROPOSED, statuses.DISCUSSED) for r in recommendations),
        "rejected": [r for r in recommendations if r.status == statuses.REJECTED],
    }


def recommendation_for_detail(*, pk: int) -> PolicyRecommendation:
    return policy_recommendations().prefetch_related("events__recorded_by").get(pk=pk)


def evaluations_for_choice():
    return PilotEvaluation.objects.select_related("pilot__dossier", "pilot__programme").order_by(
        "pilot__programme__title", "pilot__dossier__reference"
    )
