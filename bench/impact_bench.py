"""Benchmark of impact_summary and impact_breakdown over many repair records.

    .venv/bin/python bench/impact_bench.py [--database-url URL] [--records N]

Sets up its own database (a SQLite file in /tmp, or a scratch PostgreSQL database
``bench_ords_impact`` when --database-url points at a PostgreSQL server; dropped at
the end), migrates it (the 40 ORDS categories and the default "Restart Project 2021
LCA" methodology come with the migrations), writes N RepairRecords straight through
the cursor (executemany on SQLite, COPY on PostgreSQL: the loading is not what is
measured), runs ANALYZE (VACUUM ANALYZE on PostgreSQL, as autovacuum would have), then
brings the dashboard rollups up to date (``manage.py rebuild_rollups``, not measured),
then times, each as the median and p95 of 7 runs after one warm-up run:

  - ``impact.selectors.impact_summary()`` without a filter, with a provider filter
    and with a date filter (one calendar year), both on its default path (the
    dashboard rollups) and on the raw path (``use_rollups=False``: one aggregate
    over the records themselves), with the ratio raw / rollups;
  - the ``impact_summary`` management command without options (it adds the re-use
    figures of the reuse centres: no appliances here);
  - the baseline: a plain ``SELECT count(*), sum(CASE ...)`` over the same table
    with the same WHERE clause, through the cursor;
  - ``impact.selectors.impact_breakdown()`` as the statistics page calls it (the
    first 201 rows) for every dimension, without a filter, and per data provider
    (the page's default) with a date filter of whole months and one with days at
    both edges, each on the rollups (the default; the group identifier is not in
    them and always reads the records) and on the raw path, with the ratio and
    whether both gave the same rows; and the page's two figures together (the
    breakdown per data provider and the totals), as the view computes them.

The records: 4 data providers (40 % / 30 % / 20 % / 10 %), the 40 categories,
Fixed 50 % / Repairable 25 % / End of life 20 % / Unknown 5 %, dates 2012 to 2024,
1 % marked as likely duplicates (which impact_summary leaves out), and texts about as
long as the real files' (so the rows are about as wide).
"""

from __future__ import annotations

import argparse
import io
import random
import shlex
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The sibling script's helpers.
from ords_import_bench import (
    TABLE,
    Scratch,
    Table,
    install_signal_handlers,
    log,
    machine_notes,
    now,
    setup_django,
)

