"""The ORDS importer: what it stores, refuses and reports; idempotency; duplicates.

Fixture files (files/) and inline rows are invented for these tests.
"""

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path
from unittest import mock

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from repairlocale.repairs import importer
from repairlocale.repairs.importer import MAX_STORED_ERRORS, ords_import
from repairlocale.repairs.models import (
    ImportBatch,
    ProductCategory,
    RepairBarrier,
    RepairRecord,
    RepairRecordSource,
)
from repairlocale.repairs.ords import ORDS_COLUMNS
from repairlocale.repairs.tasks import ords_import_task

FILES = Path(__file__).parent / "files"
HEADER = ",".join(ORDS_COLUMNS)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _csv(*rows: str, header: str = HEADER) -> io.BytesIO:
    return io.BytesIO(("\n".join([header, *rows]) + "\n").encode())


def _import(source, **kwargs) -> ImportBatch:
    kwargs.setdefault("file_name", getattr(source, "name", "upload.csv"))
    return ords_import(source=source, **kwargs)


def _report(batch: ImportBatch) -> list[list[str]]:
    return list(csv.reader(io.StringIO(batch.error_report)))


def _snapshot() -> list[tuple]:
    return list(
        RepairRecord.objects.order_by("pk").values_list(
            "pk",
            "external_id",
            "product_category_id",
            "brand",
            "year_of_manufacture",
            "product_age",
            "repair_status",
            "repair_barrier",
            "event_date",
            "problem",
            "import_batch_id",
            "likely_duplicate_of_id",
        )
    )


def _row(
    external_id: str,
    *,
    provider: str = "Herstelnet",
    group: str = "Repair Café Kessel-Lo",
    category: str = "Toaster,31",
    date: str = "2023-02-11",
    problem: str = "Verwarmt niet",
    status: str = "Fixed",
) -> str:
    return (
        f"{external_id},{provider},BEL,Broodrooster,{category},Tefal,2015,8,{status},,"
        f"{group},{date},{problem}"
    )


# --- The quirks file -----------------------------------------------------------------


def test_it_imports_the_valid_rows_and_reports_the_others():
    batch = _import(FILES / "ords_v03_quirks_bom.csv")
    assert batch.status == ImportBatch.Status.DONE
    assert (batch.rows_read, batch.rows_created, batch.rows_failed) == (8, 6, 2)
    assert batch.progress == 100
    assert batch.data_provider == "Herstelnet"
    assert batch.finished_at is not None
    assert "8 rows read: 6 new, 0 updated, 0 unchanged, 2 refused." in batch.message
    assert "2 values were left empty" in batch.message

    report = _report(batch)
    assert report[0] == ["line", "column", "value", "reason"]
    assert [row[:3] for row in report[1:]] == [
        ["3", "product_age", "150"],
        ["6", "product_category_id", "99"],
        ["7", "event_date", "31/02/2023"],
        ["9", "product_age", "'-2"],  # a leading minus would be a formula in Excel
    ]
    assert "imported without an age" in report[1][3]

    records = {r.external_id: r for r in RepairRecord.objects.all()}
    assert set(records) == {f"herstelnet_{n}" for n in (1, 2, 3, 4, 7, 8)}
    first = records["herstelnet_1"]
    assert first.source == RepairRecordSource.IMPORTED
    assert first.import_batch == batch
    assert first.brand == ""  # "Unknown"
    assert first.year_of_manufacture is None  # "????"
    assert first.product_category.ords_name == "Coffee maker"
    assert first.group_identifier == "Repair Café Kessel-Lo"
    assert first.problem == "Lekt water onderaan, dichting vervangen"
    assert records["herstelnet_2"].product_age is None  # 150
    assert records["herstelnet_2"].repair_status == "End of life"
    assert records["herstelnet_2"].repair_barrier == RepairBarrier.NO_WAY_TO_OPEN
    assert records["herstelnet_3"].problem == ""
    assert records["herstelnet_3"].brand == ""  # "-"
    assert records["herstelnet_3"].country == "BEL"  # "bel"
    assert records["herstelnet_3"].event_date == datetime.date(2023, 2, 11)
    assert records["herstelnet_3"].product_age == Decimal("13.0")
    assert records["herstelnet_3"].repair_barrier == RepairBarrier.ITEM_TOO_WORN_OUT
    assert records["herstelnet_4"].repair_barrier == RepairBarrier.ITEM_TOO_WORN_OUT
    assert records["herstelnet_7"].repair_barrier == (
        RepairBarrier.SPARE_PARTS_NOT_AVAILABLE
    )
    assert records["herstelnet_7"].repair_status == "End of life"
    assert records["herstelnet_8"].product_age is None  # -2


