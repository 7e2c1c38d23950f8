"""The evaluation report's sections: what the MAT approved, what each pilot achieved and
taught, the programme as a whole, and the policy recommendations that follow.

Scores, lead times and the timing of phases come from the evaluation and execution selectors
(and through them their rules): the report shows what the pilot page shows, computed once.
"""

import re

from django.utils.translation import gettext as _

from pilots.approval.models import Outcome, Pilot, Programme
from pilots.evaluation import charts as scores
from pilots.evaluation.selectors import PilotResults, programme_rollup, results_of
from pilots.execution import charts as gantt
from pilots.execution.selectors import LeadTimeResult, pilot_lead_time, pilot_schedule
from pilots.policy.models import Theme
from pilots.policy.selectors import policy_recommendations

from .sections import Section, decision_rows, number_sections, pilot_section, pilots_section


def evaluation_mandate(programme: Programme) -> dict | None:
    """What the MAT approved and asked to be fed back: its approving decision."""
    for row in reversed(decision_rows(programme)):
        decision = row["decision"]
        if decision.stage.is_mat and decision.outcome == Outcome.APPROVED:
            return {"row": row, "decision": decision, "programme": programme}
    return None


def _results(pilot: Pilot) -> PilotResults:
    return results_of(pilot.evaluation_points.all())


def _lead_time(pilot: Pilot) -> LeadTimeResult:
    return pilot_lead_time(pilot=pilot, procedure=pilot.dossier.effective_procedure)


def evaluation_results(pilot: Pilot) -> dict | None:
    """Per evaluation point its baseline, target, latest measurement, score and how the score
    is reached; the weighted pilot score, naming the points without a measurement; and a
    score chart. Shape: {"rows": [PointResult], "score": PilotScore, "chart":
    pilot_score_chart(...)}. None until a point is measured."""
    results = _results(pilot)
    if not results.score.measured:
        return None
    chart = scores.pilot_score_chart(results, size=scores.PRINT)
    return {"rows": results.rows, "score": results.score, "chart": chart}


def evaluation_schedule(pilot: Pilot) -> dict | None:
    """The phases as planned and, where recorded, as they actually ran, each with its timing
    against the plan (late phases marked in the chart and in words in the table)."""
    schedule = pilot_schedule(pilot=pilot)
    chart = gantt.gantt_chart(gantt.gantt_rows(schedule.rows), size=gantt.PRINT)
    if chart is None:
        return None
    return {"chart": chart, "rows": schedule.rows, "late": len(schedule.late)}


def evaluation_lead_time(pilot: Pilot) -> dict | None:
    """The pilot's lead time (start of preparation to award) against the reference lead time
    of its procedure type, the difference, and how it was counted. Shape: {"lead_time":
    LeadTime (planned_days, days, elapsed_days, reference_days, slower_by, faster_by,
    explanation), "procedure", "reference": ReferenceLeadTime or None}. None until
    preparation has started."""
    result = _lead_time(pilot)
    lead_time = result.lead_time
    if lead_time.days is None and lead_time.elapsed_days is None:
        return None
    reference = getattr(result.procedure, "reference_lead_time", None)
    return {"lead_time": lead_time, "procedure": result.procedure, "reference": reference}


BULLET = re.compile(r"^[-–•*]\s+")


def _items(text: str) -> list[str]:
    """A text field as its lines, without list marks: one line is one item."""
    return [BULLET.sub("", line.strip()) for line in text.splitlines() if line.strip()]


def evaluation_lessons(pilot: Pilot) -> dict | None:
    """Shape: {"lessons": [str], "success_factors": [str], "pitfalls": [str]}, each field of
    the pilot's evaluation split into its lines. None until the pilot's evaluation is
    written."""
    evaluation = getattr(pilot, "evaluation", None)
    if evaluation is None:
        return None
    data = {
        "lessons": _items(evaluation.lessons),
        "success_factors": _items(evaluation.success_factors),
        "pitfalls": _items(evaluation.pitfalls),
    }
    return data if any(data.values()) else None


