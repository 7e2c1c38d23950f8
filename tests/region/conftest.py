import pytest

from core.models import Region
from core.scoping import municipality_scope
from tests.factories import MunicipalityFactory

from .helpers import evaluated_pilot, personas_of


@pytest.fixture
def region(municipality):
    """The first municipality in a region; the test then works in its scope (with the
    region), as a request of one of its users would."""
    region = Region.objects.create(name="Regio Test")
    municipality.region = region
    municipality.save(update_fields=["region"])
    with municipality_scope(municipality):
        yield region


@pytest.fixture
def neighbour(region):
    return MunicipalityFactory(name="Gemeente Buur", nis_code="99101", region=region)


@pytest.fixture
def neighbour_users(neighbour):
    return personas_of(neighbour, "buur")


@pytest.fixture
def pilot(region, users):
    return evaluated_pilot(users)


@pytest.fixture
def publish(users):
    from region import services

    def do(pilot, user=None, **options):
        return services.case_publish(pilot_id=pilot.pk, user=user or users["officer"], **options)

    return do


@pytest.fixture
def in_scope():
    return municipality_scope


@pytest.fixture
def english():
    from django.utils import translation

    with translation.override("en"):
        yield
