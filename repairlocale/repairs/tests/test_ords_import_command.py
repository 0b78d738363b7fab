"""``manage.py ords_import``: summaries, progress bar, error file, exit code."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError
from django.utils import translation

from repairlocale.repairs.models import ImportBatch, RepairRecord

FILES = Path(__file__).parent / "files"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("ords_import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_has_help():
    command = load_command_class(get_commands()["ords_import"], "ords_import")
    assert "Open Repair Data Standard" in command.help


def test_it_imports_several_files_with_a_summary_each():
    out, err = _run(
        str(FILES / "ords_v03_quirks_bom.csv"), str(FILES / "ords_cp1252_semicolon.csv")
    )
    lines = out.splitlines()
    assert lines[0].startswith(
        "ords_v03_quirks_bom.csv: 8 rows read, 6 created, 0 updated, 0 unchanged, "
        "2 refused, 0 likely duplicates ("
    )
    assert "rows/s)" in lines[0]
    assert lines[1].startswith("ords_cp1252_semicolon.csv: 3 rows read, 3 created")
    # Not a terminal: one progress line per step, ending at 100 %.
    assert "ords_v03_quirks_bom.csv [" in err
    assert "] 100 %  8 rows" in err
    assert RepairRecord.objects.count() == 9
    assert ImportBatch.objects.count() == 2


def test_a_second_run_reports_everything_unchanged():
    _run(str(FILES / "ords_v021.csv"))
    out, _err = _run(str(FILES / "ords_v021.csv"))
    assert "2 rows read, 0 created, 0 updated, 2 unchanged" in out


def test_the_provider_option_overrides_the_column():
    _run(str(FILES / "ords_v021.csv"), "--provider", "Repair Connects")
    assert set(RepairRecord.objects.values_list("data_provider", flat=True)) == {
        "Repair Connects"
    }


def test_a_dry_run_saves_no_records():
    out, _err = _run(str(FILES / "ords_v03_quirks_bom.csv"), "--dry-run")
    assert "6 created" in out
    assert "[dry run: nothing saved]" in out
    assert RepairRecord.objects.count() == 0
    assert ImportBatch.objects.get().dry_run


def test_the_errors_file_lists_every_refused_row_with_its_file(tmp_path):
    target = tmp_path / "errors.csv"
    _run(
        str(FILES / "ords_v03_quirks_bom.csv"),
        str(FILES / "ords_v021.csv"),
        "--errors",
        str(target),
    )
    with open(target, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["file", "line", "column", "value", "reason"]
    assert [row[:4] for row in rows[1:]] == [
        ["ords_v03_quirks_bom.csv", "3", "product_age", "150"],
        ["ords_v03_quirks_bom.csv", "6", "product_category_id", "99"],
        ["ords_v03_quirks_bom.csv", "7", "event_date", "31/02/2023"],
        ["ords_v03_quirks_bom.csv", "9", "product_age", "'-2"],
    ]


def test_it_exits_with_1_when_a_file_cannot_be_read(tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "ords_import",
            str(FILES / "not_ords.csv"),
            str(tmp_path / "missing.csv"),
            str(FILES / "ords_v021.csv"),
            stdout=io.StringIO(),
            stderr=err,
        )
    assert error.value.returncode == 1
    assert "not_ords.csv" in str(error.value)
    assert "missing.csv" in str(error.value)
    assert "the column(s) id, data_provider" in err.getvalue()
    # The readable file was still imported.
    assert RepairRecord.objects.count() == 2


def test_an_unwritable_errors_file_is_refused_before_importing(tmp_path):
    with pytest.raises(CommandError):
        _run(str(FILES / "ords_v021.csv"), "--errors", str(tmp_path / "no" / "x.csv"))
    assert not ImportBatch.objects.exists()
