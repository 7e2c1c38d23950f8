"""Reads of evaluation, in a fixed number of queries at any size: the points with their latest
measurement and score, the pilot's results, and the programme's roll-up.

`points_queryset`, `results_of` and the roll-up's classes are also what the evaluation report
reads.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Min, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from pilots.approval.models import Phase, Pilot, Programme
from pilots.execution import rules as execution_rules
from pilots.execution.selectors import LeadTimeResult, phase_dates, reference_days

from . import rules
from .charts import pilot_score_chart
from .models import (
    EvaluationPoint,
    EvaluationPointTemplate,
    Measurement,
    PilotEvaluation,
    PointChange,
    ProgrammeEvaluation,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class LatestMeasurement(TypedDict):
    """What `points_queryset` annotates on each point."""

    latest_value: Decimal | None
    latest_on: datetime.date | None
    latest_source: str | None


def points_queryset():
    """Points with their latest measurement, one subquery each (indexed on point and date), so
    a page never loads every measurement to find the last one."""
    latest = (
        Measurement.objects.current().filter(point=OuterRef("pk")).order_by("-measured_on", "-pk")
    )
    return EvaluationPoint.objects.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_on=Subquery(latest.values("measured_on")[:1]),
        latest_source=Subquery(latest.values("source")[:1]),
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


def _point_result(point: "WithAnnotations[EvaluationPoint, LatestMeasurement]") -> PointResult:
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


def results_of(points) -> PilotResults:
    """Scores of annotated points (see `points_queryset`) and their weighted pilot score."""
    rows = [_point_result(point) for point in points]
    score = rules.pilot_score(
        [rules.WeightedScore(row.score, row.point.weight, row.point.indicator) for row in rows]
    )
    return PilotResults(rows=rows, score=score)


def pilot_results(*, pilot: Pilot) -> PilotResults:
    """Per point: baseline, target, latest measurement, score and explanation; the weighted
    pilot score with the points that have no measurement yet; and the score chart."""
    results = results_of(points_queryset().filter(pilot=pilot))
    results.chart = pilot_score_chart(results)
    return results


def point_for_detail(*, pilot: Pilot, point_id: int) -> EvaluationPoint:
    return points_queryset().select_related("template").get(pilot=pilot, pk=point_id)


def point_measurements(*, point: EvaluationPoint):
    """The measurements of `point` that count (see `MeasurementQuerySet.current`)."""
    return Measurement.objects.current().filter(point=point).select_related("recorded_by__person")


def point_measurement_history(*, point: EvaluationPoint, limit: int = 50):
    """The corrections and removals of `point`'s measurements, newest first, each with what
    it superseded."""
    return (
        Measurement.objects.filter(point=point)
        .exclude(kind=Measurement.Kind.RECORDED)
        .select_related("supersedes", "recorded_by__person")
        .order_by("-created_at", "-pk")[:limit]
    )


def current_measurement_of(*, point: EvaluationPoint, measurement_id: int) -> Measurement:
    """A measurement of `point` that still counts; DoesNotExist for another point's, or one
    already corrected or removed."""
    return Measurement.objects.current().get(point=point, pk=measurement_id)


def pilot_started_on(*, pilot: Pilot) -> datetime.date | None:
    """When the pilot started: its first phase's actual start, or planned start while none is
    recorded; the programme's start date when the pilot has no phases."""
    first = pilot.phases.aggregate(first=Min(Coalesce("actual_start", "planned_start")))["first"]
    return first or pilot.programme.start_date


def measurement_warnings(*, measurement: Measurement) -> list[str]:
    """What looks implausible about a measurement just recorded (see `rules`)."""
    return rules.measurement_warnings(
        value=measurement.value,
        unit=measurement.point.unit,
        measured_on=measurement.measured_on,
        pilot_start=pilot_started_on(pilot=measurement.point.pilot),
    )


def point_changes(*, pilot: Pilot, limit: int = 50):
    return PointChange.objects.filter(pilot=pilot).select_related("changed_by__person")[:limit]


def point_templates():
    return EvaluationPointTemplate.objects.all()


def pilot_evaluation_of(*, pilot: Pilot) -> PilotEvaluation | None:
    return PilotEvaluation.objects.filter(pilot=pilot).select_related("recorded_by__person").first()


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
        return (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.1"))

    @property
    def conclusions(self) -> dict:
        counts: dict = {}
        for row in self.pilots:
            if row.evaluation is not None:
                label = row.evaluation.get_conclusion_display()
                counts[label] = counts.get(label, 0) + 1
        return counts


def rollup_pilots():
    """Pilots with everything their line of the roll-up reads: the dossier's procedures with
    their reference lead time, the evaluation, the phases and the points with their latest
    measurement."""
    return Pilot.objects.select_related(
        "dossier__procedure__reference_lead_time",
        "dossier__suggested_procedure__reference_lead_time",
        "evaluation",
    ).prefetch_related(
        Prefetch("phases", queryset=Phase.objects.select_related("phase_type")),
        Prefetch("evaluation_points", queryset=points_queryset()),
    )


def pilot_rollup(pilot: Pilot, *, today: datetime.date) -> PilotRollUp:
    """One pilot's line: its score, lead time, late phases and evaluation. `pilot` comes as
    `rollup_pilots` loads it."""
    procedure = pilot.dossier.effective_procedure
    phases = [phase_dates(phase) for phase in pilot.phases.all()]
    lead = execution_rules.lead_time(phases, reference_days=reference_days(procedure), today=today)
    return PilotRollUp(
        pilot=pilot,
        results=results_of(pilot.evaluation_points.all()),
        lead_time=LeadTimeResult(lead, procedure),
        late_phases=sum(
            execution_rules.phase_timing(phase, today=today).is_late for phase in phases
        ),
        evaluation=getattr(pilot, "evaluation", None),
    )


def programme_rollup(
    *,
    programme: Programme,
    pilots,
    evaluation: ProgrammeEvaluation | None,
    today: datetime.date | None = None,
) -> ProgrammeRollUp:
    """The programme across `pilots` (loaded as `rollup_pilots` does) and its own
    evaluation: what the programme page shows and the evaluation report prints."""
    today = today or timezone.localdate()
    return ProgrammeRollUp(
        programme=programme,
        evaluation=evaluation,
        pilots=[pilot_rollup(pilot, today=today) for pilot in pilots],
    )


def programme_evaluation(
    *, programme: Programme, today: datetime.date | None = None
) -> ProgrammeRollUp:
    """Every pilot of the programme with its score, lead time, late phases and evaluation,
    and the programme's own evaluation as fed back to the MAT. Four queries, whatever the
    number of pilots, points or measurements."""
    return programme_rollup(
        programme=programme,
        pilots=rollup_pilots().filter(programme=programme).order_by("dossier__reference"),
        evaluation=ProgrammeEvaluation.objects.filter(programme=programme).first(),
        today=today,
    )


def points_content(*, pilots) -> dict[int, dict]:
    """The evaluation points of `pilots` as the deciders of a programme see them, per pilot
    id (handed to approval through `pilots.approval.pages.pilot_extras_register`); one
    query."""
    result: dict[int, dict] = {pilot.pk: {"points": []} for pilot in pilots}
    points = EvaluationPoint.objects.filter(pilot__in=list(result)).order_by(
        "pilot", "category", "pk"
    )
    for point in points:
        result[point.pilot_id]["points"].append(
            {
                "indicator": point.indicator,
                "category": point.category,
                "unit": point.unit,
                "direction": point.direction,
                "baseline": f"{point.baseline:.2f}",
                "target": f"{point.target:.2f}",
                "weight": point.weight,
            }
        )
    return result
