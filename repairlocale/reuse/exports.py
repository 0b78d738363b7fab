"""Exports of the hergebruikfiche: spreadsheet-safe CSV and XLSX writers, the
appliance-level export for OVAM/Recupel reporting, and the inflow table.

Numbers are written as numbers (never as formatted text) and every text cell that a
spreadsheet could read as a formula is prefixed with an apostrophe, so a brand typed
as ``=HYPERLINK(…)`` stays text (CSV/formula injection).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from django.db.models import F, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from repairlocale.network.models import Organisation
from repairlocale.reuse.inflow import InflowReport
from repairlocale.reuse.models import (
    REJECTION_CRITERIA,
    Appliance,
    ApplianceStatus,
)

# A cell starting with one of these is a formula (or DDE) to Excel and LibreOffice.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000


def safe_text(value: str) -> str:
    """``value`` with an apostrophe in front when a spreadsheet would run it."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


@dataclass(frozen=True)
class Column:
    """One export column: its header and how its numbers are shown in XLSX."""

    header: str
    # text | int | decimal | money | percent | days | date
    kind: str = "text"


XLSX_FORMATS = {
    "int": "0",
    "decimal": "0.00",
    "money": "#,##0.00",
    "percent": "0.0%",
    "days": "0.0",
    "date": "yyyy-mm-dd",
}


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str | Promise):
        return safe_text(str(value))
    if isinstance(value, date):
        return value.isoformat()
    return value  # int, float, Decimal: written as plain numbers


def write_csv(columns: Sequence[Column], rows: Iterable[Sequence[Any]], out: IO) -> int:
    """Write a header and ``rows`` as RFC 4180 CSV (UTF-8, dot decimals).

    Returns the number of data rows; rows are consumed one at a time.
    """
    writer = csv.writer(out)
    writer.writerow([safe_text(str(c.header)) for c in columns])
    count = 0
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
        count += 1
    return count


def _xlsx_value(sheet, column: Column, value: Any) -> Any:
    if isinstance(value, str | Promise):
        # openpyxl refuses control characters; they have no place in a cell.
        return safe_text(ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    if isinstance(value, bool):
        return int(value)
    if value is None or column.kind not in XLSX_FORMATS:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = XLSX_FORMATS[column.kind]
    return cell


def write_xlsx(
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    out: IO | str,
    *,
    title: str = "Export",
) -> int:
    """Write a header and ``rows`` to one sheet of a write-only workbook.

    openpyxl's write-only mode streams rows to a temporary file, so memory stays
    flat however many rows there are. Returns the number of data rows.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([safe_text(str(c.header)) for c in columns])
    count = 0
    for row in rows:
        sheet.append(
            [_xlsx_value(sheet, c, v) for c, v in zip(columns, row, strict=True)]
        )
        count += 1
    workbook.save(out)
    return count


# --- One row per appliance (OVAM/Recupel reporting) -------------------------------

# The documented column names: stable, English and untranslated, as other tools read
# them. Values are codes (channel, status, reasons), not labels, for the same reason.
APPLIANCE_COLUMNS = [
    Column("code"),
    Column("centre"),
    Column("site"),
    Column("intake_date", "date"),
    Column("channel"),
    Column("municipality_nis"),
    Column("municipality_name"),
    Column("ords_category_id", "int"),
    Column("ords_category_name"),
    Column("eee_category", "int"),
    Column("device"),
    Column("brand"),
    Column("model"),
    Column("production_year", "int"),
    Column("weight_kg", "decimal"),
    Column("status"),
    Column("rejection_reasons"),
    Column("latest_repair_outcome"),
    Column("sold_on", "date"),
    Column("sale_price", "money"),
    Column("days_to_sale", "int"),
]


def appliances_for_export(
    *,
    centres: Iterable[Organisation | int] | QuerySet[Organisation] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[Appliance]:
    """Appliances taken in between ``since`` and ``until`` (both included, both
    optional) by ``centres`` (None: every centre), in intake order.

    SQL cost: one query per chunk of rows when iterated, with the related rows
    joined; the step facts are columns of the appliance row.
    """
    qs = Appliance.objects.select_related(
        "organisation", "site", "source_municipality", "product_category"
    )
    if centres is not None:
        qs = qs.filter(organisation__in=centres)
    if since:
        qs = qs.filter(intake_date__gte=since)
    if until:
        qs = qs.filter(intake_date__lte=until)
    return qs.order_by(F("intake_date"), F("pk"))


def appliance_rows(queryset: QuerySet[Appliance]) -> Iterator[list[Any]]:
    """One list of values per appliance, in ``APPLIANCE_COLUMNS`` order.

    Streams the queryset in chunks of ``CHUNK_SIZE`` rows.
    """
    for a in queryset.iterator(chunk_size=CHUNK_SIZE):
        sold = a.status == ApplianceStatus.SOLD
        municipality = a.source_municipality
        reasons = (
            json.loads(a.rejection_keys)
            if a.triage_result is False and a.rejection_keys
            else []
        )
        yield [
            a.code,
            a.organisation.name,
            a.site.name if a.site else "",
            a.intake_date,
            a.channel,
            municipality.nis_code if municipality else "",
            municipality.name_nl if municipality else "",
            a.product_category.ords_id,
            a.product_category.ords_name,
            int(a.eee_category),
            a.device_name,
            a.brand,
            a.model_number,
            a.production_year,
            a.weight_kg,
            a.status,
            "; ".join(k for k in reasons or [] if k in REJECTION_CRITERIA),
            a.last_repair_outcome,
            a.closed_on if sold else None,
            a.sale_price if sold else None,
            (a.closed_on - a.intake_date).days if sold and a.closed_on else None,
        ]


# --- The inflow table -----------------------------------------------------------


def inflow_columns(group_label: str, *, with_region: bool = False) -> list[Column]:
    """The columns of the inflow table, headed in the user's language."""
    columns = [Column(_("Pilot region"))] if with_region else []
    return [
        *columns,
        Column(group_label),
        Column(_("Appliances in"), "int"),
        Column(_("kg in"), "decimal"),
        Column(_("Rejected at triage"), "int"),
        Column(_("Share rejected"), "percent"),
        *(
            Column(_("Rejected: %(reason)s") % {"reason": label}, "int")
            for label in REJECTION_CRITERIA.values()
        ),
        Column(_("Reached sale"), "int"),
        Column(_("Share reaching sale"), "percent"),
        Column(_("With a repair"), "int"),
        Column(_("Fixed"), "int"),
        Column(_("Repair success rate"), "percent"),
        Column(_("Median days to sale"), "days"),
        Column(_("Revenue (EUR)"), "money"),
        Column(_("kg re-used"), "decimal"),
    ]


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def inflow_rows(
    report: InflowReport, *, region_label: str | None = None
) -> Iterator[list[Any]]:
    """The rows of the inflow table, the totals row last."""
    for figures in [*report.rows, report.total]:
        yield [
            *([region_label] if region_label is not None else []),
            figures.label,
            figures.appliances,
            figures.kg_in,
            figures.rejected,
            _ratio(figures.rejected_share),
            *(figures.reasons.get(key, 0) for key in REJECTION_CRITERIA),
            figures.sold,
            _ratio(figures.sold_share),
            figures.repaired,
            figures.fixed,
            _ratio(figures.repair_success_rate),
            figures.median_days_to_sale,
            figures.revenue,
            figures.kg_reused,
        ]
