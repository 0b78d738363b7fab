"""``manage.py export_appliances``: one row per appliance for OVAM/Recupel reporting."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from repairlocale.network.models import Organisation
from repairlocale.reuse.exports import (
    APPLIANCE_COLUMNS,
    appliance_rows,
    appliances_for_export,
    write_csv,
    write_xlsx,
)
from repairlocale.reuse.models import ReuseCentre


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date (use YYYY-MM-DD)"
        ) from None


class Command(BaseCommand):
    help = (
        "Export one row per appliance (code, centre, site, intake date, channel, "
        "municipality, ORDS and EEE category, device, weight, status, rejection "
        "reasons, latest repair outcome, sale) as CSV or XLSX, for OVAM/Recupel "
        "reporting. Filters on the intake date; streams the rows in chunks. CSV goes "
        "to stdout unless --output is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--centre",
            action="extend",
            nargs="+",
            default=[],
            metavar="PK|PREFIX",
            help="Reuse centre by organisation id or label prefix (e.g. RAD); "
            "repeatable. Default: every centre.",
        )
        parser.add_argument(
            "--since", type=_date, help="First intake date, included (YYYY-MM-DD)."
        )
        parser.add_argument(
            "--until", type=_date, help="Last intake date, included (YYYY-MM-DD)."
        )
        parser.add_argument(
            "--format",
            choices=["csv", "xlsx"],
            help="Output format. Default: from the --output suffix, else csv.",
        )
        parser.add_argument(
            "--output", "-o", help="File to write. Default: stdout (CSV only)."
        )

    def handle(self, *args, **options):
        centres = self._centres(options["centre"])
        since, until = options["since"], options["until"]
        if since and until and since > until:
            raise CommandError("--since lies after --until.")
        output = options["output"]
        fmt = options["format"] or (
            "xlsx" if output and output.lower().endswith(".xlsx") else "csv"
        )
        if fmt == "xlsx" and not output:
            raise CommandError("XLSX needs --output FILE.")

        rows = appliance_rows(
            appliances_for_export(centres=centres, since=since, until=until)
        )
        if not output:
            write_csv(APPLIANCE_COLUMNS, rows, self.stdout)
            return

        # Write beside the target and rename, so a reader (or a cron job that
        # uploads the file) never sees a half-written export.
        target = Path(output)
        partial = target.with_name(target.name + ".part")
        try:
            if fmt == "csv":
                with partial.open("w", newline="", encoding="utf-8") as out:
                    count = write_csv(APPLIANCE_COLUMNS, rows, out)
            else:
                count = write_xlsx(APPLIANCE_COLUMNS, rows, partial, title="appliances")
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(self.style.SUCCESS(f"Wrote {count} appliances to {target}."))

    def _centres(self, tokens: list[str]) -> list[int] | None:
        """Organisation ids for the --centre values; None when none were given."""
        if not tokens:
            return None
        ids = []
        for token in tokens:
            if token.isdigit():
                found = Organisation.objects.filter(
                    pk=int(token), type=Organisation.Type.REUSE_CENTRE
                ).values_list("pk", flat=True)
            else:
                found = ReuseCentre.objects.filter(
                    code_prefix=token.upper()
                ).values_list("organisation_id", flat=True)
            pk = found.first()
            if pk is None:
                raise CommandError(f"No reuse centre {token!r}.")
            ids.append(pk)
        return ids
