"""Print the personal-data register (``--markdown``: the text of docs/privacy.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from repairlocale.core import privacy


class Command(BaseCommand):
    help = "Print the personal-data register; --markdown writes docs/privacy.md's text."

    def add_arguments(self, parser):
        parser.add_argument("--markdown", action="store_true")

    def handle(self, *args, markdown: bool = False, **options):
        if markdown:
            self.stdout.write(privacy.register_markdown(), ending="")
            return
        for app_name, rows in privacy.register_entries():
            self.stdout.write(app_name)
            for row in rows:
                self.stdout.write(f"  {row['model']}: {', '.join(row['fields'])}")
