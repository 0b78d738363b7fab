"""PDFs from Django templates with WeasyPrint, without any network access.

Stylesheets are linked as ``{% static %}`` URLs and read from disk (STATIC_ROOT after
collectstatic, else the staticfiles finders); every other URL is refused, so a PDF
never makes WeasyPrint fetch anything from the network.
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcherResponse


def static_file(url: str, *, base_url: str) -> Path:
    """The file on disk behind a static URL; ValueError for anything else."""
    prefix = urljoin(base_url, settings.STATIC_URL)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not url.startswith(prefix):
        raise ValueError(f"Refused to fetch {url!r}: only static files are served.")
    relative = posixpath.normpath(unquote(parts.path[len(urlsplit(prefix).path) :]))
    if relative.startswith(("..", "/")) or relative == ".":
        raise ValueError(f"Refused to fetch {url!r}: outside the static files.")
    candidates = []
    if settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / relative).resolve()
        if candidate.is_relative_to(root):
            candidates.append(candidate)
    # The finders check that the path stays inside each static directory.
    found = finders.find(relative)
    if found:
        candidates.append(Path(found))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ValueError(f"Static file not found: {relative}")


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves /static/… from disk and refuses every other URL."""

        def __init__(self, base_url: str) -> None:
            # Any fetch error is a bug in our templates: fail instead of printing a
            # PDF without its stylesheet.
            super().__init__(fail_on_errors=True)
            self.base_url = base_url

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            path = static_file(url, base_url=self.base_url)
            content_type = (
                mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            )
            return URLFetcherResponse(
                url, path.read_bytes(), {"Content-Type": content_type}
            )

    return StaticOnlyFetcher


def render_pdf(
    template: str,
    context: dict[str, Any],
    request: HttpRequest,
    *,
    css: str = "",
) -> bytes:
    """Render ``template`` to a PDF; ``css`` is an extra stylesheet (label geometry).

    WeasyPrint is imported here: it loads Pango and friends, which most requests of
    this site never need.
    """
    import weasyprint

    base_url = request.build_absolute_uri("/")
    fetcher = _fetcher_class()(base_url)
    html = render_to_string(template, context, request=request)
    stylesheets = [weasyprint.CSS(string=css, url_fetcher=fetcher)] if css else []
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=stylesheets)
