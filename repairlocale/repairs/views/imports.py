"""ORDS imports for network coordinators: upload, live progress, results, error report.

The upload is imported by a background task (django-tasks); the batch page polls a
small fragment every second (htmx) until the batch is done. Only network
coordinators (and administrators) import: the records belong to the whole network.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repairlocale.core.pagination import paginate
from repairlocale.repairs.importer import ERROR_REPORT_HEADER, mark_stale_batches
from repairlocale.repairs.models import ImportBatch
from repairlocale.repairs.tasks import ords_import_enqueue

ALLOWED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xls", ".ods")
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
FINISHED = (
    ImportBatch.Status.DONE,
    ImportBatch.Status.FAILED,
    ImportBatch.Status.INTERRUPTED,
)


class OrdsUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("ORDS file"),
        help_text=gettext_lazy(
            "CSV (comma or semicolon; UTF-8 or Windows-1252) or XLSX, in ORDS v0.1, "
            "v0.2.1 or v0.3."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_SUFFIXES)}),
    )
    data_provider = forms.CharField(
        label=gettext_lazy("Data provider"),
        max_length=120,
        required=False,
        help_text=gettext_lazy(
            "Leave empty to use the data_provider column of the file."
        ),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run"),
        required=False,
        help_text=gettext_lazy(
            "Check the file and count what would change, without saving anything."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise ValidationError(
                _("Upload a CSV or XLSX file (%(suffixes)s).")
                % {"suffixes": ", ".join(ALLOWED_SUFFIXES)}
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _(
                    "The file is larger than %(size)d MB. Split it, or import it "
                    "with manage.py ords_import."
                )
                % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        upload.sniffed_type = sniff_upload(upload)
        return upload

    def clean_data_provider(self) -> str:
        return self.cleaned_data["data_provider"].strip()


# --- What the content says it is -----------------------------------------------------

SNIFF_BYTES = 64 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
# Bytes no CSV text holds: the C0 controls other than tab, line feed, form feed,
# carriage return and escape. NUL marks UTF-16 or binary files.
_BINARY = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])


def sniff_upload(upload) -> str:
    """ "csv", "xlsx", "ods" or "xls", from the file's bytes (never its name).

    Raises ValidationError with the reason for anything else: an empty file, a ZIP
    archive that is no workbook, a damaged workbook, UTF-16 text, a PDF, an image or
    any other binary file. Reads the first 64 KB (and a workbook's table of
    contents); leaves the file at its start.
    """
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if not head.strip():
        raise ValidationError(_("The file is empty."))
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "mimetype" in names and archive.read("mimetype").strip() == _ODS:
                    return "ods"
        except (zipfile.BadZipFile, OSError, KeyError):
            raise ValidationError(
                _("The workbook is damaged: it cannot be opened as a ZIP archive.")
            ) from None
        finally:
            upload.seek(0)
        raise ValidationError(
            _(
                "This is a ZIP archive, not a spreadsheet. Upload the CSV or XLSX "
                "file itself."
            )
        )
    if head.startswith(_OLE):
        return "xls"
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head:
        raise ValidationError(
            _(
                'The file is not CSV text (it holds NUL bytes: UTF-16 "Unicode '
                'text" or a binary file). Save it as "CSV UTF-8" or XLSX.'
            )
        )
    if head.startswith(b"%PDF") or head.translate(None, _BINARY) != head:
        raise ValidationError(
            _(
                "The file is not CSV text or an XLSX workbook (its content is "
                "binary). Save it as CSV or XLSX."
            )
        )
    return "csv"


def _require_coordinator(request: HttpRequest) -> None:
    if not request.user.is_network_coordinator:
        raise PermissionDenied


def _get_batch(request: HttpRequest, pk: int) -> ImportBatch:
    _require_coordinator(request)
    mark_stale_batches()
    return get_object_or_404(ImportBatch.objects.select_related("uploaded_by"), pk=pk)


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    """Every import, newest first. Queries: the running batches (a dead import is
    marked interrupted first), the count and one page of batches."""
    _require_coordinator(request)
    mark_stale_batches()
    batches = ImportBatch.objects.select_related("uploaded_by").defer(
        "error_report", "message"
    )
    return render(
        request, "repairs/imports/list.html", {"page": paginate(request, batches)}
    )


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    form = OrdsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = ords_import_enqueue(
            upload=form.cleaned_data["file"],
            data_provider=form.cleaned_data["data_provider"],
            dry_run=form.cleaned_data["dry_run"],
            uploaded_by=request.user,
        )
        messages.success(
            request,
            _("%(file)s is being imported in the background.")
            % {"file": batch.file_name},
        )
        return redirect("repairs:import_detail", batch.pk)
    return render(request, "repairs/imports/upload.html", {"form": form})


def _progress_context(batch: ImportBatch) -> dict:
    return {
        "batch": batch,
        "finished": batch.status in FINISHED,
        "has_errors": bool(batch.error_report),
    }


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _get_batch(request, pk)
    return render(request, "repairs/imports/detail.html", _progress_context(batch))


@login_required
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the batch page polls every second while it runs."""
    batch = _get_batch(request, pk)
    response = render(
        request, "repairs/imports/_progress.html", _progress_context(batch)
    )
    patch_cache_control(response, no_cache=True, no_store=True)
    return response


@login_required
def import_errors(request: HttpRequest, pk: int) -> HttpResponse:
    """The error report as CSV (line, column, value, reason); a header alone if none."""
    batch = _get_batch(request, pk)
    text = batch.error_report or ",".join(ERROR_REPORT_HEADER) + "\n"
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{Path(batch.file_name).stem}-errors.csv"
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
