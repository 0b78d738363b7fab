"""Benchmark of the ORDS import (not a test).

    .venv/bin/python bench/ords_import_bench.py [--database-url URL]
        [--generated-rows N]

Sets up its own database (a SQLite file in /tmp, or a scratch PostgreSQL database
``bench_ords`` when --database-url points at a PostgreSQL server; dropped at the end),
migrates it in a child process (which loads the 40 ORDS categories), generates an
N-row ORDS v0.3 CSV in /tmp, then measures in the same run:

  (a)  the three real ORDS files (../shared/data/ords) through
       ``repairs.importer.ords_import``, one call per file, into an empty table;
  (a2) the same three files again: the idempotent run that changes nothing;
  (b)  the generated N-row file through ``ords_import``, into an empty table;
  (c)  the floor: the same rows parsed with ``csv`` (minimal conversion) and written
       with plain stdlib ``sqlite3`` ``executemany`` into a table with the same
       columns in a separate SQLite file (PostgreSQL: psycopg ``executemany`` of
       the same rows into a plain table in the scratch database, the issue's
       definition); also once with the model's indexes. On PostgreSQL also
       (c') psycopg COPY into the same table: an extra reference, stricter than
       the issue's floor, not the target's denominator;
  (m)  peak memory: tracemalloc peak of (a) and (b) in separate runs (tracemalloc
       slows Python down, so the timed runs go without it), and the process's
       maxrss (``resource.getrusage``) after each step;
  (d)  django-import-export (dev dependency): a ``ModelResource`` for RepairRecord
       importing the three real files, and the first --iex-rows rows of the
       generated file (not all N: it loads the whole file into a tablib Dataset);
       ours on that same slice for the ratio.

Seconds are wall-clock time of the whole call, batch bookkeeping and the
likely-duplicate marking included. The machine may be shared: the table records the
CPU count and the load average at the start and the end.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import resource
import shlex
import signal
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "ords"
REAL_FILES = [
    "OpenRepairData_v0.3_RepairConnects_202507.csv",
    "OpenRepairData_v0.3_RestartProject_202204.csv",
    "OpenRepairData_v0.3_anstiftung_202309.csv",
]
CATEGORIES_FILE = "OpenRepairData_v0.3_Product_Categories.csv"
ORDS_HEADER = [
    "id",
    "data_provider",
    "country",
    "partner_product_category",
    "product_category",
    "product_category_id",
    "brand",
    "year_of_manufacture",
    "product_age",
    "repair_status",
    "repair_barrier_if_end_of_life",
    "group_identifier",
    "event_date",
    "problem",
]
TABLE = "repairs_repairrecord"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="",
        help="PostgreSQL server to create the scratch database on (default: SQLite).",
    )
    parser.add_argument("--generated-rows", type=int, default=1_000_000, metavar="N")
    parser.add_argument(
        "--iex-rows",
        type=int,
        default=100_000,
        metavar="N",
        help="rows of the generated file given to django-import-export",
    )
    parser.add_argument(
        "--iex-config",
        choices=["tuned", "default"],
        default="tuned",
        help="django-import-export options: 'tuned' = use_bulk, batch_size 2000, "
        "skip_diff (its documented advice for large imports); 'default' = the "
        "library's defaults (one save() per row, a diff per row)",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--db-name", default="bench_ords")
    parser.add_argument(
        "--no-tracemalloc-generated",
        action="store_true",
        help="skip the tracemalloc run of the generated file (it takes the longest)",
    )
    parser.add_argument("--skip-iex", action="store_true")
    parser.add_argument(
        "--profile",
        choices=["none", "real", "slice", "generated"],
        default="none",
        help="cProfile one more import of ours at the end; print the top 10",
    )
    parser.add_argument("--keep", action="store_true", help="keep database and CSVs")
    return parser.parse_args()


# --- Small helpers (impact_bench.py imports these) ------------------------------------


def log(message: str) -> None:
    print(
        f"[{time.strftime('%H:%M:%S', time.gmtime())}] {message}",
        file=sys.stderr,
        flush=True,
    )


def maxrss_mb() -> float:
    """The process's peak resident set size so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_text() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def machine_notes() -> dict[str, str]:
    nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=False)
    uptime = subprocess.run(
        ["uptime"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "TZ": "UTC"},
    )
    return {
        "nproc": nproc.stdout.strip(),
        "uptime": uptime.stdout.strip(),
        "load": load_text(),
    }


