"""Export repair records as Open Repair Data Standard v0.3 rows, in CSV or JSON.

The columns, their order, types, patterns and enums come from ``ords_schema`` (the
standard's published table schema). What the export decides where the standard does
not:

- ``id``: imported records keep the id of their provider, written the way the
  pattern ``^[a-z]+-[0-9]+$`` wants it (lower case, ``_`` → ``-``: ``repconn_12`` →
  ``repconn-12``; an id that still does not fit becomes ``<provider>-<record pk>``).
  Our own records (workshop and Repair Café) are ``repairlocale-<record pk>``: their
  external ids (``repairlocale_RAD-000001_3``) carry letters and dashes that no
  character substitution can fit into the pattern without two records sharing an id,
  while the primary key is unique, never reused and the same in every export. A
  re-import of the export keeps the id as it was written, so it stays the same there
  too.
- ``brand``: "Unknown" when empty (the schema's missing value for brand).
- ``partner_product_category`` / ``group_identifier``: never empty in the published
  data sets; ours fall back to the ORDS category name and the organisation (or the
  data provider).
- ``repair_barrier_if_end_of_life``: only for End of life; the barrier recorded, else
  the ORDS barrier of the finer reason (``BARRIER_DETAIL_TO_ORDS``), spelled as the
  schema's enum ("Too worn out").
- ``problem``: e-mail addresses and phone numbers become "[email]" and "[phone]".
- Likely duplicates (the same repair published by another provider) are left out when
  the record they duplicate is in the same export; a provider's own export keeps them.

CSV: RFC 4180, UTF-8 without BOM (as the published files), a header row. A text cell a
spreadsheet would read as a formula is prefixed with an apostrophe; numbers and dates
never are. :func:`unescape_cell` undoes it losslessly.

JSON: ORDS defines no JSON form. The export writes one array of objects, one per row,
with the 14 keys in the standard's order; integers and numbers are JSON numbers (a
missing age is ``null``), dates ``"YYYY-MM-DD"``, text exactly as in the CSV but
without the apostrophe (JSON is not opened by spreadsheets).

Both writers stream: the records are read in chunks of ``CHUNK_SIZE`` and written one
row at a time, so memory stays flat whatever the number of records.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.db.models import QuerySet
from django.utils.text import slugify

from repairlocale.repairs.models import (
    BARRIER_DETAIL_TO_ORDS,
    RepairBarrier,
    RepairRecord,
    RepairRecordSource,
    RepairStatus,
)
from repairlocale.repairs.ords_schema import ORDS_COLUMNS, ORDS_FIELDS
from repairlocale.repairs.services import DATA_PROVIDER

# The data provider of the records made on the platform (workshop and Repair Café).
OWN_PROVIDER = DATA_PROVIDER
OWN_ID_PREFIX = "repairlocale"
CHUNK_SIZE = 2000
UNKNOWN_BRAND = "Unknown"

# A cell starting with one of these is a formula (or DDE) to Excel and LibreOffice.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = re.compile(r"^'*[=+\-@\t\r]")
_FIRST_CHARS = frozenset("'=+-@\t\r")

_ID_PATTERN = re.compile(ORDS_FIELDS["id"]["pattern"])

# Our barrier values where the schema's enum spells them differently.
_SCHEMA_BARRIER = {RepairBarrier.ITEM_TOO_WORN_OUT.value: "Too worn out"}


# --- Which records ----------------------------------------------------------------


def records_for_export(
    *,
    providers: Sequence[str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[RepairRecord]:
    """Records of ``providers`` (None or empty: all) repaired between ``since`` and
    ``until`` (both included, both optional), by date.

    SQL cost: one query per ``CHUNK_SIZE`` records when streamed by
    :func:`ords_rows`, the category and organisation joined.
    """
    qs = RepairRecord.objects.select_related("product_category", "organisation")
    if providers:
        qs = qs.filter(data_provider__in=list(providers))
    if since:
        qs = qs.filter(event_date__gte=since)
    if until:
        qs = qs.filter(event_date__lte=until)
    return qs.order_by("event_date", "pk")


def data_providers() -> list[str]:
    """Every data provider with records, alphabetically (served by the index of the
    provider/id unique constraint)."""
    return list(
        RepairRecord.objects.order_by("data_provider")
        .values_list("data_provider", flat=True)
        .distinct()
    )


# --- One row per record -----------------------------------------------------------


def ords_id(record: RepairRecord) -> str:
    """The record's ORDS id, matching the schema's pattern and the same every time."""
    return _ords_id(record.source, record.external_id, record.data_provider, record.pk)


def _ords_id(source: str, external_id: str, data_provider: str, pk: int) -> str:
    if source != RepairRecordSource.IMPORTED:
        return f"{OWN_ID_PREFIX}-{pk}"
    candidate = external_id.strip().lower().replace("_", "-")
    if _ID_PATTERN.fullmatch(candidate):
        return candidate
    prefix = re.sub(r"[^a-z]", "", slugify(data_provider)) or "ords"
    return f"{prefix}-{pk}"


_EMAIL = re.compile(
    r"[\w.%+-]+(?:@|\s?[\[(]at[\])]\s?)[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b",
    re.IGNORECASE,
)
# Between the digit groups of a phone number: one space, dot, slash or dash. A spaced
# separator (" / ", " - ") is allowed after the zone only, so that two numbers in a
# row ("0470 12 34 56 / 050 12 34 56") stay two numbers.
_SEP = r"[ \u00a0./-]"
_ZONE_SEP = r"(?:[ \u00a0]?[./-][ \u00a0]?|[ \u00a0])"
# +32 470 12 34 56, +32 (0)9 123 45 67, 0032 2 123 45 67, +44 20 7946 0958
_INTERNATIONAL_PHONE = re.compile(
    r"(?<![\w+])\(?(?:\+|00)[ \u00a0]?[1-9]\d{0,2}\)?(?:[ \u00a0]?\(0\))?"
    rf"(?:{_SEP}?\d{{1,4}}){{2,6}}(?!\d)"
)
# 0470 12 34 56, 0470/12.34.56, 0470123456, 09 123 45 67, 02/123.45.67, (050) 12 34 56.
# Groups always have a separator between them: "05/03/2021 14u" is no 05 03 20 21 14.
_NATIONAL_PHONE = re.compile(
    r"(?<![\w+/.,-])(?:\(0\d{1,3}\)|0\d{1,3})"
    rf"(?:{_ZONE_SEP}\d{{2,3}}(?:{_SEP}\d{{2,3}}){{1,3}}|{_ZONE_SEP}?\d{{5,8}})(?!\d)"
)
# No phone number without two digits in a row: most texts skip both patterns.
_DIGITS = re.compile(r"\d\d")


def _international(match: re.Match[str]) -> str:
    text = match.group()
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    if text.lstrip("(").startswith("00"):
        digits = digits[2:]
    # E.164: at most 15 digits with the country code; fewer than 8 is no number.
    return "[phone]" if 8 <= len(digits) <= 15 else text


def _national(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group())
    # Belgian numbers: 0 + 8 digits (landlines) or 0 + 9 digits (mobiles, 04xx).
    return "[phone]" if len(digits) in (9, 10) else match.group()


def scrub_problem(text: str) -> str:
    """``text`` with e-mail addresses and phone numbers replaced by placeholders.

    Dates (12/03/2021, 2021-03-12), times and prices are left alone: a national
    number needs nine or ten digits in groups of two or three.
    """
    if not text:
        return ""
    lowered = text.lower()
    if "@" in text or "at)" in lowered or "at]" in lowered:
        text = _EMAIL.sub("[email]", text)
    if not _DIGITS.search(text):
        return text
    text = _INTERNATIONAL_PHONE.sub(_international, text)
    return _NATIONAL_PHONE.sub(_national, text)


def _year(value: int | None) -> str:
    return str(value) if value and 1000 <= value <= 9999 else ""


def _barrier(status: str, barrier: str, detail: str) -> str:
    if status != RepairStatus.END_OF_LIFE:
        return ""
    value = str(barrier or BARRIER_DETAIL_TO_ORDS.get(detail, ""))
    return _SCHEMA_BARRIER.get(value, value)


# What a row needs, read as plain values: building model instances would cost more
# than the rest of the export together.
ROW_FIELDS = (
    "pk",
    "source",
    "data_provider",
    "external_id",
    "country",
    "partner_product_category",
    "product_category__ords_name",
    "product_category__ords_id",
    "brand",
    "year_of_manufacture",
    "product_age",
    "repair_status",
    "repair_barrier",
    "barrier_detail",
    "group_identifier",
    "organisation__name",
    "event_date",
    "problem",
)


def _row(v: dict[str, Any]) -> dict[str, Any]:
    category = v["product_category__ords_name"]
    return {
        "id": _ords_id(v["source"], v["external_id"], v["data_provider"], v["pk"]),
        "data_provider": v["data_provider"],
        "country": v["country"].strip().upper(),
        "partner_product_category": v["partner_product_category"] or category,
        "product_category": category,
        "product_category_id": v["product_category__ords_id"],
        "brand": v["brand"].strip() or UNKNOWN_BRAND,
        "year_of_manufacture": _year(v["year_of_manufacture"]),
        "product_age": v["product_age"],
        "repair_status": v["repair_status"],
        "repair_barrier_if_end_of_life": _barrier(
            v["repair_status"], v["repair_barrier"], v["barrier_detail"]
        ),
        "group_identifier": v["group_identifier"]
        or v["organisation__name"]
        or v["data_provider"],
        "event_date": v["event_date"],
        "problem": scrub_problem(v["problem"]),
    }


def ords_row(record: RepairRecord) -> dict[str, Any]:
    """The ORDS row of one record: text as ``str``, ``product_category_id`` an int,
    ``product_age`` a Decimal (or None), ``event_date`` a date.

    Reads ``record.product_category`` and ``record.organisation`` (a query each
    unless they were selected with the record).
    """
    values = {
        name: getattr(record, name)
        for name in ROW_FIELDS
        if "__" not in name and name != "pk"
    }
    category, organisation = record.product_category, record.organisation
    return _row(
        {
            **values,
            "pk": record.pk,
            "product_category__ords_name": category.ords_name,
            "product_category__ords_id": category.ords_id,
            "organisation__name": organisation.name if organisation else None,
        }
    )


def ords_rows(
    queryset: QuerySet[RepairRecord], *, include_duplicates: bool = False
) -> Iterator[dict[str, Any]]:
    """One ORDS row per record of ``queryset``, streamed in chunks.

    Unless ``include_duplicates``, a record marked as a likely duplicate is left out
    when the record it duplicates is in ``queryset`` too (one subquery, no extra
    round trip). The records are read as plain values (``ROW_FIELDS``), with the
    category and the organisation joined.
    """
    if not include_duplicates:
        queryset = queryset.exclude(likely_duplicate_of__in=queryset.values("pk"))
    for values in queryset.values(*ROW_FIELDS).iterator(chunk_size=CHUNK_SIZE):
        yield _row(values)


# --- Writers ----------------------------------------------------------------------


def escape_formula(value: str) -> str:
    """``value`` with an apostrophe in front when a spreadsheet would run it.

    A value that already starts with apostrophes before a trigger gets one more, so
    :func:`unescape_cell` gives back exactly what was escaped.
    """
    if value[:1] not in _FIRST_CHARS:  # the common case, without a regex
        return value
    return "'" + value if _ESCAPED.match(value) else value


def unescape_cell(value: str) -> str:
    """The text :func:`escape_formula` was given (for importers of our CSV)."""
    return value[1:] if _ESCAPED.match(value) and value.startswith("'") else value


def format_number(value: Decimal | int | float) -> str:
    """A number as the schema's ``number`` type reads it: ``15``, ``2.5``."""
    value = Decimal(str(value))
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _date_text(value: date) -> str:
    return value.isoformat()


