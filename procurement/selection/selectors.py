"""Reads of selection rounds. The ranking page reads a round in a fixed number of queries
(criteria, candidates with their dossiers, strategies, hand scores), whatever its size."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Prefetch, Q
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
from .models import Candidate, Criterion, RoundDepartment, SelectionEvent, SelectionRound


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


OUTCOME_ORDER = {
    Candidate.Outcome.SELECTED: 0,
    Candidate.Outcome.SHORTLISTED: 1,
    Candidate.Outcome.REJECTED: 2,
}


def round_outcomes(*, selection_round) -> list:
    """The candidates with an outcome so far: selected, shortlisted, rejected, each group by
    its place in the ranking (`candidate.rank`, None when the ranking cannot be computed)."""
    positions = {
        row.key: row.position for row in round_ranking(selection_round=selection_round).rows
    }
    candidates = list(
        candidate_queryset()
        .filter(round=selection_round)
        .exclude(outcome=Candidate.Outcome.PENDING)
        .order_by("dossier__reference")
    )
    for candidate in candidates:
        candidate.rank = positions.get(candidate.pk)
    candidates.sort(key=lambda c: (OUTCOME_ORDER.get(c.outcome, 3), c.rank is None, c.rank or 0))
    return candidates


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
    """The selected candidates by their rank at the decision (best first), then reference."""
    return (
        candidate_queryset()
        .filter(round=selection_round, outcome=Candidate.Outcome.SELECTED)
        .order_by(F("rank_at_decision").asc(nulls_last=True), "dossier__reference")
    )


def unanswered_before_deadline(*, selection_round, today: datetime.date | None = None) -> list:
    """The departments that have not completed their answer while they still have time to:
    deciding now decides without them. Empty once the deadline has passed or the round is
    decided."""
    today = today or timezone.localdate()
    if not selection_round.is_open or selection_round.deadline < today:
        return []
    return list(
        selection_round.invitations.exclude(
            answer_status=RoundDepartment.AnswerStatus.COMPLETE
        ).select_related("department")
    )


# What other apps build on a round (the programmes) they register here: a function that
# returns, for the dossiers selected in a round, what was built on them, so that reopening it
# can name them. Selection cannot import them: they import selection.
_round_dependents: list[Callable[..., list]] = []


def round_dependents_register(*providers: Callable[..., list]) -> None:
    """Each provider is called with `dossier_ids=` and returns objects with a title and a
    `get_absolute_url` (and, where it has one, `get_status_display`)."""
    _round_dependents[:] = providers


def round_dependents(*, selection_round) -> list:
    """What was built on the round's selection: the programmes whose pilots it selected."""
    dossier_ids = list(
        selection_round.candidates.filter(outcome=Candidate.Outcome.SELECTED).values_list(
            "dossier_id", flat=True
        )
    )
    if not dossier_ids:
        return []
    return [item for provider in _round_dependents for item in provider(dossier_ids=dossier_ids)]


def decision_snapshot(*, selection_round) -> dict:
    """The round's decision as it stands now, kept on the event that records it or undoes it
    (`SelectionEvent.snapshot`)."""
    decided_at = selection_round.decided_at
    return {
        "decided_at": decided_at.isoformat() if decided_at else None,
        "decided_by": selection_round.decided_by_id,
        "rationale": selection_round.decision_rationale,
        "criteria": [
            {"name": c.name, "description": c.description, "weight": str(c.weight)}
            for c in selection_round.criteria.all()
        ],
        "candidates": [
            {
                "dossier": c.dossier_id,
                "rank": c.rank_at_decision,
                "total": None if c.total_at_decision is None else str(c.total_at_decision),
                "outcome": c.outcome,
            }
            for c in selection_round.candidates.all()
        ],
    }


# --- The contract with the programmes (pilots app) -----------------------------------------


def selection_rounds_closed():
    """Rounds whose selection is decided, newest decision first."""
    return SelectionRound.objects.filter(status=SelectionRound.Status.DECIDED).order_by(
        "-decided_at", "-pk"
    )


