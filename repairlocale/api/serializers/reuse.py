"""The hergebruikfiche in the API: appliances, their steps, intake and new steps.

Input serializers check the shape of a request (types, choices) so the schema can
describe it; the rules are then checked by the very forms and services the
workshop pages use (``reuse.forms``, ``reuse.services``), so that a call through
the API can do exactly what the page can, no more.
"""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from repairlocale.api.filters import MAX_ID
from repairlocale.repairs.models import RepairBarrier, RepairStatus
from repairlocale.reuse.models import (
    REJECTION_CRITERIA,
    REUSE_CRITERIA,
    Appliance,
    CollectionChannel,
    EEECategory,
    Step,
    StepKind,
)
from repairlocale.reuse.services import MAX_BULK_INTAKE


class PersonSerializer(serializers.Serializer):
    """A colleague, as the fiche names them to the centre's members."""

    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class ApplianceSerializer(serializers.ModelSerializer):
    product_category = serializers.IntegerField(
        source="product_category.ords_id", help_text="ORDS product category id."
    )
    product_category_name = serializers.CharField(source="product_category.name")
    source_municipality = serializers.SlugRelatedField(
        slug_field="nis_code",
        read_only=True,
        allow_null=True,
        help_text="NIS code of the municipality the appliance came from.",
    )
    fiche_url = serializers.SerializerMethodField(
        help_text="The permanent URL printed on the appliance's label."
    )

    class Meta:
        model = Appliance
        fields = [
            "code",
            "fiche_url",
            "organisation",
            "site",
            "intake_date",
            "channel",
            "source_municipality",
            "product_category",
            "product_category_name",
            "eee_category",
            "device_name",
            "brand",
            "model_number",
            "production_year",
            "weight_kg",
            "weight_measured",
            "remarks",
            "status",
            "closed_on",
            "sale_price",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_fiche_url(self, obj: Appliance) -> str:
        request = self.context.get("request")
        url = reverse("appliance_fiche", args=[obj.code])
        return request.build_absolute_uri(url) if request else url


class StrictInputSerializer(serializers.Serializer):
    """Refuses fields it does not know, instead of silently dropping them."""

    def validate(self, attrs: dict) -> dict:
        from django.utils.translation import gettext

        if isinstance(self.initial_data, dict):
            unknown = sorted(set(self.initial_data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {
                        name: serializers.ErrorDetail(
                            gettext("Unknown field."), code="unknown_field"
                        )
                        for name in unknown
                    }
                )
        return attrs


class IntakeSerializer(StrictInputSerializer):
    """Register one appliance, or ``quantity`` identical ones (the intake page)."""

    organisation = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        help_text="Id of the reuse centre (an organisation you edit for).",
    )
    site = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text="Id of an active site of the centre.",
    )
    intake_date = serializers.DateField(
        required=False, help_text="Defaults to today; never in the future."
    )
    channel = serializers.ChoiceField(choices=CollectionChannel.choices)
    product_category = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="ORDS product category id."
    )
    eee_category = serializers.ChoiceField(choices=EEECategory.choices)
    device_name = serializers.CharField(max_length=120)
    brand = serializers.CharField(max_length=80, required=False, allow_blank=True)
    model_number = serializers.CharField(
        max_length=80, required=False, allow_blank=True
    )
    production_year = serializers.IntegerField(
        required=False, allow_null=True, min_value=1900, max_value=9999
    )
    weight_kg = serializers.DecimalField(
        max_digits=7,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        help_text="Leave out to use the category's typical weight.",
    )
    weight_measured = serializers.BooleanField(required=False, default=True)
    remarks = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="A pre-printed label's code (or its URL); leave out for a new code.",
    )
    quantity = serializers.IntegerField(
        required=False, default=1, min_value=1, max_value=MAX_BULK_INTAKE
    )
    source_postcode = serializers.CharField(
        required=False, allow_blank=True, max_length=4
    )


class CriteriaSerializer(serializers.Serializer):
    """The decree's re-use criteria, each true when it holds."""

    def get_fields(self):
        return {
            key: serializers.BooleanField(required=False, help_text=str(label))
            for key, label in REUSE_CRITERIA.items()
        }


