"""Search, the lessons side by side, and the coordinators' review queue."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from repairlocale.cases import search as search_engine
from repairlocale.cases import selectors
from repairlocale.cases.forms import SearchForm
from repairlocale.cases.models import SearchDocument
from repairlocale.cases.permissions import require_coordinator
from repairlocale.core.pagination import paginate
from repairlocale.needs.models import Theme


def _url(document: SearchDocument) -> str:
    if document.kind == SearchDocument.Kind.ACTIVITY:
        return reverse("cases:activity_detail", args=[document.object_id])
    url = reverse("cases:case_detail", args=[document.case_id_for_link])
    if document.kind == SearchDocument.Kind.LESSON:
        url += f"#factor-{document.object_id}"
    return url


@login_required
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context = {"form": form, "page": None, "asked": bool(request.GET)}
    if form.is_valid():
        query = form.cleaned_data["q"]
        context["no_words"] = not search_engine.query_terms(query)
        if not context["no_words"]:
            data = form.cleaned_data
            filters = search_engine.SearchFilters(
                region=data["region"],
                hub_id=data["hub"].pk if data["hub"] else None,
                activity_type_id=data["activity_type"].pk
                if data["activity_type"]
                else None,
                theme=data["theme"],
                target_group=data["target_group"],
                date_from=data["date_from"],
                date_to=data["date_to"],
                kind=data["kind"],
            )
            page = paginate(
                request,
                search_engine.search(query, user=request.user, filters=filters),
                per_page=20,
            )
            for document in page:
                document.url = _url(document)
                document.title_html = search_engine.highlight(document.title, query)
                document.body_html = search_engine.highlight(document.body, query)
            context["page"] = page
    return render(request, "cases/search.html", context)


@login_required
def lessons(request: HttpRequest) -> HttpResponse:
    theme = request.GET.get("theme", "")
    if theme not in Theme.values:
        theme = ""
    return render(
        request,
        "cases/lessons.html",
        {
            "rows": selectors.lessons_by_theme(user=request.user, theme=theme),
            "themes": Theme.choices,
            "theme": theme,
        },
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user)
    return render(request, "cases/review_queue.html", selectors.review_queue())
