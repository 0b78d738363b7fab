"""Repair statistics for network coordinators: totals and a breakdown with kg and CO2e.

Every figure comes from the impact selectors (``impact_summary`` for the totals,
``impact_breakdown`` for the rows), the same ones the command ``impact_summary``, the
Repair Café pages and the public methodology page use, so no two pages disagree.
Only network coordinators (and administrators) open it: it counts the records of
every organisation and data provider.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repairlocale.impact.models import Methodology
from repairlocale.impact.selectors import (
    ImpactRow,
    impact_breakdown,
    impact_summary,
)
from repairlocale.repairs.exports import data_providers
from repairlocale.reuse.exports import Column, write_csv
from repairlocale.reuse.forms import DateInput

# The breakdown on screen stops here (grouping the imported data sets by group gives
# thousands of rows); the CSV download has every row.
PAGE_ROWS = 200

GROUP_BY_CHOICES = [
    ("data_provider", gettext_lazy("Data provider")),
    ("group_identifier", gettext_lazy("Group")),
    ("organisation", gettext_lazy("Organisation")),
    ("product_category", gettext_lazy("Product category")),
    ("year", gettext_lazy("Year")),
]


class StatsFilterForm(forms.Form):
    """Methodology, provider, period and breakdown (GET; empty values: defaults).

    The choices come from lists the view has already read, so the form adds no query.
    """

    methodology = forms.ChoiceField(label=gettext_lazy("Methodology"))
    provider = forms.ChoiceField(label=gettext_lazy("Data provider"), required=False)
    since = forms.DateField(
        label=gettext_lazy("Repaired from"), required=False, widget=DateInput()
    )
    until = forms.DateField(
        label=gettext_lazy("Repaired up to"), required=False, widget=DateInput()
    )
    group_by = forms.ChoiceField(
        label=gettext_lazy("Group by"), choices=GROUP_BY_CHOICES
    )

    def __init__(
        self,
        data: QueryDict,
        *,
        methodologies: Sequence[Methodology],
        providers: Sequence[str],
    ) -> None:
        self.methodologies = {m.spec: m for m in methodologies}
        default = next((m for m in methodologies if m.is_default), None)
        data = data.copy()
        defaults = {
            "methodology": default.spec if default else "",
            "group_by": GROUP_BY_CHOICES[0][0],
        }
        for name, value in defaults.items():
            if not data.get(name):
                data[name] = value
        super().__init__(data)
        self.fields["methodology"].choices = [
            (m.spec, f"{m.name} {m.version}") for m in methodologies
        ]
        self.fields["provider"].choices = [
            ("", gettext_lazy("All data providers")),
            *((p, p) for p in providers),
        ]

    def clean_methodology(self) -> Methodology:
        return self.methodologies[self.cleaned_data["methodology"]]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("since"), cleaned.get("until")
        if start and end and start > end:
            self.add_error("until", _("The end of the period lies before its start."))
        return cleaned

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for impact_summary and impact_breakdown."""
        names = ("methodology", "provider", "since", "until")
        return {name: self.cleaned_data[name] or None for name in names}

    def csv_url(self) -> str:
        """The query string that downloads the breakdown on screen as CSV."""
        query = {name: self.data[name] for name in self.fields if self.data.get(name)}
        return "?" + urlencode({**query, "format": "csv"})


# --- CSV ----------------------------------------------------------------------------
# Documented, untranslated column names (other tools read them); numbers as numbers,
# kg rounded to the cent as on screen; text cells protected by write_csv.

_GROUP_COLUMNS = {
    "data_provider": [Column("data_provider")],
    "group_identifier": [Column("group_identifier")],
    "organisation": [Column("organisation")],
    "product_category": [Column("ords_category_id", "int"), Column("product_category")],
    "year": [Column("year", "int")],
}
_FIGURE_COLUMNS = [
    Column("records", "int"),
    Column("fixed", "int"),
    Column("repairable", "int"),
    Column("end_of_life", "int"),
    Column("unknown", "int"),
    Column("waste_kg", "decimal"),
    Column("co2e_kg", "decimal"),
    Column("methodology"),
]


def _group_cells(group_by: str, row: ImpactRow) -> list[Any]:
    if group_by == "product_category":
        return [row.key, row.label]
    if group_by == "organisation":
        return [row.label if row.key is not None else ""]
    return [row.key]  # provider or group as published, or the year


def _csv_rows(
    group_by: str, rows: Sequence[ImpactRow], methodology: Methodology
) -> Iterator[list[Any]]:
    for row in rows:
        yield [
            *_group_cells(group_by, row),
            row.records,
            row.fixed,
            row.repairable,
            row.end_of_life,
            row.unknown,
            row.waste_kg,
            row.co2e_kg,
            methodology.spec,
        ]


def _csv_download(
    group_by: str, rows: Sequence[ImpactRow], methodology: Methodology
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    write_csv(
        [*_GROUP_COLUMNS[group_by], *_FIGURE_COLUMNS],
        _csv_rows(group_by, rows, methodology),
        response,
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True,
        filename=f"impact-{group_by}-{methodology.slug}-{methodology.version}.csv",
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- The page -----------------------------------------------------------------------


@login_required
def stats(request: HttpRequest) -> HttpResponse:
    """Totals and a breakdown under the chosen methodology; ``?format=csv`` downloads.

    Queries, whatever the number of records: session and user, the methodologies,
    the data providers, then the totals (impact_summary) and the breakdown
    (impact_breakdown), one aggregate query each.
    """
    if not request.user.is_network_coordinator:
        raise PermissionDenied
    form = StatsFilterForm(
        request.GET,
        methodologies=list(Methodology.objects.all()),
        providers=data_providers(),
    )
    context: dict[str, Any] = {"form": form, "filter": {"form": form}}
    if form.is_valid():
        filters = form.filters()
        group_by = form.cleaned_data["group_by"]
        if request.GET.get("format") == "csv":
            rows = impact_breakdown(group_by=group_by, **filters)
            return _csv_download(group_by, rows, filters["methodology"])
        rows = impact_breakdown(group_by=group_by, limit=PAGE_ROWS + 1, **filters)
        context.update(
            summary=impact_summary(**filters),
            methodology=filters["methodology"],
            rows=rows[:PAGE_ROWS],
            more_rows=len(rows) > PAGE_ROWS,
            page_rows=PAGE_ROWS,
            group_label=dict(GROUP_BY_CHOICES)[group_by],
            csv_url=form.csv_url(),
        )
    return render(request, "repairs/stats.html", context)
