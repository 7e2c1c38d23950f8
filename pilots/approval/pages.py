"""The programme page and the pilot page belong to approval, yet the rooms built on it show
their part of a programme or a pilot there: its execution, its evaluation. Approval cannot
import them (they import approval), so they hand in their part as a function that returns the
context of their section, and `PilotsConfig.ready` registers those functions here."""

from collections.abc import Callable, Iterable

from .models import Pilot, Programme

SectionContext = Callable[..., dict]

_pilot_sections: list[SectionContext] = []
_programme_sections: list[SectionContext] = []
PilotExtras = Callable[..., dict]
_pilot_extras: list[PilotExtras] = []


def page_sections_register(
    *, pilot: Iterable[SectionContext] = (), programme: Iterable[SectionContext] = ()
) -> None:
    """Sets the sections the later rooms add: each is called with `user=` and `pilot=` (or
    `programme=`) and returns what its part of the page shows."""
    _pilot_sections[:] = pilot
    _programme_sections[:] = programme


def pilot_page_sections(*, user, pilot: Pilot) -> dict:
    context: dict = {}
    for section in _pilot_sections:
        context.update(section(user=user, pilot=pilot))
    return context


def programme_page_sections(*, user, programme: Programme) -> dict:
    context: dict = {}
    for section in _programme_sections:
        context.update(section(user=user, programme=programme))
    return context


def pilot_extras_register(*providers: PilotExtras) -> None:
    """Sets what the later rooms add to a pilot's content as the deciders see it, outside
    the fingerprint: each is called with `pilots=` and returns {pilot id: {key: value}}."""
    _pilot_extras[:] = providers


def pilot_extras(*, pilots) -> dict[str, dict]:
    """Per dossier reference, what the later rooms add to each of `pilots`."""
    pilots = list(pilots)
    by_id: dict[int, dict] = {pilot.pk: {} for pilot in pilots}
    for provider in _pilot_extras:
        for pilot_id, values in provider(pilots=pilots).items():
            by_id.setdefault(pilot_id, {}).update(values)
    return {pilot.dossier.reference: by_id[pilot.pk] for pilot in pilots}