class Scratch:
    """A database made for this run and removed after it."""

    def __init__(self, server_url: str, name: str) -> None:
        self.name = name
        self.postgres = server_url.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            parts = urlsplit(server_url)
            self.admin_url = urlunsplit(parts._replace(path="/postgres"))
            self.url = urlunsplit(parts._replace(path=f"/{name}"))
            self.path = None
        else:
            self.path = Path(f"/tmp/{name}_{os.getpid()}.sqlite3")
            self.url = f"sqlite:///{self.path}"

    def create(self) -> None:
        if self.postgres:
            self._admin(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
            self._admin(f"CREATE DATABASE {self.name}")
        else:
            remove_sqlite(self.path)

    def drop(self) -> None:
        if self.postgres:
            self._admin(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        else:
            remove_sqlite(self.path)

    def describe(self) -> tuple[str, str]:
        from django.db import connection

        if self.postgres:
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version")
                version = cursor.fetchone()[0]
            return f"PostgreSQL {version}", f"scratch database {self.name}"
        return (
            f"SQLite {sqlite3.sqlite_version}",
            f"{self.path}, WAL, synchronous=NORMAL",
        )

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)


def remove_sqlite(path: Path | None) -> None:
    if path is None:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("DEBUG", "true")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    # DEBUG keeps every query's SQL in memory: not what we measure.
    settings.DEBUG = False


def install_signal_handlers() -> None:
    # Clean up on Ctrl-C and on kill (TERM), also when started in the background.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []
        self.after = ""  # printed after the table (a profile, a query plan)

    def add(self, measure: str, value: str, note: str = "") -> None:
        self.rows.append((measure, value, note))
        log(f"{measure}: {value}  {note}")

    def print(self) -> None:
        """The table in Markdown, ready to paste into docs/benchmarks.md."""
        print("| measure | value | note |")
        print("|---|---:|---|")
        for measure, value, note in self.rows:
            print(f"| {measure} | {value} | {note.replace('|', '/')} |")
        if self.after:
            print(self.after)


def now() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())


def seconds(value: float) -> str:
    return f"{value:,.1f} s" if value >= 10 else f"{value:,.2f} s"


# --- The generated file ---------------------------------------------------------------

PROVIDERS = {
    "Bench Repair Network A": "BEL",
    "Bench Repair Network B": "NLD",
    "Bench Repair Network C": "DEU",
    "Bench Repair Network D": "GBR",
}
BRANDS = [
    "Philips",
    "Bosch",
    "Siemens",
    "Samsung",
    "Sony",
    "Braun",
    "Moulinex",
    "Tefal",
    "Krups",
    "DeLonghi",
    "Miele",
    "AEG",
    "HP",
    "Dell",
    "Lenovo",
    "Apple",
    "Nintendo",
    "Panasonic",
    "LG",
    "Dyson",
    "Unknown",
    "",
]
PROBLEMS = [
    "Does not switch on",
    "No sound",
    "Makes a strange noise",
    "Stopped working after a fall",
    "Cable broken",
    "Button stuck",
    "Screen stays black",
    "Leaks water",
    "Does not heat",
    "Motor runs but nothing turns",
    "Battery does not charge",
    "Loose contact",
    "Smells burnt",
    "Blows the fuse",
    "Display flickers",
    "Toestel start niet meer op",
    "Geen geluid meer",
    "Funktioniert nicht mehr",
    "",
]
STATUSES = (["Fixed"] * 10) + (["Repairable"] * 5) + (["End of life"] * 4) + ["Unknown"]
BARRIERS = [
    "Spare parts not available",
    "Spare parts too expensive",
    "No way to open product",
    "Repair information not available",
    "Lack of equipment",
    "Item too worn out",
]
FIRST_DAY = date(2012, 1, 1)
DAYS = (date(2024, 12, 31) - FIRST_DAY).days


