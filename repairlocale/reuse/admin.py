from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from repairlocale.reuse.models import (
    Appliance,
    AppliancePhoto,
    ReservedCode,
    ReuseCentre,
    Step,
)


@admin.register(ReuseCentre)
class ReuseCentreAdmin(admin.ModelAdmin):
    list_display = ["organisation", "code_prefix", "next_number"]
    search_fields = ["organisation__name", "code_prefix"]
    autocomplete_fields = ["organisation"]


@admin.register(ReservedCode)
class ReservedCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "centre", "created_at", "claimed_at"]
    list_filter = ["centre"]
    search_fields = ["code"]


class StepInline(admin.TabularInline):
    """Steps are append-only: the admin shows them but cannot change them."""

    model = Step
    fk_name = "appliance"
    fields = ["sequence", "kind", "performed_at", "performed_by", "passed", "notes"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AppliancePhotoInline(admin.TabularInline):
    """Photos are added on the fiche (checked and cleaned there); the admin can fix
    a caption or the kind, and delete a photo (its files go with it)."""

    model = AppliancePhoto
    fields = ["preview", "kind", "caption", "position", "taken_by", "created_at"]
    readonly_fields = ["preview", "taken_by", "created_at"]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("photo"))
    def preview(self, photo: AppliancePhoto) -> str:
        url = reverse("appliance_photo", args=[photo.appliance.code, photo.pk])
        return format_html('<a href="{}" target="_blank">{}</a>', url, _("open"))


@admin.register(Appliance)
class ApplianceAdmin(admin.ModelAdmin):
    list_display = ["code", "device_name", "organisation", "status", "intake_date"]
    list_filter = ["status", "channel", "organisation"]
    search_fields = ["code", "device_name", "brand", "model_number"]
    list_select_related = ["organisation"]
    readonly_fields = ["code", "status", "closed_on", "sale_price", "registered_by"]
    raw_id_fields = ["site", "source_municipality"]
    date_hierarchy = "intake_date"
    inlines = [StepInline, AppliancePhotoInline]


@admin.register(Step)
class StepAdmin(admin.ModelAdmin):
    list_display = ["appliance", "sequence", "kind", "performed_at", "passed"]
    list_filter = ["kind"]
    search_fields = ["appliance__code"]
    list_select_related = ["appliance"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
