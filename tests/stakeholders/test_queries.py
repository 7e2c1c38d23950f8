"""Query budgets with 1,000 stakeholders: the pages cost the same at any size."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from stakeholders.models import ActionItem, Involvement, Person, SupportAssessment
from tests.factories import DepartmentFactory

from .factories import ConcernFactory, ConsultationFactory, OrganisationFactory

SIZE = 1000


@pytest.fixture
def crowd(dossier):
    department = DepartmentFactory()
    organisation = OrganisationFactory()
    people = Person.objects.bulk_create(
        Person(
            full_name=f"Persoon {n:04d}",
            department=department if n % 2 else None,
            organisation=None if n % 2 else organisation,
            email=f"p{n}@example.org",
            notes="notitie",
        )
        for n in range(SIZE)
    )
    content_type = ContentType.objects.get_for_model(dossier)
    involvements = Involvement.objects.bulk_create(
        Involvement(
            content_type=content_type,
            object_id=dossier.pk,
            person=person,
            influence=1 + n % 5,
            interest=1 + (n // 5) % 5,
        )
        for n, person in enumerate(people)
    )
    today = timezone.localdate()
    SupportAssessment.objects.bulk_create(
        SupportAssessment(
            involvement=involvement,
            assessed_on=today - datetime.timedelta(days=days),
            level=1 + (n + days) % 5,
        )
        for n, involvement in enumerate(involvements)
        for days in (30, 10)
    )
    for involvement in involvements[:20]:
        ConcernFactory(involvement=involvement)
    for n in range(10):
        consultation = ConsultationFactory(subject=dossier)
        consultation.participants.set(people[n * 10 : n * 10 + 10])
        consultation.organisations.add(organisation)
        ActionItem.objects.bulk_create(
            ActionItem(consultation=consultation, description="x", owner=p, due_on=today)
            for p in people[n * 3 : n * 3 + 3]
        )
    return people


@pytest.mark.parametrize("persona", ["officer", "staff"])
def test_the_subject_page_with_1000_stakeholders_stays_within_budget(
    persona, crowd, subject_path, client_for, django_assert_max_num_queries
):
    client = client_for(persona)
    with django_assert_max_num_queries(14):
        response = client.get(subject_path)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/stakeholders/",
        "/stakeholders/?sort=-organisation&q=Persoon",
        "/stakeholders/?page=20",
        "/stakeholders/organisations/",
        "/stakeholders/consultations/",
        "/stakeholders/subjects/",
    ],
)
def test_the_register_lists_with_1000_people_stay_within_budget(
    path, crowd, client_for, django_assert_max_num_queries
):
    client = client_for("officer")
    with django_assert_max_num_queries(9):
        assert client.get(path).status_code == 200


def test_detail_pages_stay_within_budget(crowd, client_for, django_assert_max_num_queries):
    client = client_for("officer")
    consultation = crowd[0].consultations.get()
    for path in [
        f"/stakeholders/people/{crowd[0].pk}/",
        f"/stakeholders/consultations/{consultation.pk}/",
        f"/stakeholders/organisations/{crowd[0].organisation_id}/",
    ]:
        with django_assert_max_num_queries(14):
            assert client.get(path).status_code == 200


def test_the_export_of_1000_people_stays_within_budget(
    crowd, client_for, django_assert_max_num_queries
):
    client = client_for("officer")
    with django_assert_max_num_queries(6):
        response = client.get("/stakeholders/export.csv")
        lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) >= SIZE + 1
