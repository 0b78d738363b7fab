"""Filters for the activity and case lists (django-filter)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from repairlocale.cases.models import Activity, Case, PublicationStatus, TargetGroup
from repairlocale.needs.models import Theme
from repairlocale.network.models import Hub, PilotRegion

PILOT_CHOICES = [c for c in PilotRegion.choices if c[0]]


def _hubs(request=None):
    return Hub.objects.order_by("name")


class _OwnedFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PublicationStatus.choices
    )
    region = django_filters.ChoiceFilter(
        label=_("Pilot region"), choices=PILOT_CHOICES, method="filter_region"
    )
    hub = django_filters.ModelChoiceFilter(label=_("Hub"), queryset=_hubs)

    def filter_region(self, queryset, name, value):
        return queryset.in_region(value)


class ActivityFilter(_OwnedFilter):
    target_group = django_filters.ChoiceFilter(
        label=_("Target group"), choices=TargetGroup.choices
    )

    class Meta:
        model = Activity
        fields = ["status", "region", "hub", "target_group"]


class CaseFilter(_OwnedFilter):
    theme = django_filters.ChoiceFilter(label=_("Theme"), choices=Theme.choices)

    class Meta:
        model = Case
        fields = ["status", "region", "hub", "theme"]
