"""Everything the template of the MAT briefing or the evaluation report needs: the programme
loaded in a fixed number of queries, the organisation, the edition and the sections.

Nothing here knows about requests.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.models import Municipality
from core.scoping import active_municipality_id
from pilots.approval.models import Decision, Programme, Revision, RevisionStage
from pilots.evaluation.selectors import rollup_pilots
from procurement.models import CircularStrategy

from .briefing import briefing_sections
from .charts import watermark_image
from .models import DocumentKind, OfficialDocument
from .report import evaluation_sections


def _programme(programme_id: int) -> Programme:
    """The programme with everything both documents read. Each pilot comes as the roll-up
    reads it (its evaluation, its procedure's reference lead time, its phases and its points
    with their latest measurement) and brings its department and circular strategies, so the
    number of queries does not grow with pilots, points or measurements."""
    pilots = (
        rollup_pilots()
        .select_related("dossier__department")
        .prefetch_related(
            Prefetch("circular_strategies", queryset=CircularStrategy.objects.order_by("code"))
        )
    )
    decisions = Decision.objects.select_related(
        "recorded_by__person", "co_validator__person", "on_behalf_of__person", "stage"
    )
    return (
        Programme.objects.select_related("pending_stage", "evaluation")
        .prefetch_related(
            Prefetch("pilots", queryset=pilots),
            Prefetch(
                "revisions",
                queryset=Revision.objects.order_by("number").prefetch_related(
                    Prefetch("stages", queryset=RevisionStage.objects.order_by("position")),
                    Prefetch("decisions", queryset=decisions),
                ),
            ),
        )
        .get(pk=programme_id)
    )


def organisation() -> dict:
    """The name and logo of the active municipality, on the cover of every document."""
    municipality = Municipality.objects.get(pk=active_municipality_id())
    logo = municipality.logo.url if municipality.logo else static("img/logo.svg")
    return {"name": municipality.name, "logo": logo}


TITLES = {
    DocumentKind.BRIEFING: lambda: _("MAT briefing"),
    DocumentKind.EVALUATION: lambda: _("Evaluation report"),
}
SECTION_BUILDERS = {
    DocumentKind.BRIEFING: briefing_sections,
    DocumentKind.EVALUATION: evaluation_sections,
}


@dataclass
class Edition:
    """Which edition a render is: an official version (frozen) or a draft."""

    version: int
    official: bool
    date: datetime.date


def next_version(*, programme_id: int, kind: str) -> int:
    latest = (
        OfficialDocument.objects.filter(programme_id=programme_id, kind=kind)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return (latest or 0) + 1


def html_language(language: str) -> str:
    code, _sep, region = language.partition("-")
    return f"{code}-{region.upper()}" if region else code


def document_context(
    *, programme_id: int, kind: str, language: str, edition: Edition | None = None
) -> dict:
    """Everything the document template needs, in `language`. Without an edition, a draft
    numbered after the latest official version."""
    with translation.override(language):
        programme = _programme(programme_id)
        if edition is None:
            edition = Edition(
                version=next_version(programme_id=programme_id, kind=kind),
                official=False,
                date=timezone.localdate(),
            )
        title = TITLES[kind]()
        return {
            "kind": kind,
            "title": title,
            "programme": programme,
            "organisation": organisation(),
            "edition": edition,
            "language": html_language(language),
            "watermark": watermark_image(pgettext("document watermark", "DRAFT")),
            "sections": SECTION_BUILDERS[kind](programme),
        }
