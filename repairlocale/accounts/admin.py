from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from repairlocale.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "global_role",
        "is_active",
    ]
    list_filter = ["global_role", "is_active", "is_staff", "is_superuser"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Repair Locale"), {"fields": ("global_role", "preferred_language")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (
            _("Repair Locale"),
            {"fields": ("email", "global_role", "preferred_language")},
        ),
    )
