"""Searchable pickers (core/pickers.py): a form page holds only the chosen options, whatever
the number of dossiers or people; options come by search, at most pickers.LIMIT; the form
validates against the same queryset."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import pickers
from core.scoping import active_municipality_id, municipality_scope
from pilots.approval.forms import ProgrammeForm
from pilots.execution.forms import MarketDialogueForm
from procurement.models import Dossier
from stakeholders.forms import ActionItemForm, ConsultationForm
from stakeholders.models import Organisation, Person
from tests.factories import DepartmentFactory, DossierFactory, MunicipalityFactory, PersonFactory
from tests.pilots.factories import make_programme
from tests.stakeholders.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _add_dossiers(count: int, start: int = 0, status=Dossier.Status.PLANNED) -> None:
    department = DepartmentFactory()
    template = DossierFactory.build(department=department)
    Dossier.objects.bulk_create(
        Dossier(
            municipality_id=active_municipality_id(),
            reference=f"2027-{n:05d}",
            title=f"Veeg opdracht {n}",
            department=department,
            subject_type=template.subject_type,
            estimated_value=template.estimated_value,
            status=status,
        )
        for n in range(start, start + count)
    )


def _programme_data(**overrides):
    data = {
        "title": "Circulair schoonmaken",
        "purpose": "Leren.",
        "context": "Waarom circulair.",
        "budget": "15000",
        "funding_channel": "Budget Gebouwen",
        "start_date": "2026-09-01",
        "risks": "",
        "agreements": "",
    }
    data.update(overrides)
    return data


def _measure(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.content), response.content.decode()


def test_the_programme_form_costs_the_same_at_100_and_2000_dossiers(client_for):
    client = client_for("officer")
    url = reverse("pilots:programme_create")
    _add_dossiers(100)
    client.get(url)  # warm the caches of the session and the content types
    small_queries, small_size, _ = _measure(client, url)
    _add_dossiers(1900, start=100)
    large_queries, large_size, page = _measure(client, url)
    assert large_queries == small_queries
    assert abs(large_size - small_size) < 100
    assert "2027-01999" not in page
    assert "2027-00000" not in page
    assert 'data-picker-url="/pick/open-dossiers/"' in page


def test_the_programme_form_validates_at_the_same_cost_at_100_and_2000_dossiers():
    _add_dossiers(100)
    chosen = Dossier.objects.get(reference="2027-00042")

    def validate():
        form = ProgrammeForm(data=_programme_data(dossiers=[chosen.pk]))
        with CaptureQueriesContext(connection) as queries:
            assert form.is_valid(), form.errors
        assert list(form.cleaned_data["dossiers"]) == [chosen]
        return len(queries)

    small = validate()
    _add_dossiers(1900, start=100)
    assert validate() == small


def test_the_edit_form_renders_only_the_chosen_dossiers(client_for, users):
    programme = make_programme(user=users["officer"])
    _add_dossiers(50)
    chosen = [pilot.dossier for pilot in programme.pilots.all()]
    page = client_for("officer").get(reverse("pilots:programme_update", args=[programme.pk]))
    html = page.content.decode()
    select = re.search(r'<select name="dossiers".*?</select>', html, re.S).group(0)
    assert select.count("<option") == len(chosen) > 0
    assert all(f'value="{d.pk}" selected' in select for d in chosen)
    assert "required" not in select.split(">")[0]


def test_only_the_pickers_queryset_is_valid():
    _add_dossiers(3)
    closed = DossierFactory(status=Dossier.Status.CLOSED)
    other = MunicipalityFactory()
    with municipality_scope(other):
        theirs = DossierFactory()
    for pk in (closed.pk, theirs.pk, "abc"):
        form = ProgrammeForm(data=_programme_data(dossiers=[pk]))
        assert not form.is_valid()
        assert "dossiers" in form.errors
        # What is not valid is not shown either: the select holds nothing of it.
        assert "<option" not in str(form["dossiers"])


def test_without_javascript_numbers_typed_in_the_add_box_are_chosen():
    first, second = DossierFactory(), DossierFactory()
    kept = DossierFactory()
    form = ProgrammeForm(
        data=_programme_data(dossiers=[kept.pk], dossiers__add=f"{first.pk}, {second.pk}")
    )
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["dossiers"]) == {first, second, kept}
    owner = PersonFactory()
    form = ActionItemForm(
        data={"description": "Bellen", "owner__add": str(owner.pk), "due_on": "2026-12-20"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["owner"] == owner
    assert 'name="owner__add"' in str(form["owner"])
    assert "<noscript>" in str(form["owner"])


def test_the_search_answers_at_most_the_limit_with_few_queries(client_for):
    client = client_for("officer")
    url = reverse("core:picker_options", kwargs={"name": "open-dossiers"})
    _add_dossiers(100)
    _add_dossiers(5, start=5000, status=Dossier.Status.CANCELLED)

    def search(q):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"q": q, "format": "json"})
        assert response.status_code == 200
        return len(queries), response.json()["results"]

    small_queries, results = search("veeg")
    assert len(results) == pickers.LIMIT
    _add_dossiers(1900, start=100)
    large_queries, results = search("veeg")
    assert large_queries == small_queries
    assert len(results) == pickers.LIMIT
    _, results = search("2027-0199")
    assert sorted(r["text"] for r in results)[0] == "2027-01990 Veeg opdracht 1990"
    assert len(results) == 10
    _, results = search("opdracht 1234")
    assert [r["text"] for r in results] == ["2027-01234 Veeg opdracht 1234"]
    # Cancelled dossiers can take no pilot, so the search does not offer them.
    _, results = search("opdracht 5001")
    assert results == []


def test_the_search_page_without_javascript_shows_numbers(client_for):
    person = PersonFactory(full_name="Annelies Vermeulen")
    erased = PersonFactory(full_name="Annelies Weg")
    Person.objects.filter(pk=erased.pk).update(erased_at="2026-01-01T00:00Z")
    url = reverse("core:picker_options", kwargs={"name": "people"})
    html = client_for("officer").get(url, {"q": "annelies"}).content.decode()
    assert f"<td>{person.pk}</td>" in html
    assert "Annelies Vermeulen" in html
    assert "Annelies Weg" not in html


@pytest.mark.parametrize("persona", ["staff", "mat", "outsider"])
def test_who_may_not_fill_the_form_may_not_search_its_choices(client_for, persona):
    DossierFactory()
    for name in ("open-dossiers", "people"):
        url = reverse("core:picker_options", kwargs={"name": name})
        assert client_for(persona).get(url, {"format": "json"}).status_code == 403


def test_an_unknown_picker_is_404_and_anonymous_goes_to_the_login(client_for):
    assert client_for("officer").get("/pick/nothing/").status_code == 404
    response = Client().get(reverse("core:picker_options", kwargs={"name": "people"}))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_the_consultation_form_renders_only_its_participants():
    people = PersonFactory.create_batch(5)
    form = ConsultationForm(initial={"participants": people[:2]})
    html = str(form["participants"])
    assert html.count("<option") == 2
    assert people[4].full_name not in html


def test_the_market_dialogue_form_offers_market_parties_by_search(client_for):
    party = OrganisationFactory(name="Kringloop Noord", kind=Organisation.Kind.MARKET_PARTY)
    OrganisationFactory(name="Kringloop Zuid", kind=Organisation.Kind.MARKET_PARTY)
    OrganisationFactory(name="Kringloop vzw", kind=Organisation.Kind.OTHER)
    form = MarketDialogueForm(initial={"organisations": [party]})
    html = str(form["organisations"])
    assert html.count("<option") == 1
    assert "Kringloop Zuid" not in html
    url = reverse("core:picker_options", kwargs={"name": "market-parties"})
    found = client_for("officer").get(url, {"q": "kringloop", "format": "json"}).json()
    assert sorted(r["text"].split(" (")[0] for r in found["results"]) == [
        "Kringloop Noord",
        "Kringloop Zuid",
    ]


@pytest.mark.parametrize("typed", ["99999999999999999999999", "-1", "١٢", "abc def", "'; --"])
def test_nonsense_in_the_add_box_is_refused_with_a_message(typed):
    form = ProgrammeForm(data=_programme_data(dossiers__add=typed))
    assert not form.is_valid()
    assert "dossiers" in form.errors
    str(form["dossiers"])  # renders without choking on it