def read_categories() -> list[tuple[str, str]]:
    with open(DATA / CATEGORIES_FILE, encoding="utf-8-sig", newline="") as file:
        return [
            (row["product_category_id"], row["product_category"])
            for row in csv.DictReader(file)
        ]


def generate_rows(count: int, seed: int) -> Iterator[list[str]]:
    """``count`` valid ORDS v0.3 rows: unique ids, random values (deterministic)."""
    rng = random.Random(seed)
    categories = read_categories()
    providers = list(PROVIDERS)
    # 2,000 groups, each belonging to one provider.
    groups = [
        (f"Bench Repair Café {n:04d}", providers[n % len(providers)])
        for n in range(2000)
    ]
    for n in range(1, count + 1):
        group, provider = groups[rng.randrange(len(groups))]
        category_id, category = categories[rng.randrange(len(categories))]
        event = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        status = STATUSES[rng.randrange(len(STATUSES))]
        barrier = BARRIERS[rng.randrange(6)] if status == "End of life" else ""
        year = age = ""
        if rng.random() < 0.4:
            made = rng.randint(1975, event.year)
            year, age = str(made), str(event.year - made)
        elif rng.random() < 0.3:
            age = f"{rng.randint(0, 300) / 10:.1f}"
        problem = PROBLEMS[rng.randrange(len(PROBLEMS))]
        if problem and rng.random() < 0.5:
            problem += f" ({rng.randrange(1000)})"
        yield [
            f"bench_{n}",
            provider,
            PROVIDERS[provider],
            f"{category} ~ bench",
            category,
            category_id,
            BRANDS[rng.randrange(len(BRANDS))],
            year,
            age,
            status,
            barrier,
            group,
            event.isoformat(),
            problem,
        ]


def write_csv(path: Path, rows: Iterator[list[str]]) -> int:
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(ORDS_HEADER)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def csv_head(path: Path, count: int) -> Iterator[list[str]]:
    with open(path, encoding="utf-8", newline="") as file:
        reader = csv.reader(file)
        next(reader)
        for n, row in enumerate(reader):
            if n >= count:
                return
            yield row


