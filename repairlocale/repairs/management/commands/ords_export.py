"""``manage.py ords_export``: repair records as Open Repair Data Standard v0.3 rows."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from repairlocale.repairs.exports import (
    data_providers,
    ords_rows,
    records_for_export,
    write_ords_csv,
    write_ords_json,
)

WRITERS = {"csv": write_ords_csv, "json": write_ords_json}


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date (use YYYY-MM-DD)"
        ) from None


class _Raw:
    """Hand text to the command's stdout as is (OutputWrapper adds line endings)."""

    def __init__(self, stdout) -> None:
        self.stdout = stdout

    def write(self, text: str) -> None:
        self.stdout.write(text, ending="")


class Command(BaseCommand):
    help = (
        "Export repair records as Open Repair Data Standard v0.3 rows (the 14 columns "
        "of the standard, in its order), as CSV or as a JSON array. Our own records "
        "get stable ids 'repairlocale-<n>'; problem texts lose e-mail addresses and "
        "phone numbers; CSV text cells are protected against formula injection. "
        "Likely duplicates of records in the same export are left out unless "
        "--include-duplicates. Filters on the repair date; streams the rows. Writes "
        "to stdout unless --output is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--provider",
            action="extend",
            nargs="+",
            default=[],
            metavar="NAME",
            help="Data provider, exactly as stored (e.g. 'Repair Locale', 'Repair "
            "Connects'); repeatable. Default: every provider.",
        )
        parser.add_argument(
            "--since",
            type=_date,
            metavar="DATE",
            help="First repair date, included (YYYY-MM-DD).",
        )
        parser.add_argument(
            "--until",
            type=_date,
            metavar="DATE",
            help="Last repair date, included (YYYY-MM-DD).",
        )
        parser.add_argument(
            "--format",
            choices=sorted(WRITERS),
            help="Output format. Default: from the --output suffix, else csv.",
        )
        parser.add_argument(
            "--output",
            "-o",
            metavar="FILE",
            help="File to write (written as FILE.part, then renamed). Default: stdout.",
        )
        parser.add_argument(
            "--include-duplicates",
            action="store_true",
            help="Keep records marked as likely duplicates of other records in the "
            "export.",
        )

    def handle(self, *args, **options):
        since, until = options["since"], options["until"]
        if since and until and since > until:
            raise CommandError("--since lies after --until.")
        providers = options["provider"]
        if providers:
            known = data_providers()
            unknown = [p for p in providers if p not in known]
            if unknown:
                raise CommandError(
                    f"No records of {', '.join(map(repr, unknown))}. "
                    f"Data providers: {', '.join(map(repr, known)) or 'none'}."
                )
        output = options["output"]
        fmt = options["format"] or (
            "json" if output and output.lower().endswith(".json") else "csv"
        )
        write = WRITERS[fmt]
        rows = ords_rows(
            records_for_export(providers=providers, since=since, until=until),
            include_duplicates=options["include_duplicates"],
        )
        if not output:
            write(rows, _Raw(self.stdout))
            return

        # Write beside the target and rename, so a reader (or a job that uploads the
        # file) never sees a half-written export.
        target = Path(output)
        partial = target.with_name(target.name + ".part")
        try:
            with partial.open("w", newline="", encoding="utf-8") as out:
                count = write(rows, out)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(self.style.SUCCESS(f"Wrote {count} ORDS rows to {target}."))
