"""The Gantt chart of a pilot's phases, planned and actual, drawn as server-side SVG: on the
pilot's page (`SCREEN`) and in the documents (`PRINT`). Both draw the same bars at the same
places in time; only the sizes and the colours differ."""

import datetime
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pilots.common.charts import svg_number

if TYPE_CHECKING:
    from pilots.approval.models import Phase

    from .selectors import ScheduleRow

# From the top of a row to its planned bar.
BAR_TOP = 4
# The timing in words stands one line below the phase's name.
STATE_LINE = 16


@dataclass(frozen=True)
class GanttRow:
    """One phase as the chart draws it. `late` turns its actual bar red; `state` and `delay`
    are its timing in words, which the page writes under the phase's name."""

    label: str
    planned_start: datetime.date
    planned_end: datetime.date
    actual_start: datetime.date | None = None
    actual_end: datetime.date | None = None
    late: bool = False
    state: str = ""
    delay: int | None = None


@dataclass(frozen=True)
class GanttSize:
    """The measures of one medium, in SVG units."""

    width: int
    label_width: int  # the phase names, left of the plot
    right: int  # the margin right of the plot
    top: int  # the month axis above the first row
    row: int
    bar: int  # the planned bar, and the actual bar beneath it
    bar_gap: int
    label_dy: int  # from the top of a row to the baseline of its name
    bottom: int  # the margin below the last row
    min_bar: float  # so that a one-day phase stays visible
    month_labels: int  # how many month labels fit side by side on the axis
    month_label: int  # the width one month label ("Sep 2026") takes on the axis
    # Where no phase has started, the plan alone is drawn this high, in the actual colour;
    # None draws it as always.
    plan_alone: int | None
    colours: dict


# Presentation attributes, not style attributes: the CSP forbids inline styles. Colours keep a
# 4.5:1 contrast to white text and 3:1 to the background.
# The page scales the chart to its full width; 1000 units keep the text about its own size
# on a laptop, and on a phone the figure scrolls sideways at that width instead of shrinking.
SCREEN = GanttSize(
    width=1000,
    label_width=200,
    right=16,
    top=30,
    row=44,
    bar=13,
    bar_gap=4,
    label_dy=16,
    bottom=8,
    min_bar=2,
    month_labels=12,
    month_label=62,
    plan_alone=None,
    colours={
        "planned_fill": "#d8e6df",
        "planned_stroke": "#1f5f4a",
        "actual_fill": "#1f5f4a",
        "running_fill": "#4f8a3c",
        "late_fill": "#b42318",
    },
)
# On paper a running phase is the actual colour faded (the template sets the opacity).
PRINT = GanttSize(
    width=640,
    label_width=170,
    right=8,
    top=26,
    row=24,
    bar=8,
    bar_gap=1,
    label_dy=12,
    bottom=4,
    min_bar=1,
    month_labels=11,
    month_label=54,
    plan_alone=14,
    colours={
        "planned_fill": "#9cc9b4",
        "actual_fill": "#1f5f4a",
        "running_fill": "#1f5f4a",
        "late_fill": "#b42318",
    },
)


def gantt_rows(schedule: "list[ScheduleRow]") -> list[GanttRow]:
    """The phases of a schedule, as planned and as they ran, with their timing."""
    return [
        GanttRow(
            label=str(row.phase.phase_type),
            planned_start=row.phase.planned_start,
            planned_end=row.phase.planned_end,
            actual_start=row.phase.actual_start,
            actual_end=row.phase.actual_end,
            late=row.timing.is_late,
            state=row.timing.label,
            delay=row.timing.delay_days,
        )
        for row in schedule
    ]


def planned_rows(phases: "list[Phase]") -> list[GanttRow]:
    """The phases as planned only, as the MAT is asked to approve them."""
    return [
        GanttRow(str(phase.phase_type), phase.planned_start, phase.planned_end) for phase in phases
    ]


def month_ticks(
    first: datetime.date, end: datetime.date, *, labels: int
) -> list[tuple[datetime.date, bool]]:
    """The first day of each month from `first` up to `end` (exclusive), each with whether it
    is labelled: every month when `labels` fit, else every second, third… month."""
    months, month = [], first.replace(day=1)
    while month < end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    step = math.ceil(len(months) / labels)
    return [(month, index % step == 0) for index, month in enumerate(months) if month >= first]


