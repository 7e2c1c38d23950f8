"""The region of the demo: the city of the story and two neighbouring municipalities, with
the accounts of the region. Runs first (core is the first app); the other apps seed the
city, and the region app seeds the neighbours' own dossiers and pilot cases."""

from django.contrib.auth import get_user_model

from .membership import first_municipality, grant_roles
from .models import Municipality, Region
from .roles import Role

REGION_NAME = "Regio Voorbeeld"
# (NIS code, name, reference prefix, address)
NEIGHBOURS = [
    ("99001", "Gemeente Oostdorp", "OOS", "Marktplein 1, 9990 Oostdorp"),
    ("99002", "Gemeente Westveld", "WES", "Dorpsstraat 10, 9991 Westveld"),
]
CITY_ADDRESS = "Grote Markt 1, 9900 Voorbeeld"


def neighbours() -> list[Municipality]:
    return list(Municipality.objects.filter(nis_code__in=[code for code, *_ in NEIGHBOURS]))


def _account(username: str, full_name: str, domain: str):
    first, _, last = full_name.partition(" ")
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@{domain}"},
    )
    if created:
        user.set_password("demo")
        user.save(update_fields=["password"])
    return user


def seed(*, stdout):
    region, _ = Region.objects.get_or_create(name=REGION_NAME)
    city = first_municipality()
    city.region = region
    city.address = city.address or CITY_ADDRESS
    city.save(update_fields=["region", "address"])
    for nis_code, name, prefix, address in NEIGHBOURS:
        Municipality.objects.update_or_create(
            nis_code=nis_code,
            defaults={
                "name": name,
                "reference_prefix": prefix,
                "address": address,
                "region": region,
            },
        )
    oostdorp = Municipality.objects.get(nis_code=NEIGHBOURS[0][0])
    neighbour = _account("inkoper-buur", "Pieter Claes", "oostdorp.be")
    grant_roles(neighbour, oostdorp, Role.PROCUREMENT_OFFICER)
    coordinator = _account("regio", "Hanne Wouters", "regio-voorbeeld.be")
    region.coordinators.add(coordinator)
    stdout.write(f"Region {region}: {city} and {len(NEIGHBOURS)} neighbours.")