def test_small_chunks_give_the_same_result():
    batch = _import(FILES / "ords_v03_quirks_bom.csv", chunk_size=2)
    assert (batch.rows_created, batch.rows_failed) == (6, 2)
    assert RepairRecord.objects.count() == 6


def test_a_chunk_longer_than_one_insert_statement_is_written_whole(monkeypatch):
    # Three rows per SQLite INSERT: a chunk of 7 takes two full statements and one
    # of a single row; every row must land with its own values.
    monkeypatch.setattr(importer, "SQLITE_ROWS_PER_STATEMENT", 3)
    rows = [
        _row(f"stmt_{n}", date=f"2023-03-{n + 1:02d}", problem=f"Defect {n}")
        for n in range(7)
    ]
    batch = _import(_csv(*rows), chunk_size=7)
    assert (batch.rows_created, batch.rows_failed) == (7, 0), batch.error_report
    stored = dict(
        RepairRecord.objects.filter(import_batch=batch).values_list(
            "external_id", "problem"
        )
    )
    assert stored == {f"stmt_{n}": f"Defect {n}" for n in range(7)}
    assert list(
        RepairRecord.objects.filter(external_id="stmt_6").values_list(
            "event_date", "source", "data_provider"
        )
    ) == [(datetime.date(2023, 3, 7), RepairRecordSource.IMPORTED, "Herstelnet")]


@pytest.mark.parametrize(
    ("name", "created", "provider"),
    [
        ("ords_cp1252_semicolon.csv", 3, "Kringnet"),
        ("ords_v01.csv", 3, "Oudnet"),
        ("ords_v021.csv", 2, "Tweenet"),
    ],
)
def test_it_imports_older_versions_and_excel_csv(name, created, provider):
    batch = _import(FILES / name)
    assert (batch.rows_created, batch.rows_failed) == (created, 0), batch.error_report
    assert set(RepairRecord.objects.values_list("data_provider", flat=True)) == {
        provider
    }


def test_a_windows_1252_file_keeps_its_accents():
    _import(FILES / "ords_cp1252_semicolon.csv")
    record = RepairRecord.objects.get(external_id="kringnet_10")
    assert record.group_identifier == "Repair Café Gent-Brugse Poort"
    assert "€" in record.problem


def test_a_v01_file_fills_the_model_and_maps_old_category_names():
    _import(FILES / "ords_v01.csv")
    blender = RepairRecord.objects.get(external_id="oudnet_1")
    assert blender.product_category.ords_name == "Food processor"
    assert blender.model == ""  # "Unknown"
    camera = RepairRecord.objects.get(external_id="oudnet_2")
    assert camera.product_category.ords_name == "DSLR/video camera"
    assert camera.model == "EOS 400"


