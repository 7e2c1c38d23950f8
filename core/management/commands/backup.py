from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Writes one archive with the database (pg_dump -Fc, or a consistent SQLite copy), "
        "the media files and a manifest of checksums and row counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="the archive to write (default: backups/draagvlak-<date>-<time>.tar.gz)",
        )

    def handle(self, *args, output=None, **options):
        target = output or Path("backups") / (
            timezone.localtime().strftime("draagvlak-%Y%m%d-%H%M%S") + ".tar.gz"
        )
        try:
            manifest = backup_create(target=target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {target}: {sum(manifest.tables.values())} rows in "
                f"{len(manifest.tables)} tables, {len(manifest.media)} media files."
            )
        )
