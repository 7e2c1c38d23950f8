"""The document pages per persona: who reads drafts, who reads official versions; headers,
query budgets and the byte-identical download of an official version."""

import hashlib

import pytest
from django.urls import reverse

from pilots.approval import services
from pilots.documents.models import OfficialDocument
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

DRAFT_READERS = {"officer", "head", "director", "cell", "mat"}
EVERYONE = ["staff", "officer", "head", "director", "cell", "mat", "admin_user", "outsider"]


@pytest.fixture
def at_mat(submitted, decide):
    decide("director", submitted)
    decide("cell", submitted)
    run_tasks()  # a worker freezes the briefing
    submitted.refresh_from_db()
    return submitted


def _expected(name, *, allowed) -> int:
    if name == "outsider":
        return 404  # an account without a role does not see the programme at all
    return 200 if name in allowed else 403


@pytest.mark.parametrize("name", EVERYONE)
@pytest.mark.parametrize("url_name", ["pilots:briefing_preview", "pilots:evaluation_preview"])
def test_previews_are_for_the_roles_that_prepare_present_and_decide(
    client_for, programme, name, url_name
):
    response = client_for(name).get(reverse(url_name, args=[programme.pk]))
    assert response.status_code == _expected(name, allowed=DRAFT_READERS)


@pytest.mark.parametrize("name", ["staff", "director", "admin_user", "outsider"])
def test_a_draft_pdf_is_for_the_draft_readers(client_for, programme, name):
    client = client_for(name)
    response = client.get(reverse("pilots:briefing_pdf", args=[programme.pk]))
    assert response.status_code == _expected(name, allowed=DRAFT_READERS)
    if response.status_code == 200:
        assert "wordt voorbereid" in response.content.decode()  # a worker lays it out
        run_tasks()
        response = client.get(reverse("pilots:briefing_pdf", args=[programme.pk]))
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("inline; filename=")
        assert response.content.startswith(b"%PDF")


