from django.utils.translation import gettext_lazy as _

from core.exports import Column, choice_label

from .models import Dossier, SubjectType

subject_label = choice_label(SubjectType.choices)
visibility_label = choice_label(Dossier.Visibility.choices)
willingness_label = choice_label(Dossier.Willingness.choices)
status_label = choice_label(Dossier.Status.choices)


def _participants(dossier) -> str:
    return ", ".join(str(p.municipality) for p in dossier.participations.all())


# The rows are `selectors.visible_dossiers()`: a joint dossier another municipality leads
# shows no department or owner, which are the lead's internal data.
DOSSIER_COLUMNS = [
    Column(_("Reference"), lambda d: d.reference),
    Column(_("Title"), lambda d: d.title),
    Column(_("Lead municipality"), lambda d: d.municipality if d.is_joint else ""),
    Column(_("Participants"), _participants),
    Column(_("Department"), lambda d: d.department if d.is_own else ""),
    Column(_("Owner"), lambda d: (d.owner or "") if d.is_own else ""),
    Column(_("Subject"), lambda d: subject_label(d.subject_type)),
    Column(_("Estimated value excl. VAT"), lambda d: d.estimated_value, "money"),
    Column(_("Total value excl. VAT"), lambda d: d.total_value, "money"),
    Column(_("Suggested procedure"), lambda d: d.suggested_procedure or ""),
    Column(_("Chosen procedure"), lambda d: d.procedure or ""),
    Column(_("CPV code"), lambda d: d.cpv_code),
    Column(_("Planned publication date"), lambda d: d.planned_publication_date, "date"),
    Column(_("Required award date"), lambda d: d.required_award_date, "date"),
    Column(_("Visibility"), lambda d: visibility_label(d.visibility)),
    Column(_("Willing to tender circularly"), lambda d: willingness_label(d.willingness)),
    Column(
        _("Circular opportunities"),
        lambda d: ", ".join(s.code for s in d.circular_strategies.all()),
    ),
    Column(_("Status"), lambda d: status_label(d.status)),
]
