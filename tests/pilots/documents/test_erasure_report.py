"""Erasing a person leaves the frozen official documents as they are, and the erasure report
names those that still carry the name, with the reason (archival of public decisions)."""

import pytest

from stakeholders import gdpr
from tests.factories import PersonFactory
from tests.pilots.evaluation_helpers import approve
from tests.pilots.factories import make_programme

pytestmark = pytest.mark.django_db


def pdf_with_text(text: str) -> bytes:
    """The smallest PDF whose page shows `text` (Helvetica), readable by pypdf."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_the_report_names_the_official_documents_that_keep_the_name(users, monkeypatch):
    person = PersonFactory(full_name="Katrien Wouters")
    texts = iter(["Stakeholders: KATRIEN   WOUTERS (directie)", "Stakeholders: niemand"])
    monkeypatch.setattr(
        "pilots.documents.render.render_pdf", lambda **kwargs: pdf_with_text(next(texts))
    )
    with_name = approve(make_programme(user=users["officer"], title="Met naam"), users)
    approve(make_programme(user=users["officer"], title="Zonder naam"), users)
    frozen = with_name.official_documents.get()
    stored = frozen.file.open("rb").read()

    report = gdpr.person_erase(user=users["admin_user"], person_id=person.pk)

    assert [copy.url for copy in report.archived_copies] == [frozen.get_absolute_url()]
    assert "17(3)" in report.archived_copies[0].reason
    # The document itself is not touched.
    frozen.refresh_from_db()
    assert frozen.file.open("rb").read() == stored


def test_the_erase_page_says_which_documents_keep_the_name(users, client_for, monkeypatch):
    person = PersonFactory(full_name="Katrien Wouters")
    monkeypatch.setattr(
        "pilots.documents.render.render_pdf",
        lambda **kwargs: pdf_with_text("Katrien Wouters"),
    )
    programme = approve(make_programme(user=users["officer"], title="Werkkledij"), users)
    response = client_for("admin_user").post(
        f"/stakeholders/people/{person.pk}/erase/", follow=True
    )
    page = response.content.decode()
    assert str(programme.official_documents.get()) in page
    assert "17(3)" in page


def test_the_report_names_the_decisions_whose_text_keeps_the_name(users, decide, monkeypatch):
    monkeypatch.setattr(
        "pilots.documents.render.render_pdf", lambda **kwargs: pdf_with_text("Briefing")
    )
    from pilots.approval import services

    person = PersonFactory(full_name="Katrien Wouters")
    programme = make_programme(user=users["officer"])
    services.programme_submit(programme_id=programme.pk, user=users["officer"])
    decide("director", programme, motivation="Akkoord na overleg met katrien wouters.")
    decide("cell", programme)

    report = gdpr.person_erase(user=users["admin_user"], person_id=person.pk)

    labels = [copy.label for copy in report.archived_copies]
    assert len(labels) == 1
    assert str(programme) in labels[0]
    assert programme.decisions.first().motivation.endswith("katrien wouters.")
