"""The municipality's logo: checked by content and size, and its old file removed when it is
replaced or the municipality deleted."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.models import Municipality
from core.uploads import validate_image
from tests.factories import MunicipalityFactory

HTML_AS_PNG = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG_AS_PNG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _png(name="logo.png", size=(8, 8), image_format="PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _noise_png(side: int) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.frombytes("L", (side, side), bytes(range(256)) * (side * side // 256)).save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_a_real_png_and_jpeg_pass():
    validate_image(_png())
    validate_image(_png("logo.jpg", image_format="JPEG"))


@pytest.mark.parametrize("content", [HTML_AS_PNG, SVG_AS_PNG, b"", b"\x89PNG\r\n\x1a\nbroken"])
def test_a_file_that_only_claims_to_be_a_png_is_refused(content):
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("logo.png", content, content_type="image/png"))
    assert error.value.code == "not_an_image"


def test_another_image_format_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_image(_png("logo.png", image_format="GIF"))
    assert error.value.code == "not_an_image"


def test_an_image_over_the_size_limit_is_refused(settings):
    upload = _noise_png(64)
    settings.UPLOAD_IMAGE_MAX_BYTES = upload.size - 1
    with pytest.raises(ValidationError) as error:
        validate_image(upload)
    assert error.value.code == "too_large"


def test_an_image_with_too_many_pixels_is_refused(settings):
    settings.UPLOAD_IMAGE_MAX_SIDE = 100
    with pytest.raises(ValidationError) as error:
        validate_image(_png(size=(101, 10)))
    assert error.value.code == "too_many_pixels"


def test_the_default_limit_is_two_megabytes(settings):
    assert settings.UPLOAD_IMAGE_MAX_BYTES == 2 * 1024 * 1024


def _admin_post(client, municipality, logo):
    data = {
        "name": municipality.name,
        "nis_code": municipality.nis_code,
        "reference_prefix": "",
        "address": "",
        "approval_reminder_days": 5,
        "logo": logo,
    }
    return client.post(reverse("admin:core_municipality_change", args=[municipality.pk]), data)


@pytest.mark.django_db
def test_the_admin_refuses_html_disguised_as_a_png(client_for, municipality):
    upload = SimpleUploadedFile("logo.png", HTML_AS_PNG, content_type="image/png")
    response = _admin_post(client_for("admin_user"), municipality, upload)
    assert response.status_code == 200
    assert "geen PNG- of JPEG-afbeelding" in response.content.decode()
    municipality.refresh_from_db()
    assert not municipality.logo


@pytest.mark.django_db
def test_the_admin_accepts_a_png_and_replacing_it_removes_the_old_file(
    client_for, municipality, django_capture_on_commit_callbacks
):
    client = client_for("admin_user")
    with django_capture_on_commit_callbacks(execute=True):
        assert _admin_post(client, municipality, _png("eerste.png")).status_code == 302
    municipality.refresh_from_db()
    first = municipality.logo.name
    storage = municipality.logo.storage
    assert storage.exists(first)
    with django_capture_on_commit_callbacks(execute=True):
        assert _admin_post(client, municipality, _png("tweede.png")).status_code == 302
    municipality.refresh_from_db()
    assert storage.exists(municipality.logo.name)
    assert not storage.exists(first)
    # Saving again without a new upload keeps the logo (and checks nothing that was stored).
    with django_capture_on_commit_callbacks(execute=True):
        data = {"name": "Nieuwe naam", "nis_code": municipality.nis_code}
        data.update(approval_reminder_days=5, reference_prefix="", address="")
        url = reverse("admin:core_municipality_change", args=[municipality.pk])
        assert client.post(url, data).status_code == 302
    assert storage.exists(municipality.logo.name)
    storage.delete(municipality.logo.name)


@pytest.mark.django_db
def test_deleting_a_municipality_removes_its_logo(django_capture_on_commit_callbacks):
    other = MunicipalityFactory(name="Gemeente Weg")
    with django_capture_on_commit_callbacks(execute=True):
        other.logo.save("weg.png", _png(), save=True)
    name, storage = other.logo.name, other.logo.storage
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        Municipality.objects.filter(pk=other.pk).get().delete()
    assert not storage.exists(name)
