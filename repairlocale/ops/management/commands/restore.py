"""``manage.py restore PATH [--force]``: put a backup folder back."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from repairlocale.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder made by `manage.py backup` into the configured "
        "database (and MEDIA_ROOT). Restores into a temporary copy first, checks "
        "every table's row count and checksum against the manifest, then swaps it "
        "in: never a half-restored database. Stop the application first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The backup folder.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds tables.",
        )
        parser.add_argument(
            "--no-media", action="store_true", help="Leave MEDIA_ROOT as it is."
        )

    def handle(self, *args, path, force=False, no_media=False, **options):
        try:
            notes = restore(path, force=force, media=not no_media)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for note in notes:
            self.stdout.write(note)
        self.stdout.write(
            self.style.SUCCESS(
                "Restore complete. Next: `manage.py migrate` (when the code is newer "
                "than the backup), `manage.py check`, then open /healthz."
            )
        )
