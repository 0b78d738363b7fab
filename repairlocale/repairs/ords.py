"""Read Open Repair Data Standard files as they are published and as people upload them.

ORDS v0.3 (Open Repair Alliance, CC BY-SA 4.0) has 14 columns; v0.2.1 lacks
``product_category_id`` and ``product_age``; v0.1 also lacks the partner category and
the barrier, calls the date ``date`` and adds ``model`` and ``language``. Real files
add their own quirks (see ``../shared/data/README.md``): barrier spellings, ``????``
years, ages up to 150, ``_`` in ids, empty problems, ``Unknown`` brands. Uploads add
more: a UTF-8 BOM, Windows-1252 text, ``;`` as the delimiter (Excel with a Belgian
locale) and XLSX workbooks.

This module only reads and normalises; ``importer.py`` writes. ``OrdsReader`` yields
``(line_number, row)`` one row at a time, so memory stays flat whatever the file size
(an XLSX sheet is the exception: calamine holds the sheet's cells, which are bounded
by the workbook's own size and Excel's row limit).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from repairlocale.repairs.exports import unescape_cell
from repairlocale.repairs.models import RepairBarrier, RepairStatus


@dataclass(frozen=True)
class Column:
    """One ORDS column: the RepairRecord field it fills; must every file hold it?"""

    field: str
    required: bool = False
    max_length: int | None = None


# The ORDS v0.3 columns, in the standard's order, and the RepairRecord field each one
# fills. product_category and product_category_id both resolve to the category: a file
# needs one of the two (v0.1 and v0.2.1 files have only the name).
ORDS_COLUMNS: dict[str, Column] = {
    "id": Column("external_id", required=True, max_length=120),
    "data_provider": Column("data_provider", required=True, max_length=120),
    "country": Column("country", required=True),
    "partner_product_category": Column("partner_product_category", max_length=200),
    "product_category": Column("product_category", required=True),
    "product_category_id": Column("product_category"),
    "brand": Column("brand", max_length=120),
    "year_of_manufacture": Column("year_of_manufacture"),
    "product_age": Column("product_age"),
    "repair_status": Column("repair_status", required=True),
    "repair_barrier_if_end_of_life": Column("repair_barrier"),
    "group_identifier": Column("group_identifier", max_length=200),
    "event_date": Column("event_date", required=True),
    "problem": Column("problem"),
}
# Columns of older versions that are read as well (v0.1 had a model field).
EXTRA_COLUMNS: dict[str, Column] = {"model": Column("model", max_length=120)}
# Other names for the same column, after header normalisation.
HEADER_ALIASES = {
    "date": "event_date",
    "repair_barrier": "repair_barrier_if_end_of_life",
    "barrier": "repair_barrier_if_end_of_life",
}

AGE_MAX = 120
YEAR_MIN = 1850
# The first Repair Café opened in 2009; earlier event dates are typing errors.
EVENT_DATE_MIN = date(1990, 1, 1)


class OrdsFileError(Exception):
    """The file cannot be read at all: unreadable, empty, or without ORDS columns."""


@dataclass(frozen=True)
class RowError:
    """One problem in one row; ``column`` is empty for problems with the whole row."""

    line: int
    column: str
    value: str
    reason: str
    refused: bool = True  # False: a note; the row was imported without that value


# --- Reading -----------------------------------------------------------------------


def _windows_1252_table() -> str:
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
            chars.append(chr(byte))
    return "".join(chars)


_WINDOWS_1252 = _windows_1252_table()


def _utf8_or_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 refused as Windows-1252.

    Files saved by Excel on Windows are Windows-1252, and files that mix both exist:
    decoding only the refused bytes keeps every valid UTF-8 sequence intact, in one
    streaming pass.
    """
    if not isinstance(error, UnicodeDecodeError):
        raise error
    refused = bytes(error.object[error.start : error.end])
    return "".join(_WINDOWS_1252[byte] for byte in refused), error.end


codecs.register_error("ords_cp1252_fallback", _utf8_or_cp1252)


