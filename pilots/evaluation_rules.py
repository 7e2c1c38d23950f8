"""The rules of execution and evaluation, as pure functions: no database, no request.

- A phase's timing: on schedule, late or overdue, compared with its plan.
- The lead time from the start of preparation to the award, compared with a reference.
- The dossier status that the recorded phases imply.
- A point's score: how far a measurement went from the baseline towards the target.
- A pilot's score: the weighted average of its points' scores.

Each result carries an explanation so the page can show how it was reached.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HIGHER = "higher"
LOWER = "lower"

# The phase whose end is the award; preparation starts with the first phase before it.
AWARD_PHASE = "award"


TARGET_EQUALS_BASELINE = gettext_lazy(
    "The target equals the baseline, so progress cannot be measured: set a target that "
    "differs from the baseline."
)


class RuleError(ValueError):
    """Input the rules cannot score (e.g. a target equal to the baseline)."""


# --- Phases ----------------------------------------------------------------------------------


class Timing:
    """The states a phase can be in, compared with its plan."""

    UPCOMING = "upcoming"
    RUNNING = "running"
    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"

    LABELS = {
        UPCOMING: gettext_lazy("Not started"),
        RUNNING: gettext_lazy("In progress"),
        ON_TIME: gettext_lazy("Done on time"),
        LATE: gettext_lazy("Done late"),
        OVERDUE: gettext_lazy("Overdue"),
    }
    LATE_STATES = frozenset({LATE, OVERDUE})


@dataclass(frozen=True)
class PhaseDates:
    code: str
    planned_start: datetime.date
    planned_end: datetime.date
    actual_start: datetime.date | None = None
    actual_end: datetime.date | None = None


@dataclass(frozen=True)
class PhaseTiming:
    state: str
    delay_days: int

    @property
    def is_late(self) -> bool:
        return self.state in Timing.LATE_STATES

    @property
    def label(self) -> str:
        return str(Timing.LABELS[self.state])


def phase_timing(phase: PhaseDates, *, today: datetime.date) -> PhaseTiming:
    """A phase is late when it ended after its planned end, or overdue when its planned end
    (or planned start, if it has not started) has passed without it. `delay_days` is how many
    days behind plan it is or was."""
    if phase.actual_end is not None:
        delay = (phase.actual_end - phase.planned_end).days
        if delay > 0:
            return PhaseTiming(Timing.LATE, delay)
        return PhaseTiming(Timing.ON_TIME, 0)
    if today > phase.planned_end:
        return PhaseTiming(Timing.OVERDUE, (today - phase.planned_end).days)
    if phase.actual_start is None:
        if today > phase.planned_start:
            return PhaseTiming(Timing.OVERDUE, (today - phase.planned_start).days)
        return PhaseTiming(Timing.UPCOMING, 0)
    return PhaseTiming(Timing.RUNNING, 0)


# --- Lead time -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeadTime:
    """Days from the start of preparation to the award. `days` is the actual lead time once
    the award is recorded, else None; `elapsed_days` counts the days so far while it runs."""

    planned_days: int | None
    days: int | None
    elapsed_days: int | None
    reference_days: int | None
    explanation: str

    @property
    def difference(self) -> int | None:
        if self.days is None or self.reference_days is None:
            return None
        return self.days - self.reference_days

    @property
    def slower_by(self) -> int:
        return max(self.difference or 0, 0)

    @property
    def faster_by(self) -> int:
        return max(-(self.difference or 0), 0)

    @property
    def over_reference(self) -> bool:
        """Slower than the reference: finished above it, or already past it while running."""
        if self.reference_days is None:
            return False
        current = self.days if self.days is not None else self.elapsed_days
        return current is not None and current > self.reference_days


def lead_time(
    phases: list[PhaseDates], *, reference_days: int | None, today: datetime.date
) -> LeadTime:
    """From the first phase before the award (its actual start) to the award's actual end.

    Missing dates are stated rather than guessed: without an actual start the lead time has
    not begun; without an actual award it is still running and only the days so far count."""
    ordered = list(phases)
    award_index = next((i for i, p in enumerate(ordered) if p.code == AWARD_PHASE), None)
    if award_index is None:
        return LeadTime(None, None, None, reference_days, _("The pilot has no award phase."))
    preparation, award = ordered[: award_index + 1], ordered[award_index]
    first = preparation[0]
    planned = (award.planned_end - first.planned_start).days
    started = min((p.actual_start for p in preparation if p.actual_start), default=None)
    if started is None:
        explanation = _("Preparation has not started yet: no actual start is recorded.")
        return LeadTime(planned, None, None, reference_days, explanation)
    if award.actual_end is None:
        elapsed = max((today - started).days, 0)
        explanation = _(
            "Preparation started on %(start)s; the award is not recorded yet, so the lead time "
            "is still running (%(days)s days so far)."
        ) % {"start": date_format(started, "SHORT_DATE_FORMAT"), "days": elapsed}
        return LeadTime(planned, None, elapsed, reference_days, explanation)
    days = (award.actual_end - started).days
    explanation = _("From the start of preparation on %(start)s to the award on %(end)s.") % {
        "start": date_format(started, "SHORT_DATE_FORMAT"),
        "end": date_format(award.actual_end, "SHORT_DATE_FORMAT"),
    }
    if reference_days is None:
        explanation += " " + _("There is no reference lead time for this procedure type.")
    return LeadTime(planned, days, None, reference_days, explanation)


# --- Dossier status --------------------------------------------------------------------------

# What the recorded phases say about the dossier, in the order a tender goes. A phase that has
# started (or ended) moves the dossier at least as far as its status here.
PHASE_START_STATUS = {
    "market-dialogue": "market_consultation",
    "specifications": "in_preparation",
    "publication": "published",
    "execution": "in_execution",
}
PHASE_END_STATUS = {"award": "awarded", "evaluation": "closed"}
STATUS_ORDER = [
    "planned",
    "market_consultation",
    "in_preparation",
    "published",
    "awarded",
    "in_execution",
    "closed",
]


def dossier_status_after(phases: list[PhaseDates], *, current: str) -> str:
    """The status the recorded phases imply, never moving a dossier backwards and never
    touching a status outside the tender's course (a cancelled dossier stays cancelled)."""
    if current not in STATUS_ORDER:
        return current
    reached = STATUS_ORDER.index(current)
    for phase in phases:
        if phase.actual_start and phase.code in PHASE_START_STATUS:
            reached = max(reached, STATUS_ORDER.index(PHASE_START_STATUS[phase.code]))
        if phase.actual_end and phase.code in PHASE_END_STATUS:
            reached = max(reached, STATUS_ORDER.index(PHASE_END_STATUS[phase.code]))
    return STATUS_ORDER[reached]


