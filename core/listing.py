"""The list pages: filtered, paginated, exported, and answering an htmx request with only
their results.

A list with an export is one `FilteredList`, declared once beside its views; its list view
and its export view are then two lines each::

    PEOPLE = FilteredList(
        filterset=lambda request: selectors.person_filter(params=request.GET),
        template="stakeholders/person_list.html",
        results_template="stakeholders/_person_results.html",
        target="person-results",
        export_name="personen",
        sheet_title=gettext_lazy("People"),
    )

    @login_required
    def person_list(request):
        access.register_view(request.user)
        return PEOPLE.render(request, context={...})

    @login_required
    def person_export(request, file_format: str):
        access.register_view(request.user)
        return PEOPLE.export(request, file_format=file_format, columns=PERSON_COLUMNS)

A list without a declaration calls `list_render` and `export_render` directly, and a page
that lists something without a filter set takes its page with `page_of`. The page size is
`settings.PAGINATE_BY`. The templates that go with them are in `core/templates/core/`:
`_list_layout.html` (heading, actions, filter panel, results), `_results_header.html` (the
count and the export buttons), `_export_buttons.html` and `_pagination.html`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.shortcuts import render
from django.utils import timezone

from .exports import export_response


def page_of(request, items, *, per_page: int | None = None) -> Page:
    """Page `?page=` of `items`, `settings.PAGINATE_BY` long unless the list says otherwise;
    a page number that is no number or too high gives the nearest page rather than an error."""
    return Paginator(items, per_page or settings.PAGINATE_BY).get_page(request.GET.get("page"))


def list_render(request, *, filterset, template, results_template, target, context=None):
    """Renders page `?page=` of the filtered list. An htmx request aimed at the element
    `target` (the results) gets `results_template` alone, so filtering swaps only the results.
    `query` is the filter without the page, for export and sort links."""
    page = page_of(request, filterset.qs)
    query = request.GET.copy()
    query.pop("page", None)
    if request.htmx and request.htmx.target == target:
        template = results_template
    return render(
        request,
        template,
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "target": target,
            **(context or {}),
        },
    )


def export_render(*, file_format: str, name: str, sheet_title, columns, rows: Iterable):
    """The CSV or Excel file of `rows`, named `<name>-<yyyymmdd>` after today; 404 for any
    other format."""
    return export_response(
        file_format=file_format,
        filename=f"{name}-{timezone.localdate():%Y%m%d}",
        sheet_title=str(sheet_title),
        columns=columns,
        rows=rows,
    )


@dataclass(frozen=True)
class FilteredList:
    """What the list view and the export view of one list share: the same filter, so the
    export holds exactly the rows the list shows, on every page."""

    filterset: Callable
    template: str
    results_template: str
    target: str
    export_name: str
    sheet_title: object

    def render(self, request, *, context=None):
        return list_render(
            request,
            filterset=self.filterset(request),
            template=self.template,
            results_template=self.results_template,
            target=self.target,
            context=context,
        )

    def export(self, request, *, file_format: str, columns):
        return export_render(
            file_format=file_format,
            name=self.export_name,
            sheet_title=self.sheet_title,
            columns=columns,
            rows=self.filterset(request).qs,
        )
