"""Middleware shared by every app."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from repairlocale.core.db_router import pin_primary

PIN_COOKIE = "rl_primary"
# Longer than the replica's expected lag; after it, reads may go to the replica again.
PIN_SECONDS = 10


class PinPrimaryAfterWriteMiddleware:
    """Read from the primary during and shortly after a user's write.

    Without this, a user who saves a form and is redirected could read the page from a
    replica that has not yet received the change, and think the save was lost.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        wrote = request.method not in ("GET", "HEAD", "OPTIONS")
        pin_primary(wrote or PIN_COOKIE in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            pin_primary(False)
        if wrote:
            response.set_cookie(PIN_COOKIE, "1", max_age=PIN_SECONDS, httponly=True)
        return response


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Choose the language from the language cookie, else Dutch (nl-BE).

    Django's LocaleMiddleware also follows the browser's Accept-Language, which would
    show English to a Flemish workshop whose PCs run an English browser. The platform
    is Dutch first: English only when someone picks it (the switch sets the cookie;
    ``PreferredLanguageMiddleware`` applies the profile's choice after login).
    """

    def process_request(self, request: HttpRequest) -> None:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or ""
        try:
            language = translation.get_supported_language_variant(language)
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class RejectNulBytesMiddleware:
    """Answer 400 to a request whose path or query string holds a NUL byte.

    PostgreSQL refuses NUL in text ("cannot contain NUL (0x00) bytes"): any view
    that looks a URL part or a GET parameter up in the database (``/a/<code>/``,
    search boxes) turned ``%00`` into a server error there, while SQLite simply
    found nothing (found by fuzzing). Form fields are covered by Django's own
    ``ProhibitNullCharactersValidator``; this covers what never passes a form.
    Place it early in ``MIDDLEWARE``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            from django.http import HttpResponseBadRequest, JsonResponse

            message = translation.gettext(
                "The address contains a character that is not allowed."
            )
            if request.path.startswith("/api/"):
                # The API's one error body (repairlocale.api.exceptions).
                return JsonResponse(
                    {"errors": [{"code": "invalid", "detail": message, "attr": None}]},
                    status=400,
                )
            return HttpResponseBadRequest(message)
        return self.get_response(request)
