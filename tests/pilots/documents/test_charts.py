"""The documents draw the rooms' own charts and roll-up: the evaluation report shows the
bars and the figures of the pilot and programme pages, computed by the same functions."""

import datetime
from decimal import Decimal

from django.utils import timezone

from pilots.documents.context import document_context
from pilots.documents.models import DocumentKind
from pilots.evaluation import charts as scores
from pilots.evaluation.selectors import pilot_results, programme_evaluation
from pilots.execution import charts as gantt
from pilots.execution.selectors import pilot_schedule
from pilots.models import EvaluationPoint
from tests.pilots.evaluation_helpers import point_fields


def _report_sections(programme) -> dict:
    context = document_context(
        programme_id=programme.pk, kind=DocumentKind.EVALUATION, language="nl-be"
    )

    def walk(sections):
        for section in sections:
            yield section
            yield from walk(section.children)

    return {section.key: section.data for section in walk(context["sections"])}


def _started(pilot):
    phase = pilot.phases.first()
    phase.actual_start = phase.planned_start + datetime.timedelta(days=3)
    phase.actual_end = phase.planned_end + datetime.timedelta(days=5)
    phase.save()


def test_the_pilot_page_and_the_report_draw_one_gantt_chart_of_the_same_rows(world):
    pilot = world["pilot"]
    _started(pilot)
    schedule = pilot_schedule(pilot=pilot)
    rows = gantt.gantt_rows(schedule.rows)
    report = _report_sections(world["programme"])[f"schedule-{pilot.pk}"]
    assert schedule.chart == gantt.gantt_chart(rows, today=schedule.today)
    assert report["chart"] == gantt.gantt_chart(rows, size=gantt.PRINT)
    assert [bar["label"] for bar in report["chart"]["bars"]] == [
        bar["label"] for bar in schedule.chart["bars"]
    ]


def test_the_pilot_page_and_the_report_draw_one_score_chart_of_the_same_results(world):
    pilot = world["pilot"]
    EvaluationPoint.objects.create(pilot=pilot, **point_fields(indicator="Nog niet gemeten"))
    results = pilot_results(pilot=pilot)
    report = _report_sections(world["programme"])[f"results-{pilot.pk}"]
    assert results.chart == scores.pilot_score_chart(results)
    assert report["chart"] == scores.pilot_score_chart(results, size=scores.PRINT)

    def bars(chart):
        return [(bar["full_label"], bar["score"], bar["total"]) for bar in chart["bars"]]

    assert bars(report["chart"]) == bars(results.chart)
    assert bars(results.chart)[1][1] is None


def test_the_programme_page_and_the_report_roll_up_the_pilots_alike(world):
    _started(world["pilot"])
    page = programme_evaluation(programme=world["programme"], today=timezone.localdate())
    report = _report_sections(world["programme"])["rollup"]["rollup"]

    def lines(rollup):
        return [
            (
                row.pilot.pk,
                row.results.score.score,
                row.lead_time.lead_time.days,
                row.lead_time.lead_time.elapsed_days,
                row.lead_time.procedure,
                row.late_phases,
            )
            for row in rollup.pilots
        ]

    assert lines(report) == lines(page)
    assert report.score == page.score == Decimal("40.0")