def count_rows(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        with open(path, encoding="utf-8-sig", newline="") as file:
            total += sum(1 for _ in csv.reader(file)) - 1
    return total


# --- Ours -----------------------------------------------------------------------------


def truncate_records() -> None:
    from django.db import connection, transaction

    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {TABLE} RESTART IDENTITY CASCADE")
        else:
            cursor.execute(f"DELETE FROM {TABLE}")
    log(f"  emptied {TABLE} in {time.perf_counter() - start:.1f} s")


def import_ours(paths: list[Path], label: str) -> tuple[float, list[Any]]:
    """Import the files with ``ords_import``; seconds and the batches."""
    from repairlocale.repairs.importer import ords_import

    batches = []
    start = time.perf_counter()
    for path in paths:
        next_report = [0.1]

        def progress(batch, path=path, next_report=next_report) -> None:
            if batch.progress / 100 >= next_report[0]:
                next_report[0] += 0.1
                log(
                    f"  {label} {path.name}: {batch.progress} %, {batch.rows_read:,} "
                    f"rows, {time.perf_counter() - start:.0f} s"
                )

        batch = ords_import(source=path, file_name=path.name, progress=progress)
        if batch.status != "done":
            raise RuntimeError(f"{path.name}: {batch.status}: {batch.message}")
        batches.append(batch)
    return time.perf_counter() - start, batches


def batch_counts(batches: list[Any]) -> str:
    def total(name: str) -> int:
        return sum(getattr(b, name) for b in batches)

    return (
        f"read {total('rows_read'):,}, new {total('rows_created'):,}, "
        f"updated {total('rows_updated'):,}, unchanged {total('rows_unchanged'):,}, "
        f"refused {total('rows_failed'):,}, likely duplicates "
        f"{total('likely_duplicates'):,}"
    )


def with_tracemalloc(fn: Callable[[], Any]) -> tuple[float, int, Any]:
    """Seconds, tracemalloc peak (bytes) and the result of ``fn()``."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    start = time.perf_counter()
    try:
        result = fn()
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return elapsed, peak, result


# --- The floor ------------------------------------------------------------------------


class Floor:
    """Plain inserts of the same rows into a table with the same columns.

    The plain table has the same columns and column types as repairs_repairrecord
    (from the model's own db_type), the same primary key and the unique
    (data_provider, external_id) key, no foreign keys, checks or other indexes;
    ``indexed=True`` adds the model's other indexes, copied from the real table.
    """

    def __init__(self, scratch: Scratch) -> None:
        from django.db import connection

        from repairlocale.repairs.models import ProductCategory, RepairRecord

        self.postgres = scratch.postgres
        self.scratch = scratch
        self.category_pk = {
            str(ords_id): pk
            for pk, ords_id in ProductCategory.objects.values_list("pk", "ords_id")
        }
        fields = [f for f in RepairRecord._meta.concrete_fields if not f.primary_key]
        self.columns = [f.column for f in fields]
        column_sql = ", ".join(f'"{f.column}" {f.db_type(connection)}' for f in fields)
        pk = (
            "id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
            if self.postgres
            else "id integer NOT NULL PRIMARY KEY AUTOINCREMENT"
        )
        self.create_sql = (
            "CREATE TABLE {table} (" + pk + ", " + column_sql + ", "
            "UNIQUE (data_provider, external_id))"
        )
        self.index_sql = self._model_indexes()
        if self.postgres:
            self.path = None
        else:
            self.path = Path(f"/tmp/{scratch.name}_floor_{os.getpid()}.sqlite3")
        # The values the importer writes for columns an ORDS row has no value for.
        self.defaults = {
            "source": "imported",
            "model": "",
            "item_type": "",
            "barrier_detail": "",
            "next_steps": "",
            "spare_parts": "",
        }

    def _model_indexes(self) -> list[str]:
        """The real table's secondary indexes, as SQL for the floor table."""
        from django.db import connection

        with connection.cursor() as cursor:
            if self.postgres:
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
                    [TABLE],
                )
                rows = cursor.fetchall()
            else:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    "AND tbl_name = %s AND sql IS NOT NULL",
                    [TABLE],
                )
                rows = cursor.fetchall()
        statements = []
        for name, sql in rows:
            if name.endswith("_pkey") or name == "repairs_record_unique_provider_id":
                continue  # the floor table has its own primary and unique key
            sql = sql.replace(f"public.{TABLE}", "{table}")
            sql = sql.replace(f'"{TABLE}"', "{table}").replace(
                f" {TABLE} ", " {table} "
            )
            sql = sql.replace(f'"{name}"', f'"{{table}}_{name}"')
            sql = sql.replace(f" {name} ", f" {{table}}_{name} ")
            statements.append(sql)
        return statements

    def rows(self, paths: list[Path], limit: int | None = None) -> Iterator[tuple]:
        """The rows as tuples in column order: csv parse, minimal conversion.

        The tuple is built by one compiled expression (no dict per row), so the floor
        is as low as plain Python makes it.
        """
        source = {
            "external_id": "r[0]",
            "data_provider": "r[1]",
            "country": "r[2]",
            "partner_product_category": "r[3]",
            "product_category_id": "category_pk[r[5]]",
            "brand": "r[6]",
            "year_of_manufacture": "(int(r[7]) if r[7].isdigit() else None)",
            "product_age": "(r[8] or None)",
            "repair_status": "r[9]",
            "repair_barrier": "r[10]",
            "group_identifier": "r[11]",
            "event_date": "r[12]",
            "problem": "r[13]",
        }
        expressions = [
            source.get(column, repr(self.defaults.get(column)))
            for column in self.columns
        ]
        # Built from the constants above only.
        build = eval(
            f"lambda r: ({', '.join(expressions)},)",
            {"category_pk": self.category_pk},
        )
        for path in paths:
            with open(path, encoding="utf-8-sig", newline="") as file:
                reader = csv.reader(file)
                next(reader)
                if limit is not None:
                    reader = (row for n, row in enumerate(reader) if n < limit)
                yield from map(build, reader)

    def run(
        self,
        paths: list[Path],
        *,
        indexed: bool,
        limit: int | None = None,
        copy: bool = False,
    ):
        """Seconds to write the rows of ``paths`` (one transaction per file).

        PostgreSQL: psycopg ``executemany`` (the floor), or COPY with ``copy=True``.
        """
        if self.postgres:
            return self._run_postgres(paths, indexed=indexed, limit=limit, copy=copy)
        return self._run_sqlite(paths, indexed=indexed, limit=limit)

    def _run_sqlite(self, paths, *, indexed, limit):
        remove_sqlite(self.path)
        conn = sqlite3.connect(self.path, isolation_level=None)
        try:
            # The pragmas of the project's SQLite settings.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(self.create_sql.format(table="floor"))
            if indexed:
                for sql in self.index_sql:
                    conn.execute(sql.format(table="floor"))
            columns = ", ".join(f'"{c}"' for c in self.columns)
            insert = (
                f"INSERT INTO floor ({columns}) VALUES "
                f"({', '.join('?' * len(self.columns))})"
            )
            start = time.perf_counter()
            count = 0
            for path in paths:
                conn.execute("BEGIN")
                cursor = conn.executemany(insert, self.rows([path], limit))
                count += cursor.rowcount
                conn.execute("COMMIT")
            elapsed = time.perf_counter() - start
        finally:
            conn.close()
            remove_sqlite(self.path)
        return elapsed, count

    def _run_postgres(self, paths, *, indexed, limit, copy):
        import psycopg

        with psycopg.connect(self.scratch.url, autocommit=True) as conn:
            conn.execute("DROP TABLE IF EXISTS floor")
            conn.execute(self.create_sql.format(table="floor"))
            if indexed:
                for sql in self.index_sql:
                    conn.execute(sql.format(table="floor"))
            columns = ", ".join(f'"{c}"' for c in self.columns)
            insert = (
                f"INSERT INTO floor ({columns}) VALUES "
                f"({', '.join(['%s'] * len(self.columns))})"
            )
            start = time.perf_counter()
            count = 0
            for path in paths:
                if copy:
                    with (
                        conn.transaction(),
                        conn.cursor() as cursor,
                        cursor.copy(f"COPY floor ({columns}) FROM STDIN") as writer,
                    ):
                        for row in self.rows([path], limit):
                            writer.write_row(row)
                            count += 1
                    continue
                # The floor: executemany of the same rows, one transaction
                # per file (psycopg 3 pipelines the statements).
                with conn.transaction(), conn.cursor() as cursor:
                    # A generator: the rows stream, as in the SQLite floor.
                    cursor.executemany(insert, self.rows([path], limit))
                    count += cursor.rowcount
            elapsed = time.perf_counter() - start
            conn.execute("DROP TABLE floor")
        return elapsed, count


