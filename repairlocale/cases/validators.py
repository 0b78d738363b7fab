"""Checks on uploaded photos: size, declared type, and what Pillow finds inside."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_PHOTO_BYTES = 5 * 1024 * 1024
# A small file can still decode to a huge bitmap ("decompression bomb"): Pillow
# only refuses past 2 x 89 megapixels. No photo of an activity needs more than this.
MAX_PHOTO_PIXELS = 40_000_000
# Pillow format → the content types a browser may declare for it.
ALLOWED_FORMATS = {
    "JPEG": {"image/jpeg", "image/pjpeg"},
    "PNG": {"image/png"},
    "WEBP": {"image/webp"},
}


def validate_photo(file) -> None:
    """Refuse large files, non-images and files whose declared type lies.

    The browser's content type is only a claim: Pillow's ``verify`` reads the file
    itself, so a script renamed to ``.jpg`` is refused too.
    """
    from PIL import Image, UnidentifiedImageError

    if file.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("The photo is %(size)s; the limit is %(limit)s."),
            code="photo_too_large",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(MAX_PHOTO_BYTES),
            },
        )
    # Django's ImageField replaces content_type with what Pillow detected; the
    # browser's claim is kept aside by PhotoField.
    declared = getattr(file, "declared_content_type", None) or getattr(
        file, "content_type", None
    )
    allowed = set().union(*ALLOWED_FORMATS.values())
    if declared is not None and declared not in allowed:
        raise ValidationError(
            _("Upload a JPEG, PNG or WebP photo."), code="photo_content_type"
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            detected = image.format
            width, height = image.size
            image.verify()
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise ValidationError(
            _("This file is not a photo Repair Locale can read."),
            code="photo_unreadable",
        ) from error
    finally:
        file.seek(0)
    if width * height > MAX_PHOTO_PIXELS:
        raise ValidationError(
            _("The photo is %(width)s × %(height)s pixels; make it smaller."),
            code="photo_too_many_pixels",
            params={"width": width, "height": height},
        )
    if detected not in ALLOWED_FORMATS or (
        declared is not None and declared not in ALLOWED_FORMATS[detected]
    ):
        raise ValidationError(
            _("Upload a JPEG, PNG or WebP photo."), code="photo_content_type"
        )
