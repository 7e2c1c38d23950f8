"""Evaluated pilots of several municipalities of one region, built through the services."""

from decimal import Decimal

from django.utils import timezone

from core.roles import Role
from pilots.evaluation import services as evaluation_services
from tests.factories import DossierFactory, UserFactory
from tests.pilots.evaluation_helpers import add_point, approve
from tests.pilots.factories import make_programme

PERSONA_ROLES = {
    "officer": Role.PROCUREMENT_OFFICER,
    "head": Role.HEAD_OF_PROCUREMENT,
    "director": Role.FINANCIAL_DIRECTOR,
    "cell": Role.STRATEGIC_CELL,
    "mat": Role.MAT_MEMBER,
    "staff": Role.DEPARTMENT_STAFF,
}


def personas_of(municipality, prefix: str) -> dict:
    """One user per role, working for `municipality` only."""
    return {
        name: UserFactory(
            username=f"{prefix}-{name}", roles=[role], roles__municipality=municipality
        )
        for name, role in PERSONA_ROLES.items()
    }


EVALUATION = {
    "summary": "De pilot leverde gerecycleerde werkkledij op.",
    "conclusion": "scale_up",
    "motivation": "Alle doelen gehaald.",
    "lessons": "Start de marktdialoog vroeg.",
    "success_factors": "Een gemotiveerde dienst.",
    "pitfalls": "Te weinig aanbieders.",
}


def evaluated_pilot(users, *, title="Werkkledij", value="50000.00", evaluation=None, **dossier):
    """An approved programme with one evaluated pilot on a new dossier of the active
    municipality; its one point measured at the target."""
    dossier = DossierFactory(
        title=title,
        estimated_value=Decimal(value),
        cpv_code=dossier.pop("cpv_code", "18100000-0"),
        **dossier,
    )
    programme = make_programme(user=users["officer"], dossiers=[dossier], title=f"Traject {title}")
    pilot = programme.pilots.get()
    point = add_point(pilot, users["officer"])
    approve(programme, users)
    evaluation_services.measurement_add(
        point_id=point.pk,
        user=users["officer"],
        measured_on=timezone.localdate(),
        value=Decimal("30"),
        source="Leverancier",
    )
    evaluation_services.pilot_evaluation_save(
        pilot_id=pilot.pk, user=users["officer"], **{**EVALUATION, **(evaluation or {})}
    )
    return pilot


def make_case(*, region, municipality, **fields):
    """A case saved directly (bypassing the publication): for reads, filters and figures."""
    from region.models import PilotCase

    values = {
        "title": "Werkkledij",
        "subject_type": "supplies",
        "estimated_value": Decimal("50000.00"),
        "conclusion": "scale_up",
        "source_pilot_id": PilotCase.objects.count() + 1000,
        **fields,
    }
    return PilotCase.objects.create(region=region, municipality=municipality, **values)
