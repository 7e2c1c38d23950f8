"""The attachment lists cost the same number of queries for many files as for one: the pilot
page with its market dialogues, the programme page, the dossier and the consultation."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pilots.execution import services as execution_services
from tests.stakeholders.factories import OrganisationFactory

from .conftest import attach as _attach
from .samples import pdf

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _more(targets, users, n):
    officer = users["officer"]
    pilot, _page = targets["pilot"]
    for _ in range(n):
        dialogue = execution_services.market_dialogue_save(
            pilot_id=pilot.pk,
            user=officer,
            held_on=timezone.localdate() - datetime.timedelta(days=1),
            form="one_to_one",
            learned="Nog een gesprek.",
            organisations=[OrganisationFactory()],
        )
        for _ in range(3):
            _attach(dialogue, officer)
    for key in ("dossier", "programme", "pilot", "market-dialogue", "consultation"):
        for _ in range(n):
            _attach(targets[key][0], officer, name="nog een.pdf", data=pdf())


def test_the_pages_keep_their_query_budget_with_many_attachments(targets, users, client_for):
    officer = users["officer"]
    for key in ("dossier", "programme", "pilot", "market-dialogue", "consultation"):
        _attach(targets[key][0], officer)
    client = client_for("officer")
    pages = {key: page for key, (_target, page) in targets.items()}
    client.get(pages["pilot"])  # warm the content-type cache
    small = {key: _count(client, page) for key, page in pages.items()}
    _more(targets, users, 6)
    large = {key: _count(client, page) for key, page in pages.items()}
    assert large == small
    # The pilot's 7 files, the first dialogue's 7 and 3 on each of the 6 new dialogues.
    links = re.findall(r'href="/attachments/\d+/"', client.get(pages["pilot"]).text)
    assert len(links) == 7 + 7 + 6 * 3
