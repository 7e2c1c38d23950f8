"""The score chart, drawn as server-side SVG: horizontal bars 0–100, one per evaluation point
and one for the pilot on the pilot's page (`SCREEN`), and the same bars in the evaluation
report (`PRINT`), which also draws one per pilot and one for the programme. Only the sizes and
the colours differ."""

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from pilots.common.charts import svg_number

if TYPE_CHECKING:
    from .selectors import PilotResults, ProgrammeRollUp

# Scores run from 0 (the baseline) to 100 (the target reached); the rules cap them.
MAXIMUM = 100
# A longer label is cut, with its full text as a tooltip.
LABEL_CHARS = 40


@dataclass(frozen=True)
class ScoreBar:
    """One bar: a label and its score, None when nothing is measured yet."""

    label: str
    score: Decimal | None


@dataclass(frozen=True)
class ScoreSize:
    """The measures of one medium, in SVG units."""

    label_width: int  # the labels, left of the plot
    plot: int
    right: int  # the margin right of the plot, for the score written after a bar
    top: int  # the scale above the first row
    row: int
    bar: int
    bar_dy: int  # from the top of a row to its bar
    text_dy: int  # from the top of a row to its text
    total_gap: int  # sets the total a little apart from the rows
    bottom: int  # the margin below the last row
    line_end: int  # the gridlines stop this far above the bottom
    min_bar: float  # so that a score of zero still shows a bar
    fill: str
    total_fill: str


SCREEN = ScoreSize(
    label_width=290,
    plot=380,
    right=70,
    top=24,
    row=26,
    bar=18,
    bar_dy=0,
    text_dy=14,
    total_gap=8,
    bottom=6,
    line_end=4,
    min_bar=0,
    fill="#1f5f4a",
    total_fill="#164537",
)
PRINT = ScoreSize(
    label_width=250,
    plot=350,
    right=40,
    top=18,
    row=24,
    bar=14,
    bar_dy=5,
    text_dy=12,
    total_gap=6,
    bottom=4,
    line_end=2,
    min_bar=1,
    fill="#1f5f4a",
    total_fill="#123a2d",
)


def _label(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def score_chart(
    rows: list[ScoreBar], *, total: ScoreBar | None = None, size: ScoreSize = SCREEN
) -> dict | None:
    """Horizontal bars 0–100 with gridlines at 0, 50 and 100; the score is written next to each
    bar, and a row whose score is None says "no measurement" instead of drawing a zero.
    `total`, when given, is a last bar in bold, set a little apart: the weighted score of the
    pilot, or the average of the programme."""
    if not rows:
        return None
    entries = [(row, False) for row in rows]
    if total is not None:
        entries.append((total, True))
    bars = []
    for index, (row, is_total) in enumerate(entries):
        top = size.top + index * size.row + (size.total_gap if is_total else 0)
        width = 0.0
        if row.score is not None:
            width = size.plot * max(0.0, min(float(row.score), MAXIMUM)) / MAXIMUM
        bars.append(
            {
                "label": _label(row.label),
                "full_label": row.label,
                "score": row.score,
                "total": is_total,
                "y": svg_number(top + size.bar_dy),
                "text_y": svg_number(top + size.text_dy),
                "w": svg_number(max(width, size.min_bar)),
                "value_x": svg_number(size.label_width + width + 6),
            }
        )
    height = (
        size.top
        + len(entries) * size.row
        + (size.total_gap if total is not None else 0)
        + size.bottom
    )
    return {
        "width": size.label_width + size.plot + size.right,
        "height": height,
        "left": size.label_width,
        "right": size.label_width + size.plot,
        "label_width": size.label_width,
        "label_chars": LABEL_CHARS,
        "bars": bars,
        "ticks": [
            {"x": svg_number(size.label_width + size.plot * value / MAXIMUM), "value": value}
            for value in (0, MAXIMUM // 2, MAXIMUM)
        ],
        "top": size.top - 4,
        "bottom": svg_number(height - size.line_end),
        "fill": size.fill,
        "total_fill": size.total_fill,
    }


def pilot_score_chart(results: "PilotResults", *, size: ScoreSize = SCREEN) -> dict | None:
    """A bar per evaluation point and the pilot's weighted score."""
    return score_chart(
        [ScoreBar(row.point.indicator, row.score) for row in results.rows],
        total=ScoreBar(_("Pilot score (weighted)"), results.score.score),
        size=size,
    )


def programme_score_chart(rollup: "ProgrammeRollUp", *, size: ScoreSize = SCREEN) -> dict | None:
    """A bar per pilot and the programme's average."""
    return score_chart(
        [ScoreBar(row.pilot.dossier.title, row.results.score.score) for row in rollup.pilots],
        total=ScoreBar(_("Programme (average of the pilots)"), rollup.score),
        size=size,
    )
