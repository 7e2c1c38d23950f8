"""Double submits (core/idempotency.py): a create form's one-time token makes a repeat of the
same submission give the first one's result."""

import datetime
import re
import threading
from contextvars import copy_context

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.idempotency import FIELD, token_new, tokens_purge
from core.models import SubmittedForm
from procurement.models import CircularStrategy, Dossier, SelectionRound
from stakeholders.models import SupportAssessment
from tests.stakeholders.factories import InvolvementFactory

DOSSIER_NEW = reverse("procurement:dossier_create")
ROUND_NEW = reverse("selection:round_create")
TOKEN = re.compile(rf'name="{FIELD}" value="([0-9a-f]{{32}})"')


def dossier_form(department, token, **overrides):
    return {
        "title": "LED-verlichting sporthal",
        "department": department.pk,
        "subject_type": "supplies",
        "estimated_value": "36000.00",
        "status": "planned",
        "visibility": "high",
        "willingness": "yes",
        "circular_strategies": [CircularStrategy.objects.get(code="R2").pk],
        FIELD: token,
        **overrides,
    }


def round_form(department, token):
    return {
        "title": "Inventaris 2027",
        "question": "Welke opdrachten?",
        "deadline": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
        "departments": [department.pk],
        FIELD: token,
    }


def support_form(token):
    return {"assessed_on": "2026-01-15", "level": "2", "note": "Twijfelt", FIELD: token}


def token_on(response) -> str:
    found = TOKEN.search(response.content.decode())
    assert found, "the form carries no one-time token"
    return found.group(1)


@pytest.mark.django_db
def test_the_same_dossier_form_sent_twice_registers_one_dossier(client_for, department):
    client = client_for("officer")
    token = token_on(client.get(DOSSIER_NEW))
    first = client.post(DOSSIER_NEW, dossier_form(department, token))
    second = client.post(DOSSIER_NEW, dossier_form(department, token))
    dossier = Dossier.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == dossier.get_absolute_url()


@pytest.mark.django_db
def test_the_same_round_sent_twice_opens_one_round_and_mails_once(client_for, department):
    client = client_for("officer")
    token = token_on(client.get(ROUND_NEW))
    client.post(ROUND_NEW, round_form(department, token))
    mails = len(mail.outbox)
    second = client.post(ROUND_NEW, round_form(department, token))
    selection_round = SelectionRound.objects.get()
    assert second["Location"] == selection_round.get_absolute_url()
    assert len(mail.outbox) == mails


@pytest.mark.django_db
def test_the_same_support_assessment_sent_twice_records_one(client_for, users):
    involvement = InvolvementFactory()
    url = reverse("stakeholders:support_assess", args=[involvement.pk])
    client = client_for("officer")
    token = token_on(client.get(url))
    client.post(url, support_form(token))
    client.post(url, support_form(token))
    assert SupportAssessment.objects.filter(involvement=involvement).count() == 1


@pytest.mark.django_db
def test_a_form_shown_again_with_errors_keeps_its_token_usable(client_for, department):
    client = client_for("officer")
    token = token_on(client.get(DOSSIER_NEW))
    refused = client.post(DOSSIER_NEW, dossier_form(department, token, title=""))
    assert refused.status_code == 200
    assert token_on(refused) == token
    assert not SubmittedForm.objects.exists()
    accepted = client.post(DOSSIER_NEW, dossier_form(department, token))
    assert accepted.status_code == 302
    assert Dossier.objects.count() == 1


@pytest.mark.django_db
def test_two_forms_with_their_own_tokens_register_two_dossiers(client_for, department):
    client = client_for("officer")
    client.post(DOSSIER_NEW, dossier_form(department, token_new()))
    client.post(DOSSIER_NEW, dossier_form(department, token_new(), title="Tweede"))
    assert Dossier.objects.count() == 2


@pytest.mark.django_db
def test_someone_elses_token_gives_no_access_to_their_result(client_for, department):
    token = token_new()
    client_for("officer").post(DOSSIER_NEW, dossier_form(department, token))
    other = client_for("head").post(DOSSIER_NEW, dossier_form(department, token))
    assert other.status_code == 409
    assert Dossier.objects.count() == 1


@pytest.mark.django_db
def test_a_repeat_while_the_first_is_still_processed_answers_409(
    client_for, users, department, monkeypatch
):
    monkeypatch.setattr("core.idempotency.WAIT_SECONDS", 0)
    token = token_new()
    SubmittedForm.objects.create(token=token, user=users["officer"], path=DOSSIER_NEW)
    response = client_for("officer").post(DOSSIER_NEW, dossier_form(department, token))
    assert response.status_code == 409
    assert "al verwerkt" in response.content.decode()
    assert not Dossier.objects.exists()


@pytest.mark.django_db
def test_tokens_older_than_a_day_are_purged(users):
    old = SubmittedForm.objects.create(token=token_new(), user=users["officer"], path="/")
    fresh = SubmittedForm.objects.create(token=token_new(), user=users["officer"], path="/")
    SubmittedForm.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    assert tokens_purge() == 1
    assert list(SubmittedForm.objects.all()) == [fresh]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "procurement:dossier_create",
        "selection:round_create",
        "pilots:programme_create",
        "pilots:substitution_list",
        "stakeholders:person_create",
        "stakeholders:organisation_create",
    ],
)
def test_every_create_page_carries_a_token(client_for, name):
    persona = "director" if name == "pilots:substitution_list" else "officer"
    token_on(client_for(persona).get(reverse(name)))


def _race(clients, url, data):
    barrier = threading.Barrier(len(clients))
    statuses, lock = [], threading.Lock()

    def post(client):
        try:
            barrier.wait()
            status = client.post(url, data).status_code
        except Exception as error:
            status = repr(error)
        finally:
            connections.close_all()
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=copy_context().run, args=(post, c)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


THREADS = 30


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_thirty_identical_concurrent_posts_create_one_of_each(users, department):
    clients = []
    for _ in range(THREADS):
        client = Client()
        client.force_login(users["officer"])
        clients.append(client)

    statuses = _race(clients, DOSSIER_NEW, dossier_form(department, token_new()))
    assert Dossier.objects.count() == 1
    assert set(statuses) <= {302, 409}, statuses
    involvement = InvolvementFactory(subject=Dossier.objects.get())

    mail.outbox.clear()
    _race(clients, ROUND_NEW, round_form(department, token_new()))
    assert SelectionRound.objects.count() == 1
    one_round = len(mail.outbox)
    assert one_round >= 1
    assert one_round == len({tuple(message.to) for message in mail.outbox})

    url = reverse("stakeholders:support_assess", args=[involvement.pk])
    _race(clients, url, support_form(token_new()))
    assert SupportAssessment.objects.filter(involvement=involvement).count() == 1
