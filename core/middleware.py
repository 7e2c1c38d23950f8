import time

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.urls import get_resolver
from django.utils import translation
from django_scopes import scope

from .membership import SESSION_KEY, workplace_of
from .scoping import import_outside_any_scope


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the user chose English with the language switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which on a municipal
    laptop is often English even for Dutch-speaking staff."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class MunicipalityScopeMiddleware:
    """Activates the scope of the municipality the user works for, for the whole request.

    Everything the request reads, its templates and a streamed export included, sees that
    municipality's rows only; a user without a municipality sees none."""

    def __init__(self, get_response):
        self.get_response = get_response
        # The URLconf, and with it every view, form and filter module, is loaded here, once,
        # outside any request's scope: see core.scoping.import_outside_any_scope.
        import_outside_any_scope(lambda: get_resolver().url_patterns)

    def __call__(self, request):
        workplace = workplace_of(request.user, request.session.get(SESSION_KEY))
        request.workplace = workplace
        request.municipality = workplace.municipality
        if request.user.is_authenticated:
            request.user._draagvlak_roles = workplace.roles
            request.user._draagvlak_works_here = workplace.municipality is not None
        ids = [workplace.municipality.pk] if workplace.municipality else []
        kwargs = {"municipality": ids, "region": workplace.region_ids}
        with scope(**kwargs):
            response = self.get_response(request)
        if response.streaming:
            response.streaming_content = _scoped(response.streaming_content, kwargs)
        return response


def _scoped(chunks, kwargs):
    # A streamed response is iterated after the middleware has returned.
    with scope(**kwargs):
        yield from chunks


class PermissionsPolicyMiddleware:
    """A Permissions-Policy header on every response: Draagvlak uses no camera, microphone,
    location, payment or USB device, so no page (nor anything injected into one) may ask for
    them. The features are the setting PERMISSIONS_POLICY."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


SESSION_ACTIVITY_KEY = "_draagvlak_active_at"


def session_mark_active(session) -> None:
    """Records now as the session's last activity; changing the session makes Django save it,
    with a fresh expiry of SESSION_COOKIE_AGE (the idle time) from now."""
    session[SESSION_ACTIVITY_KEY] = int(time.time())


class SessionIdleMiddleware:
    """Ends a session after SESSION_COOKIE_AGE (DJANGO_SESSION_IDLE_HOURS) without a request.

    Django sets a session's expiry when it saves the session; SESSION_SAVE_EVERY_REQUEST would
    write the session row on every request. Here an active session is saved again at most once
    per SESSION_ACTIVITY_REFRESH seconds, so the idle limit holds to within that margin for
    the price of one write per few minutes. Login marks the session active
    (core.apps), so the first pages after it write nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.is_empty():
            last = session.get(SESSION_ACTIVITY_KEY)
            if last is None or time.time() - last >= settings.SESSION_ACTIVITY_REFRESH:
                session_mark_active(session)
        return response


NUL = "\x00"


def _carries_nul(request) -> bool:
    """A NUL character in the path, a query or form key or value, or an uploaded file's name
    (not its contents, which are stored as bytes)."""
    if NUL in request.path_info:
        return True
    for data in (request.GET, request.POST):
        for key, values in data.lists():
            if NUL in key or any(NUL in value for value in values):
                return True
    for key, files in request.FILES.lists():
        if NUL in key or any(NUL in (upload.name or "") for upload in files):
            return True
    return False


class RejectNulMiddleware:
    """Answers 400 to a request whose input carries a NUL character, before any view runs.

    PostgreSQL cannot store a NUL in a text column (psycopg refuses the query), so a NUL in any
    input that reaches a query or a save would be a 500 there, and on SQLite it would be stored
    and shown as an invisible character. No legitimate input of Draagvlak contains one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _carries_nul(request):
            return render(request, "400_nul.html", status=400)
        return self.get_response(request)
