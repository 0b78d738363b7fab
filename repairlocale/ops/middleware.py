"""A full or read-only disk gives a clear 503 page and no half-written record.

Uploads (activity and case photos, appliance photos) are written to MEDIA_ROOT while
the request runs. When that fails because the disk is full (ENOSPC, EDQUOT) or the
folder is read-only or not writable (EROFS, EACCES), the person sees a page that says
so, in their language, with status 503 and Retry-After, instead of a bare server
error; and the database writes of that request are rolled back.

ATOMIC_REQUESTS is off in this project, so this middleware opens the transaction
itself for the requests that carry uploads (unsafe method, multipart body). It does
not wrap every POST: on SQLite transactions are IMMEDIATE (they take the write lock
at BEGIN), and a transaction around every POST would hold that lock while a login
hashes its password or a page renders. A request that ends in any exception is
rolled back as a whole, as ATOMIC_REQUESTS would; the rollback is flagged after the
error page is rendered, so that page may still read from the database.
"""

from __future__ import annotations

import errno
import logging

from django.db import transaction
from django.shortcuts import render

logger = logging.getLogger("repairlocale.ops")

STORAGE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_ROLLBACK = "_ops_rollback"
_WRAPPED = "_ops_atomic"


def is_storage_error(exception: BaseException) -> bool:
    return isinstance(exception, OSError) and exception.errno in STORAGE_ERRNOS


def carries_upload(request) -> bool:
    return request.method not in SAFE_METHODS and (
        request.content_type or ""
    ).startswith("multipart/")


class StorageErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not carries_upload(request):
            return self.get_response(request)
        setattr(request, _WRAPPED, True)
        with transaction.atomic():
            response = self.get_response(request)
            if getattr(request, _ROLLBACK, False):
                transaction.set_rollback(True)
        return response

    def process_exception(self, request, exception):
        if getattr(request, _WRAPPED, False):
            setattr(request, _ROLLBACK, True)
        if not is_storage_error(exception):
            return None
        # No path of the file and no user: the errno and the URL say enough.
        logger.error(
            "Storage write failed (%s) during %s %s; the request was rolled back.",
            errno.errorcode.get(exception.errno, exception.errno),
            request.method,
            request.path,
        )
        response = render(
            request,
            "ops/storage_unavailable.html",
            {"disk_full": exception.errno in (errno.ENOSPC, errno.EDQUOT)},
            status=503,
        )
        response["Retry-After"] = "600"
        return response
