"""The API's pages for people: the guide, Swagger UI, Redoc and token management.

Swagger UI and Redoc come from drf-spectacular-sidecar's static files, started by
our own script (no inline script, no CDN), so they run under the site's strict
Content-Security-Policy and without internet.
"""

from __future__ import annotations

from csp.constants import NONCE
from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from repairlocale.api.forms import ApiTokenForm
from repairlocale.api.models import ApiToken
from repairlocale.api.tokens import api_token_create, api_token_revoke


def api_index(request: HttpRequest) -> HttpResponse:
    """How to authenticate and call the API, with curl examples (public)."""
    base = request.build_absolute_uri(reverse("api:organisation-list"))
    return render(
        request,
        "api/index.html",
        {
            "api_base": base.rsplit("/organisations/", 1)[0],
            "schema_url": request.build_absolute_uri(reverse("api:schema")),
        },
    )


def swagger_ui(request: HttpRequest) -> HttpResponse:
    return render(request, "api/swagger_ui.html")


# What Redoc needs beyond the site's policy, on its page only. Scripts stay 'self'.
REDOC_POLICY = {
    # Redoc's styled-components put this response's nonce on their <style>
    # elements; two fixed ones are inserted before Redoc starts (the empty element
    # and the scrollbar's CSS of the vendored bundle), allowed by their hashes.
    "style-src": [
        NONCE,
        "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
        "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
    ],
    # The search index runs in a worker that Redoc's own (same-origin) script
    # creates from a blob; no page can start a script this way without already
    # running one.
    "worker-src": ["blob:"],
}


@csp_update(REDOC_POLICY)
def redoc(request: HttpRequest) -> HttpResponse:
    """Redoc from our static files (see REDOC_POLICY for its policy)."""
    return render(request, "api/redoc.html")


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """Your tokens; POST creates one and shows it, once."""
    form = ApiTokenForm(request.POST or None, user=request.user)
    new_token = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _row, new_token = api_token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    can_write=form.cleaned_data["can_write"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                form = ApiTokenForm(user=request.user)
        if form.errors:
            status = 422
    response = render(
        request,
        "api/token_list.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": request.user.api_tokens.order_by("revoked_at", "-created_at"),
        },
        status=status,
    )
    # The page may hold a new token: never keep it in a cache.
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(token=token)
    messages.success(
        request,
        _("Token “%(name)s” revoked: it no longer works.") % {"name": token.name},
    )
    return redirect("api:token_list")
