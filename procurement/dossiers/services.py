"""Every write on dossiers that carries a rule."""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Municipality
from procurement import permissions
from stakeholders.models import Department, Person

from . import rules
from .models import (
    HISTORY_CHANGED,
    HISTORY_CREATED,
    CircularStrategy,
    Dossier,
    DossierCounter,
    JointParticipation,
    ProcedureType,
    dossier_history_recorder,
)
from .procedures import procedure_suggest


class DossierFields(TypedDict, total=False):
    """What a user fills in about a dossier; the reference, the suggested procedure and the
    history are the services' own."""

    title: str
    department: Department
    owner: Person | None
    subject_type: str
    description: str
    estimated_value: Decimal
    procedure: ProcedureType | None
    cpv_code: str
    planned_publication_date: datetime.date | None
    required_award_date: datetime.date | None
    visibility: str
    willingness: str
    willingness_motivation: str
    status: str
    awarded_value: Decimal | None
    notes: str


def reference_next(*, year: int) -> str:
    """Hands out the active municipality's next reference of the year, e.g. ROE-2026-0042
    (2026-0042 without a prefix). Must run inside the transaction that saves the dossier: the
    counter row stays locked until it commits, so two concurrent registrations can never
    draw the same number. Each municipality counts on its own."""
    DossierCounter.objects.bulk_create([DossierCounter(year=year)], ignore_conflicts=True)
    counter = DossierCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    number = f"{year}-{counter.last_number:04d}"
    prefix = counter.municipality.reference_prefix
    return f"{prefix}-{number}" if prefix else number


def _save_with_one_history_row(
    dossier: Dossier, *, user, strategies: Iterable[CircularStrategy], history_type: str
) -> None:
    """Saves the dossier and its strategies as one change in the history.

    simple-history would write a row on save and another for every change to the strategies;
    a user who saves a form made one change, so both writes go unrecorded and one row is
    written afterwards, with the strategies as they now are."""
    # simple-history reads these two attributes of the instance; they are no model fields.
    setattr(dossier, "skip_history_when_saving", True)  # noqa: B010
    try:
        dossier.save()
        dossier.circular_strategies.set(strategies)
    finally:
        delattr(dossier, "skip_history_when_saving")
    setattr(dossier, "_history_user", user)  # noqa: B010
    dossier_history_recorder.create_historical_record(dossier, history_type)


def suggestion_for(dossier: Dossier) -> ProcedureType | None:
    """The procedure the whole purchase points to: a joint dossier is one procurement, so its
    procedure follows from the total value (`rules.total_value`), never from the lead's part."""
    shares = (
        JointParticipation.objects.filter(dossier_id=dossier.pk).values_list("share", flat=True)
        if dossier.pk
        else []
    )
    on_date = dossier.planned_publication_date or timezone.localdate()
    return procedure_suggest(
        subject_type=dossier.subject_type,
        value=rules.total_value(own_value=dossier.estimated_value, shares=shares),
        on_date=on_date,
    )


@transaction.atomic
def dossier_create(
    *, user, circular_strategies: Iterable[CircularStrategy] = (), **fields: Unpack[DossierFields]
) -> Dossier:
    dossier = Dossier(**fields, created_by=user)
    if not permissions.can_file_for(user, dossier.department_id):
        raise PermissionDenied(_("You may not register dossiers for this department."))
    dossier.full_clean(exclude=["reference"])
    dossier.suggested_procedure = suggestion_for(dossier)
    dossier.reference = reference_next(year=timezone.localdate().year)
    _save_with_one_history_row(
        dossier, user=user, strategies=circular_strategies, history_type=HISTORY_CREATED
    )
    return dossier


