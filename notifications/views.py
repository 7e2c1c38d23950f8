from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from core.listing import page_of
from core.mail import recipient_language

from . import selectors, services
from .forms import PreferencesForm
from .models import Notification


@login_required
def notification_list(request):
    page = page_of(request, selectors.notifications_of(user=request.user))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": selectors.unread_count(user=request.user)},
    )


@login_required
@require_POST
def notification_read(request, pk):
    """Marks the notification read and goes where it points (or back to the list)."""
    try:
        notification = services.notification_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    link = notification.link
    if request.POST.get("open") and link and url_has_allowed_host_and_scheme(link, None):
        return redirect(link)
    return redirect("notifications:list")


@login_required
@require_POST
def notifications_read_all(request):
    count = services.notifications_read_all(user=request.user)
    messages.success(request, _("%(count)d notification(s) marked as read.") % {"count": count})
    return redirect("notifications:list")


@login_required
def preferences(request):
    deliveries = selectors.preferences_of(user=request.user)
    initial = {"language": recipient_language(request.user)}
    form = PreferencesForm(request.POST or None, deliveries=deliveries, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, deliveries=form.deliveries())
        services.language_save(user=request.user, language=form.cleaned_data["language"])
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def language_set(request):
    """Django's language switch; a logged-in user's choice is also kept for their mails."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.method == "POST" and language in {code for code, _name in settings.LANGUAGES}:
        services.language_save(user=request.user, language=language)
    return response
