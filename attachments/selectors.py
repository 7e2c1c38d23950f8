"""Reads of attachments, each in one query. The content type is matched by its natural key (a
join on a small table), so a cold content-type cache costs no query of its own."""

from django.db.models import Model, Q

from .models import Attachment


def _key_of(target: Model) -> tuple[str, str, int]:
    """The content type's natural key (a concrete model's, as ContentType records it) and the
    object's id."""
    opts = (target._meta.concrete_model or type(target))._meta
    return (opts.app_label, str(opts.model_name), target.pk)


def _of(target: Model) -> Q:
    app_label, model, pk = _key_of(target)
    return Q(content_type__app_label=app_label, content_type__model=model, object_id=pk)


def attachments_of(target: Model) -> list[Attachment]:
    """A page's list; the object's `attachments` relation when it was prefetched."""
    cache = getattr(target, "_prefetched_objects_cache", {})
    if "attachments" in cache:
        return list(cache["attachments"])
    return list(Attachment.objects.filter(_of(target)))


def annexed(targets: list[Model]) -> list[dict]:
    """The attachments chosen for the annexes of `targets`, in the order of `targets`, each
    with the object it belongs to: `{"attachment", "target"}`."""
    if not targets:
        return []
    condition = Q(pk__in=[])
    position = {}
    for index, target in enumerate(targets):
        condition |= _of(target)
        position[_key_of(target)] = (index, target)
    found = (
        Attachment.objects.filter(condition, in_annexes=True)
        .select_related("content_type")
        .order_by("uploaded_at", "pk")
    )
    rows = []
    for attachment in found:
        content_type = attachment.content_type
        index, target = position[(content_type.app_label, content_type.model, attachment.object_id)]
        rows.append((index, attachment.uploaded_at, attachment.pk, target, attachment))
    rows.sort(key=lambda row: row[:3])
    return [{"attachment": row[4], "target": row[3]} for row in rows]
