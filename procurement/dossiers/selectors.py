"""Reads of dossiers, shaped so a page costs the same number of queries at any size."""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Case, Exists, Field, Model, OuterRef, Prefetch, Q, Value, When
from django.utils.formats import date_format

from core.models import Municipality
from core.scoping import active_municipality_ids, scopes_disabled
from core.templatetags.draagvlak import euro

from . import rules
from .filters import DossierFilter
from .models import (
    HISTORY_CREATED,
    CircularStrategy,
    Dossier,
    JointParticipation,
    dossier_history_recorder,
)


def _shaped(dossiers):
    return dossiers.select_related(
        "department", "owner", "procedure", "suggested_procedure"
    ).prefetch_related(
        Prefetch("circular_strategies", queryset=CircularStrategy.objects.order_by("code"))
    )


def dossier_queryset():
    """The active municipality's own dossiers: what the dashboard, the selection rounds and
    every write start from."""
    return _shaped(Dossier.objects.all())


def visible_dossiers():
    """The dossiers the active municipality sees in its register: its own, and the joint
    dossiers other municipalities lead on its behalf (read only). Each carries `is_own`,
    `has_participants` (for the filter) and its participants with their municipality, so the
    total value and the "led by" mark cost no query per row.

    The scoped managers see only the active municipality's rows, and a joint dossier and its
    participations are the lead's rows, so this one read switches the scopes off and puts the
    scope back as an explicit filter: the active municipality's own dossiers, or those where
    it is a participant. Nothing else may be read through it; every write goes through the
    scoped `Dossier.objects`, so a participant's edit stays a 404."""
    ids = active_municipality_ids()
    with scopes_disabled():
        dossiers = Dossier.objects.all()
        participating = JointParticipation.objects.filter(
            dossier=OuterRef("pk"), municipality__in=ids
        )
        with_participants = JointParticipation.objects.filter(dossier=OuterRef("pk"))
        participations = JointParticipation.objects.select_related("municipality").order_by(
            "municipality__name"
        )
    # Exists() rather than a join on participations: a join would repeat a dossier once per
    # participant and break the count and the pagination.
    return (
        _shaped(dossiers.filter(Q(municipality__in=ids) | Exists(participating)))
        .select_related("municipality")
        .annotate(
            is_own=Case(When(municipality__in=ids, then=Value(True)), default=Value(False)),
            has_participants=Exists(with_participants),
        )
        .prefetch_related(Prefetch("participations", queryset=participations))
    )


def participation_history(*, dossier: Dossier, limit: int = 20) -> list:
    """Who added, changed or removed a participant of `dossier`, and when, newest first: the
    lead's own record (simple-history on the participations), one query."""
    return list(
        JointParticipation.history.filter(dossier_id=dossier.pk)
        .select_related("history_user", "municipality")
        .order_by("-history_date", "-history_id")[:limit]
    )


def participant_candidates(*, dossier: Dossier):
    """The municipalities the lead may still add to `dossier`: those `rules.participant_refusal`
    allows that do not take part yet. A region has tens of members, so the rule is applied to
    each in Python rather than written a second time as a query."""
    lead = dossier.municipality
    if lead.region_id is None:
        return Municipality.objects.none()
    taken = {p.municipality_id for p in dossier.participations.all()}
    allowed = [
        municipality.pk
        for municipality in Municipality.objects.filter(region_id=lead.region_id)
        if municipality.pk not in taken
        and rules.participant_refusal(lead=lead, candidate=municipality) is None
    ]
    return Municipality.objects.filter(pk__in=allowed)


def participation_shares(*, reference: str | None) -> list[Decimal]:
    """The participants' shares of the active municipality's own dossier `reference`, for the
    live suggestion of its form; none for a new dossier or any other reference."""
    if not reference:
        return []
    return list(
        JointParticipation.objects.filter(dossier__reference=reference).values_list(
            "share", flat=True
        )
    )


def dossier_filter(*, params) -> DossierFilter:
    return DossierFilter(params, queryset=visible_dossiers())


def dossier_history(*, dossier: Dossier, limit: int = 50) -> list[dict]:
    """The last changes, newest first: who, when, and each changed field from old to new.

    Costs a fixed number of queries however long the history: the strategies of every record
    come in one query, and related names in one query per related model."""
    records = list(dossier.history.select_related("history_user")[: limit + 1])
    changes_of = _changes_per_record(records, limit=limit)
    names = _related_names(changes for _record, changes in changes_of)
    return [
        {
            "record": record,
            "registered": record.history_type == HISTORY_CREATED,
            "changes": [
                {
                    "field": _FIELDS[name].verbose_name,
                    "old": _shown(_FIELDS[name], old, names),
                    "new": _shown(_FIELDS[name], new, names),
                }
                for name, old, new in changes
            ],
        }
        for record, changes in changes_of
    ]


# The dossier's fields by name, as the history names the changed ones.
_FIELDS: dict[str, Field] = {
    field.name: field for field in (*Dossier._meta.concrete_fields, *Dossier._meta.many_to_many)
}

# The models that the relations among them point to.
_RELATED_MODELS: dict[Field, type[Model]] = {
    field: field.related_model
    for field in _FIELDS.values()
    if isinstance(field.related_model, type) and issubclass(field.related_model, Model)
}

# A changed field's name, its old value and its new one, as simple-history stores them.
Change = tuple[str, Any, Any]


def _changes_per_record(records: list, *, limit: int) -> list[tuple[Any, list[Change]]]:
    """Each of the last `limit` records with what changed since the record before it; the
    strategies are compared as sets, since simple-history keeps them in rows of their own."""
    strategy_rows = (
        dossier_history_recorder.m2m_models[_FIELDS["circular_strategies"]]
        .objects.filter(history__in=records)
        .values_list("history_id", "circularstrategy_id")
    )
    strategies_of: dict[int, set[int]] = {record.pk: set() for record in records}
    for history_id, strategy_id in strategy_rows:
        strategies_of[history_id].add(strategy_id)
    result = []
    for newer, older in list(zip(records, [*records[1:], None], strict=False))[:limit]:
        changes: list[Change] = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=["circular_strategies"])
            changes = [(change.field, change.old, change.new) for change in delta.changes]
            # simple-history diffs only editable fields; the suggestion is the services' own,
            # and changes with the value and with a joint dossier's participants.
            if newer.suggested_procedure_id != older.suggested_procedure_id:
                changes.append(
                    (
                        "suggested_procedure",
                        older.suggested_procedure_id,
                        newer.suggested_procedure_id,
                    )
                )
            if strategies_of[newer.pk] != strategies_of[older.pk]:
                changes.append(
                    ("circular_strategies", strategies_of[older.pk], strategies_of[newer.pk])
                )
        result.append((newer, changes))
    return result


def _related_names(changes_per_record: Iterable[list[Change]]) -> dict[Field, dict]:
    """The names of the related objects the changes mention, one query per related model."""
    related_ids: dict[Field, set] = {}
    for changes in changes_per_record:
        for name, old, new in changes:
            field = _FIELDS[name]
            if field.many_to_many:
                related_ids.setdefault(field, set()).update(old | new)
            elif field.is_relation:
                related_ids.setdefault(field, set()).update({old, new} - {None})
    return {
        field: {
            obj.pk: str(obj) for obj in _RELATED_MODELS[field]._default_manager.filter(pk__in=ids)
        }
        for field, ids in related_ids.items()
    }


def _shown(field: Field, value, names: dict[Field, dict]):
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