# --- Scores ----------------------------------------------------------------------------------

HUNDRED = Decimal(100)


def _number(value: Decimal) -> str:
    """12 for a whole number, 12,50 otherwise (in the reader's language)."""
    if value == value.to_integral():
        return number_format(value.to_integral(), 0, use_l10n=True, force_grouping=True)
    return number_format(value, 2, use_l10n=True, force_grouping=True)


def target_refusal(*, baseline: Decimal, target: Decimal, direction: str) -> str | None:
    """Why a baseline and target cannot be scored, or None when they can."""
    if target == baseline:
        return str(TARGET_EQUALS_BASELINE)
    if direction == HIGHER and target < baseline:
        return _("Higher is better, so the target must lie above the baseline.")
    if direction == LOWER and target > baseline:
        return _("Lower is better, so the target must lie below the baseline.")
    return None


@dataclass(frozen=True)
class PointScore:
    """A point's score 0–100, or None when there is no measurement, with the reason."""

    score: Decimal | None
    explanation: str
    capped: bool = False


def point_score(
    *,
    baseline: Decimal,
    target: Decimal,
    direction: str,
    value: Decimal | None,
    unit: str = "",
) -> PointScore:
    """The share of the way from baseline to target that the measured value covers, capped to
    0–100: an overshoot counts as 100, a value worse than the baseline as 0. Direction-aware,
    because the target lies above the baseline when higher is better and below it when lower
    is better."""
    refusal = target_refusal(baseline=baseline, target=target, direction=direction)
    if refusal:
        raise RuleError(refusal)
    if value is None:
        return PointScore(None, _("No measurement yet."))
    raw = (value - baseline) / (target - baseline) * HUNDRED
    score = min(max(raw, Decimal(0)), HUNDRED).quantize(Decimal("0.1"), ROUND_HALF_UP)
    suffix = f"\u00a0{unit}" if unit else ""
    values = {
        "value": _number(value) + suffix,
        "baseline": _number(baseline) + suffix,
        "target": _number(target) + suffix,
        "raw": number_format(raw.quantize(Decimal("0.1"), ROUND_HALF_UP), 1),
    }
    if raw > HUNDRED:
        return PointScore(
            score,
            _(
                "Measured %(value)s goes beyond the target %(target)s (from %(baseline)s): "
                "%(raw)s %% of the way, capped at 100."
            )
            % values,
            capped=True,
        )
    if raw < 0:
        return PointScore(
            score,
            _(
                "Measured %(value)s is worse than the baseline %(baseline)s (target "
                "%(target)s): %(raw)s %% of the way, counted as 0."
            )
            % values,
            capped=True,
        )
    return PointScore(
        score,
        _(
            "Measured %(value)s, from baseline %(baseline)s towards target %(target)s: %(raw)s %% of the way."
        )
        % values,
    )


@dataclass(frozen=True)
class WeightedScore:
    """One point's share in the pilot score: its score (None without a measurement), its
    weight, and how it is named when it is missing."""

    value: Decimal | None
    weight: int
    label: str = ""


@dataclass(frozen=True)
class PilotScore:
    """The weighted average of the measured points, with how much of the weight it covers."""

    score: Decimal | None
    measured: int
    total: int
    measured_weight: int
    total_weight: int
    explanation: str
    missing: list = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.measured == self.total and self.total > 0


def pilot_score(scores: list[WeightedScore]) -> PilotScore:
    """The weighted average over the points that have a measurement. Points without one are
    left out of the average and named, so the score never pretends to be complete and an
    unmeasured point is not mistaken for a failed one."""
    total = len(scores)
    if not total:
        return PilotScore(None, 0, 0, 0, 0, _("No evaluation points yet."))
    total_weight = sum(s.weight for s in scores)
    measured = [s for s in scores if s.value is not None]
    missing = [s.label for s in scores if s.value is None]
    measured_weight = sum(s.weight for s in measured)
    if not measured or not measured_weight:
        explanation = _("No point has been measured yet.")
        return PilotScore(None, 0, total, 0, total_weight, explanation, missing)
    average = sum(s.value * s.weight for s in measured) / measured_weight
    score = average.quantize(Decimal("0.1"), ROUND_HALF_UP)
    values = {"measured": len(measured), "total": total}
    if len(measured) == total:
        explanation = _("Weighted average of all %(total)s points.") % values
    else:
        explanation = (
            _(
                "Weighted average of %(measured)s of %(total)s points; the points without a "
                "measurement are left out."
            )
            % values
        )
    return PilotScore(
        score, len(measured), total, measured_weight, total_weight, explanation, missing
    )
