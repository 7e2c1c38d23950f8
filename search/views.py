from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors


@login_required
@require_GET
def results(request):
    found = selectors.search(user=request.user, raw=request.GET.get("q"))
    return render(
        request,
        "search/results.html",
        {"results": found, "query": found.terms.phrase or (request.GET.get("q") or "")[:200]},
    )
