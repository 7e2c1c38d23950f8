"""Times the main pages at the sizes of docs/design.md (a regional instance: 20,000 dossiers,
10,000 people, 1,000 pilots) and counts their queries. Not a test: run it when a page or a query changes.

    .venv/bin/python scripts/benchmark.py                  # a temporary SQLite database
    scripts/with_postgres.sh .venv/bin/python scripts/benchmark.py   # PostgreSQL
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/benchmark.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

DOSSIERS = int(os.environ.get("BENCH_DOSSIERS", 20_000))
PEOPLE = int(os.environ.get("BENCH_PEOPLE", 10_000))
PILOTS = int(os.environ.get("BENCH_PILOTS", 1_000))
REPEAT = int(os.environ.get("BENCH_REPEAT", 5))


def build():
    import datetime
    import random
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from core.membership import first_municipality, grant_roles
    from procurement.models import CircularStrategy, Dossier, ProcedureType
    from stakeholders.models import Department, Person

    random.seed(7)
    call_command("migrate", verbosity=0)
    departments = Department.objects.bulk_create(
        [Department(name=f"Dienst {n}", code=f"d{n}") for n in range(60)]
    )
    people = Person.objects.bulk_create(
        [
            Person(full_name=f"Persoon {n}", department=random.choice(departments))
            for n in range(PEOPLE)
        ]
    )
    procedures = list(ProcedureType.objects.all())
    today = timezone.localdate()
    dossiers = Dossier.objects.bulk_create(
        [
            Dossier(
                reference=f"2026-{n:05d}",
                title=f"Opdracht {n}",
                department=random.choice(departments),
                owner=random.choice(people),
                subject_type=random.choice(["works", "supplies", "services"]),
                estimated_value=Decimal(random.randint(1_000, 2_000_000)),
                suggested_procedure=random.choice(procedures),
                required_award_date=today + datetime.timedelta(days=random.randint(1, 700)),
                status=random.choice(Dossier.Status.values),
            )
            for n in range(1, DOSSIERS + 1)
        ],
        batch_size=2000,
    )
    strategies = list(CircularStrategy.objects.all())
    through = Dossier.circular_strategies.through
    through.objects.bulk_create(
        [
            through(dossier_id=d.pk, circularstrategy_id=s.pk)
            for d in dossiers
            for s in random.sample(strategies, 2)
        ],
        batch_size=5000,
    )
    from pilots.models import Pilot, Programme

    programmes = Programme.objects.bulk_create(
        [Programme(title=f"Proeftraject {n}", purpose="Circulair aankopen") for n in range(PILOTS)],
        batch_size=1000,
    )
    Pilot.objects.bulk_create(
        [Pilot(programme=programme, dossier=dossiers[n]) for n, programme in enumerate(programmes)],
        batch_size=1000,
    )
    user = get_user_model().objects.create_user("bench", password="x")
    grant_roles(user, first_municipality(), "procurement-officer")
    return user, dossiers[len(dossiers) // 2], programmes[len(programmes) // 2]


def measure(client, label, url):
    timings, queries = [], 0
    for _ in range(REPEAT):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    print(f"{label:<44} median {statistics.median(timings):7.1f} ms   {queries:3d} queries")


def main():
    from core.membership import first_municipality
    from core.scoping import municipality_scope

    with municipality_scope(first_municipality()):
        user, dossier, programme = build()
    client = Client()
    client.force_login(user)
    print(
        f"{connection.vendor}: {DOSSIERS} dossiers, {PEOPLE} people, {PILOTS} programmes "
        f"with a pilot each, {REPEAT} runs each"
    )
    measure(client, "dashboard /", "/")
    measure(client, "dossier list, first page", "/dossiers/")
    measure(client, "dossier list, page 400 sorted by value", "/dossiers/?sort=-value&page=400")
    measure(
        client, "dossier list, filtered + text search", "/dossiers/?status=planned&q=99&strategy=3"
    )
    measure(client, "dossier detail", dossier.get_absolute_url())
    measure(client, "dossier form (edit)", f"{dossier.get_absolute_url()}edit/")
    measure(client, "export CSV, all dossiers", "/dossiers/export.csv")
    measure(client, "export Excel, filtered (planned)", "/dossiers/export.xlsx?status=planned")
    measure(client, "programme list", "/programmes/")
    measure(client, "programme detail", programme.get_absolute_url())
    measure(client, "pilot list", "/pilots/")
    measure(client, "stakeholders: people", "/stakeholders/")
    measure(client, "stakeholders: people, text search", "/stakeholders/?q=Persoon%2099")
    measure(client, "stakeholders: export CSV", "/stakeholders/export.csv")
    measure(client, "search, a word in every dossier", "/search/?q=opdracht")
    measure(client, "search, two words", "/search/?q=opdracht%2012345")
    measure(client, "search, a reference", "/search/?q=2026-01234")
    measure(client, "search, a typo in a name", "/search/?q=opdrcht%2012345")
    measure(client, "search, a person", "/search/?q=persoon%2099")
    measure(client, "search, a programme's purpose", "/search/?q=circulaire")


if __name__ == "__main__":
    main()
