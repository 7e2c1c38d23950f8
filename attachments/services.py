"""Attaching, removing and choosing for the annexes (docs/attachments.md). The caller has
fetched the object through its owner's access rules and checked `may_change`."""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import content, rules
from .models import Attachment
from .registry import holder_of


def upload_check(upload) -> tuple[str, content.Checked]:
    """The display name and the kind of an uploaded file; ValidationError with the reason
    when it may not be attached."""
    limit = settings.ATTACHMENT_MAX_BYTES
    refusal = rules.size_refusal(upload.size, limit=limit)
    if refusal == "empty":
        raise ValidationError(_("The file is empty."), code="empty")
    if refusal == "too_large":
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s is allowed."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    name = rules.display_name(upload.name or "", fallback_stem=str(_("attachment")))
    return name, content.file_check(upload, name)


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def attachment_add(*, target: Model, upload, in_annexes: bool, user) -> Attachment:
    holder = holder_of(type(target))
    if holder is None:
        raise ValueError(f"{type(target).__name__} takes no attachments")
    name, checked = upload_check(upload)
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        name=name,
        kind=checked.extension,
        media_type=checked.media_type,
        size=upload.size,
        sha256=_sha256(upload),
        in_annexes=bool(in_annexes) and holder.annexable,
        uploaded_by=user if user.is_authenticated else None,
    )
    attachment.file.save(name, upload, save=False)
    try:
        with transaction.atomic():
            attachment.save()
    except BaseException:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def attachment_remove(attachment: Attachment) -> None:
    """The row, and its file once the transaction commits (core.uploads)."""
    with transaction.atomic():
        attachment.delete()


def annexes_choose(attachment: Attachment, *, in_annexes: bool) -> Attachment:
    model = attachment.content_type.model_class()
    holder = holder_of(model) if model is not None else None
    attachment.in_annexes = bool(in_annexes) and holder is not None and holder.annexable
    attachment.save(update_fields=["in_annexes"])
    return attachment
