"""One paginator for every list page."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, queryset, *, per_page: int = 25) -> Page:
    """The requested page; out-of-range or junk page numbers give the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