RUNS = 7
PROVIDERS = [
    ("Bench Provider A", 4),
    ("Bench Provider B", 3),
    ("Bench Provider C", 2),
    ("Bench Provider D", 1),
]
STATUSES = (["Fixed"] * 10) + (["Repairable"] * 5) + (["End of life"] * 4) + ["Unknown"]
FIRST_DAY = date(2012, 1, 1)
DAYS = (date(2024, 12, 31) - FIRST_DAY).days
YEAR_FROM, YEAR_TO = date(2020, 1, 1), date(2020, 12, 31)
# Texts about as wide as the real files' (mean lengths over the 41,925 real rows:
# partner category 21, brand 7, group 14, problem 61 characters), so that the table
# has about the real row width.
BRANDS = ["Philips", "Bosch", "Samsung", "Braun", "Tefal", "Miele", "HP", "Sony", ""]
WORDS = [
    "toestel",
    "start",
    "niet",
    "meer",
    "op",
    "geen",
    "geluid",
    "motor",
    "draait",
    "maar",
    "niets",
    "beweegt",
    "cable",
    "broken",
    "does",
    "not",
    "switch",
    "on",
    "screen",
    "stays",
    "black",
    "leaks",
    "water",
    "funktioniert",
    "nicht",
    "mehr",
    "battery",
    "does",
    "not",
    "charge",
    "loose",
    "contact",
    "smells",
    "burnt",
    "after",
    "a",
    "fall",
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="",
        help="PostgreSQL server to create the scratch database on (default: SQLite).",
    )
    parser.add_argument("--records", type=int, default=1_000_000, metavar="N")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--db-name", default="bench_ords_impact")
    parser.add_argument(
        "--explain", action="store_true", help="print the query plan of the summary"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database")
    return parser.parse_args()


def timed(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, float, object]:
    """Median and p95 in ms of ``runs`` calls after one warm-up; the last result."""
    result = fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(samples, n=20, method="inclusive")[18]
    return statistics.median(samples), p95, result


def ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 100 else f"{value:,.1f} ms"


# --- Loading --------------------------------------------------------------------------


def record_rows(count: int, seed: int) -> Iterator[tuple]:
    """Rows in the column order of ``record_columns()``."""
    from django.db import connection

    from repairlocale.repairs.models import ProductCategory, RepairRecord

    rng = random.Random(seed)
    categories = list(ProductCategory.objects.values_list("pk", flat=True))
    providers = [name for name, weight in PROVIDERS for _ in range(weight)]
    columns = [f.column for f in RepairRecord._meta.concrete_fields]
    postgres = connection.vendor == "postgresql"
    for n in range(1, count + 1):
        status = STATUSES[rng.randrange(len(STATUSES))]
        event = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        values = {
            "id": n,
            "source": "imported",
            "data_provider": providers[rng.randrange(len(providers))],
            "external_id": f"bench_{n}",
            "country": "BEL",
            "partner_product_category": f"Partner category {rng.randrange(400):03d}",
            "product_category_id": categories[rng.randrange(len(categories))],
            "brand": BRANDS[rng.randrange(len(BRANDS))],
            "repair_status": status,
            "repair_barrier": "Lack of equipment" if status == "End of life" else "",
            "group_identifier": f"Bench Repair Café {rng.randrange(2000):04d}",
            "item_type": "",
            "model": "",
            "barrier_detail": "",
            "next_steps": "",
            "spare_parts": "",
            # 1 %: a likely duplicate of the record before it.
            "likely_duplicate_of_id": n - 1 if n > 1 and rng.random() < 0.01 else None,
            "event_date": event if postgres else event.isoformat(),
            "problem": " ".join(
                WORDS[rng.randrange(len(WORDS))] for _ in range(rng.randint(4, 14))
            ),
        }
        yield tuple(values.get(column) for column in columns)


def load_records(count: int, seed: int) -> float:
    """Write ``count`` records through the cursor; seconds."""
    from django.db import connection, transaction

    from repairlocale.repairs.models import RepairRecord

    columns = [f.column for f in RepairRecord._meta.concrete_fields]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    start = time.perf_counter()
    rows = record_rows(count, seed)
    done = 0
    chunk = 100_000
    while done < count:
        size = min(chunk, count - done)
        batch = [next(rows) for _ in range(size)]
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {TABLE} ({names}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {TABLE} ({names}) VALUES ({placeholders})", batch
                )
        done += size
        log(f"  {done:,} records, {time.perf_counter() - start:.0f} s")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The identity column must continue after the ids written here.
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{TABLE}', 'id'), %s)", [count]
            )
    return time.perf_counter() - start


# --- The run --------------------------------------------------------------------------


def main() -> None:
    args = parse_args()
    install_signal_handlers()
    print("$ " + shlex.join([".venv/bin/python", *sys.argv]))
    notes = machine_notes()
    scratch = Scratch(args.database_url, args.db_name)
    scratch.create()
    setup_django(scratch.url)
    try:
        table = run(args, scratch, notes)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            log(f"Kept {scratch.url}")
        else:
            scratch.drop()
    table.print()