def test_it_imports_a_workbook(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(list(ORDS_COLUMNS))
    workbook.active.append(
        [
            "xl_1",
            "Werkbladnet",
            "BEL",
            "Gsm",
            "Mobile",
            19,
            "Fairphone",
            2019,
            4.5,
            "Fixed",
            None,
            "Repair Café Hasselt",
            datetime.date(2024, 9, 14),
            "Scherm vervangen",
        ]
    )
    workbook.save(tmp_path / "ords.xlsx")
    with open(tmp_path / "ords.xlsx", "rb") as upload:
        batch = _import(upload, file_name="ords.xlsx")
    assert batch.rows_created == 1, batch.error_report
    record = RepairRecord.objects.get()
    assert record.product_age == Decimal("4.5")
    assert record.year_of_manufacture == 2019
    assert record.event_date == datetime.date(2024, 9, 14)


def test_the_provider_override_replaces_the_column():
    batch = _import(FILES / "ords_v021.csv", data_provider="Repair Connects")
    assert batch.data_provider == "Repair Connects"
    assert set(RepairRecord.objects.values_list("data_provider", flat=True)) == {
        "Repair Connects"
    }


def test_a_file_without_ords_columns_fails_with_the_expected_columns():
    batch = _import(FILES / "not_ords.csv")
    assert batch.status == ImportBatch.Status.FAILED
    assert "id, data_provider, country" in batch.message
    assert ", ".join(ORDS_COLUMNS) in batch.message
    assert RepairRecord.objects.count() == 0


# --- Idempotency ---------------------------------------------------------------------


def test_importing_twice_changes_nothing():
    _import(FILES / "ords_v03_quirks_bom.csv")
    before = _snapshot()
    with CaptureQueriesContext(connection) as queries:
        again = _import(FILES / "ords_v03_quirks_bom.csv")
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 6)
    assert again.rows_failed == 2
    assert _snapshot() == before
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
        and "repairs_repairrecord" in q["sql"].split("(")[0]
    ]
    assert writes == []


def test_a_changed_row_is_updated():
    _import(_csv(_row("h_1"), _row("h_2"), _row("h_3")), file_name="v1.csv")
    newer = _import(
        _csv(_row("h_1"), _row("h_2", status="Repairable"), _row("h_3")),
        file_name="v2.csv",
    )
    assert (newer.rows_created, newer.rows_updated, newer.rows_unchanged) == (0, 1, 2)
    changed = RepairRecord.objects.get(external_id="h_2")
    assert changed.repair_status == "Repairable"
    assert changed.import_batch == newer
    assert RepairRecord.objects.get(external_id="h_1").import_batch != newer
    assert RepairRecord.objects.count() == 3


def test_an_older_version_does_not_wipe_columns_it_lacks():
    _import(_csv(_row("tweenet_1", provider="Tweenet")), file_name="v03.csv")
    assert RepairRecord.objects.get().product_age == Decimal("8.0")
    _import(FILES / "ords_v021.csv")
    assert RepairRecord.objects.get(external_id="tweenet_1").product_age == (
        Decimal("8.0")
    )


def test_a_repeated_id_in_one_file_is_refused_once():
    batch = _import(
        _csv(_row("h_1"), _row("h_2"), _row("h_1", status="Repairable")),
        chunk_size=1,
    )
    assert (batch.rows_created, batch.rows_failed) == (2, 1)
    assert _report(batch)[1][:3] == ["4", "id", "h_1"]
    assert "line 2" in _report(batch)[1][3]
    assert RepairRecord.objects.get(external_id="h_1").repair_status == "Fixed"


def test_records_kept_in_the_platform_are_never_overwritten(personas):
    toaster = ProductCategory.objects.get(ords_id=31)
    RepairRecord.objects.create(
        source=RepairRecordSource.REPAIR_CAFE,
        data_provider="Repair Locale",
        external_id="rl_1",
        product_category=toaster,
        repair_status="Fixed",
        event_date=datetime.date(2023, 1, 7),
        problem="Eigen registratie",
    )
    batch = _import(
        _csv(_row("rl_1", provider="Repair Locale", problem="Overschreven"))
    )
    assert batch.rows_failed == 1
    assert RepairRecord.objects.get().problem == "Eigen registratie"


