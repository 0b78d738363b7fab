"""PDFs of the training module, printed with the reuse module's offline fetcher."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from repairlocale.reuse.pdf import render_pdf


def pdf_response(
    request: HttpRequest, template: str, context: dict[str, Any], filename: str
) -> HttpResponse:
    pdf = render_pdf(template, context, request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # Personal data: never kept by a shared cache or the browser's disk cache.
    response["Cache-Control"] = "private, no-store"
    return response