def selection_selected_dossiers(*, round_id: int):
    """The dossiers selected as pilots in a round, by their rank at the decision."""
    return (
        dossier_queryset()
        .filter(
            selection_candidates__round_id=round_id,
            selection_candidates__outcome=Candidate.Outcome.SELECTED,
        )
        .order_by(F("selection_candidates__rank_at_decision").asc(nulls_last=True), "reference")
    )


@dataclass
class DecidedRound:
    """A round's decision as it was taken: what the briefing of a programme built on it shows."""

    title: str
    decided_at: datetime.datetime | None
    decision_rationale: str


@dataclass
class DecidedCandidate:
    dossier: Dossier
    rank_at_decision: int | None
    total_at_decision: Decimal | None
    outcome: str

    @property
    def dossier_id(self) -> int:
        return self.dossier.pk

    def get_outcome_display(self) -> str:
        return str(Candidate.Outcome(self.outcome).label)


def _selected_in(event: SelectionEvent) -> set[int]:
    """The dossiers the decision kept on `event` selected."""
    candidates = (event.snapshot or {}).get("candidates", [])
    return {c["dossier"] for c in candidates if c["outcome"] == Candidate.Outcome.SELECTED}


def _decided_at(event: SelectionEvent) -> datetime.datetime:
    return datetime.datetime.fromisoformat((event.snapshot or {})["decided_at"])


def selection_decision_for(*, dossier_ids, approved_at: datetime.datetime | None = None):
    """The selection decision that selected (some of) `dossier_ids`, as it was taken: for a
    programme submitted at `approved_at`, the newest decision taken before then, also when
    its round has been reopened since; without `approved_at`, the newest decision that
    stands now. A dict with the round, the decider, the criteria and the candidates by rank,
    or None."""
    dossier_ids = set(dossier_ids)
    events = (
        SelectionEvent.objects.filter(
            kind__in=[SelectionEvent.Kind.DECIDED, SelectionEvent.Kind.REOPENED],
            snapshot__isnull=False,
            round__candidates__dossier_id__in=dossier_ids,
        )
        .select_related("round")
        .distinct()
        .order_by("at", "pk")
    )
    # Per round, the decision that stands: its last decision, unless reopened since.
    standing: dict[int, SelectionEvent | None] = {}
    best: tuple[SelectionEvent, datetime.datetime] | None = None
    for event in events:
        standing[event.round_id] = None if event.kind == SelectionEvent.Kind.REOPENED else event
        decided_at = _decided_at(event)
        if approved_at is None or decided_at > approved_at:
            continue
        if _selected_in(event) & dossier_ids and (best is None or decided_at > best[1]):
            best = (event, decided_at)
    if approved_at is None:
        current = [
            event
            for event in standing.values()
            if event is not None and not event.round.is_open and _selected_in(event) & dossier_ids
        ]
        if current:
            event = max(current, key=lambda e: (e.at, e.pk))
            best = (event, _decided_at(event))
    if best is None:
        return None
    event, decided_at = best
    snapshot: dict = event.snapshot or {}
    dossiers = dossier_queryset().in_bulk([c["dossier"] for c in snapshot["candidates"]])
    candidates = [
        DecidedCandidate(
            dossier=dossiers[c["dossier"]],
            rank_at_decision=c["rank"],
            total_at_decision=None if c["total"] is None else Decimal(c["total"]),
            outcome=c["outcome"],
        )
        for c in snapshot["candidates"]
        if c["dossier"] in dossiers
    ]
    candidates.sort(
        key=lambda c: (c.rank_at_decision is None, c.rank_at_decision or 0, c.dossier.reference)
    )
    decided_by = (
        get_user_model().objects.select_related("person").filter(pk=snapshot["decided_by"]).first()
    )
    return {
        "round": DecidedRound(
            title=event.round.title,
            decided_at=decided_at,
            decision_rationale=snapshot["rationale"],
        ),
        "decided_by": decided_by,
        "criteria": snapshot["criteria"],
        "candidates": candidates,
    }
