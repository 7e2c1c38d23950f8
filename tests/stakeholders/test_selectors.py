"""Reads of the register that carry logic: the filters, the grid and the subjects of a page."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from stakeholders import selectors
from tests.factories import DossierFactory, PersonFactory

from .factories import (
    ConsultationFactory,
    InvolvementFactory,
    OrganisationFactory,
    SupportAssessmentFactory,
)

pytestmark = pytest.mark.django_db


def test_the_register_filter_tells_internal_from_external_people():
    colleague = PersonFactory(full_name="Ann Intern")
    advisor = PersonFactory(full_name="Bert Extern", department=None)
    internal = selectors.person_filter(params={"affiliation": "internal"}).qs
    external = selectors.person_filter(params={"affiliation": "external"}).qs
    assert colleague in internal
    assert advisor not in internal
    assert advisor in external
    assert colleague not in external


def test_the_register_searches_name_job_mail_and_organisation():
    person = PersonFactory(full_name="Carla", organisation=OrganisationFactory(name="Kringwinkel"))
    PersonFactory(full_name="Dirk")
    assert list(selectors.person_filter(params={"q": " kringwinkel "}).qs) == [person]


def test_organisations_count_only_people_who_were_not_erased():
    organisation = OrganisationFactory()
    PersonFactory(organisation=organisation, department=None)
    PersonFactory(organisation=organisation, department=None, erased_at=timezone.now())
    row = selectors.organisation_filter(params={}).qs.get(pk=organisation.pk)
    assert row.people_count == 1


def test_consultations_filter_on_the_dates_they_were_held(users):
    dossier = DossierFactory()
    early = ConsultationFactory(subject=dossier, held_on=datetime.date(2026, 1, 5))
    late = ConsultationFactory(subject=dossier, held_on=datetime.date(2026, 3, 5))
    params = {"held_from": "2026-02-01", "held_until": "2026-12-31"}
    officer = users["officer"]
    assert list(selectors.consultation_filter(params=params, user=officer).qs) == [late]
    assert early in selectors.consultation_filter(params={}, user=officer).qs


def test_the_subjects_of_a_page_skip_one_that_no_longer_exists_and_keep_their_order():
    first, gone, last = DossierFactory(), DossierFactory(), DossierFactory()
    content_type = ContentType.objects.get_for_model(first)
    pairs = [(content_type.pk, last.pk), (content_type.pk, gone.pk), (content_type.pk, first.pk)]
    gone.delete()
    rows = selectors.subjects_resolve(pairs)
    assert [row["subject"].pk for row in rows] == [last.pk, first.pk]
    assert rows[1]["url"] == f"/stakeholders/subjects/{content_type.pk}/{first.pk}/"


def test_the_grid_shows_no_support_colour_to_who_may_not_see_support():
    assessment = SupportAssessmentFactory(level=5)
    involvement = assessment.involvement
    row = selectors.StakeholderRow(
        involvement=involvement, quadrant=involvement.quadrant, current=assessment
    )
    hidden = selectors.power_interest_grid([row], sensitive=False)["dots"][0]
    shown = selectors.power_interest_grid([row], sensitive=True)["dots"][0]
    assert (hidden["level"], hidden["fill"], hidden["support"]) == (
        None,
        selectors.NO_SUPPORT_FILL,
        "",
    )
    assert (shown["level"], shown["fill"]) == (5, selectors.SUPPORT_FILL[5])


def test_a_crowded_cell_of_the_grid_counts_the_rest_instead_of_drawing_them():
    dossier = DossierFactory()
    for _ in range(selectors.PER_CELL + 3):
        InvolvementFactory(subject=dossier, influence=2, interest=2)
    rows = [
        selectors.StakeholderRow(involvement=i, quadrant=i.quadrant)
        for i in selectors.involvements_of(subject=dossier, sensitive=False)
    ]
    grid = selectors.power_interest_grid(rows, sensitive=False)
    assert len(grid["dots"]) == selectors.PER_CELL
    assert [overflow["count"] for overflow in grid["overflows"]] == [3]
