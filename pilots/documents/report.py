"""The evaluation report's sections, in the order of a Flemish decision note: a summary with
the decision asked, the occasion (what the MAT approved), the legal ground, the argumentation
(the programme's results, how support and the fears evolved), the advice (the policy
recommendations), the financial consequences, the decision as numbered articles, and the
pilots' chapters as annexes.

Scores, lead times and the timing of phases come from the evaluation and execution selectors
(and through them their rules): the report shows what the pilot page shows, computed once.
Support and concerns come from the register's selectors with the rule for readers without
sensitive access (`stakeholders.disclosure`): every role that may see the programme reads the
report. The MAT's decision on the evaluation is not in the report: the MAT decides on the
report as it was fed back, and its decision is recorded afterwards.
"""

import datetime
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from pilots.approval.models import Decision, Outcome, Pilot, Programme
from pilots.evaluation import charts as scores
from pilots.evaluation.models import Conclusion
from pilots.evaluation.selectors import (
    PilotResults,
    ProgrammeRollUp,
    programme_rollup,
    results_of,
)
from pilots.execution import charts as gantt
from pilots.execution.selectors import LeadTimeResult, pilot_lead_time, pilot_schedule
from pilots.policy.models import PolicyRecommendation, Theme
from pilots.policy.selectors import policy_recommendations
from stakeholders.models import Concern
from stakeholders.selectors import barometer_disclosed, concerns_of, involvements_of

from .briefing import briefing_legal_basis, pilot_plan
from .sections import (
    Section,
    annexes_section,
    attached_documents,
    decision_rows,
    number_sections,
    pilot_section,
)


def mat_approval(programme: Programme) -> Decision | None:
    """The MAT's decision that approved the programme (the last, after a new revision)."""
    for row in reversed(decision_rows(programme)):
        decision = row["decision"]
        if decision.stage.is_mat and decision.outcome == Outcome.APPROVED:
            return decision
    return None


def approved_on(decision: Decision | None) -> datetime.date | None:
    """The day the MAT approved: the date its decision carries (its meeting's)."""
    return None if decision is None else decision.date


def evaluation_mandate(programme: Programme, decision: Decision | None) -> dict | None:
    """What the MAT approved and asked to be fed back: its approving decision."""
    if decision is None:
        return None
    return {"decision": decision, "programme": programme}


def evaluation_legal_basis(pilots: list, decision: Decision | None) -> dict | None:
    """What the feed-back and the pilots' contracts rest on: the MAT's approving decision,
    which asked for this evaluation, and the legal basis as the briefing states it (the
    municipality's legal grounds and delegations, each pilot's procedure with its article of
    the law: `briefing.briefing_legal_basis`)."""
    basis = briefing_legal_basis([pilot_plan(pilot) for pilot in pilots])
    if decision is None and basis is None:
        return None
    return {"decision": decision, "approved_on": approved_on(decision), "basis": basis}


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
    return {
        "rows": results.rows,
        "score": results.score,
        "chart": chart,
        "unmeasured": unmeasured_points(results),
    }


def unmeasured_points(results: PilotResults) -> list[dict]:
    """The points without a measurement, each with the reason recorded for it ("" when none
    was given: the report then says so)."""
    return [
        {"indicator": row.point.indicator, "reason": row.point.unmeasured_reason}
        for row in results.rows
        if not row.measured
    ]


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


def evaluation_rollup(rollup: ProgrammeRollUp) -> dict | None:
    """The programme across its pilots: per pilot its score, conclusion, lead time against
    the reference and late phases; the average score; the points not measured with the
    reason given. Shape: {"rollup": ProgrammeRollUp, "chart": programme_score_chart(...),
    "unmeasured": [{"pilot", "indicator", "reason"}]}. None while no pilot has a score, a
    lead time or an evaluation."""
    started = any(
        row.results.score.score is not None
        or row.evaluation is not None
        or row.lead_time.lead_time.days is not None
        for row in rollup.pilots
    )
    if not started:
        return None
    chart = None
    if rollup.score is not None:
        chart = scores.programme_score_chart(rollup, size=scores.PRINT)
    unmeasured = [
        {"pilot": row.pilot, **point}
        for row in rollup.pilots
        for point in unmeasured_points(row.results)
    ]
    return {"rollup": rollup, "chart": chart, "unmeasured": unmeasured}


def _concern_state(concern: Concern) -> str:
    if concern.status in Concern.OPEN_STATUSES:
        return "open"
    return "mitigated" if concern.status == Concern.Status.MITIGATED else "closed"


CONCERN_STATES = {
    "open": lambda: _("still open"),
    "mitigated": lambda: _("mitigated"),
    "closed": lambda: _("closed: no longer relevant"),
}


