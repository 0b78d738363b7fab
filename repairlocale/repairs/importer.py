"""Import ORDS files into RepairRecord: streaming, in chunks, idempotent.

The key of an imported record is (data provider, ORDS id), guarded by the unique
constraint ``repairs_record_unique_provider_id``. Importing the same file twice writes
nothing the second time; a newer release updates the rows that changed. Each chunk is
written in its own transaction, so a killed import leaves whole chunks only and a
rerun simply completes it. A row that fails validation is refused and reported
(line, column, value, reason); it never stops the file.

Rows are validated by ``ords.RowNormaliser`` rather than a Django form per row, and
new rows are written with multi-row INSERTs per chunk (COPY on PostgreSQL) rather than
``bulk_create``: both would cost several times the rest of the import together, and
imports run to millions of rows (house style §13 asks for a form per row; this is a
deliberate exception for speed).
"""

from __future__ import annotations

import csv
import io
import logging
import os
import socket
import sqlite3
from array import array
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from itertools import chain
from pathlib import Path
from typing import IO, Any

from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from repairlocale.repairs.models import ImportBatch, RepairRecord, RepairRecordSource
from repairlocale.repairs.ords import (
    OrdsFileError,
    OrdsReader,
    RowError,
    RowNormaliser,
)

logger = logging.getLogger(__name__)

ERROR_REPORT_HEADER = ["line", "column", "value", "reason"]
# The error report kept in the database stops here (a file of garbage would fill
# megabytes); the command's --errors file always gets every line.
MAX_STORED_ERRORS = 20_000
# Ids per IN (...) query: below SQLite's historical limit of 999 variables.
FETCH_SLICE = 900

ProgressCallback = Callable[[ImportBatch], None]
ErrorCallback = Callable[[RowError], None]


def ords_import(
    *,
    source: str | Path | IO[bytes],
    file_name: str,
    data_provider: str | None = None,
    dry_run: bool = False,
    uploaded_by=None,
    batch: ImportBatch | None = None,
    progress: ProgressCallback | None = None,
    chunk_size: int = 2000,
    on_error: ErrorCallback | None = None,
) -> ImportBatch:
    """Import one ORDS file (a path or a binary file object) and return its batch.

    ``data_provider`` overrides the file's column. ``dry_run`` validates and counts
    but writes nothing except the batch. ``progress(batch)`` is called after each
    chunk; ``on_error(row_error)`` for every refused row and note. A file that cannot
    be read at all gives a FAILED batch with the reason in ``message``; an unexpected
    error (a bug, a lost database) marks the batch FAILED and is raised.

    Cost: one SELECT per chunk and provider, one INSERT per 500 new rows (one COPY
    per chunk on PostgreSQL) and at most one UPDATE batch per chunk, then one query
    and a few UPDATEs to mark likely duplicates.
    """
    batch = _start_batch(
        batch,
        file_name=file_name,
        data_provider=data_provider,
        dry_run=dry_run,
        uploaded_by=uploaded_by,
    )
    report = _ErrorReport(on_error)
    try:
        reader = OrdsReader(source, data_provider=data_provider)
    except OrdsFileError as error:
        return _finish(batch, report, status=ImportBatch.Status.FAILED, error=error)
    try:
        with reader:
            _import_rows(
                batch,
                reader,
                report,
                data_provider=data_provider,
                chunk_size=max(chunk_size, 1),
                progress=progress,
            )
        if not batch.dry_run:
            _refresh_statistics(batch)
            batch.likely_duplicates = mark_likely_duplicates(batch)
    except BaseException as error:
        _finish(batch, report, status=ImportBatch.Status.FAILED, error=error)
        raise
    _finish(batch, report, status=ImportBatch.Status.DONE)
    if progress:
        progress(batch)
    return batch


