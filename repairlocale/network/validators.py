"""Validators for Belgian identifiers typed by people."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# ASCII only: ``\d`` also matches other scripts' digits (Arabic-Indic, full-width),
# which int() accepts, so a number typed with them passed the check and was stored
# as typed (found by fuzzing).
_NON_DIGITS = re.compile(r"[^0-9]")


def normalise_enterprise_number(value: str) -> str:
    """Return a KBO/BCE enterprise number as 0123.456.789, or raise ValidationError.

    Accepts what people type: with or without dots, spaces or a BE prefix. The last two
    digits are 97 minus the first eight modulo 97 (the official check).
    """
    digits = _NON_DIGITS.sub("", value or "")
    if len(digits) == 9:
        digits = "0" + digits
    if len(digits) != 10 or digits[0] not in "01":
        raise ValidationError(
            _("An enterprise number has 10 digits and starts with 0 or 1."),
            code="enterprise_number_length",
        )
    if 97 - int(digits[:8]) % 97 != int(digits[8:]):
        raise ValidationError(
            _("This enterprise number is not valid (check digits)."),
            code="enterprise_number_checksum",
        )
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def validate_enterprise_number(value: str) -> None:
    if value:
        normalise_enterprise_number(value)


def validate_postcode_format(value: str) -> None:
    if not re.fullmatch(r"[1-9][0-9]{3}", value or ""):
        raise ValidationError(
            _("A Belgian postcode consists of four digits, e.g. 8000."),
            code="postcode_format",
        )
