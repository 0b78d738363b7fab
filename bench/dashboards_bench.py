"""Benchmark of the dashboards' data: rollups against the raw selectors (not a test).

    .venv/bin/python bench/dashboards_bench.py [--database-url URL]
        [--appliances N] [--records N] [--runs N] [--scratch-name NAME]
        [--keep] [--reuse] [--skip-raw]

Sets up its own database (a SQLite file in /tmp, or a scratch PostgreSQL database
``--scratch-name``, default ``bench_dashboards``, when --database-url points at a
PostgreSQL server; dropped at the end unless --keep; --reuse measures a kept one again
without loading it, after migrating it), migrates it, writes N appliances (default
2,000,000) and N repair records (default 1,000,000) straight through the cursor with
the rollup triggers off (the loading is not what is measured), then times
``rebuild_rollups`` once and, for five dashboards, the data of the whole page as the
dashboards view computes it (``dashboards.views._figures``: inflow per channel and per
month, repairs in total and per month, re-use impact) from the rollups, against the
same figures computed in the same run from the raw rows by the raw selectors
(``reuse.inflow.inflow_report`` per channel and per month,
``impact.selectors.impact_summary``, the repairs per month grouped from
``repair_records_for_impact`` and ``reuse_impact``). Median and p95 of --runs runs
after one warm-up; the ratio is raw ÷ rollups (p95).

The data: 30 reuse centres (10 in each pilot region, 10 elsewhere) from 2023-01-01
to 2026-11-27, categories and channels skewed as in the demo data (a few categories
and channels bring most appliances), 35 % sold, 25 % rejected at triage; repair
records: 30 % workshop (the centres), 30 % Repair Café (30 cafés), 40 % imported
without organisation, 1 % likely duplicates.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ords_import_bench import (
    Scratch,
    Table,
    install_signal_handlers,
    log,
    machine_notes,
    now,
    setup_django,
)

START, END = date(2023, 1, 1), date(2026, 11, 27)
CHANNELS = [
    ("preserving_collection", 5),
    ("home_pickup", 3),
    ("shop_dropoff", 2),
    ("repair_cafe_referral", 1),
    ("donation", 1),
    ("bulky_waste", 2),
    ("other", 1),
]
STATUSES = [
    ("sold", 35),
    ("recycled", 25),
    ("for_sale", 10),
    ("awaiting_triage", 8),
    ("awaiting_repair", 7),
    ("harvested", 5),
    ("to_recycle", 5),
    ("ready_for_pricing", 5),
]
REPAIR_STATUSES = [("Fixed", 10), ("Repairable", 5), ("End of life", 4), ("Unknown", 1)]
REASONS = ['["outdated"]', '["rust_damage", "poor_condition"]', '["contains_crt"]']


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="sqlite:")
    parser.add_argument("--appliances", type=int, default=2_000_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--scratch-name",
        default="bench_dashboards",
        help="the scratch database's name (PostgreSQL) or file stem in /tmp (SQLite)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the scratch database (SQLite: /tmp/NAME.sqlite3) for --reuse",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="reuse a database kept by --keep: migrate it, skip the loading",
    )
    parser.add_argument(
        "--skip-raw",
        action="store_true",
        help="time the rollups only (profiling runs; no ratio)",
    )
    return parser.parse_args()


def weighted(pairs):
    values = [v for v, _w in pairs]
    weights = [w for _v, w in pairs]
    return values, weights


def setup_network():
    from repairlocale.network.models import Organisation

    centres, cafes = [], []
    regions = ["brugge"] * 10 + ["vlaams_brabant"] * 10 + [""] * 10
    for i, region in enumerate(regions):
        centres.append(
            Organisation.objects.create(
                name=f"Bench kringwinkel {i:02d}",
                type=Organisation.Type.REUSE_CENTRE,
                pilot_region=region,
            )
        )
    for i in range(30):
        cafes.append(
            Organisation.objects.create(
                name=f"Bench Repair Café {i:02d}",
                type=Organisation.Type.REPAIR_CAFE,
                pilot_region=regions[i],
            )
        )
    return centres, cafes


def load(appliances: int, records: int, centres, cafes) -> None:
    from django.db import connection, transaction

    from repairlocale.dashboards import triggers
    from repairlocale.repairs.models import ProductCategory

    rng = random.Random(20261127)
    categories = list(
        ProductCategory.objects.order_by("pk").values_list("pk", flat=True)
    )
    cat_weights = [1 / (i + 1) for i in range(len(categories))]
    channels, channel_weights = weighted(CHANNELS)
    statuses, status_weights = weighted(STATUSES)
    repair_statuses, repair_weights = weighted(REPAIR_STATUSES)
    days = (END - START).days
    centre_ids = [c.pk for c in centres]
    cafe_ids = [c.pk for c in cafes]
    triggers.uninstall(connection)
    started = time.perf_counter()
    columns = (
        "organisation_id, code, intake_date, channel, product_category_id, "
        "eee_category, device_name, brand, model_number, weight_kg, weight_measured, "
        "remarks, status, closed_on, sale_price, triage_result, rejection_keys, "
        "last_repair_outcome, created_at, updated_at"
    )
    sql = f"INSERT INTO reuse_appliance ({columns}) VALUES ({', '.join(['%s'] * 20)})"
    stamp = "2026-11-27 12:00:00+00:00"
    chunk = 20_000
    for offset in range(0, appliances, chunk):
        rows = []
        for n in range(offset, min(offset + chunk, appliances)):
            intake = START + timedelta(days=rng.randrange(days))
            status = rng.choices(statuses, status_weights)[0]
            sold = status == "sold"
            closed = (
                intake + timedelta(days=rng.randrange(1, 60))
                if status in ("sold", "recycled", "harvested")
                else None
            )
            rejected = status in ("recycled", "to_recycle") and rng.random() < 0.7
            triage = None if status == "awaiting_triage" else not rejected
            rows.append(
                (
                    rng.choice(centre_ids),
                    f"B{n:09d}",
                    intake.isoformat(),
                    rng.choices(channels, channel_weights)[0],
                    rng.choices(categories, cat_weights)[0],
                    "5",
                    "Toestel",
                    "Merk",
                    "X1",
                    f"{rng.uniform(0.3, 30):.2f}",
                    True,
                    "",
                    status,
                    closed.isoformat() if closed else None,
                    f"{rng.uniform(2, 150):.2f}" if sold else None,
                    triage,
                    rng.choice(REASONS) if rejected else "",
                    rng.choice(["Fixed", "Fixed", "End of life", "Repairable"])
                    if rng.random() < 0.3
                    else "",
                    stamp,
                    stamp,
                )
            )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        if offset % 200_000 == 0:
            log(f"appliances: {offset + len(rows):,}")
    log(f"appliances loaded in {time.perf_counter() - started:.0f} s")
    columns = (
        "source, data_provider, external_id, organisation_id, country, "
        "partner_product_category, product_category_id, brand, repair_status, "
        "repair_barrier, group_identifier, item_type, model, barrier_detail, "
        "next_steps, spare_parts, event_date, problem, likely_duplicate_of_id"
    )
    sql = (
        f"INSERT INTO repairs_repairrecord ({columns}) VALUES "
        f"({', '.join(['%s'] * 19)})"
    )
    started = time.perf_counter()
    for offset in range(0, records, chunk):
        rows = []
        for n in range(offset, min(offset + chunk, records)):
            pick = rng.random()
            if pick < 0.3:
                source, org, provider = (
                    "workshop",
                    rng.choice(centre_ids),
                    "Repair Locale",
                )
            elif pick < 0.6:
                source, org, provider = (
                    "repair_cafe",
                    rng.choice(cafe_ids),
                    "Repair Locale",
                )
            else:
                source, org, provider = "imported", None, "Bench Provider"
            rows.append(
                (
                    source,
                    provider,
                    f"bench_{n}",
                    org,
                    "BEL",
                    "",
                    rng.choices(categories, cat_weights)[0],
                    "",
                    rng.choices(repair_statuses, repair_weights)[0],
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    (START + timedelta(days=rng.randrange(days))).isoformat(),
                    "",
                    None,
                )
            )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        if offset % 200_000 == 0:
            log(f"repair records: {offset + len(rows):,}")
    # Likely duplicates point at a record of the same provider: mark 1 % of them.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE repairs_repairrecord SET likely_duplicate_of_id = id - 1 "
            "WHERE id - (id / 100) * 100 = 0 AND id > 1"
        )
    log(f"repair records loaded in {time.perf_counter() - started:.0f} s")
    triggers.install(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )


def timed(fn, runs: int) -> tuple[float, float]:
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def raw_figures(scope):
    """The same figures as dashboards.views._figures, from the raw rows."""
    from django.db.models import Count, Q
    from django.db.models.functions import TruncMonth

    from repairlocale.impact.selectors import (
        impact_summary,
        repair_records_for_impact,
        reuse_impact,
    )
    from repairlocale.network.models import Organisation
    from repairlocale.reuse.inflow import GroupBy, inflow_report

    centres = (
        list(scope.organisation_ids)
        if scope.organisation_ids is not None
        else Organisation.objects.all()
    )
    kwargs = {
        "centres": centres,
        "date_from": scope.date_from,
        "date_to": scope.date_to,
    }
    inflow_report(**kwargs, group_by=GroupBy.CHANNEL)
    inflow_report(**kwargs, group_by=GroupBy.MONTH)
    filters = {
        "organisation_ids": scope.organisation_ids,
        "since": scope.date_from,
        "until": scope.date_to,
    }
    impact_summary(**filters)
    list(
        repair_records_for_impact(**filters)
        .annotate(m=TruncMonth("event_date"))
        .values("m")
        .annotate(n=Count("pk"), fixed=Count("pk", filter=Q(repair_status="Fixed")))
        .order_by()
    )
    reuse_impact(
        organisation_ids=scope.organisation_ids,
        since=scope.date_from,
        until=scope.date_to,
    )


def main() -> None:
    args = parse_args()
    install_signal_handlers()
    scratch = Scratch(args.database_url, args.scratch_name)
    if (args.keep or args.reuse) and not scratch.postgres:
        # A stable file name, so that a later --reuse run finds it.
        scratch.path = Path(f"/tmp/{args.scratch_name}.sqlite3")
        scratch.url = f"sqlite:///{scratch.path}"
    if not args.reuse:
        scratch.create()
    try:
        setup_django(scratch.url)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        table = Table()
        notes = machine_notes()
        database, where = scratch.describe()
        log(f"{database} ({where}), {now()}")
        if args.reuse:
            from repairlocale.network.models import Organisation

            bench = Organisation.objects.filter(name__startswith="Bench ")
            centres = list(bench.filter(type="reuse_centre").order_by("name"))
            cafes = list(bench.filter(type="repair_cafe").order_by("name"))
        else:
            centres, cafes = setup_network()
            load(args.appliances, args.records, centres, cafes)
        from repairlocale.dashboards.rollups import rollups_rebuild
        from repairlocale.dashboards.selectors import Scope
        from repairlocale.dashboards.views import _figures

        started = time.perf_counter()
        counts = rollups_rebuild()
        table.add(
            "rebuild_rollups",
            f"{time.perf_counter() - started:.1f} s",
            ", ".join(f"{k} {v:,}" for k, v in counts.items()),
        )
        year = (date(2025, 11, 28), date(2026, 11, 27))
        brugge = tuple(c.pk for c in centres[:10]) + tuple(c.pk for c in cafes[:10])
        hub = tuple(c.pk for c in centres[:3]) + tuple(c.pk for c in cafes[:3])
        scenarios = [
            ("Flanders, all years", Scope(START, END)),
            ("Flanders, last 12 months", Scope(*year)),
            (
                "Pilot region Brugge, last 12 months",
                Scope(*year, organisation_ids=brugge),
            ),
            (
                "Hub region (6 organisations), last 12 months",
                Scope(*year, organisation_ids=hub),
            ),
            (
                "One reuse centre, last 12 months",
                Scope(*year, organisation_ids=(centres[0].pk,)),
            ),
        ]
        for label, scope in scenarios:
            rolled = timed(lambda scope=scope: _figures(scope), args.runs)
            if args.skip_raw:
                table.add(label, f"{rolled[0]:.0f} / {rolled[1]:.0f} ms")
                continue
            raw = timed(lambda scope=scope: raw_figures(scope), max(3, args.runs // 3))
            table.add(
                label,
                f"{rolled[0]:.0f} / {rolled[1]:.0f} ms",
                f"raw rows: {raw[0]:.0f} / {raw[1]:.0f} ms; raw ÷ rollups (p95) "
                f"{raw[1] / rolled[1]:.1f}×",
            )
        # Issue 3's measure: the inflow-quality page of one centre for a year
        # (per channel, with the median days to sale), rollups against raw rows.
        from repairlocale.reuse.inflow import GroupBy, inflow_report

        def inflow_page(use_rollups: bool):
            return inflow_report(
                centres=[centres[0].pk],
                date_from=year[0],
                date_to=year[1],
                group_by=GroupBy.CHANNEL,
                use_rollups=use_rollups,
            )

        rolled = timed(lambda: inflow_page(True), args.runs)
        raw = timed(lambda: inflow_page(False), args.runs)
        table.add(
            "Inflow-quality page, one centre, 12 months (issue 3)",
            f"{rolled[0]:.0f} / {rolled[1]:.0f} ms",
            f"raw rows: {raw[0]:.0f} / {raw[1]:.0f} ms; raw ÷ rollups (p95) "
            f"{raw[1] / rolled[1]:.1f}×; {inflow_page(True).total.appliances:,} "
            "appliances",
        )
        print()
        print(
            f"{database}; {args.appliances:,} appliances, "
            f"{args.records:,} repair records; {notes}"
        )
        print("Dashboard data, median / p95 of the whole page's figures:")
        table.print()
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            scratch.drop()


if __name__ == "__main__":
    main()
