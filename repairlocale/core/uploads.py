"""A ceiling on the size of every upload, enforced while the request streams in.

Django writes uploaded files to memory or a temporary file before any view or
form sees them, and has no limit of its own for files (``DATA_UPLOAD_MAX_MEMORY_SIZE``
covers form fields only). This handler stops reading a request's files once
they pass ``UPLOAD_MAX_BYTES`` (default 30 MB, above the photo limits of 5 and
10 MB), so a 5 GB upload never fills the disk. Pages that take larger files name
their own ceiling in ``UPLOAD_MAX_BYTES_BY_PATH`` (path prefix → bytes; the ORDS
import takes files up to 200 MB). The form then sees no file and says so.

Enable it first in ``FILE_UPLOAD_HANDLERS`` (``config/settings.py``)::

    FILE_UPLOAD_HANDLERS = [
        "repairlocale.core.uploads.LimitedUploadHandler",
        "django.core.files.uploadhandler.MemoryFileUploadHandler",
        "django.core.files.uploadhandler.TemporaryFileUploadHandler",
    ]
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

DEFAULT_MAX_BYTES = 30 * 1024 * 1024
# The ORDS import form refuses files over 200 MB itself (repairs/views/imports.py).
DEFAULT_MAX_BYTES_BY_PATH = {"/herstellingen/imports/": 210 * 1024 * 1024}


def upload_max_bytes(path: str = "") -> int:
    by_path = getattr(settings, "UPLOAD_MAX_BYTES_BY_PATH", DEFAULT_MAX_BYTES_BY_PATH)
    for prefix, limit in by_path.items():
        if path.startswith(prefix):
            return int(limit)
    return int(getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


class LimitedUploadHandler(FileUploadHandler):
    """Counts the bytes of every file in the request; stops past the ceiling."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0
        self.too_large = False
        self.limit = upload_max_bytes(getattr(request, "path", "") or "")

    def handle_raw_input(
        self, input_data, META, content_length, boundary, encoding=None
    ):
        # A declared length already over the ceiling: do not read any file.
        self.too_large = content_length > self.limit
        if self.too_large and self.request is not None:
            self.request.upload_too_large = True
        return None

    def new_file(self, *args, **kwargs):
        if self.too_large:
            raise StopUpload(connection_reset=False)
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            if self.request is not None:
                self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None
