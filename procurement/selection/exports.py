from django.utils.translation import gettext_lazy as _

from core.exports import Column
from procurement.models import Criterion

EXPLANATION_PARTS = {
    "raw": _("raw value"),
    "score": _("score"),
    "weight": _("weight"),
    "contribution": _("contribution"),
    "comment": _("comment"),
}


def ranking_columns(criteria) -> list[Column]:
    """The ranking with its explanation: per criterion the raw value, the normalised score,
    the weight and the contribution to the total."""
    columns = [
        Column(_("Rank"), lambda r: r.position, "number"),
        Column(_("Reference"), lambda r: r.candidate.dossier.reference),
        Column(_("Title"), lambda r: r.candidate.dossier.title),
        Column(_("Department"), lambda r: r.candidate.dossier.department),
        Column(_("Total (0–100)"), lambda r: r.total, "number"),
        Column(_("Computed total"), lambda r: r.computed_total, "number"),
        Column(_("Override rationale"), lambda r: r.candidate.override_rationale),
        Column(_("Strong preference for local suppliers"), lambda r: _yes_no(r.local_tension)),
        Column(_("Outcome"), lambda r: r.candidate.get_outcome_display()),
        Column(_("Rationale"), lambda r: r.candidate.outcome_rationale),
    ]
    for index, criterion in enumerate(criteria):
        columns += [
            _raw_column(index, criterion),
            Column(
                f"{criterion.name}: {EXPLANATION_PARTS['score']}",
                _line(index, "normalised"),
                "number",
            ),
            Column(
                f"{criterion.name}: {EXPLANATION_PARTS['weight']}", _line(index, "weight"), "number"
            ),
            Column(
                f"{criterion.name}: {EXPLANATION_PARTS['contribution']}",
                _line(index, "contribution"),
                "number",
            ),
            Column(
                f"{criterion.name}: {EXPLANATION_PARTS['comment']}", _explained(index, "comment")
            ),
        ]
    return columns


# Raw values that are amounts or counts go out as numbers, as in the dossier export, so a
# spreadsheet can sum and sort them; the others (a visibility, a willingness, strategy codes)
# as the words the ranking shows.
RAW_KINDS = {
    Criterion.Source.VALUE: "money",
    Criterion.Source.DAYS_TO_AWARD: "number",
    Criterion.Source.HAND: "number",
}


def _raw_column(index, criterion) -> Column:
    label = f"{criterion.name}: {EXPLANATION_PARTS['raw']}"
    kind = RAW_KINDS.get(criterion.source)
    if kind is None:
        return Column(label, _explained(index, "shown"))
    return Column(label, _line(index, "raw"), kind)


def _yes_no(value: bool):
    return _("Yes") if value else _("No")


def _explained(index, attribute):
    return lambda r: getattr(r.explained[index], attribute)


def _line(index, attribute):
    return lambda r: getattr(r.explained[index].line, attribute)
