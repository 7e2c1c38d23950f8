import pytest
from django.contrib.contenttypes.models import ContentType

from tests.factories import DossierFactory

from .factories import (
    ActionItemFactory,
    ConcernFactory,
    ConsultationFactory,
    InvolvementFactory,
    SupportAssessmentFactory,
)


@pytest.fixture
def dossier(db):
    return DossierFactory(title="Werkkledij")


@pytest.fixture
def subject_path(dossier):
    content_type = ContentType.objects.get_for_model(dossier)
    return f"/stakeholders/subjects/{content_type.pk}/{dossier.pk}/"


@pytest.fixture
def story(dossier):
    """One subject with a stakeholder, a sensitive assessment, a concern and a meeting."""
    involvement = InvolvementFactory(
        subject=dossier, person__full_name="Katrien Wouters", influence=5, interest=4
    )
    involvement.person.notes = "Persoonlijke notitie"
    involvement.person.save()
    assessment = SupportAssessmentFactory(
        involvement=involvement, level=5, note="Geheime inschatting"
    )
    concern = ConcernFactory(involvement=involvement, description="Geheime bezorgdheid")
    consultation = ConsultationFactory(subject=dossier, title="Overleg met de directeur")
    consultation.participants.add(involvement.person)
    item = ActionItemFactory(consultation=consultation, description="Briefing opstellen")
    return {
        "involvement": involvement,
        "person": involvement.person,
        "assessment": assessment,
        "concern": concern,
        "consultation": consultation,
        "item": item,
    }
