from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restores an archive of `manage.py backup`: checks every checksum first, replaces the "
        "database, writes the media files and compares the row counts with the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that already holds data",
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            result = backup_restore(source=archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {archive}: {sum(result.tables.values())} rows in "
                f"{len(result.tables)} tables, {result.media_files} media files, "
                "every checksum and row count as in the manifest."
            )
        )
