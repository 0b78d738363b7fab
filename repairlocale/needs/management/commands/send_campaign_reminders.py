"""Remind invited hubs that have not submitted (run by cron, e.g. every morning)."""

from django.core.management.base import BaseCommand

from repairlocale.needs.services import campaign_send_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder to every invited hub that has not submitted its answers, "
        "once per reminder round (7 and 2 days before the deadline). Idempotent."
    )

    def handle(self, *args, **options):
        sent = campaign_send_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
