"""The backup carries the attachments' files (core/backup.py copies every file under
MEDIA_ROOT), each with the checksum the attachment recorded, and restore puts them back."""

import io
import json
import shutil
import tarfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from attachments import services
from attachments.models import Attachment
from core.backup import MANIFEST, MEDIA_PREFIX
from tests.factories import DossierFactory, UserFactory

from .samples import pdf, upload


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup is the quick one")
@pytest.mark.django_db(transaction=True)
def test_the_backup_holds_the_attachments_and_restore_puts_them_back(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    officer = UserFactory(username="officer", roles=["procurement_officer"])
    attachment = services.attachment_add(
        target=DossierFactory(), upload=upload("Bestek.pdf", pdf()), in_annexes=False, user=officer
    )
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile(MANIFEST).read())
        member = tar.extractfile(MEDIA_PREFIX + attachment.file.name)
        assert member.read() == pdf()
    assert manifest["media"][attachment.file.name] == attachment.sha256

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    call_command("restore", archive, stdout=io.StringIO())
    restored = Attachment._base_manager.get()
    assert restored.file.name == attachment.file.name
    with default_storage.open(restored.file.name, "rb") as handle:
        assert handle.read() == pdf()
