import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from procurement.models import Dossier
from stakeholders.models import Department, Person

ACCOUNTS = [
    "inkoper",
    "hoofd-aankopen",
    "financieel-directeur",
    "strategische-cel",
    "mat",
    "gebouwen",
    "admin",
]


@pytest.mark.django_db
def test_the_demo_is_idempotent_and_has_every_account():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Department.objects.count(), Person.objects.count(), Dossier.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Department.objects.count(), Person.objects.count(), Dossier.objects.count()) == counts
    assert counts[2] >= 25
    users = get_user_model().objects.filter(username__in=ACCOUNTS)
    assert users.count() == len(ACCOUNTS)
    assert all(user.check_password("demo") for user in users)
