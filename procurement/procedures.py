"""The procedure suggestion: which procedure a dossier's subject and value point to."""

import datetime
from decimal import Decimal

from django.db.models import F, Q

from .models import ProcedureThreshold, ProcedureType


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
            Q(valid_until__isnull=True) | Q(valid_until__gte=on_date),
            valid_from__lte=on_date,
        )
        .select_related("procedure_type")
        .order_by(F("upper_limit").asc(nulls_last=True), "procedure_type__position")
        .first()
    )
    return threshold.procedure_type if threshold else None
