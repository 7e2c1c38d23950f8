"""CSV and Excel export of a list, streamed so a 20,000-row export stays light on memory.

A column is (label, value function, kind). CSV follows the reader's language (a semicolon
separator and decimal comma for Dutch, as Belgian spreadsheet programs expect); Excel cells
carry real numbers and dates with a display format.

Every text cell passes through `neutralise`: a spreadsheet program reads a cell that starts with
`=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so a dossier titled
`=HYPERLINK(...)` would become a live link in the officer's Excel (OWASP "CSV injection"). Such a
cell gets a leading single quote. Typed numbers and dates are not text and stay numbers.
"""

import csv
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import formats
from django.utils.translation import get_language
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable
    kind: str = "text"  # text, money, number, date


EXCEL_FORMATS = {"money": "€ #,##0.00", "number": "0.##", "date": "DD/MM/YYYY"}
CHUNK = 2000
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value):
        return value


def choice_label(choices):
    """A fast `get_FOO_display` for exports: translates the labels once per language instead
    of once per row (with lazy labels that is the larger part of an export's time)."""
    translated: dict[str, dict] = {}

    def label(value):
        language = get_language()
        if language not in translated:
            translated[language] = {key: str(text) for key, text in choices}
        return translated[language].get(value, value)

    return label


def neutralise(text: str) -> str:
    """Text as a spreadsheet shows it, never as a formula it runs."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
        # A typed number: "-12,50" is a negative amount, not a formula.
        return formats.number_format(value, use_l10n=True)
    return neutralise(str(value))


def _rows(rows: Iterable) -> Iterable:
    iterator = getattr(rows, "iterator", None)
    # A prefetching queryset needs chunk_size to keep its prefetches when iterating.
    return iterator(chunk_size=CHUNK) if iterator else rows


def csv_response(*, filename: str, columns: list[Column], rows: Iterable) -> StreamingHttpResponse:
    delimiter = ";" if (get_language() or "").startswith("nl") else ","
    writer = csv.writer(_Echo(), delimiter=delimiter)

    def lines():
        yield "\ufeff"  # lets Excel recognise UTF-8
        yield writer.writerow([neutralise(str(column.label)) for column in columns])
        for row in _rows(rows):
            yield writer.writerow([_csv_cell(column.value(row)) for column in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(
    *, filename: str, sheet_title: str, columns: list[Column], rows: Iterable
) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(sheet_title)[:31])
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=neutralise(str(column.label)))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in _rows(rows):
        cells = []
        for column in columns:
            value = column.value(row)
            if isinstance(value, Decimal):
                value = float(value)
            elif value is not None and not isinstance(value, int | float | datetime.date):
                value = neutralise(str(value))
            cell = WriteOnlyCell(sheet, value=value)
            if column.kind in EXCEL_FORMATS:
                cell.number_format = EXCEL_FORMATS[column.kind]
            cells.append(cell)
        sheet.append(cells)
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    workbook.save(response)
    return response


def export_response(*, file_format: str, filename: str, sheet_title: str, columns, rows):
    if file_format == "csv":
        return csv_response(filename=filename, columns=columns, rows=rows)
    if file_format == "xlsx":
        return xlsx_response(filename=filename, sheet_title=sheet_title, columns=columns, rows=rows)
    raise Http404
