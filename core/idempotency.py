"""Double submits: every create form carries a one-time token, and a repeat of a submission
gives the first one's result instead of a second object (docs/security.md, "Double submits").

- `OnceTokenMixin` puts the hidden field `form_token` (a fresh random token) on a form; a form
  shown again with errors keeps the token it was posted with.
- `@once_per_token` on the view claims the token with one INSERT on a unique column before the
  view runs. Of two identical submissions racing, the database lets one insert; the other gets
  an IntegrityError and is sent to the first one's result (the redirect it answered with), or,
  while the first is still being processed, waits a moment and otherwise answers 409 with a
  page that says so.
- The token is consumed only by a success (a redirect, an htmx redirect, or `once_done`): a
  form shown again with its errors, or an error, frees it for the corrected submission.
- `tokens_purge` removes the claims older than a day (run by `send_reminders`).

A POST without a token (a script, an old page) is processed as before.
"""

import datetime
import re
import secrets
import time
from functools import wraps

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SubmittedForm

FIELD = "form_token"
KEPT_FOR = datetime.timedelta(days=1)
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
# How long a repeat waits for the first submission to finish before it answers 409.
WAIT_SECONDS = 3.0
WAIT_STEP = 0.05


def token_new() -> str:
    return secrets.token_hex(16)


class OnceTokenMixin:
    """Adds the hidden one-time token to a form, and keeps it out of `cleaned_data` so that
    the form's data still maps onto its service's arguments."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=token_new
        )

    def full_clean(self):
        super().full_clean()
        cleaned = getattr(self, "cleaned_data", None)
        if cleaned is not None:
            cleaned.pop(FIELD, None)


def once_done(request, url: str) -> None:
    """For a view whose success is no redirect (an htmx partial): the result a repeat of this
    submission is sent to."""
    request._once_result = url


def _result_of(response, request) -> str:
    """The URL a successful submission led to; empty when the response is no success (the form
    shown again with its errors)."""
    explicit = getattr(request, "_once_result", "")
    if explicit:
        return explicit
    for header in ("HX-Redirect", "HX-Location"):
        if response.has_header(header):
            return response[header]
    if 300 <= response.status_code < 400 and response.has_header("Location"):
        return response["Location"]
    return ""


def _repeat_answer(request, claim: SubmittedForm):
    messages.info(request, _("This form had already been sent; here is its result."))
    if request.headers.get("HX-Request"):
        answer = HttpResponse(status=200)
        answer["HX-Redirect"] = claim.result_url
        return answer
    return redirect(claim.result_url)


def _in_progress(request):
    return render(request, "core/submit_in_progress.html", status=409)


def _wait_for(token: str) -> SubmittedForm | None:
    """The claim of `token` once its submission has a result, waiting a little for it; None
    when there is no claim any more (the first submission failed) or it is still running."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        claim = SubmittedForm.objects.filter(token=token).first()
        if claim is None or claim.result_url or time.monotonic() >= deadline:
            return claim
        time.sleep(WAIT_STEP)


def _claim(request, token: str) -> bool:
    try:
        with transaction.atomic():
            SubmittedForm.objects.create(token=token, user=request.user, path=request.path[:500])
    except IntegrityError:
        return False
    return True


def once_per_token(view):
    """Runs a POST carrying a token once; a repeat answers with the first one's result."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not _TOKEN.match(token) or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if not _claim(request, token):
            claim = _wait_for(token)
            if claim is None and _claim(request, token):
                return _run(view, request, token, *args, **kwargs)
            if claim is not None and claim.user_id == request.user.pk and claim.result_url:
                return _repeat_answer(request, claim)
            return _in_progress(request)
        return _run(view, request, token, *args, **kwargs)

    return wrapped


def _run(view, request, token: str, *args, **kwargs):
    try:
        response = view(request, *args, **kwargs)
    except BaseException:
        SubmittedForm.objects.filter(token=token).delete()
        raise
    result = _result_of(response, request)
    if result:
        SubmittedForm.objects.filter(token=token).update(result_url=result[:500])
    else:
        # Not a success: the form is shown again with the same token, free for the next try.
        SubmittedForm.objects.filter(token=token).delete()
    return response


def tokens_purge(*, now: datetime.datetime | None = None) -> int:
    """Removes the claims older than a day; returns how many."""
    now = now or timezone.now()
    deleted, _by_model = SubmittedForm.objects.filter(created_at__lt=now - KEPT_FOR).delete()
    return deleted