def run(args: argparse.Namespace, scratch: Scratch, notes: dict) -> Table:
    import django
    from django.core.management import call_command
    from django.db import connection

    from repairlocale.impact.selectors import impact_summary

    table = Table()
    table.add("started", now())
    table.add("machine", f"nproc {notes['nproc']}", notes["uptime"])
    table.add("load average at start (1/5/15 min)", notes["load"])
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    kind, where = scratch.describe()
    table.add("database", kind, where)
    table.add(
        "Python / Django",
        f"{sys.version.split()[0]} / {django.get_version()}",
        f"migrate {time.perf_counter() - start:.1f} s",
    )

    load_time = load_records(args.records, args.seed)
    table.add(
        "records written (cursor, not measured)",
        f"{args.records:,}",
        f"{load_time:.0f} s, {args.records / load_time:,.0f} rows/s",
    )
    maintenance = "VACUUM ANALYZE" if scratch.postgres else "ANALYZE"
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"{maintenance} {TABLE}")
    table.add(maintenance, f"{time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    call_command("rebuild_rollups", stdout=io.StringIO())
    table.add("rebuild_rollups (not measured)", f"{time.perf_counter() - start:.1f} s")
    if scratch.postgres:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    provider = PROVIDERS[1][0]
    variants = [
        ("no filter", {}, "", []),
        (
            f"provider {provider!r}",
            {"provider": provider},
            "data_provider = %s",
            [provider],
        ),
        (
            f"date {YEAR_FROM} to {YEAR_TO}",
            {"since": YEAR_FROM, "until": YEAR_TO},
            "event_date BETWEEN %s AND %s",
            [YEAR_FROM, YEAR_TO],
        ),
    ]
    results = []
    raw_results = []
    for label, filters, where_sql, params in variants:
        median, p95, summary = timed(lambda filters=filters: impact_summary(**filters))
        table.add(
            f"impact_summary(), {label} [rollups, default]",
            ms(median),
            f"median of {RUNS}; p95 {ms(p95)}; {summary.records:,} records, "
            f"{summary.fixed:,} fixed, {summary.waste_kg:,} kg, "
            f"{summary.co2e_kg:,} kg CO2e",
        )
        r_median, r_p95, raw = timed(
            lambda filters=filters: impact_summary(use_rollups=False, **filters)
        )
        table.add(
            f"impact_summary(use_rollups=False), {label} [raw]",
            ms(r_median),
            f"median of {RUNS}; p95 {ms(r_p95)}; {raw.records:,} records, "
            f"{raw.fixed:,} fixed, {raw.waste_kg:,} kg, {raw.co2e_kg:,} kg CO2e; "
            + ("same figures as the rollups" if raw == summary else "DIFFERENT"),
        )
        table.add(
            f"ratio raw / rollups, {label}", f"{r_median / median:.1f}x", "medians"
        )
        raw_results.append((label, r_median, r_p95))
        where = f" WHERE {where_sql}" if where_sql else ""
        sql = (
            "SELECT count(*), sum(CASE WHEN repair_status = 'Fixed' THEN 1 ELSE 0 END) "
            f"FROM {TABLE}{where}"
        )

        def baseline(sql=sql, params=params):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchone()

        b_median, b_p95, row = timed(baseline)
        table.add(
            f"baseline count(*), sum(...), {label}",
            ms(b_median),
            f"median of {RUNS}; p95 {ms(b_p95)}; {row[0]:,} rows, {row[1]:,} fixed",
        )
        table.add(
            f"ratio impact_summary / baseline, {label}",
            f"{median / b_median:.1f}x",
            "medians",
        )
        results.append((label, median, p95))

    def command():
        call_command("impact_summary", stdout=io.StringIO())

    breakdowns = breakdown_timings(table)

    c_median, c_p95, _ = timed(command)
    table.add(
        "manage.py impact_summary (no options)",
        ms(c_median),
        f"median of {RUNS}; p95 {ms(c_p95)}; repairs + re-use figures",
    )
    target = 500 if scratch.postgres else 1000
    worst_median = max(median for _, median, _ in results)
    worst_p95 = max(p95 for _, _, p95 in results)
    verdict = "met" if worst_median < target else "MISSED"
    table.add(
        "target, rollups (default path)",
        f"< {target:,} ms",
        f"slowest impact_summary() median {ms(worst_median)}: {verdict}; "
        f"slowest p95 {ms(worst_p95)}: " + ("met" if worst_p95 < target else "MISSED"),
    )
    raw_median = max(median for _, median, _ in raw_results)
    raw_p95 = max(p95 for _, _, p95 in raw_results)
    table.add(
        "target, raw path (use_rollups=False)",
        f"< {target:,} ms",
        f"slowest median {ms(raw_median)}: "
        + ("met" if raw_median < target else "MISSED")
        + f"; slowest p95 {ms(raw_p95)}: "
        + ("met" if raw_p95 < target else "MISSED"),
    )
    slowest = max(breakdowns, key=lambda item: item[1])
    table.add(
        "target, statistics page breakdown (rollups, default)",
        f"< {target:,} ms",
        f"slowest median {ms(slowest[1])} ({slowest[0]}): "
        + ("met" if slowest[1] < target else "MISSED")
        + f"; its p95 {ms(slowest[2])}: "
        + ("met" if slowest[2] < target else "MISSED"),
    )
    end = machine_notes()
    table.add("load average at end (1/5/15 min)", end["load"], end["uptime"])
    table.add("finished", now())

    if args.explain:
        table.after = explain(scratch.postgres)
    return table


def breakdown_timings(table: Table) -> list[tuple[str, float, float]]:
    """Time impact_breakdown on both paths; (label, median, p95) of the default path.

    Only the rollup timings count towards the target: the group identifier is not
    in the rollups, so its default path is the raw one.
    """
    from repairlocale.impact.selectors import (
        GROUP_BY,
        impact_breakdown,
        impact_summary,
    )
    from repairlocale.repairs.views.stats import PAGE_ROWS

    edges_from, edges_to = date(2020, 1, 15), date(2020, 12, 15)
    variants = [(group_by, {}) for group_by in GROUP_BY]
    variants += [
        ("data_provider", {"since": YEAR_FROM, "until": YEAR_TO}),
        ("data_provider", {"since": edges_from, "until": edges_to}),
    ]
    results = []
    for group_by, filters in variants:
        label = group_by + (
            f", {filters['since']} to {filters['until']}" if filters else ""
        )

        def page(use_rollups: bool, group_by=group_by, filters=filters):
            return impact_breakdown(
                group_by=group_by,
                limit=PAGE_ROWS + 1,
                use_rollups=use_rollups,
                **filters,
            )

        median, p95, rows = timed(lambda page=page: page(True))
        path = "rollups" if group_by != "group_identifier" else "records"
        table.add(
            f"impact_breakdown({label}) [default: {path}]",
            ms(median),
            f"median of {RUNS}; p95 {ms(p95)}; {len(rows)} rows, "
            f"{sum(r.records for r in rows):,} records in them",
        )
        r_median, r_p95, raw = timed(lambda page=page: page(False))
        table.add(
            f"impact_breakdown({label}, use_rollups=False) [raw]",
            ms(r_median),
            f"median of {RUNS}; p95 {ms(r_p95)}; "
            + ("same rows as the default" if raw == rows else "DIFFERENT ROWS"),
        )
        table.add(
            f"ratio raw / default, breakdown {label}",
            f"{r_median / median:.1f}x",
            "medians",
        )
        if path == "rollups":
            results.append((label, median, p95))

    def stats_page(use_rollups: bool):
        return (
            impact_breakdown(
                group_by="data_provider",
                limit=PAGE_ROWS + 1,
                use_rollups=use_rollups,
            ),
            impact_summary(use_rollups=use_rollups),
        )

    median, p95, figures = timed(lambda: stats_page(True))
    table.add(
        "statistics page figures: breakdown per provider + totals [rollups]",
        ms(median),
        f"median of {RUNS}; p95 {ms(p95)}",
    )
    r_median, r_p95, raw = timed(lambda: stats_page(False))
    table.add(
        "statistics page figures: breakdown per provider + totals [raw]",
        ms(r_median),
        f"median of {RUNS}; p95 {ms(r_p95)}; "
        + ("same figures" if raw == figures else "DIFFERENT"),
    )
    results.append(("page figures", median, p95))
    return results


def explain(postgres: bool) -> str:
    """Print impact_summary()'s aggregate query and its plan."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from repairlocale.impact.selectors import impact_summary

    with CaptureQueriesContext(connection) as queries:
        impact_summary()
    sql = queries.captured_queries[-1]["sql"]
    lines = ["", "impact_summary() aggregate query:", sql]
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        plan = cursor.fetchall()
    lines += ["", f"{prefix.strip()}:"]
    lines += ["  " + " ".join(str(cell) for cell in row) for row in plan]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
