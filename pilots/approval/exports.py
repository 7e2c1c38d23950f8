from django.utils.translation import gettext_lazy as _

from core.exports import Column

PROGRAMME_COLUMNS = [
    Column(_("Title"), lambda p: p.title),
    Column(_("Status"), lambda p: p.get_status_display()),
    Column(_("Version"), lambda p: p.revision_number, "number"),
    Column(_("Pending stage"), lambda p: p.pending_stage or ""),
    Column(_("Number of pilots"), lambda p: p.pilot_count, "number"),
    Column(_("Budget"), lambda p: p.budget, "money"),
    Column(_("Funding channel"), lambda p: p.funding_channel),
    Column(_("Start date"), lambda p: p.start_date, "date"),
]

PILOT_COLUMNS = [
    Column(_("Reference"), lambda p: p.dossier.reference),
    Column(_("Dossier"), lambda p: p.dossier.title),
    Column(_("Department"), lambda p: p.dossier.department),
    Column(_("Programme"), lambda p: p.programme.title),
    Column(_("Programme status"), lambda p: p.programme.get_status_display()),
    Column(_("Estimated value excl. VAT"), lambda p: p.dossier.estimated_value, "money"),
    Column(
        _("Circular strategies"), lambda p: ", ".join(s.code for s in p.circular_strategies.all())
    ),
    Column(_("Scope and delimitation"), lambda p: p.scope),
    Column(_("Objectives"), lambda p: p.objectives),
]
