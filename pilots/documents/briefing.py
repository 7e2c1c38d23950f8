"""The MAT briefing's sections: what the MAT is asked to decide, and everything it needs to
decide it."""

from django.utils.translation import gettext as _

from pilots.approval.models import Pilot, Programme
from pilots.common.people import person_name
from pilots.execution import charts as gantt
from procurement.models import Candidate, RLadder, SelectionRound
from stakeholders.models import Concern, Consultation
from stakeholders.selectors import (
    SUPPRESSED_FILL,
    concerns_of,
    involvements_of,
    support_by_quadrant,
)

from .charts import support_chart
from .sections import Section, decision_rows, number_sections, pilot_section, pilots_section


def briefing_decision_asked(programme: Programme, pilots: list) -> dict:
    return {
        "pilots": pilots,
        "budget": programme.budget,
        "funding_channel": programme.funding_channel,
        "start_date": programme.start_date,
        "purpose": programme.purpose,
    }


def briefing_circular_procurement(pilots: list) -> dict:
    used = {strategy.code for pilot in pilots for strategy in pilot.circular_strategies.all()}
    return {
        "rungs": [
            {"code": code, "label": label, "used": code in used} for code, label in RLadder.choices
        ]
    }


def briefing_context(programme: Programme) -> dict | None:
    if not programme.context.strip():
        return None
    return {"context": programme.context}


def briefing_selection(pilots: list) -> dict | None:
    """The closed selection round that selected the pilots' dossiers: its criteria and a
    summary of its ranking (the pilots and the best-ranked others). None without a round."""
    dossier_ids = [pilot.dossier_id for pilot in pilots]
    if not dossier_ids:
        return None
    selection_round = (
        SelectionRound.objects.filter(
            status=SelectionRound.Status.DECIDED,
            candidates__dossier_id__in=dossier_ids,
            candidates__outcome=Candidate.Outcome.SELECTED,
        )
        .select_related("decided_by__person")
        .prefetch_related("criteria")
        .order_by("-decided_at", "-pk")
        .first()
    )
    if selection_round is None:
        return None
    candidates = list(
        selection_round.candidates.select_related("dossier__department").order_by(
            "rank_at_decision", "dossier__reference"
        )
    )
    shown = [
        candidate
        for index, candidate in enumerate(candidates)
        if index < 5 or candidate.dossier_id in dossier_ids
    ]
    return {
        "round": selection_round,
        "criteria": list(selection_round.criteria.all()),
        "candidate_count": len(candidates),
        "candidates": shown,
        "pilot_dossier_ids": set(dossier_ids),
        "decided_by": person_name(selection_round.decided_by),
    }


def pilot_scope(pilot: Pilot) -> dict | None:
    if not (pilot.scope.strip() or pilot.objectives.strip()):
        return None
    return {"scope": pilot.scope, "objectives": pilot.objectives}


def pilot_strategies(pilot: Pilot) -> dict | None:
    strategies = list(pilot.circular_strategies.all())
    if not strategies:
        return None
    return {"strategies": strategies}


def pilot_evaluation_points(pilot: Pilot) -> dict | None:
    """The evaluation points, fixed before the pilot starts: {"points": [EvaluationPoint]}
    (category, indicator, unit, baseline, target, direction, weight, method) and their
    total weight. None until evaluation points are recorded."""
    points = list(pilot.evaluation_points.all())
    if not points:
        return None
    return {"points": points, "total_weight": sum(point.weight for point in points)}


def pilot_planned_timeline(pilot: Pilot) -> dict | None:
    phases = list(pilot.phases.all())
    chart = gantt.gantt_chart(gantt.planned_rows(phases), size=gantt.PRINT)
    if chart is None:
        return None
    return {"chart": chart, "phases": phases}


def briefing_budget(programme: Programme, pilots: list) -> dict | None:
    if programme.budget is None and not programme.funding_channel and not programme.agreements:
        return None
    return {
        "budget": programme.budget,
        "funding_channel": programme.funding_channel,
        "agreements": programme.agreements,
        "pilots": pilots,
        "estimated_total": sum((pilot.dossier.estimated_value for pilot in pilots), 0),
    }


def briefing_risks(programme: Programme) -> dict | None:
    """The programme's risks and the concerns heard, with what is done about them. A decision
    document is read by roles that may not see who raised a concern, so concerns come
    without attribution (`stakeholders.selectors.concerns_of`)."""
    concerns = list(
        concerns_of(subject=programme, attributed=False, open_only=False).order_by(
            "raised_on", "pk"
        )
    )
    if not programme.risks.strip() and not concerns:
        return None
    open_statuses = set(Concern.OPEN_STATUSES)
    return {
        "risks": programme.risks,
        "open_concerns": [c for c in concerns if c.status in open_statuses],
        "mitigated_concerns": [c for c in concerns if c.status not in open_statuses],
    }


