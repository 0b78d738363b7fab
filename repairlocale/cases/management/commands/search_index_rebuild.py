from django.core.management.base import BaseCommand

from repairlocale.cases.search import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Write the search index of activities, cases and lessons again from the "
        "rows themselves (after a hub changes pilot region, or a restore). "
        "Idempotent."
    )

    def handle(self, *args, **options):
        count = search_index_rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} rows."))