class _CountingReader(io.RawIOBase):
    """A raw stream that counts the bytes read through it (for the progress bar)."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.bytes_read += n
        return n


def normalise_header(name: Any) -> str:
    """``"\\ufeffProduct Category ID "`` → ``"product_category_id"``."""
    text = str(name if name is not None else "").replace("\ufeff", "").strip().lower()
    text = re.sub(r"[\s\-]+", "_", text)
    return HEADER_ALIASES.get(text, text)


def expected_columns_message(missing: list[str]) -> str:
    return _(
        "This is not an ORDS file: the column(s) %(missing)s are missing. "
        "Expected the ORDS columns %(columns)s (older files may lack "
        "product_category_id and product_age; data_provider may be given instead "
        "of read from the file)."
    ) % {
        "missing": ", ".join(missing),
        "columns": ", ".join(ORDS_COLUMNS),
    }


def _cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a CSV file would hold."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class OrdsReader:
    """Iterate over the rows of an ORDS file as ``(line_number, {column: text})``.

    ``source`` is a path or a binary file object (an upload). Line numbers are the
    file's own (the header is line 1), so people find the row in their editor. Blank
    rows are skipped; every value is a stripped string without NUL characters.
    """

    SNIFF_BYTES = 4096

    def __init__(
        self,
        source: str | Path | IO[bytes],
        *,
        data_provider: str | None = None,
    ):
        self._owned: list[IO[bytes]] = []
        self.data_provider_override = data_provider or None
        self.format = "csv"
        self.encoding = "utf-8"
        self.delimiter = ","
        self.total_bytes = 0
        self._counter: _CountingReader | None = None
        self._xlsx_rows: Iterator[list[Any]] | None = None
        self._xlsx_first_line = 1
        self._xlsx_height = 0
        self._xlsx_done = 0
        try:
            self._open(source)
        except OrdsFileError:
            self.close()
            raise
        except (KeyboardInterrupt, SystemExit):
            self.close()
            raise
        except BaseException as error:  # calamine raises Rust panics as BaseException
            self.close()
            raise OrdsFileError(
                _("The file cannot be read: %(error)s") % {"error": error}
            ) from error

    # -- opening --

    def _open(self, source: str | Path | IO[bytes]) -> None:
        if isinstance(source, str | Path):
            try:
                stream: IO[bytes] = open(source, "rb")  # noqa: SIM115 - closed in close()
            except OSError as error:
                raise OrdsFileError(
                    _("The file cannot be opened: %(error)s")
                    % {"error": error.strerror or error}
                ) from error
            self._owned.append(stream)
        else:
            stream = source
            if not (hasattr(stream, "seekable") and stream.seekable()):
                spooled = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
                shutil.copyfileobj(stream, spooled)
                self._owned.append(spooled)
                stream = spooled
            stream.seek(0)
        self.total_bytes = stream.seek(0, io.SEEK_END)
        stream.seek(0)
        head = stream.read(self.SNIFF_BYTES) or b""
        stream.seek(0)
        if not head.strip():
            raise OrdsFileError(_("The file is empty."))
        if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            self._open_workbook(stream)
        else:
            self._open_text(stream, head)

    def _open_workbook(self, stream: IO[bytes]) -> None:
        from python_calamine import CalamineWorkbook

        self.format = "xlsx"
        self.encoding = ""
        workbook = CalamineWorkbook.from_filelike(stream)
        if not workbook.sheet_names:
            raise OrdsFileError(_("The workbook has no sheets."))
        sheet = workbook.get_sheet_by_index(0)
        self._xlsx_height = max(sheet.height, 1)
        start = sheet.start
        self._xlsx_first_line = (start[0] + 1) if start else 1
        self._xlsx_rows = iter(sheet.iter_rows())
        self._xlsx_done = 1  # the header
        header = next(self._xlsx_rows, None)
        if header is None:
            raise OrdsFileError(_("The first sheet of the workbook is empty."))
        self._set_header([_cell_text(cell) for cell in header])

    def _open_text(self, stream: IO[bytes], head: bytes) -> None:
        if head.startswith(codecs.BOM_UTF8):
            self.encoding = "utf-8-sig"
        elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            self.encoding = "utf-16"
        self._counter = _CountingReader(stream)
        self._text = io.TextIOWrapper(
            io.BufferedReader(self._counter, buffer_size=64 * 1024),
            encoding=self.encoding,
            errors="ords_cp1252_fallback" if self.encoding != "utf-16" else "replace",
            newline="",
        )
        if self.encoding == "utf-8":
            try:
                head.decode("utf-8")
            except UnicodeDecodeError as error:
                # A cut multi-byte sequence at the end of the sample is still UTF-8.
                if error.start < len(head) - 3:
                    self.encoding = "windows-1252"
        first_line = self._text.readline()
        self.delimiter = self._sniff_delimiter(first_line)
        self._lines = _LineCounter(first_line, self._text)
        self._csv = csv.reader(self._lines, delimiter=self.delimiter)
        try:
            header = next(self._csv)
        except (StopIteration, csv.Error) as error:
            raise OrdsFileError(_("The file has no header row.")) from error
        self._set_header(header)

    @staticmethod
    def _sniff_delimiter(first_line: str) -> str:
        """The header's delimiter: ORDS column names never contain , ; or a tab."""
        counts = {d: first_line.count(d) for d in (",", ";", "\t")}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","

    def _set_header(self, raw: list[str]) -> None:
        self.header = [normalise_header(name) for name in raw]
        known = set(self.header)
        missing = [
            name
            for name, column in ORDS_COLUMNS.items()
            if column.required
            and name not in known
            and not (name == "product_category" and "product_category_id" in known)
            and not (name == "data_provider" and self.data_provider_override)
        ]
        if missing:
            raise OrdsFileError(expected_columns_message(missing))
        self.columns = [
            name
            for name in self.header
            if name in ORDS_COLUMNS or name in EXTRA_COLUMNS
        ]

    # -- reading --

    @property
    def fraction_read(self) -> float:
        """How much of the file has been read, from 0 to 1 (bytes, or sheet rows)."""
        if self.format == "xlsx":
            return min(self._xlsx_done / self._xlsx_height, 1.0)
        if not self.total_bytes or self._counter is None:
            return 1.0
        return min(self._counter.bytes_read / self.total_bytes, 1.0)

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]] | RowError]:
        """Rows as ``(line, values)``; a row the parser rejects as a ``RowError``."""
        if self.format == "xlsx":
            yield from self._iter_workbook()
        else:
            yield from self._iter_text()

    def _row(self, line: int, values: list[str]) -> tuple[int, dict] | RowError | None:
        if not any(values):
            return None
        width = len(self.header)
        if len(values) > width and any(values[width:]):
            return RowError(
                line,
                "",
                "",
                _(
                    "The row has %(found)d values but the header has %(expected)d "
                    "columns (a delimiter inside an unquoted text?)."
                )
                % {"found": len(values), "expected": width},
            )
        if len(values) >= width:
            return line, dict(zip(self.header, values, strict=False))
        row = dict.fromkeys(self.header, "")
        for name, value in zip(self.header, values, strict=False):
            row[name] = value
        return line, row

    def _iter_text(self):
        reader, lines = self._csv, self._lines
        while True:
            start = lines.line_number + 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                reason = _("Unreadable row: %(error)s") % {"error": error}
                yield RowError(start, "", "", reason)
                continue
            # NUL bytes were removed from the line already (_LineCounter).
            values = [v.strip() for v in values]
            row = self._row(start, values)
            if row is not None:
                yield row

    def _iter_workbook(self):
        assert self._xlsx_rows is not None
        line = self._xlsx_first_line
        for cells in self._xlsx_rows:
            line += 1
            self._xlsx_done += 1
            values = [_cell_text(cell).replace("\x00", "").strip() for cell in cells]
            row = self._row(line, values)
            if row is not None:
                yield row

    def close(self) -> None:
        for stream in self._owned:
            stream.close()
        self._owned = []

    def __enter__(self) -> OrdsReader:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class _LineCounter:
    """Feeds csv.reader line by line and counts physical lines.

    csv.reader's own ``line_num`` counts the lines it has consumed; a record that
    spans lines (a quoted newline in a problem text) starts at the line after the
    previous record, which is what the error report must name.
    """

    def __init__(self, first_line: str, text: IO[str]):
        self._pending: str | None = first_line
        self._text = text
        self.line_number = 0

    def __iter__(self) -> _LineCounter:
        return self

    def __next__(self) -> str:
        if self._pending is not None:
            line, self._pending = self._pending, None
        else:
            line = self._text.readline()
        if not line:
            raise StopIteration
        self.line_number += 1
        # A NUL byte is never a delimiter or a quote: dropping it from the line is
        # dropping it from the values, once per line instead of once per value.
        return line.replace("\x00", "") if "\x00" in line else line


