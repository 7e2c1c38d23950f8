"""The charts of the documents, as inline SVG (vector in the PDF): a Gantt chart of the
phases, bars of scores, and the support per quadrant."""

import datetime

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
