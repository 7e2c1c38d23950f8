"""Who may read which programme document, by the policy of `pilots.common.access`: 404 for
whoever may not see the programme, 403 for whoever sees it but may not read the document."""

from pilots import permissions
from pilots.approval.access import programme_for_viewer
from pilots.approval.models import Programme
from pilots.common.access import found_or_404, require

from .models import OfficialDocument
from .selectors import official_standing


def programme_for_draft_reader(user, pk: int) -> Programme:
    """The programme whose drafts (work in progress) the user may read."""
    programme = programme_for_viewer(user, pk)
    require(permissions.can_read_document_drafts(user))
    return programme


def programme_for_official_reader(user, pk: int) -> Programme:
    """The programme whose official versions the user may read."""
    programme = programme_for_viewer(user, pk)
    require(permissions.can_read_official_documents(user))
    return programme


def programme_document_for_reader(
    user, pk: int, kind: str
) -> tuple[Programme, OfficialDocument | None]:
    """The programme and the official version of its document `kind` that stands for it now
    (None while there is none). Who may read it depends on whether one stands: an official
    version is for whoever sees the programme, a draft for the draft readers."""
    programme = programme_for_viewer(user, pk)
    official = official_standing(programme=programme, kind=kind)
    if official is not None:
        require(permissions.can_read_official_documents(user))
    else:
        require(permissions.can_read_document_drafts(user))
    return programme, official


def official_document_for_reader(user, pk: int, document_id: int) -> OfficialDocument:
    """An official version of programme `pk`; 404 for one of another programme."""
    programme = programme_for_official_reader(user, pk)
    return found_or_404(lambda: OfficialDocument.objects.get(programme=programme, pk=document_id))