# --- Normalising values -------------------------------------------------------------


def _key(text: str) -> str:
    """Lower case, one space between words, no space around slashes, no final dot."""
    text = re.sub(r"[\s_]+", " ", text.strip().lower()).rstrip(".").strip()
    return re.sub(r"\s*/\s*", "/", text)


# Values are plain strings (not the enum members) so that they go to the database
# driver as they are.
STATUSES: dict[str, str] = {
    "fixed": RepairStatus.FIXED.value,
    "repaired": RepairStatus.FIXED.value,
    "repairable": RepairStatus.REPAIRABLE.value,
    "end of life": RepairStatus.END_OF_LIFE.value,
    "endoflife": RepairStatus.END_OF_LIFE.value,
    "eol": RepairStatus.END_OF_LIFE.value,
    "unknown": RepairStatus.UNKNOWN.value,
}

# Every spelling seen in published files, and the standard's own.
BARRIERS: dict[str, str] = {
    "spare parts not available": RepairBarrier.SPARE_PARTS_NOT_AVAILABLE.value,
    "spare parts too expensive": RepairBarrier.SPARE_PARTS_TOO_EXPENSIVE.value,
    "no way to open product": RepairBarrier.NO_WAY_TO_OPEN.value,
    "no way to open the product": RepairBarrier.NO_WAY_TO_OPEN.value,
    "repair information not available": (
        RepairBarrier.REPAIR_INFORMATION_NOT_AVAILABLE.value
    ),
    "lack of equipment": RepairBarrier.LACK_OF_EQUIPMENT.value,
    "item too worn out": RepairBarrier.ITEM_TOO_WORN_OUT.value,
    "product too worn out": RepairBarrier.ITEM_TOO_WORN_OUT.value,
    "too worn out": RepairBarrier.ITEM_TOO_WORN_OUT.value,
}

