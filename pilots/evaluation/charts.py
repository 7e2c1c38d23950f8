"""The score chart of a pilot on its page: one bar 0–100 per point and one for the pilot,
drawn as server-side SVG."""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from pilots.common.charts import svg_number

if TYPE_CHECKING:
    from .selectors import PointResult


def score_chart(rows: "list[PointResult]", *, pilot_score: Decimal | None) -> dict | None:
    """Horizontal bars 0–100, one per point and one for the pilot; the score is written next
    to each bar, and "no measurement" where there is none."""
    if not rows:
        return None
    label, plot, row_height, top = 290, 380, 26, 24
    bars = []
    entries = [(r.point.indicator, r.score, False) for r in rows]
    entries.append((_("Pilot score (weighted)"), pilot_score, True))
    for index, (name, score, total) in enumerate(entries):
        y = top + index * row_height + (8 if total else 0)
        width = plot * float(score) / 100 if score is not None else 0
        bars.append(
            {
                "label": name if len(name) <= 40 else name[:39] + "…",
                "full_label": name,
                "score": score,
                "total": total,
                "y": svg_number(y),
                "text_y": svg_number(y + 14),
                "w": svg_number(max(width, 0)),
                "value_x": svg_number(label + max(width, 0) + 6),
            }
        )
    return {
        "width": label + plot + 70,
        "height": top + len(entries) * row_height + 14,
        "left": label,
        "right": label + plot,
        "ticks": [
            {"x": svg_number(label + plot * value / 100), "value": value} for value in (0, 50, 100)
        ],
        "bars": bars,
        "bottom": svg_number(top + len(entries) * row_height + 10),
    }
