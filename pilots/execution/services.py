"""Every write of a pilot's execution that carries a rule: actual dates of its phases (which
move the dossier's status along) and market dialogues."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pilots import permissions
from pilots.approval.models import Pilot
from pilots.common.access import require
from pilots.common.errors import PilotError
from pilots.common.validation import full_clean, not_in_future
from procurement.dossiers.services import dossier_update
from stakeholders.models import Organisation

from . import rules
from .models import MarketDialogue
from .selectors import phase_dates


@transaction.atomic
def phases_record(
    *,
    pilot_id: int,
    user,
    phases: dict[int, tuple[datetime.date | None, datetime.date | None, str]],
    today: datetime.date | None = None,
) -> Pilot:
    """`phases` maps a phase id to its (actual start, actual end, note). Planned dates are
    part of the approved proposal and do not change here.

    When the recorded phases imply a further dossier status (publication started → published,
    award ended → awarded, …), the dossier moves on through `procurement.dossiers.services`, so its
    history records the change."""
    require(permissions.can_record_execution(user), _("You may not record the execution."))
    today = today or timezone.localdate()
    pilot = (
        Pilot.objects.select_for_update().select_related("programme", "dossier").get(pk=pilot_id)
    )
    if not pilot.programme.is_approved:
        raise PilotError(_("Actual dates are recorded once the programme is approved."))
    recorded = list(pilot.phases.select_related("phase_type"))
    for phase in recorded:
        if phase.pk not in phases:
            continue
        actual_start, actual_end, note = phases[phase.pk]
        prefix = f"phase_{phase.pk}"
        values = {"phase": phase.phase_type}
        if actual_end is not None and actual_start is None:
            raise PilotError(
                _("%(phase)s: enter the actual start before the actual end.") % values,
                field=f"{prefix}_start",
            )
        if actual_start and actual_end and actual_end < actual_start:
            raise PilotError(
                _("%(phase)s: the actual end cannot come before the actual start.") % values,
                field=f"{prefix}_end",
            )
        for value, part in ((actual_start, "start"), (actual_end, "end")):
            if value is not None and value > today:
                raise PilotError(
                    _("%(phase)s: an actual date cannot lie in the future.") % values,
                    field=f"{prefix}_{part}",
                )
        changed = (phase.actual_start, phase.actual_end, phase.note) != (
            actual_start,
            actual_end,
            note.strip(),
        )
        if changed:
            phase.actual_start, phase.actual_end, phase.note = (
                actual_start,
                actual_end,
                note.strip(),
            )
            phase.save(update_fields=["actual_start", "actual_end", "note"])
    status = rules.dossier_status_after(
        [phase_dates(phase) for phase in recorded], current=pilot.dossier.status
    )
    if status != pilot.dossier.status:
        dossier_update(dossier_id=pilot.dossier_id, user=user, status=status)
    return pilot


@transaction.atomic
def market_dialogue_save(
    *,
    pilot_id: int,
    user,
    held_on: datetime.date,
    form: str,
    learned: str,
    organisations: Iterable[Organisation],
    participant_count: int | None = None,
    dialogue_id: int | None = None,
    today: datetime.date | None = None,
) -> MarketDialogue:
    require(permissions.can_record_execution(user), _("You may not record the execution."))
    today = today or timezone.localdate()
    pilot = Pilot.objects.select_for_update().get(pk=pilot_id)
    if dialogue_id is None:
        dialogue = MarketDialogue(pilot=pilot, recorded_by=user)
    else:
        dialogue = MarketDialogue.objects.select_for_update().get(pk=dialogue_id, pilot=pilot)
    dialogue.held_on, dialogue.form = held_on, form
    dialogue.participant_count, dialogue.learned = participant_count, learned.strip()
    not_in_future(dialogue.held_on, field="held_on", today=today)
    if not organisations:
        raise PilotError(_("Name at least one market party."), field="organisations")
    full_clean(dialogue, exclude=["pilot", "organisations", "recorded_by"])
    dialogue.save()
    dialogue.organisations.set(organisations)
    return dialogue
