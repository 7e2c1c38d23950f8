"""Export columns of the register. Personal notes are a column only for who may see them."""

from django.utils.translation import gettext_lazy as _

from core.exports import Column


def person_columns(*, sensitive: bool) -> list[Column]:
    columns = [
        Column(_("Name"), str),
        Column(_("Job title"), lambda p: p.job_title),
        Column(_("Department"), lambda p: p.department or ""),
        Column(_("Organisation"), lambda p: p.organisation or ""),
        Column(_("E-mail"), lambda p: p.email),
        Column(_("Phone"), lambda p: p.phone),
    ]
    if sensitive:
        columns.append(Column(_("Personal notes"), lambda p: p.notes))
    return columns


ORGANISATION_COLUMNS = [
    Column(_("Name"), lambda o: o.name),
    Column(_("Kind"), lambda o: o.get_kind_display()),
    Column(_("People"), lambda o: o.people_count, "number"),
    Column(_("E-mail"), lambda o: o.email),
    Column(_("Phone"), lambda o: o.phone),
    Column(_("Website"), lambda o: o.website),
    Column(_("Address"), lambda o: o.address),
]

CONSULTATION_COLUMNS = [
    Column(_("Date"), lambda c: c.held_on, "date"),
    Column(_("Subject"), lambda c: c.title),
    Column(_("About"), lambda c: c.subject or ""),
    Column(_("Participants"), lambda c: c.participant_count, "number"),
    Column(_("Open action items"), lambda c: c.open_items, "number"),
]
