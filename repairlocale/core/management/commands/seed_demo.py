import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from repairlocale.network.demo import demo_seed
from repairlocale.reuse.demo import reuse_demo_seed


class Command(BaseCommand):
    help = (
        "Create or update the demo network (Repair&Share, Herw!n, pilot organisations, "
        "hubs, Repair Cafés, sites, one user per role) and two years of appliance "
        "records at the pilot reuse centres. Idempotent. Refuses to run with DEBUG "
        "off unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (demo users then get random passwords).",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Set the demo users' passwords again.",
        )
        parser.add_argument(
            "--appliances",
            type=int,
            default=1500,
            metavar="N",
            help="Appliances per pilot reuse centre (default 1500; 0 for none).",
        )

    def handle(
        self, *args, force=False, reset_passwords=False, appliances=1500, **options
    ):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data with DEBUG off. This looks like a "
                "production database; use --force if you really mean it."
            )
        result = demo_seed(
            random_passwords=not settings.DEBUG, reset_passwords=reset_passwords
        )
        created = ", ".join(f"{n} {k}" for k, n in result.created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready (new: {created})."))
        reuse = reuse_demo_seed(
            today=timezone.localdate(), appliances_per_centre=appliances
        )
        skipped = (
            f"; left alone: {', '.join(reuse['skipped'])}" if reuse["skipped"] else ""
        )
        self.stdout.write(
            f"Hergebruikfiches: {reuse['appliances']} appliances with {reuse['steps']} "
            f"steps at {len(reuse['seeded'])} reuse centres{skipped}."
        )
        for summary in app_demo_seeds(today=timezone.localdate()):
            self.stdout.write(summary)
        self.stdout.write("Demo accounts (log in at /account/aanmelden/):")
        for username, password, label in result.users:
            shown = password or "(unchanged; use --reset-passwords)"
            self.stdout.write(f"  {username:<15} {shown:<24} {label}")


def app_demo_seeds(*, today):
    """Run each later app's ``demo.seed(today=...)``, in INSTALLED_APPS order.

    The network and reuse demos above come first: the others build on their
    organisations, people and appliances. Each returns a one-line summary.
    """
    for config in apps.get_app_configs():
        if config.label in {"core", "network", "reuse"}:
            continue
        if not config.name.startswith("repairlocale."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
            continue
        if hasattr(module, "seed"):
            yield module.seed(today=today)
