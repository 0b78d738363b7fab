"""Appliances and their steps: read by the centre's members, written by its editors.

Writes go through the workshop's own forms and services (``IntakeForm`` and
``appliance_register`` for intake, the step forms and ``step_record`` for steps),
so the decree's rules and every check of the pages apply unchanged.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from repairlocale.api.filters import ApplianceFilter
from repairlocale.api.serializers.reuse import (
    ApplianceSerializer,
    IntakeResultSerializer,
    IntakeSerializer,
    StepCreatedSerializer,
    StepInputSerializer,
    StepSerializer,
)
from repairlocale.repairs.models import ProductCategory
from repairlocale.reuse.forms import STEP_FORMS, IntakeForm
from repairlocale.reuse.models import REUSE_CRITERIA, Appliance, Step, StepKind
from repairlocale.reuse.permissions import get_appliance_for_user, get_centre_for_user
from repairlocale.reuse.services import appliance_register, step_record

CODE_REGEX = r"[A-Za-z0-9-]+"


def form_errors(form: forms.Form, rename: dict[str, str] | None = None) -> dict:
    """A form's errors as DRF error details, under the API's field names."""
    rename = rename or {}
    errors: dict[str, list[serializers.ErrorDetail]] = {}
    for field, field_errors in form.errors.as_data().items():
        name = "non_field_errors" if field == "__all__" else rename.get(field, field)
        errors.setdefault(name, []).extend(
            serializers.ErrorDetail(message, code=error.code or "invalid")
            for error in field_errors
            for message in error.messages
        )
    return errors


def _form_value(value: Any) -> Any:
    """A validated API value as the workshop form reads it from a POST."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return value


def _appliances_for_response(appliances: list[Appliance]) -> list[Appliance]:
    return list(
        Appliance.objects.filter(pk__in=[a.pk for a in appliances])
        .select_related("product_category", "source_municipality")
        .order_by("code")
    )


@extend_schema_view(
    list=extend_schema(summary="Appliances of the centres you belong to"),
    retrieve=extend_schema(summary="One appliance (its hergebruikfiche head)"),
)
class ApplianceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Appliances at reuse centres: members read, editors register (intake)."""

    serializer_class = ApplianceSerializer
    filterset_class = ApplianceFilter
    lookup_field = "code"
    lookup_value_regex = CODE_REGEX
    ordering_fields = ["intake_date", "code", "updated_at", "status"]
    ordering = ["-intake_date", "-pk"]

    def get_queryset(self):
        return (
            Appliance.objects.visible_to(self.request.user)
            .select_related("product_category", "source_municipality")
            .order_by("-intake_date", "-pk")
        )

    def get_object(self):
        appliance = get_appliance_for_user(self.request, self.kwargs["code"])
        self.check_object_permissions(self.request, appliance)
        return appliance

    @extend_schema(
        summary="Register appliances (intake)",
        description=(
            "The intake page's form through the API: the same checks, the same "
            "codes. Registers one appliance, or `quantity` identical ones, and "
            "answers with the new appliances and their codes."
        ),
        request=IntakeSerializer,
        responses={201: IntakeResultSerializer},
    )
    def create(self, request, *args, **kwargs):
        intake = IntakeSerializer(data=request.data)
        intake.is_valid(raise_exception=True)
        data = dict(intake.validated_data)
        try:
            centre = get_centre_for_user(request, data.pop("organisation"), write=True)
        except Http404:
            raise ValidationError(
                {
                    "organisation": serializers.ErrorDetail(
                        _("Not a reuse centre you belong to."), code="does_not_exist"
                    )
                }
            ) from None
        category = ProductCategory.objects.filter(
            ords_id=data["product_category"]
        ).first()
        if category is None:
            raise ValidationError(
                {
                    "product_category": serializers.ErrorDetail(
                        _("Unknown ORDS product category."), code="does_not_exist"
                    )
                }
            )
        data["product_category"] = category.pk
        form_data = {name: _form_value(value) for name, value in data.items()}
        form_data.setdefault("intake_date", timezone.localdate())
        form = IntakeForm(data=form_data, organisation=centre)
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        appliances = appliance_register(
            organisation=centre,
            registered_by=request.user,
            data=form.appliance_data(),
            quantity=form.cleaned_data["quantity"],
            code=form.cleaned_data["code"],
        )
        output = IntakeResultSerializer(
            {"appliances": _appliances_for_response(appliances)},
            context=self.get_serializer_context(),
        )
        return Response(output.data, status=status.HTTP_201_CREATED)


CODE_PARAMETER = OpenApiParameter(
    "appliance_code",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The appliance's code, as on its label (e.g. RAD-000123).",
)


@extend_schema_view(
    list=extend_schema(
        summary="The steps of an appliance's fiche", parameters=[CODE_PARAMETER]
    ),
    create=extend_schema(
        summary="Record a step",
        description=(
            "Appends a step to the fiche after the decree's rules (the order of "
            "operations): the same form and service as the fiche page. A refused "
            "step answers 400 with the code `step_refused`. A correction names "
            "the step it corrects (`corrects`) and is of the same kind."
        ),
        parameters=[CODE_PARAMETER],
        request=StepInputSerializer,
        responses={201: StepCreatedSerializer},
    ),
)
class ApplianceStepViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The append-only steps of one appliance."""

    serializer_class = StepSerializer
    ordering_fields = ["sequence", "performed_at"]
    ordering = ["sequence"]

    def _appliance(self, *, write: bool = False) -> Appliance:
        return get_appliance_for_user(
            self.request, self.kwargs["appliance_code"], write=write
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Step.objects.none()
        return (
            self._appliance()
            .steps.select_related("performed_by", "repairer", "supervisor", "corrects")
            .order_by("sequence")
        )

    def create(self, request, *args, **kwargs):
        appliance = self._appliance(write=True)
        given = StepInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        kind = data["kind"]
        corrects = None
        if data.get("corrects"):
            corrects = Step.objects.filter(
                appliance=appliance, sequence=data["corrects"]
            ).first()
            if corrects is None:
                raise ValidationError(
                    {
                        "corrects": serializers.ErrorDetail(
                            _("This appliance has no step with that number."),
                            code="does_not_exist",
                        )
                    }
                )
        form_class = STEP_FORMS[kind]
        form_data = {
            name: _form_value(data[name])
            for name in form_class._meta.fields
            if name in data
        }
        rename = {}
        if kind == StepKind.CRITERIA_CHECK:
            criteria = data.get("criteria") or {}
            for key in REUSE_CRITERIA:
                form_data[f"criterion_{key}"] = bool(criteria.get(key))
                rename[f"criterion_{key}"] = f"criteria.{key}"
        form = form_class(data=form_data, organisation=appliance.organisation)
        if not form.is_valid():
            raise ValidationError(form_errors(form, rename))
        step = step_record(
            appliance=appliance,
            kind=kind,
            performed_by=request.user,
            data=form.step_data(),
            corrects=corrects,
        )
        [appliance] = _appliances_for_response([appliance])
        context = self.get_serializer_context()
        return Response(
            {
                "step": StepSerializer(step, context=context).data,
                "appliance": ApplianceSerializer(appliance, context=context).data,
            },
            status=status.HTTP_201_CREATED,
        )