def _start_batch(
    batch: ImportBatch | None,
    *,
    file_name: str,
    data_provider: str | None,
    dry_run: bool,
    uploaded_by,
) -> ImportBatch:
    if batch is None:
        batch = ImportBatch(file_name=file_name[:255], uploaded_by=uploaded_by)
    # A batch handed over by the upload page may be run again (a retried task):
    # every counter starts from zero.
    batch.file_name = batch.file_name or file_name[:255]
    batch.data_provider = (data_provider or batch.data_provider or "")[:120]
    batch.dry_run = batch.dry_run or dry_run
    batch.status = ImportBatch.Status.RUNNING
    for counter in (
        "rows_read",
        "rows_created",
        "rows_updated",
        "rows_unchanged",
        "rows_failed",
        "likely_duplicates",
        "progress",
    ):
        setattr(batch, counter, 0)
    batch.message = batch.error_report = ""
    batch.finished_at = None
    batch.worker = _this_worker()
    batch.heartbeat_at = timezone.now()
    batch.save()
    # A killed import left its batch RUNNING: say so now, not forever.
    mark_stale_batches(exclude=batch.pk)
    return batch


def _import_rows(
    batch: ImportBatch,
    reader: OrdsReader,
    report: _ErrorReport,
    *,
    data_provider: str | None,
    chunk_size: int,
    progress: ProgressCallback | None,
) -> None:
    normaliser = RowNormaliser(reader.header, data_provider=data_provider)
    seen = _SeenKeys()
    fresh = _FreshProviders()
    providers: set[str] = set()
    chunk: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
    for item in reader:
        batch.rows_read += 1
        if isinstance(item, RowError):
            batch.rows_failed += 1
            report.add(item)
            continue
        line, row = item
        values, errors = normaliser.normalise(line, row)
        for error in errors:
            report.add(error)
        if values is None:
            batch.rows_failed += 1
            continue
        key = (values.pop("data_provider"), values.pop("external_id"))
        first_line = seen.first_line(key, line)
        if first_line is not None:
            batch.rows_failed += 1
            report.add(
                RowError(
                    line,
                    "id",
                    key[1],
                    _("The same id is on line %(line)d; this row is skipped.")
                    % {"line": first_line},
                )
            )
            continue
        if len(providers) < 10:
            providers.add(key[0])
        chunk[key] = (line, values)
        if len(chunk) >= chunk_size:
            _write_chunk(batch, chunk, normaliser.fields, report, fresh)
            chunk = {}
            _save_progress(batch, reader, progress)
    if chunk:
        _write_chunk(batch, chunk, normaliser.fields, report, fresh)
    if not data_provider and providers:
        batch.data_provider = ", ".join(sorted(providers))[:120]
    _save_progress(batch, reader, progress)


def _write_chunk(
    batch: ImportBatch,
    chunk: dict[tuple[str, str], tuple[int, dict[str, Any]]],
    fields: list[str],
    report: _ErrorReport,
    fresh: _FreshProviders,
) -> None:
    """Upsert one chunk in one transaction; counts go to ``batch``.

    A concurrent import of the same provider can insert a key between our SELECT
    and INSERT (PostgreSQL, read committed): the unique constraint refuses it and
    the chunk is simply done again, now seeing that row.
    """
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                counts = _upsert(batch, chunk, fields, fresh)
            break
        except IntegrityError:
            if attempt == 2:
                raise
            # Someone else wrote this provider's records meanwhile: look them up.
            fresh.forget()
    created, updated, unchanged, foreign = counts
    batch.rows_created += created
    batch.rows_updated += updated
    batch.rows_unchanged += unchanged
    batch.rows_failed += len(foreign)
    for line, external_id in foreign:
        report.add(
            RowError(
                line,
                "id",
                external_id,
                _(
                    "This id belongs to a record kept in the platform itself; an "
                    "import never overwrites it."
                ),
            )
        )


def _upsert(
    batch: ImportBatch,
    chunk: dict[tuple[str, str], tuple[int, dict[str, Any]]],
    fields: list[str],
    fresh: _FreshProviders,
) -> tuple[int, int, int, list[tuple[int, str]]]:
    compared = [f for f in fields if f != "data_provider"]
    by_provider: dict[str, list[str]] = defaultdict(list)
    for provider, external_id in chunk:
        by_provider[provider].append(external_id)
    existing: dict[tuple[str, str], tuple] = {}
    for provider, ids in by_provider.items():
        if fresh.is_fresh(provider):
            continue  # no record of this provider existed before this import
        for start in range(0, len(ids), FETCH_SLICE):
            for row in RepairRecord.objects.filter(
                data_provider=provider, external_id__in=ids[start : start + FETCH_SLICE]
            ).values_list("pk", "external_id", "source", *compared):
                existing[(provider, row[1])] = row

    statement = _RecordInsert()
    params = statement.params
    to_create: list[tuple] = []
    to_update: list[RepairRecord] = []
    unchanged = 0
    foreign: list[tuple[int, str]] = []
    for key, (line, values) in chunk.items():
        old = existing.get(key)
        if old is None:
            to_create.append(params(values, key[0], key[1], batch.pk))
        elif old[2] != RepairRecordSource.IMPORTED:
            foreign.append((line, key[1]))
        elif all(old[i] == values[name] for i, name in enumerate(compared, start=3)):
            unchanged += 1
        else:
            to_update.append(
                RepairRecord(pk=old[0], import_batch_id=batch.pk, **values)
            )
    if not batch.dry_run:
        if to_create:
            _insert(statement, to_create)
        if to_update:
            RepairRecord.objects.bulk_update(
                to_update, [*compared, "import_batch"], batch_size=500
            )
    return len(to_create), len(to_update), unchanged, foreign


