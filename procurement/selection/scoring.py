"""The selection score: pure rules, no database, so every case can be checked by hand.

The rule, as the ranking page and docs/selection.md state it:

* A derived criterion reads a raw value from the dossier (or the department's answer) and is
  normalised *min–max across the candidates of the round*, direction-aware: the best value
  among the candidates scores 100, the worst 0, the rest in proportion.
* When every candidate has the same value (also: only one candidate), that criterion does not
  tell them apart and everyone scores 100 on it.
* A hand criterion is scored 0–5 and normalised on its fixed scale: score × 20.
* A missing value (no award date, no hand score yet) scores 0, with a note that says so.
* The total is the weighted mean of the normalised scores: Σ(score × weight) / Σ weight,
  0–100. All weights zero is refused: such a ranking would mean nothing.
* A hand override replaces the total and is shown as such, with its rationale.
* Ties (equal totals to two decimals) go to the older dossier: reference ascending.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from procurement.dossiers.models import Dossier, Willingness

HIGHER = "higher"
LOWER = "lower"
HAND_SCALE_MAX = 5
ALL_EQUAL_SCORE = Decimal(100)
TWO_PLACES = Decimal("0.01")

VISIBILITY_LEVELS: dict[str, int] = {
    Dossier.Visibility.LOW: 1,
    Dossier.Visibility.MEDIUM: 2,
    Dossier.Visibility.HIGH: 3,
}
WILLINGNESS_LEVELS: dict[str, int] = {Willingness.NO: 0, Willingness.MAYBE: 1, Willingness.YES: 2}

NOTE_MISSING = "missing"
NOTE_ALL_EQUAL = "all_equal"


class ScoringError(ValueError):
    """The criteria cannot produce a meaningful ranking; the message says why."""


@dataclass(frozen=True)
class CriterionSpec:
    key: object
    name: str
    weight: Decimal
    direction: str = HIGHER
    hand: bool = False


@dataclass(frozen=True)
class CandidateInput:
    key: object
    reference: str
    raw: dict  # criterion key -> number or None
    override: Decimal | None = None


@dataclass(frozen=True)
class Line:
    """How one criterion contributed to one candidate's total."""

    criterion: CriterionSpec
    raw: Decimal | None
    normalised: Decimal
    weight: Decimal
    contribution: Decimal
    note: str = ""

    @property
    def is_missing(self) -> bool:
        return self.note == NOTE_MISSING

    @property
    def is_all_equal(self) -> bool:
        return self.note == NOTE_ALL_EQUAL


@dataclass
class Ranked:
    key: object
    reference: str
    computed_total: Decimal
    override: Decimal | None
    lines: list[Line] = field(default_factory=list)
    position: int = 0

    @property
    def total(self) -> Decimal:
        return self.override if self.override is not None else self.computed_total

    @property
    def overridden(self) -> bool:
        return self.override is not None


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _decimal_or_none(value) -> Decimal | None:
    return None if value is None else _decimal(value)


def validate_weights(weights: Iterable) -> None:
    checked = []
    for weight in map(_decimal_or_none, weights):
        if weight is None or not weight.is_finite() or weight < 0:
            raise ScoringError(_("A weight cannot be negative."))
        checked.append(weight)
    if sum(checked) == 0:
        raise ScoringError(
            _(
                "All weights are zero, so no ranking can be made. Give at least one criterion a weight."
            )
        )


def normalise(values: dict, *, direction: str) -> dict:
    """Min–max normalisation of {key: raw or None} to {key: (score 0–100, note)}."""
    raws = {key: _decimal_or_none(raw) for key, raw in values.items()}
    present = [raw for raw in raws.values() if raw is not None]
    # Without any value present, every candidate is missing and the bounds are never used.
    low, high = (min(present), max(present)) if present else (Decimal(0), Decimal(0))
    result = {}
    for key, raw in raws.items():
        if raw is None:
            result[key] = (Decimal(0), NOTE_MISSING)
        elif high == low:
            result[key] = (ALL_EQUAL_SCORE, NOTE_ALL_EQUAL)
        else:
            distance = (raw - low) if direction == HIGHER else (high - raw)
            result[key] = (Decimal(100) * distance / (high - low), "")
    return result


def hand_normalise(score) -> tuple[Decimal, str]:
    if score is None:
        return Decimal(0), NOTE_MISSING
    return Decimal(100) * _decimal(score) / HAND_SCALE_MAX, ""


def rank(criteria: Sequence[CriterionSpec], candidates: Sequence[CandidateInput]) -> list[Ranked]:
    """Scores and orders the candidates; raises ScoringError when the weights make no sense."""
    validate_weights(c.weight for c in criteria)
    weight_sum = sum(_decimal(c.weight) for c in criteria)
    per_criterion: dict[object, dict] = {}
    for criterion in criteria:
        values = {cand.key: cand.raw.get(criterion.key) for cand in candidates}
        if criterion.hand:
            per_criterion[criterion.key] = {k: hand_normalise(v) for k, v in values.items()}
        else:
            per_criterion[criterion.key] = normalise(values, direction=criterion.direction)

    ranked = []
    for cand in candidates:
        lines = []
        for criterion in criteria:
            score, note = per_criterion[criterion.key][cand.key]
            weight = _decimal(criterion.weight)
            lines.append(
                Line(
                    criterion=criterion,
                    raw=_decimal_or_none(cand.raw.get(criterion.key)),
                    normalised=score.quantize(TWO_PLACES, ROUND_HALF_UP),
                    weight=weight,
                    contribution=(score * weight / weight_sum).quantize(TWO_PLACES, ROUND_HALF_UP),
                    note=note,
                )
            )
        total = sum(
            (per_criterion[c.key][cand.key][0] * _decimal(c.weight) for c in criteria), Decimal(0)
        )
        ranked.append(
            Ranked(
                key=cand.key,
                reference=cand.reference,
                computed_total=(total / weight_sum).quantize(TWO_PLACES, ROUND_HALF_UP),
                override=_decimal_or_none(cand.override),
                lines=lines,
            )
        )
    ranked.sort(key=lambda r: (-r.total, r.reference))
    for position, row in enumerate(ranked, start=1):
        row.position = position
    return ranked


# --- Raw values of the derived criteria --------------------------------------------------


def raw_value(value) -> Decimal:
    return _decimal(value)


def raw_days_to_award(award_date: datetime.date | None, *, today: datetime.date):
    """Days between the reference date and the required award date; more is less pressure."""
    return None if award_date is None else Decimal((award_date - today).days)


def raw_visibility(visibility: str):
    level = VISIBILITY_LEVELS.get(visibility)
    return None if level is None else Decimal(level)


def raw_willingness(willingness: str):
    level = WILLINGNESS_LEVELS.get(willingness)
    return None if level is None else Decimal(level)


def raw_strategies(rungs: Iterable[int]) -> Decimal:
    """Each R-strategy counts its circularity (10 for R0 … 1 for R9): more and higher
    strategies both raise the value."""
    return Decimal(sum(10 - rung for rung in rungs))