def evaluation_support(programme: Programme, since: datetime.date | None) -> dict | None:
    """How support and the fears named evolved since the MAT approved (`since`): support over
    time as the barometer shows it to a reader without sensitive access (every point over 3
    or more people, two points apart by 3 or more people's change: `barometer_disclosed`),
    the figure that stood at the approval and the latest; and the concerns, without who
    raised them, split into those raised before the approval (still open, mitigated or
    closed) and those raised since. None while nobody is involved and nothing was feared."""
    involvements = list(involvements_of(subject=programme, sensitive=False))
    assessments = [a for involvement in involvements for a in involvement.assessment_list]
    points = barometer_disclosed(assessments)
    concerns = list(
        concerns_of(
            subject=programme, attributed=False, open_only=False, with_dropped=True
        ).order_by("raised_on", "pk")
    )
    if not involvements and not concerns:
        return None
    at_approval = None
    if since is not None:
        before = [point for point in points if point["date"] <= since]
        at_approval = before[-1] if before else None
    latest = points[-1] if points else None
    rows = []
    for concern in concerns:
        state = _concern_state(concern)
        rows.append(
            {
                "concern": concern,
                "state": state,
                "state_label": CONCERN_STATES[state](),
                "new": since is not None and concern.raised_on > since,
            }
        )
    earlier = [row for row in rows if not row["new"]]
    counts = {state: sum(1 for row in earlier if row["state"] == state) for state in CONCERN_STATES}
    return {
        "since": since,
        "points": [
            {**point, "at_approval": point is at_approval, "latest": point is latest}
            for point in points
        ],
        "at_approval": at_approval,
        "latest": latest if latest is not at_approval else None,
        "involved": len(involvements),
        "assessed_points_hidden": len(points) < len({a.assessed_on for a in assessments}),
        "earlier": earlier,
        "new": [row for row in rows if row["new"]],
        "counts": counts,
    }


def evaluation_finances(programme: Programme, pilots: list, evaluation) -> dict | None:
    """The financial consequences: the programme's own budget and what it spent (recorded
    with the programme's evaluation), and per pilot the value of its contract as estimated
    (the dossier's estimated value, as in the briefing) and as awarded (recorded on the
    dossier once it is awarded), with the difference and the totals. All amounts excl. VAT.
    None while there is neither a budget, nor a spending, nor a pilot."""
    spent = getattr(evaluation, "budget_spent", None)
    if programme.budget is None and spent is None and not pilots:
        return None
    rows = []
    for pilot in pilots:
        dossier = pilot.dossier
        awarded = dossier.awarded_value
        difference = None if awarded is None else awarded - dossier.estimated_value
        rows.append(
            {
                "pilot": pilot,
                "department": dossier.department,
                "estimated": dossier.estimated_value,
                "awarded": awarded,
                "difference": difference,
                "percent": _percent(difference, dossier.estimated_value),
            }
        )
    awarded_rows = [row for row in rows if row["awarded"] is not None]
    estimated_of_awarded = sum((row["estimated"] for row in awarded_rows), Decimal(0))
    awarded_total = sum((row["awarded"] for row in awarded_rows), Decimal(0))
    difference = awarded_total - estimated_of_awarded if awarded_rows else None
    budget = programme.budget
    return {
        "budget": budget,
        "spent": spent,
        "remaining": None if budget is None or spent is None else budget - spent,
        "spent_percent": _percent(spent, budget),
        "rows": rows,
        "estimated_total": sum((row["estimated"] for row in rows), Decimal(0)),
        "awarded_count": len(awarded_rows),
        "awarded_total": awarded_total if awarded_rows else None,
        "estimated_of_awarded": estimated_of_awarded,
        "difference": difference,
        "percent": _percent(difference, estimated_of_awarded),
        "all_awarded": bool(rows) and len(awarded_rows) == len(rows),
    }


def _percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"))


ARTICLE_TEXTS = {
    Conclusion.SCALE_UP: lambda pilot: _("The pilot “%(pilot)s” is scaled up.") % {"pilot": pilot},
    Conclusion.ADJUST: lambda pilot: (
        _("The pilot “%(pilot)s” is adjusted before it is scaled up.") % {"pilot": pilot}
    ),
    Conclusion.STOP: lambda pilot: _("The pilot “%(pilot)s” is stopped.") % {"pilot": pilot},
}