def _save_progress(
    batch: ImportBatch, reader: OrdsReader, progress: ProgressCallback | None
) -> None:
    # 100 % is only shown once the duplicates are marked and the batch is done.
    batch.progress = min(int(reader.fraction_read * 100), 99)
    batch.heartbeat_at = timezone.now()
    batch.save(
        update_fields=[
            "heartbeat_at",
            "rows_read",
            "rows_created",
            "rows_updated",
            "rows_unchanged",
            "rows_failed",
            "progress",
            "data_provider",
        ]
    )
    if progress:
        progress(batch)


# --- Imports that died ------------------------------------------------------------

# A running import saves its batch after every chunk (a few seconds at most); one
# silent for this long has died even when its process cannot be checked.
STALE_AFTER = timedelta(minutes=10)


def _this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:160]


def _process_gone(worker: str) -> bool:
    """True when ``host:pid`` names a process of this host that no longer runs."""
    host, _sep, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine's worker: only the heartbeat tells
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # runs, as another user
    try:  # killed but not yet reaped by its parent: a zombie is gone too
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def mark_stale_batches(*, exclude: int | None = None) -> int:
    """Mark RUNNING batches whose process died as INTERRUPTED; return how many.

    A batch is stale when its worker process on this host is gone (a killed
    ``manage.py ords_import``), or when it gave no sign of life for STALE_AFTER
    (a worker on another machine, a restarted server). Its whole chunks stay saved;
    running the same file again completes the import. One query when nothing is
    running; the import pages call it too, so a dead import never shows as running.
    """
    running = ImportBatch.objects.filter(status=ImportBatch.Status.RUNNING)
    if exclude is not None:
        running = running.exclude(pk=exclude)
    limit = timezone.now() - STALE_AFTER
    stale = [
        batch.pk
        for batch in running.only("pk", "worker", "heartbeat_at", "created_at")
        if (batch.heartbeat_at or batch.created_at) < limit
        or (batch.worker and _process_gone(batch.worker))
    ]
    if not stale:
        return 0
    return ImportBatch.objects.filter(
        pk__in=stale, status=ImportBatch.Status.RUNNING
    ).update(
        status=ImportBatch.Status.INTERRUPTED,
        finished_at=Coalesce("heartbeat_at", "created_at"),
        message=_(
            "The import stopped without finishing (its process ended). Whole "
            "chunks of rows were saved; import the same file again to complete it."
        ),
    )


def _finish(
    batch: ImportBatch,
    report: _ErrorReport,
    *,
    status: str,
    error: BaseException | None = None,
) -> ImportBatch:
    batch.status = status
    batch.finished_at = timezone.now()
    batch.error_report = report.text()
    if isinstance(error, OrdsFileError):
        batch.message = str(error)
    elif isinstance(error, KeyboardInterrupt):
        batch.message = _(
            "The import was interrupted. Whole chunks of rows were saved; run it "
            "again to complete it."
        )
    elif error is not None:
        logger.exception("ORDS import of %s failed", batch.file_name)
        batch.message = _(
            "The import stopped on an unexpected error (%(error)s). Whole chunks of "
            "rows were saved; run it again to complete it."
        ) % {"error": error.__class__.__name__}
    else:
        batch.progress = 100
        batch.message = _summary(batch, report)
    try:
        batch.save()
    except Exception:  # the database itself may be what failed
        logger.exception("Could not record the end of ORDS import %s", batch.pk)
    return batch


