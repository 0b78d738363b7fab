"""Read-only representations of the network registry."""

from __future__ import annotations

from rest_framework import serializers

from repairlocale.network.models import Hub, Municipality, Organisation, Site
from repairlocale.repairs.models import ProductCategory


class OrganisationSerializer(serializers.ModelSerializer):
    site_count = serializers.IntegerField(read_only=True)
    # Plain strings: empty when unknown (an empty string is no e-mail or URL).
    email = serializers.CharField(read_only=True)
    website = serializers.CharField(read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "type",
            "description",
            "email",
            "phone",
            "website",
            "enterprise_number",
            "pilot_region",
            "parent",
            "site_count",
            "is_demo",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class SiteSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="nis_code",
        read_only=True,
        help_text="NIS code of the municipality.",
    )
    municipality_name = serializers.CharField(
        source="municipality.name_nl", read_only=True
    )

    class Meta:
        model = Site
        fields = [
            "id",
            "organisation",
            "name",
            "kind",
            "street",
            "postcode",
            "municipality",
            "municipality_name",
            "latitude",
            "longitude",
            "opening_hours",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class HubSerializer(serializers.ModelSerializer):
    email = serializers.CharField(read_only=True)
    website = serializers.CharField(read_only=True)
    municipalities = serializers.SlugRelatedField(
        slug_field="nis_code",
        many=True,
        read_only=True,
        help_text="NIS codes of the municipalities in the hub region.",
    )

    class Meta:
        model = Hub
        fields = [
            "id",
            "name",
            "organisation",
            "pilot_region",
            "description",
            "website",
            "email",
            "municipalities",
            "is_demo",
        ]
        read_only_fields = fields


class MunicipalitySerializer(serializers.ModelSerializer):
    province = serializers.SlugRelatedField(
        slug_field="nis_code",
        read_only=True,
        allow_null=True,
        help_text="NIS code of the province (null in Brussels).",
    )
    province_name = serializers.CharField(
        source="province.name_nl", read_only=True, allow_null=True, default=None
    )
    postcodes = serializers.SerializerMethodField()

    class Meta:
        model = Municipality
        fields = [
            "nis_code",
            "name_nl",
            "name_fr",
            "province",
            "province_name",
            "region",
            "latitude",
            "longitude",
            "postcodes",
        ]
        read_only_fields = fields

    def get_postcodes(self, obj: Municipality) -> list[str]:
        return sorted({pc.code for pc in obj.postal_codes.all()})


class ProductCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ProductCategory
        fields = [
            "ords_id",
            "ords_name",
            "name_nl",
            "name_en",
            "powered",
            "typical_weight_kg",
        ]
        read_only_fields = fields
