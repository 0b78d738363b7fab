"""Background work of the repairs app (django-tasks; run a worker with db_worker)."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django_tasks import task

from repairlocale.repairs.importer import ords_import
from repairlocale.repairs.models import ImportBatch

logger = logging.getLogger(__name__)

# Uploads wait here for the worker; each is removed once its import has run.
UPLOAD_DIR = "imports"


def upload_path(name: str) -> Path:
    """The absolute path of an upload, refusing anything outside the upload folder."""
    folder = (Path(settings.MEDIA_ROOT) / UPLOAD_DIR).resolve()
    path = (folder / name).resolve()
    if path.parent != folder:
        raise ValueError(f"{name!r} is not an upload of the import folder")
    return path


@task()
def ords_import_task(batch_id: int, upload_name: str, data_provider: str = "") -> dict:
    """Run the ORDS import of an uploaded file for its ImportBatch.

    The importer saves the batch's counters and progress after every chunk, which is
    what the upload page polls. The uploaded file is deleted afterwards, whatever
    the outcome.
    """
    batch = ImportBatch.objects.get(pk=batch_id)
    path = upload_path(upload_name)

    def log_progress(batch: ImportBatch) -> None:
        logger.debug("ORDS import %s: %s %%", batch.pk, batch.progress)

    try:
        ords_import(
            source=path,
            file_name=batch.file_name,
            data_provider=data_provider or None,
            dry_run=batch.dry_run,
            uploaded_by=batch.uploaded_by,
            batch=batch,
            progress=log_progress,
        )
    finally:
        path.unlink(missing_ok=True)
    return {
        "status": batch.status,
        "rows_read": batch.rows_read,
        "rows_created": batch.rows_created,
        "rows_updated": batch.rows_updated,
        "rows_unchanged": batch.rows_unchanged,
        "rows_failed": batch.rows_failed,
        "likely_duplicates": batch.likely_duplicates,
    }


def ords_import_enqueue(
    *,
    upload: UploadedFile,
    data_provider: str = "",
    dry_run: bool = False,
    uploaded_by=None,
) -> ImportBatch:
    """Keep an uploaded ORDS file for the worker, create its batch, queue the import.

    The file is stored under MEDIA_ROOT/imports/ with a random name (never the
    uploader's), so that a worker on another machine with the shared media folder
    can read it. The task is queued once the batch is committed.
    """
    suffix = Path(upload.name or "").suffix.lower()[:8]
    name = f"{uuid.uuid4().hex}{suffix}"
    path = upload_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    batch = ImportBatch.objects.create(
        file_name=Path(upload.name or name).name[:255],
        data_provider=data_provider[:120],
        dry_run=dry_run,
        uploaded_by=uploaded_by,
    )
    transaction.on_commit(
        lambda: ords_import_task.enqueue(batch.pk, name, data_provider)
    )
    return batch
