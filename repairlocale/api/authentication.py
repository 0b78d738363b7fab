"""How API calls say who they are: a personal token, or the browser session."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from repairlocale.api.tokens import api_token_authenticate

KEYWORD = "Bearer"


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer rl_…`` with a personal API token.

    The answer is in the owner's preferred language, as their pages are.
    """

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as 'Authorization: Bearer <token>'.")
            )
        try:
            token = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        row = api_token_authenticate(token)
        if row is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        translation.activate(row.user.preferred_language)
        request.LANGUAGE_CODE = translation.get_language()
        return row.user, row

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 (not 403) to calls without credentials.
        return f'{KEYWORD} realm="api"'
