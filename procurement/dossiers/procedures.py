"""The procedure suggestion: which procedure a dossier's subject and value point to; and the
limit below which a contract is of limited value. Both are read from the threshold rows."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import F, Q
from django.utils import timezone

from core.forms import amount_parse

from .models import ProcedureThreshold, ProcedureType, SubjectType
from .rules import total_value

# The procedure type of the limited-value contract (opdracht van beperkte waarde), by the code
# the reference data gives it.
LIMITED_VALUE_PROCEDURE = "beperkte-waarde"


def _valid_on(on_date: datetime.date) -> Q:
    return Q(valid_from__lte=on_date) & (Q(valid_until__isnull=True) | Q(valid_until__gte=on_date))


def procedure_suggest(
    *, subject_type: str, value: Decimal, on_date: datetime.date
) -> ProcedureType | None:
    """The procedure of the lowest threshold the value stays strictly below, among the
    thresholds valid on `on_date` for this subject type. A threshold without an upper limit
    catches everything above the others. None when no threshold data covers the date."""
    threshold = (
        ProcedureThreshold.objects.filter(
            Q(subject_type=subject_type) | Q(subject_type=""),
            Q(upper_limit__isnull=True) | Q(upper_limit__gt=value),
            _valid_on(on_date),
        )
        .select_related("procedure_type")
        .order_by(F("upper_limit").asc(nulls_last=True), "procedure_type__position")
        .first()
    )
    return threshold.procedure_type if threshold else None


def low_value_limit(*, on_date: datetime.date) -> Decimal | None:
    """The upper limit (excl. VAT) of the limited-value procedure for every subject type, as
    valid on `on_date`; a value strictly below it is of limited value. Where rows overlap, the
    most recent one counts. None when no such threshold is valid then."""
    return (
        ProcedureThreshold.objects.filter(
            _valid_on(on_date),
            procedure_type__code=LIMITED_VALUE_PROCEDURE,
            subject_type="",
            upper_limit__isnull=False,
        )
        .order_by("-valid_from")
        .values_list("upper_limit", flat=True)
        .first()
    )


def procedure_suggest_from_input(values, *, shares: Iterable[Decimal] = ()) -> dict | None:
    """The suggestion for what a user typed so far (subject, amount, publication date), with
    the date it was computed for; None while the input cannot give one. `shares` are the
    participants' shares of a joint dossier: the suggestion follows the total value, which
    comes back as `total` when there are any."""
    subject_type = values.get("subject_type", "")
    value = amount_parse(values.get("estimated_value", ""))
    try:
        on_date = _parse_date(values.get("planned_publication_date")) or timezone.localdate()
    except ValueError:
        return None
    if subject_type not in SubjectType.values or value is None or value < 0:
        return None
    shares = list(shares)
    total = total_value(own_value=value, shares=shares)
    return {
        "procedure": procedure_suggest(subject_type=subject_type, value=total, on_date=on_date),
        "on_date": on_date,
        "total": total if shares else None,
    }


def _parse_date(value) -> datetime.date | None:
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))
