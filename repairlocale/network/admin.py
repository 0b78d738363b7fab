from django.contrib import admin

from repairlocale.network.models import (
    Hub,
    Membership,
    Municipality,
    Organisation,
    Partnership,
    PostalCode,
    Province,
    Site,
)


class PostalCodeInline(admin.TabularInline):
    model = PostalCode
    extra = 0


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_fr", "nis_code", "region"]
    list_filter = ["region"]
    search_fields = ["name_nl", "name_fr", "nis_code"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_fr", "nis_code", "province", "region"]
    list_filter = ["region", "province"]
    search_fields = ["name_nl", "name_fr", "nis_code", "postal_codes__code"]
    list_select_related = ["province"]
    inlines = [PostalCodeInline]


@admin.register(PostalCode)
class PostalCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "municipality"]
    search_fields = ["code", "municipality__name_nl"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]


class SiteInline(admin.StackedInline):
    model = Site
    extra = 0
    autocomplete_fields = ["municipality"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ["user", "invited_by"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "pilot_region", "parent", "is_demo"]
    list_filter = ["type", "pilot_region", "is_demo"]
    search_fields = ["name", "enterprise_number", "email"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    inlines = [SiteInline, MembershipInline]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "postcode", "municipality"]
    list_filter = ["kind", "municipality__province"]
    search_fields = ["name", "organisation__name", "postcode", "street"]
    list_select_related = ["organisation", "municipality"]
    autocomplete_fields = ["organisation", "municipality"]


@admin.register(Hub)
class HubAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "pilot_region", "is_demo"]
    list_filter = ["pilot_region", "is_demo"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation", "municipalities"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "hub", "role", "start_date", "end_date"]
    list_filter = ["role", "hub"]
    search_fields = ["organisation__name", "hub__name", "description"]
    list_select_related = ["organisation", "hub"]
    autocomplete_fields = ["organisation", "hub"]
    date_hierarchy = "start_date"


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__username", "organisation__name"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation", "invited_by"]