# --- django-import-export -------------------------------------------------------------


def iex_resource(config: str):
    from import_export import fields, resources, widgets

    from repairlocale.repairs.models import ProductCategory, RepairRecord

    class RepairRecordResource(resources.ModelResource):
        """ORDS v0.3 columns onto RepairRecord; the category by its ORDS id."""

        external_id = fields.Field(attribute="external_id", column_name="id")
        data_provider = fields.Field(
            attribute="data_provider", column_name="data_provider"
        )
        country = fields.Field(attribute="country", column_name="country")
        partner_product_category = fields.Field(
            attribute="partner_product_category",
            column_name="partner_product_category",
        )
        product_category = fields.Field(
            attribute="product_category",
            column_name="product_category_id",
            widget=widgets.ForeignKeyWidget(ProductCategory, field="ords_id"),
        )
        brand = fields.Field(attribute="brand", column_name="brand")
        year_of_manufacture = fields.Field(
            attribute="year_of_manufacture",
            column_name="year_of_manufacture",
            widget=widgets.IntegerWidget(),
        )
        product_age = fields.Field(
            attribute="product_age",
            column_name="product_age",
            widget=widgets.DecimalWidget(),
        )
        repair_status = fields.Field(
            attribute="repair_status", column_name="repair_status"
        )
        repair_barrier = fields.Field(
            attribute="repair_barrier", column_name="repair_barrier_if_end_of_life"
        )
        group_identifier = fields.Field(
            attribute="group_identifier", column_name="group_identifier"
        )
        event_date = fields.Field(
            attribute="event_date",
            column_name="event_date",
            widget=widgets.DateWidget(format="%Y-%m-%d"),
        )
        problem = fields.Field(attribute="problem", column_name="problem")

        class Meta:
            model = RepairRecord
            fields = (
                "external_id",
                "data_provider",
                "country",
                "partner_product_category",
                "product_category",
                "brand",
                "year_of_manufacture",
                "product_age",
                "repair_status",
                "repair_barrier",
                "group_identifier",
                "event_date",
                "problem",
            )
            import_id_fields = ("data_provider", "external_id")
            if config == "tuned":
                use_bulk = True
                batch_size = 2000
                skip_diff = True

        def init_instance(self, row=None):
            instance = super().init_instance(row)
            instance.source = "imported"
            return instance

    return RepairRecordResource()


