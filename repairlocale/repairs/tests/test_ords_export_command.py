"""``manage.py ords_export``: ORDS v0.3 rows to stdout or a file, as CSV or JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from repairlocale.repairs.exports import OWN_PROVIDER
from repairlocale.repairs.ords_schema import ORDS_COLUMNS
from repairlocale.repairs.tests.test_ords_export import (
    assert_valid,
    build_records,
    read_csv,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(db):
    return build_records()


def _export(*args) -> str:
    out = io.StringIO()
    call_command("ords_export", *args, stdout=out)
    return out.getvalue()


def _ids(text: str) -> list[str]:
    return [row["id"] for row in read_csv(text)]


def test_it_writes_valid_csv_to_stdout(records):
    text = _export()
    assert text.splitlines()[0] == ",".join(ORDS_COLUMNS)
    rows = read_csv(text)
    assert len(rows) == 4  # the Restart duplicate of repconn_101 left out
    assert_valid(rows)


def test_it_keeps_likely_duplicates_on_request(records):
    assert "restart-555" not in _ids(_export())
    assert "restart-555" in _ids(_export("--include-duplicates"))


def test_since_and_until_are_inclusive(records):
    ids = _ids(_export("--since", "2026-03-05", "--until", "2026-03-06"))
    assert ids == [
        f"repairlocale-{records.workshop.pk}",
        f"repairlocale-{records.misc.pk}",
    ]
    assert _ids(_export("--since", "2026-04-02")) == []
    assert _ids(_export("--until", "2022-03-10")) == ["repconn-101"]


def test_it_exports_the_providers_asked_for(records):
    own = _ids(_export("--provider", OWN_PROVIDER))
    assert len(own) == 3
    assert all(i.startswith("repairlocale-") for i in own)
    both = _ids(_export("--provider", OWN_PROVIDER, "--provider", "Repair Connects"))
    assert sorted(both) == sorted([*own, "repconn-101"])


def test_an_unknown_provider_is_refused_with_the_known_ones(records):
    with pytest.raises(CommandError, match=r"'Nobody'.*'Repair Connects'"):
        _export("--provider", "Nobody")


def test_a_reversed_period_is_refused(records):
    with pytest.raises(CommandError, match="--since lies after --until"):
        _export("--since", "2026-05-01", "--until", "2026-01-01")


def test_a_bad_date_is_refused(records):
    with pytest.raises(CommandError, match="not a date"):
        _export("--since", "03/05/2026")


def test_json_to_stdout_is_one_array(records):
    data = json.loads(_export("--format", "json"))
    assert len(data) == 4
    assert all(list(row) == list(ORDS_COLUMNS) for row in data)


def test_it_writes_a_file_through_a_part_file(tmp_path, records):
    target = tmp_path / "ords.csv"
    message = _export("--output", str(target))
    assert message.strip() == f"Wrote 4 ORDS rows to {target}."
    with target.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 4
    assert not list(tmp_path.glob("*.part"))


def test_the_format_follows_the_file_suffix(tmp_path, records):
    target = tmp_path / "ords.json"
    _export("-o", str(target))
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 4


def test_an_interrupted_export_leaves_no_file(tmp_path, records, monkeypatch):
    from repairlocale.repairs import exports

    def broken(values):
        raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "_row", broken)
    target = tmp_path / "ords.csv"
    with pytest.raises(RuntimeError):
        _export("--output", str(target))
    assert list(tmp_path.iterdir()) == []


def test_two_exports_give_the_same_file(tmp_path, records):
    assert _export() == _export()


def test_it_has_help():
    from repairlocale.repairs.management.commands.ords_export import Command

    assert "Open Repair Data Standard v0.3" in Command.help
