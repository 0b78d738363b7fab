"""The audit trail pages: an object's history and the network-wide log."""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from repairlocale.audit.forms import LogFilterForm
from repairlocale.audit.permissions import may_read_history, scope_for
from repairlocale.audit.registry import by_key
from repairlocale.audit.selectors import entries_for, log_rows, object_rows
from repairlocale.core.pagination import paginate

PER_PAGE = 50


@login_required
def object_history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Who changed what and when on one object (and its steps, sites, …)."""
    audited = by_key().get(kind)
    if audited is None:
        raise Http404
    obj = audited.model._default_manager.filter(pk=pk).first()
    latest = (
        audited.history_model.objects.filter(id=pk)
        .order_by("-history_date", "-history_id")
        .first()
    )
    subject = obj or latest
    if subject is None or not may_read_history(request.user, audited, subject):
        raise Http404
    rows = object_rows(audited=audited, pk=pk, scope_user=request.user)
    page = paginate(request, rows, per_page=PER_PAGE)
    entries = entries_for(list(page.object_list), user=request.user)
    own = [e for e in entries if e.audited is audited]
    return render(
        request,
        "audit/object_history.html",
        {
            "audited": audited,
            "obj": obj,
            "title": own[0].label if own else f"{audited.verbose_name} #{pk}",
            "back_url": _absolute_url(obj),
            "page": page,
            "entries": entries,
        },
    )


def _absolute_url(obj) -> str:
    try:
        return obj.get_absolute_url() if obj is not None else ""
    except AttributeError:
        return ""


@login_required
def log(request: HttpRequest) -> HttpResponse:
    """Every change the person may read, newest first, with filters.

    Coordinators read the whole network (trainee data excepted); managers the
    organisations they manage; coaches the trainees they coach. Others see an empty
    log (the menu offers the page to everyone).
    """
    scope = scope_for(request.user)
    form = LogFilterForm(request.GET or None, scope=scope)
    rows = None
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        rows = log_rows(
            scope=scope,
            kinds=[data["kind"]] if data.get("kind") else None,
            organisation_id=data["organisation"].pk
            if data.get("organisation")
            else None,
            user_ids=_users_named(data["user"]) if data.get("user") else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
    page = paginate(request, rows if rows is not None else [], per_page=PER_PAGE)
    return render(
        request,
        "audit/log.html",
        {
            "filter": SimpleNamespace(form=form),
            "page": page,
            "entries": entries_for(list(page.object_list), user=request.user),
            "scope": scope,
        },
    )


def _users_named(text: str):
    from repairlocale.accounts.models import User

    text = text.strip()
    return User.objects.filter(
        Q(username__icontains=text)
        | Q(first_name__icontains=text)
        | Q(last_name__icontains=text)
    ).values("pk")
