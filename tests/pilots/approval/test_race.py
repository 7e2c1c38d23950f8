"""Two browsers, one stage: on PostgreSQL, 24 directors decide the same stage at once.

The row lock in `decision_record` makes the others wait and re-read the programme: they find
the chain moved on to the strategic cell, and are refused by the guard. Without the lock they
would all pass the guard and only the database's unique constraint would stop them ("already
decided"): the refusal message tells the two apart."""

import threading
from contextvars import copy_context

import pytest
from django.db import connection, connections
from django.utils import translation

from core.roles import Role
from pilots.approval import services
from pilots.common.errors import PilotError
from pilots.models import Decision, Outcome, Programme
from tests.factories import UserFactory
from tests.pilots.factories import make_programme

THREADS = 24


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_twenty_four_simultaneous_deciders_produce_exactly_one_decision():
    officer = UserFactory(roles=[Role.PROCUREMENT_OFFICER])
    head = UserFactory(roles=[Role.HEAD_OF_PROCUREMENT])
    directors = [UserFactory(roles=[Role.FINANCIAL_DIRECTOR]) for _ in range(THREADS)]
    programme = make_programme(user=officer)
    services.programme_submit(programme_id=programme.pk, user=officer)

    barrier = threading.Barrier(THREADS)
    results, lock = [], threading.Lock()

    def decide(director):
        try:
            barrier.wait()
            with translation.override("en"):
                services.decision_record(
                    programme_id=programme.pk,
                    user=director,
                    outcome=Outcome.APPROVED,
                    co_validator=head,
                )
            outcome = "decided"
        except PilotError as error:
            outcome = error.message
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=copy_context().run, args=(decide, d)) for d in directors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    refusal = "The pending stage is not yours to decide."
    assert sorted(results) == sorted(["decided"] + [refusal] * (THREADS - 1))
    assert Decision.objects.count() == 1
    programme.refresh_from_db()
    assert programme.status == Programme.Status.IN_APPROVAL
    assert programme.pending_stage.position == 2
