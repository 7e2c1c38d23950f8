"""The MAT briefing's sections: what the MAT is asked to decide, and everything it needs to
decide it."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.roles import Role
from core.templatetags.draagvlak import euro
from pilots.approval.models import LegalBasis, Pilot, Programme
from pilots.common.people import person_name
from pilots.execution import charts as gantt
from pilots.execution.rules import AWARD_PHASE
from pilots.execution.selectors import pilot_award_overrun, pilot_lead_time
from procurement.models import Candidate, RLadder, SelectionRound
from procurement.selection.selectors import selection_decision_for
from stakeholders.models import Concern, Consultation
from stakeholders.selectors import (
    SUPPRESSED_FILL,
    concerns_of,
    involvements_of,
    support_by_quadrant,
)

from .charts import support_chart
from .sections import (
    Section,
    annexes_section,
    attached_documents,
    decision_rows,
    number_sections,
    pilot_section,
)


def briefing_purpose(programme: Programme, pilots: list) -> dict:
    return {
        "pilots": pilots,
        "budget": programme.budget,
        "funding_channel": programme.funding_channel,
        "start_date": programme.start_date,
        "purpose": programme.purpose,
    }


def pilot_plan(pilot: Pilot) -> dict:
    """A pilot's plan as the note weighs it: its procedure, the planned lead time against the
    procedure's reference (`LeadTime.planned_difference`: the expected lead-time penalty),
    the planned award and, when it falls after the award date the dossier requires, by how
    much (`execution.selectors.pilot_award_overrun`). `pilot` comes as the
    documents load it (phases and the procedures' reference lead times prefetched)."""
    result = pilot_lead_time(pilot=pilot)
    penalty = result.lead_time.planned_difference
    award = next((p for p in pilot.phases.all() if p.phase_type.code == AWARD_PHASE), None)
    return {
        "pilot": pilot,
        "dossier": pilot.dossier,
        "procedure": result.procedure,
        "lead_time": result.lead_time,
        "penalty": penalty,
        "slower_by": max(penalty or 0, 0),
        "faster_by": max(-(penalty or 0), 0),
        "planned_award": award.planned_end if award is not None else None,
        "award_overrun": pilot_award_overrun(pilot),
    }


def key_risk(programme: Programme) -> str:
    """The programme's first risk: the risks are written most important first, one per line
    or separated by semicolons."""
    for line in programme.risks.splitlines():
        first = line.split(";")[0].strip()
        if first:
            return first
    return ""


def briefing_summary(
    programme: Programme, pilots: list, plans: list, support: dict | None, concerns: dict | None
) -> dict:
    """The one-page summary: what is asked, the pilots with their procedure and expected
    lead-time penalty, the cost, the timing, the key risk and the support picture (the
    figures a reader without sensitive access may see, `briefing_support`)."""
    penalties = [plan["penalty"] for plan in plans if plan["penalty"] is not None]
    return {
        "pilots": pilots,
        "plans": plans,
        "budget": programme.budget,
        "budget_key": programme.budget_key,
        "estimated_total": sum((pilot.dossier.estimated_value for pilot in pilots), 0),
        "start_date": programme.start_date,
        "feedback_due_on": programme.feedback_due_on,
        "key_risk": key_risk(programme),
        "open_concerns": len(concerns["open_concerns"]) if concerns else 0,
        "largest_penalty": max(penalties) if penalties else None,
        "support": support,
    }


def briefing_legal_basis(plans: list) -> dict | None:
    """The municipality's legal grounds and the delegation the MAT acts under (its own
    `LegalBasis` rows, kept by its administrator), and the procedure of each pilot with its
    article of the law. None when there is neither."""
    bases = list(LegalBasis.objects.all())
    if not bases and not plans:
        return None
    return {
        "grounds": [basis for basis in bases if basis.kind == LegalBasis.Kind.LEGAL_GROUND],
        "delegations": [basis for basis in bases if basis.kind == LegalBasis.Kind.DELEGATION],
        "plans": plans,
    }


def briefing_lead_times(plans: list) -> dict | None:
    """Per pilot the planned lead time against its procedure's reference: the lead-time
    penalty the plan expects."""
    if not plans:
        return None
    return {"plans": plans}


def financial_visa(rows: list) -> dict | None:
    """The financial director's stage as recorded in the chain: its decision of the latest
    revision that reached it, with its date (meeting or decision date) and conditions."""
    visas = [row for row in rows if row["decision"].stage.role == Role.FINANCIAL_DIRECTOR]
    return visas[-1] if visas else None


def briefing_finance(programme: Programme, pilots: list, rows: list) -> dict | None:
    """The programme's budget against the estimated value of its pilots' procurements, and
    who pays which: the programme's budget what it covers (`Programme.budget_covers`) on
    its budget key, each procurement its department's budget (`Pilot.procurement_budget`);
    and the financial director's visa."""
    if programme.budget is None and not pilots:
        return None
    return {
        "budget": programme.budget,
        "budget_covers": programme.budget_covers,
        "budget_key": programme.budget_key,
        "funding_channel": programme.funding_channel,
        "agreements": programme.agreements,
        "pilots": pilots,
        "estimated_total": sum((pilot.dossier.estimated_value for pilot in pilots), 0),
        "visa": financial_visa(rows),
    }


def adopted_conditions(rows: list) -> list[str]:
    """The conditions the stages before the MAT set, which the MAT is asked to adopt."""
    return [
        row["decision"].conditions
        for row in rows
        if row["decision"].conditions and not row["decision"].stage.is_mat
    ]


def briefing_articles(programme: Programme, pilots: list, rows: list) -> list[dict]:
    """The decision asked of the MAT as numbered articles: the programme and its pilots, the
    budget on its budget key, the conditions adopted, the date the evaluation is fed back
    and, where the programme asks for it, the strategic cell's mandate for the policy. Each
    article: {"number", "heading", "text", "items"}."""
    articles: list[dict] = []

    def article(text: str, items=()) -> None:
        number = len(articles) + 1
        heading = _("Article %(number)s") % {"number": number}
        articles.append({"number": number, "heading": heading, "text": text, "items": list(items)})

    article(
        _("The management team approves the pilot programme “%(title)s” with these pilots:")
        % {"title": programme.title},
        [
            _("%(title)s (%(reference)s, %(department)s)")
            % {
                "title": pilot.dossier.title,
                "reference": pilot.dossier.reference,
                "department": pilot.dossier.department,
            }
            for pilot in pilots
        ],
    )
    if programme.budget is not None:
        text = _("The management team approves a budget of %(budget)s") % {
            "budget": euro(programme.budget)
        }
        if programme.budget_key:
            text += " " + _("on budget key %(key)s") % {"key": programme.budget_key}
        if programme.funding_channel:
            text += ", " + _("from %(channel)s") % {"channel": programme.funding_channel}
        text += "."
        if programme.budget_covers:
            text += " " + _("The budget pays: %(covers)s") % {"covers": programme.budget_covers}
        text += " " + _("The procurements of the pilots are paid from the budgets that carry them:")
        article(text, [_("%(title)s: %(budget)s") % carrier(pilot) for pilot in pilots])
    conditions = adopted_conditions(rows)
    if conditions:
        article(
            _("The management team adopts the conditions set earlier in the approval:"),
            conditions,
        )
    if programme.feedback_due_on:
        article(
            _(
                "The evaluation of the pilots is fed back to the management team by %(date)s "
                "at the latest."
            )
            % {"date": date_format(programme.feedback_due_on, "SHORT_DATE_FORMAT")}
        )
    else:
        article(_("The evaluation of each pilot is fed back to the management team."))
    if programme.policy_mandate:
        article(
            _(
                "The management team mandates the strategic cell to prepare, from that "
                "evaluation, a strategic procurement policy."
            )
        )
    return articles


def carrier(pilot: Pilot) -> dict:
    """Who pays a pilot's procurement: the budget recorded on the pilot, else the budget of
    its dossier's department."""
    budget = pilot.procurement_budget or _("budget of the department %(department)s") % {
        "department": pilot.dossier.department
    }
    return {"title": pilot.dossier.title, "budget": budget}


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


def _submitted_at(programme: Programme):
    """When the version the deciders see was submitted; None for a draft, which shows what
    stands now."""
    if programme.is_editable:
        return None
    # The revisions the document context prefetched: no query of its own.
    revision = max(programme.revisions.all(), key=lambda revision: revision.number, default=None)
    return revision.submitted_at if revision else None


def briefing_selection(pilots: list, *, as_of=None) -> dict | None:
    """The selection decision that selected the pilots' dossiers: its criteria and a summary
    of its ranking (the pilots and the best-ranked others). For a programme submitted at
    `as_of`, the decision as it was then, also when its round was reopened since; for a
    draft (`as_of` None), the decision that stands now. None without one."""
    dossier_ids = [pilot.dossier_id for pilot in pilots]
    if not dossier_ids:
        return None
    decision = selection_decision_for(dossier_ids=dossier_ids, approved_at=as_of)
    if decision is None:
        return _briefing_selection_unrecorded(dossier_ids)
    candidates = decision["candidates"]
    shown = [
        candidate
        for index, candidate in enumerate(candidates)
        if index < 5 or candidate.dossier_id in dossier_ids
    ]
    return {
        "round": decision["round"],
        "criteria": decision["criteria"],
        "candidate_count": len(candidates),
        "candidates": shown,
        "pilot_dossier_ids": set(dossier_ids),
        "decided_by": person_name(decision["decided_by"]),
    }


def _briefing_selection_unrecorded(dossier_ids: list) -> dict | None:
    """A round decided before decisions were kept as they stood: read as it is now."""
    selection_round = (
        SelectionRound.objects.filter(
            status=SelectionRound.Status.DECIDED,
            candidates__dossier_id__in=dossier_ids,
            candidates__outcome=Candidate.Outcome.SELECTED,
        )
        .exclude(events__snapshot__isnull=False)
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


def briefing_decisions(rows: list) -> dict | None:
    """The decision or advice of each stage so far, with its conditions."""
    if not rows:
        return None
    return {"rows": rows, "several_revisions": len({row["revision"] for row in rows}) > 1}


def _briefing_pilot(pilot: Pilot) -> Section:
    """A pilot's sheet, an annex of the note."""
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


def _briefing_context(programme: Programme, pilots: list) -> Section:
    return Section(
        "context-chapter",
        _("Background and context"),
        children=[
            Section(
                "purpose",
                _("Purpose of the programme"),
                "purpose",
                briefing_purpose(programme, pilots),
            ),
            Section(
                "circular",
                _("Circular procurement: what and why"),
                "circular_procurement",
                briefing_circular_procurement(pilots),
            ),
            Section(
                "context",
                _("Why now: the broader context"),
                "context",
                briefing_context(programme),
            ),
        ],
    )


def _briefing_argumentation(programme, pilots, plans, support, concerns) -> Section:
    return Section(
        "argumentation",
        _("Argumentation"),
        children=[
            Section(
                "selection",
                _("How the candidates were found"),
                "selection",
                briefing_selection(pilots, as_of=_submitted_at(programme)),
                missing=_("The pilots were not chosen in a closed selection round."),
            ),
            Section(
                "lead-times",
                _("Lead time: planned against the reference"),
                "lead_times",
                briefing_lead_times(plans),
                missing=_("No pilots have been chosen yet."),
            ),
            Section(
                "risks",
                _("Risks and concerns, with their mitigation"),
                "risks",
                concerns,
            ),
            Section(
                "support",
                _("Support (draagvlak)"),
                "support",
                support,
                missing=_("No stakeholders have been recorded for this programme yet."),
            ),
        ],
    )


def briefing_sections(programme: Programme) -> list[Section]:
    """The briefing as a Flemish decision note: summary, background and context, legal
    basis, argumentation, advice, financial consequences, the decision as articles, and the
    pilot sheets as annexes."""
    pilots = list(programme.pilots.all())
    plans = [pilot_plan(pilot) for pilot in pilots]
    rows = decision_rows(programme)
    support = briefing_support(programme)
    concerns = briefing_risks(programme)
    annexes = [_briefing_pilot(pilot) for pilot in pilots]
    return number_sections(
        [
            Section(
                "summary",
                _("Summary"),
                "summary",
                briefing_summary(programme, pilots, plans, support, concerns),
                numbered=False,
                css_class="note-summary",
            ),
            _briefing_context(programme, pilots),
            Section(
                "legal-basis",
                _("Legal basis"),
                "legal_basis",
                briefing_legal_basis(plans),
                missing=_(
                    "No legal basis is recorded: the municipality's administrator records it."
                ),
            ),
            _briefing_argumentation(programme, pilots, plans, support, concerns),
            Section(
                "decisions",
                pgettext("decision note", "Advice"),
                "decisions",
                briefing_decisions(rows),
                missing=_("No stage has decided or advised yet."),
            ),
            Section(
                "finance",
                _("Financial consequences"),
                "finance",
                briefing_finance(programme, pilots, rows),
            ),
            Section(
                "decision",
                pgettext("decision note", "Decision"),
                "articles",
                {"articles": briefing_articles(programme, pilots, rows)} if pilots else None,
                missing=_("No pilots have been chosen yet."),
            ),
            annexes_section(annexes, attached_documents(programme, pilots)),
        ]
    )
