from django.contrib import admin

from repairlocale.cases.models import Activity, ActivityPhoto, Case, Factor, Tag


class ActivityPhotoInline(admin.TabularInline):
    model = ActivityPhoto
    extra = 0


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "hub", "organisation", "status"]
    list_filter = ["status", "target_group"]
    search_fields = ["title"]
    inlines = [ActivityPhotoInline]


class FactorInline(admin.StackedInline):
    model = Factor
    extra = 0


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["title", "hub", "organisation", "theme", "status"]
    list_filter = ["status", "theme"]
    search_fields = ["title"]
    inlines = [FactorInline]


admin.site.register(Tag)
