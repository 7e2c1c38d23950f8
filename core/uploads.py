"""Uploaded images: checked by what they contain, and their files removed when replaced.

The extension says nothing: an HTML page or an SVG with a script renamed to `logo.png` would be
stored under /media/ and served from Draagvlak's own address, where a click on it runs the
script as the logged-in user. So an upload must be a PNG or JPEG that Pillow reads and verifies,
within UPLOAD_IMAGE_MAX_BYTES and UPLOAD_IMAGE_MAX_SIDE. SVG is not accepted: it is a document
that can carry script, not a picture Pillow can verify.

`validate_image` is the field validator, so the admin and every model form use the same check.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from . import scoping

IMAGE_FORMATS = {"PNG", "JPEG"}


def validate_image(value) -> None:
    """A PNG or JPEG image within the size limits; raises ValidationError otherwise."""
    if isinstance(value, FieldFile) and getattr(value, "_committed", False):
        return  # the file stored before, not a new upload
    if value.size > settings.UPLOAD_IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The image is %(size)s; at most %(limit)s is allowed."),
            code="too_large",
            params={
                "size": filesizeformat(value.size),
                "limit": filesizeformat(settings.UPLOAD_IMAGE_MAX_BYTES),
            },
        )
    not_an_image = ValidationError(
        _("This file is not a PNG or JPEG image (whatever its name says)."), code="not_an_image"
    )
    try:
        value.seek(0)
        with Image.open(value) as image:
            image_format, size = image.format, image.size
            # verify() reads the whole file and checks its structure without decoding the
            # pixels, so a small file that would decode to gigabytes costs nothing here.
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_an_image from None
    finally:
        value.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise not_an_image
    if max(size) > settings.UPLOAD_IMAGE_MAX_SIDE:
        raise ValidationError(
            _("The image is %(width)s × %(height)s pixels; at most %(limit)s on a side."),
            code="too_many_pixels",
            params={"width": size[0], "height": size[1], "limit": settings.UPLOAD_IMAGE_MAX_SIDE},
        )


def delete_file_after_commit(field_file: FieldFile) -> None:
    """Removes a stored file once the transaction that stopped using it has committed (a
    rolled-back replacement keeps the old file)."""
    name = field_file.name
    if not name:
        return
    storage = field_file.storage
    scoping.on_commit(lambda: storage.delete(name))


def replaced_files_remove(sender, instance, **kwargs) -> None:
    """pre_save: the files a row held before this save and no longer holds."""
    if instance._state.adding or not instance.pk:
        return
    fields = [f for f in instance._meta.concrete_fields if f.get_internal_type() == "FileField"]
    if not fields:
        return
    before = sender._base_manager.filter(pk=instance.pk).values(*[f.attname for f in fields])
    old = before.first()
    if old is None:
        return
    for field in fields:
        old_name = old[field.attname]
        if old_name and old_name != getattr(instance, field.attname).name:
            delete_file_after_commit(FieldFile(instance, field, old_name))


def deleted_files_remove(sender, instance, **kwargs) -> None:
    """post_delete: the files of a deleted row."""
    for field in instance._meta.concrete_fields:
        if field.get_internal_type() == "FileField":
            delete_file_after_commit(getattr(instance, field.attname))
