"""The rules of evaluation, as pure functions: no database, no request.

- A point's score: how far a measurement went from the baseline towards the target.
- A pilot's score: the weighted average of its points' scores.

Each result carries an explanation so the page can show how it was reached.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.money import quantity

HIGHER = "higher"
LOWER = "lower"

TARGET_EQUALS_BASELINE = gettext_lazy(
    "The target equals the baseline, so progress cannot be measured: set a target that "
    "differs from the baseline."
)


class RuleError(ValueError):
    """Input the rules cannot score (e.g. a target equal to the baseline)."""


HUNDRED = Decimal(100)


def target_refusal(*, baseline: Decimal, target: Decimal, direction: str) -> str | None:
    """Why a baseline and target cannot be scored, or None when they can."""
    if target == baseline:
        return str(TARGET_EQUALS_BASELINE)
    if direction == HIGHER and target < baseline:
        return _("Higher is better, so the target must lie above the baseline.")
    if direction == LOWER and target > baseline:
        return _("Lower is better, so the target must lie below the baseline.")
    return None


@dataclass(frozen=True)
class PointScore:
    """A point's score 0–100, or None when there is no measurement, with the reason."""

    score: Decimal | None
    explanation: str
    capped: bool = False


def point_score(
    *,
    baseline: Decimal,
    target: Decimal,
    direction: str,
    value: Decimal | None,
    unit: str = "",
) -> PointScore:
    """The share of the way from baseline to target that the measured value covers, capped to
    0–100: an overshoot counts as 100, a value worse than the baseline as 0. Direction-aware,
    because the target lies above the baseline when higher is better and below it when lower
    is better."""
    refusal = target_refusal(baseline=baseline, target=target, direction=direction)
    if refusal:
        raise RuleError(refusal)
    if value is None:
        return PointScore(None, _("No measurement yet."))
    raw = (value - baseline) / (target - baseline) * HUNDRED
    score = min(max(raw, Decimal(0)), HUNDRED).quantize(Decimal("0.1"), ROUND_HALF_UP)
    values = {
        "value": quantity(value, unit),
        "baseline": quantity(baseline, unit),
        "target": quantity(target, unit),
        "raw": number_format(raw.quantize(Decimal("0.1"), ROUND_HALF_UP), 1),
    }
    if raw > HUNDRED:
        return PointScore(
            score,
            _(
                "Measured %(value)s goes beyond the target %(target)s (from %(baseline)s): "
                "%(raw)s %% of the way, capped at 100."
            )
            % values,
            capped=True,
        )
    if raw < 0:
        return PointScore(
            score,
            _(
                "Measured %(value)s is worse than the baseline %(baseline)s (target "
                "%(target)s): %(raw)s %% of the way, counted as 0."
            )
            % values,
            capped=True,
        )
    return PointScore(
        score,
        _(
            "Measured %(value)s, from baseline %(baseline)s towards target %(target)s: %(raw)s %% of the way."
        )
        % values,
    )


@dataclass(frozen=True)
class WeightedScore:
    """One point's share in the pilot score: its score (None without a measurement), its
    weight, and how it is named when it is missing."""

    value: Decimal | None
    weight: int
    label: str = ""


@dataclass(frozen=True)
class PilotScore:
    """The weighted average of the measured points, with how much of the weight it covers."""

    score: Decimal | None
    measured: int
    total: int
    measured_weight: int
    total_weight: int
    explanation: str
    missing: list = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.measured == self.total and self.total > 0


def pilot_score(scores: list[WeightedScore]) -> PilotScore:
    """The weighted average over the points that have a measurement. Points without one are
    left out of the average and named, so the score never pretends to be complete and an
    unmeasured point is not mistaken for a failed one."""
    total = len(scores)
    if not total:
        return PilotScore(None, 0, 0, 0, 0, _("No evaluation points yet."))
    total_weight = sum(s.weight for s in scores)
    measured = [s for s in scores if s.value is not None]
    missing = [s.label for s in scores if s.value is None]
    measured_weight = sum(s.weight for s in measured)
    if not measured or not measured_weight:
        explanation = _("No point has been measured yet.")
        return PilotScore(None, 0, total, 0, total_weight, explanation, missing)
    weighted = sum((s.value * s.weight for s in measured if s.value is not None), Decimal(0))
    score = (weighted / measured_weight).quantize(Decimal("0.1"), ROUND_HALF_UP)
    values = {"measured": len(measured), "total": total}
    if len(measured) == total:
        explanation = _("Weighted average of all %(total)s points.") % values
    else:
        explanation = (
            _(
                "Weighted average of %(measured)s of %(total)s points; the points without a "
                "measurement are left out."
            )
            % values
        )
    return PilotScore(
        score, len(measured), total, measured_weight, total_weight, explanation, missing
    )


def mat_decision_refusal(*, fed_back_recorded: bool, report_frozen: bool) -> str | None:
    """The MAT decides on the evaluation report as it was fed back, so its decision is
    recorded after the feed-back, once a worker has frozen that report; it is never written
    into the document it decided on."""
    if not fed_back_recorded:
        return _(
            "First save the date the evaluation was fed back to the MAT: the report is then "
            "frozen as it stands, and the MAT's decision on it is recorded afterwards."
        )
    if not report_frozen:
        return _(
            "The evaluation report is still being prepared; record the MAT's decision once "
            "it is ready."
        )
    return None


PERCENT_UNITS = {"%", "percent", "procent", "pct"}


def measurement_warnings(
    *, value: Decimal, unit: str, measured_on: datetime.date, pilot_start: datetime.date | None
) -> list[str]:
    """What looks implausible about a measurement. A warning, not a refusal: a baseline may be
    measured before the pilot starts, and a share may be over a hundred on purpose; a mistake
    is corrected afterwards with a reason."""
    warnings = []
    if unit.strip().lower() in PERCENT_UNITS and value > 100:
        warnings.append(
            _("The value is a percentage above 100 (%(value)s). Is that right?")
            % {"value": number_format(value)}
        )
    if pilot_start is not None and measured_on < pilot_start:
        warnings.append(
            _("The date lies before the pilot started (%(start)s). Is that right?")
            % {"start": date_format(pilot_start, "SHORT_DATE_FORMAT")}
        )
    return warnings
