"""The personal calendar feed as an iCalendar file (RFC 5545), built with `icalendar` from the
same work items as "my work" (`dashboard.work.calendar_items`)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event

from core.links import absolute_url

from .work import WorkItem

PRODID = "-//Draagvlak//Mijn werk//NL"


def event_uid(item: WorkItem, *, municipality_id: int) -> str:
    """The same event keeps its UID from one read of the feed to the next, so a calendar
    updates it instead of adding a copy."""
    return f"{item.key}.{municipality_id}@draagvlak"


def calendar_ics(
    items: list[WorkItem], *, municipality_id: int, now: datetime.datetime | None = None
) -> bytes:
    """One all-day event per item with a date: on its deadline, or over a phase's days."""
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", gettext("My work in Draagvlak"))
    for item in items:
        if item.deadline is None:
            continue
        last_day = max(item.ends_on or item.deadline, item.deadline)
        event = Event()
        event.add("uid", event_uid(item, municipality_id=municipality_id))
        event.add("dtstamp", now)
        event.add("dtstart", item.deadline)
        # An all-day event ends on the day after its last day (RFC 5545, 3.6.1).
        event.add("dtend", last_day + datetime.timedelta(days=1))
        event.add("summary", f"{item.label}: {item.title}")
        url = absolute_url(item.url)
        event.add("url", url)
        event.add("description", "\n".join(line for line in (item.detail, url) if line))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
