"""The form that asks for a funder report: the period and the region."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from repairlocale.core.forms import DateInput
from repairlocale.dashboards.models import FunderReport

# A report covers at most a few years: the project runs 2024-2025.
MAX_PERIOD = timedelta(days=5 * 366)


class FunderReportForm(forms.Form):
    date_from = forms.DateField(label=gettext_lazy("From"), widget=DateInput())
    date_to = forms.DateField(label=gettext_lazy("Up to"), widget=DateInput())
    region = forms.ChoiceField(
        label=gettext_lazy("Scope"),
        choices=FunderReport.Region.choices,
        initial=FunderReport.Region.PROJECT,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end:
            if start > end:
                self.add_error(
                    "date_to", _("The end of the period lies before its start.")
                )
            elif end - start > MAX_PERIOD:
                self.add_error("date_to", _("A report covers at most five years."))
        return cleaned