def import_iex(paths: list[Path], config: str, limit: int | None = None):
    """Seconds and totals of django-import-export, the file read as the admin does."""
    import tablib

    resource = iex_resource(config)
    totals: dict[str, int] = {}
    errors = 0
    start = time.perf_counter()
    for path in paths:
        with open(path, encoding="utf-8-sig", newline="") as file:
            if limit is None:
                text = file.read()
            else:
                buffer = io.StringIO()
                writer = csv.writer(buffer)
                writer.writerow(ORDS_HEADER)
                writer.writerows(csv_head(path, limit))
                text = buffer.getvalue()
        dataset = tablib.Dataset().load(text, format="csv")
        del text
        result = resource.import_data(dataset, dry_run=False, raise_errors=False)
        for key, value in result.totals.items():
            totals[key] = totals.get(key, 0) + value
        errors += len(result.base_errors) + len(result.row_errors())
        errors += len(result.invalid_rows)
        del dataset, result
    return time.perf_counter() - start, totals, errors


# --- The run --------------------------------------------------------------------------


def main() -> None:
    args = parse_args()
    install_signal_handlers()
    print("$ " + shlex.join([".venv/bin/python", *sys.argv]))
    start_notes = machine_notes()
    scratch = Scratch(args.database_url, args.db_name)
    scratch.create()
    setup_django(scratch.url)
    generated = Path(f"/tmp/{args.db_name}_{args.generated_rows}.csv")
    sliced = Path(f"/tmp/{args.db_name}_slice_{args.iex_rows}.csv")
    try:
        table = run(args, scratch, generated, sliced, start_notes)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            log(f"Kept {scratch.url}, {generated}, {sliced}")
        else:
            scratch.drop()
            generated.unlink(missing_ok=True)
            sliced.unlink(missing_ok=True)
    table.print()