# --- Dry run and interruptions -------------------------------------------------------


def test_a_dry_run_writes_nothing_but_its_batch():
    _import(_csv(_row("h_1")), file_name="first.csv")
    before = _snapshot()
    batch = _import(FILES / "ords_v03_quirks_bom.csv", dry_run=True)
    assert batch.dry_run
    assert batch.status == ImportBatch.Status.DONE
    assert (batch.rows_created, batch.rows_failed) == (6, 2)
    assert "Dry run: nothing was saved." in batch.message
    assert _snapshot() == before
    assert ImportBatch.objects.count() == 2


def test_an_interrupted_import_leaves_whole_chunks_and_a_rerun_completes(monkeypatch):
    rows = [_row(f"h_{n}") for n in range(1, 8)]
    calls = []
    original = importer._insert

    def crash_on_the_third_chunk(statement, records):
        calls.append(len(records))
        if len(calls) == 3:
            original(statement, records[:1])  # part of a chunk written, then crash
            raise KeyboardInterrupt
        original(statement, records)

    monkeypatch.setattr(importer, "_insert", crash_on_the_third_chunk)
    with pytest.raises(KeyboardInterrupt):
        _import(_csv(*rows), chunk_size=3)
    monkeypatch.undo()
    interrupted = ImportBatch.objects.get()
    assert interrupted.status == ImportBatch.Status.FAILED
    assert "interrupted" in interrupted.message
    assert interrupted.rows_created == 6
    assert RepairRecord.objects.count() == 6  # two whole chunks, not 6 + 1

    rerun = _import(_csv(*rows), chunk_size=3)
    assert (rerun.rows_created, rerun.rows_unchanged) == (1, 6)
    assert RepairRecord.objects.count() == 7


def test_a_row_another_import_inserted_meanwhile_is_picked_up(monkeypatch):
    """The unique constraint refuses the chunk; it is done again and sees the row.

    The provider had no record when the import began, so the importer skips the
    lookup of existing keys; another process then writes h_1 before our INSERT.
    """
    original_upsert = importer._upsert
    calls = []

    def race(batch, chunk, fields, fresh):
        calls.append(1)
        if len(calls) == 1:
            assert fresh.is_fresh("Herstelnet")
        # The other process's row (committed there; here it is written in our
        # chunk's transaction, so it is written again for the second attempt).
        _line, values = chunk[("Herstelnet", "h_1")]
        RepairRecord.objects.create(
            **{**values, "problem": "Door een ander proces"},
            source="imported",
            data_provider="Herstelnet",
            external_id="h_1",
        )
        return original_upsert(batch, chunk, fields, fresh)

    monkeypatch.setattr(importer, "_upsert", race)
    batch = _import(_csv(_row("h_1"), _row("h_2")))
    assert len(calls) == 2
    assert (batch.rows_created, batch.rows_updated) == (1, 1)
    assert RepairRecord.objects.count() == 2
    assert RepairRecord.objects.get(external_id="h_1").problem == "Verwarmt niet"


# --- Likely duplicates across providers ----------------------------------------------


