"""Search and filters for the registry's list pages (django-filter)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from repairlocale.network.models import (
    Hub,
    Municipality,
    Organisation,
    Partnership,
    PilotRegion,
    Province,
    Site,
)

PILOT_CHOICES = [c for c in PilotRegion.choices if c[0]]


def _provinces(request=None):
    return Province.objects.flemish().order_by("name_nl")


def _hubs(request=None):
    return Hub.objects.order_by("name")


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    type = django_filters.ChoiceFilter(
        label=_("Type"), choices=Organisation.Type.choices
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Province"), queryset=_provinces, method="filter_province"
    )
    hub = django_filters.ModelChoiceFilter(
        label=_("Hub"), queryset=_hubs, method="filter_hub"
    )
    pilot_region = django_filters.ChoiceFilter(
        label=_("Pilot region"), choices=PILOT_CHOICES
    )

    class Meta:
        model = Organisation
        fields = ["q", "type", "province", "hub", "pilot_region"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(description__icontains=value)
            | Q(enterprise_number__icontains=value)
        )

    def filter_province(self, queryset, name, value):
        ids = Site.objects.filter(municipality__province=value).values("organisation")
        return queryset.filter(pk__in=ids)

    def filter_hub(self, queryset, name, value):
        # An organisation belongs to a hub when it partners with it or has a site in
        # one of the hub's municipalities.
        in_region = Site.objects.filter(municipality__hubs=value).values("organisation")
        partners = Partnership.objects.filter(hub=value).values("organisation")
        return queryset.filter(Q(pk__in=in_region) | Q(pk__in=partners))


class SiteFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Site type"), choices=Site.Kind.choices)
    organisation_type = django_filters.ChoiceFilter(
        label=_("Organisation type"),
        choices=Organisation.Type.choices,
        field_name="organisation__type",
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Province"), queryset=_provinces, field_name="municipality__province"
    )
    hub = django_filters.ModelChoiceFilter(
        label=_("Hub"), queryset=_hubs, field_name="municipality__hubs"
    )
    pilot_region = django_filters.ChoiceFilter(
        label=_("Pilot region"),
        choices=PILOT_CHOICES,
        field_name="organisation__pilot_region",
    )

    class Meta:
        model = Site
        fields = ["q", "kind", "organisation_type", "province", "hub", "pilot_region"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(organisation__name__icontains=value)
            | Q(street__icontains=value)
            | Q(postcode=value)
            | Q(municipality__name_nl__icontains=value)
        )


class HubFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    province = django_filters.ModelChoiceFilter(
        label=_("Province"), queryset=_provinces, method="filter_province"
    )
    pilot_region = django_filters.ChoiceFilter(
        label=_("Pilot region"), choices=PILOT_CHOICES
    )

    class Meta:
        model = Hub
        fields = ["q", "province", "pilot_region"]

    def filter_q(self, queryset, name, value):
        covered = Municipality.objects.search(value).values("hubs")
        return queryset.filter(
            Q(name__icontains=value)
            | Q(organisation__name__icontains=value)
            | Q(pk__in=covered)
        )

    def filter_province(self, queryset, name, value):
        return queryset.filter(
            pk__in=Municipality.objects.filter(province=value).values("hubs")
        )


class PartnershipFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    hub = django_filters.ModelChoiceFilter(label=_("Hub"), queryset=_hubs)
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=Partnership.Role.choices
    )
    organisation_type = django_filters.ChoiceFilter(
        label=_("Organisation type"),
        choices=Organisation.Type.choices,
        field_name="organisation__type",
    )
    active = django_filters.BooleanFilter(
        label=_("Currently active"),
        method="filter_active",
        # The class, not an instance: BooleanWidget labels its choices with non-lazy
        # gettext, so an instance made at import would keep the import-time language.
        widget=django_filters.widgets.BooleanWidget,
    )

    class Meta:
        model = Partnership
        fields = ["q", "hub", "role", "organisation_type", "active"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(organisation__name__icontains=value)
            | Q(hub__name__icontains=value)
            | Q(description__icontains=value)
        )

    def filter_active(self, queryset, name, value):
        active = queryset.active()
        return active if value else queryset.exclude(pk__in=active.values("pk"))


class MunicipalityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name, postcode or NIS code"), method="filter_q"
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Province"), queryset=_provinces
    )
    hub = django_filters.ModelChoiceFilter(
        label=_("Hub"), queryset=_hubs, field_name="hubs"
    )
    without_hub = django_filters.BooleanFilter(
        label=_("Without a hub"),
        field_name="hubs",
        lookup_expr="isnull",
        # The class, not an instance (see PartnershipFilter.active).
        widget=django_filters.widgets.BooleanWidget,
    )

    class Meta:
        model = Municipality
        fields = ["q", "province", "hub", "without_hub"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)
