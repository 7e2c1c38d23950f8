"""The export helper never hands a spreadsheet program a formula (OWASP CSV injection), and a
typed number stays a number."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.exports import Column, csv_response, neutralise, xlsx_response
from tests.factories import DossierFactory

PAYLOAD = '=HYPERLINK("http://x","y")'


def _csv_rows(response, delimiter=";"):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content), delimiter=delimiter))


@pytest.mark.parametrize("text", ["=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_a_text_that_a_spreadsheet_would_run_gets_a_leading_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["LED-verlichting", "", "1 = 1", "'al geciteerd"])
def test_ordinary_text_is_left_alone(text):
    assert neutralise(text) == text


@pytest.mark.django_db
def test_a_formula_title_is_plain_text_in_the_csv_export(client_for):
    DossierFactory(title=PAYLOAD)
    response = client_for("staff").get(reverse("procurement:dossier_export", args=["csv"]))
    rows = _csv_rows(response)
    title = rows[0].index("Titel")
    assert rows[1][title] == "'" + PAYLOAD


@pytest.mark.django_db
def test_a_formula_title_is_a_string_cell_in_the_excel_export(client_for):
    DossierFactory(title=PAYLOAD)
    response = client_for("staff").get(reverse("procurement:dossier_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet[2][header.index("Titel")]
    assert cell.data_type == "s"
    assert cell.value == "'" + PAYLOAD


COLUMNS = [
    Column("Label", lambda row: row[0]),
    Column("Amount", lambda row: row[1], "money"),
    Column("Count", lambda row: row[2], "number"),
]
ROWS = [("-minus", Decimal("-12.50"), -3)]


def test_a_negative_number_stays_a_number_in_excel():
    response = xlsx_response(filename="x", sheet_title="x", columns=COLUMNS, rows=ROWS)
    sheet = load_workbook(io.BytesIO(response.content)).active
    label, amount, count = sheet[2]
    assert (label.value, label.data_type) == ("'-minus", "s")
    assert (amount.value, amount.data_type) == (-12.5, "n")
    assert (count.value, count.data_type) == (-3, "n")


def test_a_negative_number_stays_a_number_in_csv():
    from django.utils import translation

    with translation.override("nl"):
        response = csv_response(filename="x", columns=COLUMNS, rows=ROWS)
        rows = _csv_rows(response)
    assert rows[1] == ["'-minus", "-12,50", "-3"]
