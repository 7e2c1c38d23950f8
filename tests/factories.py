"""factory_boy factories shared by the whole suite. Apps add theirs below as they grow."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from core.membership import first_municipality
from core.models import Membership, Municipality
from procurement.models import Dossier
from stakeholders.models import Department, Person


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["nis_code"]

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    nis_code = factory.Sequence(lambda n: f"{n + 10000:05d}")


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
        """Every user works for a municipality (`roles__municipality`, default the first),
        in the roles given as roles=[...]; `roles__member=False` makes one who works for none."""
        if create and kwargs.get("member", True):
            membership, _created = Membership.objects.get_or_create(
                user=self, municipality=kwargs.get("municipality") or first_municipality()
            )
            membership.roles.add(*Group.objects.filter(name__in=extracted or []))
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