class StepSerializer(serializers.ModelSerializer):
    performed_by = PersonSerializer(read_only=True, allow_null=True)
    repairer = PersonSerializer(read_only=True, allow_null=True)
    supervisor = PersonSerializer(read_only=True, allow_null=True)
    corrects = serializers.IntegerField(
        source="corrects.sequence",
        allow_null=True,
        default=None,
        help_text="Number of the step this one corrects.",
    )
    rejection_reasons = serializers.ListField(
        child=serializers.ChoiceField(choices=list(REJECTION_CRITERIA.items()))
    )
    criteria = CriteriaSerializer()
    # Declared so that the schema allows them empty (steps other than a repair).
    repair_outcome = serializers.ChoiceField(
        choices=RepairStatus.choices, allow_blank=True, read_only=True
    )
    barrier = serializers.ChoiceField(
        choices=RepairBarrier.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Step
        fields = [
            "sequence",
            "kind",
            "performed_at",
            "performed_by",
            "corrects",
            "passed",
            "duration_minutes",
            "notes",
            "rejection_reasons",
            "defects",
            "earth_resistance_ohm",
            "insulation_resistance_mohm",
            "leakage_current_ma",
            "instrument",
            "diagnosis",
            "fault_type",
            "parts_used",
            "parts_cost",
            "repairer",
            "supervisor",
            "repair_outcome",
            "barrier",
            "wipe_method",
            "criteria",
            "price",
            "warranty_months",
            "sold_on",
            "harvested_parts",
            "weee_stream",
        ]
        read_only_fields = fields


def step_input_fields(kind: str) -> set[str]:
    """The input fields a kind of step takes: those of its form on the fiche."""
    from repairlocale.reuse.forms import STEP_FORMS

    fields = {"kind", "corrects", *STEP_FORMS[kind]._meta.fields}
    if kind == StepKind.CRITERIA_CHECK:
        fields.add("criteria")
    return fields


def _decimal(max_digits: int, places: int, help_text: str = ""):
    return serializers.DecimalField(
        max_digits=max_digits,
        decimal_places=places,
        min_value=0,
        required=False,
        allow_null=True,
        help_text=help_text,
    )


class StepInputSerializer(StrictInputSerializer):
    """A new step on the fiche. Send ``kind`` and the fields of that kind only.

    triage: rejection_reasons, defects · safety_test: passed, earth_resistance_ohm,
    insulation_resistance_mohm, leakage_current_ma, instrument, trainee ·
    functional_test: passed, defects · repair: repair_outcome, barrier, diagnosis,
    fault_type, parts_used, parts_cost, repairer, supervisor, trainee · data_wipe:
    wipe_method, passed · cleaning: (none) · criteria_check: criteria · pricing:
    price, warranty_months · sale: sold_on, price · parts_harvest: harvested_parts ·
    recycling: weee_stream.
    Every kind also takes duration_minutes (not pricing, sale, recycling), notes and
    corrects.
    """

    kind = serializers.ChoiceField(choices=StepKind.choices)
    corrects = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text="Number (sequence) of the step this one corrects; same kind.",
    )
    duration_minutes = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=32767
    )
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    passed = serializers.BooleanField(required=False, allow_null=True)
    rejection_reasons = serializers.ListField(
        child=serializers.ChoiceField(choices=list(REJECTION_CRITERIA.items())),
        required=False,
        help_text="Triage: the decree's grounds to refuse; empty accepts.",
    )
    defects = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    earth_resistance_ohm = _decimal(7, 3)
    insulation_resistance_mohm = _decimal(8, 2)
    leakage_current_ma = _decimal(7, 3)
    instrument = serializers.CharField(required=False, allow_blank=True, max_length=120)
    diagnosis = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    fault_type = serializers.CharField(required=False, allow_blank=True, max_length=120)
    parts_used = serializers.CharField(
        required=False, allow_blank=True, max_length=5000
    )
    parts_cost = _decimal(8, 2, "EUR")
    repairer = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text="User id of a member of the centre.",
    )
    trainee = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text="Safety test and repair: id of the trainee who did it (training "
        "evidence), as on the fiche.",
    )
    supervisor = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text="User id of a member of the centre.",
    )
    repair_outcome = serializers.ChoiceField(
        choices=[c for c in RepairStatus.choices if c[0] != RepairStatus.UNKNOWN],
        required=False,
    )
    barrier = serializers.ChoiceField(
        choices=RepairBarrier.choices, required=False, allow_blank=True
    )
    wipe_method = serializers.CharField(
        required=False, allow_blank=True, max_length=120
    )
    criteria = CriteriaSerializer(required=False)
    price = _decimal(8, 2, "EUR")
    warranty_months = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=60
    )
    sold_on = serializers.DateField(required=False, allow_null=True)
    harvested_parts = serializers.CharField(
        required=False, allow_blank=True, max_length=5000
    )
    weee_stream = serializers.CharField(
        required=False, allow_blank=True, max_length=120
    )

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        kind = attrs["kind"]
        unused = sorted(set(attrs) - step_input_fields(kind))
        if unused:
            raise serializers.ValidationError(
                {
                    name: serializers.ErrorDetail(
                        _unused_message(kind), code="not_for_this_step"
                    )
                    for name in unused
                }
            )
        return attrs


def _unused_message(kind: str) -> str:
    from django.utils.translation import gettext

    return gettext("A %(step)s step does not take this field.") % {
        "step": StepKind(kind).label
    }


class IntakeResultSerializer(serializers.Serializer):
    appliances = ApplianceSerializer(many=True, help_text="The new appliances.")


class StepCreatedSerializer(serializers.Serializer):
    step = StepSerializer()
    appliance = ApplianceSerializer()
