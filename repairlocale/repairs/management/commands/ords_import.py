"""``manage.py ords_import``: import ORDS files (CSV or XLSX) as repair records."""

from __future__ import annotations

import csv
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from repairlocale.repairs.importer import ERROR_REPORT_HEADER, error_report_row
from repairlocale.repairs.importer import ords_import as run_import
from repairlocale.repairs.models import ImportBatch
from repairlocale.repairs.ords import RowError

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import Open Repair Data Standard files (v0.1, v0.2.1, v0.3; CSV with , or ; "
        "in UTF-8 or Windows-1252, or XLSX). Idempotent on (data provider, id): "
        "importing a file again changes nothing, a newer release updates the rows "
        "that changed. Invalid rows are refused and reported, valid rows imported; "
        "likely duplicates of another provider's records are marked. Shows a "
        "progress bar on stderr and a summary per file; exits with 1 when a file "
        "cannot be read at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="ORDS file(s).")
        parser.add_argument(
            "--provider",
            metavar="NAME",
            help="Data provider for every row, instead of the data_provider column.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and validate, count what would change, save nothing.",
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=2000,
            metavar="N",
            help="Rows written per transaction (default 2000); a killed import "
            "keeps whole chunks only.",
        )
        parser.add_argument(
            "--errors",
            metavar="OUT.csv",
            help="Write every refused row and note to this CSV file "
            "(file,line,column,value,reason).",
        )

    def handle(self, *args, **options):
        errors_file = None
        writer = None
        if options["errors"]:
            try:
                errors_file = open(  # noqa: SIM115 - closed below
                    options["errors"], "w", newline="", encoding="utf-8"
                )
            except OSError as error:
                raise CommandError(
                    f"Cannot write {options['errors']}: {error}"
                ) from None
            writer = csv.writer(errors_file)
            writer.writerow(["file", *ERROR_REPORT_HEADER])
        unreadable = []
        try:
            for path in options["paths"]:
                batch = self._import(path, options, writer)
                if batch.status == ImportBatch.Status.FAILED:
                    unreadable.append(path)
        finally:
            if errors_file:
                errors_file.close()
        if unreadable:
            raise CommandError(
                f"Could not read {len(unreadable)} file(s): {', '.join(unreadable)}",
                returncode=1,
            )

    def _import(self, path: str, options, writer) -> ImportBatch:
        name = Path(path).name

        def on_error(error: RowError) -> None:
            if writer:
                writer.writerow([name, *error_report_row(error)])

        bar = _ProgressBar(self.stderr, name)
        started = time.monotonic()
        batch = run_import(
            source=path,
            file_name=name,
            data_provider=options["provider"],
            dry_run=options["dry_run"],
            progress=bar.update,
            on_error=on_error,
            chunk_size=options["chunk_size"],
        )
        bar.close()
        seconds = max(time.monotonic() - started, 1e-6)
        if batch.status == ImportBatch.Status.FAILED:
            self.stderr.write(self.style.ERROR(f"{name}: {batch.message}"))
            return batch
        rate = batch.rows_read / seconds
        self.stdout.write(
            f"{name}: {batch.rows_read} rows read, {batch.rows_created} created, "
            f"{batch.rows_updated} updated, {batch.rows_unchanged} unchanged, "
            f"{batch.rows_failed} refused, {batch.likely_duplicates} likely "
            f"duplicates ({seconds:.1f} s, {rate:,.0f} rows/s)"
            + (" [dry run: nothing saved]" if batch.dry_run else "")
        )
        return batch


class _ProgressBar:
    """``name [#####.....]  42 %  12,000 rows`` redrawn in place on a terminal.

    The percentage is of the file's bytes read (of the rows, for a workbook). When
    stderr is not a terminal (cron, CI), one line per 10 % instead.
    """

    def __init__(self, stream, name: str):
        self.stream = stream
        self.name = name
        self.tty = stream.isatty()
        self.shown = -1
        self.drawn = False

    def update(self, batch: ImportBatch) -> None:
        percent = batch.progress
        step = percent if self.tty else percent // 10 * 10
        if step == self.shown:
            return
        self.shown = step
        filled = BAR_WIDTH * percent // 100
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        text = f"{self.name} [{bar}] {percent:3d} %  {batch.rows_read:,} rows"
        if self.tty:
            self.stream.write("\r" + text, style_func=str, ending="")
            self.stream.flush()
            self.drawn = True
        else:
            self.stream.write(text, style_func=str)

    def close(self) -> None:
        if self.drawn:
            self.stream.write("")