def _summary(batch: ImportBatch, report: _ErrorReport) -> str:
    parts = [
        _(
            "%(read)d rows read: %(created)d new, %(updated)d updated, "
            "%(unchanged)d unchanged, %(failed)d refused."
        )
        % {
            "read": batch.rows_read,
            "created": batch.rows_created,
            "updated": batch.rows_updated,
            "unchanged": batch.rows_unchanged,
            "failed": batch.rows_failed,
        }
    ]
    if report.notes:
        parts.append(
            ngettext(
                "%(count)d value was left empty or shortened (see the error report).",
                "%(count)d values were left empty or shortened (see the error report).",
                report.notes,
            )
            % {"count": report.notes}
        )
    if batch.likely_duplicates:
        parts.append(
            ngettext(
                "%(count)d record is likely the same repair as another provider's "
                "and is counted once.",
                "%(count)d records are likely the same repairs as another "
                "provider's and are counted once.",
                batch.likely_duplicates,
            )
            % {"count": batch.likely_duplicates}
        )
    if report.count > MAX_STORED_ERRORS:
        parts.append(
            _("The error report keeps the first %(max)d of %(count)d lines.")
            % {"max": MAX_STORED_ERRORS, "count": report.count}
        )
    if batch.dry_run:
        parts.append(_("Dry run: nothing was saved."))
    return " ".join(parts)


class _RecordInsert:
    """The INSERT of new records: its column list, placeholders and row builder.

    ``bulk_create()`` builds a model instance per row and compiles every value
    through the ORM, which costs several times the INSERT itself; an import writes
    up to millions of rows. Here each column's adapter (dates, decimals) is looked
    up once and each row becomes one tuple of parameters (see ``_insert``). Every
    concrete column is written, with the field's default where the row has none,
    exactly as bulk_create would.

    ``params(values, provider, external_id, batch_id)`` builds one row's tuple with
    a function compiled once from the model's columns (no loop per value): the key,
    the source and the batch go straight into their columns.
    """

    _FIXED = {
        "source": "source",
        "data_provider": "provider",
        "external_id": "external_id",
        "import_batch_id": "batch_id",
    }

    def __init__(self):
        ops = connection.ops
        fields = [f for f in RepairRecord._meta.concrete_fields if not f.primary_key]
        self.attnames = [f.attname for f in fields]
        namespace: dict[str, Any] = {"source": RepairRecordSource.IMPORTED.value}
        expressions = []
        for index, field in enumerate(fields):
            default = field.get_default()
            adapter = None
            if isinstance(field, models.DecimalField):
                adapter = partial(
                    ops.adapt_decimalfield_value,
                    max_digits=field.max_digits,
                    decimal_places=field.decimal_places,
                )
            elif isinstance(field, models.DateTimeField):
                if field.auto_now or field.auto_now_add:
                    default = timezone.now()
                adapter = ops.adapt_datetimefield_value
            elif isinstance(field, models.DateField):
                adapter = ops.adapt_datefield_value
            if field.attname in self._FIXED:
                expressions.append(self._FIXED[field.attname])
                continue
            namespace[f"d{index}"] = default
            value = f"v.get({field.attname!r}, d{index})"
            if adapter is None:
                expressions.append(value)
            else:
                namespace[f"a{index}"] = adapter
                # The adapter for a present value, None stays None.
                expressions.append(f"(None if (x := {value}) is None else a{index}(x))")
        # Only attribute names and indexes from the model's own meta go in here.
        self.params = eval(  # noqa: S307
            "lambda v, provider, external_id, batch_id: ("
            + ", ".join(expressions)
            + ",)",
            namespace,
        )
        columns = ", ".join(ops.quote_name(f.column) for f in fields)
        self.placeholders = f"({', '.join(['%s'] * len(fields))})"
        # Only quoted names from the model's own meta; every value is a parameter.
        table = ops.quote_name(RepairRecord._meta.db_table)
        self.prefix = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
        self.copy_sql = f"COPY {table} ({columns}) FROM STDIN"


