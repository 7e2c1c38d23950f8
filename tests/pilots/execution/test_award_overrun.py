"""An award planned (or made) after the dossier's required award date is flagged: one rule,
one selector, the same wording on the pilot page, the programme page, the phases form and in
both documents."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from pilots.approval.models import Programme
from pilots.approval.selectors import pilots_prefetch
from pilots.documents.context import document_context
from pilots.documents.render import render_html
from pilots.execution import rules, selectors
from procurement.models import Dossier

DAY = datetime.date(2027, 3, 1)
FLAG_NL = "gepland 12 dagen na de vereiste gunningsdatum"


def _phase(code, planned_end, actual_end=None):
    start = planned_end - datetime.timedelta(days=20)
    return rules.PhaseDates(code, start, planned_end, start if actual_end else None, actual_end)


def test_a_planned_award_after_the_required_date_is_flagged_with_the_days():
    phases = [_phase("publication", DAY), _phase("award", DAY + datetime.timedelta(days=40))]
    overrun = rules.award_overrun(phases, required=DAY + datetime.timedelta(days=28))
    assert (overrun.planned_days, overrun.actual_days) == (12, 0)
    with translation.override("en"):
        assert overrun.text == "planned 12 days after the required award date"
    with translation.override("nl"):
        assert overrun.text == FLAG_NL


def test_an_actual_award_after_the_required_date_is_flagged_even_when_planned_on_time():
    award = _phase("award", DAY, actual_end=DAY + datetime.timedelta(days=11))
    overrun = rules.award_overrun([award], required=DAY + datetime.timedelta(days=1))
    assert (overrun.planned_days, overrun.actual_days) == (0, 10)
    with translation.override("nl"):
        assert overrun.text == "gegund 10 dagen na de vereiste gunningsdatum"


@pytest.mark.parametrize(
    ("phases", "required"),
    [
        ([_phase("award", DAY)], DAY),  # on the day itself
        ([_phase("award", DAY)], None),  # no required date
        ([_phase("publication", DAY + datetime.timedelta(days=99))], DAY),  # no award phase
        ([_phase("award", DAY, actual_end=DAY - datetime.timedelta(days=3))], DAY),
    ],
)
def test_an_award_on_time_or_without_dates_is_not_flagged(phases, required):
    assert rules.award_overrun(phases, required=required) is None


@pytest.fixture
def programme(programme):
    """The draft with two pilots whose dossiers require the award well after it is planned."""
    Dossier.objects.filter(pilots__programme=programme).update(
        required_award_date=timezone.localdate() + datetime.timedelta(days=3000)
    )
    return programme


def _late_by_12(pilot):
    """Sets the pilot's dossier's required award date 12 days before its planned award."""
    award = pilot.phases.get(phase_type__code=rules.AWARD_PHASE)
    required = award.planned_end - datetime.timedelta(days=12)
    Dossier.objects.filter(pk=pilot.dossier_id).update(
        required_award_date=required,
        planned_publication_date=min(award.planned_start, required),
    )
    return award


@pytest.mark.django_db
def test_the_selector_reads_prefetched_pilots_without_a_query_per_pilot(programme):
    late = programme.pilots.order_by("pk").first()
    _late_by_12(late)
    pilots = list(
        Programme.objects.prefetch_related(pilots_prefetch()).get(pk=programme.pk).pilots.all()
    )
    assert len(pilots) == 2
    with CaptureQueriesContext(connection) as queries:
        overruns = selectors.award_date_overruns(pilots)
    assert len(queries) == 0
    assert set(overruns) == {late.pk}
    assert overruns[late.pk].planned_days == 12


@pytest.mark.django_db
def test_the_pilot_page_and_the_programme_page_flag_the_late_award(client_for, programme):
    pilot = programme.pilots.first()
    _late_by_12(pilot)
    client = client_for("officer")
    for url in (reverse("pilots:pilot_detail", args=[pilot.pk]), programme.get_absolute_url()):
        page = client.get(url).content.decode()
        assert page.count(FLAG_NL) == 1, url


@pytest.mark.django_db
def test_a_pilot_on_time_shows_no_flag(client_for, programme):
    page = client_for("officer").get(programme.get_absolute_url()).content.decode()
    assert "vereiste gunningsdatum" not in page


@pytest.mark.django_db
def test_the_phases_form_warns_but_saves_an_award_after_the_required_date(client_for, world):
    pilot = world["pilot"]
    award = pilot.phases.get(phase_type__code=rules.AWARD_PHASE)
    required = award.planned_end
    Dossier.objects.filter(pk=pilot.dossier_id).update(
        required_award_date=required, planned_publication_date=award.planned_start
    )
    # The world's programme was approved today: its phases are planned from today on, so the
    # award is recorded in the past by moving the required date back with it.
    url = reverse("pilots:phases_record", args=[pilot.pk])
    client = client_for("officer")
    assert "vereiste gunningsdatum" not in client.get(url).content.decode()
    ended = timezone.localdate() - datetime.timedelta(days=1)
    started = ended - datetime.timedelta(days=5)
    Dossier.objects.filter(pk=pilot.dossier_id).update(
        required_award_date=ended - datetime.timedelta(days=3),
        planned_publication_date=ended - datetime.timedelta(days=30),
    )
    data = {f"phase_{award.pk}_start": started.isoformat(), f"phase_{award.pk}_end": ended}
    response = client.post(url, data, follow=True)
    award.refresh_from_db()
    assert award.actual_end == ended
    page = response.content.decode()
    assert "gegund 3 dagen na de vereiste gunningsdatum" in page
    assert "alert-warning" in page
    assert "gegund 3 dagen na de vereiste gunningsdatum" in client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "times"),
    # The briefing flags it in its summary and in the pilot's sheet; the report in the sheet.
    [("briefing", 2), ("evaluation", 1)],
)
def test_both_documents_flag_the_late_award_in_the_pilots_facts(programme, kind, times):
    _late_by_12(programme.pilots.first())
    context = document_context(programme_id=programme.pk, kind=kind, language="nl-be")
    html = render_html(context, language="nl-be")
    assert html.count(FLAG_NL) == times
