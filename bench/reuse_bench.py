"""Benchmark of the hergebruikfiche at scale (not a test).

    .venv/bin/python bench/reuse_bench.py --appliances 1000000 [--database-url URL]

Sets up a fresh database (a SQLite file in /tmp, or a scratch PostgreSQL database
``bench_reuse`` when DATABASE_URL or --database-url points at PostgreSQL; dropped at
the end), migrates, loads the reference data and the demo network, generates N
appliances with their steps with the demo generator (chunk by chunk, so memory stays
flat), then measures in the same run:

  (a) intake through the real services: appliance_register + step_record
      (triage and safety test), one transaction per call as in the web app;
  (b) the baseline for (a): bulk_create of the same rows;
  (c) the work-queue counts (reuse.selectors.queue_counts) of one centre;
  (d) the inflow report of one centre over one year, when reuse.inflow exists;
  (e) the baseline for (c) and (d): a plain count(*) over the centre's intake of
      that year, straight through the cursor.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import resource
import signal
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH_DB = "bench_reuse"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--appliances", type=int, default=100_000, metavar="N")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="PostgreSQL server to create the scratch database on (default: SQLite).",
    )
    parser.add_argument("--chunk", type=int, default=5000, help="appliances per chunk")
    parser.add_argument("--intake", type=int, default=2000, help="appliances in (a)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--max-minutes",
        type=float,
        default=0,
        help="stop generating after this long and measure what is there",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database")
    return parser.parse_args()


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- The scratch database ---------------------------------------------------------


class Scratch:
    """A database made for this run and removed after it."""

    def __init__(self, server_url: str) -> None:
        self.postgres = server_url.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            parts = urlsplit(server_url)
            self.admin_url = urlunsplit(parts._replace(path="/postgres"))
            self.url = urlunsplit(parts._replace(path=f"/{BENCH_DB}"))
            self.path = None
        else:
            self.path = Path(f"/tmp/{BENCH_DB}_{os.getpid()}.sqlite3")
            self.url = f"sqlite:///{self.path}"

    def create(self) -> None:
        if self.postgres:
            self._admin(f"DROP DATABASE IF EXISTS {BENCH_DB}")
            self._admin(f"CREATE DATABASE {BENCH_DB}")
        else:
            self._remove_files()

    def drop(self) -> None:
        if self.postgres:
            self._admin(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        else:
            self._remove_files()

    def size(self) -> str:
        if self.postgres:
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_size_pretty(pg_database_size(%s))", [BENCH_DB]
                )
                return cursor.fetchone()[0]
        total = sum(p.stat().st_size for p in self._files() if p.exists())
        return f"{total / 2**20:.0f} MB"

    def describe(self) -> str:
        if self.postgres:
            from django.db import connection

            return f"PostgreSQL {connection.pg_version // 10000} (database {BENCH_DB})"
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version} ({self.path}, WAL)"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def _files(self) -> list[Path]:
        assert self.path is not None
        return [self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")]

    def _remove_files(self) -> None:
        for path in self._files():
            path.unlink(missing_ok=True)


# --- Measuring ----------------------------------------------------------------------


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds of ``runs`` calls after one warm-up call."""
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def median_p95(samples: list[float]) -> tuple[float, float]:
    p95 = statistics.quantiles(samples, n=20, method="inclusive")[18]
    return statistics.median(samples), p95


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def add(self, measure: str, value: str, note: str = "") -> None:
        self.rows.append((measure, value, note))

    def print(self) -> None:
        widths = [max(len(r[i]) for r in self.rows) for i in range(3)]
        rule = "  ".join("-" * w for w in widths)
        print(rule)
        for measure, value, note in self.rows:
            print(f"{measure:<{widths[0]}}  {value:>{widths[1]}}  {note}")
        print(rule)


# --- The run -----------------------------------------------------------------------


def main() -> None:
    args = parse_args()
    # Clean up on Ctrl-C and on kill (TERM), also when started in the background.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    scratch = Scratch(args.database_url)
    scratch.create()
    os.environ["DATABASE_URL"] = scratch.url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    # DEBUG keeps every query's SQL in memory and formats it: not what we measure.
    settings.DEBUG = False
    try:
        run(args, scratch)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            log(f"Database kept: {scratch.url}")
        else:
            scratch.drop()


