"""Repair records as ORDS v0.3 rows, and the impact summary."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from repairlocale.api.filters import MAX_ID
from repairlocale.impact.models import Methodology
from repairlocale.impact.selectors import methodology_resolve
from repairlocale.repairs.exports import ords_row
from repairlocale.repairs.models import RepairRecord, RepairRecordSource, RepairStatus
from repairlocale.repairs.ords_schema import REPAIR_BARRIERS


class OrdsRowSerializer(serializers.Serializer):
    """One row of the Open Repair Data Standard v0.3 (the 14 columns, in order)."""

    id = serializers.CharField(help_text="ORDS id, e.g. repairlocale-123.")
    data_provider = serializers.CharField()
    country = serializers.CharField(help_text="ISO 3166 alpha-3.")
    partner_product_category = serializers.CharField()
    product_category = serializers.CharField()
    product_category_id = serializers.IntegerField()
    brand = serializers.CharField()
    year_of_manufacture = serializers.CharField(
        allow_blank=True, help_text="Four digits, or empty."
    )
    product_age = serializers.FloatField(allow_null=True)
    repair_status = serializers.ChoiceField(choices=RepairStatus.values)
    repair_barrier_if_end_of_life = serializers.ChoiceField(
        choices=["", *REPAIR_BARRIERS], allow_blank=True
    )
    group_identifier = serializers.CharField()
    event_date = serializers.DateField()
    problem = serializers.CharField(
        allow_blank=True, help_text="E-mail addresses and phone numbers removed."
    )


class RepairRecordSerializer(OrdsRowSerializer):
    """A repair record: its ORDS row plus where it comes from on the platform."""

    id = serializers.IntegerField(help_text="The record's id in this API.")
    ords_id = serializers.CharField(help_text="The record's id in ORDS exports.")
    source = serializers.ChoiceField(choices=RepairRecordSource.choices)
    organisation = serializers.IntegerField(allow_null=True)
    event = serializers.IntegerField(
        allow_null=True, help_text="Id of the Repair Café event, if any."
    )

    def to_representation(self, instance: RepairRecord) -> dict:
        row = ords_row(instance)
        return super().to_representation(
            {
                **row,
                "id": instance.pk,
                "ords_id": row["id"],
                "source": instance.source,
                "organisation": instance.organisation_id,
                "event": instance.event_id,
                "product_age": float(row["product_age"])
                if row["product_age"] is not None
                else None,
            }
        )


class ImpactQuerySerializer(serializers.Serializer):
    methodology = serializers.CharField(
        required=False,
        max_length=100,
        help_text="slug or slug:version; the default methodology when left out.",
    )
    since = serializers.DateField(required=False)
    until = serializers.DateField(required=False)
    organisation = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="Only this organisation (one you belong to; any for coordinators).",
    )

    def validate_methodology(self, value: str) -> Methodology:
        try:
            return methodology_resolve(methodology=value)
        except Methodology.DoesNotExist:
            raise serializers.ValidationError(
                _("Unknown methodology."), code="does_not_exist"
            ) from None

    def validate(self, attrs: dict) -> dict:
        since, until = attrs.get("since"), attrs.get("until")
        if since and until and since > until:
            raise serializers.ValidationError(
                {"until": _("The end of the period lies before its start.")}
            )
        return attrs


class RepairImpactSerializer(serializers.Serializer):
    records = serializers.IntegerField()
    fixed = serializers.IntegerField()
    repairable = serializers.IntegerField()
    end_of_life = serializers.IntegerField()
    unknown = serializers.IntegerField()
    waste_kg = serializers.DecimalField(max_digits=20, decimal_places=2)
    co2e_kg = serializers.DecimalField(max_digits=20, decimal_places=2)


class ReuseImpactSerializer(serializers.Serializer):
    appliances = serializers.IntegerField(help_text="Appliances sold in the period.")
    waste_kg = serializers.DecimalField(max_digits=20, decimal_places=2)
    co2e_kg = serializers.DecimalField(max_digits=20, decimal_places=2)


class MethodologyRefSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    version = serializers.CharField()


class ImpactSummarySerializer(serializers.Serializer):
    methodology = MethodologyRefSerializer()
    since = serializers.DateField(allow_null=True)
    until = serializers.DateField(allow_null=True)
    organisations = serializers.ListField(
        child=serializers.IntegerField(),
        allow_null=True,
        help_text="The organisations counted; null means the whole network.",
    )
    repairs = RepairImpactSerializer(
        help_text="Repair records (workshop repairs of sold appliances count under "
        "reuse instead, never twice)."
    )
    reuse = ReuseImpactSerializer()
