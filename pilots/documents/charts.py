"""The power-interest grid of the MAT briefing, inline SVG (vector in the PDF), and the text
that says what every chart of the documents shows. The documents draw their other charts with
the rooms' own: the Gantt chart is execution's (`pilots.execution.charts`), the score chart
evaluation's (`pilots.evaluation.charts`)."""

from urllib.parse import quote

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from stakeholders import disclosure
from stakeholders.models import Quadrant
from stakeholders.selectors import QUADRANT_FILL, SUPPORT_TEXT, SUPPRESSED_FILL

GRID_WIDTH = 640
# Room on the left for the power axis and below for the interest axis and the legend.
AXIS = 26
CELL_WIDTH = (GRID_WIDTH - AXIS) / 2
CELL_HEIGHT = 92
BAR_HEIGHT = 18
PADDING = 10
LEGEND_ROW = 16
# The width of a legend label per character, at its font size (9).
LEGEND_CHAR = 5.8
# Power up, interest to the right: (column, row) of each quadrant, row 0 on top.
POSITION = {
    Quadrant.KEEP_SATISFIED: (0, 0),
    Quadrant.MANAGE_CLOSELY: (1, 0),
    Quadrant.MONITOR: (0, 1),
    Quadrant.KEEP_INFORMED: (1, 1),
}
# A count is written inside its part of the bar when the part is at least this wide.
NUMBER_ROOM = 14


def _round(value: float) -> float:
    return round(value, 1)


def _stakeholders(count: int) -> str:
    return ngettext("%(count)s stakeholder", "%(count)s stakeholders", count) % {"count": count}


def _quadrant(group: dict, fewer_than: str) -> dict:
    column, row = POSITION[group["quadrant"]]
    x, y = AXIS + column * CELL_WIDTH, row * CELL_HEIGHT
    bar_x, bar_y, bar_width = x + PADDING, y + 48, CELL_WIDTH - 2 * PADDING
    parts = []
    if group["count"] and not group["suppressed"]:
        at = bar_x
        for level in group["levels"]:
            if not level["count"]:
                continue
            width = bar_width * level["count"] / group["count"]
            parts.append(
                {
                    "x": _round(at),
                    "w": _round(width),
                    "fill": level["fill"],
                    "count": level["count"],
                    "text": SUPPORT_TEXT.get(level["level"], "#000000"),
                    "text_x": _round(at + width / 2),
                    "numbered": width >= NUMBER_ROOM,
                }
            )
            at += width
    if group["suppressed"]:
        note = gettext("%(fewer)s assessed: not shown") % {"fewer": fewer_than}
    elif not group["count"]:
        note = gettext("nobody in this quadrant")
    elif group["average"] is not None:
        note = gettext("average support %(average)s") % {
            "average": number_format(group["average"], use_l10n=True)
        }
    else:
        note = gettext("nobody assessed")
    return {
        "label": group["label"],
        "x": _round(x),
        "y": _round(y),
        "w": _round(CELL_WIDTH),
        "h": CELL_HEIGHT,
        "fill": SUPPRESSED_FILL if group["suppressed"] else QUADRANT_FILL[group["quadrant"]],
        "suppressed": group["suppressed"],
        "text_x": _round(x + PADDING),
        "label_y": _round(y + 18),
        "count_y": _round(y + 34),
        "count": _stakeholders(group["count"]),
        "bar": {"x": _round(bar_x), "y": _round(bar_y), "w": _round(bar_width), "h": BAR_HEIGHT},
        "number_y": _round(bar_y + BAR_HEIGHT / 2),
        "parts": parts,
        "note": note,
        "note_y": _round(bar_y + BAR_HEIGHT + 16),
    }