def run(args: argparse.Namespace, scratch: Scratch) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from repairlocale.network.demo import demo_seed
    from repairlocale.network.reference import reference_data_load
    from repairlocale.repairs.models import ProductCategory
    from repairlocale.reuse.demo import demo_appliances_create, demo_reuse_centres
    from repairlocale.reuse.models import Appliance, Step
    from repairlocale.reuse.selectors import queue_counts
    from repairlocale.reuse.services import (
        appliance_register,
        codes_allocate,
        reuse_centre_for,
        step_record,
    )

    table = Table()
    today = timezone.localdate()
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    reference_data_load()
    demo_seed(random_passwords=True)
    log(f"Set-up (migrate, reference, network) {time.perf_counter() - start:.1f} s")
    table.add("database", scratch.describe())
    load_start = os.getloadavg()
    table.add(
        "set-up (migrate + reference + network)", f"{time.perf_counter() - start:.1f} s"
    )

    # -- generation ------------------------------------------------------------------
    # Round-robin over the centres chunk by chunk, so a run stopped by --max-minutes
    # still has every centre filled alike.
    centres = demo_reuse_centres()
    share, extra = divmod(args.appliances, len(centres))
    todo = {c.pk: share + (1 if n < extra else 0) for n, c in enumerate(centres)}
    rngs = {c.pk: random.Random(f"{args.seed}:{c.name}") for c in centres}
    appliances = steps = 0
    rss_early = None
    stopped = False
    start = time.perf_counter()
    while any(todo.values()) and not stopped:
        for organisation in centres:
            count = min(args.chunk, todo[organisation.pk])
            if not count:
                continue
            with transaction.atomic():
                made, made_steps = demo_appliances_create(
                    organisation=organisation,
                    count=count,
                    today=today,
                    rng=rngs[organisation.pk],
                )
            appliances += made
            steps += made_steps
            todo[organisation.pk] -= count
            if rss_early is None and appliances >= args.appliances / 10:
                rss_early = rss_mb()
            elapsed = time.perf_counter() - start
            log(
                f"  {appliances:>9,} appliances, {steps:>10,} steps, {elapsed:7.1f} s, "
                f"{(appliances + steps) / elapsed:8,.0f} rows/s, "
                f"peak RSS {rss_mb():.0f} MB"
            )
            if args.max_minutes and elapsed > args.max_minutes * 60:
                stopped = True
                break
    generate = time.perf_counter() - start
    rows = appliances + steps
    table.add(
        "appliances generated",
        f"{appliances:,}",
        f"STOPPED after {args.max_minutes} min of {args.appliances:,} asked"
        if stopped
        else "",
    )
    table.add(
        "steps generated",
        f"{steps:,}",
        f"{steps / max(appliances, 1):.2f} per appliance",
    )
    table.add("generation time", f"{generate:.1f} s", f"chunks of {args.chunk:,}")
    table.add(
        "generation rate",
        f"{rows / generate:,.0f} rows/s",
        "appliances + steps, incl. building them in Python",
    )
    table.add(
        "peak memory (RSS)",
        f"{rss_mb():.0f} MB",
        f"{rss_early or rss_mb():.0f} MB after the first 10 %",
    )

    # Planner statistics, as autovacuum would have them on a server that has been
    # running; VACUUM also sets PostgreSQL's visibility map (index-only scans).
    maintenance = "VACUUM ANALYZE" if scratch.postgres else "ANALYZE"
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(maintenance)
    table.add(maintenance, f"{time.perf_counter() - start:.1f} s")
    table.add("database size", scratch.size())

    # -- (a) intake through the services ---------------------------------------------
    rad = centres[0]
    editor = get_user_model().objects.get(username="editor")
    category = ProductCategory.objects.get(ords_name="Coffee maker")
    data = {
        "channel": "preserving_collection",
        "product_category": category,
        "eee_category": "5",
        "device_name": "Koffiezetapparaat",
        "brand": "Philips",
        "weight_kg": Decimal("1.60"),
        "intake_date": today,
    }
    start = time.perf_counter()
    registered = []
    for _ in range(args.intake):
        registered += appliance_register(
            organisation=rad, registered_by=editor, data=data
        )
    register = time.perf_counter() - start
    start = time.perf_counter()
    for appliance in registered:
        step_record(
            appliance=appliance,
            kind="triage",
            performed_by=editor,
            data={"rejection_reasons": []},
        )
        step_record(
            appliance=appliance,
            kind="safety_test",
            performed_by=editor,
            data={"passed": True, "insulation_resistance_mohm": Decimal("50")},
        )
    record = time.perf_counter() - start
    service_rows = 3 * args.intake
    service_total = register + record
    table.add(
        "(a) appliance_register",
        f"{args.intake / register:,.0f} appliances/s",
        f"{args.intake:,} calls, {register:.1f} s",
    )
    table.add(
        "(a) step_record",
        f"{2 * args.intake / record:,.0f} steps/s",
        f"{2 * args.intake:,} calls (triage + safety test), {record:.1f} s",
    )
    table.add("(a) services, all rows", f"{service_rows / service_total:,.0f} rows/s")

    # -- (b) the same rows with bulk_create -------------------------------------------
    centre = reuse_centre_for(rad)
    start = time.perf_counter()
    with transaction.atomic():
        codes = codes_allocate(centre=centre, count=args.intake)
        bulk = Appliance.objects.bulk_create(
            [
                Appliance(organisation=rad, code=code, registered_by=editor, **data)
                for code in codes
            ],
            batch_size=1000,
        )
        Step.objects.bulk_create(
            [
                Step(
                    appliance=appliance,
                    sequence=seq,
                    kind=kind,
                    performed_by=editor,
                    passed=True,
                    **fields,
                )
                for appliance in bulk
                for seq, kind, fields in (
                    (1, "triage", {}),
                    (2, "safety_test", {"insulation_resistance_mohm": Decimal("50")}),
                )
            ],
            batch_size=1000,
        )
    bulk_time = time.perf_counter() - start
    table.add(
        "(b) bulk_create, same rows",
        f"{service_rows / bulk_time:,.0f} rows/s",
        f"{service_rows:,} rows, {bulk_time:.2f} s; services take "
        f"{service_total / bulk_time:.0f}x as long",
    )

    # -- (c) work queues, (d) inflow, (e) the plain count ------------------------------
    year_ago = today - timedelta(days=365)
    queues = median_p95(timed(lambda: queue_counts(organisation=rad), 20))
    table.add(
        "(c) queue_counts, one centre",
        f"{queues[0]:.1f} ms",
        f"median of 20; p95 {queues[1]:.1f} ms",
    )

    def plain_count() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM reuse_appliance WHERE organisation_id = %s "
                "AND intake_date BETWEEN %s AND %s",
                [rad.pk, year_ago, today],
            )
            return cursor.fetchone()[0]

    baseline = median_p95(timed(plain_count, 20))
    inflow_row = None
    if importlib.util.find_spec("repairlocale.reuse.inflow"):
        from repairlocale.reuse import inflow

        if hasattr(inflow, "inflow_report"):

            def report() -> object:
                return inflow.inflow_report(
                    centres=[rad.pk], date_from=year_ago, date_to=today
                )

            inflow_row = median_p95(timed(report, 10))
            table.add(
                "(d) inflow_report, one centre, 1 year",
                f"{inflow_row[0]:.1f} ms",
                f"median of 10; p95 {inflow_row[1]:.1f} ms; by channel",
            )
        else:
            names = [n for n in dir(inflow) if not n.startswith("_")]
            table.add("(d) inflow", "skipped", f"no inflow_report in {names}")
    else:
        table.add("(d) inflow", "skipped", "repairlocale.reuse.inflow not found")
    table.add(
        "(e) plain count(*), one centre, 1 year",
        f"{baseline[0]:.2f} ms",
        f"median of 20; p95 {baseline[1]:.2f} ms; {plain_count():,} rows counted",
    )
    table.add("(c) / (e)", f"{queues[0] / baseline[0]:.1f}x", "medians")
    if inflow_row:
        table.add("(d) / (e)", f"{inflow_row[0] / baseline[0]:.0f}x", "medians")

    # The machine may be shared: the load says how much else was running.
    load_end = os.getloadavg()
    table.add(
        "load average (1/5/15 min)",
        "/".join(f"{x:.1f}" for x in load_end),
        "at the end; at the start: " + "/".join(f"{x:.1f}" for x in load_start),
    )
    print(f"\nreuse_bench: N = {appliances:,} appliances on {os.cpu_count()} CPUs\n")
    table.print()


if __name__ == "__main__":
    main()
