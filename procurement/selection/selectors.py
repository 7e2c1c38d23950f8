"""Reads of selection rounds. The ranking page reads a round in a fixed number of queries
(criteria, candidates with their dossiers, strategies, hand scores), whatever its size."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.templatetags.draagvlak import euro
from procurement.dossiers.models import CircularStrategy, Dossier
from procurement.dossiers.procedures import low_value_limit
from procurement.dossiers.selectors import dossier_queryset
from stakeholders.models import Department
from stakeholders.selectors import user_department_id

from . import scoring
from .filters import SelectionRoundFilter
from .models import Candidate, Criterion, RoundDepartment, SelectionRound


def round_queryset():
    return (
        SelectionRound.objects.select_related("created_by", "decided_by")
        .annotate(
            asked=Count("invitations", distinct=True),
            completed=Count(
                "invitations",
                filter=Q(invitations__answer_status=RoundDepartment.AnswerStatus.COMPLETE),
                distinct=True,
            ),
            candidate_count=Count("candidates", distinct=True),
        )
        .order_by("-created_at", "-pk")
    )


def round_filter(*, params) -> SelectionRoundFilter:
    return SelectionRoundFilter(params, queryset=round_queryset())


def round_invitations(*, selection_round) -> list:
    """The departments asked, each with the number of dossiers in its answer (two queries)."""
    counts = dict(
        selection_round.candidates.values_list("dossier__department_id")
        .annotate(n=Count("pk"))
        .values_list("dossier__department_id", "n")
    )
    invitations = list(
        selection_round.invitations.select_related("department", "completed_by", "round")
    )
    for invitation in invitations:
        invitation.candidate_count = counts.get(invitation.department_id, 0)
    return invitations


def round_events(*, selection_round, limit: int = 30):
    return selection_round.events.select_related("user", "candidate__dossier")[:limit]


def candidate_queryset():
    return Candidate.objects.select_related(
        "dossier__department", "outcome_by", "round"
    ).prefetch_related(
        Prefetch("dossier__circular_strategies", queryset=CircularStrategy.objects.order_by("code"))
    )


def department_candidates(*, selection_round, department_id: int):
    return candidate_queryset().filter(round=selection_round, dossier__department_id=department_id)


def round_outcomes(*, selection_round):
    """The candidates with an outcome so far, grouped by outcome."""
    return (
        candidate_queryset()
        .filter(round=selection_round)
        .exclude(outcome=Candidate.Outcome.PENDING)
        .order_by("outcome", "dossier__reference")
    )


def round_departments(*, selection_round):
    """The departments asked in the round."""
    return Department.objects.filter(selection_invitations__round=selection_round)


def linkable_dossiers(*, selection_round, department_id: int):
    """The department's dossiers that are still open and not yet part of the answer."""
    return (
        Dossier.objects.open()
        .filter(department_id=department_id)
        .exclude(selection_candidates__round=selection_round)
        .order_by("reference")
    )


def open_requests_for(*, user, limit: int | None = 5):
    """Open inventory requests for the user's department that still await its answer."""
    department_id = user_department_id(user)
    if department_id is None:
        return []
    return (
        RoundDepartment.objects.select_related("round", "department")
        .filter(
            department_id=department_id,
            round__status=SelectionRound.Status.OPEN,
        )
        .exclude(answer_status=RoundDepartment.AnswerStatus.COMPLETE)
        .order_by("round__deadline", "round_id")[:limit]
    )


# --- The ranking ---------------------------------------------------------------------------


@dataclass
class Explained:
    line: scoring.Line
    criterion: Criterion
    shown: str
    comment: str = ""


@dataclass
class RankingRow:
    """One candidate in the ranking: its score and what the ranking shows of it."""

    scored: scoring.Ranked
    candidate: Candidate
    explained: list[Explained]
    low_value: bool

    @property
    def key(self) -> object:
        return self.scored.key

    @property
    def position(self) -> int:
        return self.scored.position

    @property
    def total(self) -> Decimal:
        return self.scored.total

    @property
    def computed_total(self) -> Decimal:
        return self.scored.computed_total

    @property
    def overridden(self) -> bool:
        return self.scored.overridden

    @property
    def local_tension(self) -> bool:
        """The department prefers local suppliers, which a circular tender may not favour."""
        return self.candidate.local_preference


@dataclass
class Ranking:
    criteria: list[Criterion]
    rows: list[RankingRow] = field(default_factory=list)
    reference_date: datetime.date | None = None
    low_value_limit: Decimal | None = None
    error: str = ""


def reference_date(selection_round) -> datetime.date:
    """Days to the award are counted from today while the round is open, and from the
    decision once decided, so a decided ranking does not drift with the calendar."""
    if selection_round.decided_at:
        return timezone.localtime(selection_round.decided_at).date()
    return timezone.localdate()