def run(args, scratch: Scratch, generated: Path, sliced: Path, notes) -> Table:
    import django
    from django.db import connection

    from repairlocale.repairs.models import ProductCategory

    table = Table()
    table.add("started", now())
    table.add("machine", f"nproc {notes['nproc']}", notes["uptime"])
    table.add("load average at start (1/5/15 min)", notes["load"])
    start = time.perf_counter()
    # In a child process: loading every migration costs this process ~35 MB that a
    # real ``manage.py ords_import`` never spends, and maxrss is a high-water mark.
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": scratch.url},
        check=True,
    )
    kind, where = scratch.describe()
    table.add("database", kind, where)
    table.add(
        "Python / Django",
        f"{sys.version.split()[0]} / {django.get_version()}",
        f"migrate {time.perf_counter() - start:.1f} s; "
        f"{ProductCategory.objects.count()} ORDS categories",
    )

    real = [DATA / name for name in REAL_FILES]
    real_rows = count_rows(real)
    start = time.perf_counter()
    gen_rows = write_csv(generated, generate_rows(args.generated_rows, args.seed))
    size = generated.stat().st_size / 2**20
    table.add(
        "generated file",
        f"{gen_rows:,} rows",
        f"{generated} ({size:,.0f} MB), written in "
        f"{time.perf_counter() - start:.0f} s (not measured)",
    )
    slice_rows = write_csv(sliced, csv_head(generated, args.iex_rows))
    rss_start = maxrss_mb()
    table.add(
        "process maxrss before the imports",
        f"{rss_start:,.0f} MB",
        "Django set up (migrate ran in a child process); file written",
    )

    # (a) the real files, then (a2) again: nothing changes.
    real_time, batches = import_ours(real, "(a)")
    table.add(
        f"(a) ours, 3 real files, {real_rows:,} rows",
        seconds(real_time),
        f"{real_rows / real_time:,.0f} rows/s; {batch_counts(batches)}",
    )
    table.add("(a) process maxrss after", f"{maxrss_mb():,.0f} MB")
    again_time, batches = import_ours(real, "(a2)")
    table.add(
        "(a2) ours, same files again (no change)",
        seconds(again_time),
        f"{real_rows / again_time:,.0f} rows/s; {batch_counts(batches)}",
    )

    # (b) the generated file into an empty table.
    truncate_records()
    rss_before_b = maxrss_mb()
    gen_time, batches = import_ours([generated], "(b)")
    table.add(
        f"(b) ours, generated file, {gen_rows:,} rows",
        seconds(gen_time),
        f"{gen_rows / gen_time:,.0f} rows/s; {batch_counts(batches)}",
    )
    rss_after = maxrss_mb()
    table.add(
        "(b) process maxrss after",
        f"{rss_after:,.0f} MB",
        f"{rss_start:,.0f} MB before (a); high-water mark of the whole process "
        "(target < 150 MB)",
    )
    table.add(
        "(b) the imports' own increment of maxrss",
        f"{rss_after - rss_start:,.0f} MB",
        f"maxrss after (b) minus before (a); {rss_before_b:,.0f} MB before (b)",
    )

    # (c) the floor.
    floor = Floor(scratch)
    kind = "psycopg executemany" if scratch.postgres else "sqlite3 executemany"
    floor_real, count = floor.run(real, indexed=False)
    table.add(
        f"(c) floor, real files: {kind}",
        seconds(floor_real),
        f"{count:,} rows, {count / floor_real:,.0f} rows/s; plain table (PK + "
        "unique key)",
    )
    floor_real_ix, _ = floor.run(real, indexed=True)
    table.add(
        "(c) floor, real files, + model's indexes",
        seconds(floor_real_ix),
        f"same, with the {len(floor.index_sql)} other indexes of {TABLE}",
    )
    floor_gen, count = floor.run([generated], indexed=False)
    table.add(
        f"(c) floor, generated file: {kind}",
        seconds(floor_gen),
        f"{count:,} rows, {count / floor_gen:,.0f} rows/s; plain table",
    )
    floor_gen_ix, _ = floor.run([generated], indexed=True)
    table.add(
        "(c) floor, generated file, + model's indexes",
        seconds(floor_gen_ix),
        f"same, with the {len(floor.index_sql)} other indexes",
    )
    if scratch.postgres:
        copy_real, _ = floor.run(real, indexed=False, copy=True)
        copy_gen, _ = floor.run([generated], indexed=False, copy=True)
        table.add(
            "(c') extra reference, not the floor: psycopg COPY, real files",
            seconds(copy_real),
            f"plain table; ours / COPY {real_time / copy_real:.1f}x (stricter than "
            "the issue's floor)",
        )
        table.add(
            "(c') extra reference, not the floor: psycopg COPY, generated file",
            seconds(copy_gen),
            f"plain table; ours / COPY {gen_time / copy_gen:.1f}x",
        )
    table.add(
        "(c) ratio ours / floor, real files",
        f"{real_time / floor_real:.1f}x",
        f"{real_time / floor_real_ix:.1f}x against the floor with indexes "
        "(target <= 3x)",
    )
    table.add(
        "(c) ratio ours / floor, generated file",
        f"{gen_time / floor_gen:.1f}x",
        f"{gen_time / floor_gen_ix:.1f}x against the floor with indexes (target <= 3x)",
    )

    # (m) memory: separate runs with tracemalloc.
    truncate_records()
    mem_time, peak, _ = with_tracemalloc(lambda: import_ours(real, "(m) real"))
    table.add(
        "(m) tracemalloc peak, real files",
        f"{peak / 2**20:,.1f} MB",
        f"separate run under tracemalloc ({mem_time:.1f} s); process maxrss "
        f"{maxrss_mb():,.0f} MB",
    )
    if not args.no_tracemalloc_generated:
        truncate_records()
        mem_time, peak, _ = with_tracemalloc(
            lambda: import_ours([generated], "(m) generated")
        )
        table.add(
            f"(m) tracemalloc peak, generated {gen_rows:,} rows",
            f"{peak / 2**20:,.1f} MB",
            f"separate run under tracemalloc ({mem_time:.0f} s); process maxrss "
            f"{maxrss_mb():,.0f} MB (target < 150 MB)",
        )

    # (d) django-import-export, last: it holds whole files in memory.
    if not args.skip_iex:
        import import_export

        truncate_records()
        iex_real, totals, errors = import_iex(real, args.iex_config)
        table.add(
            f"(d) django-import-export {import_export.__version__}, real files",
            seconds(iex_real),
            f"{real_rows / iex_real:,.0f} rows/s; config {args.iex_config}; "
            f"new {totals.get('new', 0):,}, errors/invalid {errors:,}; "
            f"maxrss {maxrss_mb():,.0f} MB",
        )
        table.add(
            "(d) ratio django-import-export / ours, real",
            f"{iex_real / real_time:.1f}x",
            "target >= 5x",
        )
        truncate_records()
        slice_time, batches = import_ours([sliced], "(d) ours slice")
        table.add(
            f"(d) ours, first {slice_rows:,} generated rows",
            seconds(slice_time),
            f"{slice_rows / slice_time:,.0f} rows/s; {batch_counts(batches)}",
        )
        truncate_records()
        iex_slice, totals, errors = import_iex([sliced], args.iex_config)
        table.add(
            f"(d) django-import-export, first {slice_rows:,} generated rows",
            seconds(iex_slice),
            f"{slice_rows / iex_slice:,.0f} rows/s; new {totals.get('new', 0):,}, "
            f"errors/invalid {errors:,}; maxrss {maxrss_mb():,.0f} MB "
            "(whole file in a tablib Dataset)",
        )
        table.add(
            "(d) ratio django-import-export / ours, slice",
            f"{iex_slice / slice_time:.1f}x",
            "target >= 5x",
        )

    if args.profile != "none":
        table.after = profile(args.profile, real, sliced, generated)

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABLE}")
        left = cursor.fetchone()[0]
    end = machine_notes()
    table.add("records in the table at the end", f"{left:,}")
    table.add("load average at end (1/5/15 min)", end["load"], end["uptime"])
    table.add("finished", now())
    return table


def profile(which: str, real: list[Path], sliced: Path, generated: Path) -> str:
    """cProfile one more import of ours; the top functions as text."""
    import cProfile
    import pstats

    paths = {"real": real, "slice": [sliced], "generated": [generated]}[which]
    truncate_records()
    profiler = cProfile.Profile()
    profiler.enable()
    elapsed, _ = import_ours(paths, f"profile {which}")
    profiler.disable()
    out = io.StringIO()
    out.write(
        f"\ncProfile of ours on the {which} file(s) into an empty table, "
        f"{elapsed:.1f} s under the profiler\n"
    )
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(10)
    stats.sort_stats("cumulative").print_stats(20)
    return out.getvalue()


if __name__ == "__main__":
    main()
