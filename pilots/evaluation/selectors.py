"""Reads of evaluation, in a fixed number of queries at any size: the points with their latest
measurement and score, the pilot's results, and the programme's roll-up.

`points_queryset`, `results_of` and the roll-up's classes are also what the evaluation report
reads.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone

from pilots.approval.models import Phase, Pilot, Programme
from pilots.execution import rules as execution_rules
from pilots.execution.selectors import LeadTimeResult, phase_dates, reference_days

from . import rules
from .charts import score_chart
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
    latest = Measurement.objects.filter(point=OuterRef("pk")).order_by("-measured_on", "-pk")
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
    return PilotResults(rows=rows, score=score, chart=score_chart(rows, pilot_score=score.score))


def pilot_results(*, pilot: Pilot) -> PilotResults:
    """Per point: baseline, target, latest measurement, score and explanation; and the
    weighted pilot score with the points that have no measurement yet."""
    return results_of(points_queryset().filter(pilot=pilot))


def point_for_detail(*, pilot: Pilot, point_id: int) -> EvaluationPoint:
    return points_queryset().select_related("template").get(pilot=pilot, pk=point_id)


def point_measurements(*, point: EvaluationPoint):
    return Measurement.objects.filter(point=point).select_related("recorded_by__person")


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


def programme_evaluation(
    *, programme: Programme, today: datetime.date | None = None
) -> ProgrammeRollUp:
    """Every pilot of the programme with its score, lead time, late phases and evaluation,
    and the programme's own evaluation as fed back to the MAT. Four queries, whatever the
    number of pilots, points or measurements."""
    today = today or timezone.localdate()
    pilots = list(
        Pilot.objects.filter(programme=programme)
        .select_related(
            "evaluation",
            "dossier__procedure__reference_lead_time",
            "dossier__suggested_procedure__reference_lead_time",
        )
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.select_related("phase_type")))
        .order_by("dossier__reference")
    )
    points: dict[int, list] = {pilot.pk: [] for pilot in pilots}
    for point in points_queryset().filter(pilot__programme=programme):
        points[point.pilot_id].append(point)
    rows = []
    for pilot in pilots:
        procedure = pilot.dossier.effective_procedure
        lead = execution_rules.lead_time(
            [phase_dates(phase) for phase in pilot.phases.all()],
            reference_days=reference_days(procedure),
            today=today,
        )
        late = sum(
            execution_rules.phase_timing(phase_dates(phase), today=today).is_late
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