def _raw(criterion, candidate, rungs, hand, today):
    dossier = candidate.dossier
    source = Criterion.Source
    if criterion.source == source.VALUE:
        return scoring.raw_value(dossier.estimated_value)
    if criterion.source == source.DAYS_TO_AWARD:
        return scoring.raw_days_to_award(dossier.required_award_date, today=today)
    if criterion.source == source.VISIBILITY:
        return scoring.raw_visibility(dossier.visibility)
    if criterion.source == source.WILLINGNESS:
        return scoring.raw_willingness(candidate.willingness)
    if criterion.source == source.STRATEGIES:
        return scoring.raw_strategies(rungs)
    score = hand.get((candidate.pk, criterion.pk))
    return None if score is None else score.score


def _shown(criterion, candidate, raw) -> str:
    if raw is None:
        return _("missing")
    source = Criterion.Source
    dossier = candidate.dossier
    if criterion.source == source.VALUE:
        return euro(raw)
    if criterion.source == source.DAYS_TO_AWARD:
        return _("%(days)s days") % {"days": raw}
    if criterion.source == source.VISIBILITY:
        return dossier.get_visibility_display()
    if criterion.source == source.WILLINGNESS:
        return candidate.get_willingness_display()
    if criterion.source == source.STRATEGIES:
        codes = " ".join(s.code for s in dossier.circular_strategies.all()) or "—"
        return _("%(codes)s (circularity %(sum)s)") % {"codes": codes, "sum": raw}
    return f"{raw}/{scoring.HAND_SCALE_MAX}"


def round_ranking(*, selection_round) -> Ranking:
    criteria = list(selection_round.criteria.all())
    candidates = list(
        candidate_queryset().filter(round=selection_round).prefetch_related("hand_scores")
    )
    today = reference_date(selection_round)
    hand = {(c.pk, s.criterion_id): s for c in candidates for s in c.hand_scores.all()}
    specs = [
        scoring.CriterionSpec(
            key=c.pk, name=c.name, weight=c.weight, direction=c.direction, hand=c.is_hand
        )
        for c in criteria
    ]
    inputs = []
    for candidate in candidates:
        rungs = [s.rung for s in candidate.dossier.circular_strategies.all()]
        inputs.append(
            scoring.CandidateInput(
                key=candidate.pk,
                reference=candidate.dossier.reference,
                raw={c.pk: _raw(c, candidate, rungs, hand, today) for c in criteria},
                override=candidate.override_total,
            )
        )
    ranking = Ranking(
        criteria=criteria, reference_date=today, low_value_limit=low_value_limit(on_date=today)
    )
    try:
        scored_rows = scoring.rank(specs, inputs)
    except scoring.ScoringError as error:
        ranking.error = str(error)
        return ranking
    by_pk = {c.pk: c for c in candidates}
    criteria_by_pk = {c.pk: c for c in criteria}
    limit = ranking.low_value_limit
    for scored in scored_rows:
        candidate = by_pk[scored.key]
        explained = []
        for line in scored.lines:
            criterion = criteria_by_pk[line.criterion.key]
            score = hand.get((scored.key, criterion.pk))
            explained.append(
                Explained(
                    line=line,
                    criterion=criterion,
                    shown=_shown(criterion, candidate, line.raw),
                    comment=score.comment if score else "",
                )
            )
        ranking.rows.append(
            RankingRow(
                scored=scored,
                candidate=candidate,
                explained=explained,
                low_value=limit is not None and candidate.dossier.estimated_value < limit,
            )
        )
    return ranking


def ranking_rows_filtered(*, ranking: Ranking, department_id=None, outcome="", q=""):
    rows = ranking.rows
    if department_id:
        rows = [r for r in rows if r.candidate.dossier.department_id == department_id]
    if outcome:
        rows = [r for r in rows if r.candidate.outcome == outcome]
    if q:
        needle = q.strip().lower()
        rows = [
            r
            for r in rows
            if needle in r.candidate.dossier.title.lower()
            or needle in r.candidate.dossier.reference.lower()
        ]
    return rows


def selected_candidates(*, selection_round):
    return candidate_queryset().filter(round=selection_round, outcome=Candidate.Outcome.SELECTED)


# --- The contract with the programmes (pilots app) -----------------------------------------


def selection_rounds_closed():
    """Rounds whose selection is decided, newest decision first."""
    return SelectionRound.objects.filter(status=SelectionRound.Status.DECIDED).order_by(
        "-decided_at", "-pk"
    )


def selection_selected_dossiers(*, round_id: int):
    """The dossiers selected as pilots in a round."""
    return dossier_queryset().filter(
        selection_candidates__round_id=round_id,
        selection_candidates__outcome=Candidate.Outcome.SELECTED,
    )