# "Unknown" brands in the languages of the providers we import (and a dash).
UNKNOWN_BRANDS = {
    "unknown",
    "onbekend",
    "unbekannt",
    "inconnu",
    "inconnue",
    "-",
    "--",
    "?",
    "n/a",
    "na",
    "none",
}

# Category names of older ORDS versions, by _key().
CATEGORY_ALIASES = {
    "blender": "Food processor",  # renamed in v0.2.1
    "dlsr/video camera": "DSLR/video camera",  # spelling in v0.1 files
}

# ISO 3166 alpha-2 → alpha-3 for the countries of the providers whose files we read;
# the ORDS column is alpha-3 but hand-made files often use two letters.
COUNTRY_ALPHA2 = {
    "AD": "AND", "AR": "ARG", "AT": "AUT", "AU": "AUS", "BE": "BEL", "BG": "BGR",
    "BR": "BRA", "CA": "CAN", "CH": "CHE", "CL": "CHL", "CY": "CYP", "CZ": "CZE",
    "DE": "DEU", "DK": "DNK", "EE": "EST", "ES": "ESP", "FI": "FIN", "FR": "FRA",
    "GB": "GBR", "UK": "GBR", "GR": "GRC", "HK": "HKG", "HR": "HRV", "HU": "HUN",
    "IE": "IRL", "IL": "ISR", "IN": "IND", "IS": "ISL", "IT": "ITA", "JP": "JPN",
    "KE": "KEN", "LI": "LIE", "LT": "LTU", "LU": "LUX", "LV": "LVA", "MA": "MAR",
    "MC": "MCO", "MT": "MLT", "MX": "MEX", "NL": "NLD", "NO": "NOR", "NZ": "NZL",
    "PL": "POL", "PT": "PRT", "RO": "ROU", "RS": "SRB", "SE": "SWE", "SI": "SVN",
    "SK": "SVK", "TN": "TUN", "TR": "TUR", "UA": "UKR", "US": "USA", "ZA": "ZAF",
}  # fmt: skip

_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


class CategoryLookup:
    """Resolves a row's category by ORDS id or by name; built with one query."""

    def __init__(self):
        from repairlocale.repairs.models import ProductCategory

        self.by_id: dict[int, int] = {}
        self.by_name: dict[str, int] = {}
        for pk, ords_id, name in ProductCategory.objects.values_list(
            "pk", "ords_id", "ords_name"
        ):
            self.by_id[ords_id] = pk
            self.by_name[_key(name)] = pk
        for alias, name in CATEGORY_ALIASES.items():
            if _key(name) in self.by_name:
                self.by_name[alias] = self.by_name[_key(name)]


def parse_status(value: str) -> str | None:
    return STATUSES.get(_key(value).replace("-", " "))


def parse_barrier(value: str) -> str | None:
    """The ORDS barrier; "" for no barrier; None for a value we do not know."""
    if not value:
        return ""
    return BARRIERS.get(_key(value))


def parse_brand(value: str) -> str:
    return "" if value.strip().lower() in UNKNOWN_BRANDS else value.strip()


