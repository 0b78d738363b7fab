"""Writes for activities and cases; each keeps the search index in step."""

from __future__ import annotations

import io
import uuid
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps

from repairlocale.cases import search
from repairlocale.cases.models import Activity, ActivityPhoto, Case, Tag
from repairlocale.cases.richtext import sanitise

if TYPE_CHECKING:
    from django.forms import BaseInlineFormSet

    from repairlocale.accounts.models import User

Publishable = Activity | Case


@transaction.atomic
def activity_save(*, activity: Activity, partners, by: User) -> Activity:
    """Create or update an activity (from a form's unsaved instance)."""
    if activity.pk is None:
        activity.created_by = by
    activity.full_clean()
    activity.save()
    activity.partners.set(partners)
    search.index_activity(activity)
    return activity


def _clean_photo(image) -> ContentFile:
    """The photo re-encoded without metadata, under a random name.

    Phones write the place a photo was taken (GPS), the device and the owner's
    name into EXIF; published photos must not carry them. Re-encoding also drops
    anything hidden after the image data, and a random name drops whatever the
    original file name said (often a person's name).
    """
    image.seek(0)
    with Image.open(image) as source:
        fmt = source.format
        picture = ImageOps.exif_transpose(source)
        if fmt == "JPEG" and picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        buffer = io.BytesIO()
        options = {"quality": 88} if fmt in ("JPEG", "WEBP") else {}
        picture.save(buffer, format=fmt, **options)
    image.seek(0)
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[fmt]
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def activity_photo_add(
    *, activity: Activity, image, caption: str = ""
) -> ActivityPhoto:
    """Store a checked photo; nothing is left behind when anything is refused."""
    photo = ActivityPhoto(activity=activity, image=image, caption=caption)
    photo.full_clean()  # size, type, pixels: validate_photo on the upload itself
    photo.image = _clean_photo(image)
    try:
        with transaction.atomic():
            photo.save()
    except Exception:
        if photo.image.name:
            photo.image.storage.delete(photo.image.name)
        raise
    return photo


def tags_from_text(text: str) -> list[Tag]:
    """Tags from "elektro, bewarend inzamelen"; existing names reused, any case."""
    tags = []
    seen = set()
    for raw in text.split(","):
        name = " ".join(raw.split())[:60]
        if not name or name.lower() in seen:
            continue
        seen.add(name.lower())
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(
            name=name
        )
        tags.append(tag)
    return tags


@transaction.atomic
def case_save(
    *,
    case: Case,
    partners,
    tag_text: str,
    factors: BaseInlineFormSet,
    by: User,
) -> Case:
    """Create or update a case with its tags and its success and failure factors.

    The rich-text fields are sanitised here as well as in the form, so no other
    caller can store markup the templates would show unescaped.
    """
    if case.pk is None:
        case.created_by = by
    for field in ("context", "approach", "results"):
        setattr(case, field, sanitise(getattr(case, field)))
    case.full_clean()
    case.save()
    case.partners.set(partners)
    case.tags.set(tags_from_text(tag_text))
    factors.instance = case
    factors.save()
    search.index_case(case)
    return case


def _reindex(obj: Publishable) -> None:
    if isinstance(obj, Activity):
        search.index_activity(obj)
    else:
        search.index_case(obj)


@transaction.atomic
def publication_submit(*, obj: Publishable, by: User) -> None:
    obj.submit()
    obj.save()
    _reindex(obj)


@transaction.atomic
def publication_publish(*, obj: Publishable, by: User) -> None:
    obj.publish(by=by)
    obj.save()
    _reindex(obj)


@transaction.atomic
def publication_return(*, obj: Publishable, by: User, comment: str) -> None:
    obj.return_to_draft(by=by, comment=comment)
    obj.save()
    _reindex(obj)