def test_anonymous_visitors_are_sent_to_the_login(client_for, programme):
    response = client_for(None).get(reverse("pilots:briefing_pdf", args=[programme.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", EVERYONE)
def test_official_versions_are_for_everyone_who_sees_the_programme(client_for, at_mat, name):
    document = OfficialDocument.objects.get()
    everyone = set(EVERYONE) - {"outsider"}
    client = client_for(name)
    for url in [
        reverse("pilots:briefing_pdf", args=[at_mat.pk]),
        document.get_absolute_url(),
        reverse("pilots:document_list", args=[at_mat.pk]),
    ]:
        assert client.get(url).status_code == _expected(name, allowed=everyone), url


def test_every_download_of_an_official_version_is_the_stored_file(client_for, at_mat, users):
    document = OfficialDocument.objects.get()
    client = client_for("staff")
    downloads = [
        client.get(document.get_absolute_url()).content,
        client.get(reverse("pilots:briefing_pdf", args=[at_mat.pk])).content,
    ]
    # The data the briefing shows changes; the official version does not.
    at_mat.pilots.first().dossier.__class__.objects.update(title="Hernoemd dossier")
    downloads.append(client.get(document.get_absolute_url()).content)
    assert {hashlib.sha256(pdf).hexdigest() for pdf in downloads} == {document.sha256}


def _assert_restore_page(response, at_mat):
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert "terugzetten uit de back-up" in response.content.decode()
    assert response.context["back_url"] == reverse("pilots:document_list", args=[at_mat.pk])


def test_a_stored_file_that_no_longer_matches_its_checksum_is_not_served(
    client_for, at_mat, caplog
):
    document = OfficialDocument.objects.get()
    with open(document.file.path, "ab") as stored:
        stored.write(b"tampered")
    response = client_for("director").get(document.get_absolute_url())
    _assert_restore_page(response, at_mat)
    assert "does not match its SHA-256" in caplog.text


@pytest.mark.parametrize("url_name", ["official", "briefing_pdf"])
def test_a_stored_file_that_is_missing_gets_a_restore_from_backup_page(
    client_for, at_mat, caplog, url_name
):
    document = OfficialDocument.objects.get()
    document.file.storage.delete(document.file.name)
    url = (
        document.get_absolute_url()
        if url_name == "official"
        else reverse("pilots:briefing_pdf", args=[at_mat.pk])
    )
    with caplog.at_level("ERROR", logger="pilots.documents.selectors"):
        response = client_for("director").get(url)
    _assert_restore_page(response, at_mat)
    [record] = [r for r in caplog.records if "is missing" in r.getMessage()]
    assert record.levelname == "ERROR"


def test_an_official_version_of_another_programme_is_not_found(client_for, at_mat, users):
    from tests.pilots.factories import make_programme

    other = make_programme(user=users["officer"], title="Ander traject")
    document = OfficialDocument.objects.get()
    response = client_for("director").get(
        reverse("pilots:official_document", args=[other.pk, document.pk])
    )
    assert response.status_code == 404


def test_the_document_list_shows_versions_with_their_checksums(
    client_for, at_mat, django_assert_max_num_queries
):
    document = OfficialDocument.objects.get()
    client = client_for("staff")
    with django_assert_max_num_queries(11):
        response = client.get(reverse("pilots:document_list", args=[at_mat.pk]))
    content = response.content.decode()
    assert document.sha256 in content
    assert 'target="_blank"' in content


@pytest.mark.parametrize("url_name", ["pilots:briefing_preview", "pilots:evaluation_preview"])
def test_the_previews_keep_their_query_budget_and_explain_the_wait(
    client_for, at_mat, url_name, django_assert_max_num_queries
):
    client = client_for("director")
    with django_assert_max_num_queries(25):
        response = client.get(reverse(url_name, args=[at_mat.pk]))
    content = response.content.decode()
    assert 'target="_blank"' in content
    assert 'id="render-note"' in content
    assert "style=" not in content
    assert "<script>" not in content


def test_the_preview_of_a_programme_with_missing_data_says_so(client_for, users):
    from tests.pilots.factories import make_programme

    programme = make_programme(user=users["officer"], dossiers=[], budget=None, risks="")
    response = client_for("officer").get(reverse("pilots:briefing_preview", args=[programme.pk]))
    assert response.status_code == 200
    assert "Nog niet beschikbaar" in response.content.decode()


def test_the_programme_page_links_the_documents(client_for, at_mat):
    content = client_for("director").get(at_mat.get_absolute_url()).content.decode()
    assert reverse("pilots:briefing_pdf", args=[at_mat.pk]) in content
    assert reverse("pilots:document_list", args=[at_mat.pk]) in content
    staff_page = client_for("staff").get(at_mat.get_absolute_url()).content.decode()
    assert reverse("pilots:briefing_pdf", args=[at_mat.pk]) not in staff_page
    assert reverse("pilots:document_list", args=[at_mat.pk]) in staff_page


def _briefed_programme(users, *, pilots: int):
    """A programme in approval with `pilots` pilots, each with 3 points × 4 measurements; the
    director's decision (with conditions) recorded; as many stakeholders as pilots, each
    assessed and with a concern; and a consultation."""
    from stakeholders.models import Concern
    from tests.factories import DossierFactory
    from tests.pilots.evaluation_helpers import bulk_points
    from tests.pilots.factories import make_programme
    from tests.stakeholders.factories import (
        ConcernFactory,
        ConsultationFactory,
        InvolvementFactory,
        SupportAssessmentFactory,
    )

    programme = make_programme(user=users["officer"], dossiers=DossierFactory.create_batch(pilots))
    for pilot in programme.pilots.all():
        bulk_points(pilot, points=3, measurements=4)
    services.programme_submit(programme_id=programme.pk, user=users["officer"])
    services.decision_record(
        programme_id=programme.pk,
        user=users["director"],
        outcome="approved",
        conditions="Maandelijks rapporteren.",
        co_validator=users["head"],
    )
    for n in range(pilots):
        involvement = InvolvementFactory(subject=programme, influence=1 + n % 5)
        SupportAssessmentFactory(involvement=involvement, level=1 + n % 5)
        ConcernFactory(involvement=involvement, status=Concern.Status.OPEN)
    ConsultationFactory(subject=programme)
    return programme


def test_the_draft_briefing_costs_the_same_queries_for_eight_pilots_as_for_two(client_for, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("officer")
    counts = []
    for size in (2, 8):
        programme = _briefed_programme(users, pilots=size)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("pilots:briefing_preview", args=[programme.pk]))
        assert response.status_code == 200
        assert response.context["official"] is None
        sections = {section.key: section for section in _walk(response.context["sections"])}
        assert len(sections["annexes"].children) == size
        points = [section for key, section in sections.items() if key.startswith("points-")]
        assert len(points) == size
        assert all(section.available for section in points)
        for key in ("decisions", "support", "risks", "legal-basis", "finance", "decision"):
            assert sections[key].available, key
        assert len(sections["risks"].data["open_concerns"]) == size
        counts.append(len(queries))
    # The files chosen for the annexes (docs/attachments.md) take one, the selection decision
    # as it stood (docs/selection.md) one.
    assert counts[0] == counts[1] <= 25


def test_the_admin_lists_official_documents_read_only(client_for, at_mat):
    client = client_for("admin_user")
    assert client.get(reverse("admin:pilots_officialdocument_changelist")).status_code == 200
    document = OfficialDocument.objects.get()
    change = client.get(reverse("admin:pilots_officialdocument_change", args=[document.pk]))
    assert b'name="sha256"' not in change.content


# The sections filled from the evaluation data: per pilot its points (briefing), or its
# results, lead time, lessons and conclusion (report); the roll-up and the recommendations.
FILLED = {"points", "results", "lead", "lessons", "conclusion", "rollup", "recommendations"}


def _walk(sections):
    for section in sections:
        yield section
        yield from _walk(section.children)


def _evaluated_programme(users, *, pilots: int):
    """An approved programme with 10 points × 20 measurements per pilot, every pilot
    evaluated, the programme's evaluation recorded and a recommendation resting on it."""
    from django.db.models import F

    from pilots.evaluation import services as evaluation_services
    from pilots.models import Phase
    from pilots.policy import services as policy_services
    from procurement.models import ProcedureType
    from tests.factories import DossierFactory
    from tests.pilots.evaluation_helpers import approved_programme, bulk_points

    procedure = ProcedureType.objects.filter(reference_lead_time__isnull=False).first()
    dossiers = DossierFactory.create_batch(pilots, procedure=procedure)
    programme = approved_programme(users, dossiers=dossiers)
    # Preparation has started: each pilot has a lead time against its reference.
    Phase.objects.filter(pilot__programme=programme).update(actual_start=F("planned_start"))
    evaluations = []
    for pilot in programme.pilots.all():
        bulk_points(pilot, points=10, measurements=20)
        evaluations.append(
            evaluation_services.pilot_evaluation_save(
                pilot_id=pilot.pk,
                user=users["officer"],
                summary="Goed.",
                lessons="Vroeg beginnen.\nDe markt kennen.",
                conclusion="scale_up",
                motivation="Doelen gehaald.",
            )
        )
    evaluation_services.programme_evaluation_save(
        programme_id=programme.pk, user=users["officer"], summary="Geslaagd."
    )
    policy_services.recommendation_create(
        user=users["cell"],
        programme=programme,
        theme="circular",
        title="Standaard circulair",
        text="Elk bestek een circulair criterium.",
        evaluations=evaluations,
    )
    return programme


@pytest.mark.parametrize("url_name", ["pilots:briefing_preview", "pilots:evaluation_preview"])
def test_the_previews_cost_the_same_queries_for_eight_evaluated_pilots_as_for_two(
    client_for, users, url_name
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("director")
    counts = []
    for size in (2, 8):
        programme = _evaluated_programme(users, pilots=size)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(url_name, args=[programme.pk]))
        assert response.status_code == 200
        filled = [
            section
            for section in _walk(response.context["sections"])
            if section.key.split("-")[0] in FILLED
        ]
        assert len(filled) == 4 * size + 2 if "evaluation" in url_name else size
        assert all(section.available for section in filled)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 25
