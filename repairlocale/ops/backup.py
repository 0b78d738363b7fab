"""Backups and restores of the database (SQLite or PostgreSQL) and the media folder.

A backup is a folder::

    repairlocale-20261127T031500Z/
        manifest.json        engine, versions, row count and checksum of every table
        database.sqlite3     SQLite: a copy made with the online backup API
        database.pgdump      PostgreSQL: pg_dump --format=custom
        media.tar.gz         the uploads (MEDIA_ROOT), when there are any

SQLite is copied with Python's ``sqlite3`` online backup API: safe while the
application writes (the copy is one consistent snapshot), then checked with
``PRAGMA integrity_check``. PostgreSQL is dumped by ``pg_dump`` in a snapshot
exported from a REPEATABLE READ transaction, and the manifest's checksums are
computed in that same snapshot, so the dump and its manifest describe the same
state. The archive is checked with ``pg_restore --list``.

A restore never leaves a half-restored database: SQLite is first restored into a
temporary file next to the target and verified, then copied into the target with the
backup API (one write transaction: it either replaces everything or nothing).
PostgreSQL is restored into a temporary database, verified, then swapped in with two
``ALTER DATABASE … RENAME`` in one transaction. Verified means: the row count and
checksum of every table equal the manifest's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
MEDIA_FILE = "media.tar.gz"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


# --- Fingerprints: row count and checksum of every table ---------------------------


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [name for (name,) in rows]


def sqlite_fingerprints(conn: sqlite3.Connection) -> dict[str, dict]:
    """``{table: {"rows": n, "sha256": …}}`` for every table of a SQLite database.

    The checksum does not depend on row order: each row is hashed, the row hashes
    are sorted and hashed together.
    """
    result = {}
    for table in _sqlite_tables(conn):
        quoted = table.replace('"', '""')
        # quote() gives each value as its SQL literal: independent of the Python
        # type converters a connection may have (Django registers some).
        columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{quoted}")')]
        expression = " || char(31) || ".join(
            'quote("{}")'.format(column.replace('"', '""')) for column in columns
        )
        hashes = sorted(
            hashlib.sha256(value.encode()).digest()
            for (value,) in conn.execute(
                f'SELECT {expression} FROM "{quoted}"'  # noqa: S608
            )
        )
        digest = hashlib.sha256(b"".join(hashes)).hexdigest()
        result[table] = {"rows": len(hashes), "sha256": digest}
    return result


def pg_fingerprints(cursor) -> dict[str, dict]:
    """The same for PostgreSQL (current schema), computed on the server."""
    cursor.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
        "ORDER BY table_name"
    )
    result = {}
    for (table,) in cursor.fetchall():
        quoted = table.replace('"', '""')
        cursor.execute(
            "SELECT count(*), coalesce(md5(string_agg(h, '' ORDER BY h)), '') "  # noqa: S608
            f'FROM (SELECT md5(t::text) AS h FROM "{quoted}" t) rows'
        )
        count, digest = cursor.fetchone()
        result[table] = {"rows": count, "sha256": digest}
    return result


def fingerprints(alias: str = "default") -> dict[str, dict]:
    """Row count and checksum of every table of a Django database connection."""
    connection = connections[alias]
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return sqlite_fingerprints(connection.connection)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            return pg_fingerprints(cursor)
    raise BackupError(f"Unsupported database: {connection.vendor}")


def compare(expected: dict[str, dict], actual: dict[str, dict]) -> list[str]:
    """Differences between two fingerprint sets, one line each (empty: identical)."""
    problems = []
    for table in sorted(set(expected) | set(actual)):
        want, got = expected.get(table), actual.get(table)
        if want is None:
            problems.append(f"{table}: not in the backup")
        elif got is None:
            problems.append(f"{table}: missing after restore")
        elif want["rows"] != got["rows"]:
            problems.append(f"{table}: {got['rows']} rows, expected {want['rows']}")
        elif want["sha256"] != got["sha256"]:
            problems.append(f"{table}: checksum differs")
    return problems


# --- PostgreSQL client tools --------------------------------------------------------


def pg_environment(db: dict) -> dict[str, str]:
    """libpq environment for pg_dump/pg_restore/psql from a DATABASES entry.

    The password goes through the environment, never the command line (which any
    user of the machine can read in ``ps``).
    """
    env = {**os.environ}
    options = db.get("OPTIONS") or {}
    for key, value in (
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGDATABASE", db.get("NAME")),
        ("PGSSLMODE", options.get("sslmode")),
        ("PGCONNECT_TIMEOUT", options.get("connect_timeout")),
    ):
        if value not in (None, ""):
            env[key] = str(value)
    return env


def pg_tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} was not found on PATH. Install the PostgreSQL client tools of "
            "the server's major version (Debian: apt-get install postgresql-client-15, "
            "or postgresql-client for the distribution's version)."
        )
    return path


def pg_tool_major(path: str) -> int:
    output = subprocess.run(  # noqa: S603 (our own fixed arguments)
        [path, "--version"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    if not match:
        raise BackupError(f"Cannot read the version of {path}: {output!r}")
    return int(match.group(1))


def check_pg_dump_version(tool_major: int, server_major: int) -> str | None:
    """Refuse an older pg_dump; explain a newer one. Returns a note or None."""
    if tool_major < server_major:
        raise BackupError(
            f"pg_dump {tool_major} is older than the server (PostgreSQL "
            f"{server_major}): it cannot dump a newer server. Install "
            f"postgresql-client-{server_major}."
        )
    if tool_major > server_major:
        return (
            f"pg_dump {tool_major} is newer than the server (PostgreSQL "
            f"{server_major}). That works (pg_dump reads older servers), but the dump "
            f"can only be read by pg_restore {tool_major} or newer."
        )
    return None


def _pg_server_major(cursor) -> int:
    cursor.execute("SHOW server_version_num")
    return int(cursor.fetchone()[0]) // 10000


# --- Backup ---------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    notes: list[str]


def default_backup_dir() -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    base = Path(os.environ.get("BACKUP_DIR") or settings.BASE_DIR / "backups")
    return base / f"repairlocale-{stamp}"


def backup(
    output: Path | None = None, *, alias: str = "default", media: bool = True
) -> BackupResult:
    """Write a backup folder; returns its path and manifest."""
    connection = connections[alias]
    target = Path(output) if output else default_backup_dir()
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} exists and is not empty; choose a new folder.")
    partial = target.with_name(target.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    notes: list[str] = []
    manifest: dict = {
        "format": FORMAT_VERSION,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "engine": connection.vendor,
    }
    try:
        if connection.vendor == "sqlite":
            manifest.update(_backup_sqlite(connection, partial / SQLITE_FILE))
        elif connection.vendor == "postgresql":
            info, note = _backup_postgres(connection, partial / PG_FILE)
            manifest.update(info)
            if note:
                notes.append(note)
        else:
            raise BackupError(f"Unsupported database: {connection.vendor}")
        manifest["media"] = _backup_media(partial / MEDIA_FILE) if media else None
        (partial / MANIFEST).write_text(
            json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8"
        )
        if target.exists():
            target.rmdir()
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return BackupResult(target, manifest, notes)


def _backup_sqlite(connection, path: Path) -> dict:
    connection.ensure_connection()
    destination = sqlite3.connect(path)
    try:
        # One step (pages=-1): a consistent snapshot even while others write.
        connection.connection.backup(destination)
        destination.execute("PRAGMA journal_mode=DELETE")  # a self-contained file
        _sqlite_integrity(destination, path)
        tables = sqlite_fingerprints(destination)
    finally:
        destination.close()
    return {
        "database": SQLITE_FILE,
        "sqlite_version": sqlite3.sqlite_version,
        "tables": tables,
    }


def _sqlite_integrity(conn: sqlite3.Connection, path: Path) -> None:
    result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        raise BackupError(f"Integrity check of {path} failed: {result[:5]}")


def _backup_postgres(connection, path: Path) -> tuple[dict, str | None]:
    pg_dump = pg_tool("pg_dump")
    tool_major = pg_tool_major(pg_dump)
    env = pg_environment(connection.settings_dict)
    if connection.in_atomic_block:
        raise BackupError("Run the backup outside a transaction.")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        server_major = _pg_server_major(cursor)
        note = check_pg_dump_version(tool_major, server_major)
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        # pg_dump reads the snapshot this transaction holds open; the checksums
        # below are computed in that same snapshot.
        proc = subprocess.run(  # noqa: S603 (our own fixed arguments)
            [
                pg_dump,
                "--format=custom",
                f"--snapshot={snapshot}",
                "--file",
                str(path),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise BackupError(f"pg_dump failed: {proc.stderr.strip()}")
        tables = pg_fingerprints(cursor)
    pg_restore = pg_tool("pg_restore")
    listed = subprocess.run(  # noqa: S603 (our own fixed arguments)
        [pg_restore, "--list", str(path)], capture_output=True, text=True
    )
    if listed.returncode != 0 or "TABLE DATA" not in listed.stdout:
        raise BackupError(f"The dump {path} cannot be read: {listed.stderr.strip()}")
    return (
        {
            "database": PG_FILE,
            "server_major": server_major,
            "pg_dump_major": tool_major,
            "tables": tables,
        },
        note,
    )


def _backup_media(path: Path) -> dict | None:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return None
    count = 0
    with tarfile.open(path, "w:gz") as archive:
        for file in sorted(root.rglob("*")):
            if file.is_file() and not file.is_symlink():
                archive.add(file, arcname=str(file.relative_to(root)))
                count += 1
    return {"archive": MEDIA_FILE, "files": count}


# --- Restore --------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} is not a backup folder (no {MANIFEST}).")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def restore(
    folder: Path,
    *,
    db: dict | None = None,
    force: bool = False,
    media: bool = True,
) -> list[str]:
    """Restore a backup folder into ``db`` (a DATABASES entry; default: default).

    Refuses a target database that has any table unless ``force``. Returns notes.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    db = dict(db or settings.DATABASES["default"])
    engine = {
        "django.db.backends.sqlite3": "sqlite",
        "django.db.backends.postgresql": "postgresql",
    }.get(db["ENGINE"], db["ENGINE"])
    if engine != manifest["engine"]:
        raise BackupError(
            f"This backup is of a {manifest['engine']} database; the target is "
            f"{engine}. Restore into the same kind of database."
        )
    connections.close_all()
    if manifest["engine"] == "sqlite":
        notes = _restore_sqlite(folder, manifest, db, force=force)
    else:
        notes = _restore_postgres(folder, manifest, db, force=force)
    if media and manifest.get("media"):
        notes.append(_restore_media(folder / manifest["media"]["archive"]))
    return notes


