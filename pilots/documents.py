"""The MAT briefing and the evaluation report: their context, and template + data -> PDF bytes.

Nothing here knows about requests. Each section of a document is built by one function that
returns the section's data, or None when that data does not exist (yet); the template then
says "not yet available" instead of leaving the section out. Scores, lead times and the
timing of phases come from `evaluation_selectors` (and through them `evaluation_rules`): a
document shows what the pilot page shows, computed once.

Static files and uploaded logos are read from disk by `DiskURLFetcher`; WeasyPrint never
fetches anything over the network.
"""

import datetime
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils._os import safe_join
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from core.roles import Role
from procurement.models import CircularStrategy, RLadder, SelectionRound
from stakeholders.models import (
    Concern,
    Consultation,
    Involvement,
    Quadrant,
    SupportAssessment,
    SupportLevel,
)
from stakeholders.selectors import NO_SUPPORT_FILL, SUPPORT_FILL

from . import evaluation_selectors
from .document_models import DocumentKind, OfficialDocument, OrganisationProfile
from .evaluation_models import Theme
from .models import Decision, Phase, Pilot, Programme, Revision, RevisionStage

# PDF/A-3b: the archival standard (ISO 19005-3, level B: visual reproduction). Tagging adds
# the document structure (headings, tables, lists) for screen readers on top of it.
PDF_OPTIONS = {"pdf_variant": "pdf/a-3b", "pdf_tags": True}
BASE_URL = "file:///"
DOCUMENT_TEMPLATE = "pilots/documents/document.html"
SECTION_TEMPLATES = "pilots/documents/sections/"


# --- Files from disk ------------------------------------------------------------------------


class DiskURLFetcher(URLFetcher):
    """Serves /static/ and /media/ from disk and refuses every other address, so rendering
    never waits on the network nor reaches into the rest of the file system."""

    def fetch(self, url, headers=None):
        path = self.path_for(url)
        if path is None:
            raise ValueError(f"Documents only load /static/ and /media/ files, not {url!r}.")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    @staticmethod
    def path_for(url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc:
            return None
        path = unquote(parts.path)
        for prefix, root in (
            (settings.STATIC_URL, None),
            (settings.MEDIA_URL, settings.MEDIA_ROOT),
        ):
            if not path.startswith(prefix):
                continue
            relative = path.removeprefix(prefix)
            try:
                if root is None:
                    found = finders.find(relative) or safe_join(settings.STATIC_ROOT, relative)
                else:
                    found = safe_join(root, relative)
            except Exception:  # safe_join refuses a path outside its root
                return None
            found = Path(found)
            return found if found.is_file() else None
        return None


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint itself: the final HTML to PDF/A bytes, files read from disk."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=DiskURLFetcher()).write_pdf(
        **PDF_OPTIONS
    )


# --- Sections -------------------------------------------------------------------------------


@dataclass
class Section:
    """One part of a document. `template` renders `data`; None data shows the notice
    "not yet available" with `missing` as the reason. A section without a template only
    groups its children."""

    key: str
    title: str
    template: str = ""
    data: object = None
    missing: str = ""
    children: list = field(default_factory=list)
    level: int = 1
    number: str = ""

    @property
    def anchor(self) -> str:
        return f"section-{self.key}"

    @property
    def template_name(self) -> str:
        return f"{SECTION_TEMPLATES}{self.template}.html" if self.template else ""

    @property
    def available(self) -> bool:
        return not self.template or self.data is not None


def _number(sections, prefix="", level=1):
    for index, section in enumerate(sections, start=1):
        section.level = level
        section.number = f"{prefix}{index}" if level <= 2 else ""
        _number(section.children, prefix=f"{section.number}.", level=level + 1)
    return sections


def _person_name(user) -> str:
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return (person.full_name if person else "") or user.get_full_name() or user.get_username()


# --- Loading, in a fixed number of queries --------------------------------------------------


