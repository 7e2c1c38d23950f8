"""Attach, download, remove (docs/attachments.md). Every view finds the object through the
owner's own access rule (`registry`), so an attachment is seen by exactly who sees its object:
another municipality's attachment does not exist (404, the scope), nor does one of an object the
reader may not see."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.idempotency import once_per_token

from . import services
from .forms import AttachmentForm
from .models import Attachment
from .registry import Holder, holder_named, holder_of

log = logging.getLogger(__name__)


def _target_for_view(user, attachment: Attachment) -> tuple[Holder, object]:
    model = attachment.content_type.model_class()
    holder = holder_of(model) if model is not None else None
    if holder is None:
        raise Http404
    return holder, holder.load(user, attachment.object_id)


def _target_for_change(user, attachment: Attachment) -> tuple[Holder, object]:
    holder, target = _target_for_view(user, attachment)
    if not holder.may_change(user, target):
        raise PermissionDenied
    return holder, target


def _attachment(pk: int) -> Attachment:
    return get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)


def _back(holder: Holder, target) -> str:
    return f"{holder.page(target)}#attachments"


@login_required
@require_POST
@once_per_token
def attachment_add(request, key: str, pk: int):
    holder = holder_named(key)
    if holder is None:
        raise Http404
    target = holder.load(request.user, pk)
    if not holder.may_change(request.user, target):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES, annexable=holder.annexable)
    if form.is_valid():
        attachment = services.attachment_add(
            target=target,
            upload=form.cleaned_data["file"],
            in_annexes=form.cleaned_data.get("in_annexes", False),
            user=request.user,
        )
        messages.success(request, _("“%(name)s” is attached.") % {"name": attachment.name})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, _("Not attached: %(reason)s") % {"reason": error})
    return redirect(_back(holder, target))


@login_required
@require_GET
def attachment_download(request, pk: int):
    attachment = _attachment(pk)
    _target_for_view(request.user, attachment)
    try:
        stored = attachment.file.open("rb")
    except FileNotFoundError:
        log.error("Attachment %s: file %s is missing", attachment.pk, attachment.file.name)
        raise Http404 from None
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def attachment_remove(request, pk: int):
    attachment = _attachment(pk)
    holder, target = _target_for_change(request.user, attachment)
    name = attachment.name
    services.attachment_remove(attachment)
    messages.success(request, _("“%(name)s” is removed.") % {"name": name})
    return redirect(_back(holder, target))


@login_required
@require_POST
def attachment_annexes(request, pk: int):
    attachment = _attachment(pk)
    holder, target = _target_for_change(request.user, attachment)
    if not holder.annexable:
        raise Http404
    services.annexes_choose(attachment, in_annexes=request.POST.get("in_annexes") == "1")
    return redirect(_back(holder, target))