def _insert(statement: _RecordInsert, rows: list[tuple]) -> None:
    """INSERT the rows (tuples from ``statement.params``): COPY on PostgreSQL,
    multi-row INSERT statements on SQLite."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is about twice as fast as executemany there; the wrapper turns
            # psycopg's errors into Django's (IntegrityError for a race).
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(statement.copy_sql) as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            return
        # One statement per row (executemany) made the INSERT take ~1.7x as long
        # (docs/benchmarks.md, ORDS import section 7): the rollup trigger on the
        # table most likely makes SQLite keep a statement journal, which copies
        # every page a statement touches (the table and its 11 indexes) once per
        # statement. Hundreds of rows per statement pay that once.
        per_statement = _sqlite_rows_per_statement(len(rows[0]))
        full = statement.prefix + ", ".join([statement.placeholders] * per_statement)
        for start in range(0, len(rows), per_statement):
            part = rows[start : start + per_statement]
            sql = (
                full
                if len(part) == per_statement
                else statement.prefix + ", ".join([statement.placeholders] * len(part))
            )
            cursor.execute(sql, list(chain.from_iterable(part)))


# Rows per SQLite INSERT statement, at most (the value measured; the connection's
# parameter limit may lower it).
SQLITE_ROWS_PER_STATEMENT = 500


def _sqlite_rows_per_statement(columns: int) -> int:
    """Rows of ``columns`` values that fit in one statement's parameters."""
    try:
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except AttributeError:  # Python < 3.11: SQLite's historical default
        limit = 999
    return max(1, min(SQLITE_ROWS_PER_STATEMENT, limit // columns))


# --- Likely duplicates across providers ---------------------------------------------

# On PostgreSQL, a batch that wrote at least this many rows refreshes the table's
# planner statistics before the duplicates query (see _refresh_statistics).
ANALYZE_AFTER_ROWS = 5000


def _refresh_statistics(batch: ImportBatch) -> None:
    """ANALYZE the records table on PostgreSQL after a large batch.

    Right after a large import autovacuum has not yet analysed the table: the
    planner still believes the batch has a dozen rows and runs the duplicates
    query as nested loops over the whole batch (3.5 s for the 15,100-row anstiftung
    file, 0.16 s once analysed; ANALYZE itself samples at most 30,000 rows, ~0.4 s).
    SQLite keeps no statistics unless asked and plans this query well without.
    """
    if connection.vendor != "postgresql":
        return
    if batch.rows_created + batch.rows_updated < ANALYZE_AFTER_ROWS:
        return
    table = connection.ops.quote_name(RepairRecord._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}")


_DUPLICATES_SQL = """
WITH touched AS (
    SELECT event_date, product_category_id FROM {table}
    WHERE import_batch_id = %s
    UNION
    SELECT d.event_date, d.product_category_id
    FROM {table} d JOIN {table} o ON d.likely_duplicate_of_id = o.id
    WHERE o.import_batch_id = %s
),
candidates AS (
    SELECT r.id, r.data_provider, r.likely_duplicate_of_id AS marked,
           r.event_date, r.product_category_id,
           LOWER(TRIM(r.group_identifier)) AS grp, LOWER(TRIM(r.problem)) AS prob
    FROM {table} r
    -- An IN list, not a join: SQLite then reads each touched category's records
    -- once instead of once per touched date (there is no index on the date).
    WHERE (r.event_date, r.product_category_id) IN (
        SELECT event_date, product_category_id FROM touched
    )
),
ranked AS (
    SELECT id, data_provider, marked, grp, prob,
           FIRST_VALUE(id) OVER same AS original_id,
           FIRST_VALUE(data_provider) OVER same AS original_provider
    FROM candidates
    WINDOW same AS (
        PARTITION BY event_date, product_category_id, grp, prob ORDER BY id
    )
),
wanted AS (
    SELECT id, marked,
           CASE WHEN grp <> '' AND prob <> '' AND id <> original_id
                     AND data_provider <> original_provider
                THEN original_id END AS wanted
    FROM ranked
)
SELECT id, marked, wanted FROM wanted
WHERE marked IS NOT NULL OR wanted IS NOT NULL
"""


def mark_likely_duplicates(batch: ImportBatch) -> int:
    """Mark the records that another provider published first; return how many.

    Two records are likely the same repair when their group, date, category and
    problem text agree (case and surrounding spaces aside) and their providers
    differ — Maakbaar Leuven, for one, is in both the Restart and the Repair Connects
    files. The record created later points at the earliest one. Records without a
    group or a problem text are never matched: an empty text proves nothing.

    Only the dates and categories this batch touched are looked at (plus the records
    that pointed at a changed record), so a small import stays cheap. Cost: one
    query that sorts the candidates once (a window over group, date, category and
    problem), then one UPDATE per 500 changed marks.
    """
    table = connection.ops.quote_name(RepairRecord._meta.db_table)
    to_clear: list[int] = []
    to_set: list[RepairRecord] = []
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                _DUPLICATES_SQL.format(table=table),
                [batch.pk, batch.pk],
            )
            for pk, marked, wanted in cursor.fetchall():
                if marked == wanted:
                    continue
                if wanted is None:
                    to_clear.append(pk)
                else:
                    to_set.append(RepairRecord(pk=pk, likely_duplicate_of_id=wanted))
        for start in range(0, len(to_clear), FETCH_SLICE):
            RepairRecord.objects.filter(
                pk__in=to_clear[start : start + FETCH_SLICE]
            ).update(likely_duplicate_of=None)
        RepairRecord.objects.bulk_update(
            to_set, ["likely_duplicate_of"], batch_size=500
        )
    return RepairRecord.objects.filter(
        Q(import_batch=batch) | Q(likely_duplicate_of__import_batch=batch),
        likely_duplicate_of__isnull=False,
    ).count()


# --- Helpers -------------------------------------------------------------------------


def _spreadsheet_safe(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class _ErrorReport:
    """The CSV error report: refused rows and notes, one line each, in file order."""

    def __init__(self, on_error: ErrorCallback | None = None):
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\n")
        self._writer.writerow(ERROR_REPORT_HEADER)
        self._on_error = on_error
        self.count = 0
        self.notes = 0

    def add(self, error: RowError) -> None:
        self.count += 1
        if not error.refused:
            self.notes += 1
        if self.count <= MAX_STORED_ERRORS:
            self._writer.writerow(error_report_row(error))
        if self._on_error:
            self._on_error(error)

    def text(self) -> str:
        return self._buffer.getvalue() if self.count else ""


def error_report_row(error: RowError) -> list[str | int]:
    value = error.value if len(error.value) <= 200 else error.value[:200] + "…"
    return [error.line, error.column, _spreadsheet_safe(value), error.reason]


class _SeenKeys:
    """The (provider, id) keys read so far, to refuse an id repeated in one file.

    Keeps a 64-bit hash and the line of each key in arrays spread over 65,536
    buckets: about 16 bytes a row, where a set of tuples would take ten times that.
    Two different keys with the same hash (odds ~1e-8 for a million rows) would
    refuse the second as a repeat.
    """

    BUCKETS = 1 << 16

    def __init__(self):
        self._hashes: list[array | None] = [None] * self.BUCKETS
        self._lines: list[array | None] = [None] * self.BUCKETS

    def first_line(self, key: tuple[str, str], line: int) -> int | None:
        """The line this key was first read on, or None (and remember it)."""
        digest = hash(key)
        bucket = digest & (self.BUCKETS - 1)
        hashes = self._hashes[bucket]
        if hashes is None:
            self._hashes[bucket] = array("q", [digest])
            self._lines[bucket] = array("q", [line])
            return None
        try:
            index = hashes.index(digest)
        except ValueError:
            hashes.append(digest)
            self._lines[bucket].append(line)  # type: ignore[union-attr]
            return None
        return self._lines[bucket][index]  # type: ignore[index]


class _FreshProviders:
    """Providers that had no record at all when this import first met them.

    For such a provider no key of this file can exist in the table except the ones
    this import wrote itself, and ``_SeenKeys`` refuses a key read twice: the
    per-chunk SELECT of existing keys can be skipped (the first import of a file,
    the common and the largest case). One EXISTS query per provider. Should another
    process write the same provider's records meanwhile, the unique constraint
    refuses the chunk and ``forget()`` makes every later lookup real.
    """

    def __init__(self):
        self._fresh: dict[str, bool] = {}
        self._trust = True

    def is_fresh(self, provider: str) -> bool:
        if not self._trust:
            return False
        fresh = self._fresh.get(provider)
        if fresh is None:
            fresh = self._fresh[provider] = not RepairRecord.objects.filter(
                data_provider=provider
            ).exists()
        return fresh

    def forget(self) -> None:
        self._trust = False