def _programme(programme_id: int) -> Programme:
    """The programme with everything both documents read. Each pilot brings its evaluation,
    its procedure's reference lead time, its phases and its evaluation points annotated with
    their latest measurement (one subquery each), so the number of queries does not grow with
    pilots, points or measurements."""
    pilots = Pilot.objects.select_related(
        "dossier__department",
        "dossier__procedure__reference_lead_time",
        "dossier__suggested_procedure__reference_lead_time",
        "evaluation",
    ).prefetch_related(
        Prefetch("circular_strategies", queryset=CircularStrategy.objects.order_by("code")),
        Prefetch("phases", queryset=Phase.objects.select_related("phase_type")),
        Prefetch("evaluation_points", queryset=evaluation_selectors.points_queryset()),
    )
    decisions = Decision.objects.select_related(
        "recorded_by__person", "co_validator__person", "on_behalf_of__person", "stage"
    )
    return (
        Programme.objects.select_related("pending_stage", "evaluation")
        .prefetch_related(
            Prefetch("pilots", queryset=pilots),
            Prefetch(
                "revisions",
                queryset=Revision.objects.order_by("number").prefetch_related(
                    Prefetch("stages", queryset=RevisionStage.objects.order_by("position")),
                    Prefetch("decisions", queryset=decisions),
                ),
            ),
        )
        .get(pk=programme_id)
    )


def organisation() -> dict:
    profile = OrganisationProfile.objects.filter(pk=1).first()
    name = profile.name if profile else settings.ORGANISATION_NAME
    logo = profile.logo.url if profile and profile.logo else static("img/logo.svg")
    return {"name": name, "logo": logo}


# --- Charts (inline SVG, vector in the PDF) ---------------------------------------------------

CHART_WIDTH = 640
LABEL_WIDTH = 170
ROW_HEIGHT = 24
AXIS_HEIGHT = 26
PLANNED_FILL = "#9cc9b4"
ACTUAL_FILL = "#1f5f4a"
TOTAL_FILL = "#123a2d"
LATE_FILL = "#b42318"


def _months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def timeline_chart(rows: list[dict]) -> dict | None:
    """A Gantt chart: per row a planned bar and, when known, an actual bar beneath it.
    `rows` hold label, planned_start, planned_end and optionally actual_start, actual_end and
    late (the actual bar then turns red; the table beside the chart says it in words)."""
    if not rows:
        return None
    dates = [row[key] for row in rows for key in ("planned_start", "planned_end")]
    dates += [row[key] for row in rows for key in ("actual_start", "actual_end") if row.get(key)]
    first, last = min(dates), max(dates) + datetime.timedelta(days=1)
    span = max((last - first).days, 1)
    plot = CHART_WIDTH - LABEL_WIDTH - 8

    def x_of(day: datetime.date) -> float:
        return round(LABEL_WIDTH + plot * (day - first).days / span, 1)

    bars = []
    for index, row in enumerate(rows):
        y = AXIS_HEIGHT + index * ROW_HEIGHT
        bar = {
            "label": row["label"],
            "y": y,
            "text_y": y + ROW_HEIGHT / 2,
            "planned_x": x_of(row["planned_start"]),
            "planned_w": max(
                x_of(row["planned_end"] + datetime.timedelta(days=1)) - x_of(row["planned_start"]),
                1,
            ),
            "planned_start": row["planned_start"],
            "planned_end": row["planned_end"],
            "actual": None,
        }
        if row.get("actual_start"):
            end = row.get("actual_end") or row["actual_start"]
            bar["actual"] = {
                "x": x_of(row["actual_start"]),
                "w": max(x_of(end + datetime.timedelta(days=1)) - x_of(row["actual_start"]), 1),
                "open": not row.get("actual_end"),
                "late": bool(row.get("late")),
            }
        bars.append(bar)
    months = _months_between(first, last)
    # Label every month when there is room, else every second or third one.
    step = max(1, round(len(months) / 8))
    ticks = [
        {"x": x_of(month), "label": month, "show": index % step == 0}
        for index, month in enumerate(months)
        if month >= first
    ]
    height = AXIS_HEIGHT + len(rows) * ROW_HEIGHT + 4
    return {
        "width": CHART_WIDTH,
        "height": height,
        "label_width": LABEL_WIDTH,
        "bars": bars,
        "ticks": ticks,
        "bottom": height - 4,
        "has_actual": any(bar["actual"] for bar in bars),
        "has_late": any(bar["actual"] and bar["actual"]["late"] for bar in bars),
        "planned_fill": PLANNED_FILL,
        "actual_fill": ACTUAL_FILL,
        "late_fill": LATE_FILL,
    }