def evaluation_articles(programme: Programme, recommendations: list) -> list[dict]:
    """The decision asked of the MAT as numbered articles: it takes note of the evaluation;
    per evaluated pilot, its conclusion (scale up, adjust, stop) with its motivation; per
    recommendation still to be decided (proposed or discussed), its adoption. A pilot
    without a conclusion gets no article. Each article: {"number", "text", "motivation",
    "kind"}."""
    articles = [
        {
            "kind": "note",
            "text": _(
                "The MAT takes note of the evaluation of the pilot programme “%(programme)s”."
            )
            % {"programme": programme.title},
            "motivation": "",
        }
    ]
    for pilot in programme.pilots.all():
        evaluation = getattr(pilot, "evaluation", None)
        if evaluation is None or evaluation.conclusion not in ARTICLE_TEXTS:
            continue
        articles.append(
            {
                "kind": evaluation.conclusion,
                "text": ARTICLE_TEXTS[evaluation.conclusion](pilot.dossier.title),
                "motivation": evaluation.motivation,
            }
        )
    for recommendation in recommendations:
        if recommendation.status in PolicyRecommendation.DECIDED:
            continue
        articles.append(
            {
                "kind": "recommendation",
                "text": _(
                    "The policy recommendation “%(title)s” is adopted into the strategic "
                    "procurement policy."
                )
                % {"title": recommendation.title},
                "motivation": "",
            }
        )
    for number, article in enumerate(articles, start=1):
        article["number"] = number
    return articles


def evaluation_summary(
    *,
    programme: Programme,
    rollup: ProgrammeRollUp,
    articles: list[dict],
    finances: dict | None,
    support: dict | None,
    since: datetime.date | None,
) -> dict:
    """The first page: what is asked (the articles), the pilots with their conclusion, score
    and lead time against the reference, the money, the support picture and the open fears,
    and the programme's own summary of its evaluation."""
    evaluation = rollup.evaluation
    return {
        "programme": programme,
        "approved_on": since,
        "evaluation": evaluation,
        "articles": articles,
        "pilots": rollup.pilots,
        "average_score": rollup.score,
        "finances": finances,
        "support": support,
        "not_evaluated": [row.pilot for row in rollup.pilots if row.evaluation is None],
        "unmeasured": sum(
            1 for row in rollup.pilots for point in row.results.rows if not point.measured
        ),
    }


def evaluation_recommendations(recommendations: list) -> dict | None:
    """The policy recommendations that follow from the programme, in the order of the themes:
    {"recommendations": [PolicyRecommendation]} with theme, title, text, status, the date the
    MAT decided and the pilot evaluations each rests on. None until one is written."""
    if not recommendations:
        return None
    return {"recommendations": recommendations}


def _recommendations(programme: Programme) -> list:
    recommendations = list(policy_recommendations(programme=programme))
    order = {value: index for index, value in enumerate(Theme.values)}
    recommendations.sort(key=lambda item: (order.get(item.theme, len(order)), item.title))
    return recommendations


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


def _annexes(programme: Programme) -> Section:
    pilots = list(programme.pilots.all())
    return annexes_section(
        [_evaluation_pilot(pilot) for pilot in pilots], attached_documents(programme, pilots)
    )


def evaluation_sections(programme: Programme) -> list[Section]:
    pilots = list(programme.pilots.all())
    evaluation = getattr(programme, "evaluation", None)
    rollup = programme_rollup(programme=programme, pilots=pilots, evaluation=evaluation)
    decision = mat_approval(programme)
    since = approved_on(decision)
    recommendations = _recommendations(programme)
    articles = evaluation_articles(programme, recommendations)
    finances = evaluation_finances(programme, pilots, evaluation)
    support = evaluation_support(programme, since)
    summary = evaluation_summary(
        programme=programme,
        rollup=rollup,
        articles=articles,
        finances=finances,
        support=support,
        since=since,
    )
    return number_sections(
        [
            Section(
                "summary",
                _("Summary"),
                "report_summary",
                summary,
                numbered=False,
                css_class="note-summary",
            ),
            Section(
                "mandate",
                _("Background and context"),
                "mandate",
                evaluation_mandate(programme, decision),
                missing=_("The MAT has not approved this programme yet."),
            ),
            Section(
                "legal-basis",
                _("Legal ground"),
                "report_legal_basis",
                evaluation_legal_basis(pilots, decision),
            ),
            Section(
                "argumentation",
                _("Argumentation"),
                children=[
                    Section(
                        "rollup",
                        _("The results of the pilots"),
                        "rollup",
                        evaluation_rollup(rollup),
                        missing=_("The programme is evaluated once its pilots are."),
                    ),
                    Section(
                        "support",
                        _("Support and concerns since the approval"),
                        "report_support",
                        support,
                        missing=_("No stakeholders have been recorded for this programme."),
                    ),
                ],
            ),
            Section(
                "recommendations",
                pgettext("decision note", "Advice"),
                "recommendations",
                evaluation_recommendations(recommendations),
                missing=_("The recommendations follow from the evaluated pilots."),
            ),
            Section(
                "finances",
                _("Financial consequences"),
                "report_finances",
                finances,
                missing=_("The programme has no budget and no pilots."),
            ),
            Section(
                "decision",
                pgettext("decision note", "Decision"),
                "report_articles",
                {"articles": articles},
            ),
            _annexes(programme),
        ]
    )