def evaluation_conclusion(pilot: Pilot) -> dict | None:
    """Shape: {"conclusion": label (scale up / adjust / stop), "code", "motivation",
    "summary"}. None until the pilot's evaluation is concluded."""
    evaluation = getattr(pilot, "evaluation", None)
    if evaluation is None:
        return None
    return {
        "conclusion": evaluation.get_conclusion_display(),
        "code": evaluation.conclusion,
        "motivation": evaluation.motivation,
        "summary": evaluation.summary,
    }


def evaluation_rollup(programme: Programme) -> dict | None:
    """The programme across its pilots: per pilot its score, conclusion, lead time against
    the reference and late phases; the average score; and the programme's evaluation as fed
    back to the MAT (summary, date, the MAT's decision). Shape: {"rollup": ProgrammeRollUp,
    "chart": programme_score_chart(...)}. None while no pilot has a score, a lead time or an
    evaluation and the programme's evaluation is not recorded."""
    rollup = programme_rollup(
        programme=programme,
        pilots=programme.pilots.all(),
        evaluation=getattr(programme, "evaluation", None),
    )
    started = any(
        row.results.score.score is not None
        or row.evaluation is not None
        or row.lead_time.lead_time.days is not None
        for row in rollup.pilots
    )
    if rollup.evaluation is None and not started:
        return None
    chart = None
    if rollup.score is not None:
        chart = scores.programme_score_chart(rollup, size=scores.PRINT)
    return {"rollup": rollup, "chart": chart}


def evaluation_recommendations(programme: Programme) -> dict | None:
    """The policy recommendations that follow from the programme, in the order of the themes:
    {"recommendations": [PolicyRecommendation]} with theme, title, text, status, the date the
    MAT decided and the pilot evaluations each rests on. None until one is written."""
    recommendations = list(policy_recommendations(programme=programme))
    if not recommendations:
        return None
    order = {value: index for index, value in enumerate(Theme.values)}
    recommendations.sort(key=lambda item: (order.get(item.theme, len(order)), item.title))
    return {"recommendations": recommendations}


def _evaluation_pilot(pilot: Pilot) -> Section:
    not_evaluated = _("The pilot's evaluation has not been written yet.")
    return pilot_section(
        pilot,
        [
            Section(
                f"results-{pilot.pk}",
                _("Results per evaluation point"),
                "evaluation_results",
                evaluation_results(pilot),
                missing=_("The results are recorded during and after execution."),
            ),
            Section(
                f"lead-time-{pilot.pk}",
                _("Lead time against the reference"),
                "lead_time",
                evaluation_lead_time(pilot),
                missing=_("The lead time counts from the actual start of preparation."),
            ),
            Section(
                f"schedule-{pilot.pk}",
                _("Phases: planned and actual"),
                "schedule",
                evaluation_schedule(pilot),
            ),
            Section(
                f"lessons-{pilot.pk}",
                _("Lessons learned, success factors and pitfalls"),
                "lessons",
                evaluation_lessons(pilot),
                missing=not_evaluated,
            ),
            Section(
                f"conclusion-{pilot.pk}",
                _("Conclusion"),
                "conclusion",
                evaluation_conclusion(pilot),
                missing=not_evaluated,
            ),
        ],
    )


def evaluation_sections(programme: Programme) -> list[Section]:
    chapters = [_evaluation_pilot(pilot) for pilot in programme.pilots.all()]
    return number_sections(
        [
            Section(
                "mandate",
                _("What the MAT decided"),
                "mandate",
                evaluation_mandate(programme),
                missing=_("The MAT has not approved this programme yet."),
            ),
            pilots_section(chapters),
            Section(
                "rollup",
                _("The programme as a whole"),
                "rollup",
                evaluation_rollup(programme),
                missing=_("The programme is evaluated once its pilots are."),
            ),
            Section(
                "recommendations",
                _("Policy recommendations"),
                "recommendations",
                evaluation_recommendations(programme),
                missing=_("The recommendations follow from the evaluated pilots."),
            ),
        ]
    )
