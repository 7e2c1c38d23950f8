import datetime

import pytest
from django.utils import timezone

from procurement.selection import services as selection_services
from tests.factories import DossierFactory, PersonFactory
from tests.pilots.factories import make_programme
from tests.stakeholders.factories import ConsultationFactory, OrganisationFactory


@pytest.fixture
def world(users, department):
    """One of each kind with the word "zonnepanelen" in its title or name, and a second row
    of each kind without it."""
    today = timezone.localdate()
    dossier = DossierFactory(
        reference="2026-0417",
        title="Zonnepanelen op het stadhuis",
        description="Leveren en plaatsen van panelen.",
        department=department,
    )
    DossierFactory(title="Schoonmaak sporthal", department=department)
    selection_round = selection_services.round_open(
        user=users["officer"],
        title="Inventaris zonnepanelen 2027",
        question="Welke daken komen in aanmerking?",
        deadline=today + datetime.timedelta(days=14),
        departments=[department],
    )
    programme = make_programme(
        user=users["officer"],
        title="Proeftraject zonnepanelen",
        dossiers=[dossier, DossierFactory(title="Drukwerk", department=department)],
    )
    organisation = OrganisationFactory(name="Zonnepanelen Vlaanderen", description="Installateur")
    person = PersonFactory(
        full_name="Zoë Zonnepanelen",
        job_title="Adviseur",
        department=None,
        organisation=organisation,
    )
    consultation = ConsultationFactory(
        subject=dossier, title="Overleg over de zonnepanelen", minutes="Afspraken gemaakt."
    )
    return {
        "dossier": dossier,
        "round": selection_round,
        "programme": programme,
        "pilot": programme.pilots.get(dossier=dossier),
        "organisation": organisation,
        "person": person,
        "consultation": consultation,
    }