SCORE_LABEL_WIDTH = 250
SCORE_TOP = 18


def score_chart(
    rows: list[dict], *, maximum: float = 100, total: dict | None = None
) -> dict | None:
    """Horizontal bars of scores (label, score) on a 0-`maximum` scale, with gridlines at 0,
    half and the maximum. A row whose score is None gets the words "no measurement" instead of
    a bar, so an unmeasured point does not read as a zero. `total` ({label, score}), when
    given, is a last bar in bold, set a little apart: the weighted score of the whole."""
    if not rows:
        return None
    plot = CHART_WIDTH - SCORE_LABEL_WIDTH - 40
    entries = [(row, False) for row in rows]
    if total is not None:
        entries.append((total, True))
    bars = []
    for index, (row, is_total) in enumerate(entries):
        y = SCORE_TOP + index * ROW_HEIGHT + (6 if is_total else 0)
        score = row["score"]
        width = 0.0
        if score is not None:
            width = round(plot * max(0.0, min(float(score), maximum)) / maximum, 1)
        bars.append(
            {
                "label": row["label"],
                "score": score,
                "total": is_total,
                "y": y,
                "text_y": y + ROW_HEIGHT / 2,
                "w": max(width, 1),
                "value_x": round(SCORE_LABEL_WIDTH + width + 6, 1),
            }
        )
    height = SCORE_TOP + len(entries) * ROW_HEIGHT + (6 if total is not None else 0) + 4
    return {
        "width": CHART_WIDTH,
        "height": height,
        "label_width": SCORE_LABEL_WIDTH,
        "label_chars": 40,
        "bars": bars,
        "ticks": [
            {
                "x": round(SCORE_LABEL_WIDTH + plot * share, 1),
                "value": round(maximum * share),
            }
            for share in (0, 0.5, 1)
        ],
        "top": SCORE_TOP - 4,
        "bottom": height - 2,
        "fill": ACTUAL_FILL,
        "total_fill": TOTAL_FILL,
    }


def support_chart(groups: list[dict]) -> dict:
    """Per quadrant a bar split by support level, the width proportional to the count."""
    widest = max((group["count"] for group in groups), default=1) or 1
    plot = CHART_WIDTH - LABEL_WIDTH - 40
    bars = []
    for index, group in enumerate(groups):
        y = 8 + index * ROW_HEIGHT
        x, parts = LABEL_WIDTH, []
        for level in group["levels"]:
            if not level["count"]:
                continue
            width = round(plot * level["count"] / widest, 1)
            parts.append({"x": round(x, 1), "w": width, **level})
            x += width
        bars.append(
            {
                "label": group["label"],
                "y": y,
                "text_y": y + ROW_HEIGHT / 2,
                "parts": parts,
                "count": group["count"],
                "count_x": round(x + 6, 1),
            }
        )
    height = 16 + len(groups) * ROW_HEIGHT
    return {
        "width": CHART_WIDTH,
        "height": height,
        "label_width": LABEL_WIDTH,
        "label_chars": 30,
        "top": 4,
        "bottom": height - 4,
        "bars": bars,
    }


# --- The briefing's sections ------------------------------------------------------------------


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
            candidates__outcome="selected",
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
        "decided_by": _person_name(selection_round.decided_by),
    }


