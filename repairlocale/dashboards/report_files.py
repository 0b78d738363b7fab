"""The funder report's files, rendered from its snapshot alone: PDF and XLSX.

Both read the same snapshot, so the PDF, the spreadsheet and the figures kept on
the report row cannot differ. Charts are the dashboards' own Vega-Lite specs,
drawn to SVG on the server by vl-convert (offline) and inlined in the PDF.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from repairlocale.dashboards.charts import Chart
from repairlocale.dashboards.report import from_json
from repairlocale.reuse.exports import XLSX_FORMATS, Column, safe_text

# A base URL for the static-only fetcher; nothing is ever fetched from it.
PDF_BASE_URL = "http://report.invalid/"
CHART_WIDTH = 460
WIDE_COLUMNS = 8


def report_title(date_from: date, date_to: date, region_label: str) -> str:
    """The report's title in the active language, e.g. "Rapport Repair Locale ..."."""
    return _("Repair Locale report – period %(start)s to %(end)s – %(region)s") % {
        "start": date_format(date_from, "SHORT_DATE_FORMAT"),
        "end": date_format(date_to, "SHORT_DATE_FORMAT"),
        "region": region_label,
    }


def format_value(value: Any, kind: str) -> str:
    """A cell as the PDF shows it, in the active language (1.234,50 in Dutch)."""
    if value is None or value == "":
        return "–"
    if kind == "int":
        return number_format(value, 0, force_grouping=True)
    if kind in ("decimal", "money"):
        return number_format(value, 2, force_grouping=True)
    if kind == "percent":
        return number_format(value * 100, 1, force_grouping=True) + "\u00a0%"
    if kind == "days":
        return number_format(value, 1, force_grouping=True)
    if kind == "date":
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _typed_rows(table: dict[str, Any]) -> list[list[Any]]:
    kinds = [kind for _header, kind in table["columns"]]
    return [
        [from_json(v, k) for v, k in zip(row, kinds, strict=True)]
        for row in table["rows"]
    ]


def chart_from_json(data: dict[str, Any]) -> Chart:
    columns = [Column(header, kind) for header, kind in data["columns"]]
    rows = [
        [from_json(v, c.kind) for v, c in zip(row, columns, strict=True)]
        for row in data["rows"]
    ]
    return Chart(
        slug=data["slug"],
        title=data["title"],
        columns=columns,
        rows=rows,
        x=data["x"],
        y=data["y"],
        colour=data["colour"],
        mark=data["mark"],
        grouped=data["grouped"],
        note=data["note"],
    )


def chart_svg(chart: Chart) -> str:
    """The chart's Vega-Lite spec drawn to SVG (vl-convert, no browser, offline)."""
    import vl_convert

    spec = chart.spec()
    spec["width"] = CHART_WIDTH  # "container" means nothing outside a browser
    spec["mark"]["tooltip"] = False
    # Paper has room for whole legend labels; the browser's default cuts them.
    # The PDF's own font, so that vl-convert measures the text WeasyPrint draws.
    spec["config"] = {
        "font": "DejaVu Sans",
        "legend": {"labelLimit": 320},
        "axis": {"labelLimit": 220},
    }
    return vl_convert.vegalite_to_svg(spec)


def _pdf_sections(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    sections = []
    for section in snapshot["sections"]:
        tables = []
        for table in section["tables"]:
            kinds = [kind for _header, kind in table["columns"]]
            tables.append(
                {
                    "title": table["title"],
                    "columns": [
                        {"header": header, "numeric": kind not in ("text", "date")}
                        for header, kind in table["columns"]
                    ],
                    "rows": [
                        [
                            {
                                "text": format_value(v, k),
                                "numeric": k not in ("text", "date"),
                            }
                            for v, k in zip(row, kinds, strict=True)
                        ]
                        for row in _typed_rows(table)
                    ],
                    "has_total": table["has_total"],
                }
            )
        charts = []
        for data in section["charts"]:
            chart = chart_from_json(data)
            charts.append(
                {"title": chart.title, "note": chart.note, "svg": chart_svg(chart)}
            )
        # Tables of many columns get a landscape page (see report.css).
        wide = any(len(t["columns"]) > WIDE_COLUMNS for t in tables)
        sections.append({**section, "tables": tables, "charts": charts, "wide": wide})
    return sections


def render_report_pdf(report, snapshot: dict[str, Any]) -> bytes:
    """The PDF: a cover block, then one chapter per section with tables and charts.

    Stylesheets come from disk through the reuse app's static-only fetcher, so
    WeasyPrint never reaches the network.
    """
    import weasyprint

    from repairlocale.reuse.pdf import _fetcher_class

    context = {
        "report": report,
        "snapshot": snapshot,
        "title": report_title(
            report.date_from, report.date_to, snapshot["region_label"]
        ),
        "sections": _pdf_sections(snapshot),
        "data_timestamp": _local(report.data_timestamp),
        "generated_at": _local(report.generated_at),
    }
    html = render_to_string("dashboards/report/pdf.html", context)
    fetcher = _fetcher_class()(PDF_BASE_URL)
    document = weasyprint.HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher)
    return document.write_pdf()


def _local(moment: datetime | None) -> datetime | None:
    return timezone.localtime(moment) if moment else None


def _cell(sheet, kind: str, value: Any) -> Any:
    if isinstance(value, str):
        return safe_text(value)
    if value is None or kind not in XLSX_FORMATS:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = XLSX_FORMATS[kind]
    return cell


def _bold(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=safe_text(text))
    cell.font = Font(bold=True)
    return cell


def _sheet_title(title: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique."""
    clean = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"
    candidate, n = clean, 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate, n = clean[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.casefold())
    return candidate


def render_report_xlsx(report, snapshot: dict[str, Any]) -> bytes:
    """The workbook: an overview sheet, then one sheet per section.

    Numbers are written as numbers with a number format (never as text), so the
    funder's spreadsheet can add them up.
    """
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    overview = workbook.create_sheet(_sheet_title(_("Report"), used))
    title = report_title(report.date_from, report.date_to, snapshot["region_label"])
    overview.append([_bold(overview, title)])
    overview.append([])
    methodology = snapshot["methodology"]
    for label, kind, value in [
        (_("From"), "date", report.date_from),
        (_("Up to"), "date", report.date_to),
        (_("Region"), "text", snapshot["region_label"]),
        (_("Methodology"), "text", methodology["name"]),
        (_("Methodology version"), "text", methodology["version"]),
        (_("Data as of"), "text", _stamp(report.data_timestamp)),
        (_("Generated at"), "text", _stamp(report.generated_at)),
    ]:
        overview.append([safe_text(label), _cell(overview, kind, value)])
    for section in snapshot["sections"]:
        sheet = workbook.create_sheet(_sheet_title(section["sheet"], used))
        sheet.append([_bold(sheet, section["title"])])
        for note in section["notes"]:
            sheet.append([safe_text(note)])
        for table in section["tables"]:
            kinds = [kind for _header, kind in table["columns"]]
            sheet.append([])
            sheet.append([_bold(sheet, table["title"])])
            sheet.append([_bold(sheet, header) for header, _kind in table["columns"]])
            for row in _typed_rows(table):
                sheet.append(
                    [_cell(sheet, k, v) for k, v in zip(kinds, row, strict=True)]
                )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _stamp(moment: datetime | None) -> str:
    if moment is None:
        return "–"
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
