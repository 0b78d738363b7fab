"""The 14 columns of an Open Repair Data Standard v0.3 row, as published.

Source: the Frictionless table schema of the Open Repair Alliance's 2025-07 aggregate
release (``tableschema.json`` in openrepair/data, ``aggregated/202507``; homepage
https://openrepair.org/open-data/; authors Monique Szpak and Neil Mather), licensed
CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). This module is an
adaptation of that column specification and is shared under the same licence.

The export builds its rows from this mapping and the tests validate every exported row
against it, so they do not need the published file. A test compares this copy with
the published file whenever that file is at hand.

How the published schema was read, where it leaves room for doubt:

- ``required``: the schema marks no field as required. Fields whose description says
  "Optional." (and which declare missing values) are optional; every other field is
  filled in every row of the published data sets, and its primary key (``id``) must
  be present, so the others count as required here.
- ``country`` declares ``"minimum": "3", "maximum": "3"``: Table Schema defines those
  for numbers and dates only; for a three-letter code they can only mean its length.
- ``product_category_id`` is an integer field with a ``pattern``: the pattern is
  checked against the cell as written (one or two digits).
- ``enum`` values are published as one string, ``"[Fixed, Repairable, …]"``, not as a
  list; the list below is that string split on commas. The barrier enum says
  "Too worn out", where the data sets write "Item too worn out" or "Product too worn
  out": the export follows the schema.
- ``missing_values``: ``brand`` declares "Unknown" as its missing value (the data sets
  write "Unknown", never an empty brand); the other optional fields declare "".
"""

from __future__ import annotations

from typing import Any

SCHEMA_SOURCE = (
    "Open Repair Alliance, Open Repair Data - Aggregate - 2025/07, tableschema.json "
    "(github.com/openrepair/data, aggregated/202507), CC BY-SA 4.0"
)

REPAIR_STATUSES = ("Fixed", "Repairable", "End of life", "Unknown")
REPAIR_BARRIERS = (
    "Spare parts not available",
    "Spare parts too expensive",
    "No way to open product",
    "Repair information not available",
    "Lack of equipment",
    "Too worn out",
)

# name -> type ("string" | "integer" | "number" | "date"), required, and the
# constraints the schema publishes (pattern, enum, min/max length, unique), plus the
# field's missing values. In the standard's column order: do not reorder.
ORDS_FIELDS: dict[str, dict[str, Any]] = {
    "id": {
        "type": "string",
        "required": True,
        "pattern": r"^[a-z]+-[0-9]+$",
        "unique": True,
    },
    "data_provider": {"type": "string", "required": True},
    "country": {
        "type": "string",
        "required": True,
        "pattern": r"^[A-Z]{3}$",
        "min_length": 3,
        "max_length": 3,
    },
    "partner_product_category": {"type": "string", "required": True},
    "product_category": {"type": "string", "required": True},
    "product_category_id": {
        "type": "integer",
        "required": True,
        "pattern": r"^[0-9]{1,2}$",
    },
    "brand": {"type": "string", "required": False, "missing_values": ("Unknown",)},
    "year_of_manufacture": {
        "type": "string",
        "required": False,
        "pattern": r"^[0-9]{4}$",
        "missing_values": ("",),
    },
    "product_age": {"type": "number", "required": False, "missing_values": ("",)},
    "repair_status": {"type": "string", "required": True, "enum": REPAIR_STATUSES},
    "repair_barrier_if_end_of_life": {
        "type": "string",
        "required": False,
        "enum": REPAIR_BARRIERS,
        "missing_values": ("",),
    },
    "group_identifier": {"type": "string", "required": True},
    "event_date": {"type": "date", "format": "%Y-%m-%d", "required": True},
    "problem": {"type": "string", "required": False, "missing_values": ("",)},
}

ORDS_COLUMNS: tuple[str, ...] = tuple(ORDS_FIELDS)