def parse_country(value: str) -> str | None:
    code = value.strip().upper()
    if re.fullmatch(r"[A-Z]{3}", code):
        return code
    return COUNTRY_ALPHA2.get(code)


def parse_date(value: str) -> date | None:
    """ISO (``2021-03-05``, also with a time) or Belgian ``05/03/2021``."""
    text = value.strip()
    match = _ISO_DATE.match(text)
    try:
        if match:
            return date(*(int(part) for part in match.groups()))
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    except ValueError:
        return None
    return None


def parse_number(value: str) -> Decimal | None:
    text = value.strip().replace(" ", "")
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


def parse_year(value: str, *, today: date) -> int | None:
    """The year as an int, or None for ``????``, empty, non-numeric or impossible."""
    number = parse_number(value)
    if number is None or number != number.to_integral_value():
        return None
    year = int(number)
    return year if YEAR_MIN <= year <= today.year + 1 else None


def parse_age(value: str) -> Decimal | None:
    """The age in years with one decimal (the model's precision), unchecked range."""
    number = parse_number(value)
    if number is None:
        return None
    return number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# Distinct raw texts remembered per kind of value (see RowNormaliser._cached).
_CACHE_MAX = 50_000


class RowNormaliser:
    """Turns one ORDS row into RepairRecord field values, or explains why not.

    ``normalise()`` returns the field values (or None when the row is refused) and
    the list of RowErrors, notes included. Only the fields whose column the file
    holds are returned, so that an older file does not wipe newer fields.
    """

    def __init__(
        self,
        header: list[str],
        *,
        data_provider: str | None = None,
        categories: CategoryLookup | None = None,
        today: date | None = None,
    ):
        self.present = set(header)
        self.data_provider = data_provider or None
        self.categories = categories or CategoryLookup()
        self.today = today or timezone.localdate()
        self.fields = self._fields()
        # The text fields that can be too long, checked after every row.
        self._limits = [
            (name, column.field, column.max_length)
            for name, column in (*ORDS_COLUMNS.items(), *EXTRA_COLUMNS.items())
            if column.max_length
            and column.field not in ("external_id", "data_provider")
        ]
        # Parsed values by raw text. Files repeat the same few statuses, barriers,
        # countries, categories, dates, years and ages on every row: parsing each
        # distinct text once is most of the normaliser's work saved. Each cache stops
        # growing at _CACHE_MAX entries, so memory stays bounded.
        self._cache: dict[str, dict[str, Any]] = {
            name: {}
            for name in (
                "status",
                "barrier",
                "country",
                "date",
                "year",
                "age",
                "category_id",
                "category",
            )
        }

    def _cached(self, kind: str, raw: str, parse) -> Any:
        cache = self._cache[kind]
        try:
            return cache[raw]
        except KeyError:
            value = parse(raw)
            if len(cache) < _CACHE_MAX:
                cache[raw] = value
            return value

    def _fields(self) -> list[str]:
        fields = ["data_provider", "product_category_id"]
        for name in self.present:
            column = ORDS_COLUMNS.get(name) or EXTRA_COLUMNS.get(name)
            if column and column.field not in ("data_provider", "product_category"):
                fields.append(column.field)
        return sorted(set(fields) - {"external_id"})

    def normalise(
        self, line: int, row: dict[str, str]
    ) -> tuple[dict[str, Any] | None, list[RowError]]:
        errors: list[RowError] = []
        values: dict[str, Any] = {}
        # Our own export puts an apostrophe before cells a spreadsheet would run as a
        # formula ('=…); importing that export must give back the original text.
        # One C-level join and search instead of a test per cell; a false alarm
        # (a \x1f in a text) only takes the exact path below.
        if "\x1f'" in "\x1f" + "\x1f".join(row.values()):
            row = {
                name: unescape_cell(value) if value[:1] == "'" else value
                for name, value in row.items()
            }

        def refuse(column: str, value: str, reason: str) -> None:
            errors.append(RowError(line, column, value, reason))

        def note(column: str, value: str, reason: str) -> None:
            errors.append(RowError(line, column, value, reason, refused=False))

        external_id = row.get("id", "")
        if not external_id:
            refuse("id", "", _("The id is empty."))
        elif len(external_id) > 120:
            refuse("id", external_id, _("The id is longer than 120 characters."))
        values["external_id"] = external_id

        provider = self.data_provider or row.get("data_provider", "")
        if not provider:
            refuse("data_provider", "", _("The data provider is empty."))
        elif len(provider) > 120:
            refuse(
                "data_provider",
                provider,
                _("The data provider is longer than 120 characters."),
            )
        values["data_provider"] = provider

        if "country" in self.present:
            country = self._cached("country", row["country"], parse_country)
            if country is None:
                refuse(
                    "country",
                    row["country"],
                    _("Not an ISO 3166 alpha-3 country code (e.g. BEL)."),
                )
            values["country"] = country

        values["product_category_id"] = self._category(row, refuse)

        raw_status = row.get("repair_status", "")
        status = self._cached("status", raw_status, parse_status)
        if status is None:
            refuse(
                "repair_status",
                raw_status,
                _("Not an ORDS repair status (%(choices)s).")
                % {"choices": ", ".join(RepairStatus.values)},
            )
        values["repair_status"] = status

        if "repair_barrier_if_end_of_life" in self.present:
            raw = row["repair_barrier_if_end_of_life"]
            barrier = self._cached("barrier", raw, parse_barrier)
            if barrier is None:
                refuse(
                    "repair_barrier_if_end_of_life",
                    raw,
                    _("Not an ORDS repair barrier (%(choices)s).")
                    % {"choices": ", ".join(RepairBarrier.values)},
                )
            values["repair_barrier"] = barrier

        raw_date = row.get("event_date", "")
        event_date = self._cached("date", raw_date, parse_date)
        if event_date is None:
            refuse(
                "event_date",
                raw_date,
                _("Not a date (use YYYY-MM-DD or DD/MM/YYYY).")
                if raw_date
                else _("The date is empty."),
            )
        if event_date is not None and not (
            EVENT_DATE_MIN <= event_date <= self.today + timedelta(days=1)
        ):
            refuse(
                "event_date",
                raw_date,
                _("A date before 1990 or in the future."),
            )
        values["event_date"] = event_date

        if "year_of_manufacture" in self.present:
            raw = row["year_of_manufacture"]
            year = self._cached("year", raw, self._parse_year)
            if year is None and raw and raw.strip("?"):
                note(
                    "year_of_manufacture",
                    raw,
                    _("Not a plausible year; imported without a year."),
                )
            values["year_of_manufacture"] = year

        if "product_age" in self.present:
            raw = row["product_age"]
            age = self._cached("age", raw, parse_age)
            if raw and age is None:
                note("product_age", raw, _("Not a number; imported without an age."))
            elif age is not None and not (0 <= age <= AGE_MAX):
                note(
                    "product_age",
                    raw,
                    _("An age outside 0–%(max)d years; imported without an age.")
                    % {"max": AGE_MAX},
                )
                age = None
            values["product_age"] = age

        if "brand" in self.present:
            values["brand"] = parse_brand(row["brand"])
        for name in ("partner_product_category", "group_identifier", "problem"):
            if name in self.present:
                values[ORDS_COLUMNS[name].field] = row[name]
        if "model" in self.present:
            model = row["model"]
            values["model"] = "" if model.lower() in UNKNOWN_BRANDS else model

        for name, field, limit in self._limits:
            value = values.get(field)
            if isinstance(value, str) and len(value) > limit:
                note(
                    name,
                    value,
                    _("Longer than %(max)d characters; cut to that length.")
                    % {"max": limit},
                )
                values[field] = value[:limit]

        if any(error.refused for error in errors):
            return None, errors
        return values, errors

    def _parse_year(self, raw: str) -> int | None:
        return parse_year(raw, today=self.today)

    def _category_by_id(self, raw_id: str) -> int | None:
        number = parse_number(raw_id)
        if number is None or number != number.to_integral_value():
            return None
        return self.categories.by_id.get(int(number))

    def _category_by_name(self, name: str) -> int | None:
        return self.categories.by_name.get(_key(name))

    def _category(self, row: dict[str, str], refuse) -> int | None:
        raw_id = row.get("product_category_id", "")
        if raw_id and "product_category_id" in self.present:
            pk = self._cached("category_id", raw_id, self._category_by_id)
            if pk is None:
                refuse(
                    "product_category_id",
                    raw_id,
                    _("Not one of the 40 ORDS product category ids."),
                )
            return pk
        name = row.get("product_category", "")
        if not name:
            refuse("product_category", "", _("The product category is empty."))
            return None
        pk = self._cached("category", name, self._category_by_name)
        if pk is None:
            refuse(
                "product_category",
                name,
                _("Not one of the 40 ORDS product categories."),
            )
        return pk
