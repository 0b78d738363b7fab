"""The database triggers that mark rollup slices stale (installed by migration 0002).

They run inside the writing transaction, so a slice is marked exactly when the
write commits, whatever code wrote it: the forms and services, a bulk import, a
``QuerySet.update()`` or raw SQL. PostgreSQL uses statement-level triggers with
transition tables (one INSERT … SELECT DISTINCT per statement, so a 10,000-row
bulk insert costs one extra statement, not 10,000); SQLite only has row triggers,
each an INSERT OR IGNORE on the dirty table's unique key.
"""

# Columns of the appliance row that any inflow or sales figure reads.
APPLIANCE_COLUMNS = (
    "organisation_id",
    "intake_date",
    "channel",
    "product_category_id",
    "weight_kg",
    "status",
    "closed_on",
    "sale_price",
    "triage_result",
    "rejection_keys",
    "last_repair_outcome",
)
REPAIR_COLUMNS = (
    "organisation_id",
    "event_date",
    "product_category_id",
    "source",
    "data_provider",
    "repair_status",
    "likely_duplicate_of_id",
    "workshop_step_id",
)

DIRTY = "dashboards_rollupdirty (kind, organisation_id, day)"


def _sqlite_marks(row: str) -> str:
    return f"""
        INSERT OR IGNORE INTO {DIRTY}
            VALUES ('a', {row}.organisation_id, {row}.intake_date);
        INSERT OR IGNORE INTO {DIRTY}
            SELECT 's', {row}.organisation_id, {row}.closed_on
            WHERE {row}.closed_on IS NOT NULL;"""


def _sqlite_repair_marks(row: str) -> str:
    return f"""
        INSERT OR IGNORE INTO {DIRTY}
            VALUES ('r', COALESCE({row}.organisation_id, 0), {row}.event_date);"""


# A workshop repair counts only while its appliance is not sold: when the status
# moves to or from "sold", the repair slices of that appliance are stale too.
_SQLITE_SOLD_REPAIRS = f"""
        INSERT OR IGNORE INTO {DIRTY}
            SELECT 'r', COALESCE(rr.organisation_id, 0), rr.event_date
            FROM repairs_repairrecord rr
            JOIN reuse_step s ON s.id = rr.workshop_step_id
            WHERE s.appliance_id = NEW.id
              AND (OLD.status = 'sold') <> (NEW.status = 'sold');"""

SQLITE_CREATE = [
    f"""CREATE TRIGGER dashboards_appliance_ai AFTER INSERT ON reuse_appliance
    BEGIN {_sqlite_marks("NEW")}
    END""",
    f"""CREATE TRIGGER dashboards_appliance_au
    AFTER UPDATE OF {", ".join(APPLIANCE_COLUMNS)} ON reuse_appliance
    BEGIN {_sqlite_marks("OLD")} {_sqlite_marks("NEW")} {_SQLITE_SOLD_REPAIRS}
    END""",
    f"""CREATE TRIGGER dashboards_appliance_ad AFTER DELETE ON reuse_appliance
    BEGIN {_sqlite_marks("OLD")}
    END""",
    f"""CREATE TRIGGER dashboards_repair_ai AFTER INSERT ON repairs_repairrecord
    BEGIN {_sqlite_repair_marks("NEW")}
    END""",
    f"""CREATE TRIGGER dashboards_repair_au
    AFTER UPDATE OF {", ".join(REPAIR_COLUMNS)} ON repairs_repairrecord
    BEGIN {_sqlite_repair_marks("OLD")} {_sqlite_repair_marks("NEW")}
    END""",
    f"""CREATE TRIGGER dashboards_repair_ad AFTER DELETE ON repairs_repairrecord
    BEGIN {_sqlite_repair_marks("OLD")}
    END""",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS dashboards_{name}"
    for name in (
        "appliance_ai",
        "appliance_au",
        "appliance_ad",
        "repair_ai",
        "repair_au",
        "repair_ad",
    )
]


def _pg_marks(table: str) -> str:
    return f"""
        INSERT INTO {DIRTY}
            SELECT DISTINCT 'a', organisation_id, intake_date FROM {table}
            ON CONFLICT DO NOTHING;
        INSERT INTO {DIRTY}
            SELECT DISTINCT 's', organisation_id, closed_on FROM {table}
            WHERE closed_on IS NOT NULL
            ON CONFLICT DO NOTHING;"""


