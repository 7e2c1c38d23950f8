"""One object of each kind that takes attachments, and attaching through the service."""

import datetime

import pytest
from django.utils import timezone

from attachments import services
from pilots.execution import services as execution_services
from stakeholders import services as stakeholder_services
from tests.factories import DossierFactory
from tests.pilots.factories import make_programme
from tests.stakeholders.factories import OrganisationFactory

from .samples import pdf, upload


@pytest.fixture
def targets(users, department):
    """One object of each kind that takes attachments, in the first municipality."""
    officer = users["officer"]
    dossier = DossierFactory(department=department)
    programme = make_programme(user=officer, dossiers=[dossier])
    pilot = programme.pilots.get()
    dialogue = execution_services.market_dialogue_save(
        pilot_id=pilot.pk,
        user=officer,
        held_on=timezone.localdate() - datetime.timedelta(days=3),
        form="information_session",
        learned="Leveranciers kunnen terugnemen.",
        organisations=[OrganisationFactory()],
    )
    consultation = stakeholder_services.consultation_save(
        user=officer,
        held_on=timezone.localdate(),
        title="Overleg met de dienst",
        subject=programme,
    )
    return {
        "dossier": (dossier, dossier.get_absolute_url()),
        "programme": (programme, programme.get_absolute_url()),
        "pilot": (pilot, pilot.get_absolute_url()),
        "market-dialogue": (dialogue, pilot.get_absolute_url()),
        "consultation": (consultation, consultation.get_absolute_url()),
    }


def attach(target, user, name="verslag.pdf", data=None, **kwargs):
    return services.attachment_add(
        target=target,
        upload=upload(name, data if data is not None else pdf()),
        in_annexes=kwargs.get("in_annexes", False),
        user=user,
    )
