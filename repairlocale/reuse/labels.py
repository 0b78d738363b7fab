"""Label stock as data, and the QR code printed on every label.

Each grid describes a sheet (or a label-printer roll) in millimetres; its CSS is
generated from these numbers, so a new label stock is one entry in ``GRIDS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import segno
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Monospace glyphs (DejaVu Sans Mono, Liberation Mono) advance 0.6 em; a little slack
# keeps the longest code on one line.
_MONO_ADVANCE = 0.63


@dataclass(frozen=True)
class LabelGrid:
    """A label stock: page size, label size, margins and gaps, all in mm."""

    key: str
    name: str | Promise
    page_width: float
    page_height: float
    columns: int
    rows: int
    label_width: float
    label_height: float
    margin_top: float = 0
    margin_left: float = 0
    gap_x: float = 0
    gap_y: float = 0
    # Inner padding: laser printers cannot print the outer ~4 mm of a sheet, and a
    # label-printer's tape has a small unprintable border.
    padding: float = 3

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def qr_size(self) -> float:
        """The QR side, quiet zone included (about 0.7 mm per module at 26 mm)."""
        return min(self.label_height - 2 * self.padding, 26)

    def code_font_size(self, code_length: int) -> float:
        """The largest monospace size (mm) at which the code fits on one line."""
        text_width = self.label_width - 2 * self.padding - self.qr_size - 1
        by_width = text_width / (max(code_length, 8) * _MONO_ADVANCE)
        return round(min(by_width, 7.5, self.label_height * 0.22), 2)

    def css(self, *, code_length: int = 10) -> str:
        """The page and label geometry for WeasyPrint (fed as a stylesheet)."""
        return (
            f"@page labels {{ size: {self.page_width}mm {self.page_height}mm;"
            f" margin: {self.margin_top}mm 0 0 {self.margin_left}mm; }}\n"
            f".sheet {{ grid-template-columns: repeat({self.columns},"
            f" {self.label_width}mm); grid-auto-rows: {self.label_height}mm;"
            f" column-gap: {self.gap_x}mm; row-gap: {self.gap_y}mm; }}\n"
            f".label {{ width: {self.label_width}mm; height: {self.label_height}mm;"
            f" padding: 0 {self.padding}mm; }}\n"
            f".label .qr {{ width: {self.qr_size}mm; height: {self.qr_size}mm; }}\n"
            f".label .text {{ width: {self._text_width()}mm; }}\n"
            f".label .code {{ font-size: {self.code_font_size(code_length)}mm; }}\n"
        )

    def _text_width(self) -> float:
        return round(self.label_width - 2 * self.padding - self.qr_size - 1, 2)


GRIDS: dict[str, LabelGrid] = {
    grid.key: grid
    for grid in [
        LabelGrid(
            key="single",
            name=_("Single label 62 × 29 mm (label printer)"),
            page_width=62,
            page_height=29,
            columns=1,
            rows=1,
            label_width=62,
            label_height=29,
            padding=2,
        ),
        LabelGrid(
            key="l7160",
            name=_("Avery L7160 – A4, 3 × 7, 63.5 × 38.1 mm"),
            page_width=210,
            page_height=297,
            columns=3,
            rows=7,
            label_width=63.5,
            label_height=38.1,
            margin_top=15.15,
            margin_left=7.21,
            gap_x=2.54,
        ),
        LabelGrid(
            key="l7163",
            name=_("Avery L7163 – A4, 2 × 7, 99.1 × 38.1 mm"),
            page_width=210,
            page_height=297,
            columns=2,
            rows=7,
            label_width=99.1,
            label_height=38.1,
            margin_top=15.15,
            margin_left=4.65,
            gap_x=2.5,
        ),
        LabelGrid(
            key="a4-3x8",
            name=_("A4, 3 × 8, 70 × 37 mm"),
            page_width=210,
            page_height=297,
            columns=3,
            rows=8,
            label_width=70,
            label_height=37,
            margin_top=0.5,
            padding=4,
        ),
    ]
}
DEFAULT_GRID = "single"
DEFAULT_SHEET_GRID = "l7160"


def grid_choices() -> list[tuple[str, str | Promise]]:
    return [(key, grid.name) for key, grid in GRIDS.items()]


def permanent_url(code: str) -> str:
    """The absolute URL printed on a label. It must never change: labels outlive us."""
    return f"{settings.SITE_URL}/a/{code}/"


def qr_svg(url: str) -> str:
    """An inline SVG QR code (error level M, 4-module quiet zone, no XML declaration).

    Regular QR only (phones do not read Micro QR), and the error level is not boosted,
    so the symbol is exactly the one ``segno.make(url, error="m", micro=False,
    boost_error=False)`` describes. The SVG has only a viewBox: CSS sets its size.
    """
    qr = segno.make(url, error="m", micro=False, boost_error=False)
    return qr.svg_inline(omitsize=True, svgclass="qr", lineclass=None)


def paginate_labels(items: Sequence, per_page: int) -> list[list]:
    """Split labels into sheets of ``per_page``."""
    return [list(items[i : i + per_page]) for i in range(0, len(items), per_page)]
