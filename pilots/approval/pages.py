"""The programme page and the pilot page belong to approval, yet the rooms built on it show
their part of a programme or a pilot there: its execution, its evaluation. Approval cannot
import them (they import approval), so they hand in their part as a function that returns the
context of their section, and `PilotsConfig.ready` registers those functions here."""

from collections.abc import Callable, Iterable

from .models import Pilot, Programme

SectionContext = Callable[..., dict]

_pilot_sections: list[SectionContext] = []
_programme_sections: list[SectionContext] = []


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
