"""The rules of the region, as pure functions: no database, no request.

- A regional figure (a count or an average) is shown only when at least three different
  municipalities contribute to it, so that no member's own figure can be read off.
- A point of a case was met when its latest result reached the target (a score of 100).
- A case's phase plan becomes planned dates one phase after the other from a start date.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MIN_CONTRIBUTORS = 3
FULL_SCORE = Decimal(100)


def figure_shown(*, contributors: int) -> bool:
    """Whether a figure built from `contributors` different municipalities may be shown."""
    return contributors >= MIN_CONTRIBUTORS


@dataclass(frozen=True)
class Figure:
    """A count, or an average, and how many municipalities it rests on. Hidden figures carry
    no value at all, so no template can show one by mistake."""

    contributors: int
    count: int | None = None
    average: Decimal | None = None

    @property
    def shown(self) -> bool:
        return figure_shown(contributors=self.contributors)


def count_figure(municipality_ids: Iterable[int]) -> Figure:
    """How many items, one municipality id per item; None unless enough municipalities."""
    ids = list(municipality_ids)
    contributors = len(set(ids))
    if not figure_shown(contributors=contributors):
        return Figure(contributors)
    return Figure(contributors, count=len(ids))


def average_figure(rows: Iterable[tuple[int, int | Decimal]]) -> Figure:
    """The average of the values, one (municipality id, value) per item; None unless enough
    municipalities."""
    rows = list(rows)
    contributors = len({municipality_id for municipality_id, _value in rows})
    if not figure_shown(contributors=contributors):
        return Figure(contributors)
    total = sum((Decimal(value) for _id, value in rows), Decimal(0))
    average = (total / len(rows)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return Figure(contributors, count=len(rows), average=average)


def point_met(score: Decimal | None) -> bool:
    """A point was met when its latest measurement reached the target."""
    return score is not None and score >= FULL_SCORE


def planned_dates(
    plan: Iterable[dict], *, start: datetime.date
) -> dict[str, tuple[datetime.date, datetime.date]]:
    """Per phase code of `plan` ([{"phase", "days"}]): planned start and end, one after the
    other from `start`. A phase lasts at least one day."""
    dates = {}
    for row in plan:
        days = max(int(row.get("days") or 1), 1)
        end = start + datetime.timedelta(days=days - 1)
        dates[str(row["phase"])] = (start, end)
        start = end + datetime.timedelta(days=1)
    return dates
