"""The charts of the documents, as inline SVG (vector in the PDF): bars of scores, and the
support per quadrant. The Gantt chart is execution's (`pilots.execution.charts`)."""

CHART_WIDTH = 640
LABEL_WIDTH = 170
ROW_HEIGHT = 24
ACTUAL_FILL = "#1f5f4a"
TOTAL_FILL = "#123a2d"


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
