"""``manage.py backup [--output PATH]``: the database and the media folder."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from repairlocale.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite: online backup API; PostgreSQL: pg_dump custom "
        "format) and MEDIA_ROOT into a new folder with a manifest of row counts and "
        "checksums. Safe while the application runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Folder to create (default: $BACKUP_DIR or ./backups, "
            "repairlocale-<UTC time>).",
        )
        parser.add_argument(
            "--no-media", action="store_true", help="Leave MEDIA_ROOT out."
        )

    def handle(self, *args, output=None, no_media=False, **options):
        try:
            result = backup(output, media=not no_media)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for note in result.notes:
            self.stderr.write(self.style.WARNING(note))
        tables = result.manifest["tables"]
        media = result.manifest.get("media")
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {result.path}: {len(tables)} tables, "
                f"{sum(t['rows'] for t in tables.values())} rows"
                + (f", {media['files']} media files." if media else ", no media.")
            )
        )