# How each column's value becomes CSV text (None is always the empty cell).
_CSV_TEXT = {
    "string": lambda value: escape_formula(str(value)),
    "integer": str,
    "number": format_number,
    "date": _date_text,
}
_CSV_CONVERTERS = tuple(
    (name, _CSV_TEXT[ORDS_FIELDS[name]["type"]]) for name in ORDS_COLUMNS
)


def _csv_record(row: dict[str, Any]) -> list[str]:
    return [
        "" if row[name] is None else convert(row[name])
        for name, convert in _CSV_CONVERTERS
    ]


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _json_record(row: dict[str, Any]) -> str:
    return json.dumps(
        {name: _json_value(row[name]) for name in ORDS_COLUMNS}, ensure_ascii=False
    )


# Streamed output comes in chunks of about this many characters.
STREAM_CHUNK = 64 * 1024


def iter_ords_csv(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The CSV text of the header and ``rows``, in chunks (for streamed responses)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ORDS_COLUMNS)
    for row in rows:
        writer.writerow(_csv_record(row))
        if buffer.tell() >= STREAM_CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def iter_ords_json(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The JSON array of ``rows``, in chunks (for streamed responses)."""
    parts = ["["]
    size = 1
    separator = "\n"
    for row in rows:
        part = separator + _json_record(row)
        parts.append(part)
        size += len(part)
        separator = ",\n"
        if size >= STREAM_CHUNK:
            yield "".join(parts)
            parts, size = [], 0
    parts.append("\n]\n" if separator == ",\n" else "]\n")
    yield "".join(parts)


class _Counted:
    """An iterable that counts the items taken from it."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items, self.count = items, 0

    def __iter__(self) -> Iterator[Any]:
        for item in self.items:
            self.count += 1
            yield item


def write_ords_csv(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write the header and ``rows`` as CSV to ``out``; returns the number of rows.

    Open a file with ``newline=""`` (the csv module writes ``\\r\\n`` itself).
    """
    counted = _Counted(rows)
    for chunk in iter_ords_csv(counted):
        out.write(chunk)
    return counted.count


def write_ords_json(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write ``rows`` as one JSON array of objects to ``out``; returns the count."""
    counted = _Counted(rows)
    for chunk in iter_ords_json(counted):
        out.write(chunk)
    return counted.count
