"""The programme documents: HTML previews, PDFs and the list of official versions.

The views fetch through `access` and wrap bytes; `context` and `render` render, `services`
freezes. An official version is always served from storage, never rendered again.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pilots import permissions
from pilots.common.access import found_or_404

from . import access
from . import services as document_services
from .context import document_context
from .models import DocumentKind, OfficialDocument, Rendering
from .selectors import (
    StoredFileUnavailable,
    draft_pdf,
    official_document_pdf,
    official_standing,
)


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    # Inline: the link opens the PDF in a new tab; the name is used when it is saved.
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def document_unavailable(request, *, message: str, back_url: str) -> HttpResponse:
    """The page for an official version whose stored file is missing or altered: 503, since
    the server cannot serve it until an administrator restores it from the backup (not 410:
    the document is not gone for good; not 500: nothing is broken in the request)."""
    return render(
        request,
        "pilots/documents/unavailable.html",
        {"message": message, "back_url": back_url},
        status=503,
    )


def _serve_official(request, document: OfficialDocument) -> HttpResponse:
    try:
        pdf = official_document_pdf(document)
    except StoredFileUnavailable:
        return document_unavailable(
            request,
            message=_(
                "The stored file of this official version is missing or no longer matches its "
                "checksum. An administrator has to restore it from the backup; the problem has "
                "been logged."
            ),
            back_url=reverse("pilots:document_list", args=[document.programme_id]),
        )
    return _pdf_response(pdf, document.filename)


PDF_URL_NAMES = {
    DocumentKind.BRIEFING: "pilots:briefing_pdf",
    DocumentKind.EVALUATION: "pilots:evaluation_pdf",
}


def _rendering_page(request, *, programme, kind: str, rendering: Rendering | None):
    """ "Being prepared", ready or failed: the whole page, or for htmx the status alone (it
    polls itself while the worker is busy)."""
    context = {
        "programme": programme,
        "rendering": rendering,
        "title": DocumentKind(kind).label,
        "pdf_url": reverse(PDF_URL_NAMES[kind], args=[programme.pk]),
    }
    if request.htmx:
        return render(request, "pilots/documents/_rendering_status.html", context)
    return render(request, "pilots/documents/rendering.html", context)


def _document_pdf(request, pk: int, kind: str) -> HttpResponse:
    """The official version when one stands, served at once; else the draft of the document
    as it stands now: served when a worker has laid it out, else asked for (once) and a page
    that says it is being prepared. WeasyPrint never runs here."""
    programme, official = access.programme_document_for_reader(request.user, pk, kind)
    if official is not None:
        return _serve_official(request, official)
    rendering = document_services.draft_request(
        programme=programme, kind=kind, language=translation.get_language(), user=request.user
    )
    if rendering.is_ready:
        try:
            pdf = draft_pdf(rendering)
        except StoredFileUnavailable:
            rendering = document_services.rendering_lost(rendering=rendering, user=request.user)
        else:
            return _pdf_response(pdf, f"{kind}-{programme.pk}-concept.pdf")
    return _rendering_page(request, programme=programme, kind=kind, rendering=rendering)


@login_required
def rendering_status(request, pk: int, rendering_id: int):
    programme = access.programme_for_draft_reader(request.user, pk)
    rendering = Rendering.objects.filter(programme=programme, official=False, pk=rendering_id)
    found = rendering.first()
    kind = found.kind if found is not None else request.GET.get("kind", DocumentKind.BRIEFING)
    if kind not in PDF_URL_NAMES:
        kind = DocumentKind.BRIEFING
    return _rendering_page(request, programme=programme, kind=kind, rendering=found)


@login_required
@require_POST
def rendering_retry(request, pk: int, rendering_id: int):
    programme = access.programme_for_draft_reader(request.user, pk)
    rendering = found_or_404(
        lambda: Rendering.objects.get(programme=programme, official=False, pk=rendering_id)
    )
    rendering = document_services.rendering_retry(rendering=rendering, user=request.user)
    if request.htmx:
        return _rendering_page(
            request, programme=programme, kind=rendering.kind, rendering=rendering
        )
    return redirect(PDF_URL_NAMES[rendering.kind], pk=programme.pk)


def _document_preview(request, pk: int, kind: str, pdf_url_name: str):
    programme = access.programme_for_draft_reader(request.user, pk)
    context = document_context(
        programme_id=programme.pk, kind=kind, language=translation.get_language()
    )
    return render(
        request,
        "pilots/documents/document_preview.html",
        {
            **context,
            "official": official_standing(programme=programme, kind=kind),
            "pdf_url_name": pdf_url_name,
        },
    )


@login_required
def briefing_pdf(request, pk: int):
    return _document_pdf(request, pk, DocumentKind.BRIEFING)


@login_required
def briefing_preview(request, pk: int):
    return _document_preview(request, pk, DocumentKind.BRIEFING, "pilots:briefing_pdf")


@login_required
def evaluation_pdf(request, pk: int):
    return _document_pdf(request, pk, DocumentKind.EVALUATION)


@login_required
def evaluation_preview(request, pk: int):
    return _document_preview(request, pk, DocumentKind.EVALUATION, "pilots:evaluation_pdf")


@login_required
def document_list(request, pk: int):
    programme = access.programme_for_official_reader(request.user, pk)
    official_documents = OfficialDocument.objects.filter(programme=programme).select_related(
        "stage", "revision", "created_by__person"
    )
    return render(
        request,
        "pilots/documents/document_list.html",
        {
            "programme": programme,
            "official_documents": official_documents,
            "can_read_drafts": permissions.can_read_document_drafts(request.user),
        },
    )


@login_required
def official_document(request, pk: int, document_id: int):
    document = access.official_document_for_reader(request.user, pk, document_id)
    return _serve_official(request, document)
