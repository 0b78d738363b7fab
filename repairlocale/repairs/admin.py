from django.contrib import admin

from repairlocale.repairs.models import ProductCategory


@admin.register(ProductCategory)
class ProductCategoryAdmin(admin.ModelAdmin):
    list_display = ["ords_id", "ords_name", "name_nl", "name_en", "powered"]
    list_filter = ["powered"]
    search_fields = ["ords_name", "name_nl", "name_en"]
    ordering = ["ords_id"]
    # The 40 categories and their ids are fixed by the ORDS standard and loaded by a
    # migration; exports depend on them, so staff may only adjust the display names.
    readonly_fields = ["ords_id", "ords_name"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
