from django.contrib import admin

from repairlocale.pilots.models import (
    Milestone,
    PilotGoal,
    PilotLink,
    PilotPartner,
    PilotProject,
)


class PartnerInline(admin.TabularInline):
    model = PilotPartner
    extra = 0


class GoalInline(admin.TabularInline):
    model = PilotGoal
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class LinkInline(admin.TabularInline):
    model = PilotLink
    extra = 0


@admin.register(PilotProject)
class PilotProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "pilot_region", "focus", "start_date", "end_date"]
    list_filter = ["pilot_region", "focus"]
    inlines = [PartnerInline, GoalInline, MilestoneInline, LinkInline]
