"""Reads of dossiers, shaped so a page costs the same number of queries at any size."""

import datetime
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.formats import date_format

from core.templatetags.draagvlak import euro

from .filters import DossierFilter
from .models import HISTORY_CREATED, CircularStrategy, Dossier, dossier_history_recorder


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

    Costs a fixed number of queries however long the history: the strategies of every record
    come in one query, and related names in one query per related model."""
    records = list(dossier.history.select_related("history_user")[: limit + 1])
    strategy_rows = (
        dossier_history_recorder.m2m_models[Dossier._meta.get_field("circular_strategies")]
        .objects.filter(history__in=records)
        .values_list("history_id", "circularstrategy_id")
    )
    strategies_of = {record.pk: set() for record in records}
    for history_id, strategy_id in strategy_rows:
        strategies_of[history_id].add(strategy_id)

    pairs = list(zip(records, records[1:] + [None], strict=False))[:limit]
    raw_changes = []
    for newer, older in pairs:
        changes = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=["circular_strategies"])
            changes = [(change.field, change.old, change.new) for change in delta.changes]
            if strategies_of[newer.pk] != strategies_of[older.pk]:
                changes.append(
                    ("circular_strategies", strategies_of[older.pk], strategies_of[newer.pk])
                )
        raw_changes.append((newer, changes))

    related_ids: dict = {}
    for _record, changes in raw_changes:
        for name, old, new in changes:
            field = Dossier._meta.get_field(name)
            if field.many_to_many:
                related_ids.setdefault(field, set()).update(old | new)
            elif field.is_relation:
                related_ids.setdefault(field, set()).update({old, new} - {None})
    names = {
        field: {obj.pk: str(obj) for obj in field.related_model.objects.filter(pk__in=ids)}
        for field, ids in related_ids.items()
    }

    def shown(field, value):
        if field.many_to_many:
            return ", ".join(sorted(names[field].get(pk, "?") for pk in value)) or "—"
        if field.is_relation:
            return names[field].get(value, "—") if value else "—"
        if field.choices:
            return dict(field.flatchoices).get(value, value) or "—"
        if value in (None, ""):
            return "—"
        if isinstance(value, Decimal):
            return euro(value)
        if isinstance(value, datetime.date):
            return date_format(value, "SHORT_DATE_FORMAT")
        return value

    history = []
    for record, changes in raw_changes:
        shown_changes = []
        for name, old, new in changes:
            field = Dossier._meta.get_field(name)
            shown_changes.append(
                {"field": field.verbose_name, "old": shown(field, old), "new": shown(field, new)}
            )
        history.append(
            {
                "record": record,
                "registered": record.history_type == HISTORY_CREATED,
                "changes": shown_changes,
            }
        )
    return history