def _restore_sqlite(folder: Path, manifest: dict, db: dict, *, force: bool) -> list:
    target = Path(str(db["NAME"]))
    if str(db["NAME"]).startswith(":memory:") or "mode=memory" in str(db["NAME"]):
        raise BackupError("Cannot restore into an in-memory database.")
    source_path = folder / manifest["database"]
    if target.exists() and target.stat().st_size:
        with sqlite3.connect(target) as existing:
            has_tables = bool(_sqlite_tables(existing))
        if has_tables and not force:
            raise BackupError(
                f"{target} already holds a database. Restoring replaces all of it: "
                "add --force to do so (make a backup of it first)."
            )
    temporary = target.with_name(target.name + ".restore-tmp")
    temporary.unlink(missing_ok=True)
    try:
        source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
        scratch = sqlite3.connect(temporary)
        try:
            source.backup(scratch)
            _sqlite_integrity(scratch, temporary)
            problems = compare(manifest["tables"], sqlite_fingerprints(scratch))
            if problems:
                raise BackupError(
                    "The backup does not match its manifest: " + "; ".join(problems)
                )
            # One write transaction on the target: all pages replaced, or none.
            destination = sqlite3.connect(target, timeout=30)
            try:
                scratch.backup(destination)
                _sqlite_integrity(destination, target)
            finally:
                destination.close()
        finally:
            source.close()
            scratch.close()
    finally:
        temporary.unlink(missing_ok=True)
    return [f"Restored {len(manifest['tables'])} tables into {target}."]


