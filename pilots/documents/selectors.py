"""Reads of the official documents."""

from pilots.approval.models import Programme

from .models import DocumentKind, OfficialDocument


def official_standing(*, programme: Programme, kind: str) -> OfficialDocument | None:
    """The official version that stands for the programme as it is now: for the briefing,
    the one of the current revision; for the evaluation report, the latest."""
    queryset = OfficialDocument.objects.filter(programme=programme, kind=kind)
    if kind == DocumentKind.BRIEFING:
        queryset = queryset.filter(revision__number=programme.revision_number)
    return queryset.order_by("-version").first()
