import threading
from contextvars import copy_context
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from procurement.dossiers import services
from procurement.models import CircularStrategy, Dossier, SubjectType
from tests.factories import DepartmentFactory


def fields(department, **overrides):
    values = {
        "title": "Werkkledij",
        "department": department,
        "subject_type": SubjectType.SUPPLIES,
        "estimated_value": Decimal("48000"),
    }
    values.update(overrides)
    return values


@pytest.mark.django_db
def test_it_numbers_dossiers_per_year_in_sequence(users, department):
    first = services.dossier_create(user=users["officer"], **fields(department))
    second = services.dossier_create(user=users["officer"], **fields(department))
    year = first.created_at.astimezone().year
    assert first.reference == f"{year}-0001"
    assert second.reference == f"{year}-0002"


@pytest.mark.django_db
def test_it_stores_the_suggested_procedure_and_recomputes_it_on_change(users, department):
    dossier = services.dossier_create(
        user=users["officer"], **fields(department, estimated_value=Decimal("29999.99"))
    )
    assert dossier.suggested_procedure.code == "beperkte-waarde"
    services.dossier_update(
        dossier_id=dossier.pk,
        user=users["officer"],
        estimated_value=Decimal("30000"),
    )
    dossier.refresh_from_db()
    assert dossier.suggested_procedure.code == "onderhandelingsprocedure-zonder-bekendmaking"


@pytest.mark.django_db
def test_it_records_who_created_and_changed_a_dossier(users, department):
    strategies = CircularStrategy.objects.filter(code__in=["R3", "R5"])
    dossier = services.dossier_create(
        user=users["staff"], **fields(department), circular_strategies=strategies
    )
    services.dossier_update(
        dossier_id=dossier.pk,
        user=users["officer"],
        title="Werkkledij en schoenen",
        circular_strategies=strategies,
    )
    history = list(dossier.history.order_by("history_date"))
    assert [h.history_user for h in history] == [users["staff"], users["officer"]]
    assert history[-1].title == "Werkkledij en schoenen"
    assert {s.circularstrategy.code for s in history[0].circular_strategies.all()} == {"R3", "R5"}


@pytest.mark.django_db
def test_it_refuses_department_staff_filing_for_another_department(users, other_department):
    with pytest.raises(PermissionDenied):
        services.dossier_create(user=users["staff"], **fields(other_department))
    assert not Dossier.objects.exists()


@pytest.mark.django_db
def test_it_refuses_moving_a_dossier_out_of_ones_own_department(users, department):
    dossier = services.dossier_create(user=users["staff"], **fields(department))
    with pytest.raises(PermissionDenied):
        services.dossier_update(
            dossier_id=dossier.pk,
            user=users["staff"],
            department=DepartmentFactory(code="elders"),
        )
    dossier.refresh_from_db()
    assert dossier.department == department


@pytest.mark.django_db
def test_it_refuses_an_award_before_the_publication(users, department):
    import datetime

    with pytest.raises(ValidationError) as error:
        services.dossier_create(
            user=users["officer"],
            **fields(
                department,
                planned_publication_date=datetime.date(2027, 3, 1),
                required_award_date=datetime.date(2027, 2, 1),
            ),
        )
    assert "required_award_date" in error.value.message_dict
    assert not Dossier.objects.exists()


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_share_a_reference(users, department):
    threads, errors = 20, []
    barrier = threading.Barrier(threads)

    def register(n):
        try:
            barrier.wait()
            services.dossier_create(user=users["officer"], **fields(department, title=f"D{n}"))
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    workers = [
        threading.Thread(target=copy_context().run, args=(register, n)) for n in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    references = sorted(Dossier.objects.values_list("reference", flat=True))
    year = references[0][:4]
    assert references == [f"{year}-{n:04d}" for n in range(1, threads + 1)]


@pytest.mark.django_db
def test_the_awarded_value_is_recorded_once_the_dossier_is_awarded(users, department):
    dossier = services.dossier_create(user=users["officer"], **fields(department))
    with pytest.raises(ValidationError) as refused:
        services.dossier_update(
            dossier_id=dossier.pk, user=users["officer"], awarded_value=Decimal("51250")
        )
    assert "awarded_value" in refused.value.message_dict
    dossier.refresh_from_db()
    assert dossier.awarded_value is None
    services.dossier_update(
        dossier_id=dossier.pk,
        user=users["officer"],
        status=Dossier.Status.AWARDED,
        awarded_value=Decimal("51250"),
    )
    dossier.refresh_from_db()
    assert dossier.awarded_value == Decimal("51250")
    # The history keeps what was awarded, as it keeps the estimate.
    assert dossier.history.first().awarded_value == Decimal("51250")
