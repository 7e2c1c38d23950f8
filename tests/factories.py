"""factory_boy factories shared by the whole suite. Apps add theirs below as they grow."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from procurement.models import Dossier
from stakeholders.models import Department, Person


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "secret-password")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
        if create:
            self.save()


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Dienst {n}")
    code = factory.Sequence(lambda n: f"d{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Faker("name", locale="nl_BE")
    department = factory.SubFactory(DepartmentFactory)
    job_title = "Medewerker"


class DossierFactory(factory.django.DjangoModelFactory):
    """A dossier saved directly (bypassing the service): for reads and permissions."""

    class Meta:
        model = Dossier

    reference = factory.Sequence(lambda n: f"2026-{n + 1:04d}")
    title = factory.Sequence(lambda n: f"Opdracht {n}")
    department = factory.SubFactory(DepartmentFactory)
    subject_type = "supplies"
    estimated_value = Decimal("50000.00")
    planned_publication_date = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )
    required_award_date = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=90)
    )