def pilot_facts(pilot: Pilot) -> dict:
    dossier = pilot.dossier
    return {
        "dossier": dossier,
        "procedure": dossier.effective_procedure,
        "procedure_is_suggestion": dossier.procedure_id is None,
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
    chart = timeline_chart(
        [
            {
                "label": str(phase.phase_type),
                "planned_start": phase.planned_start,
                "planned_end": phase.planned_end,
            }
            for phase in phases
        ]
    )
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
    """The programme's risks and the concerns heard, with what is done about them. Concerns
    are shown without who raised them: the briefing never names an individual's worries."""
    concerns = list(
        Concern.objects.filter(
            involvement__in=Involvement.objects.for_subject(programme).values("pk")
        )
        .exclude(status=Concern.Status.DROPPED)
        .order_by("raised_on", "pk")
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
    """Support per quadrant of the power-interest grid, counted per support level. Only
    counts: no names, no notes."""
    involvements = list(
        Involvement.objects.for_subject(programme).prefetch_related(
            Prefetch(
                "assessments",
                queryset=SupportAssessment.objects.only(
                    "pk", "involvement_id", "level", "assessed_on", "created_at"
                ),
                to_attr="assessment_list",
            )
        )
    )
    if not involvements:
        return None
    groups = []
    for quadrant in Quadrant:
        members = [i for i in involvements if i.quadrant == quadrant]
        counts = {level: 0 for level in SupportLevel.values}
        unknown = 0
        for involvement in members:
            if involvement.assessment_list:
                counts[involvement.assessment_list[0].level] += 1
            else:
                unknown += 1
        levels = [
            {
                "level": level,
                "label": label,
                "count": counts[level],
                "fill": SUPPORT_FILL[level],
            }
            for level, label in SupportLevel.choices
        ]
        levels.append(
            {"level": 0, "label": _("Not assessed"), "count": unknown, "fill": NO_SUPPORT_FILL}
        )
        assessed = [i.assessment_list[0].level for i in members if i.assessment_list]
        groups.append(
            {
                "label": quadrant.label,
                "count": len(members),
                "levels": levels,
                "average": round(sum(assessed) / len(assessed), 1) if assessed else None,
            }
        )
    assessed = [i.assessment_list[0].level for i in involvements if i.assessment_list]
    consultations = list(
        Consultation.objects.for_subject(programme).only("held_on", "title").order_by("held_on")
    )
    return {
        "groups": groups,
        "total": len(involvements),
        "supportive": sum(1 for level in assessed if level >= SupportLevel.SUPPORTIVE),
        "average": round(sum(assessed) / len(assessed), 1) if assessed else None,
        "chart": support_chart(groups),
        "legend": [
            {"label": label, "fill": SUPPORT_FILL[level]} for level, label in SupportLevel.choices
        ]
        + [{"label": _("Not assessed"), "fill": NO_SUPPORT_FILL}],
        "consultations": consultations,
    }


def _decision_rows(programme: Programme) -> list[dict]:
    rows = []
    for revision in programme.revisions.all():
        for decision in revision.decisions.all():
            rows.append(
                {
                    "revision": revision.number,
                    "decision": decision,
                    "stage": decision.stage.label,
                    "by": _person_name(decision.recorded_by),
                    "co_validator": _person_name(decision.co_validator),
                    "on_behalf_of": _person_name(decision.on_behalf_of),
                }
            )
    return rows


def briefing_decisions(programme: Programme) -> dict | None:
    rows = _decision_rows(programme)
    if not rows:
        return None
    return {"rows": rows, "several_revisions": len({row["revision"] for row in rows}) > 1}


def briefing_proposed_decision(programme: Programme, pilots: list) -> dict | None:
    if not pilots:
        return None
    conditions = [
        row["decision"].conditions
        for row in _decision_rows(programme)
        if row["decision"].conditions and row["decision"].stage.role != Role.MAT_MEMBER
    ]
    return {"programme": programme, "pilots": pilots, "conditions": conditions}


def briefing_sections(programme: Programme) -> list[Section]:
    pilots = list(programme.pilots.all())
    pilot_sections = [
        Section(
            key=f"pilot-{pilot.pk}",
            title=pilot.dossier.title,
            children=[
                Section(f"facts-{pilot.pk}", _("Dossier"), "pilot_facts", pilot_facts(pilot)),
                Section(
                    f"scope-{pilot.pk}",
                    _("Scope and delimitation"),
                    "pilot_scope",
                    pilot_scope(pilot),
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
        for pilot in pilots
    ]
    return _number(
        [
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
                "context",
                _("Why now: the broader context"),
                "context",
                briefing_context(programme),
            ),
            Section(
                "selection",
                _("How the candidates were found"),
                "selection",
                briefing_selection(pilots),
                missing=_("The pilots were not chosen in a closed selection round."),
            ),
            Section(
                "pilots",
                _("The pilots"),
                "" if pilot_sections else "pilots_missing",
                None,
                missing=_("No pilots have been chosen yet."),
                children=pilot_sections,
            ),
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
    )


# --- The evaluation report's sections -------------------------------------------------------


def evaluation_mandate(programme: Programme) -> dict | None:
    """What the MAT approved and asked to be fed back: its approving decision."""
    for row in reversed(_decision_rows(programme)):
        decision = row["decision"]
        if decision.stage.role == Role.MAT_MEMBER and decision.outcome == "approved":
            return {"row": row, "decision": decision, "programme": programme}
    return None


def _results(pilot: Pilot) -> evaluation_selectors.PilotResults:
    return evaluation_selectors.results_of(pilot.evaluation_points.all())


def _lead_time(pilot: Pilot) -> evaluation_selectors.LeadTimeResult:
    return evaluation_selectors.pilot_lead_time(
        pilot=pilot, procedure=pilot.dossier.effective_procedure
    )


def evaluation_results(pilot: Pilot) -> dict | None:
    """Per evaluation point its baseline, target, latest measurement, score and how the score
    is reached; the weighted pilot score, naming the points without a measurement; and a
    score chart. Shape: {"rows": [PointResult], "score": PilotScore, "chart":
    score_chart([{label, score}], total=...)}. None until a point is measured."""
    results = _results(pilot)
    if not results.score.measured:
        return None
    chart = score_chart(
        [{"label": row.point.indicator, "score": row.score} for row in results.rows],
        total={"label": _("Pilot score (weighted)"), "score": results.score.score},
    )
    return {"rows": results.rows, "score": results.score, "chart": chart}


def evaluation_schedule(pilot: Pilot) -> dict | None:
    """The phases as planned and, where recorded, as they actually ran, each with its timing
    against the plan (late phases marked in the chart and in words in the table)."""
    schedule = evaluation_selectors.pilot_schedule(pilot=pilot)
    chart = timeline_chart(
        [
            {
                "label": str(row.phase.phase_type),
                "planned_start": row.phase.planned_start,
                "planned_end": row.phase.planned_end,
                "actual_start": row.phase.actual_start,
                "actual_end": row.phase.actual_end,
                "late": row.timing.is_late,
            }
            for row in schedule.rows
        ]
    )
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


def _pilot_rollup(pilot: Pilot) -> evaluation_selectors.PilotRollUp:
    return evaluation_selectors.PilotRollUp(
        pilot=pilot,
        results=_results(pilot),
        lead_time=_lead_time(pilot),
        late_phases=len(evaluation_selectors.pilot_schedule(pilot=pilot).late),
        evaluation=getattr(pilot, "evaluation", None),
    )


def evaluation_rollup(programme: Programme) -> dict | None:
    """The programme across its pilots: per pilot its score, conclusion, lead time against
    the reference and late phases; the average score; and the programme's evaluation as fed
    back to the MAT (summary, date, the MAT's decision). Shape: {"rollup": ProgrammeRollUp,
    "chart": score_chart(...)}. None while no pilot has a score, a lead time or an
    evaluation and the programme's evaluation is not recorded."""
    rows = [_pilot_rollup(pilot) for pilot in programme.pilots.all()]
    rollup = evaluation_selectors.ProgrammeRollUp(
        programme=programme, evaluation=getattr(programme, "evaluation", None), pilots=rows
    )
    started = any(
        row.results.score.score is not None
        or row.evaluation is not None
        or row.lead_time.lead_time.days is not None
        for row in rows
    )
    if rollup.evaluation is None and not started:
        return None
    chart = None
    if rollup.score is not None:
        chart = score_chart(
            [{"label": row.pilot.dossier.title, "score": row.results.score.score} for row in rows],
            total={"label": _("Programme (average of the pilots)"), "score": rollup.score},
        )
    return {"rollup": rollup, "chart": chart}


def evaluation_recommendations(programme: Programme) -> dict | None:
    """The policy recommendations that follow from the programme, in the order of the themes:
    {"recommendations": [PolicyRecommendation]} with theme, title, text, status, the date the
    MAT decided and the pilot evaluations each rests on. None until one is written."""
    recommendations = list(evaluation_selectors.policy_recommendations(programme=programme))
    if not recommendations:
        return None
    order = {value: index for index, value in enumerate(Theme.values)}
    recommendations.sort(key=lambda item: (order.get(item.theme, len(order)), item.title))
    return {"recommendations": recommendations}


def evaluation_sections(programme: Programme) -> list[Section]:
    pilots = list(programme.pilots.all())
    not_measured = _("The results are recorded during and after execution.")
    not_evaluated = _("The pilot's evaluation has not been written yet.")
    pilot_sections = [
        Section(
            key=f"pilot-{pilot.pk}",
            title=pilot.dossier.title,
            children=[
                Section(f"facts-{pilot.pk}", _("Dossier"), "pilot_facts", pilot_facts(pilot)),
                Section(
                    f"results-{pilot.pk}",
                    _("Results per evaluation point"),
                    "evaluation_results",
                    evaluation_results(pilot),
                    missing=not_measured,
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
        for pilot in pilots
    ]
    return _number(
        [
            Section(
                "mandate",
                _("What the MAT decided"),
                "mandate",
                evaluation_mandate(programme),
                missing=_("The MAT has not approved this programme yet."),
            ),
            Section(
                "pilots",
                _("The pilots"),
                "" if pilot_sections else "pilots_missing",
                None,
                missing=_("No pilots have been chosen yet."),
                children=pilot_sections,
            ),
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


# --- Documents --------------------------------------------------------------------------------

TITLES = {
    DocumentKind.BRIEFING: lambda: _("MAT briefing"),
    DocumentKind.EVALUATION: lambda: _("Evaluation report"),
}
SECTION_BUILDERS = {
    DocumentKind.BRIEFING: briefing_sections,
    DocumentKind.EVALUATION: evaluation_sections,
}


@dataclass
class Edition:
    """Which edition a render is: an official version (frozen) or a draft."""

    version: int
    official: bool
    date: datetime.date


def next_version(*, programme_id: int, kind: str) -> int:
    latest = (
        OfficialDocument.objects.filter(programme_id=programme_id, kind=kind)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return (latest or 0) + 1


def html_language(language: str) -> str:
    code, _sep, region = language.partition("-")
    return f"{code}-{region.upper()}" if region else code


def document_context(
    *, programme_id: int, kind: str, language: str, edition: Edition | None = None
) -> dict:
    """Everything the document template needs, in `language`. Without an edition, a draft
    numbered after the latest official version."""
    with translation.override(language):
        programme = _programme(programme_id)
        if edition is None:
            edition = Edition(
                version=next_version(programme_id=programme_id, kind=kind),
                official=False,
                date=timezone.localdate(),
            )
        title = TITLES[kind]()
        return {
            "kind": kind,
            "title": title,
            "programme": programme,
            "organisation": organisation(),
            "edition": edition,
            "language": html_language(language),
            "watermark": pgettext("document watermark", "DRAFT"),
            "sections": SECTION_BUILDERS[kind](programme),
        }


def render_html(context: dict, *, language: str) -> str:
    with translation.override(language):
        return render_to_string(DOCUMENT_TEMPLATE, context)


def render_pdf(
    *, programme_id: int, kind: str, language: str, edition: Edition | None = None
) -> bytes:
    """The document as PDF/A bytes: context, template, WeasyPrint."""
    context = document_context(
        programme_id=programme_id, kind=kind, language=language, edition=edition
    )
    return html_to_pdf(render_html(context, language=language))
