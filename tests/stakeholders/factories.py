import datetime

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from stakeholders.models import (
    ActionItem,
    Concern,
    Consultation,
    Involvement,
    Organisation,
    SupportAssessment,
)
from tests.factories import DossierFactory, PersonFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = Organisation.Kind.MARKET_PARTY


class SubjectLinkFactory(factory.django.DjangoModelFactory):
    class Params:
        subject = factory.SubFactory(DossierFactory)

    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.subject))
    object_id = factory.LazyAttribute(lambda o: o.subject.pk)


class InvolvementFactory(SubjectLinkFactory):
    class Meta:
        model = Involvement

    person = factory.SubFactory(PersonFactory)
    influence = 3
    interest = 3


class SupportAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportAssessment

    involvement = factory.SubFactory(InvolvementFactory)
    assessed_on = factory.LazyFunction(timezone.localdate)
    level = 3
    note = "Geheime inschatting"


class ConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concern

    involvement = factory.SubFactory(InvolvementFactory)
    category = Concern.Category.LEGAL_RISK
    description = "Geheime bezorgdheid"
    raised_on = factory.LazyFunction(timezone.localdate)


class ConsultationFactory(SubjectLinkFactory):
    class Meta:
        model = Consultation

    held_on = factory.LazyFunction(timezone.localdate)
    title = factory.Sequence(lambda n: f"Overleg {n}")
    minutes = "Verslag van het overleg."


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    consultation = factory.SubFactory(ConsultationFactory)
    description = factory.Sequence(lambda n: f"Actie {n}")
    owner = factory.SubFactory(PersonFactory, email="eigenaar@example.org")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
