"""Erasing a person leaves the frozen official documents as they are, and the erasure report
names those that still carry the name, with the reason (archival of public decisions)."""

import pytest

from stakeholders import gdpr
from tests.factories import PersonFactory
from tests.pilots.evaluation_helpers import approve
from tests.pilots.factories import make_programme
from tests.stand_in_pdf import stand_in_pdf

pytestmark = pytest.mark.django_db


def test_the_report_names_the_official_documents_that_keep_the_name(users, monkeypatch):
    person = PersonFactory(full_name="Katrien Wouters")
    texts = iter(["Stakeholders: KATRIEN   WOUTERS (directie)", "Stakeholders: niemand"])
    monkeypatch.setattr(
        "pilots.documents.render.render_pdf", lambda **kwargs: stand_in_pdf(next(texts))
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
        lambda **kwargs: stand_in_pdf("Katrien Wouters"),
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
        "pilots.documents.render.render_pdf", lambda **kwargs: stand_in_pdf("Briefing")
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
