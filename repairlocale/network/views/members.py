"""Managers invite and manage their organisation's members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from repairlocale.network.forms import MembershipInviteForm, MembershipRoleForm
from repairlocale.network.models import Membership
from repairlocale.network.permissions import get_organisation_for_user
from repairlocale.network.services import (
    membership_change_role,
    membership_invite,
    membership_remove,
)


@login_required
def member_invite(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, manage=True)
    form = MembershipInviteForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            membership = membership_invite(
                organisation=organisation,
                invited_by=request.user,
                language=request.LANGUAGE_CODE,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(person)s has been added; an invitation has been sent.")
                % {"person": membership.user.email},
            )
            return redirect(organisation)
    return render(
        request,
        "network/form.html",
        {
            "form": form,
            "title": _("Invite a member to %(name)s") % {"name": organisation},
            "cancel_href": organisation.get_absolute_url(),
            "submit_label": _("Invite"),
        },
    )


def _membership_for_manager(request: HttpRequest, pk: int, membership_pk: int):
    organisation = get_organisation_for_user(request, pk, manage=True)
    membership = get_object_or_404(
        Membership.objects.select_related("user"),
        pk=membership_pk,
        organisation=organisation,
    )
    return organisation, membership


@login_required
@require_POST
def member_role(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation, membership = _membership_for_manager(request, pk, membership_pk)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
        return redirect(organisation)
    try:
        membership_change_role(membership=membership, role=form.cleaned_data["role"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Changed the role of %(person)s.") % {"person": membership.user}
        )
    return redirect(organisation)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation, membership = _membership_for_manager(request, pk, membership_pk)
    try:
        membership_remove(membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(person)s is no longer a member of %(organisation)s.")
            % {"person": membership.user, "organisation": organisation},
        )
    return redirect(organisation)
