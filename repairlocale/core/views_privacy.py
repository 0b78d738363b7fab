"""The personal-data register, and export and erasure of one person (coordinators).

Network coordinators and administrators read the register and export a person's
data; erasing needs a typed confirmation, and only administrators may erase a
coordinator or administrator. Nobody erases their own account here.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from repairlocale.core import privacy


def _require_coordinator(request: HttpRequest) -> None:
    if not request.user.is_network_coordinator:
        raise PermissionDenied


def export_response(data: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def register(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    return render(
        request,
        "core/privacy_register.html",
        {
            "apps": privacy.register_entries(),
            "days": {
                name: privacy.retention_days(name) for name in privacy.DEFAULT_DAYS
            },
        },
    )


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Name, login or e-mail"), max_length=120)


@login_required
@never_cache
def people(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    form = PersonSearchForm(request.GET or None)
    results = []
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        results = (
            get_user_model()
            .objects.filter(
                Q(username__icontains=q)
                | Q(email__icontains=q)
                | Q(first_name__icontains=q)
                | Q(last_name__icontains=q)
            )
            .order_by("last_name", "first_name", "username")[:50]
        )
    return render(
        request, "core/privacy_people.html", {"form": form, "results": results}
    )


def _may_erase(by, person) -> bool:
    if person.pk == by.pk:
        return False
    if person.is_superuser or person.global_role:
        return by.is_administrator
    return True


class EraseForm(forms.Form):
    confirm = forms.CharField(
        label=gettext_lazy("Type the login name to confirm"), max_length=150
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"].strip()
        if value != self.person.username:
            raise forms.ValidationError(_("This is not the login name of this person."))
        return value


@login_required
@never_cache
def person(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    person = get_object_or_404(get_user_model(), pk=pk)
    return _person_page(request, person, EraseForm(person=person))


def _summary(data: dict) -> list[tuple[str, str, int]]:
    """(module, kind, number of items) for the person page."""
    rows = []
    for app_label, value in data.items():
        if not isinstance(value, dict):
            continue
        for key, items in value.items():
            if isinstance(items, list | dict):
                rows.append((app_label, key, len(items)))
    return rows


def _person_page(request, person, form, status=200) -> HttpResponse:
    return render(
        request,
        "core/privacy_person.html",
        {
            "person": person,
            "summary": _summary(privacy.person_export(person)),
            "form": form,
            "may_erase": _may_erase(request.user, person) and not person.is_erased,
        },
        status=status,
    )


@login_required
@never_cache
def person_export(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    person = get_object_or_404(get_user_model(), pk=pk)
    return export_response(
        privacy.person_export(person), f"persoonsgegevens-{person.pk}.json"
    )


@login_required
@require_POST
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    person = get_object_or_404(get_user_model(), pk=pk)
    if not _may_erase(request.user, person):
        raise PermissionDenied
    form = EraseForm(request.POST, person=person)
    if person.is_erased or not form.is_valid():
        return _person_page(request, person, form, status=400)
    privacy.person_erase(person, by=request.user)
    messages.success(
        request,
        _(
            "The personal data of this person was erased; their records still count, "
            "anonymised."
        ),
    )
    return redirect("core:privacy_person", pk=person.pk)
