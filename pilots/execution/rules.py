"""The rules of execution, as pure functions: no database, no request.

- A phase's timing: on schedule, late or overdue, compared with its plan.
- The lead time from the start of preparation to the award, compared with a reference.
- The dossier status that the recorded phases imply.
- An award planned (or made) after the dossier's required award date.

Each result carries an explanation so the page can show how it was reached.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# The phase whose end is the award; preparation starts with the first phase before it.
AWARD_PHASE = "award"


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
    def planned_difference(self) -> int | None:
        """The planned lead time against the reference: the lead-time penalty the plan
        expects (positive: slower than the reference), known before the pilot starts."""
        if self.planned_days is None or self.reference_days is None:
            return None
        return self.planned_days - self.reference_days

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


# --- Award against the required award date -------------------------------------------------


@dataclass(frozen=True)
class AwardOverrun:
    """A pilot's award later than its dossier's required award date: planned (the planned end
    of the award phase) and, once recorded, actual. A count of 0 means that one is not late."""

    required: datetime.date
    planned_days: int
    actual_days: int

    @property
    def messages(self) -> list[str]:
        """The same wording wherever the flag is shown: page, form, documents."""
        texts = []
        if self.planned_days:
            texts.append(
                ngettext(
                    "planned %(days)s day after the required award date",
                    "planned %(days)s days after the required award date",
                    self.planned_days,
                )
                % {"days": self.planned_days}
            )
        if self.actual_days:
            texts.append(
                ngettext(
                    "awarded %(days)s day after the required award date",
                    "awarded %(days)s days after the required award date",
                    self.actual_days,
                )
                % {"days": self.actual_days}
            )
        return texts

    @property
    def text(self) -> str:
        return "; ".join(self.messages)


def award_overrun(
    phases: list[PhaseDates], *, required: datetime.date | None
) -> AwardOverrun | None:
    """The award phase's planned end, and its actual end once recorded, against the required
    award date; None when there is no required date, no award phase, or neither is late."""
    if required is None:
        return None
    award = next((p for p in phases if p.code == AWARD_PHASE), None)
    if award is None:
        return None
    planned_days = max((award.planned_end - required).days, 0)
    actual_days = max((award.actual_end - required).days, 0) if award.actual_end else 0
    if not planned_days and not actual_days:
        return None
    return AwardOverrun(required=required, planned_days=planned_days, actual_days=actual_days)


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
