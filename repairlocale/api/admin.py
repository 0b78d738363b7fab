"""Personal API tokens in the admin: see who has which, revoke; never create or read."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from repairlocale.api.models import ApiToken
from repairlocale.api.tokens import api_token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "can_write", "last_used_at", "revoked_at"]
    list_filter = ["can_write", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username", "user__email"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "can_write",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        # Tokens are made by their owners, who alone see them once.
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            api_token_revoke(token=token)
        self.message_user(
            request,
            ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", len(tokens))
            % {"n": len(tokens)},
            messages.SUCCESS,
        )
