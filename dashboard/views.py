from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.links import absolute_url
from core.membership import workplace_of
from core.roles import works_here
from core.scoping import municipality_scope
from pilots.advice import selectors as advice_selectors
from region import permissions as region_permissions
from stakeholders.selectors import person_for_user

from . import selectors, services, work
from .calendar import calendar_ics
from .models import CalendarFeed

# How many work items the home page lists before "all my work".
HOME_ITEMS = 8


@login_required
def home(request):
    if not works_here(request.user):
        return _elsewhere(request)
    pipeline = selectors.pipeline_counts()
    items = work.my_work(user=request.user)
    return render(
        request,
        "dashboard/home.html",
        {
            "person": person_for_user(request.user),
            "pipeline": pipeline,
            "pipeline_total": sum(row["count"] for row in pipeline) or 1,
            "deadlines": selectors.upcoming_deadlines(),
            "my_dossiers": selectors.my_department_dossiers(user=request.user),
            "work_items": items[:HOME_ITEMS],
            "work_count": len(items),
            "today": timezone.localdate(),
        },
    )


@login_required
def my_work(request):
    if not works_here(request.user):
        return _elsewhere(request)
    return _my_work_page(request)


def _my_work_page(request, *, token: str | None = None):
    return render(
        request,
        "dashboard/my_work.html",
        {
            "work_items": work.my_work(user=request.user),
            "today": timezone.localdate(),
            "feed": CalendarFeed.objects.filter(user=request.user).first(),
            "feed_url": absolute_url(reverse("dashboard:calendar_feed", args=[token]))
            if token
            else "",
        },
    )


@login_required
@require_POST
def calendar_feed_create(request):
    """A new private calendar address, shown on this answer only: it is not stored."""
    if not works_here(request.user):
        raise Http404
    token = services.calendar_feed_create(user=request.user)
    return _my_work_page(request, token=token)


@login_required
@require_POST
def calendar_feed_revoke(request):
    if not works_here(request.user):
        raise Http404
    if services.calendar_feed_revoke(user=request.user):
        messages.success(request, _("Your calendar link no longer works."))
    return redirect("dashboard:my_work")


def calendar_feed(request, token: str):
    """The feed a calendar reads without logging in: the token is the key. It shows what its
    owner would see in the feed's municipality today, and nothing once they no longer work
    there, are deactivated, or revoked or replaced the link."""
    feed = services.calendar_feed_for_token(token)
    if feed is None or not feed.user.is_active:
        raise Http404
    user = feed.user
    workplace = workplace_of(user, feed.municipality_id)
    if workplace.municipality is None or workplace.municipality.pk != feed.municipality_id:
        raise Http404
    user._draagvlak_roles = workplace.roles
    user._draagvlak_works_here = True
    with municipality_scope(feed.municipality):
        body = calendar_ics(work.calendar_items(user=user), municipality_id=feed.municipality_id)
        CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="draagvlak.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _elsewhere(request):
    """Whoever works for no municipality starts where they have work: a coordinator in the
    region's library, an external advisor at their invitations."""
    if region_permissions.may_see_library_in_nav(request):
        return redirect("region:case_list")
    if advice_selectors.has_running_invitations(user=request.user):
        return redirect("pilots:advice_list")
    return render(request, "dashboard/no_municipality.html")
