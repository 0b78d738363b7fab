"""The network registry, read-only, scoped exactly as its pages.

Lists use the same querysets and filters as the list pages (organisations and sites:
the ones you belong to, everything for coordinators; hubs and municipalities: every
signed-in person); one object is fetched with the pages' scoping helpers, so a
non-member gets 404.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from rest_framework import viewsets

from repairlocale.api.filters import HubFilter, OrganisationFilter
from repairlocale.api.serializers.network import (
    HubSerializer,
    MunicipalitySerializer,
    OrganisationSerializer,
    ProductCategorySerializer,
    SiteSerializer,
)
from repairlocale.network.filters import MunicipalityFilter, SiteFilter
from repairlocale.network.models import (
    Hub,
    Municipality,
    Organisation,
    PostalCode,
    Site,
)
from repairlocale.network.permissions import (
    get_hub_for_user,
    get_organisation_for_user,
    get_site_for_user,
)
from repairlocale.repairs.models import ProductCategory


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations you belong to (every organisation for network coordinators)."""

    lookup_value_regex = r"[0-9]+"
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    ordering_fields = ["name", "type", "created_at"]
    ordering = ["name"]

    def get_queryset(self):
        return Organisation.objects.visible_to(self.request.user).for_list()

    def get_object(self):
        organisation = get_organisation_for_user(self.request, self.kwargs["pk"])
        return self.get_queryset().get(pk=organisation.pk)


class SiteViewSet(viewsets.ReadOnlyModelViewSet):
    """Sites of the organisations you belong to (all for network coordinators)."""

    lookup_value_regex = r"[0-9]+"
    serializer_class = SiteSerializer
    filterset_class = SiteFilter
    ordering_fields = ["name", "postcode", "created_at"]
    ordering = ["organisation__name", "name"]

    def get_queryset(self):
        return Site.objects.visible_to(self.request.user).for_list()

    def get_object(self):
        return get_site_for_user(self.request, self.kwargs["pk"])


class HubViewSet(viewsets.ReadOnlyModelViewSet):
    """The hubs of the Circulair Werk(t) network and their municipalities."""

    lookup_value_regex = r"[0-9]+"
    serializer_class = HubSerializer
    filterset_class = HubFilter
    ordering_fields = ["name"]
    ordering = ["name"]

    def get_queryset(self):
        return Hub.objects.select_related("organisation").prefetch_related(
            Prefetch("municipalities", Municipality.objects.only("pk", "nis_code"))
        )

    def get_object(self):
        hub = get_hub_for_user(self.request, self.kwargs["pk"])
        return self.get_queryset().get(pk=hub.pk)


class MunicipalityViewSet(viewsets.ReadOnlyModelViewSet):
    """Flemish municipalities (after the 2025 mergers) with their postcodes."""

    serializer_class = MunicipalitySerializer
    filterset_class = MunicipalityFilter
    lookup_field = "nis_code"
    lookup_value_regex = r"[0-9]{5}"
    ordering_fields = ["name_nl", "nis_code"]
    ordering = ["name_nl"]

    def _base(self):
        return Municipality.objects.select_related("province").prefetch_related(
            Prefetch("postal_codes", PostalCode.objects.order_by("code"))
        )

    def get_queryset(self):
        # As the municipality list page: Flemish municipalities only.
        return self._base().flemish()

    def get_object(self):
        # As the municipality page: any municipality by its NIS code.
        return get_object_or_404(self._base(), nis_code=self.kwargs["nis_code"])


class ProductCategoryViewSet(viewsets.ReadOnlyModelViewSet):
    """The 40 ORDS product categories (use ``ords_id`` when registering)."""

    serializer_class = ProductCategorySerializer
    queryset = ProductCategory.objects.all()
    lookup_field = "ords_id"
    lookup_value_regex = r"[0-9]+"
    ordering_fields = ["ords_id", "name_nl", "name_en"]
    ordering = ["ords_id"]
