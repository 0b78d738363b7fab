import time

from django.core.management.base import BaseCommand

from repairlocale.dashboards.rollups import rollups_rebuild, rollups_refresh


class Command(BaseCommand):
    help = (
        "Recompute the dashboard rollups from the raw appliance and repair rows "
        "(all of them, in one transaction), or with --pending only the slices that "
        "changed since the last refresh."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pending",
            action="store_true",
            help="Only recompute the slices marked stale (what dashboards do).",
        )

    def handle(self, *args, pending=False, **options):
        started = time.perf_counter()
        if pending:
            slices = rollups_refresh()
            self.stdout.write(f"Recomputed {slices} stale slices.")
        else:
            counts = rollups_rebuild()
            self.stdout.write(
                "Rollups rebuilt: "
                + ", ".join(
                    f"{n} {name.replace('_', ' ')}" for name, n in counts.items()
                )
                + "."
            )
        self.stdout.write(f"Took {time.perf_counter() - started:.1f} s.")
