import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from procurement.models import CircularStrategy, Dossier
from tests.factories import DossierFactory, PersonFactory

LIST = reverse("procurement:dossier_list")
CREATE = reverse("procurement:dossier_create")


def valid_form(department, **overrides):
    data = {
        "title": "LED-verlichting sporthal",
        "department": department.pk,
        "subject_type": "supplies",
        "estimated_value": "36000.00",
        "cpv_code": "31500000-1",
        "planned_publication_date": "2027-02-01",
        "required_award_date": "2027-04-01",
        "visibility": "high",
        "willingness": "yes",
        "status": "planned",
        "circular_strategies": [CircularStrategy.objects.get(code="R2").pk],
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_registering_a_dossier_through_the_form(client_for, department):
    response = client_for("staff").post(CREATE, valid_form(department))
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == dossier.get_absolute_url()
    assert dossier.suggested_procedure.code == "onderhandelingsprocedure-zonder-bekendmaking"
    assert [s.code for s in dossier.circular_strategies.all()] == ["R2"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("estimated_value", "-1", "minstens 0"),
        ("required_award_date", "2027-01-15", "gunning kan niet vóór de publicatie"),
        ("cpv_code", "3913-2", "CPV-code"),
        ("title", "x" * 201, "niet meer dan 200 tekens"),
        ("description", "x" * 5001, "niet meer dan 5000 tekens"),
        ("estimated_value", "veel", "Voer een getal in"),
        ("planned_publication_date", "31/02/2027", "Voer een geldige datum in"),
    ],
)
def test_bad_input_gives_a_dutch_message_and_saves_nothing(
    client_for, department, field, value, message
):
    response = client_for("officer").post(CREATE, valid_form(department, **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Het dossier werd niet opgeslagen" in response.content.decode()
    assert not Dossier.objects.exists()


@pytest.mark.django_db
def test_a_failed_form_keeps_what_the_user_typed(client_for, department):
    data = valid_form(department, cpv_code="fout", description="Zorgvuldig geschreven tekst")
    response = client_for("officer").post(CREATE, data)
    assert "Zorgvuldig geschreven tekst" in response.content.decode()


@pytest.mark.django_db
def test_editing_shows_up_in_the_change_history(client_for, users, department):
    client = client_for("officer")
    client.post(CREATE, valid_form(department))
    dossier = Dossier.objects.get()
    url = reverse("procurement:dossier_update", args=[dossier.reference])
    client.post(url, valid_form(department, estimated_value="40000.00", title="Nieuwe titel"))
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "Nieuwe titel" in page
    assert "€\xa036.000,00 → €\xa040.000,00" in page
    assert users["officer"].get_full_name() in page


@pytest.mark.django_db
def test_the_list_filters_by_department_status_value_strategy_and_text(
    client_for, department, other_department
):
    r3 = CircularStrategy.objects.get(code="R3")
    match = DossierFactory(
        department=department, status="planned", estimated_value=Decimal("80000"), title="Meubilair"
    )
    match.circular_strategies.add(r3)
    DossierFactory(department=other_department, title="Meubilair elders")
    DossierFactory(department=department, status="closed", title="Meubilair oud")
    DossierFactory(department=department, estimated_value=Decimal("500"), title="Meubilair klein")
    query = {
        "department": department.pk,
        "status": "planned",
        "value_min": "1000",
        "value_max": "100000",
        "strategy": r3.pk,
        "q": "meubi",
    }
    response = client_for("staff").get(LIST, query)
    assert [d.pk for d in response.context["page"].object_list] == [match.pk]


@pytest.mark.django_db
def test_the_list_filters_on_the_chosen_procedure_before_the_suggested_one(client_for):
    from procurement.models import ProcedureType

    open_procedure = ProcedureType.objects.get(code="openbare-procedure")
    low = ProcedureType.objects.get(code="beperkte-waarde")
    chosen = DossierFactory(procedure=open_procedure, suggested_procedure=low)
    suggested = DossierFactory(suggested_procedure=open_procedure)
    DossierFactory(suggested_procedure=low)
    response = client_for("staff").get(LIST, {"procedure": open_procedure.pk})
    assert {d.pk for d in response.context["page"].object_list} == {chosen.pk, suggested.pk}


@pytest.mark.django_db
def test_the_list_sorts_by_value_both_ways(client_for):
    small = DossierFactory(estimated_value=Decimal("10"))
    large = DossierFactory(estimated_value=Decimal("1000"))
    client = client_for("staff")
    ascending = client.get(LIST, {"sort": "value"}).context["page"].object_list
    descending = client.get(LIST, {"sort": "-value"}).context["page"].object_list
    assert [d.pk for d in ascending] == [small.pk, large.pk]
    assert [d.pk for d in descending] == [large.pk, small.pk]


@pytest.mark.django_db
def test_an_invalid_filter_value_does_not_break_the_list(client_for):
    DossierFactory()
    response = client_for("staff").get(LIST, {"value_min": "abc", "department": "999999"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_list_paginates_and_survives_a_bad_page_number(client_for):
    DossierFactory.create_batch(30)
    client = client_for("staff")
    assert len(client.get(LIST).context["page"].object_list) == 25
    assert len(client.get(LIST, {"page": "2"}).context["page"].object_list) == 5
    assert client.get(LIST, {"page": "zeven"}).status_code == 200


@pytest.mark.django_db
def test_htmx_requests_get_only_the_results(client_for):
    DossierFactory(title="Zichtbaar")
    response = client_for("staff").get(
        LIST, headers={"HX-Request": "true", "HX-Target": "dossier-results"}
    )
    body = response.content.decode()
    assert "Zichtbaar" in body
    assert "<html" not in body


@pytest.mark.django_db
def test_the_csv_export_holds_the_filtered_list_in_belgian_format(client_for, department):
    DossierFactory(department=department, title="Mee", estimated_value=Decimal("12345.5"))
    DossierFactory(title="Niet mee")
    url = reverse("procurement:dossier_export", args=["csv"])
    response = client_for("staff").get(url, {"department": department.pk})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][:2] == ["Referentie", "Titel"]
    assert len(rows) == 2
    assert rows[1][1] == "Mee"
    assert "12345,50" in rows[1]


@pytest.mark.django_db
def test_the_excel_export_holds_numbers_and_dates(client_for):
    DossierFactory(
        title="Excel",
        estimated_value=Decimal("99.95"),
        required_award_date=datetime.date(2027, 5, 1),
    )
    response = client_for("staff").get(reverse("procurement:dossier_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    row = {header[i]: cell.value for i, cell in enumerate(sheet[2])}
    assert row["Titel"] == "Excel"
    assert row["Geraamde waarde excl. btw"] == 99.95
    assert row["Vereiste gunningsdatum"].date() == datetime.date(2027, 5, 1)


@pytest.mark.django_db
def test_an_unknown_export_format_is_not_found(client_for):
    response = client_for("staff").get(reverse("procurement:dossier_export", args=["pdf"]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_procedure_suggestion_follows_what_is_typed(client_for):
    url = reverse("procurement:procedure_suggestion")
    client = client_for("staff")
    body = client.get(url, {"subject_type": "works", "estimated_value": "500000"}).content.decode()
    assert "Vereenvoudigde onderhandelingsprocedure" in body
    assert "Vul het onderwerp" in client.get(url, {"estimated_value": "x"}).content.decode()


@pytest.mark.django_db
def test_an_unknown_dossier_is_not_found(client_for):
    assert client_for("staff").get("/dossiers/2099-9999/").status_code == 404


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_10_or_200_dossiers(
    client_for, django_assert_max_num_queries
):
    client = client_for("staff")
    strategies = list(CircularStrategy.objects.all()[:3])
    owner = PersonFactory()
    for batch in (10, 190):
        for dossier in DossierFactory.create_batch(batch, owner=owner):
            dossier.circular_strategies.add(*strategies)
        with django_assert_max_num_queries(13):
            assert client.get(LIST).status_code == 200


@pytest.mark.django_db
def test_the_detail_costs_the_same_queries_with_a_long_history(
    client_for, department, django_assert_max_num_queries
):
    client = client_for("officer")
    client.post(CREATE, valid_form(department))
    dossier = Dossier.objects.get()
    url = reverse("procurement:dossier_update", args=[dossier.reference])
    for n in range(30):
        client.post(url, valid_form(department, title=f"Versie {n}", estimated_value=f"{1000 + n}"))
    with django_assert_max_num_queries(16):
        assert client.get(dossier.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_the_owner_is_chosen_among_the_people_of_the_department(
    client_for, department, other_department
):
    colleague = PersonFactory(department=department, full_name="Collega Binnen")
    stranger = PersonFactory(department=other_department, full_name="Iemand Anders")
    client = client_for("officer")
    options = client.get(
        reverse("procurement:owner_options"), {"department": department.pk}
    ).content.decode()
    assert "Collega Binnen" in options
    assert "Iemand Anders" not in options
    assert client.get(reverse("procurement:owner_options"), {"department": "x"}).status_code == 200
    response = client.post(CREATE, valid_form(department, owner=stranger.pk))
    assert response.status_code == 200
    assert not Dossier.objects.exists()
    client.post(CREATE, valid_form(department, owner=colleague.pk))
    assert Dossier.objects.get().owner == colleague


@pytest.mark.django_db
def test_the_form_costs_the_same_queries_for_a_department_of_5_or_100_people(
    client_for, department, django_assert_max_num_queries
):
    dossier = DossierFactory(department=department)
    url = reverse("procurement:dossier_update", args=[dossier.reference])
    client = client_for("officer")
    for batch in (5, 95):
        PersonFactory.create_batch(batch, department=department)
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_amounts_typed_the_belgian_way_are_read_in_full(client_for, department):
    client = client_for("officer")
    suggestion = client.get(
        reverse("procurement:procedure_suggestion"),
        {"subject_type": "supplies", "estimated_value": "250.000"},
    ).content.decode()
    assert "Openbare procedure" in suggestion
    client.post(CREATE, valid_form(department, estimated_value="250.000,00"))
    assert Dossier.objects.get().estimated_value == Decimal("250000.00")
    DossierFactory(department=department, estimated_value=Decimal("400000"))
    listed = client.get(LIST, {"value_min": "300.000", "value_max": "500.000"})
    assert [d.estimated_value for d in listed.context["page"].object_list] == [Decimal("400000")]


@pytest.mark.django_db
def test_the_edit_form_shows_the_amount_in_dutch(client_for, department):
    dossier = DossierFactory(department=department, estimated_value=Decimal("72000"))
    page = client_for("officer").get(
        reverse("procurement:dossier_update", args=[dossier.reference])
    )
    assert 'value="72.000,00"' in page.content.decode()
