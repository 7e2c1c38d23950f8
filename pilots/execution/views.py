"""Pages of a pilot's execution. Thin: fetch through `access`, bind the form, call the
service, show its message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.idempotency import once_per_token
from pilots import permissions
from pilots.approval.models import Pilot, Programme
from pilots.common.errors import PilotError
from pilots.common.forms import apply_error

from . import access, selectors, services
from .forms import MarketDialogueForm, PhasesForm


def pilot_section(*, user, pilot: Pilot) -> dict:
    """What the pilot page shows of the execution (see `pilots.approval.pages`)."""
    return {
        "schedule": selectors.pilot_schedule(pilot=pilot),
        "lead": selectors.pilot_lead_time(pilot=pilot),
        "dialogues": selectors.market_dialogues(pilot=pilot),
        "can_record_execution": permissions.can_record_phases(user, pilot.programme),
        "award_overrun": selectors.pilot_award_overrun(pilot),
    }


def programme_section(*, user, programme: Programme) -> dict:
    """The pilots of the programme page whose award falls after the required award date (see
    `pilots.approval.pages`); the programme comes with its pilots prefetched."""
    return {"award_overruns": selectors.award_date_overruns(programme.pilots.all())}


@login_required
def phases_record(request, pk: int):
    pilot = access.pilot_for_recorder(request.user, pk)
    form = PhasesForm(request.POST or None, phases=pilot.phases.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.phases_record(
                pilot_id=pilot.pk, user=request.user, phases=form.service_phases()
            )
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Phases saved."))
            _warn_award_overrun(request, pilot_id=pilot.pk)
            return redirect(pilot)
    context = {"pilot": pilot, "form": form, "award_overrun": selectors.pilot_award_overrun(pilot)}
    return render(request, "pilots/execution/phases_form.html", context)


def _warn_award_overrun(request, *, pilot_id: int) -> None:
    """A warning, not a refusal: the dates are saved, and the officer sees the award late."""
    overrun = selectors.pilot_award_overrun(selectors.pilot_with_phases(pilot_id=pilot_id))
    if overrun is not None:
        messages.warning(request, _("The award is late: %(overrun)s.") % {"overrun": overrun.text})


@login_required
@once_per_token
def dialogue_edit(request, pk: int, dialogue_id: int | None = None):
    pilot = access.pilot_for_recorder(request.user, pk)
    dialogue = None
    if dialogue_id is not None:
        dialogue = access.market_dialogue_of(pilot=pilot, dialogue_id=dialogue_id)
    form = MarketDialogueForm(request.POST or None, instance=dialogue)
    if request.method == "POST" and form.is_valid():
        try:
            services.market_dialogue_save(
                pilot_id=pilot.pk,
                user=request.user,
                dialogue_id=dialogue_id,
                organisations=form.cleaned_data["organisations"],
                **form.service_fields(),
            )
        except PilotError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Market dialogue saved."))
            return redirect(pilot)
    return render(
        request,
        "pilots/execution/dialogue_form.html",
        {"pilot": pilot, "form": form, "dialogue": dialogue},
    )
