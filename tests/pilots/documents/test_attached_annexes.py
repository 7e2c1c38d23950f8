"""Files chosen for the annexes are listed, by name, type and size, in the annexes of the MAT
briefing and the evaluation report (pilots/documents/sections.py `attached_documents`)."""

import pytest

from attachments import services as attachment_services
from pilots.documents import render
from pilots.documents.context import document_context
from pilots.documents.models import DocumentKind
from tests.attachments.samples import pdf, sample, upload
from tests.pilots.evaluation_helpers import approved_programme
from tests.pilots.factories import make_programme

pytestmark = pytest.mark.django_db


def _attach(target, user, name, data, *, in_annexes):
    return attachment_services.attachment_add(
        target=target, upload=upload(name, data), in_annexes=in_annexes, user=user
    )


def _annexes(programme, kind):
    context = document_context(programme_id=programme.pk, kind=kind, language="nl")
    annexes = next(s for s in context["sections"] if s.key == "annexes")
    return context, annexes


def test_the_briefing_lists_the_chosen_files_after_the_pilot_sheets(users):
    officer = users["officer"]
    programme = make_programme(user=officer)
    first, second = programme.pilots.order_by("pk")
    _attach(programme, officer, "Presentatie MAT.pdf", pdf(), in_annexes=True)
    _attach(programme, officer, "Werknotities.txt", sample("txt"), in_annexes=False)
    _attach(second, officer, "Bestek.docx", sample("docx"), in_annexes=True)
    context, annexes = _annexes(programme, DocumentKind.BRIEFING)
    attached = annexes.children[-1]
    assert [child.key for child in annexes.children] == [
        f"pilot-{first.pk}",
        f"pilot-{second.pk}",
        "attached-documents",
    ]
    assert attached.number == "Bijlage 3"
    assert [
        (row["name"], row["kind"], row["size"], row["of"]) for row in attached.data["rows"]
    ] == [
        ("Presentatie MAT.pdf", "pdf", len(pdf()), ""),
        ("Bestek.docx", "Word-document", len(sample("docx")), second.dossier.title),
    ]
    html = render.render_html(context, language="nl")
    assert "Bijgevoegde bestanden" in html
    assert "Presentatie MAT.pdf" in html
    assert "Bestek.docx" in html
    assert "Werknotities.txt" not in html


def test_without_chosen_files_the_annexes_are_the_pilot_sheets_only(users):
    officer = users["officer"]
    programme = make_programme(user=officer)
    _attach(programme, officer, "Werknotities.txt", sample("txt"), in_annexes=False)
    _context, annexes = _annexes(programme, DocumentKind.BRIEFING)
    assert "attached-documents" not in [child.key for child in annexes.children]


def test_the_evaluation_report_lists_them_too(users):
    programme = approved_programme(users)
    pilot = programme.pilots.first()
    _attach(pilot, users["officer"], "Verslag marktdialoog.pdf", pdf(), in_annexes=True)
    context, annexes = _annexes(programme, DocumentKind.EVALUATION)
    assert annexes.children[-1].key == "attached-documents"
    assert "Verslag marktdialoog.pdf" in render.render_html(context, language="nl")
