from django.utils.translation import gettext_lazy

from core.exports import Column, choice_label
from core.roles import Role

from .models import PolicyRecommendation, Theme

_theme = choice_label(Theme.choices)
_status = choice_label(PolicyRecommendation.Status.choices)
_owner = choice_label(Role.choices)

RECOMMENDATION_COLUMNS = [
    Column(gettext_lazy("Recommendation"), lambda r: r.title),
    Column(gettext_lazy("Theme"), lambda r: _theme(r.theme)),
    Column(gettext_lazy("Status"), lambda r: _status(r.status)),
    Column(gettext_lazy("Decided by the MAT on"), lambda r: r.decided_on, "date"),
    Column(gettext_lazy("Programme"), lambda r: r.programme.title if r.programme else ""),
    Column(gettext_lazy("Owner"), lambda r: _owner(r.owner)),
    Column(
        gettext_lazy("Evaluations it rests on"),
        lambda r: ", ".join(e.pilot.dossier.title for e in r.evaluations.all()),
    ),
    Column(gettext_lazy("Explanation"), lambda r: r.text),
]
