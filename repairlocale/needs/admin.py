from django.contrib import admin

from repairlocale.needs.models import (
    ActivityAnswer,
    Campaign,
    CampaignHub,
    CatalogueActivity,
)


@admin.register(CatalogueActivity)
class CatalogueActivityAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "theme", "effort", "is_active", "order"]
    list_filter = ["theme", "effort", "is_active"]
    search_fields = ["name_nl", "name_en"]


class CampaignHubInline(admin.TabularInline):
    model = CampaignHub
    extra = 0
    fields = ["hub", "status", "stage", "invited_at", "reminders_sent"]
    readonly_fields = ["invited_at", "reminders_sent"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "deadline", "invited_at", "is_demo"]
    inlines = [CampaignHubInline]
    filter_horizontal = ["activities"]


@admin.register(ActivityAnswer)
class ActivityAnswerAdmin(admin.ModelAdmin):
    list_display = ["campaign_hub", "activity", "interest", "timing"]
    list_filter = ["campaign_hub__campaign", "interest"]
    list_select_related = ["campaign_hub__campaign", "campaign_hub__hub", "activity"]
