import datetime

from django.db.models import Count
from django.utils import timezone

from procurement.dossiers.selectors import dossier_queryset
from procurement.models import Dossier
from stakeholders.selectors import user_department_id


def pipeline_counts() -> list[dict]:
    """Dossiers per status, in the order of the procurement's life."""
    counts = dict(
        Dossier.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    total = sum(counts.values()) or 1
    return [
        {
            "status": status,
            "label": label,
            "count": counts.get(status, 0),
            "percent": round(100 * counts.get(status, 0) / total),
        }
        for status, label in Dossier.Status.choices
    ]


def upcoming_deadlines(*, days: int = 90, limit: int = 8):
    today = timezone.localdate()
    return (
        dossier_queryset()
        .open()
        .filter(
            required_award_date__gte=today,
            required_award_date__lte=today + datetime.timedelta(days=days),
        )
        .order_by("required_award_date", "reference")[:limit]
    )


def my_department_dossiers(*, user, limit: int = 8):
    department_id = user_department_id(user)
    if department_id is None:
        return []
    return (
        dossier_queryset()
        .open()
        .filter(department_id=department_id)
        .order_by("-updated_at")[:limit]
    )
