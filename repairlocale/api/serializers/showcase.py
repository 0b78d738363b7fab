"""Activities and cases (published ones public) and trainees (their coaches only)."""

from __future__ import annotations

from rest_framework import serializers

from repairlocale.cases.models import Activity, Case, Factor
from repairlocale.training.models import Trainee


class ActivitySerializer(serializers.ModelSerializer):
    activity_type = serializers.CharField(
        source="activity_type.__str__", help_text="The needs-mapping catalogue entry."
    )
    pilot_region = serializers.CharField(read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "title",
            "date",
            "activity_type",
            "target_group",
            "description",
            "participants",
            "outputs",
            "links",
            "hub",
            "organisation",
            "partners",
            "pilot_region",
            "status",
            "published_at",
        ]
        read_only_fields = fields


class FactorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Factor
        fields = ["kind", "factor", "theme", "context", "recommendation"]
        read_only_fields = fields


class CaseSerializer(serializers.ModelSerializer):
    tags = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    factors = FactorSerializer(many=True, read_only=True)
    pilot_region = serializers.CharField(read_only=True)
    contact_email = serializers.CharField(read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "title",
            "theme",
            "summary_nl",
            "summary_en",
            "context",
            "approach",
            "results",
            "hub",
            "organisation",
            "partners",
            "pilot_region",
            "tags",
            "factors",
            "contact_name",
            "contact_email",
            "status",
            "published_at",
        ]
        read_only_fields = fields


class TraineeSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name")
    is_erased = serializers.BooleanField()

    class Meta:
        model = Trainee
        fields = [
            "id",
            "organisation",
            "name",
            "first_name",
            "last_name",
            "programme",
            "start_date",
            "status",
            "outflow_kind",
            "outflow_date",
            "is_erased",
        ]
        read_only_fields = fields
