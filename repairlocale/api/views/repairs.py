"""Repair records (scoped to your organisations), the ORDS export and impact.

Repair records are read by the members of the organisation that made them and by
network coordinators; imported datasets without an organisation only by
coordinators. The ORDS export holds every organisation's records, so only
coordinators use it, as on its page.
"""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from repairlocale.api.filters import RepairRecordFilter
from repairlocale.api.permissions import IsNetworkCoordinator, TokenScope
from repairlocale.api.serializers.repairs import (
    ImpactQuerySerializer,
    ImpactSummarySerializer,
    OrdsRowSerializer,
    RepairRecordSerializer,
)
from repairlocale.api.views.reuse import form_errors
from repairlocale.impact.selectors import impact_summary, reuse_impact
from repairlocale.network.models import Organisation
from repairlocale.repairs.exports import (
    data_providers,
    iter_ords_csv,
    iter_ords_json,
    ords_rows,
    records_for_export,
)
from repairlocale.repairs.models import RepairRecord
from repairlocale.repairs.views.exports import (
    CONTENT_TYPES,
    OrdsExportForm,
    _file_name,
)


def repair_records_visible_to(user):
    """Records of the organisations ``user`` belongs to; all for coordinators."""
    qs = RepairRecord.objects.select_related("product_category", "organisation")
    if user.is_network_coordinator:
        return qs
    return qs.filter(organisation__memberships__user=user)


class RepairRecordViewSet(viewsets.ReadOnlyModelViewSet):
    """Repair attempts (workshop, Repair Café, imported) as ORDS v0.3 rows."""

    serializer_class = RepairRecordSerializer
    lookup_value_regex = r"[0-9]+"
    filterset_class = RepairRecordFilter
    ordering_fields = ["event_date", "id"]
    ordering = ["-event_date", "-pk"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return RepairRecord.objects.none()
        return repair_records_visible_to(self.request.user).order_by(
            "-event_date", "-pk"
        )


class _FirstRenderer(BaseContentNegotiation):
    """The file format is chosen with ``format``, not with the Accept header."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class OrdsExportView(APIView):
    """The ORDS v0.3 export of the network's repair records (streamed)."""

    permission_classes = [IsAuthenticated, TokenScope, IsNetworkCoordinator]
    content_negotiation_class = _FirstRenderer
    has_query_parameters = True

    @extend_schema(
        summary="ORDS export (network coordinators)",
        description=(
            "Every repair record as Open Repair Data Standard v0.3 rows, as the "
            "ORDS export page: CSV (RFC 4180, UTF-8, a header row) or JSON (an "
            "array of objects with the 14 columns). Streamed."
        ),
        parameters=[
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                enum=["csv", "json"],
                default="csv",
                description="File format.",
            ),
            OpenApiParameter(
                "providers",
                OpenApiTypes.STR,
                many=True,
                explode=True,
                description="Only these data providers (repeat the parameter).",
            ),
            OpenApiParameter("since", OpenApiTypes.DATE, description="From (date)."),
            OpenApiParameter("until", OpenApiTypes.DATE, description="Up to (date)."),
            OpenApiParameter(
                "include_duplicates",
                OpenApiTypes.BOOL,
                description="Keep likely duplicates published by two providers.",
            ),
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(
                response=OpenApiTypes.STR, description="CSV file"
            ),
            (200, "application/json"): OrdsRowSerializer(many=True),
        },
    )
    def get(self, request):
        params = request.query_params.copy()
        params.setdefault("format", "csv")
        form = OrdsExportForm(params, providers=data_providers())
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        data = form.cleaned_data
        fmt = data["format"]
        rows = ords_rows(
            records_for_export(
                providers=data["providers"], since=data["since"], until=data["until"]
            ),
            include_duplicates=data["include_duplicates"],
        )
        stream = iter_ords_csv if fmt == "csv" else iter_ords_json
        response = StreamingHttpResponse(stream(rows), content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=_file_name(fmt)
        )
        patch_cache_control(response, private=True, no_store=True)
        return response


class ImpactSummaryView(APIView):
    """Waste and CO2e prevented by repairs and by re-use, under one methodology."""

    has_query_parameters = True

    @extend_schema(
        summary="Impact summary",
        description=(
            "The figures of the statistics page (impact selectors): repair records "
            "by status and what the Fixed ones prevented, and the appliances sold "
            "by reuse centres. Network coordinators see the whole network; others "
            "the organisations they belong to."
        ),
        parameters=[ImpactQuerySerializer],
        responses={200: ImpactSummarySerializer},
    )
    def get(self, request):
        query = ImpactQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        user = request.user
        visible = Organisation.objects.visible_to(user)
        if "organisation" in params:
            if not visible.filter(pk=params["organisation"]).exists():
                raise ValidationError(
                    {
                        "organisation": serializers.ErrorDetail(
                            _("Not an organisation you belong to."),
                            code="does_not_exist",
                        )
                    }
                )
            organisation_ids = [params["organisation"]]
        elif user.is_network_coordinator:
            organisation_ids = None
        else:
            organisation_ids = sorted(visible.values_list("pk", flat=True))
        methodology = params.get("methodology")
        since, until = params.get("since"), params.get("until")
        repairs = impact_summary(
            methodology=methodology,
            organisation_ids=organisation_ids,
            since=since,
            until=until,
        )
        reuse = reuse_impact(
            methodology=methodology,
            organisation_ids=organisation_ids,
            since=since,
            until=until,
        )
        body = {
            "methodology": {
                "name": repairs.methodology_name,
                "slug": repairs.methodology_slug,
                "version": repairs.methodology_version,
            },
            "since": since,
            "until": until,
            "organisations": organisation_ids,
            "repairs": repairs.as_dict(),
            "reuse": reuse.as_dict(),
        }
        return Response(ImpactSummarySerializer(body).data)