@transaction.atomic
def dossier_update(
    *,
    dossier_id: int,
    user,
    circular_strategies: Iterable[CircularStrategy] | None = None,
    **changes: Unpack[DossierFields],
) -> Dossier:
    """Changes the fields given and leaves the others as they are; `circular_strategies=None`
    leaves the strategies as they are."""
    unknown = changes.keys() - DossierFields.__annotations__.keys()
    if unknown:
        raise TypeError(f"dossier_update() got unexpected keyword arguments: {sorted(unknown)}")
    dossier = Dossier.objects.select_for_update().get(pk=dossier_id)
    if not permissions.can_edit_dossier(user, dossier):
        raise PermissionDenied(_("You may not edit this dossier."))
    for name, value in changes.items():
        setattr(dossier, name, value)
    if not permissions.can_file_for(user, dossier.department_id):
        raise PermissionDenied(_("You may not move a dossier to another department."))
    dossier.full_clean()
    dossier.suggested_procedure = suggestion_for(dossier)
    if circular_strategies is None:
        circular_strategies = list(dossier.circular_strategies.all())
    _save_with_one_history_row(
        dossier, user=user, strategies=circular_strategies, history_type=HISTORY_CHANGED
    )
    return dossier


# --- Joint procurement ---------------------------------------------------------------------


def _dossier_to_lead(*, dossier_id: int, user) -> Dossier:
    """The dossier locked for a change of its participants. The scoped manager finds only the
    active municipality's own dossiers, so a participant or an outsider gets DoesNotExist."""
    dossier = Dossier.objects.select_for_update().select_related("municipality").get(pk=dossier_id)
    if not permissions.can_manage_participants(user, dossier):
        raise PermissionDenied(_("You may not change the participants of this dossier."))
    return dossier


def _share_checked(share: Decimal | None) -> Decimal:
    refusal = rules.share_refusal(share)
    if refusal is not None or share is None:
        raise ValidationError({"share": refusal})
    return share


def _suggestion_refresh(dossier: Dossier, *, user) -> None:
    """Recomputes the suggestion after the participants changed; the dossier's history gets a
    row only when the suggestion did change, since that is a change of the dossier."""
    suggestion = suggestion_for(dossier)
    if getattr(suggestion, "pk", None) == dossier.suggested_procedure_id:
        return
    dossier.suggested_procedure = suggestion
    _save_with_one_history_row(
        dossier,
        user=user,
        strategies=list(dossier.circular_strategies.all()),
        history_type=HISTORY_CHANGED,
    )


@transaction.atomic
def participation_add(
    *, user, dossier_id: int, municipality: Municipality, share: Decimal | None
) -> JointParticipation:
    """Adds `municipality` as a participant of the dossier with its share, and recomputes the
    suggested procedure on the new total."""
    dossier = _dossier_to_lead(dossier_id=dossier_id, user=user)
    refusal = rules.participant_refusal(lead=dossier.municipality, candidate=municipality)
    if refusal:
        raise ValidationError({"municipality": refusal})
    if JointParticipation.objects.filter(dossier=dossier, municipality=municipality).exists():
        raise ValidationError(
            {
                "municipality": _("%(municipality)s already takes part in this dossier.")
                % {"municipality": municipality}
            }
        )
    participation = JointParticipation(
        dossier=dossier, municipality=municipality, share=_share_checked(share), added_by=user
    )
    setattr(participation, "_history_user", user)  # noqa: B010  (read by simple-history)
    participation.save()
    _suggestion_refresh(dossier, user=user)
    return participation


@transaction.atomic
def participation_change(
    *, user, dossier_id: int, participation_id: int, share: Decimal | None
) -> JointParticipation:
    dossier = _dossier_to_lead(dossier_id=dossier_id, user=user)
    participation = JointParticipation.objects.get(pk=participation_id, dossier=dossier)
    participation.share = _share_checked(share)
    setattr(participation, "_history_user", user)  # noqa: B010  (read by simple-history)
    participation.save(update_fields=["share", "updated_at"])
    _suggestion_refresh(dossier, user=user)
    return participation


@transaction.atomic
def participation_remove(*, user, dossier_id: int, participation_id: int) -> None:
    dossier = _dossier_to_lead(dossier_id=dossier_id, user=user)
    participation = JointParticipation.objects.get(pk=participation_id, dossier=dossier)
    setattr(participation, "_history_user", user)  # noqa: B010  (read by simple-history)
    participation.delete()
    _suggestion_refresh(dossier, user=user)
