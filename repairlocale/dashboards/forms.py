"""The dashboard filters (GET): period, region, organisation, category, channel."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from repairlocale.core.forms import DateInput
from repairlocale.network.models import Organisation, PilotRegion
from repairlocale.repairs.models import ProductCategory
from repairlocale.reuse.models import CollectionChannel


def default_period(today: date) -> tuple[date, date]:
    """The calendar year so far: what funders and pilots report on."""
    return date(today.year, 1, 1), today


class DashboardFilterForm(forms.Form):
    date_from = forms.DateField(label=gettext_lazy("From"), widget=DateInput())
    date_to = forms.DateField(label=gettext_lazy("Up to"), widget=DateInput())
    pilot_region = forms.ChoiceField(
        label=gettext_lazy("Pilot region"),
        required=False,
        choices=[
            ("", gettext_lazy("All of Flanders")),
            *[(v, label) for v, label in PilotRegion.choices if v],
        ],
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=gettext_lazy("All organisations"),
    )
    product_category = forms.ModelChoiceField(
        label=gettext_lazy("Product category"),
        required=False,
        queryset=ProductCategory.objects.all(),
        empty_label=gettext_lazy("All categories"),
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Collection channel"),
        required=False,
        choices=[("", gettext_lazy("All channels")), *CollectionChannel.choices],
    )

    def __init__(
        self,
        data: QueryDict,
        *,
        today: date,
        organisations=None,
        fixed_scope: bool = False,
    ) -> None:
        data = data.copy()
        start, end = default_period(today)
        for name, value in (("date_from", start), ("date_to", end)):
            if not data.get(name):
                data[name] = value.isoformat()
        super().__init__(data)
        name = "name_en" if (get_language() or "").startswith("en") else "name_nl"
        self.fields["product_category"].queryset = ProductCategory.objects.order_by(
            name
        )
        if fixed_scope or organisations is None:
            # An organisation's or hub's own dashboard: the scope is in the URL.
            del self.fields["organisation"]
            del self.fields["pilot_region"]
        else:
            self.fields["organisation"].queryset = organisations.order_by("name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period lies before its start."))
        return cleaned
