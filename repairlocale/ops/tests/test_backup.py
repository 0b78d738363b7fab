"""Backups are proven by restoring them into a fresh database (issue 7, item 7).

Every test commits its rows (transaction=True): pg_dump sees only committed data.
The fresh databases are a file in tmp_path (SQLite) or ``<test database>_restore``
(PostgreSQL), dropped afterwards.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from repairlocale.accounts.tests.factories import UserFactory
from repairlocale.network.tests.factories import MembershipFactory
from repairlocale.ops import backup as ops_backup
from repairlocale.reuse.models import StepKind
from repairlocale.reuse.services import step_record
from repairlocale.reuse.tests.factories import ApplianceFactory, ReuseCentreFactory

pytestmark = pytest.mark.django_db(transaction=True)

POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def media(settings, tmp_path):
    root = tmp_path / "media"
    (root / "cases" / "activities").mkdir(parents=True)
    (root / "cases" / "activities" / "foto.jpg").write_bytes(
        b"\xff\xd8 not a real jpeg"
    )
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def rows():
    """Rows in several apps, a step through the real service (rollup triggers)."""
    centre = ReuseCentreFactory()
    user = UserFactory(first_name="Ann", last_name="Peeters")
    MembershipFactory(user=user, organisation=centre.organisation)
    for _ in range(3):
        appliance = ApplianceFactory(organisation=centre.organisation)
        step_record(
            appliance=appliance,
            kind=StepKind.TRIAGE,
            performed_by=user,
            data={"rejection_reasons": [], "defects": "", "notes": "é ✓ 'quote'"},
        )


def _drop(db: dict, *names: str) -> None:
    with ops_backup._pg_connect(db, "postgres") as admin:
        for name in names:
            admin.execute(
                f"DROP DATABASE IF EXISTS {ops_backup._quote(name)} WITH (FORCE)"
            )


@pytest.fixture
def fresh_db(tmp_path):
    """Settings of a database that does not exist yet."""
    if POSTGRES:
        db = {**connection.settings_dict, "NAME": connection.settings_dict["NAME"]}
        db["NAME"] = f"{db['NAME']}_restore"
        names = [db["NAME"], f"{db['NAME']}__before_restore"]
        names.append(f"{db['NAME']}__restore_tmp")
        _drop(db, *names)
        yield db
        _drop(db, *names)
    else:
        yield {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / "fresh.sqlite3"),
        }


def fingerprints_of(db: dict) -> dict:
    if POSTGRES:
        with ops_backup._pg_connect(db, db["NAME"]) as conn, conn.cursor() as cursor:
            return ops_backup.pg_fingerprints(cursor)
    with sqlite3.connect(db["NAME"]) as conn:
        return ops_backup.sqlite_fingerprints(conn)


def test_restore_into_a_fresh_database_gives_every_table_back(
    rows, media, fresh_db, tmp_path
):
    live = ops_backup.fingerprints()
    result = ops_backup.backup(tmp_path / "backup")

    # Every table of every app is in the backup, with rows where the app has some.
    model_tables = {m._meta.db_table for m in apps.get_models()}
    assert model_tables <= set(result.manifest["tables"])
    assert result.manifest["tables"]["reuse_appliance"]["rows"] == 3
    assert result.manifest["tables"]["reuse_step"]["rows"] == 3
    assert result.manifest["tables"] == live
    assert result.manifest["media"] == {"archive": "media.tar.gz", "files": 1}

    # The uploads are restored too: remove them first.
    (media / "cases" / "activities" / "foto.jpg").unlink()
    ops_backup.restore(result.path, db=fresh_db)

    restored = fingerprints_of(fresh_db)
    assert ops_backup.compare(live, restored) == []
    assert restored == live
    assert sum(t["rows"] for t in restored.values()) > 40
    assert (
        (media / "cases" / "activities" / "foto.jpg")
        .read_bytes()
        .startswith(b"\xff\xd8")
    )


def test_restore_refuses_a_database_with_tables_unless_forced(rows, fresh_db, tmp_path):
    result = ops_backup.backup(tmp_path / "backup", media=False)
    ops_backup.restore(result.path, db=fresh_db, media=False)
    with pytest.raises(ops_backup.BackupError, match="--force"):
        ops_backup.restore(result.path, db=fresh_db, media=False)
    notes = ops_backup.restore(result.path, db=fresh_db, force=True, media=False)
    assert notes
    assert fingerprints_of(fresh_db) == result.manifest["tables"]


def test_a_damaged_backup_is_refused_and_the_target_left_alone(
    rows, fresh_db, tmp_path
):
    result = ops_backup.backup(tmp_path / "backup", media=False)
    ops_backup.restore(result.path, db=fresh_db, media=False)
    before = fingerprints_of(fresh_db)

    # The manifest says one appliance more than the dump holds.
    manifest_path = result.path / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["tables"]["reuse_appliance"]["rows"] += 1
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(ops_backup.BackupError, match="reuse_appliance"):
        ops_backup.restore(result.path, db=fresh_db, force=True, media=False)

    assert fingerprints_of(fresh_db) == before
    if POSTGRES:
        with ops_backup._pg_connect(fresh_db, "postgres") as admin:
            leftovers = admin.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s",
                [f"{fresh_db['NAME']}%restore_tmp"],
            ).fetchall()
        assert leftovers == []
    else:
        assert not Path(fresh_db["NAME"] + ".restore-tmp").exists()


def test_the_command_refuses_to_overwrite_the_running_database(rows, tmp_path):
    call_command("backup", "--output", str(tmp_path / "b"), "--no-media")
    assert (tmp_path / "b" / "manifest.json").exists()
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(tmp_path / "b"), "--no-media")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", "--output", str(tmp_path / "b"))


def test_restore_of_a_folder_without_manifest_is_refused(tmp_path):
    with pytest.raises(CommandError, match="not a backup folder"):
        call_command("restore", str(tmp_path))


@pytest.mark.django_db(transaction=False)
def test_pg_dump_version_rules():
    assert ops_backup.check_pg_dump_version(15, 15) is None
    assert "pg_restore 16 or newer" in ops_backup.check_pg_dump_version(16, 15)
    with pytest.raises(ops_backup.BackupError, match="postgresql-client-16"):
        ops_backup.check_pg_dump_version(15, 16)


@pytest.mark.django_db(transaction=False)
def test_missing_pg_dump_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(ops_backup.shutil, "which", lambda name: None)
    with pytest.raises(ops_backup.BackupError, match="pg_dump was not found"):
        ops_backup.pg_tool("pg_dump")