def briefing_support(programme: Programme) -> dict | None:
    """Support per quadrant of the power-interest grid, counted per support level: no names,
    no notes. Every role that may see the programme reads the official briefing, so the
    counts are those for a reader who may not see individual assessments: a quadrant with
    fewer than 3 assessed people shows no figures (`stakeholders.disclosure`)."""
    involvements = list(involvements_of(subject=programme, sensitive=False))
    if not involvements:
        return None
    levels = [
        (i.quadrant, i.assessment_list[0].level if i.assessment_list else None)
        for i in involvements
    ]
    summary = support_by_quadrant(levels, individual=False)
    consultations = list(
        Consultation.objects.for_subject(programme).only("held_on", "title").order_by("held_on")
    )
    return {
        **summary,
        "chart": support_chart(summary["groups"]),
        "suppressed_fill": SUPPRESSED_FILL,
        "consultations": consultations,
    }


def briefing_decisions(programme: Programme) -> dict | None:
    rows = decision_rows(programme)
    if not rows:
        return None
    return {"rows": rows, "several_revisions": len({row["revision"] for row in rows}) > 1}


def briefing_proposed_decision(programme: Programme, pilots: list) -> dict | None:
    if not pilots:
        return None
    conditions = [
        row["decision"].conditions
        for row in decision_rows(programme)
        if row["decision"].conditions and not row["decision"].stage.is_mat
    ]
    return {"programme": programme, "pilots": pilots, "conditions": conditions}


def _briefing_pilot(pilot: Pilot) -> Section:
    return pilot_section(
        pilot,
        [
            Section(
                f"scope-{pilot.pk}", _("Scope and delimitation"), "pilot_scope", pilot_scope(pilot)
            ),
            Section(
                f"strategies-{pilot.pk}",
                _("Circular strategies (R-ladder)"),
                "pilot_strategies",
                pilot_strategies(pilot),
                missing=_("No circular strategy has been chosen for this pilot yet."),
            ),
            Section(
                f"points-{pilot.pk}",
                _("Evaluation points: baseline and target"),
                "evaluation_points",
                pilot_evaluation_points(pilot),
                missing=_("The evaluation points are fixed before the market dialogue."),
            ),
            Section(
                f"timeline-{pilot.pk}",
                _("Planned phases"),
                "pilot_timeline",
                pilot_planned_timeline(pilot),
            ),
        ],
    )


def _briefing_question(programme: Programme, pilots: list) -> list[Section]:
    """What the MAT is asked to decide, and why."""
    return [
        Section(
            "decision-asked",
            _("The decision asked of the MAT"),
            "decision_asked",
            briefing_decision_asked(programme, pilots),
        ),
        Section(
            "circular",
            _("Circular procurement: what and why"),
            "circular_procurement",
            briefing_circular_procurement(pilots),
        ),
        Section(
            "context", _("Why now: the broader context"), "context", briefing_context(programme)
        ),
        Section(
            "selection",
            _("How the candidates were found"),
            "selection",
            briefing_selection(pilots),
            missing=_("The pilots were not chosen in a closed selection round."),
        ),
    ]


def _briefing_grounds(programme: Programme, pilots: list) -> list[Section]:
    """What the decision rests on besides the pilots, and the decision proposed."""
    return [
        Section(
            "budget",
            _("Budget, funding and practical agreements"),
            "budget",
            briefing_budget(programme, pilots),
        ),
        Section(
            "risks",
            _("Risks and concerns, with their mitigation"),
            "risks",
            briefing_risks(programme),
        ),
        Section(
            "support",
            _("Support (draagvlak)"),
            "support",
            briefing_support(programme),
            missing=_("No stakeholders have been recorded for this programme yet."),
        ),
        Section(
            "decisions",
            _("Decisions and advice so far"),
            "decisions",
            briefing_decisions(programme),
            missing=_("No stage has decided or advised yet."),
        ),
        Section(
            "proposed-decision",
            _("Proposed decision"),
            "proposed_decision",
            briefing_proposed_decision(programme, pilots),
        ),
    ]


def briefing_sections(programme: Programme) -> list[Section]:
    pilots = list(programme.pilots.all())
    chapters = [_briefing_pilot(pilot) for pilot in pilots]
    return number_sections(
        [
            *_briefing_question(programme, pilots),
            pilots_section(chapters),
            *_briefing_grounds(programme, pilots),
        ]
    )
