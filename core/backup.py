"""Backup and restore of the whole installation: the database and the media files.

One archive (tar, gzip) holds the database (PostgreSQL: `pg_dump -Fc`; SQLite: a copy made
with SQLite's online backup API, consistent even while the application writes), every file
under MEDIA_ROOT, and `manifest.json`: the SHA-256 of the database file and of each media
file, and the number of rows in each table. Restore checks every checksum before it touches
anything, refuses to overwrite a database that holds data unless forced, and compares the
row counts afterwards.

The database is copied as it is, not through dumpdata/loaddata: those run the models' save
signals again (django-simple-history then writes a second history row for every object) and
lose nothing of the database's own (sequences, triggers).
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    pass


@dataclass
class Manifest:
    vendor: str
    database_file: str
    database_sha256: str
    tables: dict[str, int]
    media: dict[str, str] = field(default_factory=dict)
    created_at: str = ""
    format: int = FORMAT

    def to_json(self) -> bytes:
        return json.dumps(self.__dict__, indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> "Manifest":
        try:
            raw = json.loads(data)
            if raw.get("format") != FORMAT:
                raise BackupError(f"Unknown backup format {raw.get('format')!r}.")
            return cls(**raw)
        except (ValueError, TypeError) as error:
            raise BackupError(f"The manifest is unreadable: {error}") from error


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _quoted(cursor_connection, table: str) -> str:
    return cursor_connection.ops.quote_name(table)


def table_counts(using_cursor=None) -> dict[str, int]:
    """Rows per table of the default database, as seen by the cursor's transaction."""
    counts = {}
    tables = sorted(connection.introspection.table_names(include_views=False))
    cursor = using_cursor or connection.cursor()
    try:
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {_quoted(connection, table)}")
            counts[table] = cursor.fetchone()[0]
    finally:
        if using_cursor is None:
            cursor.close()
    return counts


def _sqlite_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as copy:
        tables = [
            row[0]
            for row in copy.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in sorted(tables)
        }


# --- PostgreSQL ----------------------------------------------------------------------------


def _pg_arguments(params: dict | None = None) -> tuple[list[str], dict[str, str]]:
    """pg_dump's connection options from the database settings; the password goes through
    the environment, never the command line (where `ps` shows it)."""
    params = connection.settings_dict if params is None else params
    arguments = []
    if params.get("HOST"):
        arguments += ["--host", params["HOST"]]
    if params.get("PORT"):
        arguments += ["--port", str(params["PORT"])]
    if params.get("USER"):
        arguments += ["--username", params["USER"]]
    environment = dict(os.environ)
    if params.get("PASSWORD"):
        environment["PGPASSWORD"] = params["PASSWORD"]
    return arguments, environment


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not on PATH; install the PostgreSQL client programs.")
    return found


def _run(command: list[str], environment: dict[str, str]) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def _pg_dump(target: Path) -> dict[str, int]:
    """Dumps the database and counts its rows in one snapshot: the counts describe exactly
    the rows in the dump, even while the application keeps writing."""
    arguments, environment = _pg_arguments()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [
                _pg_tool("pg_dump"),
                *arguments,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
                connection.settings_dict["NAME"],
            ],
            environment,
        )
        counts = table_counts(using_cursor=cursor)
    return counts


def _pg_restore(source: Path) -> None:
    arguments, environment = _pg_arguments()
    connection.close()
    _run(
        [
            _pg_tool("pg_restore"),
            *arguments,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(source),
        ],
        environment,
    )


# --- SQLite --------------------------------------------------------------------------------


def _sqlite_raw():
    connection.ensure_connection()
    return connection.connection


def _sqlite_dump(target: Path) -> dict[str, int]:
    with sqlite3.connect(target) as copy:
        _sqlite_raw().backup(copy)
    copy.close()
    return _sqlite_counts(target)


def _sqlite_restore(source: Path) -> None:
    # Page by page into the open database (a file or, in the tests, memory); nothing else
    # may be writing to it meanwhile.
    with sqlite3.connect(source) as backup:
        backup.backup(_sqlite_raw())
    backup.close()


# --- The archive ---------------------------------------------------------------------------