def test_cross_provider_duplicates_are_marked_and_counted_once():
    restart = _import(
        _csv(
            _row("restart_1", provider="The Restart Project", group="Maakbaar Leuven"),
            _row(
                "restart_2",
                provider="The Restart Project",
                group="Maakbaar Leuven",
                problem="Kabel los",
            ),
            _row(
                "restart_3",
                provider="The Restart Project",
                group="Maakbaar Leuven",
                problem="",
            ),
        ),
        file_name="restart.csv",
    )
    assert restart.likely_duplicates == 0
    connects = _import(
        _csv(
            # same repair: case and spaces differ
            _row("repconn_1", provider="Repair Connects", group=" maakbaar leuven"),
            # another problem on the same evening: not the same repair
            _row(
                "repconn_2",
                provider="Repair Connects",
                group="Maakbaar Leuven",
                problem="Knop kapot",
            ),
            # same text as restart_2 but another date
            _row(
                "repconn_3",
                provider="Repair Connects",
                group="Maakbaar Leuven",
                problem="Kabel los",
                date="2023-02-12",
            ),
            # empty problems are never matched
            _row(
                "repconn_4",
                provider="Repair Connects",
                group="Maakbaar Leuven",
                problem="",
            ),
        ),
        file_name="repairconnects.csv",
    )
    assert connects.likely_duplicates == 1
    duplicate = RepairRecord.objects.get(external_id="repconn_1")
    assert duplicate.likely_duplicate_of.external_id == "restart_1"
    assert RepairRecord.objects.filter(likely_duplicate_of__isnull=False).count() == 1
    assert "counted once" in connects.message
    # Counted once: 7 records, 6 repairs.
    assert RepairRecord.objects.filter(likely_duplicate_of__isnull=True).count() == 6

    again = _import(
        _csv(
            _row("repconn_1", provider="Repair Connects", group=" maakbaar leuven"),
        ),
        file_name="repairconnects.csv",
    )
    assert again.rows_unchanged == 1
    assert RepairRecord.objects.filter(likely_duplicate_of__isnull=False).count() == 1


def test_identical_rows_of_one_provider_are_not_duplicates():
    batch = _import(_csv(_row("h_1"), _row("h_2")))
    assert batch.likely_duplicates == 0
    assert not RepairRecord.objects.filter(likely_duplicate_of__isnull=False).exists()


def test_a_mark_is_lifted_when_a_newer_release_changes_the_original():
    _import(_csv(_row("a_1", provider="A")), file_name="a.csv")
    _import(_csv(_row("b_1", provider="B")), file_name="b.csv")
    assert RepairRecord.objects.get(external_id="b_1").likely_duplicate_of_id
    _import(_csv(_row("a_1", provider="A", problem="Iets anders")), file_name="a2.csv")
    assert RepairRecord.objects.get(external_id="b_1").likely_duplicate_of is None


# --- Error report --------------------------------------------------------------------


def test_the_error_report_is_capped_but_the_callback_gets_every_line(monkeypatch):
    monkeypatch.setattr("repairlocale.repairs.importer.MAX_STORED_ERRORS", 3)
    seen = []
    batch = _import(
        _csv(*[_row(f"h_{n}", date="not a date") for n in range(5)]),
        on_error=seen.append,
    )
    assert len(seen) == 5
    assert len(_report(batch)) == 1 + 3
    assert "keeps the first 3 of 5 lines" in batch.message
    assert MAX_STORED_ERRORS > 3


# --- The background task -------------------------------------------------------------


def test_the_task_imports_the_upload_and_removes_it(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "imports").mkdir()
    upload = tmp_path / "imports" / "abc.csv"
    upload.write_bytes((FILES / "ords_v021.csv").read_bytes())
    batch = ImportBatch.objects.create(file_name="ords_v021.csv")
    result = ords_import_task.enqueue(batch.pk, "abc.csv", "Tweenet bis")
    assert result.return_value["rows_created"] == 2
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert batch.progress == 100
    assert batch.data_provider == "Tweenet bis"
    assert not upload.exists()


def test_the_task_refuses_paths_outside_the_upload_folder(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    batch = ImportBatch.objects.create(file_name="x.csv")
    result = ords_import_task.enqueue(batch.pk, "../../etc/passwd")
    assert result.status == "FAILED"


# --- Random input never escapes the importer -----------------------------------------

ROW_VALUE = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "????",
            "150",
            "-1",
            "2,5",
            "Fixed",
            "end of life",
            "Too worn out",
            "Unknown",
            "31",
            "99",
            "Toaster",
            "BEL",
            "be",
            "2023-02-11",
            "11/02/2023",
            "31/02/2023",
            '"',
            ";",
            "\n",
            "\x00",
            "=1+1",
        ]
    ),
)


