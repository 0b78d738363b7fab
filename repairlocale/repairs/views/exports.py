"""The ORDS export as a download for network coordinators.

GET shows the form (providers, period, format); ``?download=1&…`` streams the file, so
a large export never sits in memory. Only network coordinators (and administrators)
export: the file holds the records of every organisation.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repairlocale.core.forms import DateInput
from repairlocale.repairs.exports import (
    data_providers,
    iter_ords_csv,
    iter_ords_json,
    ords_rows,
    records_for_export,
)

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
STREAMS = {"csv": iter_ords_csv, "json": iter_ords_json}


class OrdsExportForm(forms.Form):
    """Which records, in which format (GET; every field may stay empty)."""

    providers = forms.MultipleChoiceField(
        label=gettext_lazy("Data providers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None ticked: every provider."),
    )
    since = forms.DateField(
        label=gettext_lazy("Repaired from"), required=False, widget=DateInput()
    )
    until = forms.DateField(
        label=gettext_lazy("Repaired up to"), required=False, widget=DateInput()
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("csv", "CSV"), ("json", "JSON")],
        initial="csv",
    )
    include_duplicates = forms.BooleanField(
        label=gettext_lazy("Include likely duplicates"),
        required=False,
        help_text=gettext_lazy(
            "By default a repair that two providers published is exported once."
        ),
    )

    def __init__(self, *args: Any, providers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["providers"].choices = [(p, p) for p in providers]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("since"), cleaned.get("until")
        if start and end and start > end:
            self.add_error("until", _("The end of the period lies before its start."))
        return cleaned


def _file_name(fmt: str) -> str:
    """Named like the published ORDS files, dated today."""
    return f"OpenRepairData_v0.3_RepairLocale_{timezone.localdate():%Y%m%d}.{fmt}"


@login_required
def ords_export(request: HttpRequest) -> HttpResponse:
    """The export form; with ``download=1`` and a valid form, the streamed file.

    Queries: the list of providers, then one per 2,000 records while streaming.
    """
    if not request.user.is_network_coordinator:
        raise PermissionDenied
    form = OrdsExportForm(
        request.GET if request.GET else None, providers=data_providers()
    )
    if request.GET.get("download") and form.is_valid():
        data = form.cleaned_data
        fmt = data["format"]
        rows = ords_rows(
            records_for_export(
                providers=data["providers"], since=data["since"], until=data["until"]
            ),
            include_duplicates=data["include_duplicates"],
        )
        response = StreamingHttpResponse(
            STREAMS[fmt](rows), content_type=CONTENT_TYPES[fmt]
        )
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=_file_name(fmt)
        )
        patch_cache_control(response, private=True, no_store=True)
        return response
    return render(request, "repairs/ords_export.html", {"form": form})
