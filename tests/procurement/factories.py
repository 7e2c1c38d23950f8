"""Factories for selection rounds, built directly (bypassing the services) for reads."""

import datetime

import factory
from django.utils import timezone

from procurement.models import Candidate, HandScore, RoundDepartment, SelectionRound
from procurement.selection.services import criteria_copy_defaults
from tests.factories import DossierFactory


class SelectionRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelectionRound
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Inventaris {n}")
    question = "Welke opdrachten plant u?"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))

    @factory.post_generation
    def default_criteria(self, create, extracted, **kwargs):
        if create and extracted is not False:
            criteria_copy_defaults(selection_round=self)


class RoundDepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoundDepartment

    round = factory.SubFactory(SelectionRoundFactory)


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    round = factory.SubFactory(SelectionRoundFactory)
    dossier = factory.SubFactory(DossierFactory)
    willingness = "yes"


class HandScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HandScore

    score = 3
