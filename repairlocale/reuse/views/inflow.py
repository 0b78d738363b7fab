"""Inflow quality: a centre's figures per channel, site, municipality, month or
category, and the pilot regions side by side; each table also as CSV and XLSX."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from io import BytesIO
from itertools import chain
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from repairlocale.network.models import Organisation
from repairlocale.repairs.models import ProductCategory
from repairlocale.reuse.exports import (
    Column,
    inflow_columns,
    inflow_rows,
    write_csv,
    write_xlsx,
)
from repairlocale.reuse.forms import DateInput
from repairlocale.reuse.inflow import GroupBy, compare_pilot_regions, inflow_report
from repairlocale.reuse.models import REJECTION_CRITERIA, CollectionChannel
from repairlocale.reuse.permissions import get_centre_for_user

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_FORMATS = ("csv", "xlsx")


def default_period(today: date) -> tuple[date, date]:
    """The last twelve months: the 1st of the month eleven months ago up to today."""
    month, year = today.month - 11, today.year
    if month < 1:
        month, year = month + 12, year - 1
    return date(year, month, 1), today


class InflowFilterForm(forms.Form):
    """The period, optional channel and category, and the breakdown (GET).

    Missing or empty values take their defaults, so the bare URL shows the last
    twelve months per channel.
    """

    date_from = forms.DateField(label=gettext_lazy("Intake from"), widget=DateInput())
    date_to = forms.DateField(label=gettext_lazy("Intake up to"), widget=DateInput())
    channel = forms.ChoiceField(
        label=gettext_lazy("Collection channel"),
        required=False,
        choices=[("", gettext_lazy("All channels")), *CollectionChannel.choices],
    )
    product_category = forms.ModelChoiceField(
        label=gettext_lazy("Product category"),
        required=False,
        queryset=ProductCategory.objects.all(),
        empty_label=gettext_lazy("All categories"),
    )
    group_by = forms.ChoiceField(
        label=gettext_lazy("Group by"), choices=GroupBy.choices
    )

    def __init__(self, data: QueryDict, *, today: date) -> None:
        data = data.copy()
        date_from, date_to = default_period(today)
        defaults = {
            "date_from": date_from.isoformat(),
            "date_to": date_to.isoformat(),
            "group_by": GroupBy.CHANNEL.value,
        }
        for name, value in defaults.items():
            if not data.get(name):
                data[name] = value
        super().__init__(data)
        # Alphabetical in the language the names are shown in.
        name = "name_en" if (get_language() or "").startswith("en") else "name_nl"
        self.fields["product_category"].queryset = ProductCategory.objects.order_by(
            name
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period lies before its start."))
        return cleaned

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for the inflow selectors."""
        names = ("date_from", "date_to", "channel", "product_category", "group_by")
        return {name: self.cleaned_data[name] for name in names}

    def export_urls(self) -> list[tuple[str, str]]:
        """(format, query string) links that download the table on screen."""
        query = {
            name: self.data.get(name, "")
            for name in self.fields
            if self.data.get(name, "")
        }
        return [
            (fmt, "?" + urlencode({**query, "format": fmt})) for fmt in EXPORT_FORMATS
        ]


def _download(
    fmt: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    *,
    filename: str,
    title: str,
) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        write_csv(columns, rows, response)
    else:
        buffer = BytesIO()
        write_xlsx(columns, rows, buffer, title=title)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{filename}.{fmt}"
    )
    return response


@login_required
def inflow(request: HttpRequest, pk: int) -> HttpResponse:
    """A centre's inflow quality; ``?format=csv|xlsx`` downloads the same table.

    Queries: the centre and the user's role, the category choices, and the two of
    the report, whatever the number of appliances.
    """
    centre = get_centre_for_user(request, pk)
    form = InflowFilterForm(request.GET, today=timezone.localdate())
    report = None
    if form.is_valid():
        report = inflow_report(centres=[centre], **form.filters())
        fmt = request.GET.get("format")
        if fmt in EXPORT_FORMATS:
            return _download(
                fmt,
                inflow_columns(report.group_label),
                inflow_rows(report),
                filename=f"inflow-{slugify(centre.name)}-{report.date_from}-"
                f"{report.date_to}",
                title=_("Inflow quality"),
            )
    return render(
        request,
        "reuse/inflow.html",
        {
            "centre": centre,
            "form": form,
            "filter": {"form": form},
            "report": report,
            "export_urls": form.export_urls() if report else [],
        },
    )


@login_required
def inflow_compare(request: HttpRequest) -> HttpResponse:
    """Brugge and Vlaams-Brabant side by side.

    Network coordinators compare every reuse centre; anyone else only the centres
    they belong to (the restriction is a subquery: no extra query).
    """
    centres = Organisation.objects.visible_to(request.user).filter(
        type=Organisation.Type.REUSE_CENTRE
    )
    form = InflowFilterForm(request.GET, today=timezone.localdate())
    comparison = None
    if form.is_valid():
        comparison = compare_pilot_regions(centres=centres, **form.filters())
        fmt = request.GET.get("format")
        if fmt in EXPORT_FORMATS:
            rows = chain.from_iterable(
                inflow_rows(region.report, region_label=region.label)
                for region in comparison.regions
            )
            return _download(
                fmt,
                inflow_columns(comparison.group_label, with_region=True),
                rows,
                filename=f"inflow-pilot-regions-{comparison.date_from}-"
                f"{comparison.date_to}",
                title=_("Pilot regions"),
            )
    reason_rows = []
    if comparison is not None:
        reason_rows = [
            (label, [r.report.total.reasons.get(key, 0) for r in comparison.regions])
            for key, label in REJECTION_CRITERIA.items()
        ]
    return render(
        request,
        "reuse/inflow_compare.html",
        {
            "form": form,
            "filter": {"form": form},
            "comparison": comparison,
            "reason_rows": reason_rows,
            "all_centres": request.user.is_network_coordinator,
            "export_urls": form.export_urls() if comparison else [],
        },
    )
