"""Cases and collaborations with their success and failure factors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from repairlocale.cases import services
from repairlocale.cases.filters import CaseFilter
from repairlocale.cases.forms import CaseForm, FactorFormSet
from repairlocale.cases.models import Case
from repairlocale.cases.permissions import (
    can_write,
    get_case_for_user,
    writable_organisations,
)
from repairlocale.cases.views import _publication
from repairlocale.core.pagination import paginate


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    filterset = CaseFilter(
        request.GET, queryset=Case.objects.visible_to(request.user).for_list()
    )
    return render(
        request,
        "cases/case_list.html",
        {
            "filter": filterset,
            "page": paginate(request, filterset.qs),
            "can_create": writable_organisations(request.user).exists(),
        },
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "object": case,
            "factors": case.factors.all(),
            "can_edit": can_write(request.user, case),
        },
    )


def _case_form(request, *, case: Case | None, title: str) -> HttpResponse:
    form = CaseForm(request.POST or None, instance=case, user=request.user)
    factors = FactorFormSet(request.POST or None, instance=case, prefix="factors")
    if request.method == "POST" and form.is_valid() and factors.is_valid():
        saved = services.case_save(
            case=form.save(commit=False),
            partners=form.cleaned_data["partners"],
            tag_text=form.cleaned_data["tag_text"],
            factors=factors,
            by=request.user,
        )
        messages.success(request, _("Case saved."))
        return redirect(saved)
    return render(
        request,
        "cases/case_form.html",
        {
            "form": form,
            "factors": factors,
            "title": title,
            "cancel_href": case.get_absolute_url()
            if case
            else reverse("cases:case_list"),
        },
    )


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    if not writable_organisations(request.user).exists():
        raise PermissionDenied
    return _case_form(request, case=None, title=_("Write a case"))


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, write=True)
    return _case_form(request, case=case, title=_("Edit case"))


@login_required
@require_POST
def case_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _publication.submit(request, get_case_for_user(request, pk))


@login_required
@require_POST
def case_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _publication.publish(request, get_case_for_user(request, pk))


@login_required
def case_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _publication.return_to_draft(request, get_case_for_user(request, pk))