def _pg_repair_marks(table: str) -> str:
    return f"""
        INSERT INTO {DIRTY}
            SELECT DISTINCT 'r', COALESCE(organisation_id, 0), event_date FROM {table}
            ON CONFLICT DO NOTHING;"""


_PG_SOLD_REPAIRS = f"""
        INSERT INTO {DIRTY}
            SELECT DISTINCT 'r', COALESCE(rr.organisation_id, 0), rr.event_date
            FROM old_rows o
            JOIN new_rows n ON n.id = o.id
            JOIN reuse_step s ON s.appliance_id = n.id
            JOIN repairs_repairrecord rr ON rr.workshop_step_id = s.id
            WHERE (o.status = 'sold') IS DISTINCT FROM (n.status = 'sold')
            ON CONFLICT DO NOTHING;"""

PG_CREATE = [
    f"""CREATE FUNCTION dashboards_appliance_inserted() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN {_pg_marks("new_rows")} RETURN NULL; END $$""",
    f"""CREATE FUNCTION dashboards_appliance_updated() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN {_pg_marks("old_rows")} {_pg_marks("new_rows")}
    {_PG_SOLD_REPAIRS} RETURN NULL; END $$""",
    f"""CREATE FUNCTION dashboards_appliance_deleted() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN {_pg_marks("old_rows")} RETURN NULL; END $$""",
    f"""CREATE FUNCTION dashboards_repair_inserted() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN {_pg_repair_marks("new_rows")} RETURN NULL; END $$""",
    f"""CREATE FUNCTION dashboards_repair_updated() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN {_pg_repair_marks("old_rows")}
    {_pg_repair_marks("new_rows")} RETURN NULL; END $$""",
    f"""CREATE FUNCTION dashboards_repair_deleted() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN {_pg_repair_marks("old_rows")} RETURN NULL; END $$""",
    """CREATE TRIGGER dashboards_appliance_ai AFTER INSERT ON reuse_appliance
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION dashboards_appliance_inserted()""",
    """CREATE TRIGGER dashboards_appliance_au AFTER UPDATE ON reuse_appliance
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION dashboards_appliance_updated()""",
    """CREATE TRIGGER dashboards_appliance_ad AFTER DELETE ON reuse_appliance
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION dashboards_appliance_deleted()""",
    """CREATE TRIGGER dashboards_repair_ai AFTER INSERT ON repairs_repairrecord
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION dashboards_repair_inserted()""",
    """CREATE TRIGGER dashboards_repair_au AFTER UPDATE ON repairs_repairrecord
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION dashboards_repair_updated()""",
    """CREATE TRIGGER dashboards_repair_ad AFTER DELETE ON repairs_repairrecord
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION dashboards_repair_deleted()""",
]
PG_DROP = [
    *(
        f"DROP TRIGGER IF EXISTS dashboards_{name} ON {table}"
        for table, names in (
            ("reuse_appliance", ("appliance_ai", "appliance_au", "appliance_ad")),
            ("repairs_repairrecord", ("repair_ai", "repair_au", "repair_ad")),
        )
        for name in names
    ),
    *(
        f"DROP FUNCTION IF EXISTS dashboards_{kind}_{event}()"
        for kind in ("appliance", "repair")
        for event in ("inserted", "updated", "deleted")
    ),
]


def install(connection) -> None:
    """(Re)create the triggers; idempotent.

    Also run after every ``migrate`` (apps.py): SQLite drops a table's triggers
    when a later migration rebuilds the table, and this puts them back.
    """
    uninstall(connection)
    create = PG_CREATE if connection.vendor == "postgresql" else SQLITE_CREATE
    with connection.cursor() as cursor:
        for sql in create:
            cursor.execute(sql)


def uninstall(connection) -> None:
    drop = PG_DROP if connection.vendor == "postgresql" else SQLITE_DROP
    with connection.cursor() as cursor:
        for sql in drop:
            cursor.execute(sql)


def installed(connection) -> set[str]:
    """The names of the rollup triggers present in the database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'dashboards_%%'"
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'dashboards_%'"
            )
        return {row[0] for row in cursor.fetchall()}


NAMES = {
    f"dashboards_{name}"
    for name in (
        "appliance_ai",
        "appliance_au",
        "appliance_ad",
        "repair_ai",
        "repair_au",
        "repair_ad",
    )
}