def _media_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def backup_create(*, target: Path) -> Manifest:
    """Writes the archive to `target` and returns its manifest."""
    vendor = connection.vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(f"Backups of {vendor} databases are not supported.")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP_NAMES[vendor]
        counts = _pg_dump(dump) if vendor == "postgresql" else _sqlite_dump(dump)
        files = _media_files(media_root)
        manifest = Manifest(
            vendor=vendor,
            database_file=dump.name,
            database_sha256=sha256_file(dump),
            tables=counts,
            media={path.relative_to(media_root).as_posix(): sha256_file(path) for path in files},
            created_at=timezone.now().isoformat(),
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            info = tarfile.TarInfo(MANIFEST)
            data = manifest.to_json()
            info.size, info.mtime = len(data), int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            for path in files:
                archive.add(path, arcname=MEDIA_PREFIX + path.relative_to(media_root).as_posix())
        # Only a complete archive gets the name: a backup that failed halfway is never
        # mistaken for one.
        partial.replace(target)
    return manifest


def database_holds_data() -> bool:
    """A database with user accounts is in use: restoring over it would lose them."""
    from django.contrib.auth import get_user_model

    table = get_user_model()._meta.db_table
    if table not in connection.introspection.table_names():
        return False
    return get_user_model()._base_manager.exists()


@dataclass
class RestoreResult:
    manifest: Manifest
    tables: dict[str, int]
    media_files: int


def _safe_member(name: str) -> bool:
    path = Path(name)
    return not path.is_absolute() and ".." not in path.parts


def backup_restore(*, source: Path, force: bool = False) -> RestoreResult:
    """Verifies the archive, then replaces the database and writes the media files."""
    # Opened apart from the `with` below, so that only an unreadable file gets this message.
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{source} is not a readable backup: {error}") from error
    with archive, tempfile.TemporaryDirectory() as work:
        members = {member.name: member for member in archive.getmembers()}
        if MANIFEST not in members:
            raise BackupError("The archive has no manifest.")
        manifest = Manifest.from_json(archive.extractfile(members[MANIFEST]).read())
        if manifest.vendor != connection.vendor:
            raise BackupError(
                f"This is a backup of a {manifest.vendor} database; the configured database "
                f"is {connection.vendor}."
            )
        unsafe = [name for name in members if not _safe_member(name)]
        if unsafe:
            raise BackupError(f"The archive holds paths outside its folder: {unsafe[:3]}")
        extracted = Path(work)
        archive.extractall(extracted, filter="data")
        problems = _verify(manifest, extracted)
        if problems:
            raise BackupError("The archive does not match its manifest: " + "; ".join(problems))
        if database_holds_data() and not force:
            raise BackupError(
                "The database holds data (user accounts). Restoring replaces all of it: "
                "run again with --force to do so."
            )
        dump = extracted / manifest.database_file
        if manifest.vendor == "postgresql":
            _pg_restore(dump)
        else:
            _sqlite_restore(dump)
        media_root = Path(settings.MEDIA_ROOT)
        for name in manifest.media:
            destination = media_root / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(extracted / (MEDIA_PREFIX + name), destination)
    tables = table_counts()
    differences = [
        f"{table}: {count} in the backup, {tables.get(table)} restored"
        for table, count in manifest.tables.items()
        if tables.get(table) != count
    ]
    if differences:
        raise BackupError("Rows differ after the restore: " + "; ".join(differences))
    changed = [
        name for name, digest in manifest.media.items() if sha256_file(media_root / name) != digest
    ]
    if changed:
        raise BackupError(f"Media files differ after the restore: {changed[:5]}")
    return RestoreResult(manifest=manifest, tables=tables, media_files=len(manifest.media))


def _verify(manifest: Manifest, extracted: Path) -> list[str]:
    problems = []
    dump = extracted / manifest.database_file
    if not dump.is_file():
        problems.append(f"{manifest.database_file} is missing")
    elif sha256_file(dump) != manifest.database_sha256:
        problems.append(f"{manifest.database_file} has another checksum")
    for name, digest in manifest.media.items():
        path = extracted / (MEDIA_PREFIX + name)
        if not path.is_file():
            problems.append(f"media file {name} is missing")
        elif sha256_file(path) != digest:
            problems.append(f"media file {name} has another checksum")
    return problems