def _pg_connect(db: dict, dbname: str):
    import psycopg

    options = db.get("OPTIONS") or {}
    params = {
        "dbname": dbname,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "sslmode": options.get("sslmode"),
        "connect_timeout": options.get("connect_timeout"),
    }
    return psycopg.connect(
        **{k: v for k, v in params.items() if v not in (None, "")}, autocommit=True
    )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _restore_postgres(folder: Path, manifest: dict, db: dict, *, force: bool) -> list:
    pg_restore = pg_tool("pg_restore")
    name = db["NAME"]
    scratch = f"{name[:40]}__restore_tmp"
    previous = f"{name[:40]}__before_restore"
    maintenance = (db.get("OPTIONS") or {}).get("maintenance_db", "postgres")
    notes: list[str] = []
    with _pg_connect(db, maintenance) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists:
            with _pg_connect(db, name) as target:
                tables = target.execute(
                    "SELECT count(*) FROM information_schema.tables "
                    "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
                ).fetchone()[0]
            if tables and not force:
                raise BackupError(
                    f"The database {name} already holds {tables} tables. Restoring "
                    "replaces all of it: add --force to do so (make a backup first)."
                )
        admin.execute(f"DROP DATABASE IF EXISTS {_quote(scratch)}")
        admin.execute(f"CREATE DATABASE {_quote(scratch)} TEMPLATE template0")
        try:
            proc = subprocess.run(  # noqa: S603 (our own fixed arguments)
                [
                    pg_restore,
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--dbname",
                    scratch,
                    str(folder / manifest["database"]),
                ],
                env={**pg_environment(db), "PGDATABASE": scratch},
                capture_output=True,
                text=True,
            )
            if proc.returncode != 0:
                raise BackupError(f"pg_restore failed: {proc.stderr.strip()}")
            with _pg_connect(db, scratch) as restored, restored.cursor() as cursor:
                problems = compare(manifest["tables"], pg_fingerprints(cursor))
            if problems:
                raise BackupError(
                    "The restored database does not match the backup's manifest: "
                    + "; ".join(problems)
                )
            # The swap: both renames in one transaction, so the name always points
            # at a whole database. Sessions on the old one are ended first.
            admin.execute(f"DROP DATABASE IF EXISTS {_quote(previous)}")
            if exists:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    [name],
                )
            with admin.transaction():
                if exists:
                    admin.execute(
                        f"ALTER DATABASE {_quote(name)} RENAME TO {_quote(previous)}"
                    )
                admin.execute(
                    f"ALTER DATABASE {_quote(scratch)} RENAME TO {_quote(name)}"
                )
        except BaseException:
            admin.execute(f"DROP DATABASE IF EXISTS {_quote(scratch)} WITH (FORCE)")
            raise
    notes.append(f"Restored {len(manifest['tables'])} tables into {name}.")
    if exists:
        notes.append(
            f"The database as it was before is kept as {previous}; drop it once "
            f"the restore is checked: DROP DATABASE {_quote(previous)};"
        )
    return notes


def _restore_media(archive: Path) -> str:
    """Unpack into a fresh folder beside MEDIA_ROOT, then swap the folders."""
    root = Path(settings.MEDIA_ROOT)
    incoming = root.with_name(root.name + ".restore-tmp")
    previous = root.with_name(root.name + ".before-restore")
    shutil.rmtree(incoming, ignore_errors=True)
    incoming.mkdir(parents=True)
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(incoming, filter="data")
    if previous.exists():
        shutil.rmtree(previous)
    if root.exists():
        root.rename(previous)
    incoming.rename(root)
    return f"Media restored into {root}" + (
        f"; the previous folder is kept as {previous}." if previous.exists() else "."
    )
