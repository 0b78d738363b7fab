"""Filters of the API lists that have no list page to borrow them from."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from repairlocale.network import filters as network_filters
from repairlocale.repairs.models import RepairRecord, RepairRecordSource, RepairStatus
from repairlocale.reuse.models import (
    Appliance,
    ApplianceStatus,
    CollectionChannel,
    EEECategory,
)


@extend_schema_field(OpenApiTypes.INT)
class IdChoiceFilter(django_filters.ModelChoiceFilter):
    """A ModelChoiceFilter that the schema documents as the object's id."""


# The largest id a 64-bit primary key holds; larger numbers are refused with a
# 400 instead of overflowing the database driver.
MAX_ID = 2**63 - 1


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """An id (or ORDS id): a whole number from 1 to MAX_ID."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class OrganisationFilter(network_filters.OrganisationFilter):
    """The organisation list page's filters (province and hub by id)."""

    province = IdChoiceFilter(
        label=_("Province"),
        queryset=network_filters._provinces,
        method="filter_province",
    )
    hub = IdChoiceFilter(
        label=_("Hub"), queryset=network_filters._hubs, method="filter_hub"
    )


class HubFilter(network_filters.HubFilter):
    """The hub list page's filters (province by id)."""

    province = IdChoiceFilter(
        label=_("Province"),
        queryset=network_filters._provinces,
        method="filter_province",
    )


class ApplianceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Code, device, brand or model"), method="filter_q"
    )
    organisation = IdFilter(label=_("Reuse centre (id)"))
    site = IdFilter(label=_("Site (id)"))
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=ApplianceStatus.choices
    )
    channel = django_filters.ChoiceFilter(
        label=_("Collection channel"), choices=CollectionChannel.choices
    )
    eee_category = django_filters.ChoiceFilter(
        label=_("EEE category"), choices=EEECategory.choices
    )
    product_category = IdFilter(
        label=_("ORDS product category id"), field_name="product_category__ords_id"
    )
    intake_date = django_filters.DateFromToRangeFilter(label=_("Intake date"))

    class Meta:
        model = Appliance
        fields = [
            "q",
            "organisation",
            "site",
            "status",
            "channel",
            "eee_category",
            "product_category",
            "intake_date",
        ]

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(code__iexact=value.strip())
            | Q(device_name__icontains=value)
            | Q(brand__icontains=value)
            | Q(model_number__icontains=value)
        )


class RepairRecordFilter(django_filters.FilterSet):
    organisation = IdFilter(label=_("Organisation (id)"))
    source = django_filters.ChoiceFilter(
        label=_("Source"), choices=RepairRecordSource.choices
    )
    repair_status = django_filters.ChoiceFilter(
        label=_("Repair status"), choices=RepairStatus.choices
    )
    data_provider = django_filters.CharFilter(label=_("Data provider"))
    product_category = IdFilter(
        label=_("ORDS product category id"), field_name="product_category__ords_id"
    )
    event_date = django_filters.DateFromToRangeFilter(label=_("Date of the repair"))

    class Meta:
        model = RepairRecord
        fields = [
            "organisation",
            "source",
            "repair_status",
            "data_provider",
            "product_category",
            "event_date",
        ]
