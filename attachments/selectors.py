"""Reads of attachments, each in one query."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q

from .models import Attachment


def attachments_of(target: Model) -> list[Attachment]:
    """A page's list; the object's `attachments` relation when it was prefetched."""
    cache = getattr(target, "_prefetched_objects_cache", {})
    if "attachments" in cache:
        return list(cache["attachments"])
    return list(
        Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        )
    )


def annexed(targets: list[Model]) -> list[dict]:
    """The attachments chosen for the annexes of `targets`, in the order of `targets`, each
    with the object it belongs to: `{"attachment", "target"}`."""
    if not targets:
        return []
    condition = Q(pk__in=[])
    position = {}
    for index, target in enumerate(targets):
        content_type = ContentType.objects.get_for_model(target)
        condition |= Q(content_type=content_type, object_id=target.pk)
        position[(content_type.pk, target.pk)] = (index, target)
    found = Attachment.objects.filter(condition, in_annexes=True).order_by("uploaded_at", "pk")
    rows = sorted(
        (position[(a.content_type_id, a.object_id)] + (a,) for a in found),
        key=lambda row: row[0],
    )
    return [{"attachment": attachment, "target": target} for _i, target, attachment in rows]
