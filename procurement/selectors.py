"""Reads of dossiers, shaped so a page costs the same number of queries at any size."""

from django.db.models import Prefetch

from .filters import DossierFilter
from .models import Candidate, CircularStrategy, Dossier, SelectionRound


def dossier_queryset():
    return Dossier.objects.select_related(
        "department", "owner", "procedure", "suggested_procedure"
    ).prefetch_related(
        Prefetch("circular_strategies", queryset=CircularStrategy.objects.order_by("code"))
    )


def dossier_filter(*, params) -> DossierFilter:
    return DossierFilter(params, queryset=dossier_queryset())


def dossier_history(*, dossier: Dossier, limit: int = 50) -> list[dict]:
    """The last changes, newest first: who, when, and each changed field from old to new.

    Related names are looked up in one query per related model, not one per change."""
    records = list(dossier.history.select_related("history_user")[: limit + 1])
    pairs = list(zip(records, records[1:] + [None], strict=False))[:limit]
    deltas = [
        (newer, newer.diff_against(older, foreign_keys_are_objs=False) if older else None)
        for newer, older in pairs
    ]
    related_ids: dict = {}
    for _newer, delta in deltas:
        for change in delta.changes if delta else []:
            field = Dossier._meta.get_field(change.field)
            if field.many_to_many:
                related_ids.setdefault(field, set()).update(
                    row["circularstrategy"] for row in change.old + change.new
                )
            elif field.is_relation:
                related_ids.setdefault(field, set()).update({change.old, change.new} - {None})
    names = {
        field: {obj.pk: str(obj) for obj in field.related_model.objects.filter(pk__in=ids)}
        for field, ids in related_ids.items()
    }

    def shown(field, value):
        if field.many_to_many:
            labels = sorted(names[field].get(row["circularstrategy"], "?") for row in value)
            return ", ".join(labels) or "—"
        if field.is_relation:
            return names[field].get(value, "—") if value else "—"
        if field.choices:
            return dict(field.flatchoices).get(value, value) or "—"
        return value if value not in (None, "") else "—"

    history = []
    for newer, delta in deltas:
        changes = []
        for change in delta.changes if delta else []:
            field = Dossier._meta.get_field(change.field)
            changes.append(
                {
                    "field": field.verbose_name,
                    "old": shown(field, change.old),
                    "new": shown(field, change.new),
                }
            )
        history.append({"record": newer, "changes": changes})
    return history


# --- Selection: the contract with the programmes (pilots app) ------------------------------


def selection_rounds_closed():
    """Rounds whose selection is decided, newest decision first."""
    return SelectionRound.objects.filter(status=SelectionRound.Status.DECIDED).order_by(
        "-decided_at", "-pk"
    )


def selection_selected_dossiers(*, round_id: int):
    """The dossiers selected as pilots in a round."""
    return dossier_queryset().filter(
        selection_candidates__round_id=round_id,
        selection_candidates__outcome=Candidate.Outcome.SELECTED,
    )
