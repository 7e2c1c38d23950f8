"""`manage.py backup` and `restore` round-trip the demo: every row of every table (history
tables included) and every official document, by SHA-256."""

import hashlib
import io
import json
import os
import shutil
import tarfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from core.backup import table_counts
from pilots.models import OfficialDocument
from tests.factories import UserFactory

in_ci = os.environ.get("CI") == "true"


def _documents() -> dict[str, str]:
    """Every municipality's official documents, each checked against its stored SHA-256."""
    found = {}
    for document in OfficialDocument._base_manager.all():
        with default_storage.open(document.file.name, "rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == document.sha256
        found[document.file.name] = document.sha256
    return found


def _round_trip(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    before = table_counts()
    documents = _documents()
    assert documents, "the demo froze no official document"
    assert before["procurement_historicaldossier"] > 0

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not OfficialDocument._base_manager.exists()

    out = io.StringIO()
    call_command("restore", archive, stdout=out)
    assert table_counts() == before
    assert _documents() == documents
    assert "every checksum and row count" in out.getvalue()

    # Now it holds data again: a second restore must be forced.
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", archive, stdout=io.StringIO())
    call_command("restore", archive, force=True, stdout=io.StringIO())
    assert table_counts() == before
    return before, documents


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite round trip")
@pytest.mark.django_db(transaction=True)
def test_the_demo_survives_a_backup_and_a_restore_on_sqlite(tmp_path, settings, record_property):
    before, documents = _round_trip(tmp_path, settings)
    record_property("backup_rows", sum(before.values()))
    record_property("backup_tables", len(before))
    record_property("backup_official_documents", len(documents))


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.skipif(
    not in_ci and not (shutil.which("pg_dump") and shutil.which("pg_restore")),
    reason="pg_dump and pg_restore are not on PATH",
)
@pytest.mark.django_db(transaction=True)
def test_the_demo_survives_a_backup_and_a_restore_on_postgresql(
    tmp_path, settings, record_property
):
    before, documents = _round_trip(tmp_path, settings)
    record_property("backup_rows", sum(before.values()))
    record_property("backup_official_documents", len(documents))


def _tampered(archive, tmp_path, change):
    """A copy of the archive with `change(name, data) -> data` applied to its members."""
    copy = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(copy, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            data = change(member.name, data)
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return copy


@pytest.mark.django_db(transaction=True)
def test_a_tampered_archive_is_refused_before_anything_is_touched(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    default_storage.save("official-documents/1/briefing.pdf", io.BytesIO(b"%PDF frozen"))
    UserFactory(username="kept")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())

    def flip_media(name, data):
        return data + b"x" if name.startswith("media/") else data

    def drop_a_row(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["media"]["official-documents/1/briefing.pdf"] = "0" * 64
        return json.dumps(manifest).encode()

    for change in (flip_media, drop_a_row):
        with pytest.raises(CommandError, match="does not match its manifest"):
            call_command("restore", _tampered(archive, tmp_path, change), force=True)
    assert UserFactory._meta.model.objects.filter(username="kept").exists()


def test_a_file_that_is_no_backup_is_refused(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a readable backup"):
        call_command("restore", bogus)


def _rewritten(archive, tmp_path, manifest_change=None, extra=None):
    """A copy of the archive with its manifest changed, or an extra member added."""
    copy = tmp_path / "rewritten.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(copy, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json" and manifest_change:
                manifest = json.loads(data)
                manifest_change(manifest)
                data = json.dumps(manifest).encode()
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
        if extra:
            info = tarfile.TarInfo(extra)
            info.size = 1
            target.addfile(info, io.BytesIO(b"x"))
    return copy


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_another_database_kind_or_with_paths_outside_is_refused(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def other_kind(manifest):
        manifest["vendor"] = other

    with pytest.raises(CommandError, match=f"backup of a {other} database"):
        call_command("restore", _rewritten(archive, tmp_path, manifest_change=other_kind))
    with pytest.raises(CommandError, match="outside its folder"):
        call_command("restore", _rewritten(archive, tmp_path, extra="../escape.txt"))
    assert not (tmp_path / "escape.txt").exists()


def test_pg_dump_connects_with_the_database_settings():
    from core import backup

    arguments, environment = backup._pg_arguments(
        {"NAME": "draagvlak", "HOST": "db.internal", "PORT": 5433, "USER": "app", "PASSWORD": "pw"}
    )
    assert arguments == ["--host", "db.internal", "--port", "5433", "--username", "app"]
    assert environment["PGPASSWORD"] == "pw"
    assert "pw" not in arguments


def test_a_missing_pg_dump_is_a_clear_error(monkeypatch):
    from core import backup

    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    with pytest.raises(backup.BackupError, match="pg_dump is not on PATH"):
        backup._pg_tool("pg_dump")
