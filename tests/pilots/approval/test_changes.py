"""What changed between versions of a programme, for the decider of the next version: the
programme's fields, its pilots, their evaluation points and the budget, side by side; and
the reason changes were requested, where the programme's writer works on it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from pilots.approval import changes, selectors, services
from pilots.models import Outcome, Programme, Revision
from tests.factories import DossierFactory
from tests.pilots.evaluation_helpers import add_point
from tests.pilots.factories import edit_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def version_1(programme, users):
    first = programme.pilots.order_by("dossier__reference").first()
    add_point(first, users["officer"])
    services.programme_submit(programme_id=programme.pk, user=users["officer"])
    return Programme.objects.get(pk=programme.pk)


@pytest.fixture
def returned(version_1, decide):
    decide("director", version_1, outcome=Outcome.CHANGES_REQUESTED, motivation="Budget te krap.")
    return Programme.objects.get(pk=version_1.pk)


@pytest.fixture
def version_2(returned, users):
    """Version 2: a higher budget, another purpose, the second pilot swapped for a new
    dossier, and a second evaluation point on the first pilot."""
    pilots = list(returned.pilots.order_by("dossier__reference"))
    edit_programme(
        returned,
        user=users["officer"],
        budget=Decimal("40000.00"),
        purpose="Leren circulair aankopen, met meer begeleiding.",
        dossiers=[pilots[0].dossier, DossierFactory(title="Circulaire werkkledij")],
    )
    add_point(pilots[0], users["officer"], indicator="Hergebruikte onderdelen", unit="stuks")
    services.programme_submit(programme_id=returned.pk, user=users["officer"])
    return Programme.objects.get(pk=returned.pk)


def _by_label(rows):
    return {(row["pilot"], row["label"]): row for row in rows}


def test_the_changes_between_two_versions_cover_fields_pilots_points_and_budget(version_2):
    rows = selectors.changes_between(programme=version_2, from_version=1, to_version=2)
    kinds = {(row["key"], row["kind"]) for row in rows}
    assert ("budget", "changed") in kinds
    assert ("purpose", "changed") in kinds
    assert ("pilot", "added") in kinds
    assert ("pilot", "removed") in kinds
    assert ("points", "added") in kinds
    budget = next(row for row in rows if row["key"] == "budget")
    assert budget["pilot"] is None
    assert budget["before"] == "€\u00a025.000,00"
    assert budget["after"] == "€\u00a040.000,00"
    added = next(row for row in rows if row["kind"] == "added" and row["key"] == "pilot")
    assert "Circulaire werkkledij" in added["after"]
    assert added["before"] == "—"
    point = next(row for row in rows if row["key"] == "points")
    assert "Hergebruikte onderdelen" in point["label"]
    # What did not change is not listed.
    assert not {"title", "risks", "agreements"} & {row["key"] for row in rows}


def test_nothing_changed_gives_no_rows_and_says_so(returned, users):
    services.programme_submit(programme_id=returned.pk, user=users["officer"])
    programme = Programme.objects.get(pk=returned.pk)
    assert selectors.changes_between(programme=programme, from_version=1, to_version=2) == []
    assert selectors.changes_summary(programme=programme, from_version=1, to_version=2) == (
        "Geen wijzigingen sinds versie 1."
    )


def test_the_summary_names_what_changed_in_one_line(version_2):
    summary = selectors.changes_summary(programme=version_2, from_version=1, to_version=2)
    assert summary.startswith("Gewijzigd sinds versie 1: ")
    assert "budget" in summary
    assert "\n" not in summary


def test_the_draft_of_the_next_version_compares_with_what_it_holds_now(returned, users):
    edit_programme(returned, user=users["officer"], risks="Nieuw risico: leveringstermijn.")
    programme = Programme.objects.get(pk=returned.pk)
    changes = selectors.changes_since_previous_version(programme=programme)
    assert (changes["from"], changes["to"]) == (1, 2)
    assert [row["key"] for row in changes["rows"]] == ["risks"]


def test_a_first_version_has_nothing_to_compare_with(version_1):
    assert selectors.changes_since_previous_version(programme=version_1) is None


def test_a_revision_submitted_before_its_points_were_kept_leaves_them_out(version_2):
    Revision.objects.filter(programme=version_2, number=1).update(extra_content=None)
    rows = selectors.changes_between(programme=version_2, from_version=1, to_version=2)
    assert "points" not in {row["key"] for row in rows}


def test_the_decider_of_version_2_sees_the_changes_side_by_side(client_for, version_2):
    response = client_for("director").get(reverse("pilots:programme_decide", args=[version_2.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Wat veranderde sinds versie 1" in content
    assert "€\u00a025.000,00" in content
    assert "€\u00a040.000,00" in content
    assert "Circulaire werkkledij" in content
    assert "Hergebruikte onderdelen" in content


def test_the_decider_of_a_first_version_sees_no_comparison(client_for, version_1):
    response = client_for("director").get(reverse("pilots:programme_decide", args=[version_1.pk]))
    assert "Wat veranderde sinds versie" not in response.content.decode()


def test_the_programme_page_shows_the_changes_of_the_current_version(client_for, version_2):
    response = client_for("officer").get(version_2.get_absolute_url())
    content = response.content.decode()
    assert "Wat veranderde sinds versie 1" in content
    assert "€\u00a040.000,00" in content


def test_the_edit_form_shows_why_changes_were_requested(client_for, returned):
    response = client_for("officer").get(reverse("pilots:programme_update", args=[returned.pk]))
    content = response.content.decode()
    assert "Wijzigingen gevraagd" in content
    assert "Budget te krap." in content


def test_the_programme_page_shows_why_changes_were_requested(client_for, returned):
    content = client_for("officer").get(returned.get_absolute_url()).content.decode()
    assert content.count("Budget te krap.") >= 2  # the alert on top, and the history


def test_the_reason_is_gone_once_the_next_version_is_submitted(version_2):
    assert selectors.changes_requested_decision(programme=version_2) is None


def test_the_reason_is_the_decision_that_sent_the_programme_back(returned):
    decision = selectors.changes_requested_decision(programme=returned)
    assert decision.motivation == "Budget te krap."


def _content(**pilot):
    return {
        "title": "T",
        "purpose": "P",
        "pilots": [{"dossier": "2026-0001", "dossier_title": "Werkkledij", "phases": [], **pilot}],
    }


def test_changed_phases_read_with_their_names_and_dates():
    phase = {"phase": "market", "planned_start": "2026-09-01", "planned_end": "2026-09-30"}
    later = {**phase, "planned_end": "2026-10-31"}
    rows = changes.content_changes(
        before=_content(phases=[phase]),
        after=_content(phases=[later]),
        before_extra=None,
        after_extra=None,
        phase_names={"market": "Marktverkenning"},
    )
    assert [(row["key"], row["before"], row["after"]) for row in rows] == [
        (
            "phases",
            "Marktverkenning: 01/09/2026 – 30/09/2026",
            "Marktverkenning: 01/09/2026 – 31/10/2026",
        )
    ]
    assert rows[0]["pilot"] == "2026-0001 · Werkkledij"


def test_a_field_only_later_revisions_carry_is_not_reported_as_emptied():
    old = _content()
    del old["pilots"][0]["dossier_title"]
    rows = changes.content_changes(
        before=old, after=_content(), before_extra=None, after_extra=None
    )
    assert rows == []


def test_the_summary_names_the_first_few_and_counts_the_rest():
    rows = changes.content_changes(
        before={"title": "a", "purpose": "a", "context": "a", "risks": "a", "agreements": "a"},
        after={"title": "b", "purpose": "b", "context": "b", "risks": "b", "agreements": "b"},
        before_extra=None,
        after_extra=None,
    )
    summary = changes.summary_of(rows, from_version=1)
    assert (
        summary
        == "Gewijzigd sinds versie 1: titel, doel, waarom circulair, en de bredere context, risico's en nog 1."
    )