RANDOM_ROWS = st.lists(
    st.fixed_dictionaries(
        {
            column: (
                st.sampled_from(["r_1", "r_2", "r_3", "r_4", "", "r_5"])
                if column == "id"
                else st.sampled_from(["P", "Q"])
                if column == "data_provider"
                else ROW_VALUE
            )
            for column in ORDS_COLUMNS
        }
    ),
    max_size=12,
)


class RandomInputTests(HypothesisTestCase):
    """Each example runs in its own transaction (hypothesis' Django TestCase)."""

    @staticmethod
    def _file(rows, delimiter=","):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter)
        writer.writerow(ORDS_COLUMNS)
        for row in rows:
            writer.writerow([row[column] for column in ORDS_COLUMNS])
        return buffer.getvalue().encode("utf-8", errors="surrogatepass")

    @settings(max_examples=60, deadline=None)
    @given(data=st.binary(max_size=600))
    def test_random_bytes_never_raise(self, data):
        with translation.override("en"):
            batch = ords_import(source=io.BytesIO(data), file_name="random.bin")
        assert batch.status in (ImportBatch.Status.DONE, ImportBatch.Status.FAILED)
        if batch.status == ImportBatch.Status.FAILED:
            assert batch.message
            assert not RepairRecord.objects.exists()

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        rows=RANDOM_ROWS,
        chunk_size=st.integers(min_value=1, max_value=4),
        delimiter=st.sampled_from([",", ";"]),
    )
    def test_random_rows_never_raise_and_import_idempotently(
        self, rows, chunk_size, delimiter
    ):
        data = self._file(rows, delimiter)

        with translation.override("en"):
            batch = ords_import(
                source=io.BytesIO(data), file_name="rows.csv", chunk_size=chunk_size
            )
            assert batch.status == ImportBatch.Status.DONE, batch.message
            assert batch.rows_read == (
                batch.rows_created
                + batch.rows_updated
                + batch.rows_unchanged
                + batch.rows_failed
            )
            assert RepairRecord.objects.count() == batch.rows_created
            stored = _snapshot()

            again = ords_import(
                source=io.BytesIO(data), file_name="rows.csv", chunk_size=chunk_size
            )
        assert again.rows_created == again.rows_updated == 0
        assert again.rows_unchanged == batch.rows_created
        assert _snapshot() == stored

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        rows=RANDOM_ROWS,
        chunk_size=st.integers(min_value=1, max_value=3),
        crash_at=st.integers(min_value=1, max_value=4),
    )
    def test_a_crash_never_leaves_a_partial_chunk(self, rows, chunk_size, crash_at):
        data = self._file(rows)
        calls = []
        original = importer._insert

        def crash(records):
            calls.append(1)
            if len(calls) == crash_at:
                original(records[:1])  # part of the chunk is written, then the crash
                raise RuntimeError("killed")
            original(records)

        with translation.override("en"):
            with mock.patch.object(importer, "_insert", crash):
                try:
                    interrupted = ords_import(
                        source=io.BytesIO(data),
                        file_name="r.csv",
                        chunk_size=chunk_size,
                    )
                except RuntimeError:
                    interrupted = ImportBatch.objects.latest("pk")
                    assert interrupted.status == ImportBatch.Status.FAILED
            # Only whole chunks: exactly the rows the batch counted as created.
            assert RepairRecord.objects.count() == interrupted.rows_created

            rerun = ords_import(
                source=io.BytesIO(data), file_name="r.csv", chunk_size=chunk_size
            )
        assert rerun.status == ImportBatch.Status.DONE
        assert rerun.rows_unchanged == interrupted.rows_created
        assert RepairRecord.objects.count() == rerun.rows_created + rerun.rows_unchanged
