"""Benchmark of the hergebruikfiche at 1 million appliances (not a test).

    .venv/bin/python bench/reuse_bench.py [--appliances 1000000] [--database-url URL]
        [--scratch-name NAME] [--intake 2000] [--steps 5000] [--runs 20]

Sets up its own database (a SQLite file in /tmp, or a scratch PostgreSQL database
NAME on the server of --database-url; dropped at the end), migrates it, loads the
reference data and the demo network (three pilot reuse centres with their staff),
then:

1. **Populates** N appliances with a realistic step history over the two years
   before today, spread over the pilot centres: triage (rejection rates per
   collection channel), safety test, repairs (Fixed / End of life, then a new
   safety test), functional test, data wiping for IT, cleaning, the re-use criteria
   check, pricing, sale; rejected and unrepairable appliances are recycled or their
   parts harvested; recent appliances are still open (the work queues). Rows are
   written in chunks with ``executemany`` (SQLite) or ``COPY`` (PostgreSQL), with
   the rollup triggers off; the appliance row gets the same denormalised step facts
   the services write (status, closed_on, sale_price, triage_result,
   rejection_keys, last_repair_outcome), checked against ``lifecycle.derive_state``
   on a sample; every repair step gets its ORDS repair record as ``step_record``
   makes it. Then ``rollups_rebuild`` and ANALYZE (VACUUM ANALYZE on PostgreSQL).
2. **Measures at that size**, in the same run:
   (a) intake through the real services: ``appliance_register`` (one call, one
       transaction per appliance), and ``step_record`` (triage + safety test +
       functional test … on the new appliances, one transaction per step);
   (b) the baseline for (a): ``bulk_create`` of the same rows; ratio (a) ÷ (b);
   (c) ``queue_counts`` of one centre;
   (d) the inflow-quality page of one centre for one year
       (``reuse.inflow.inflow_report``, per channel, default rollup path), median
       and p95 of --runs runs after one warm-up, against
   (e) the same report from the raw rows (``use_rollups=False``) and
   (f) a plain ``count(*)`` of that centre-year through the cursor.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ords_import_bench import (
    Scratch,
    Table,
    install_signal_handlers,
    log,
    machine_notes,
    maxrss_mb,
    now,
    setup_django,
)

CHANNELS = [
    # (channel, weight, share rejected at triage)
    ("preserving_collection", 5, 0.15),
    ("home_pickup", 3, 0.25),
    ("shop_dropoff", 2, 0.20),
    ("repair_cafe_referral", 1, 0.30),
    ("donation", 1, 0.10),
    ("bulky_waste", 2, 0.45),
    ("other", 1, 0.30),
]
DEVICES = [
    # (device, EEE category, kg)
    ("Koffiezetapparaat", "5", 1.6),
    ("Stofzuiger", "5", 5.0),
    ("Microgolfoven", "5", 12.0),
    ("Laptop", "6", 2.2),
    ("Radio", "5", 1.5),
    ("Waterkoker", "5", 1.0),
    ("Televisie", "2", 9.0),
    ("Wasmachine", "4", 65.0),
    ("Koelkast", "1", 45.0),
    ("Boormachine", "5", 1.8),
]
BRANDS = ["Philips", "Bosch", "Miele", "Samsung", "Braun", "Tefal", "Siemens", ""]
REASONS = ["outdated", "rust_damage", "poor_condition", "not_economically_repairable"]
CRITERIA = [
    "fully_functional",
    "electrically_safe",
    "complete_housing",
    "essential_parts_good",
    "no_significant_damage",
    "no_cfc_hcfc",
    "meets_energy_requirements",
    "no_crt",
    "regular_market",
]
CRITERIA_JSON = json.dumps(dict.fromkeys(CRITERIA, True))
APPLIANCE_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "code",
    "intake_date",
    "channel",
    "eee_category",
    "device_name",
    "brand",
    "model_number",
    "production_year",
    "weight_kg",
    "weight_measured",
    "remarks",
    "status",
    "closed_on",
    "sale_price",
    "organisation_id",
    "product_category_id",
    "registered_by_id",
    "site_id",
    "source_municipality_id",
    "last_repair_outcome",
    "rejection_keys",
    "triage_result",
)
STEP_COLUMNS = (
    "id",
    "appliance_id",
    "sequence",
    "kind",
    "performed_at",
    "performed_by_id",
    "duration_minutes",
    "passed",
    "notes",
    "rejection_reasons",
    "defects",
    "insulation_resistance_mohm",
    "instrument",
    "diagnosis",
    "fault_type",
    "parts_used",
    "repair_outcome",
    "barrier",
    "wipe_method",
    "criteria",
    "price",
    "warranty_months",
    "sold_on",
    "harvested_parts",
    "weee_stream",
)
RECORD_COLUMNS = (
    "source",
    "data_provider",
    "external_id",
    "organisation_id",
    "country",
    "partner_product_category",
    "product_category_id",
    "brand",
    "year_of_manufacture",
    "repair_status",
    "repair_barrier",
    "group_identifier",
    "item_type",
    "model",
    "barrier_detail",
    "next_steps",
    "spare_parts",
    "event_date",
    "problem",
    "workshop_step_id",
    "repairer_id",
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="sqlite:")
    parser.add_argument("--scratch-name", default="h1_bench")
    parser.add_argument("--appliances", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=20_000)
    parser.add_argument("--intake", type=int, default=2000, help="calls in (a)")
    parser.add_argument("--steps", type=int, default=5000, help="steps in (a)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    return parser.parse_args()


# --- The step histories -------------------------------------------------------------


class History:
    """One appliance's steps (as column tuples) and the state they lead to.

    The state is computed along the way with the rules of ``lifecycle.derive_state``
    (checked on a sample in the run), so no Step objects are needed per row.
    """

    __slots__ = ("state", "steps")

    def __init__(self) -> None:
        self.steps: list[tuple] = []
        self.state: dict = {}


class Generator:
    def __init__(self, *, today: date, seed: int, staff: dict[int, list[int]]):
        self.rng = random.Random(seed)
        self.today = today
        self.staff = staff
        self.channels = [c for c, _w, _r in CHANNELS]
        self.channel_weights = [w for _c, w, _r in CHANNELS]
        self.rejection = {c: r for c, _w, r in CHANNELS}

    def history(self, org: int, intake: date, channel: str, eee: str) -> History:
        rng = self.rng
        staff = self.staff[org]
        out = History()
        day = intake
        clock = None
        state = {
            "status": "awaiting_triage",
            "closed_on": None,
            "sale_price": None,
            "triage_result": None,
            "rejection_keys": "",
            "last_repair_outcome": "",
        }

        def add(kind: str, delay: int, **fields) -> bool:
            """Append a step ``delay`` days later; False when that is not past yet."""
            nonlocal day, clock
            day = day + timedelta(days=delay)
            if day >= self.today:
                return False
            clock = datetime(
                day.year, day.month, day.day, 8, 0, tzinfo=UTC
            ) + timedelta(minutes=rng.randrange(0, 480))
            out.steps.append((kind, clock, rng.choice(staff), fields))
            return True

        def close(kind: str, status: str, **fields) -> None:
            if add(kind, rng.randint(1, 10), **fields):
                state["status"] = status
                state["closed_on"] = fields.get("sold_on") or day
                if kind == "sale":
                    state["sale_price"] = fields["price"]
            out.state = state

        rejected = rng.random() < self.rejection[channel]
        reasons = rng.sample(REASONS, rng.randint(1, 2)) if rejected else []
        if eee == "2" and rejected and rng.random() < 0.5:
            reasons = ["contains_crt"]
        if not add("triage", rng.randint(0, 2), passed=not rejected, reasons=reasons):
            out.state = state
            return out
        state["triage_result"] = not rejected
        state["rejection_keys"] = json.dumps(reasons) if reasons else ""
        if rejected:
            state["status"] = "to_recycle"
            if rng.random() < 0.75:
                close("recycling", "recycled", weee_stream="Recupel")
            else:
                close("parts_harvest", "harvested", harvested_parts="motor, kabel")
            return out
        state["status"] = "awaiting_safety_test"
        safe = rng.random() < 0.8
        if not add("safety_test", rng.randint(1, 5), passed=safe):
            out.state = state
            return out
        if not safe:
            state["status"] = "awaiting_repair"
            outcome = "Fixed" if rng.random() < 0.6 else "End of life"
            if not add("repair", rng.randint(1, 14), outcome=outcome):
                out.state = state
                return out
            state["last_repair_outcome"] = outcome
            if outcome == "End of life":
                state["status"] = "to_recycle"
                if rng.random() < 0.5:
                    close("parts_harvest", "harvested", harvested_parts="print")
                else:
                    close("recycling", "recycled", weee_stream="Recupel")
                return out
            state["status"] = "awaiting_safety_test"
            if not add("safety_test", rng.randint(0, 3), passed=True):
                out.state = state
                return out
        state["status"] = "awaiting_criteria"
        if not add("functional_test", 0, passed=True):
            out.state = state
            return out
        if eee == "6" and not add("data_wipe", rng.randint(0, 2), passed=True):
            out.state = state
            return out
        if not add("cleaning", rng.randint(0, 3)):
            out.state = state
            return out
        if not add("criteria_check", rng.randint(0, 2), passed=True):
            out.state = state
            return out
        state["status"] = "ready_for_pricing"
        price = Decimal(rng.randrange(300, 15000)) / 100
        if not add("pricing", rng.randint(0, 3), price=price):
            out.state = state
            return out
        state["status"] = "for_sale"
        if rng.random() < 0.85:
            sold_on = day + timedelta(days=rng.randint(1, 60))
            if sold_on < self.today:
                close("sale", "sold", sold_on=sold_on, price=price)
                return out
        out.state = state
        return out


def step_row(
    step_id: int, appliance_id: int, sequence: int, step, *, naive: bool
) -> tuple:
    kind, clock, user, f = step
    if naive:  # SQLite: Django stores UTC without an offset
        clock = clock.replace(tzinfo=None)
    passed = f.get("passed")
    return (
        step_id,
        appliance_id,
        sequence,
        kind,
        clock,
        user,
        None if kind in ("pricing", "sale", "recycling") else 15,
        passed if kind != "cleaning" else None,
        "",
        json.dumps(f.get("reasons", [])),
        "",
        Decimal("50.00") if kind == "safety_test" else None,
        "Benning ST 725" if kind == "safety_test" else "",
        "Defecte voeding" if kind == "repair" else "",
        "voeding" if kind == "repair" else "",
        "",
        f.get("outcome", ""),
        "",
        "Blancco" if kind == "data_wipe" else "",
        CRITERIA_JSON if kind == "criteria_check" else "{}",
        f.get("price"),
        12 if kind == "pricing" else None,
        f.get("sold_on"),
        f.get("harvested_parts", ""),
        f.get("weee_stream", ""),
    )


def check_against_lifecycle(samples: list[tuple[History, date]]) -> tuple[int, int]:
    """How many sampled histories lead to the same state in ``derive_state``."""
    from repairlocale.reuse.lifecycle import derive_state
    from repairlocale.reuse.models import Step
    from repairlocale.reuse.services import state_fields

    agree = 0
    for history, _intake in samples:
        steps = [
            Step(
                sequence=n,
                kind=kind,
                performed_at=clock,
                passed=f.get("passed"),
                rejection_reasons=f.get("reasons", []),
                repair_outcome=f.get("outcome", ""),
                price=f.get("price"),
                sold_on=f.get("sold_on"),
            )
            for n, (kind, clock, _user, f) in enumerate(history.steps, 1)
        ]
        if state_fields(derive_state(steps)) == history.state:
            agree += 1
    return agree, len(samples)


# --- Loading -----------------------------------------------------------------------


def insert(connection, table: str, columns: tuple[str, ...], rows: list[tuple]):
    if not rows:
        return
    if connection.vendor == "postgresql":
        raw = connection.connection
        with raw.cursor() as cursor:
            sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
        return
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def populate(args, centres, today: date, table: Table) -> tuple[int, int, int]:
    from django.db import connection, transaction

    from repairlocale.dashboards import triggers
    from repairlocale.repairs.models import ProductCategory
    from repairlocale.repairs.services import DATA_PROVIDER
    from repairlocale.reuse.demo import _staff
    from repairlocale.reuse.models import Appliance, ReuseCentre, Step
    from repairlocale.reuse.services import reuse_centre_for

    staff = {c.pk: _staff(c)[0] for c in centres}
    prefixes = {c.pk: reuse_centre_for(c).code_prefix for c in centres}
    numbers = dict.fromkeys(prefixes, 0)
    categories = list(
        ProductCategory.objects.order_by("pk").values_list("pk", "ords_name")
    )
    generator = Generator(today=today, seed=args.seed, staff=staff)
    rng = generator.rng
    first_day = today - timedelta(days=730)
    naive = connection.vendor != "postgresql"
    stamp = datetime.now(UTC)
    if naive:
        stamp = stamp.replace(tzinfo=None)
    next_appliance = (
        Appliance.objects.order_by("-pk").values_list("pk").first() or [0]
    )[0] + 1
    next_step = (Step.objects.order_by("-pk").values_list("pk").first() or [0])[0] + 1
    centre_ids = [c.pk for c in centres]
    names = {c.pk: c.name for c in centres}
    samples: list[tuple[History, date]] = []
    made = steps = records = 0
    triggers.uninstall(connection)
    started = time.perf_counter()
    for offset in range(0, args.appliances, args.chunk):
        appliance_rows, step_rows, record_rows = [], [], []
        for _n in range(offset, min(offset + args.chunk, args.appliances)):
            org = centre_ids[_n % len(centre_ids)]
            numbers[org] += 1
            intake = first_day + timedelta(days=rng.randrange(730))
            channel = rng.choices(generator.channels, generator.channel_weights)[0]
            device, eee, kg = rng.choice(DEVICES)
            category = rng.choice(categories)[0]
            history = generator.history(org, intake, channel, eee)
            if len(samples) < 3000:
                samples.append((history, intake))
            code = f"{prefixes[org]}-{numbers[org]:06d}"
            brand = rng.choice(BRANDS)
            year = rng.choice([None, 2012, 2016, 2019, 2021])
            s = history.state
            appliance_rows.append(
                (
                    next_appliance,
                    stamp,
                    stamp,
                    code,
                    intake,
                    channel,
                    eee,
                    device,
                    brand,
                    "",
                    year,
                    Decimal(f"{kg * rng.uniform(0.7, 1.3):.2f}"),
                    True,
                    "",
                    s["status"],
                    s["closed_on"],
                    s["sale_price"],
                    org,
                    category,
                    staff[org][0],
                    None,
                    None,
                    s["last_repair_outcome"],
                    s["rejection_keys"],
                    s["triage_result"],
                )
            )
            for sequence, step in enumerate(history.steps, 1):
                step_rows.append(
                    step_row(next_step, next_appliance, sequence, step, naive=naive)
                )
                if step[0] == "repair":
                    day = step[1].date()
                    record_rows.append(
                        (
                            "workshop",
                            DATA_PROVIDER,
                            f"repairlocale_{code}_{sequence}",
                            org,
                            "BEL",
                            device,
                            category,
                            brand,
                            year,
                            step[3]["outcome"],
                            "",
                            names[org],
                            "",
                            "",
                            "",
                            "",
                            "",
                            day,
                            "voeding — Defecte voeding",
                            next_step,
                            step[2],
                        )
                    )
                next_step += 1
            next_appliance += 1
        with transaction.atomic():
            insert(connection, "reuse_appliance", APPLIANCE_COLUMNS, appliance_rows)
            insert(connection, "reuse_step", STEP_COLUMNS, step_rows)
            insert(connection, "repairs_repairrecord", RECORD_COLUMNS, record_rows)
        made += len(appliance_rows)
        steps += len(step_rows)
        records += len(record_rows)
        if (offset // args.chunk) % 10 == 0:
            elapsed = time.perf_counter() - started
            log(
                f"  {made:>9,} appliances, {steps:>10,} steps, {elapsed:6.0f} s, "
                f"{(made + steps) / elapsed:,.0f} rows/s, RSS {maxrss_mb():.0f} MB"
            )
    load = time.perf_counter() - started
    # The counters and sequences continue after the loaded rows.
    for org, number in numbers.items():
        ReuseCentre.objects.filter(organisation_id=org).update(next_number=number + 1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for name in ("reuse_appliance", "reuse_step"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT max(id) FROM {name}))"
                )
    triggers.install(connection)
    table.add(
        "populate (bulk)",
        f"{load:,.0f} s",
        f"{made:,} appliances, {steps:,} steps ({steps / made:.2f} per appliance), "
        f"{records:,} repair records; {(made + steps + records) / load:,.0f} rows/s; "
        f"peak RSS {maxrss_mb():.0f} MB",
    )
    agree, sampled = check_against_lifecycle(samples)
    table.add(
        "denormalised step facts = derive_state",
        f"{agree:,} / {sampled:,}",
        "sampled histories whose status and facts match lifecycle.derive_state",
    )
    if agree != sampled:
        raise SystemExit("The generated step facts disagree with derive_state.")
    return made, steps, records


# --- Measuring ---------------------------------------------------------------------


def timed(fn, runs: int) -> tuple[float, float]:
    """Median and p95 (ms) of ``runs`` calls after one warm-up call."""
    fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = statistics.quantiles(samples, n=20, method="inclusive")[18]
    return statistics.median(samples), p95


STEP_SEQUENCE = [
    ("triage", {"rejection_reasons": []}),
    ("safety_test", {"passed": True, "insulation_resistance_mohm": Decimal("50")}),
    ("functional_test", {"passed": True}),
    ("cleaning", {}),
    ("criteria_check", {"criteria": dict.fromkeys(CRITERIA, True)}),
]


def measure(args, centres, today: date, table: Table, scratch) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from repairlocale.repairs.models import ProductCategory
    from repairlocale.reuse.inflow import GroupBy, inflow_report
    from repairlocale.reuse.models import Appliance, Step
    from repairlocale.reuse.selectors import queue_counts
    from repairlocale.reuse.services import (
        appliance_register,
        codes_allocate,
        reuse_centre_for,
        step_record,
    )

    rad = centres[0]
    editor = get_user_model().objects.get(username="editor")
    category = ProductCategory.objects.filter(typical_weight_kg__isnull=False).first()
    data = {
        "channel": "preserving_collection",
        "product_category": category,
        "eee_category": "5",
        "device_name": "Koffiezetapparaat",
        "brand": "Philips",
        "weight_kg": Decimal("1.60"),
        "intake_date": today,
    }
    # (a) the services
    started = time.perf_counter()
    registered = []
    for _ in range(args.intake):
        registered += appliance_register(
            organisation=rad, registered_by=editor, data=dict(data)
        )
    register = time.perf_counter() - started
    plan = [
        (appliance, kind, fields)
        for position, (kind, fields) in enumerate(STEP_SEQUENCE)
        for appliance in registered
    ]
    # Steps in fiche order per appliance: all triages, then all safety tests, ...
    plan = plan[: args.steps]
    started = time.perf_counter()
    for appliance, kind, fields in plan:
        step_record(
            appliance=appliance, kind=kind, performed_by=editor, data=dict(fields)
        )
    record = time.perf_counter() - started
    table.add(
        "(a) appliance_register, one call per appliance",
        f"{args.intake / register:,.0f} appliances/s",
        f"{args.intake:,} calls in {register:.1f} s",
    )
    table.add(
        "(a) step_record, one call per step",
        f"{len(plan) / record:,.0f} steps/s",
        f"{len(plan):,} calls (triage, safety test, functional test, cleaning, "
        f"criteria check) in {record:.1f} s",
    )
    # (b) the same rows with bulk_create
    centre = reuse_centre_for(rad)
    started = time.perf_counter()
    with transaction.atomic():
        codes = codes_allocate(centre=centre, count=args.intake)
        bulk = Appliance.objects.bulk_create(
            [
                Appliance(organisation=rad, code=c, registered_by=editor, **data)
                for c in codes
            ],
            batch_size=1000,
        )
    bulk_register = time.perf_counter() - started
    sequences: dict[int, int] = {}
    rows = []
    position = {a.pk: n for n, a in enumerate(registered)}
    for appliance, kind, fields in [(bulk[position[a.pk]], k, f) for a, k, f in plan]:
        sequences[appliance.pk] = sequences.get(appliance.pk, 0) + 1
        rows.append(
            Step(
                appliance=appliance,
                sequence=sequences[appliance.pk],
                kind=kind,
                performed_by=editor,
                passed=fields.get("passed", True if kind != "cleaning" else None),
                **{k: v for k, v in fields.items() if k != "passed"},
            )
        )
    started = time.perf_counter()
    with transaction.atomic():
        Step.objects.bulk_create(rows, batch_size=1000)
    bulk_steps = time.perf_counter() - started
    table.add(
        "(b) bulk_create, the same appliances",
        f"{args.intake / bulk_register:,.0f} appliances/s",
        f"{bulk_register:.2f} s; the services take {register / bulk_register:.0f}× "
        "as long",
    )
    table.add(
        "(b) bulk_create, the same steps",
        f"{len(rows) / bulk_steps:,.0f} steps/s",
        f"{bulk_steps:.2f} s; the services take {record / bulk_steps:.0f}× as long",
    )
    # (c) queues
    queues = timed(lambda: queue_counts(organisation=rad), args.runs)
    counts = queue_counts(organisation=rad)
    table.add(
        "(c) queue_counts, one centre",
        f"{queues[0]:.1f} / {queues[1]:.1f} ms",
        f"median / p95 of {args.runs}; "
        + ", ".join(f"{k} {v:,}" for k, v in counts.items() if v),
    )
    # (d) (e) (f) the inflow-quality page of one centre-year
    year = (today - timedelta(days=364), today)

    def page(use_rollups: bool):
        return inflow_report(
            centres=[rad.pk],
            date_from=year[0],
            date_to=year[1],
            group_by=GroupBy.CHANNEL,
            use_rollups=use_rollups,
        )

    def plain_count() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM reuse_appliance WHERE organisation_id = %s "
                "AND intake_date BETWEEN %s AND %s",
                [rad.pk, *year],
            )
            return cursor.fetchone()[0]

    rolled = timed(lambda: page(True), args.runs)
    raw = timed(lambda: page(False), args.runs)
    plain = timed(plain_count, args.runs)
    report = page(True)
    same = report.total.appliances == page(False).total.appliances
    table.add(
        "(d) inflow_report, one centre, 1 year (rollups, default)",
        f"{rolled[0]:.1f} / {rolled[1]:.1f} ms",
        f"median / p95 of {args.runs}; {report.total.appliances:,} appliances; "
        f"target < 200 ms: {'met' if rolled[1] < 200 else 'NOT met'}",
    )
    table.add(
        "(e) the same from the raw rows (use_rollups=False)",
        f"{raw[0]:.1f} / {raw[1]:.1f} ms",
        f"median / p95 of {args.runs}; same totals: {same}; "
        f"raw ÷ rollups (medians) {raw[0] / rolled[0]:.1f}×",
    )
    table.add(
        "(f) plain count(*), the same centre-year",
        f"{plain[0]:.2f} / {plain[1]:.2f} ms",
        f"median / p95 of {args.runs}; {plain_count():,} rows; "
        f"(d) ÷ (f) (medians) {rolled[0] / plain[0]:.1f}×",
    )


def main() -> None:
    args = parse_args()
    install_signal_handlers()
    scratch = Scratch(args.database_url, args.scratch_name)
    scratch.create()
    try:
        setup_django(scratch.url)
        from django.core.management import call_command
        from django.db import connection
        from django.utils import timezone

        from repairlocale.dashboards.rollups import rollups_rebuild
        from repairlocale.network.demo import demo_seed
        from repairlocale.network.reference import reference_data_load
        from repairlocale.reuse.demo import demo_reuse_centres

        table = Table()
        notes = machine_notes()
        database, where = scratch.describe()
        log(f"{database} ({where}), {now()}; {notes['uptime']}")
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        reference_data_load()
        demo_seed(random_passwords=True)
        table.add(
            "set-up (migrate, reference data, network)",
            f"{time.perf_counter() - started:.0f} s",
        )
        today = timezone.localdate()
        centres = demo_reuse_centres()
        populate(args, centres, today, table)
        started = time.perf_counter()
        counts = rollups_rebuild()
        table.add(
            "rebuild_rollups",
            f"{time.perf_counter() - started:.0f} s",
            ", ".join(f"{k} {v:,}" for k, v in counts.items() if v),
        )
        started = time.perf_counter()
        maintenance = "VACUUM ANALYZE" if scratch.postgres else "ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(maintenance)
        table.add(maintenance, f"{time.perf_counter() - started:.0f} s")
        measure(args, centres, today, table, scratch)
        after = machine_notes()
        print()
        print(f"{database} ({where}); {len(centres)} centres; {now()}")
        print(f"before: {notes['uptime']}")
        print(f"after:  {after['uptime']}")
        table.print()
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            scratch.drop()


if __name__ == "__main__":
    main()
