"""The support per quadrant as a chart in the MAT briefing, inline SVG (vector in the PDF).
The documents draw their other charts with the rooms' own: the Gantt chart is execution's
(`pilots.execution.charts`), the score chart evaluation's (`pilots.evaluation.charts`)."""

from stakeholders.selectors import SUPPRESSED_FILL

CHART_WIDTH = 640
LABEL_WIDTH = 170
ROW_HEIGHT = 24
# From the top of a row to its bar, which is 14 high.
BAR_DY = 5


def support_chart(groups: list[dict]) -> dict:
    """Per quadrant a bar split by support level, the width proportional to the count. A
    quadrant whose support is not shown (`stakeholders.disclosure`) is one grey bar as long
    as its number of stakeholders."""
    widest = max((group["count"] for group in groups), default=1) or 1
    plot = CHART_WIDTH - LABEL_WIDTH - 40
    bars = []
    for index, group in enumerate(groups):
        y = 8 + index * ROW_HEIGHT
        x, parts = LABEL_WIDTH, []
        if group["suppressed"]:
            width = round(plot * group["count"] / widest, 1)
            parts.append({"x": x, "w": width, "count": group["count"], "fill": SUPPRESSED_FILL})
            x += width
        for level in [] if group["suppressed"] else group["levels"]:
            if not level["count"]:
                continue
            width = round(plot * level["count"] / widest, 1)
            parts.append({"x": round(x, 1), "w": width, **level})
            x += width
        bars.append(
            {
                "label": group["label"],
                "y": y + BAR_DY,
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