def support_chart(groups: list[dict]) -> dict:
    """The power-interest grid with, per quadrant, its number of stakeholders and a bar split
    by support level. A quadrant whose support is not shown (`stakeholders.disclosure`, already
    applied by `support_by_quadrant`, which gives `groups`) is grey and says "fewer than 3
    assessed"; it draws no bar and no figure but its number of stakeholders, as the table
    beside it does."""
    first = groups[0]["levels"] if groups else []
    summary = {
        "groups": groups,
        "suppressed": any(group["suppressed"] for group in groups),
        "fewer_than": disclosure.fewer_than(),
        "legend": [{"label": level["label"], "fill": level["fill"]} for level in first],
    }
    quadrants = [_quadrant(group, summary["fewer_than"]) for group in summary["groups"]]
    grid_bottom = 2 * CELL_HEIGHT
    items = list(summary["legend"])
    if summary["suppressed"]:
        items.append(
            {
                "label": gettext("%(fewer)s assessed: not shown")
                % {"fewer": summary["fewer_than"]},
                "fill": SUPPRESSED_FILL,
            }
        )
    legend, at, row = [], AXIS, 0
    for item in items:
        width = 14 + LEGEND_CHAR * len(item["label"]) + 14
        if at + width > GRID_WIDTH and at > AXIS:
            at, row = AXIS, row + 1
        y = grid_bottom + AXIS + 6 + row * LEGEND_ROW
        legend.append(
            {
                "x": _round(at),
                "y": y,
                "text_x": _round(at + 14),
                "text_y": y + 5,
                "label": item["label"],
                "fill": item["fill"],
            }
        )
        at += width
    return {
        "width": GRID_WIDTH,
        "height": grid_bottom + AXIS + (row + 1) * LEGEND_ROW + 4,
        "axis": AXIS,
        "grid_bottom": grid_bottom,
        "middle_x": _round(AXIS + CELL_WIDTH),
        "middle_y": CELL_HEIGHT,
        "power_y": grid_bottom / 2,
        "interest_x": _round(AXIS + CELL_WIDTH),
        "interest_y": grid_bottom + 17,
        "legend": legend,
        "quadrants": quadrants,
        "description": grid_description(summary),
    }


def grid_description(summary: dict) -> str:
    """The figures of the grid in words, for its text alternative: per quadrant its number of
    stakeholders and, where they may be shown, their support per level."""
    sentences = []
    for group in summary["groups"]:
        head = f"{group['label']}: {_stakeholders(group['count'])}"
        if group["suppressed"]:
            sentences.append(
                head
                + ", "
                + gettext("%(fewer)s assessed: not shown") % {"fewer": summary["fewer_than"]}
            )
        elif group["count"]:
            levels = ", ".join(
                f"{level['label'].lower()} {level['count']}"
                for level in group["levels"]
                if level["count"]
            )
            sentences.append(f"{head} ({levels})")
        else:
            sentences.append(head)
    return "; ".join(sentences) + "."


def watermark_image(text: str) -> str:
    """The draft watermark as an SVG page background, a `data:` URL: the PDF marks a
    background as an artifact, so the watermark is no part of the document's text or its
    tag tree, as it would be as an element of the page."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" '
        'viewBox="0 0 210 297">'
        '<text x="105" y="148.5" transform="rotate(-35 105 148.5)" text-anchor="middle" '
        'dominant-baseline="middle" font-family="DejaVu Sans" font-weight="bold" '
        'font-size="31" letter-spacing="2.8" fill="#b42318" fill-opacity="0.12">'
        f"{escape(text)}</text></svg>"
    )
    return "data:image/svg+xml," + quote(svg)


# Advance widths of DejaVu Sans in em (its hmtx, rounded up); other characters count as an
# upper-case letter. Enough to keep a chart's label out of its bars without loading the font.
ADVANCE = {
    **dict.fromkeys("abdeghnopqu", 0.64),
    **dict.fromkeys("ckvxyz", 0.6),
    **dict.fromkeys("ilj", 0.28),
    **dict.fromkeys("frt", 0.42),
    **dict.fromkeys(" .,:;'|!", 0.32),
    **dict.fromkeys("()[]", 0.4),
    **dict.fromkeys("0123456789", 0.64),
    "s": 0.53,
    "w": 0.82,
    "m": 0.98,
    "M": 0.87,
    "W": 1.0,
    "…": 1.0,
}
OTHER = 0.78
BOLD = 1.1


def fit_label(text: str, width: float, size: float = 10, bold: bool = False) -> str:
    """`text` shortened with "…" so that, at `size`, it fits in `width` (SVG units): a
    chart's label never runs into its bars. The full label is in the table below the chart
    and in the chart's text alternative."""
    room = width / size / (BOLD if bold else 1)
    if sum(ADVANCE.get(c, OTHER) for c in text) <= room:
        return text
    shown, used = "", ADVANCE["…"]
    for character in text:
        used += ADVANCE.get(character, OTHER)
        if used > room:
            break
        shown += character
    return shown.rstrip() + "…"
