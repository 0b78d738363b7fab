from django.contrib import admin, messages
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from repairlocale.impact.models import CategoryFactor, Methodology


class CategoryFactorInline(admin.TabularInline):
    model = CategoryFactor
    fields = ["product_category", "weight_kg", "footprint_kg_co2e", "source"]
    autocomplete_fields = ["product_category"]
    ordering = ["product_category__ords_id"]
    extra = 0


@admin.register(Methodology)
class MethodologyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "version",
        "slug",
        "displacement_factor",
        "is_default",
        "published_on",
    ]
    list_filter = ["is_default"]
    search_fields = ["name", "slug", "version"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CategoryFactorInline]
    actions = ["copy_as_new_version"]

    @admin.action(description=_("Copy as a new version (not default)"))
    def copy_as_new_version(self, request, queryset):
        # Published figures name their version, so a version is never edited once
        # used: changes start from a copy with its own version number.
        for methodology in queryset:
            factors = list(methodology.factors.all())
            original = str(methodology)
            try:
                with transaction.atomic():
                    methodology.pk = None
                    methodology._state.adding = True
                    methodology.version = f"{methodology.version}-copy"
                    methodology.is_default = False
                    methodology.save()
                    for factor in factors:
                        factor.pk = None
                        factor._state.adding = True
                        factor.methodology = methodology
                    bulk_create_with_history(
                        factors, CategoryFactor, default_user=request.user
                    )
            except IntegrityError:
                messages.error(
                    request,
                    _("A copy of %(methodology)s exists already: rename it first.")
                    % {"methodology": original},
                )
                continue
            messages.success(
                request,
                _("Created %(methodology)s.") % {"methodology": methodology},
            )


@admin.register(CategoryFactor)
class CategoryFactorAdmin(admin.ModelAdmin):
    list_display = [
        "methodology",
        "product_category",
        "weight_kg",
        "footprint_kg_co2e",
    ]
    list_filter = ["methodology"]
    search_fields = ["product_category__ords_name", "product_category__name_nl"]
    list_select_related = ["methodology", "product_category"]
    autocomplete_fields = ["product_category"]
