"""What a user may see of programmes and pilots (404 otherwise) and what they may change (403
otherwise), by the policy of `pilots.common.access`. Every page of a programme or a pilot
fetches it through here, in this room and in the rooms built on it."""

from django.http import Http404

from pilots import permissions
from pilots.common.access import found_or_404, require, visible_or_404

from . import selectors
from .models import Pilot, Programme, Substitution


def programme_for_viewer(user, pk: int, *, detail: bool = False) -> Programme:
    """The programme, or 404 for whoever may not see programmes. With `detail`, it comes with
    everything its page shows (`selectors.programme_for_detail`)."""

    def load() -> Programme:
        if detail:
            return selectors.programme_for_detail(pk=pk)
        return Programme.objects.get(pk=pk)

    return visible_or_404(allowed=permissions.can_view_programmes(user), load=load)


def programme_for_writer(user, pk: int, *, detail: bool = False) -> Programme:
    """The programme the user may write, 403 when they may see it but not write it."""
    programme = programme_for_viewer(user, pk, detail=detail)
    require(permissions.can_write_programme(user))
    return programme


def programme_for_submitter(user, pk: int, *, detail: bool = False) -> Programme:
    """The programme the user may submit, 403 when they may see it but not submit it."""
    programme = programme_for_viewer(user, pk, detail=detail)
    require(permissions.can_submit_programme(user))
    return programme


def pilot_for_viewer(user, pk: int) -> Pilot:
    """The pilot with everything its page shows, or 404 for whoever may not see programmes."""
    return visible_or_404(
        allowed=permissions.can_view_programmes(user),
        load=lambda: selectors.pilot_for_detail(pk=pk),
    )


def pilot_for_reader(user, pk: int) -> Pilot:
    """The pilot with its programme only (not what its page shows), or 404 like
    `pilot_for_viewer`."""
    return visible_or_404(
        allowed=permissions.can_view_programmes(user),
        load=lambda: Pilot.objects.select_related("programme").get(pk=pk),
    )


def pilot_for_writer(user, pk: int) -> Pilot:
    """The pilot the user may write, 403 when they may see it but not write it."""
    pilot = pilot_for_viewer(user, pk)
    require(permissions.can_write_programme(user))
    return pilot


def substitution_for_ender(user, pk: int) -> Substitution:
    """A substitution its absent decider or an administrator may end; 404 for whoever is
    neither its decider, its substitute nor an administrator, 403 for the substitute."""
    substitution = found_or_404(lambda: Substitution.objects.get(pk=pk))
    if user.pk not in (substitution.principal_id, substitution.substitute_id) and not (
        permissions.can_end_substitution(user, substitution)
    ):
        raise Http404
    require(permissions.can_end_substitution(user, substitution))
    return substitution
