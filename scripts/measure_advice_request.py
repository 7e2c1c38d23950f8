"""How long the strategic cell's advice request takes, the one that opens the MAT's stage, on a
10-pilot programme with 20 evaluation points a pilot (200 points); and how much CPU the
briefing's freeze costs wherever it runs (in that request, or in a worker's task).

Builds the programme in a seeded demo database (copy one: it adds a programme), submits it,
records the financial director's decision, then POSTs the cell's advice through Django's test
client and times it (wall and CPU). Where a worker freezes the briefing (django-tasks), it then
runs the queued tasks the way `manage.py db_worker --batch` does and times that too; it also
times the task of a draft of the demo briefing.

    cp /tmp/documents.sqlite3 /tmp/measure.sqlite3
    DATABASE_URL=sqlite:////tmp/measure.sqlite3 .venv/bin/python scripts/measure_advice_request.py
"""

import os
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from core.membership import first_municipality  # noqa: E402
from core.scoping import municipality_scope  # noqa: E402
from pilots.approval import services  # noqa: E402
from pilots.evaluation import services as evaluation_services  # noqa: E402
from pilots.models import OfficialDocument, Outcome, Programme  # noqa: E402
from stakeholders.models import Department  # noqa: E402
from tests.factories import DossierFactory  # noqa: E402
from tests.tasks import run_worker_once  # noqa: E402

PILOTS, POINTS = 10, 20


def timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def run_worker():
    run_worker_once(worker_id="measure")


def main() -> None:
    users = {user.username: user for user in get_user_model().objects.all()}
    has_worker = "django_tasks_db" in django.conf.settings.INSTALLED_APPS
    with municipality_scope(first_municipality()):
        department = Department.objects.first()
        dossiers = [
            DossierFactory(
                department=department, reference=f"MEET-{n:03d}", title=f"Meetopdracht {n}"
            )
            for n in range(PILOTS)
        ]
        programme = services.programme_create(
            user=users["inkoper"],
            title="Meetprogramma tien pilots",
            purpose="Meten hoe lang het advies van de strategische cel duurt.",
            budget=Decimal("250000"),
            dossiers=dossiers,
        )
        for pilot in programme.pilots.all():
            for n in range(POINTS):
                evaluation_services.point_create(
                    pilot_id=pilot.pk,
                    user=users["inkoper"],
                    category="circularity",
                    indicator=f"Indicator {n} met een beschrijvende naam",
                    unit="%",
                    baseline=Decimal("0"),
                    target=Decimal("30"),
                    direction="higher",
                    weight=1 + n % 3,
                    method="Productfiches van de leverancier.",
                )
        services.programme_submit(programme_id=programme.pk, user=users["inkoper"])
        services.decision_record(
            programme_id=programme.pk,
            user=users["financieel-directeur"],
            outcome=Outcome.APPROVED,
            co_validator=users["hoofd-aankopen"],
        )
    client = Client()
    client.force_login(users["strategische-cel"])
    url = reverse("pilots:programme_decide", args=[programme.pk])
    fields = {"communication_advice": "Kort.", "scale_up_advice": "Beleid."}
    response, wall, cpu = timed(lambda: client.post(url, fields))
    print(f"advice request: status {response.status_code}, {wall:.2f} s wall, {cpu:.2f} s CPU")
    with municipality_scope(first_municipality()):
        frozen = OfficialDocument.objects.filter(programme=programme).count()
    print(f"briefings frozen by the request itself: {frozen}")
    if not has_worker:
        return
    _result, wall, cpu = timed(run_worker)
    with municipality_scope(first_municipality()):
        document = OfficialDocument.objects.get(programme=programme)
        with document.file.open("rb") as stored:
            pages = len(PdfReader(stored).pages)
    print(f"worker task (the freeze): {wall:.2f} s wall, {cpu:.2f} s CPU; {pages} pages")
    from pilots.demo import APPROVED_TITLE
    from pilots.documents import services as document_services

    with municipality_scope(first_municipality()):
        demo = Programme.objects.get(title=APPROVED_TITLE)
        document_services.draft_request(
            programme=demo, kind="briefing", language="nl-be", user=users["inkoper"]
        )
    _result, wall, cpu = timed(run_worker)
    print(f"worker task (draft of the demo briefing): {wall:.2f} s wall, {cpu:.2f} s CPU")


if __name__ == "__main__":
    main()
