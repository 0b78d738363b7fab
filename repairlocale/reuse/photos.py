"""Checking and cleaning uploaded appliance photos.

The browser's file name and content type are only claims: Pillow reads the file
itself, and every photo is decoded and encoded again. That drops whatever else the
file carried (EXIF with GPS positions, comments, embedded scripts) and keeps the
pixels, turned upright first as the camera's orientation tag said.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 10 * 1024 * 1024
# Phone cameras take up to ~50 megapixels; beyond this a file is a decompression bomb.
MAX_PIXELS = 60_000_000
# The stored photo's longest side; enough to read a type plate.
MAX_SIDE = 3000
THUMBNAIL_SIDE = 480
# Pillow format → (extension, content type).
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
CONTENT_TYPES = dict(FORMATS.values())


@dataclass(frozen=True)
class CleanPhoto:
    """A photo ready to store: re-encoded without metadata, with its thumbnail."""

    image: ContentFile
    thumbnail: ContentFile
    original_name: str


def _refuse(name: str, message, code: str, **params) -> ValidationError:
    return ValidationError(
        _("%(name)s: %(problem)s"),
        code=code,
        params={"name": name, "problem": message % params if params else message},
    )


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "JPEG":
        # No exif= or icc_profile= arguments: the new file carries pixels only.
        image.save(buffer, "JPEG", quality=85, optimize=True)
    elif fmt == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "WEBP", quality=85)
    return buffer.getvalue()


def clean_photo(upload) -> CleanPhoto:
    """Check one uploaded file and return it re-encoded; ValidationError otherwise.

    Refuses files over ``MAX_PHOTO_BYTES``, anything Pillow cannot read as a JPEG,
    PNG or WebP (whatever the name or the declared type), and images with more than
    ``MAX_PIXELS`` pixels.
    """
    name = getattr(upload, "name", "") or _("photo")
    if upload.size > MAX_PHOTO_BYTES:
        raise _refuse(
            name,
            _("the file is %(size)s; the limit is %(limit)s per photo."),
            "photo_too_large",
            size=filesizeformat(upload.size),
            limit=filesizeformat(MAX_PHOTO_BYTES),
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            fmt = probe.format
            size = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise _refuse(
            name, _("this is not a photo we can read."), "photo_unreadable"
        ) from error
    except Image.DecompressionBombError as error:
        raise _refuse(
            name, _("the photo has too many pixels."), "photo_too_big"
        ) from error
    if fmt not in FORMATS:
        raise _refuse(name, _("upload a JPEG, PNG or WebP photo."), "photo_format")
    if size[0] * size[1] > MAX_PIXELS:
        raise _refuse(name, _("the photo has too many pixels."), "photo_too_big")
    try:
        upload.seek(0)
        with Image.open(upload) as opened:
            opened.load()
            image = ImageOps.exif_transpose(opened)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise _refuse(
            name, _("this is not a photo we can read."), "photo_unreadable"
        ) from error
    finally:
        upload.seek(0)
    if fmt == "JPEG" or image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if fmt != "JPEG" and "A" in image.mode else "RGB")
    image.info = {}
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    extension = FORMATS[fmt][0]
    small = image.copy()
    small.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    if small.mode != "RGB":
        flat = Image.new("RGB", small.size, "white")
        flat.paste(small, mask=small.getchannel("A") if "A" in small.mode else None)
        small = flat
    return CleanPhoto(
        image=ContentFile(_encode(image, fmt), name=f"photo.{extension}"),
        thumbnail=ContentFile(_encode(small, "JPEG"), name="thumbnail.jpg"),
        original_name=name,
    )
