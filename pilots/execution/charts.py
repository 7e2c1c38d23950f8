"""The Gantt chart of a pilot's phases on its page: planned and actual bars, drawn as
server-side SVG."""

import datetime
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pilots.common.charts import svg_number

if TYPE_CHECKING:
    from .selectors import ScheduleRow

# Presentation attributes, not style attributes: the CSP forbids inline styles. Colours keep a
# 4.5:1 contrast to white text and 3:1 to the background.
GANTT = {
    "width": 760,
    "label": 200,
    "right": 16,
    "top": 30,
    "row": 44,
    "bar": 13,
    "planned_fill": "#d8e6df",
    "planned_stroke": "#1f5f4a",
    "actual_fill": "#1f5f4a",
    "running_fill": "#4f8a3c",
    "late_fill": "#b42318",
}


def _month_ticks(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = 1 if months <= 12 else 2 if months <= 24 else 3
    tick = datetime.date(first.year, first.month, 1)
    ticks = []
    index = 0
    while tick <= last:
        if tick >= first and index % step == 0:
            ticks.append(tick)
        index += 1
        tick = datetime.date(tick.year + tick.month // 12, tick.month % 12 + 1, 1)
    return ticks


def gantt_chart(rows: "list[ScheduleRow]", *, today: datetime.date) -> dict | None:
    """Coordinates for the server-rendered SVG: per phase a planned bar above an actual bar;
    a late phase's actual bar is red and hatched, and its label says so in words."""
    if not rows:
        return None
    g = GANTT
    dates = [today]
    for row in rows:
        phase = row.phase
        dates += [phase.planned_start, phase.planned_end]
        dates += [d for d in (phase.actual_start, phase.actual_end) if d]
    first, last = min(dates), max(dates)
    span = max((last - first).days + 1, 1)
    plot = g["width"] - g["label"] - g["right"]

    def x(day: datetime.date) -> float:
        return g["label"] + plot * (day - first).days / span

    def width(start: datetime.date, end: datetime.date) -> float:
        return max(plot * ((end - start).days + 1) / span, 2)

    bars = []
    for index, row in enumerate(rows):
        phase, timing = row.phase, row.timing
        top = g["top"] + index * g["row"]
        entry = {
            "label": str(phase.phase_type),
            "state": timing.label,
            "late": timing.is_late,
            "delay": timing.delay_days,
            "label_y": svg_number(top + 16),
            "state_y": svg_number(top + 32),
            "planned": {
                "x": svg_number(x(phase.planned_start)),
                "y": svg_number(top + 4),
                "w": svg_number(width(phase.planned_start, phase.planned_end)),
            },
            "actual": None,
            "line_y": svg_number(top + g["row"] - 1),
        }
        if phase.actual_start:
            end = phase.actual_end or today
            fill = g["actual_fill"]
            if timing.is_late:
                fill = g["late_fill"]
            elif phase.actual_end is None:
                fill = g["running_fill"]
            entry["actual"] = {
                "x": svg_number(x(phase.actual_start)),
                "y": svg_number(top + 4 + g["bar"] + 4),
                "w": svg_number(width(phase.actual_start, max(end, phase.actual_start))),
                "fill": fill,
                "hatched": timing.is_late,
            }
        bars.append(entry)
    height = g["top"] + len(rows) * g["row"] + 8
    return {
        "width": g["width"],
        "height": height,
        "bar": g["bar"],
        "label_x": 8,
        "plot_left": g["label"],
        "plot_right": g["width"] - g["right"],
        "bottom": svg_number(height - 4),
        "bars": bars,
        "ticks": [
            {"x": svg_number(x(tick)), "label": date_format(tick, "M Y")}
            for tick in _month_ticks(first, last)
        ],
        "today": {"x": svg_number(x(today) + plot / span / 2), "label": _("today")},
        "colours": g,
    }
