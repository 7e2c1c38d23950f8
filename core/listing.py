"""The list pages: filtered, paginated, and answering an htmx request with only its results."""

from django.core.paginator import Paginator
from django.shortcuts import render

PAGE_SIZE = 25


def list_render(request, *, filterset, template, results_template, target, context=None):
    """Renders page `?page=` of the filtered list. An htmx request aimed at the element
    `target` (the results) gets `results_template` alone, so filtering swaps only the results.
    `query` is the filter without the page, for export and sort links."""
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
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