def month_labels(first: datetime.date, end: datetime.date, *, axis, size: GanttSize) -> list[dict]:
    """Where the month names go: each in the middle of its month while they fit, so the
    months cut off at the edges keep their names too; else every second, third… month at its
    start, and never past either edge of the plot."""
    months, month = [], first.replace(day=1)
    while month < end:
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        months.append((month, axis.x(max(month, first)), axis.x(min(following, end))))
        month = following
    label = size.month_label
    if all(right - left >= label for _month, left, right in months[1:-1]):
        return [
            {
                "x": svg_number((left + right) / 2),
                "anchor": "middle",
                "label": date_format(m, "M Y"),
            }
            for m, left, right in months
            if right - left >= label
        ]
    shortest_month = axis.plot * 28 / axis.span
    step = max(math.ceil(len(months) / size.month_labels), math.ceil(label / shortest_month))
    low, high = axis.left, axis.left + axis.plot - label
    placed: list[dict] = []
    last_index, last_x = -step, -label
    for index, (m, left, _right) in enumerate(months):
        x = min(max(left, low), high)
        if index - last_index < step or x < last_x + label:
            continue
        placed.append({"x": svg_number(x), "anchor": "start", "label": date_format(m, "M Y")})
        last_index, last_x = index, x
    return placed


@dataclass(frozen=True)
class _Axis:
    """Days to x: `first` at the plot's left edge, `span` days across its width."""

    first: datetime.date
    span: int
    left: int
    plot: int
    min_bar: float

    def x(self, day: datetime.date) -> float:
        return self.left + self.plot * (day - self.first).days / self.span

    def width(self, start: datetime.date, last: datetime.date) -> float:
        return max(self.plot * ((last - start).days + 1) / self.span, self.min_bar)


def _bar(row: GanttRow, *, top: int, axis: _Axis, size: GanttSize, plan_alone: bool, today):
    planned_height = size.plan_alone if plan_alone else size.bar
    bar = {
        "label": row.label,
        "state": row.state,
        "late": row.late,
        "delay": row.delay,
        "label_y": svg_number(top + size.label_dy),
        "state_y": svg_number(top + size.label_dy + STATE_LINE),
        "line_y": svg_number(top + size.row - 1),
        "planned": {
            "x": svg_number(axis.x(row.planned_start)),
            "y": svg_number(top + (size.row - planned_height) / 2 if plan_alone else top + BAR_TOP),
            "w": svg_number(axis.width(row.planned_start, row.planned_end)),
            "h": planned_height,
            "fill": size.colours["actual_fill" if plan_alone else "planned_fill"],
        },
        "actual": None,
    }
    if row.actual_start:
        end = max(row.actual_end or today or row.actual_start, row.actual_start)
        fill = "actual_fill"
        if row.late:
            fill = "late_fill"
        elif row.actual_end is None:
            fill = "running_fill"
        bar["actual"] = {
            "x": svg_number(axis.x(row.actual_start)),
            "y": svg_number(top + BAR_TOP + size.bar + size.bar_gap),
            "w": svg_number(axis.width(row.actual_start, end)),
            "h": size.bar,
            "fill": size.colours[fill],
            "open": row.actual_end is None,
        }
    return bar


def _today_mark(x: float, *, size: GanttSize) -> dict:
    """The line for today; its word ends at the line near the right edge, so it stays whole."""
    near_edge = x + size.month_label / 2 > size.width - size.right
    return {"x": svg_number(x), "label": _("today"), "anchor": "end" if near_edge else "middle"}


def gantt_chart(
    rows: list[GanttRow], *, size: GanttSize = SCREEN, today: datetime.date | None = None
) -> dict | None:
    """Coordinates for the SVG: per phase a planned bar above an actual bar; a late phase's
    actual bar is red, and the page or the table beside the chart says so in words. With
    `today`, the axis reaches today, a line marks it and a running phase's actual bar runs
    up to it; without, a running phase shows its first day."""
    if not rows:
        return None
    dates = [today] if today else []
    for row in rows:
        dates += [row.planned_start, row.planned_end]
        dates += [day for day in (row.actual_start, row.actual_end) if day]
    first, end = min(dates), max(dates) + datetime.timedelta(days=1)
    axis = _Axis(
        first=first,
        span=(end - first).days,
        left=size.label_width,
        plot=size.width - size.label_width - size.right,
        min_bar=size.min_bar,
    )
    has_actual = any(row.actual_start for row in rows)
    plan_alone = size.plan_alone is not None and not has_actual
    bars = [
        _bar(
            row,
            top=size.top + index * size.row,
            axis=axis,
            size=size,
            plan_alone=plan_alone,
            today=today,
        )
        for index, row in enumerate(rows)
    ]
    height = size.top + len(rows) * size.row + size.bottom
    return {
        "width": size.width,
        "height": height,
        "label_x": 8,
        "plot_left": size.label_width,
        "plot_right": size.width - size.right,
        "bottom": svg_number(height - 4),
        "bars": bars,
        "ticks": [
            {"x": svg_number(axis.x(month)), "label": date_format(month, "M Y"), "show": show}
            for month, show in month_ticks(first, end, labels=size.month_labels)
        ],
        "month_labels": month_labels(first, end, axis=axis, size=size),
        "today": today and _today_mark(axis.x(today) + axis.plot / axis.span / 2, size=size),
        "has_actual": has_actual,
        "has_late": any(row.late and row.actual_start for row in rows),
        "colours": size.colours,
    }
