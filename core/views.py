import logging

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET, require_POST

from . import pickers
from .client_ip import client_ip
from .lockout import password_reset_allowed
from .membership import SESSION_KEY
from .password_reset import PasswordResetForm

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not; for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def favicon(request):
    # Resolved per request: under production settings the hashed name exists only once
    # collectstatic has run, after the URLs are loaded.
    return redirect(static("img/logo.svg"), permanent=True)


def permission_denied(request, exception=None):
    # A refusal raised with a reason (e.g. "this stage was already decided") says it; a bare
    # PermissionDenied falls back to the general text.
    reason = str(exception) if exception is not None and exception.args else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # Rendered without the request's context processors: the database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())


@require_POST
def switch_municipality(request):
    """Works for another of the user's municipalities from the next request on. Back to the
    dashboard: the page the user came from belongs to the municipality they left."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    chosen = request.POST.get("municipality", "")
    choices = {str(municipality.pk): municipality for municipality in request.workplace.choices}
    if chosen not in choices:
        messages.error(request, _("You do not work for that municipality."))
    else:
        request.session[SESSION_KEY] = choices[chosen].pk
        messages.info(request, _("You now work for %(name)s.") % {"name": choices[chosen].name})
    return redirect("dashboard:home")


@login_required
@require_GET
@never_cache
def picker_options(request, name: str):
    """The choices of a picker matching `q`, at most pickers.LIMIT: as JSON for Tom Select
    (`format=json`), otherwise as a small search page, the fallback without JavaScript."""
    picker = pickers.get(name)
    if picker is None:
        raise Http404
    if not picker.may_use(request.user):
        raise PermissionDenied
    query = pickers.clean_query(request.GET.get("q", ""))
    found = picker.search(query) if query or request.GET.get("format") == "json" else []
    options = [{"value": str(obj.pk), "text": picker.label(obj)} for obj in found]
    if request.GET.get("format") == "json":
        return JsonResponse({"results": options})
    return render(
        request,
        "core/picker_options.html",
        {"query": query, "options": options, "limit": pickers.LIMIT},
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, with at most DRAAGVLAK_PASSWORD_RESET_LIMIT mails an hour per
    e-mail address and per client address. Over the limit nothing is sent, and the page
    answers exactly as when a mail went (or when no account has that address): the form
    tells nobody whether an address has an account, nor whether it is being throttled.
    The mail is Draagvlak's own (core/password_reset.py)."""

    form_class = PasswordResetForm

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if password_reset_allowed(email=email, ip_address=client_ip(self.request)):
            return super().form_valid(form)
        logger.warning("Password reset throttled for a request from %s", client_ip(self.request))
        return HttpResponseRedirect(self.get_success_url())
